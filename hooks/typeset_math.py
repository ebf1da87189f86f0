"""MkDocs hook: every formula typeset as MathML during the build, so pages load no math JavaScript.

Markdown pages mark math with ``pymdownx.arithmatex`` (generic mode: ``<span class="arithmatex">\\(…\\)</span>``
and ``<div class="arithmatex">\\[…\\]</div>``); notebook pages keep ``$…$`` and ``$$…$$`` in the text of
their Markdown cells. This hook sends every formula to KaTeX (the copy vendored in ``hooks/katex/``,
run by Node.js in one long-lived child process, ``hooks/katex/render.cjs``) with ``output: "mathml"``
and writes the MathML into the page. The browser typesets MathML natively: no KaTeX script, stylesheet
or font is loaded, formulas show with JavaScript off and in print, and nothing moves after load.

* **Failures are loud.** A formula KaTeX cannot typeset (or one that only triggers a KaTeX warning,
  ``strict: "error"``) fails the build, naming the page and every such formula. No Node.js on the
  PATH fails the build with a message saying what to install.
* **MathML Core.** No ``xmlns`` (HTML needs none). Chromium ignores ``mathvariant`` other than ``normal``: ``\\mathbf{x}``,
  ``\\boldsymbol{\\gamma}`` and ``\\mathbb{R}`` are rewritten to the Unicode mathematical alphanumeric
  characters (𝐱, 𝜸, ℝ), which every browser shows.
* **Headings, table of contents, search.** A heading keeps its MathML; its entry in the table of
  contents (and a page title, should one contain math) gets a plain-text form of the formula
  (``1/(1 − γ)``), and the search index is built from a copy of the page in which every formula is
  that plain text. No raw TeX reaches a reader.
* **Copying.** The MathML carries the TeX in the ``alttext`` attribute of ``<math>``;
  ``overrides/assets/javascripts/site.js`` puts it on the clipboard when a selection holds formulas.
* **Compact.** No ``<semantics>``/``<annotation>`` wrapper, no ``<mrow>`` of one child, no
  ``mathvariant="normal"`` that changes nothing (:func:`compact_mathml`): about a third fewer bytes.
* **Fast serves.** Results are cached for the life of the process, keyed on (TeX, display), so a
  Markdown edit under ``mkdocs serve`` sends only its new formulas to Node.
"""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

RENDERER = Path(__file__).with_name("katex") / "render.cjs"
NODE_MISSING = (
    "The build typesets math with KaTeX under Node.js, and `node` is not on the PATH. "
    "Install Node.js 18 or newer (Debian/Ubuntu: apt-get install nodejs; others: https://nodejs.org)."
)
MATHML_NS = "{http://www.w3.org/1998/Math/MathML}"

# arithmatex (generic): inline \( \) in a span, display \[ \] (or a bare \begin{env}) in a div
_ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.DOTALL)
# what a notebook's Markdown cell leaves as text: $$display$$ first, then $inline$
_NOTEBOOK_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$\w])\$(?=\S)([^$\n]*?[^\s\\$])\$(?![\w$])", re.DOTALL)
_NOTEBOOK_MARKDOWN = re.compile(r'<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')
_CODE = re.compile(r"(<(pre|code)\b.*?</\2>)", re.DOTALL)
_TOC_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.DOTALL)
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # what Material's search plugin strips


# ---------------------------------------------------------------- KaTeX in Node


