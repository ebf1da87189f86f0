"""sybil: every Python snippet of the site and every docstring example of the package is a test.

* Markdown pages under ``docs/`` (``*.md`` at any depth, every language):
  fenced blocks in Python are run in order, one namespace per page. A block
  that starts with ``>>>`` is a doctest whose printed output is compared with
  the page; any other Python block is executed. The info string may be
  ``python``, ``pycon``, ``py`` or ``python3``, with or without attributes
  such as ``title="..."``: sybil's stock parser would skip all but a bare
  ``python`` without a word. ``tests/test_snippets.py`` checks that no
  Python-looking fence escapes collection.
* ``<!-- invisible-code-block: python -->`` runs setup a reader need not see;
  ``<!-- skip: next "reason" -->`` skips one block and must give a reason.
* Package docstrings (``momentum_docs/**/*.py``) are doctests.

A failing snippet is reported as ``docs/<page>.md::line:<n>``.

The second half of this file holds the fixture of the site tests: one strict
build of the whole site per test session.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from pathlib import Path

import pytest
from sybil import Document, Region, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import ClearNamespaceParser, CodeBlockParser, PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

DOCTEST_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

#: the first word of a fence's info string that marks Python code (compared in lower case)
PYTHON_LANGUAGES = frozenset({"python", "pycon", "py", "python3"})


def fence_language(info: str) -> str:
    """The language of a fence info string: ``'python title="a.py"'`` -> ``'python'``."""
    words = info.strip().lstrip("{").split()
    return words[0].lstrip(".").rstrip("}").lower() if words else ""


class AnyPythonCodeBlockParser(CodeBlockParser):
    """sybil's Markdown code-block parser, for every spelling of a Python fence."""

    language = "python"

    def __call__(self, document: Document) -> Iterable[Region]:
        for region in self.lexers(document):
            if fence_language(region.lexemes["arguments"]) in PYTHON_LANGUAGES:
                region.parsed = region.lexemes["source"]
                region.evaluator = self._evaluator or self.evaluate
                yield region


class PythonFenceParser(PythonCodeBlockParser):
    """Doctest for ``>>>`` blocks, plain execution for the rest, whatever the fence spelling."""

    def __init__(self) -> None:
        super().__init__(doctest_optionflags=DOCTEST_FLAGS)
        self.codeblock_parser = AnyPythonCodeBlockParser(evaluator=PythonEvaluator())


_SKIP_WITHOUT_REASON = re.compile(r"<!--\s*skip:\s*next\s*-->")


class ReasonedSkipParser(SkipParser):
    """``<!-- skip: next "reason" -->``; a skip without a reason fails collection."""

    def __call__(self, document: Document) -> Iterable[Region]:
        bare = _SKIP_WITHOUT_REASON.search(document.text)
        if bare:
            line = document.text.count("\n", 0, bare.start()) + 1
            raise ValueError(f'{document.path}, line {line}: write the reason, <!-- skip: next "why" -->')
        yield from super().__call__(document)


markdown = Sybil(
    parsers=[PythonFenceParser(), ReasonedSkipParser(), ClearNamespaceParser()],
    path="docs",
    patterns=["*.md"],  # matches at every depth (a "**/" pattern misses top-level files on Python < 3.13)
    name="pages",
)

docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)],
    path="momentum_docs",
    patterns=["*.py"],
    name="docstrings",
)

pytest_collect_file = (markdown + docstrings).pytest()


# ---------------------------------------------------------------- the built site

ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    log: str
    #: files under docs/ and momentum_docs/ that the build created, changed or removed
    source_changes: list[str]


def source_snapshot() -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under docs/ and momentum_docs/, caches aside."""
    return {
        str(path.relative_to(ROOT)): (path.stat().st_size, path.stat().st_mtime_ns)
        for folder in ("docs", "momentum_docs")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def build_site(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build`` (strict, as mkdocs.yml says) in a child process; output captured."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config), "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    site = tmp_path_factory.mktemp("site")
    before = source_snapshot()
    result = build_site(ROOT / "mkdocs.yml", site)
    after = source_snapshot()
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{log}", pytrace=False)
    changes = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    return BuiltSite(site, log, changes)
