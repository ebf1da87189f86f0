"""Render every figure of ``momentum_docs.figures.GALLERY`` to ``<folder>/<name>.svg``, once per language.

Run by ``hooks/figures.py`` in a fresh interpreter, so that ``mkdocs serve``
always draws with the package as it is on disk. Each figure is drawn in
English (``<name>.svg``) and in Chinese (``<name>.zh.svg``), all of them in
parallel. Any error in a figure function ends this script with its traceback
and a non-zero exit status; so does a missing Chinese label (named with its
figure) and a Chinese text the shipped font cannot draw.

Usage: python hooks/render_figures.py FOLDER
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

#: (language, file suffix); English keeps the plain name
LANGUAGES = (("en", ".svg"), ("zh", ".zh.svg"))


def render(job: tuple[str, str, str]) -> tuple[str, bytes]:
    from momentum_docs.figures import GALLERY, render_svg

    name, language, suffix = job
    figure = GALLERY[name].draw(language=language)
    svg = render_svg(figure)
    if language != "en":
        from momentum_docs.figures.cjk import missing_glyphs

        missing = missing_glyphs(figure)
        if missing:
            raise ValueError(f"{name}{suffix}: the font subset cannot draw " + "; ".join(missing)
                             + " (run scripts/subset_cjk_font.py)")
    return name + suffix, svg


def main(folder: Path) -> None:
    from momentum_docs.figures import GALLERY

    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(name, language, suffix) for language, suffix in LANGUAGES for name in GALLERY]
    workers = min(len(jobs), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for file_name, svg in pool.map(render, jobs):
            (folder / file_name).write_bytes(svg)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