class _Katex:
    """One ``node hooks/katex/render.cjs`` process for the life of the MkDocs process."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        node = shutil.which("node")
        if node is None:
            raise PluginError(NODE_MISSING)
        return subprocess.Popen(
            [node, str(RENDERER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8",
        )

    def render(self, formulas: list[tuple[str, bool]]) -> list[dict[str, str]]:
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(formulas) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            error = self.process.stderr.read() if self.process.stderr else ""
            self.process = None
            raise PluginError(f"KaTeX (node {RENDERER.name}) stopped without an answer:\n{error}")
        return json.loads(line)


_katex = _Katex()
# (TeX, display) -> (MathML, plain text)
_typeset: dict[tuple[str, bool], tuple[str, str]] = {}


def typeset(formulas: list[tuple[str, bool]], where: str) -> None:
    """Typeset what is not cached yet; raise naming ``where`` and every formula that fails."""
    missing = sorted({formula for formula in formulas if formula not in _typeset})
    if not missing:
        return
    failures = []
    for (tex, display), result in zip(missing, _katex.render(missing), strict=True):
        if "error" in result:
            failures.append(f"  {'$$' if display else '$'}{tex}{'$$' if display else '$'}\n    {result['error']}")
            continue
        mathml = _core_mathml(result["mathml"])
        problem = _arity_problem(mathml)
        if problem:
            failures.append(f"  {'$$' if display else '$'}{tex}{'$$' if display else '$'}\n    MathML: {problem}")
            continue
        _typeset[(tex, display)] = (mathml, linear_text(mathml))
    if failures:
        raise PluginError(f"{where}: KaTeX cannot typeset {len(failures)} formula(s):\n" + "\n".join(failures))


# ---------------------------------------------------------------- MathML Core

_ALPHANUMERIC_BASES = {
    # variant: (A, a, 0, Greek capital Alpha, or None where Unicode has no such letters)
    "bold": (0x1D400, 0x1D41A, 0x1D7CE, 0x1D6A8),
    "italic": (0x1D434, 0x1D44E, None, 0x1D6E2),
    "bold-italic": (0x1D468, 0x1D482, None, 0x1D71C),
    "double-struck": (0x1D538, 0x1D552, 0x1D7D8, None),
    "script": (0x1D49C, 0x1D4B6, None, None),
    "bold-script": (0x1D4D0, 0x1D4EA, None, None),
    "fraktur": (0x1D504, 0x1D51E, None, None),
    "sans-serif": (0x1D5A0, 0x1D5BA, 0x1D7E2, None),
    "bold-sans-serif": (0x1D5D4, 0x1D5EE, 0x1D7EC, 0x1D756),
    "monospace": (0x1D670, 0x1D68A, 0x1D7F6, None),
}
# letters Unicode encodes in the Letterlike Symbols block instead (the math block has holes there)
_LETTERLIKE = {
    ("italic", "h"): "ℎ",
    **{("double-struck", c): s for c, s in zip("CHNPQRZ", "ℂℍℕℙℚℝℤ")},
    **{("script", c): s for c, s in zip("BEFHILMRego", "ℬℰℱℋℐℒℳℛℯℊℴ")},
    **{("fraktur", c): s for c, s in zip("CHIRZ", "ℭℌℑℜℨ")},
}
# after the 25 capitals (U+0391..U+03A9, U+03A2 standing for ϴ) and ∇, the small letters, then these
_GREEK_TAIL = "∂ϵϑϰϕϱϖ"


def _styled(char: str, variant: str) -> str:
    if (variant, char) in _LETTERLIKE:
        return _LETTERLIKE[(variant, char)]
    upper, lower, digit, greek = _ALPHANUMERIC_BASES[variant]
    code = ord(char)
    if "A" <= char <= "Z":
        return chr(upper + code - ord("A"))
    if "a" <= char <= "z":
        return chr(lower + code - ord("a"))
    if "0" <= char <= "9" and digit is not None:
        return chr(digit + code - ord("0"))
    if greek is not None:
        if 0x391 <= code <= 0x3A9:
            return chr(greek + code - 0x391)
        if char == "ϴ":
            return chr(greek + 0x3A2 - 0x391)
        if char == "∇":
            return chr(greek + 25)
        if 0x3B1 <= code <= 0x3C9:
            return chr(greek + 26 + code - 0x3B1)
        if char in _GREEK_TAIL:
            return chr(greek + 51 + _GREEK_TAIL.index(char))
    return char


_TRAILING_APPLY = re.compile("<mo>\u2061</mo>(?=</m(?:sub|sup|subsup|under|over|underover|frac|root)>)")
# how many children MathML Core lays out for each element with a fixed count
_ARITY = {"mfrac": 2, "msub": 2, "msup": 2, "msubsup": 3, "munder": 2, "mover": 2, "munderover": 3, "mroot": 2}


def _arity_problem(mathml: str) -> str:
    """What a browser would reject: an element with the wrong number of children ('' if none)."""
    for element in ElementTree.fromstring(mathml).iter():
        tag = element.tag.removeprefix(MATHML_NS)
        if tag in _ARITY and len(element) != _ARITY[tag]:
            return f"<{tag}> has {len(element)} children, MathML lays out {_ARITY[tag]}"
    return ""


_VARIANT_TOKEN = re.compile(r'<(mi|mn|mo|mtext) mathvariant="([\w-]+)">([^<]*)</\1>')


def _core_mathml(mathml: str) -> str:
    """KaTeX's MathML, made for MathML Core: no outer span, styled letters as Unicode characters."""

    def styled(match: re.Match[str]) -> str:
        tag, variant, text = match.groups()
        if variant == "normal" or variant not in _ALPHANUMERIC_BASES:
            return match.group(0)
        letters = "".join(_styled(char, variant) for char in html.unescape(text))
        # a single styled letter must not be italicised again by the browser
        return f"<{tag}>{html.escape(letters, quote=False)}</{tag}>"

    mathml = _VARIANT_TOKEN.sub(styled, mathml)
    # KaTeX writes \lambda_{\min} as <msub><mi>λ</mi><mi>min</mi><mo>&#x2061;</mo></msub>: a third child
    # that browsers reject (msub takes two). The invisible "function application" goes.
    mathml = _TRAILING_APPLY.sub("", mathml)
    # the HTML parser puts <math> in the MathML namespace by itself: the xmlns is 43 bytes a formula
    mathml = mathml.replace('<math xmlns="http://www.w3.org/1998/Math/MathML"', "<math", 1)
    return compact_mathml(mathml.removeprefix('<span class="katex">').removesuffix("</span>"))


