"""No Python snippet escapes sybil, and every page follows the site's shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sybil import Document

from conftest import PYTHON_LANGUAGES, AnyPythonCodeBlockParser, fence_language

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md"))
FENCE = re.compile(r"^[ \t]*(?:>[ \t]*)*(`{3,}|~{3,})([^\n`]*)$", re.MULTILINE)
# languages a fence may name; anything that looks like Python must be one sybil runs
KNOWN = PYTHON_LANGUAGES | {"text", "console", "bash", "yaml", "toml", "markdown", "json"}


def fences(text: str) -> list[tuple[int, str]]:
    """(line, info string) of every opening fence; a closing fence has no info string."""
    found, open_fence = [], None
    for match in FENCE.finditer(text):
        marker, info = match.group(1), match.group(2).strip()
        if open_fence is None:
            open_fence = marker
            found.append((text.count("\n", 0, match.start()) + 1, info))
        elif marker[0] == open_fence[0] and len(marker) >= len(open_fence) and not info:
            open_fence = None
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_fence_names_a_known_language(page: Path) -> None:
    for line, info in fences(page.read_text(encoding="utf-8")):
        assert info, f"{page.name}:{line}: a fence without a language"
        language = fence_language(info)
        assert language in KNOWN or not language.startswith(("py", "ipy")), f"{page.name}:{line}: ```{info}"
        assert language in KNOWN, f"{page.name}:{line}: unknown fence language ```{info}"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_sybil_collects_every_python_fence(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    expected = [line for line, info in fences(text) if fence_language(info) in PYTHON_LANGUAGES]
    document = Document(text, str(page))
    collected = [text.count("\n", 0, region.start) + 1 for region in AnyPythonCodeBlockParser()(document)]
    collected = [line for line in collected if not text.splitlines()[line - 1].lstrip().startswith("<!--")]
    assert collected == expected


def test_the_parser_accepts_every_spelling() -> None:
    text = "\n".join(
        f"```{info}\n>>> 1 + 1\n2\n```\n" for info in ["python", "pycon", "py", "Python", 'python title="x.py"', "{.python}"]
    )
    assert len(list(AnyPythonCodeBlockParser()(Document(text, "example.md")))) == 6


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_page_carries_tested_snippets(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert any(fence_language(info) in PYTHON_LANGUAGES for _, info in fences(text)), page.name


LESSONS = PAGES  # every Markdown page, the home page and the reference pages included


@pytest.mark.parametrize("page", LESSONS, ids=lambda p: p.name)
def test_lesson_pages_open_with_goals_and_end_with_exercises(page: Path) -> None:
    """In the page's language: What you will learn / 本节要点, Symbols / 本页符号, ..., Summary / 小结,
    Exercises / 练习, each solution in ??? success "Solution" / "答案" (a Chinese heading keeps its English id)."""
    from translations import SHAPE

    shape = SHAPE["zh" if page.name.endswith(".zh.md") else "en"]
    text = page.read_text(encoding="utf-8")
    first_section = text.split("\n## ", 1)[0]
    assert shape["learn"] in first_section and shape["symbols"] in first_section, page.name
    headings = [re.sub(r"\s*\{#[\w-]+\}$", "", heading) for heading in re.findall(r"^## (.+)$", text, re.MULTILINE)]
    assert headings[-2:] == [shape["summary"], shape["exercises"]], f"{page.name}: ends with {headings[-2:]}"
    exercises = text.split(f"\n## {shape['exercises']}", 1)[1]
    assert f'??? success "{shape["solution"]}' in exercises, f"{page.name}: exercises need solutions"
