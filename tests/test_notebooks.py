"""Every notebook page has the site's shape, and the figure functions only notebooks call draw correctly."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest
from matplotlib.figure import Figure

from momentum_docs.figures import GALLERY, render_svg

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "docs").rglob("*.py"))
UNSEEDED = re.compile(r"np\.random\.(?!default_rng\b)\w+|\brandom\.(?:random|seed|randint|choice|shuffle)\b")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_opens_with_goals_and_ends_with_exercises(path: Path) -> None:
    """In the notebook's language (本节要点, 本页符号, 小结, 练习 on a .zh.py; headings keep their English ids)."""
    from translations import SHAPE

    shape = SHAPE["zh" if path.name.endswith(".zh.py") else "en"]
    cells = jupytext.read(path).cells
    assert cells[0].cell_type == "markdown"
    assert f"**{shape['learn']}**" in cells[0].source and f"**{shape['symbols']}**" in cells[0].source
    headings = [re.sub(r"\s*\{#[\w-]+\}$", "", line) for cell in cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("## ")]
    assert headings[-2:] == [f"## {shape['summary']}", f"## {shape['exercises']}"], headings[-2:]
    after = cells[next(i for i, c in enumerate(cells) if f"## {shape['exercises']}" in c.source) + 1 :]
    solutions = [cell for cell in after if "solution" in cell.metadata.get("tags", [])]
    assert any(cell.cell_type == "code" for cell in solutions), "exercises need solutions that run"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_draws_inline_and_uses_no_unseeded_randomness(path: Path) -> None:
    code = [cell.source for cell in jupytext.read(path).cells if cell.cell_type == "code"]
    assert "%matplotlib inline" in code[0] and 'figure_formats = ["retina"]' in code[0]
    assert "matplotlib.use(" not in "\n".join(code) and "savefig(" not in "\n".join(code)
    assert not UNSEEDED.findall("\n".join(code))


def notebook_figures() -> dict[str, object]:
    from test_figures import figure_functions

    in_gallery = {spec.function.__name__ for spec in GALLERY.values()}
    return {name: function for name, function in figure_functions().items() if name not in in_gallery}


@pytest.mark.parametrize("name", sorted(notebook_figures()))
def test_notebook_figure_draws_with_its_defaults(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    monkeypatch.chdir(tmp_path)  # a figure function must write no files
    before = plt.get_fignums()
    function = notebook_figures()[name]
    first = function()
    assert isinstance(first, Figure) and first.axes
    assert render_svg(first) == render_svg(function())  # the same figure every time
    assert plt.get_fignums() == before and list(tmp_path.iterdir()) == []