# the letters MathML Core's automatic italic (text-transform: math-auto) changes in a one-letter <mi>
_AUTO_ITALIC = set("ıȷϴ∇∂ϵϑϰϕϱϖ") | {chr(c) for c in [*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0x391, 0x3AA), *range(0x3B1, 0x3CA)]}
_SEMANTICS = re.compile(r'<semantics>(.*)<annotation encoding="application/x-tex">(.*?)</annotation></semantics>', re.DOTALL)


def compact_mathml(mathml: str) -> str:
    r"""The same formula in fewer bytes, laid out the same by a browser.

    * The TeX moves from ``<semantics>…<annotation encoding="application/x-tex">`` into the ``alttext``
      attribute of ``<math>`` (a MathML attribute: the text of the formula, which site.js copies).
    * An ``<mrow>`` without attributes that holds one element, or that is the only child of
      ``<math>`` (itself a row), is replaced by what it holds: a row of one child is laid out as
      that child, embellished operators included. An empty ``<mrow>`` stays (it fills a slot).
    * ``mathvariant="normal"`` goes from an ``<mi>`` whose automatic italic would change nothing (more
      than one character, or a character that is not a Latin or Greek letter, ∇ or ∂).

    >>> compact_mathml('<math><semantics><mrow><msup><mi>x</mi><mrow><mn>2</mn></mrow></msup>'
    ...                '<mi mathvariant="normal">/</mi><mi mathvariant="normal">d</mi></mrow>'
    ...                '<annotation encoding="application/x-tex">x^{2}/\\mathrm{d} &lt; &quot;</annotation></semantics></math>')
    '<math alttext="x^{2}/\\mathrm{d} &lt; &quot;"><msup><mi>x</mi><mn>2</mn></msup><mi>/</mi><mi mathvariant="normal">d</mi></math>'
    """
    semantics = _SEMANTICS.search(mathml)
    if semantics is None:
        raise PluginError(f"KaTeX's MathML has no TeX annotation: {mathml[:200]}")
    tex = html.unescape(semantics.group(2))
    root = ElementTree.fromstring(mathml[: semantics.start()] + semantics.group(1) + mathml[semantics.end() :])
    root.set("alttext", tex)

    def unwrap(element: ElementTree.Element) -> ElementTree.Element:
        for index, child in enumerate(list(element)):
            inner = unwrap(child)
            if inner is not child:
                inner.tail = child.tail
                element[index] = inner
        if element.tag == "mi" and element.get("mathvariant") == "normal":
            text = element.text or ""
            if len(text) != 1 or text not in _AUTO_ITALIC:
                del element.attrib["mathvariant"]
        if element.tag == "mrow" and not element.attrib and len(element) == 1 and not (element.text or "").strip():
            return element[0]
        return element

    unwrap(root)
    if len(root) == 1 and root[0].tag == "mrow" and not root[0].attrib:
        row = root[0]
        root.remove(row)
        root.text = row.text
        root.extend(list(row))
    return _serialise(root)


