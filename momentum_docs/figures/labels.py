"""Figure text in the reader's language.

Every string a figure draws (titles, axis labels, legends, annotations) goes through the translator
of the figure's ``language``: English text is the key, and ``labels.toml`` gives its Chinese.
A string without a translation raises :class:`MissingLabel`, naming the string, so a figure can
never be drawn half in English on a Chinese page.

>>> t = translator("en")
>>> t("learning rate")
'learning rate'
>>> translator("fr")
Traceback (most recent call last):
...
ValueError: language must be one of 'en', 'zh', got 'fr'
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "zh")
TABLE = Path(__file__).with_name("labels.toml")


class MissingLabel(KeyError):
    """A figure string with no translation in ``labels.toml``."""

    def __str__(self) -> str:
        text, language = self.args
        return f"no {language!r} label for {text!r}: add it to momentum_docs/figures/labels.toml"


@cache
def table(language: str) -> dict[str, str]:
    """The translations into ``language`` (English text -> translated text)."""
    with TABLE.open("rb") as file:
        return tomllib.load(file).get(language, {})


def translator(language: str = "en") -> Callable[[str], str]:
    """A function that gives each English figure string in ``language``."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(map(repr, LANGUAGES))}, got {language!r}")
    if language == "en":
        return lambda text: text
    labels = table(language)

    def translate(text: str) -> str:
        if text not in labels:
            raise MissingLabel(text, language)
        return labels[text]

    return translate
