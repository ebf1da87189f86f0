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


def _absolute_points(data: str) -> list[tuple[str, tuple[int, ...]]]:
    """SVG path data (absolute or relative, H/V, implied commands) as absolute segments in
    hundredths of a point: [("M", (x, y)), ("L", (x, y)), ("Q", (x1, y1, x, y)), ("Z", ())]."""
    tokens = re.findall(r"[MmLlHhVvQqCcZz]|-?(?:\d+\.?\d*|\.\d+)", data)
    segments, x, y, start, command, index = [], 0, 0, (0, 0), "", 0
    while index < len(tokens):
        if tokens[index].isalpha():
            command = tokens[index]
            index += 1
            if command in "Zz":
                segments.append(("Z", ()))
                x, y = start
                continue
        count = {"M": 2, "L": 2, "H": 1, "V": 1, "Q": 4, "C": 6}[command.upper()]
        numbers = [round(float(token) * 100) for token in tokens[index : index + count]]
        index += count
        relative = command.islower()
        if command.upper() == "H":
            points = [numbers[0] + (x if relative else 0), y]
        elif command.upper() == "V":
            points = [x, numbers[0] + (y if relative else 0)]
        else:
            points = [n + ((x if i % 2 == 0 else y) if relative else 0) for i, n in enumerate(numbers)]
        kind = {"H": "L", "V": "L"}.get(command.upper(), command.upper())
        segments.append((kind, tuple(points)))
        x, y = points[-2], points[-1]
        if kind == "M":
            start = (x, y)
            command = "l" if relative else "L"  # numbers after a moveto are linetos
    return segments


@pytest.mark.parametrize("name", ["phase-map", "ball-landscape", "quadratic-rates", "lower-bound-polynomials"])
def test_compact_path_data_draws_the_same_points(name: str) -> None:
    """Every path of a figure, as written by figures.render_svg, goes through the same points (to
    0.01 pt) as matplotlib's own absolute path data."""
    import io

    import matplotlib

    figure = GALLERY[name].draw()
    buffer = io.BytesIO()
    with matplotlib.rc_context(figures._REPRODUCIBLE_SVG):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    original = re.findall(r'\sd="([^"]*)"', buffer.getvalue().decode())
    assert len(original) > 10
    for data in original:
        compact = figures.compact_path(data)
        assert _absolute_points(compact) == _absolute_points(data), data[:80]
        assert len(compact) <= len(re.sub(r"\s+", " ", data))
