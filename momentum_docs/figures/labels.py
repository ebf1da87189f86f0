"""Figure text in the reader's language.

Every string a figure draws (titles, axis labels, legends, annotations) goes through the translator
of the figure's ``language``: English text is the key, and ``labels.toml`` gives its Chinese.
A string without a translation raises :class:`MissingLabel`, naming the string, so a figure can
never be drawn half in English on a Chinese page.

Math and numbers are the same in every language, so they are not part of the key: each ``$...$``
and each number outside math becomes a numbered placeholder, and the translation puts them back
where the language wants them. ``"momentum, $\\eta=0.4$, 20 steps"`` is looked up as
``"momentum, {0}, {1} steps"``, whatever the learning rate and the number of steps. A string with
no words left once math and numbers are taken out (``"$\\eta=0.02$, $\\gamma=0.5$"``) needs no
translation and is drawn as it is.

>>> t = translator("en")
>>> t("learning rate")
'learning rate'
>>> template(r"momentum, $\\eta=0.4$, 20 steps")
('momentum, {0}, {1} steps', ['$\\\\eta=0.4$', '20'])
>>> translator("zh")(r"momentum, $\\eta=0.4$, 20 steps")
'动量法，$\\\\eta=0.4$，20 步'
>>> translator("fr")
Traceback (most recent call last):
...
ValueError: language must be one of 'en', 'zh', got 'fr'

Which language a figure function draws in when it is not told: ``MOMENTUM_DOCS_LANGUAGE`` in the
environment, else English (:func:`default_language`). The build sets it for the kernel of each
notebook page, so the same notebook code draws English figures on the English page and Chinese
figures on the Chinese one.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "zh")
TABLE = Path(__file__).with_name("labels.toml")
#: the environment variable that sets the default language of every figure function
LANGUAGE_VARIABLE = "MOMENTUM_DOCS_LANGUAGE"

# a math span, or a number outside math (not part of a word such as "x2" or "2nd")
_NEUTRAL = re.compile(r"\$[^$]*\$|(?<![\w.])[-+−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?%?(?![\w])")
_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_WORD = re.compile(r"[^\W\d_]")  # a letter of any script


class MissingLabel(KeyError):
    """A figure string with no translation in ``labels.toml``."""

    def __init__(self, key: str, language: str, text: str | None = None, figure: str | None = None) -> None:
        super().__init__(key, language, text, figure)
        self.key, self.language, self.text, self.figure = key, language, text, figure

    def in_figure(self, figure: str) -> MissingLabel:
        """The same error, naming the figure function that drew the string."""
        return MissingLabel(self.key, self.language, self.text, figure)

    def __str__(self) -> str:
        where = f" in {self.figure}" if self.figure else ""
        drawn = f" (drawn as {self.text!r})" if self.text is not None and self.text != self.key else ""
        return (
            f"no {self.language!r} label for {self.key!r}{drawn}{where}: "
            f"add it to momentum_docs/figures/labels.toml"
        )


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(map(repr, LANGUAGES))}, got {language!r}")
    return language


def default_language() -> str:
    """The language of ``MOMENTUM_DOCS_LANGUAGE``, or ``"en"`` when it is not set."""
    value = os.environ.get(LANGUAGE_VARIABLE, "en")
    if value not in LANGUAGES:
        raise ValueError(f"{LANGUAGE_VARIABLE} must be one of {', '.join(map(repr, LANGUAGES))}, got {value!r}")
    return value


def template(text: str) -> tuple[str, list[str]]:
    """``text`` with each math span and number replaced by ``{0}``, ``{1}``, ..., and what they replaced."""
    values: list[str] = []

    def hole(match: re.Match[str]) -> str:
        values.append(match.group(0))
        return f"{{{len(values) - 1}}}"

    return _NEUTRAL.sub(hole, text), values


def needs_translation(key: str) -> bool:
    """Whether a template has words in it (a string of math and numbers is the same in every language)."""
    return bool(_WORD.search(_PLACEHOLDER.sub("", key)))


@cache
def table(language: str) -> dict[str, str]:
    """The translations into ``language`` (English template -> translated template)."""
    with TABLE.open("rb") as file:
        return tomllib.load(file).get(language, {})


def translator(language: str = "en") -> Callable[[str], str]:
    """A function that gives each English figure string in ``language``."""
    check_language(language)
    if language == "en":
        return lambda text: text
    labels = table(language)

    def translate(text: str) -> str:
        key, values = template(text)
        if not needs_translation(key):
            return text
        if key not in labels:
            raise MissingLabel(key, language, text)
        return _PLACEHOLDER.sub(lambda match: values[int(match.group(1))], labels[key])

    return translate
