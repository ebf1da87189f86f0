"""The glossary of the site: English, Chinese, symbol and name in the package, read from ``glossary.toml``.

One file, many readers: the Notation page (a table in each language), the search (jieba's user
dictionary), the figure labels and the translation tests, and the widgets (a JSON asset).

>>> term = TERMS["learning-rate"]
>>> term.zh, term.symbol_text, term.package
('学习率', 'η', ('GradientDescent', 'Momentum'))
>>> "动量法 n" in jieba_user_dictionary().splitlines()
True
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from types import MappingProxyType

FILE = Path(__file__).with_name("glossary.toml")
KINDS = ("term", "ui")


@dataclass(frozen=True)
class Term:
    id: str
    en: str
    zh: str
    source: str
    symbol: str = ""
    symbol_text: str = ""
    package: tuple[str, ...] = ()
    note: str = ""
    kind: str = "term"


def load(path: Path = FILE) -> Mapping[str, Term]:
    """Every term of the glossary by id, in file order; a malformed entry raises ``ValueError`` naming it."""
    with path.open("rb") as file:
        entries = tomllib.load(file).get("term", [])
    terms: dict[str, Term] = {}
    for number, entry in enumerate(entries, start=1):
        where = f"{path.name}, term {number} ({entry.get('id', '?')})"
        missing = [key for key in ("id", "en", "zh", "source") if not str(entry.get(key, "")).strip()]
        if missing:
            raise ValueError(f"{where}: needs {', '.join(missing)}")
        unknown = set(entry) - set(Term.__dataclass_fields__)
        if unknown:
            raise ValueError(f"{where}: unknown fields {sorted(unknown)}")
        if entry["id"] in terms:
            raise ValueError(f"{where}: the id is used twice")
        if entry.get("kind", "term") not in KINDS:
            raise ValueError(f"{where}: kind must be one of {KINDS}")
        if bool(entry.get("symbol")) != bool(entry.get("symbol_text")):
            raise ValueError(f"{where}: give both symbol (TeX) and symbol_text (Unicode), or neither")
        terms[entry["id"]] = Term(**{**entry, "package": tuple(entry.get("package", ()))})
    return MappingProxyType(terms)


TERMS: Mapping[str, Term] = load()


def chinese_words(terms: Mapping[str, Term] = TERMS) -> list[str]:
    """The Chinese words of the glossary, longest first; a term with a space or a Latin part gives its Chinese parts."""
    import re

    words = {part for term in terms.values() for part in re.findall(r"[\u3400-\u9fff]+", term.zh)}
    return sorted(words, key=lambda word: (-len(word), word))


def jieba_user_dictionary(terms: Mapping[str, Term] = TERMS) -> str:
    """jieba's user dictionary: one word per line with the part of speech ``n`` and no frequency, so that
    jieba picks a frequency that keeps each word whole."""
    return "".join(f"{word} n\n" for word in chinese_words(terms))


def as_json(terms: Mapping[str, Term] = TERMS) -> str:
    """The glossary for the browser: ``{"terms": {id: {en, zh, symbol, symbol_text, package, kind}}}``."""
    shown = ("en", "zh", "symbol", "symbol_text", "package", "kind")
    data = {"terms": {id: {key: value for key, value in asdict(term).items() if key in shown}
                      for id, term in terms.items()}}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


_HEADERS = {
    "en": ("English", "中文", "symbol", "in the package", "source of the Chinese term"),
    "zh": ("中文", "English", "符号", "包中的名称", "中文术语出处"),
}


def markdown_table(language: str, terms: Mapping[str, Term] = TERMS) -> str:
    """The glossary as a Markdown table for the Notation page of ``language`` (the theme's words left out)."""
    if language not in _HEADERS:
        raise ValueError(f"language must be one of {', '.join(map(repr, _HEADERS))}, got {language!r}")

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(_HEADERS[language]) + " |", "|" + "---|" * len(_HEADERS[language])]
    for term in terms.values():
        if term.kind != "term":
            continue
        first, second = (term.en, term.zh) if language == "en" else (term.zh, term.en)
        symbol = f"${term.symbol}$" if term.symbol else ""
        package = ", ".join(f"`{name}`" for name in term.package)
        lines.append(f"| {cell(first)} | {cell(second)} | {symbol} | {package} | {cell(term.source)} |")
    return "\n".join(lines) + "\n"
