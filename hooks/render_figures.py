"""Render every figure of ``momentum_docs.figures.GALLERY`` to ``<folder>/<name>.svg``.

Run by ``hooks/figures.py`` in a fresh interpreter, so that ``mkdocs serve``
always draws with the package as it is on disk. Any error in a figure
function ends this script with its traceback and a non-zero exit status.

Usage: python hooks/render_figures.py FOLDER
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path


def render(name: str) -> tuple[str, bytes]:
    from momentum_docs.figures import GALLERY, render_svg

    return name, render_svg(GALLERY[name].draw())


def main(folder: Path) -> None:
    from momentum_docs.figures import GALLERY

    folder.mkdir(parents=True, exist_ok=True)
    workers = min(len(GALLERY), os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for name, svg in pool.map(render, GALLERY):
            (folder / f"{name}.svg").write_bytes(svg)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