def _serialise(element: ElementTree.Element) -> str:
    # in an attribute HTML needs only & and " escaped; < too, so that the MathML stays XML for the checks
    attributes = "".join(f' {name}="{html.escape(value).replace("&#x27;", chr(39)).replace("&gt;", ">")}"'
                         for name, value in element.attrib.items())
    inner = html.escape(element.text or "", quote=False) + "".join(_serialise(child) for child in element)
    if not inner and element.tag in {"mspace", "none", "mprescripts"}:
        text = f"<{element.tag}{attributes}/>"
    else:
        text = f"<{element.tag}{attributes}>{inner}</{element.tag}>"
    return text + html.escape(element.tail or "", quote=False)


# ---------------------------------------------------------------- plain text


_SUPERSCRIPTS = dict(zip("0123456789+−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ"))
_SUBSCRIPTS = dict(zip("0123456789+−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ"))
_SPACED = set("=<>≤≥≈≠∈→↦±×·+−")
# invisible operators (function application, times, separator) dropped; "divides" read as a bar
_OPERATORS = str.maketrans({"\u2061": None, "\u2062": None, "\u2063": None, "∣": "|"})


def _script(text: str, table: dict[str, str], marker: str) -> str:
    text = text.replace(" ", "")
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return f"{marker}{text}" if len(text) == 1 else f"{marker}({text})"


def _group(text: str) -> str:
    return text if len(text) <= 1 or text.isalnum() or (text[0] == "(" and text[-1] == ")") else f"({text})"


def _text(element: ElementTree.Element) -> str:
    tag = element.tag.removeprefix(MATHML_NS)
    children = list(element)
    if tag == "annotation":
        return ""
    if tag in {"mi", "mn", "mtext", "ms"}:
        return (element.text or "").translate(_OPERATORS)
    if tag == "mo":
        symbol = (element.text or "").strip().translate(_OPERATORS)
        return f" {symbol} " if symbol in _SPACED else f"{symbol} " if symbol == "," else symbol
    if tag == "mspace":
        return " "
    parts = [_text(child) for child in children]
    if tag == "mfrac":
        return f"{_group(parts[0].strip())}/{_group(parts[1].strip())}"
    if tag == "msqrt":
        return f"√{_group(''.join(parts).strip())}"
    if tag == "mroot":
        return f"{parts[1]}√{_group(parts[0])}"
    if tag == "msup":
        return parts[0] + _script(parts[1].strip(), _SUPERSCRIPTS, "^")
    if tag == "msub":
        return parts[0] + _script(parts[1].strip(), _SUBSCRIPTS, "_")
    if tag == "msubsup":
        return parts[0] + _script(parts[1].strip(), _SUBSCRIPTS, "_") + _script(parts[2].strip(), _SUPERSCRIPTS, "^")
    if tag == "mover" and element.get("accent") == "true":
        return "".join(parts)
    if tag in {"mover", "munder", "munderover"}:
        marks = ["^"] if tag == "mover" else ["_", "^"]
        return parts[0] + "".join(
            _script(part.strip(), _SUBSCRIPTS if mark == "_" else _SUPERSCRIPTS, mark)
            for part, mark in zip(parts[1:], marks)
        )
    if tag == "mtr":
        return ", ".join(part.strip() for part in parts)
    if tag == "mtable":
        return "; ".join(part.strip() for part in parts)
    return "".join(parts)


def linear_text(mathml: str) -> str:
    """A formula as one line of Unicode text, for the table of contents and the search index."""
    text = _text(ElementTree.fromstring(mathml))
    return re.sub(r"\s+", " ", text).replace("( ", "(").replace(" )", ")").strip()


# ---------------------------------------------------------------- pages


def _formulas_of_markdown_page(content: str) -> list[tuple[str, bool, re.Match[str]]]:
    found = []
    for match in _ARITHMATEX.finditer(content):
        tag, inner = match.group(1), html.unescape(match.group(2)).strip()
        if inner.startswith("\\(") and inner.endswith("\\)"):
            found.append((inner[2:-2].strip(), False, match))
        elif inner.startswith("\\[") and inner.endswith("\\]"):
            found.append((inner[2:-2].strip(), True, match))
        else:  # a \begin{env}...\end{env} block
            found.append((inner, tag == "div", match))
    return found


def _notebook_markdown_regions(content: str) -> list[tuple[int, int]]:
    """(start, end) of the inside of every rendered Markdown cell of a notebook page."""
    regions = []
    tags = re.compile(r"<div\b|</div>")
    for start in _NOTEBOOK_MARKDOWN.finditer(content):
        depth, position = 1, start.end()
        for tag in tags.finditer(content, start.end()):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                position = tag.start()
                break
        regions.append((start.end(), position))
    return regions


