"""Read the site's pages as a reader sees them: prose, visible code, hidden checks and outputs.

Markdown pages (``docs/**/*.md``) and notebook pages (jupytext percent files, ``docs/**/*.py``)
are split into

* prose lines (with their line numbers in the source file), outside fences and HTML comments;
* code blocks: each fenced block with its info string, its lines and whether a reader sees it
  (a ``<!-- invisible-code-block: python`` comment or a notebook cell tagged ``check`` is hidden);
* for Markdown, the printed output of ``>>>`` sessions (the lines that are not prompts).

Notebook outputs exist only after execution: :func:`notebook_outputs` reads them from a built page.

A page is named by its path under ``docs/`` without suffix and language (``theory/quadratic``), so
that both languages of a page share one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

FENCE = re.compile(r"^([ \t]*(?:>[ \t]*)*)(`{3,}|~{3,})[ \t]*([^\n`]*)$")
INVISIBLE = re.compile(r"^[ \t]*<!--\s*invisible-code-block:\s*(\w+)\s*$")
#: the tag of a notebook cell that runs as a check but is not shown on the page
CHECK_TAG = "check"


@dataclass
class Block:
    """A block of code: its first line in the source file, language, lines, and who sees it."""

    line: int
    language: str
    lines: list[str]
    visible: bool
    #: for a ``>>>`` session: the printed lines (the rest of ``lines``)
    output: list[str] = field(default_factory=list)

    @property
    def code(self) -> list[str]:
        """The lines a reader would type: prompts stripped, output left out."""
        if not any(line.startswith(">>>") for line in self.lines):
            return self.lines
        return [line[4:] for line in self.lines if line.startswith((">>>", "..."))]


@dataclass
class Page:
    path: Path
    #: (line number, text) of every prose line
    prose: list[tuple[int, str]]
    blocks: list[Block]
    notebook: bool

    @property
    def name(self) -> str:
        relative = self.path.relative_to(DOCS).as_posix()
        return re.sub(r"(\.zh)?\.(md|py)$", "", relative)

    @property
    def language(self) -> str:
        return "zh" if re.search(r"\.zh\.(md|py)$", self.path.name) else "en"

    def __str__(self) -> str:
        return self.path.relative_to(ROOT).as_posix()


def _language(info: str) -> str:
    words = info.strip().lstrip("{").split()
    return words[0].lstrip(".").rstrip("}").lower() if words else ""


def read_markdown(path: Path) -> Page:
    lines = path.read_text(encoding="utf-8").splitlines()
    prose: list[tuple[int, str]] = []
    blocks: list[Block] = []
    index = 0
    if lines and lines[0].strip() == "---":  # YAML front matter: metadata, not prose (its comments are no headings)
        index = next(j for j in range(1, len(lines)) if lines[j].strip() == "---") + 1
    while index < len(lines):
        line = lines[index]
        invisible = INVISIBLE.match(line)
        if invisible:
            end = next(j for j in range(index + 1, len(lines)) if lines[j].strip() == "-->")
            blocks.append(Block(index + 2, invisible.group(1).lower(), lines[index + 1 : end], visible=False))
            index = end + 1
            continue
        if line.lstrip().startswith("<!--"):
            while "-->" not in lines[index]:
                index += 1
            index += 1
            continue
        fence = FENCE.match(line)
        if fence and fence.group(3).strip():
            indent, marker = fence.group(1), fence.group(2)
            body = []
            index += 1
            while index < len(lines):
                closing = FENCE.match(lines[index])
                if closing and closing.group(2)[0] == marker[0] and len(closing.group(2)) >= len(marker) \
                        and not closing.group(3).strip():
                    break
                text = lines[index]
                body.append(text[len(indent):] if text.startswith(indent) else text.lstrip())
                index += 1
            block = Block(index - len(body) + 1, _language(fence.group(3)), body, visible=True)
            if any(b.startswith(">>>") for b in body):
                block.output = [b for b in body if not b.startswith((">>>", "...")) and b.strip()]
            blocks.append(block)
            index += 1
            continue
        prose.append((index + 1, line))
        index += 1
    return Page(path, prose, blocks, notebook=False)


CELL = re.compile(r"^# %%(?P<markdown> \[markdown\])?(?P<meta>.*)$")


def read_notebook(path: Path) -> Page:
    """A jupytext percent notebook: Markdown cells are prose, code cells are blocks."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if CELL.match(line)]
    prose: list[tuple[int, str]] = []
    blocks: list[Block] = []
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        header = CELL.match(lines[start])
        body = lines[start + 1 : end]
        while body and not body[-1].strip():
            body.pop()
        if header.group("markdown"):
            for offset, text in enumerate(body):
                prose.append((start + 2 + offset, re.sub(r"^# ?", "", text)))
        else:
            visible = f'"{CHECK_TAG}"' not in header.group("meta")
            blocks.append(Block(start + 2, "python", body, visible=visible))
    return Page(path, prose, blocks, notebook=True)


def read_page(path: Path) -> Page:
    return read_notebook(path) if path.suffix == ".py" else read_markdown(path)


def all_pages() -> list[Page]:
    return [read_page(path) for path in sorted(DOCS.rglob("*")) if path.suffix in {".md", ".py"}]


def built_page_path(site: Path, page: Page) -> Path:
    """Where the build writes a page: ``<site>/[zh/]<name>/index.html`` (the home page at the root)."""
    folder = site / "zh" if page.language == "zh" else site
    name = page.name
    if name == "index":
        return folder / "index.html"
    return folder / name.removesuffix("/index") / "index.html"


def notebook_outputs(html: str) -> list[str]:
    """The text a notebook page prints: every stream and text output area of the built page."""
    import html as html_module

    chunks = re.findall(
        r'<div class="jp-RenderedText jp-OutputArea-output[^"]*"[^>]*>\s*<pre>(.*?)</pre>', html, re.DOTALL
    )
    text = "\n".join(re.sub(r"<[^>]+>", "", chunk) for chunk in chunks)
    return html_module.unescape(text).splitlines()
