"""Find the numbers a page writes in prose that no code on the page prints.

A number in prose (Markdown text, notebook Markdown cells, math included) must appear in the page's
code or printed output, or be listed for that page in ``tests/typed_numbers.yml`` with the reason
it may be typed (an input, a definition, a citation). "Appear" allows rounding: prose ``0.71``
matches a printed ``0.7071``, and ``63%`` matches ``0.632``.

Not checked, because they are not results: integers up to 12, powers of ten, four-digit years
1900-2039, dotted version numbers (``2.13.0``), numbers right after ``§``, "section", "chapter",
"version" or "eq." (or before 节/章), citation identifiers (DOIs, volume:pages, page ranges), and
anything inside inline code, URLs and HTML tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import yaml

ALLOW_LIST = Path(__file__).with_name("typed_numbers.yml")

_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_URL = re.compile(r"\]\((?:[^()]|\([^()]*\))*\)|\]\[[^\]]*\]|^\s*\[[^\]]+\]:\s*\S+|https?://\S+")
#: identifiers of publications: DOIs, arXiv and ISBN numbers, volume(issue):pages, page ranges
_IDENTIFIER = re.compile(
    r"\b(?:doi|arxiv|isbn)(?::\s*|\s+)\[?[^\s\]]+|\b\d+(?:\([\d–-]+\))?:\d+(?:[-–]\d+)?|\b\d{2,}–\d{2,}\b",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]+>")
_ATTRS = re.compile(r"\{\s*[#.:][^}]*\}")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
#: a number in prose: digits with optional decimals or thousands separators, not part of a word
_PROSE_NUMBER = re.compile(r"(?<![\w.\\^_])(?<![\w}]-)(\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)*)(?!st\b|nd\b|rd\b|th\b)(\s*\\?%)?")
_REFERENCE_WORD = re.compile(
    r"(§|\bsections?|\bchapters?|\bversions?|\beqs?\.|\bpython|\bv|\bpp?\.|\bpages?|\bvol\.|\bno\.|[-–]|\d,)\s*$",
    re.IGNORECASE,
)
#: a section or chapter number in Chinese: "7.4 节", "第 7 章"
_REFERENCE_AFTER = re.compile(r"\s*[节章]")
#: a comment in code (a number typed there is not computed)
_COMMENT = re.compile(r"(^|\s)#(?![^'\"]*['\"][,)\]]).*$")
#: a number in code or output, in any notation Python prints
_CODE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])|(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Finding:
    line: int
    number: str
    text: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.number!r} in {self.text.strip()[:90]!r}"


def prose_numbers(text: str) -> Iterable[tuple[str, bool]]:
    """(number as written, followed by a percent sign) for each checked number of a prose line."""
    cleaned = _INLINE_CODE.sub(" ", text)
    cleaned = _IDENTIFIER.sub(" ", _URL.sub("]", cleaned))
    for pattern in (_TAG, _ATTRS, _FOOTNOTE):
        cleaned = pattern.sub(" ", cleaned)
    for match in _PROSE_NUMBER.finditer(cleaned):
        number = match.group(1)
        if number.count(".") > 1 or _REFERENCE_WORD.search(cleaned[: match.start()]) \
                or _REFERENCE_AFTER.match(cleaned[match.end() :]):
            continue
        if "." not in number:
            value = int(number.replace(",", ""))
            if value <= 12 or re.fullmatch(r"10+", str(value)) or (len(number) == 4 and 1900 <= value <= 2039):
                continue
        yield number, bool(match.group(2))


def code_values(lines: Iterable[str]) -> set[Decimal]:
    """Every number written in code or printed output, as a Decimal (sign dropped); comments do not count."""
    values = set()
    for line in lines:
        for token in _CODE_NUMBER.findall(_COMMENT.sub("", line)):
            try:
                values.add(abs(Decimal(token.replace("_", "").replace(",", ""))))
            except InvalidOperation:
                continue
    return values


def _places(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def matches(number: str, percent: bool, values: set[Decimal]) -> bool:
    """Is the prose number one of the values, or one of them rounded to the digits it shows?"""
    target = Decimal(number.replace(",", ""))
    candidates = [(target, _places(number))]
    if percent:
        candidates.append((target / 100, _places(number) + 2))
    for wanted, places in candidates:
        quantum = Decimal(1).scaleb(-places)
        for value in values:
            if value == wanted:
                return True
            if any(value.quantize(quantum, rounding=mode) == wanted for mode in (ROUND_HALF_UP, ROUND_HALF_EVEN)):
                return True
    return False


def load_allow_list() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(ALLOW_LIST.read_text(encoding="utf-8")) or {}
    return {page: {str(number): reason for number, reason in (entries or {}).items()} for page, entries in data.items()}


def unprinted_numbers(prose: list[tuple[int, str]], source: Iterable[str], allowed: Iterable[str] = ()) -> list[Finding]:
    """The prose numbers that neither the source lines (code and output) nor the allow-list contain."""
    values = code_values(source)
    allowed = set(allowed)
    return [
        Finding(line, number, text)
        for line, text in prose
        for number, percent in prose_numbers(text)
        if number not in allowed and not matches(number, percent, values)
    ]
