"""The typeface of Chinese figures: a subset of Noto Sans CJK SC that ships with the package.

Chinese figure text is drawn with ``fonts/MomentumDocsSansSC-{Regular,Bold}.otf``: the characters the
Chinese labels use (``labels.toml``) plus printable ASCII and a few signs matplotlib draws, cut out
of Noto Sans CJK SC (SIL Open Font License 1.1, ``fonts/OFL.txt``) with fontTools' subsetter. So a
fresh machine draws correct glyphs without installing a font, and the SVG paths are the same on
every machine. The subset has its own family name, so that a full Noto Sans CJK installed on the
machine can never be picked in its place.

For a Chinese figure the family comes first in ``font.family``: matplotlib draws the text part of
a label that mixes text and math (``"回溯步数 $\\tau$"``) with the first family only, and it only
logs the missing glyphs when that family lacks them.

When the labels change, regenerate the subset (it needs the full font, Debian's ``fonts-noto-cjk``)::

    python scripts/subset_cjk_font.py [folder of NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc]

``tests/test_figures_zh.py`` fails while a label uses a character the subset lacks.

>>> FAMILY in language_rc("zh")["font.family"], language_rc("en")
(True, {})
>>> sorted(missing_characters(r"动量法 $\\gamma$ ☃"))
['☃']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .labels import TABLE, check_language, table

FONT_DIR = Path(__file__).with_name("fonts")
FAMILY = "Momentum Docs Sans SC"
#: the weights that ship (the phase map writes its region names in bold)
WEIGHTS = ("Regular", "Bold")
FONT_FILES = {weight: FONT_DIR / f"MomentumDocsSansSC-{weight}.otf" for weight in WEIGHTS}
FONT_FILE = FONT_FILES["Regular"]
#: where Debian's fonts-noto-cjk puts NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCE_FAMILY = "Noto Sans CJK SC"
#: what any figure may draw besides its labels: printable ASCII, and signs matplotlib writes in ticks
BASE_CHARACTERS = frozenset(chr(code) for code in range(0x20, 0x7F)) | frozenset("−×·…–—°±")

_MATH_OR_PLACEHOLDER = re.compile(r"\$[^$]*\$|\{\d+\}")


@cache
def register() -> str:
    """Add the subset to matplotlib's font manager (its cache ignores fonts added later) once per process."""
    from matplotlib import font_manager

    for path in FONT_FILES.values():
        font_manager.fontManager.addfont(str(path))
    return FAMILY


def language_rc(language: str) -> dict[str, object]:
    """The rcParams a figure in ``language`` needs on top of the site's style."""
    if check_language(language) == "zh":
        return {"font.family": [register(), "DejaVu Sans"]}
    return {}


@cache
def font_characters() -> frozenset[str]:
    """Every character that every weight of the shipped subset can draw."""
    from fontTools.ttLib import TTFont

    found = []
    for path in FONT_FILES.values():
        with TTFont(path) as font:
            found.append(frozenset(chr(code) for code in font.getBestCmap()))
    return frozenset.intersection(*found)


def text_characters(text: str) -> set[str]:
    """The characters of ``text`` that a text font draws (math spans and placeholders are left out)."""
    return set(_MATH_OR_PLACEHOLDER.sub("", text)) - {"\n"}


def label_characters(language: str = "zh") -> set[str]:
    """Every character the labels of ``language`` use outside math."""
    return set().union(*(text_characters(text) for text in table(language).values()))


def required_characters() -> set[str]:
    return set(BASE_CHARACTERS) | label_characters("zh")


def missing_characters(text: str) -> set[str]:
    """The characters of ``text`` (outside math) that the subset cannot draw."""
    return text_characters(text) - font_characters()


def missing_glyphs(figure: object) -> list[str]:
    """``"text: characters"`` for every drawn text of ``figure`` with a character the subset lacks.

    Call it after the figure has been drawn (tick labels exist only then).
    """
    from matplotlib.text import Text

    found = []
    for artist in figure.findobj(Text):
        missing = missing_characters(artist.get_text())
        if missing:
            found.append(f"{artist.get_text()!r}: {''.join(sorted(missing))}")
    return found


def subset(source: Path, characters: Iterable[str], output: Path) -> None:
    """Cut ``characters`` out of the Noto Sans CJK SC face of ``source`` into ``output``, renamed to FAMILY."""
    from fontTools import subset as subsetter
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() == ".ttc":
        faces = TTCollection(str(source)).fonts
        matches = [face for face in faces if face["name"].getDebugName(1) == SOURCE_FAMILY]
        if not matches:
            raise ValueError(f"{source} has no face named {SOURCE_FAMILY!r}")
        font = matches[0]
    else:
        font = TTFont(str(source))
    options = subsetter.Options()
    options.hinting = False  # the figures store outlines; hints only add bytes
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence entries
    options.notdef_outline = True
    instance = subsetter.Subsetter(options)
    instance.populate(unicodes=sorted(ord(character) for character in characters))
    instance.subset(font)
    names = font["name"]
    weight = names.getDebugName(2)
    postscript = f"{FAMILY.replace(' ', '')}-{weight}"
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            full = FAMILY if weight == "Regular" else f"{FAMILY} {weight}"
            names.setName(full, 4, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(postscript, 6, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName(f"{FAMILY} (subset of {SOURCE_FAMILY})", 3, record.platformID, record.platEncID,
                          record.langID)
    if "CFF " in font:  # the PostScript names inside the CFF table follow the family
        cff = font["CFF "].cff
        cff.fontNames = [postscript]
        top = cff.topDictIndex[0]
        top.FamilyName, top.FullName = FAMILY, names.getDebugName(4)
    font.recalcTimestamp = False  # keep the source's date in the head table: the same bytes every time
    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(output))
