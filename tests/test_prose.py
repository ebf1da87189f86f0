"""What a reader reads: numbers printed by code, snippets that fit and teach, figures with captions.

* Every number written in prose comes from the page's code or printed output, or is listed in
  ``tests/typed_numbers.yml`` with the reason it may be typed (see ``tests/prose_numbers.py``).
* No visible line of code or output is wider than the content column at 1280 px.
* Visible snippets carry no test machinery: checks that keep a page honest live in invisible
  blocks (``<!-- invisible-code-block: python``) or notebook cells tagged ``check``.
* Every figure of the built site has alt text and a caption.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import BuiltSite
from pages import CHECK_TAG, Page, all_pages, built_page_path, notebook_outputs, read_markdown
from prose_numbers import load_allow_list, unprinted_numbers

PAGES = all_pages()
MARKDOWN = [page for page in PAGES if not page.notebook]
NOTEBOOKS = [page for page in PAGES if page.notebook]

#: characters that fit one line of a code block at 1280 px (measured in Chromium: the Markdown code
#: column is 656 px of 8.18 px characters; a notebook cell is 538 px of 7.83 px characters, less padding)
MARKDOWN_COLUMNS = 80
NOTEBOOK_COLUMNS = 66

#: what a reader would not write: assertions and comparisons to machine precision
MACHINERY = re.compile(
    r"\bassert\b|catch_warnings|simplefilter|allclose|isclose|array_equal|np\.testing|\bpytest\b"
    r"|\+ 0\.0\b|\bbool\(np\."
)
#: what a reader does not want to see printed: the last bits of a float
FLOAT_NOISE = re.compile(r"\d\.\d*(?:0{6,}|9{6,})\d\b")


def page_id(page: Page) -> str:
    return str(page)


# ---------------------------------------------------------------- numbers in prose


def check_numbers(page: Page, outputs: list[str]) -> list[str]:
    allowed = load_allow_list().get(page.name, {})
    source = [line for block in page.blocks for line in block.lines] + outputs
    return [f"{page}:{finding}" for finding in unprinted_numbers(page.prose, source, allowed)]


@pytest.mark.parametrize("page", MARKDOWN, ids=page_id)
def test_numbers_in_prose_are_printed_by_code(page: Page) -> None:
    problems = check_numbers(page, [])
    assert not problems, "typed numbers (print them, or list them in tests/typed_numbers.yml):\n" + "\n".join(problems)


@pytest.mark.parametrize("page", NOTEBOOKS, ids=page_id)
def test_numbers_in_notebook_prose_are_printed_by_code(page: Page, built_site: BuiltSite) -> None:
    outputs = notebook_outputs(built_page_path(built_site.path, page).read_text(encoding="utf-8"))
    assert outputs, f"{page}: no printed output found in the built page"
    problems = check_numbers(page, outputs)
    assert not problems, "typed numbers (print them, or list them in tests/typed_numbers.yml):\n" + "\n".join(problems)


def test_the_number_check_catches_a_planted_result(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "The rate is $0.6345$, about 0.63 per step; 63% of the mass; the 1964 paper; section 7.4.\n"
        "A planted result: the error falls by 0.577 per step, 16 times faster.\n\n"
        "```pycon\n>>> print(f'{rate:.4f} {mass:.3f}')\n0.6345 0.632\n```\n",
        encoding="utf-8",
    )
    findings = unprinted_numbers(read_markdown(page).prose, [line for b in read_markdown(page).blocks for line in b.lines])
    assert [(f.line, f.number) for f in findings] == [(2, "0.577"), (2, "16")]


def test_every_typed_number_is_used_and_has_a_reason() -> None:
    from prose_numbers import prose_numbers

    by_name: dict[str, set[str]] = {}
    for page in PAGES:
        by_name.setdefault(page.name, set()).update(n for _, text in page.prose for n, _ in prose_numbers(text))
    for name, entries in load_allow_list().items():
        assert name in by_name, f"tests/typed_numbers.yml: no page {name!r}"
        for number, reason in entries.items():
            assert isinstance(reason, str) and len(reason.split()) >= 2, f"{name}: {number} needs a reason"
            assert number in by_name[name], f"{name}: {number} is listed but no longer written on the page"


# ---------------------------------------------------------------- snippets that fit and teach


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_visible_code_fits_the_content_column(page: Page) -> None:
    limit = NOTEBOOK_COLUMNS if page.notebook else MARKDOWN_COLUMNS
    wide = [
        f"{page}:{block.line + offset}: {len(line)} characters"
        for block in page.blocks
        if block.visible
        for offset, line in enumerate(block.lines)
        if len(line) > limit
    ]
    assert not wide, f"lines wider than {limit} characters:\n" + "\n".join(wide)


@pytest.mark.parametrize("page", NOTEBOOKS, ids=page_id)
def test_notebook_output_fits_the_content_column(page: Page, built_site: BuiltSite) -> None:
    outputs = notebook_outputs(built_page_path(built_site.path, page).read_text(encoding="utf-8"))
    wide = [line for line in outputs if len(line) > NOTEBOOK_COLUMNS]
    assert not wide, f"{page}: printed lines wider than {NOTEBOOK_COLUMNS} characters:\n" + "\n".join(wide)


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_visible_snippets_carry_no_test_machinery(page: Page) -> None:
    found = []
    for block in page.blocks:
        if block.visible and not page.notebook:
            found += [
                f"{page}:{block.line + offset}: an HTML comment inside a fence is shown, not run: close the fence first"
                for offset, line in enumerate(block.lines) if line.lstrip().startswith("<!--")
            ]
        if not block.visible or block.language not in {"python", "pycon", "py", "python3"}:
            continue
        for offset, line in enumerate(block.lines):
            code = line[4:] if line.startswith((">>>", "...")) else line
            is_output = block.output and not line.startswith((">>>", "..."))
            if not is_output and MACHINERY.search(code.split("#")[0]):
                found.append(f"{page}:{block.line + offset}: {line.strip()}")
            if is_output and FLOAT_NOISE.search(line):
                found.append(f"{page}:{block.line + offset}: prints float noise: {line.strip()}")
    hint = f"move checks to an invisible block or a notebook cell tagged {CHECK_TAG!r}; round what is printed"
    assert not found, f"{hint}:\n" + "\n".join(found)


# ---------------------------------------------------------------- figures


def test_every_figure_has_alt_text_and_a_caption(built_site: BuiltSite) -> None:
    from bs4 import BeautifulSoup

    problems = []
    for path in sorted(built_site.path.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article")
        if article is None:
            continue
        for image in article.find_all("img"):
            where = f"{path.relative_to(built_site.path)}: {str(image)[:100]}"
            if not (image.get("alt") or "").strip() or image["alt"].startswith("No description"):
                problems.append(f"{where}: no alt text")
            figure = image.find_parent("figure")
            caption = figure.find("figcaption") if figure else None
            if caption is None or not caption.get_text(strip=True):
                problems.append(f"{where}: no <figure> with a <figcaption>")
    assert not problems, "\n".join(problems[:40])


# ---------------------------------------------------------------- headings


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_headings_read_cleanly_without_tex(page: Page) -> None:
    """A heading is also a line of the table of contents and a search result: Unicode, not TeX."""
    tex = [
        f"{page}:{line}: {text.strip()}"
        for line, text in page.prose
        if re.match(r"\s*#{1,6}\s", text) and re.search(r"\$|\\\(|\\[a-zA-Z]+", text)
    ]
    assert not tex, "headings with TeX (write the symbols in Unicode: γ, η, √κ, 1/(1 − γ)):\n" + "\n".join(tex)


def test_no_page_holds_a_merge_conflict() -> None:
    """Conflict markers render as ordinary text (a rule and two stray lines), so nothing else fails
    on them: every source file of the site and the package is checked here."""
    root = Path(__file__).resolve().parent.parent
    marker = re.compile(r"^(<{7} |>{7} |={7}$)", re.MULTILINE)
    sources = [*root.glob("docs/**/*.md"), *root.glob("docs/**/*.py"), *root.glob("momentum_docs/**/*.py"),
               *root.glob("momentum_docs/**/*.toml"), *root.glob("tests/**/*.py"), *root.glob("hooks/*.py"),
               *root.glob("overrides/**/*.js"), *root.glob("overrides/**/*.css"), root / "mkdocs.yml",
               root / "README.md", root / "README.zh.md"]
    found = [f"{path.relative_to(root)}:{text.count(chr(10), 0, match.start()) + 1}"
             for path in sources for text in [path.read_text(encoding="utf-8")] for match in marker.finditer(text)]
    assert len(sources) > 100 and not found, f"merge-conflict markers: {found}"
