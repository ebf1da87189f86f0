"""Compare a page with its Chinese twin: the checks of ``tests/test_translations.py``, as functions of two files.

Each ``check_*`` function takes the English and the Chinese page (``pages.Page``) and returns a list
of problems (empty when the pair agrees), so that the tests can also run them on planted copies.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from pages import DOCS, ROOT, Page, read_page

#: how each language writes the page's fixed parts (issue 9: 本节要点, 本页符号, 小结, 练习, 答案)
SHAPE = {
    "en": {"learn": "What you will learn", "symbols": "Symbols", "summary": "Summary", "exercises": "Exercises",
           "solution": "Solution"},
    "zh": {"learn": "本节要点", "symbols": "本页符号", "summary": "小结", "exercises": "练习", "solution": "答案"},
}

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]*\{#([\w-]+)\})?[ \t]*$")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
FIGURE = re.compile(r"figures/([\w.\-]+?)\.svg")


def nav_pages() -> list[str]:
    """Every page of the nav, as its name (``basics/zigzag``, ``index``)."""
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]

    def walk(items: list) -> list[str]:
        found = []
        for item in items:
            for value in item.values():
                found += walk(value) if isinstance(value, list) else [re.sub(r"\.(md|py)$", "", value)]
        return found

    return walk(nav)


def nav_titles() -> list[str]:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]

    def walk(items: list) -> list[str]:
        found = []
        for item in items:
            for title, value in item.items():
                found.append(title)
                if isinstance(value, list):
                    found += walk(value)
        return found

    return walk(nav)


def source_path(name: str, language: str, docs: Path = DOCS) -> Path | None:
    """The file of page ``name`` in ``language``, or None."""
    suffix = "" if language == "en" else f".{language}"
    for extension in (".md", ".py"):
        path = docs / f"{name}{suffix}{extension}"
        if path.is_file():
            return path
    return None


def missing_twins(required: set[str], docs: Path = DOCS) -> list[str]:
    """The pages of ``required`` that have no Chinese twin under ``docs``."""
    return sorted(name for name in required if source_path(name, "zh", docs) is None)


def pairs() -> list[tuple[Page, Page]]:
    """Every page that has a Chinese twin, with that twin."""
    found = []
    for zh in sorted(DOCS.rglob("*.zh.*")):
        if zh.suffix in {".md", ".py"}:
            english = zh.with_name(zh.name.replace(".zh.", "."))
            found.append((read_page(english), read_page(zh)))
    return found


def where(page: Page) -> str:
    """The page's path for a message: relative to the project, or as it is (a planted copy)."""
    return str(page.path.relative_to(ROOT)) if page.path.is_relative_to(ROOT) else str(page.path)


# ---------------------------------------------------------------- headings


def headings(page: Page) -> list[tuple[int, str, str | None]]:
    """(level, text, explicit id) of every heading in the page's prose."""
    found = []
    for _, line in page.prose:
        match = HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2), match.group(3)))
    return found


def english_id(text: str, notebook: bool) -> str:
    """The id MkDocs (Markdown pages) or mkdocs-jupyter (notebooks) gives a heading."""
    if notebook:
        from mkdocs_jupyter.utils import slugify

        return slugify(text)
    from markdown.extensions.toc import slugify

    return slugify(text, "-")


def check_heading_ids(en: Page, zh: Page) -> list[str]:
    """The same headings, level by level, and every Chinese heading carries the English heading's id."""
    english = [(level, explicit or english_id(text, en.notebook)) for level, text, explicit in headings(en)]
    chinese = headings(zh)
    problems = [f"{where(zh)}: heading {text!r} has no {{#english-id}}" for _, text, explicit in chinese if not explicit]
    ids = [(level, explicit) for level, _, explicit in chinese]
    if not problems and ids != english:
        problems.append(f"{where(zh)}: headings {ids} differ from {where(en)}: {english}")
    return problems


# ---------------------------------------------------------------- code, figures, exercises


def code_blocks(page: Page) -> list[tuple[str, list[str]]]:
    return [(block.language, block.lines) for block in page.blocks]


def check_code(en: Page, zh: Page) -> list[str]:
    """Every snippet (visible or not, printed output included) is the same, in the same order."""
    english, chinese = code_blocks(en), code_blocks(zh)
    if len(english) != len(chinese):
        return [f"{where(zh)}: {len(chinese)} code blocks, {where(en)} has {len(english)}"]
    return [
        f"{where(zh)}: code block {number} differs from {where(en)}:\n  " + "\n  ".join(b[1])
        for number, (a, b) in enumerate(zip(english, chinese), start=1) if a != b
    ]


def figures(page: Page) -> list[str]:
    text = page.path.read_text(encoding="utf-8")
    return FIGURE.findall(text)


def check_figures(en: Page, zh: Page) -> list[str]:
    english, chinese = figures(en), figures(zh)
    return [] if english == chinese else [f"{where(zh)}: figures {chinese}, {where(en)} shows {english}"]


