"""Every figure function runs, returns a Figure, is reproducible, and is shown on some page."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from momentum_docs import figures
from momentum_docs.figures import GALLERY, render_svg

ROOT = Path(__file__).resolve().parent.parent
FIGURE_LINK = re.compile(r"figures/([\w.\-]+)\.svg")


def figure_modules() -> list[object]:
    import importlib
    import pkgutil

    return [importlib.import_module(f"momentum_docs.figures.{m.name}") for m in pkgutil.iter_modules(figures.__path__)]


def figure_functions() -> dict[str, object]:
    modules = figure_modules()
    return {
        name: function
        for module in modules
        for name, function in vars(module).items()
        if name.startswith("fig_") and inspect.isfunction(function) and function.__module__ == module.__name__
    }


@pytest.mark.parametrize("name", sorted(GALLERY))
def test_gallery_figure_draws_reproducibly(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    monkeypatch.chdir(tmp_path)  # a figure function must write no files
    before = plt.get_fignums()
    spec = GALLERY[name]
    first = spec.draw()
    assert isinstance(first, Figure) and first.axes
    svg = render_svg(first)
    assert svg == render_svg(spec.draw())
    assert plt.get_fignums() == before and list(tmp_path.iterdir()) == []
    # a page must stay quick to load: rasterize dense artists (heat maps, big scatters) instead
    assert len(svg) < 400_000, f"{name}.svg is {len(svg) // 1000} kB"


@pytest.mark.parametrize("name", sorted(figure_functions()))
def test_figure_functions_take_keywords_with_defaults(name: str) -> None:
    for parameter in inspect.signature(figure_functions()[name]).parameters.values():
        assert parameter.default is not inspect.Parameter.empty, f"{name}({parameter.name}) needs a default"


def test_every_figure_function_is_shown() -> None:
    """Each fig_ function is drawn by the build (GALLERY) or called by an executed notebook page."""
    in_gallery = {spec.function.__name__ for spec in GALLERY.values()}
    notebooks = "\n".join(page.read_text(encoding="utf-8") for page in (ROOT / "docs").rglob("*.py"))
    unused = [name for name in figure_functions() if name not in in_gallery and f"{name}(" not in notebooks]
    assert not unused, f"figure functions that no page shows: {unused}"


def test_pages_show_exactly_the_gallery() -> None:
    linked = {
        match
        for page in (ROOT / "docs").rglob("*")
        if page.suffix in {".md", ".py"}
        for match in FIGURE_LINK.findall(page.read_text(encoding="utf-8"))
    }
    assert linked == set(GALLERY), f"unknown: {linked - set(GALLERY)}, never shown: {set(GALLERY) - linked}"