def _notebook_formulas(text: str) -> list[tuple[str, bool, re.Match[str]]]:
    found = []
    for piece in _CODE.split(text)[::3]:  # text between code elements (split keeps two groups)
        for match in _NOTEBOOK_MATH.finditer(piece):
            display = match.group(1) is not None
            found.append((html.unescape(match.group(1) if display else match.group(2)).strip(), display, match))
    return found


def _markup(tex: str, display: bool, plain: bool) -> str:
    mathml, text = _typeset[(tex, display)]
    if plain:
        return html.escape(text, quote=False)
    # display math keeps a box that scrolls on narrow screens; inline math is the bare <math> (a
    # page has hundreds: the span cost 25 bytes each), and site.js gives a formula wider than its
    # paragraph a scrolling box of its own when one is needed
    return f'<div class="arithmatex">{mathml}</div>' if display else mathml


def _replace_markdown_math(content: str, plain: bool) -> str:
    def replace(match: re.Match[str]) -> str:
        (tex, display, _), = _formulas_of_markdown_page(match.group(0))
        return _markup(tex, display, plain)

    return _ARITHMATEX.sub(replace, content)


def _replace_notebook_math(content: str, plain: bool) -> str:
    pieces, position = [], 0
    for start, end in _notebook_markdown_regions(content):
        pieces.append(content[position:start])
        segments = _CODE.split(content[start:end])
        for index in range(0, len(segments), 3):
            segments[index] = _NOTEBOOK_MATH.sub(
                lambda m: _markup(
                    html.unescape(m.group(1) if m.group(1) is not None else m.group(2)).strip(),
                    m.group(1) is not None,
                    plain,
                ),
                segments[index],
            )
        pieces.append("".join(segment for number, segment in enumerate(segments) if number % 3 != 2))
        position = end
    pieces.append(content[position:])
    return "".join(pieces)


def _is_notebook(page: Page) -> bool:
    return page.file.src_uri.endswith(".py")


def _plain_title(title: str, where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        display = match.group(2) is not None
        tex = html.unescape(match.group(2) if display else match.group(1)).strip()
        typeset([(tex, display)], where)
        return html.escape(_typeset[(tex, display)][1], quote=False)

    return _TOC_MATH.sub(replace, title)


def _fix_toc(items: list, where: str) -> None:
    for item in items:
        item.title = _plain_title(item.title, where)
        _fix_toc(item.children, where)


@functools.lru_cache(maxsize=256)  # serve rebuilds bring the same pages back: typeset each once
def _typeset_page(html_content: str, notebook: bool, where: str) -> tuple[str, str]:
    """The page's HTML with plain-text formulas (for the search index) and with MathML."""
    if notebook:
        formulas = [
            (tex, display)
            for start, end in _notebook_markdown_regions(html_content)
            for tex, display, _ in _notebook_formulas(html_content[start:end])
        ]
        replace = _replace_notebook_math
    else:
        formulas = [(tex, display) for tex, display, _ in _formulas_of_markdown_page(html_content)]
        replace = _replace_markdown_math
    typeset(formulas, where)
    return replace(html_content, plain=True), replace(html_content, plain=False)


def on_page_content(html_content: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    where = page.file.src_uri
    # the plain-text version is read by _index_plain_text below
    page.math_search_content, typeset_content = _typeset_page(html_content, _is_notebook(page), where)
    _fix_toc(page.toc.items, where)
    if page.title:
        page.title = _plain_title(page.title, where)
    return typeset_content


@event_priority(10)  # before Material's search plugin (priority 0) indexes page.content
def _index_plain_text(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    page.math_typeset_content, page.content = page.content, page.math_search_content
    return context


@event_priority(-10)  # after it: the page shows MathML again
def _show_mathml(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    page.content = _without_search_attributes(page.math_typeset_content)
    return context


@functools.lru_cache(maxsize=128)
def _without_search_attributes(content: str) -> str:
    return _SEARCH_ATTRIBUTE.sub("", content)


on_page_context = CombinedEvent(_index_plain_text, _show_mathml)


def on_shutdown() -> None:
    if _katex.process is not None and _katex.process.poll() is None:
        _katex.process.stdin.close()
        _katex.process.wait(timeout=10)