def exercises(page: Page) -> tuple[int, int]:
    """(exercises, solutions): numbered items after the exercises heading, and solution blocks or cells."""
    shape = SHAPE[page.language]
    lines = [line for _, line in page.prose]
    starts = [i for i, line in enumerate(lines) if HEADING.match(line) and HEADING.match(line).group(2) == shape["exercises"]]
    if not starts:
        return 0, 0
    after = lines[starts[-1] + 1 :]
    numbered = sum(1 for line in after if re.match(r"^\d+\.\s", line))
    if page.notebook:
        source = page.path.read_text(encoding="utf-8")
        solutions = len(re.findall(r'^# %%.*tags=\["solution"\]', source, re.MULTILINE))
    else:
        solutions = sum(1 for line in after if line.strip().startswith(f'??? success "{shape["solution"]}'))
    return numbered, solutions


def check_exercises(en: Page, zh: Page) -> list[str]:
    english, chinese = exercises(en), exercises(zh)
    return [] if english == chinese else [f"{where(zh)}: (exercises, solutions) {chinese}, {where(en)} has {english}"]


# ---------------------------------------------------------------- language of the prose

#: Latin words a Chinese page may use as they are (names, products, units of code)
ALLOWED_WORDS = frozenset(
    """PyTorch Keras optax JAX NumPy SciPy matplotlib Jupyter notebook notebooks MXNet NASA UCI CC BY SGD MLP
    Nesterov Polyak Sutskever Distill Hessian English Python pip GitHub MkDocs Material KaTeX d2l D2L""".split()
)

_INLINE_CODE = re.compile(r"`[^`]*`")
#: English kept on purpose (a quotation, a bibliographic entry), marked for the browser and screen readers
_ENGLISH_SPAN = re.compile(r'<span lang="en">.*?</span>')
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML = re.compile(r"<[^>]+>")
_TITLE = re.compile(r"\*[A-Z][^*]*\*")  # an italic title: *Dive into Deep Learning*
_GLOSS = re.compile(r"（[^（）]*）|\([^()]*\)")  # the English term in parentheses at its first use
_ATTRIBUTES = re.compile(r"\{#[\w-]+\}|\{[^}]*markdown[^}]*\}")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"[^"]*")?\s*$')
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ \t,;:.]+[A-Za-z][A-Za-z'’-]*)+")


def english_prose(page: Page) -> list[str]:
    """Runs of three or more English words in the page's prose.

    Not counted: code, math, link targets, glosses in parentheses, italic titles, and English that the
    page marks as such on one line, ``<span lang="en">a quotation</span>`` (quotations and bibliographic
    entries stay in their language).
    """
    found = []
    for number, line in page.prose:
        if _ADMONITION.match(line):
            continue
        text = _ATTRIBUTES.sub(" ", line)
        for pattern in (_INLINE_CODE, _MATH, _ENGLISH_SPAN, _LINK_TARGET, _HTML):
            text = pattern.sub(" ", text)
        text = _TITLE.sub(" ", text)
        text = _GLOSS.sub(lambda m: " " if not CJK.search(m.group(0)[1:-1]) else m.group(0), text)
        for run in _LATIN_RUN.finditer(text):
            words = [word for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", run.group(0)) if word not in ALLOWED_WORDS]
            if len(words) >= 3:
                found.append(f"{where(page)}:{number}: {run.group(0).strip()!r}")
    return found


def chinese_in_math(page: Page) -> list[str]:
    """Chinese characters inside math, outside ``\\text{...}``."""
    text = "\n".join(line for _, line in page.prose)
    found = []
    for span in _MATH.findall(text):
        bare = re.sub(r"\\text\{[^}]*\}", "", span)
        if CJK.search(bare):
            found.append(f"{where(page)}: {span[:80]!r}")
    return found


def shape_problems(page: Page) -> list[str]:
    """The fixed parts of a page in its language: goals and symbols first, then summary and exercises last."""
    shape = SHAPE[page.language]
    text = page.path.read_text(encoding="utf-8")
    problems = []
    if page.notebook:
        import jupytext

        cells = jupytext.read(page.path).cells
        first = cells[0].source if cells else ""
        if f"**{shape['learn']}**" not in first or f"**{shape['symbols']}**" not in first:
            problems.append(f"{where(page)}: the first cell needs **{shape['learn']}** and **{shape['symbols']}**")
    else:
        first = text.split("\n## ", 1)[0]
        if shape["learn"] not in first or shape["symbols"] not in first:
            problems.append(f"{where(page)}: the first section needs {shape['learn']!r} and {shape['symbols']!r}")
        if f'??? success "{shape["solution"]}' not in text.split(f"\n## {shape['exercises']}", 1)[-1]:
            problems.append(f"{where(page)}: exercises need solutions (??? success \"{shape['solution']}\")")
    second_level = [text for level, text, _ in headings(page) if level == 2]
    if second_level[-2:] != [shape["summary"], shape["exercises"]]:
        problems.append(f"{where(page)}: ends with {second_level[-2:]}, not {[shape['summary'], shape['exercises']]}")
    return problems


_CJK_END = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\s*$")
_CJK_START = re.compile(r"^\s*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+\.\s|#|\||!!!|\?\?\?|///|<|\$\$|```|~~~)")


def line_breaks_between_chinese(page: Page) -> list[str]:
    """Soft line breaks between two Chinese characters: a browser renders each as a space."""
    found = []
    for (line, text), (next_line, next_text) in zip(page.prose, page.prose[1:]):
        if next_line == line + 1 and _CJK_END.search(text) and _CJK_START.match(next_text) \
                and not _BLOCK_START.match(next_text):
            found.append(f"{where(page)}:{line}: a line break between Chinese characters shows as a space")
    return found
