"""Regenerate the Chinese font subset of the figures from the full Noto Sans CJK SC.

Run it after adding characters to ``momentum_docs/figures/labels.toml`` (``tests/test_figures_zh.py``
fails until the subset has them):

    python scripts/subset_cjk_font.py [folder of NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc]

The default source is Debian's ``fonts-noto-cjk`` (``apt-get install fonts-noto-cjk``). The subset
holds every character of the Chinese labels, printable ASCII and a few signs matplotlib writes, and
is renamed so that it never collides with an installed Noto Sans CJK.
"""

from __future__ import annotations

import sys
from pathlib import Path

from momentum_docs.figures import cjk
from momentum_docs.figures.labels import TABLE


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else cjk.SOURCE_DIR
    characters = cjk.required_characters()
    for weight, output in cjk.FONT_FILES.items():
        source = folder / f"NotoSansCJK-{weight}.ttc"
        if not source.is_file():
            sys.exit(f"{source} not found: install Debian's fonts-noto-cjk, or pass the folder of NotoSansCJK-*.ttc")
        cjk.subset(source, characters, output)
    cjk.font_characters.cache_clear()
    missing = characters - cjk.font_characters()
    if missing:
        sys.exit(f"{cjk.SOURCE_FAMILY} lacks {''.join(sorted(missing))!r}")
    sizes = ", ".join(f"{path.name} {path.stat().st_size / 1024:.0f} KB" for path in cjk.FONT_FILES.values())
    print(f"{len(characters)} characters ({len(cjk.label_characters())} from {TABLE.name}): {sizes}")


if __name__ == "__main__":
    main(sys.argv[1:])
