"""One pure function per figure of the site: parameters in, matplotlib Figure out.

Figure functions are named after the page they serve (``fig_<page>_<what>``),
take only keyword arguments with defaults, use no pyplot state and write no
files. :data:`GALLERY` lists the figures the site shows, each a function
with its arguments and the file name the build gives it; the build renders
each one to SVG with :func:`render_svg`.

>>> spec = GALLERY["ema-limit"]
>>> svg = render_svg(spec.draw())
>>> svg.startswith(b"<svg") and svg == render_svg(spec.draw())
True
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from . import ball, basics, beyond, ema, frameworks, nesterov, noise, quadratic, training

__all__ = ["GALLERY", "FigureSpec", "render_svg"]

#: rcParams that make the SVG bytes the same from build to build
_REPRODUCIBLE_SVG = {"svg.hashsalt": "momentum-docs", "svg.fonttype": "none"}
#: text is SVG text (a third of the bytes of glyph outlines): where the reader lacks DejaVu Sans,
#: Verdana (its metrics are close) or the browser's sans-serif font draws it; a label with a root,
#: a fraction or a big operator is drawn as outlines (see _SIZED_MATH)
FONT_FALLBACK = ",Verdana,sans-serif"


def render_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes, identical for identical figures (no date, fixed ids), minified."""
    from matplotlib import patheffects

    buffer = io.BytesIO()
    # a label with a root, a fraction or a big operator is drawn as outlines (see _SIZED_MATH)
    outlined = [text for text in _sized_math_labels(figure) if not text.get_path_effects()]
    for text in outlined:
        text.set_path_effects([patheffects.Normal()])
    try:
        with matplotlib.rc_context(_REPRODUCIBLE_SVG):
            figure.savefig(buffer, format="svg", metadata={"Date": None})
    finally:
        for text in outlined:
            text.set_path_effects([])
    return minify_svg(buffer.getvalue().decode("utf-8")).encode("utf-8")


#: mathtext that matplotlib sets with sized glyphs from fonts a browser lacks (DejaVu Sans Display):
#: as SVG text it would show the wrong glyphs, so such a label is drawn as outlines (a path effect
#: makes matplotlib draw a text as paths; the rest of the figure's text stays text)
_SIZED_MATH = re.compile(r"\\(?:sqrt|frac|dfrac|sum|prod|int|left|right|overline|widehat|widetilde)\b")


def _sized_math_labels(figure: Figure) -> list:
    from matplotlib.text import Text

    return [text for text in figure.findobj(Text) if "$" in text.get_text() and _SIZED_MATH.search(text.get_text())]


_NUMBER = re.compile(r"-?\d+\.\d+")
_PATH_DATA = re.compile(r'(\sd|\spoints)="([^"]*)"')
_POSITION = re.compile(r'(\s(?:x|y|x1|x2|y1|y2|cx|cy|r|rx|ry)=")(-?\d+\.\d+)"')
_TRANSLATE = re.compile(r"translate\(([^)]*)\)")
_STYLE = re.compile(r'style="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')
_REFERENCE = re.compile(r'(?:href="#|url\(#)([^")]+)')


_EMBEDDED_PNG = re.compile(r'(<image\b[^>]*?href="data:image/png;base64,)([A-Za-z0-9+/=\s]+)')


def _palette_png(encoded: str) -> str:
    """A raster inside a figure (a heat map) with a palette of 256 colours, if that is smaller."""
    import base64

    from PIL import Image

    original = base64.b64decode("".join(encoded.split()))
    buffer = io.BytesIO()
    Image.open(io.BytesIO(original)).quantize(256, method=Image.Quantize.FASTOCTREE).save(buffer, "PNG", optimize=True)
    smaller = buffer.getvalue()
    return base64.b64encode(smaller if len(smaller) < len(original) else original).decode()


def _short(number: str, digits: int = 2) -> str:
    """``240.59976`` -> ``240.6``: 0.01 pt is far below a screen pixel."""
    text = f"{float(number):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _path_data(data: str) -> str:
    data = _NUMBER.sub(lambda m: _short(m.group(0)), data)
    data = re.sub(r"\s*([MLCQZmlcqz])\s*", r"\1", data.strip())  # "M 1 2 \nL 3 4 \nz" -> "M1 2L3 4z"
    return re.sub(r"\s+", " ", data)


def minify_svg(svg: str) -> str:
    """Matplotlib's SVG without what a browser does not need: the XML prolog, metadata, comments,
    ids nothing refers to, groups without attributes, indentation, digits below 0.01 pt in
    coordinates; ``href`` for ``xlink:href`` (SVG 2); fallback fonts after each font family;
    repeated styles as classes; embedded rasters (heat maps) with a palette of 256 colours.

    >>> minify_svg('<?xml version="1.0"?> <svg viewBox="0 0 9 9"> <!-- a line --> <g id="line2d_1">'
    ...            '<path d="M 0.123456 1 L 2.5 3.999999 z" style="stroke: #000000; stroke-width: 0.8"/></g></svg>')
    '<svg viewBox="0 0 9 9"><path d="M0.12 1L2.5 4z" style="stroke:#000000;stroke-width:0.8"/></svg>'
    """
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>|<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r"(font-family:\s*[^;\"]+)", lambda m: m.group(1).rstrip() + FONT_FALLBACK, svg)
    svg = re.sub(r' transform="rotate\(-?0 [^)]*\)"', "", svg)  # a rotation by 0 degrees
    svg = _PATH_DATA.sub(lambda m: f'{m.group(1)}="{_path_data(m.group(2))}"', svg)
    svg = _POSITION.sub(lambda m: f'{m.group(1)}{_short(m.group(2))}"', svg)
    svg = _TRANSLATE.sub(lambda m: "translate(" + _NUMBER.sub(lambda n: _short(n.group(0)), m.group(1)) + ")", svg)
    svg = _STYLE.sub(lambda m: 'style="' + re.sub(r"\s*([:;])\s*", r"\1", m.group(1).strip()).rstrip(";") + '"', svg)
    svg = _EMBEDDED_PNG.sub(lambda m: m.group(1) + _palette_png(m.group(2)), svg)
    referenced = set(_REFERENCE.findall(svg))
    svg = _ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", svg)
    svg = svg.replace("xlink:href=", "href=").replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    return _style_classes(_unwrap_bare_groups(re.sub(r">\s+<", "><", svg).strip()))


def _style_classes(svg: str) -> str:
    """A style attribute that repeats becomes a class of one ``<style>`` element."""
    counts: dict[str, int] = {}
    for style in _STYLE.findall(svg):
        counts[style] = counts.get(style, 0) + 1
    shared = [style for style, count in counts.items() if count > 1 and len(style) > 12]
    if not shared:
        return svg
    names = {style: f"s{index}" for index, style in enumerate(shared)}
    svg = _STYLE.sub(lambda m: f'class="{names[m.group(1)]}"' if m.group(1) in names else m.group(0), svg)
    rules = "".join(f".{name}{{{style}}}" for style, name in names.items())
    opening = svg.index(">") + 1
    return f"{svg[:opening]}<style>{rules}</style>{svg[opening:]}"


def _unwrap_bare_groups(svg: str) -> str:
    """Drop every ``<g>`` without attributes (and its ``</g>``): it changes nothing drawn."""
    pieces, stack, position = [], [], 0
    for tag in re.finditer(r"<g>|<g\s[^>]*[^/]>|</g>", svg):
        pieces.append(svg[position : tag.start()])
        position = tag.end()
        if tag.group(0) == "</g>":
            if not stack.pop():
                pieces.append("</g>")
        else:
            bare = tag.group(0) == "<g>"
            stack.append(bare)
            if not bare:
                pieces.append(tag.group(0))
    pieces.append(svg[position:])
    return "".join(pieces)


@dataclass(frozen=True)
class FigureSpec:
    """A figure of the site: ``function(**kwargs)`` saved as ``figures/<name>.svg``.

    The build draws it once per language: ``figures/<name>.svg`` in English and
    ``figures/<name>.zh.svg`` in Chinese (``draw(language="zh")``).
    """

    name: str
    function: Callable[..., Figure]
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def draw(self, language: str = "en") -> Figure:
        figure = self.function(**self.kwargs, language=language)
        if not isinstance(figure, Figure):
            raise TypeError(f"{self.function.__qualname__} returned {type(figure).__name__}, not a Figure")
        return figure


def _gallery(*specs: FigureSpec) -> Mapping[str, FigureSpec]:
    names = [spec.name for spec in specs]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"figure names must be unique, repeated: {duplicates}")
    return MappingProxyType({spec.name: spec for spec in specs})


#: every figure the site shows, by file name (without ``.svg``)
GALLERY: Mapping[str, FigureSpec] = _gallery(
    FigureSpec("home-gd-vs-momentum", basics.fig_home_gd_vs_momentum),
    FigureSpec("zigzag-trace-lr-0.4", basics.fig_zigzag_trace, {"lr": 0.4}),
    FigureSpec("zigzag-trace-lr-0.6", basics.fig_zigzag_trace, {"lr": 0.6}),
    FigureSpec("zigzag-coordinates", basics.fig_zigzag_coordinates),
    FigureSpec("momentum-trace-lr-0.4", basics.fig_momentum_trace, {"lr": 0.4}),
    FigureSpec("momentum-trace-lr-0.6", basics.fig_momentum_trace, {"lr": 0.6}),
    FigureSpec("momentum-loss-curves", training.fig_momentum_loss_curves),
    FigureSpec("ema-weights", ema.fig_ema_weights),
    FigureSpec("ema-limit", ema.fig_ema_limit),
    FigureSpec("ball-landscape", ball.fig_ball_landscape),
    FigureSpec("ball-steps", ball.fig_ball_steps),
    FigureSpec("quadratic-rates", quadratic.fig_quadratic_rates),
    FigureSpec("quadratic-eigenvalues", quadratic.fig_quadratic_eigenvalues),
    FigureSpec("quadratic-optimal", quadratic.fig_quadratic_optimal),
    FigureSpec("phase-map", quadratic.fig_phase_map),
    FigureSpec("phase-map-trajectories", quadratic.fig_phase_map_trajectories),
    FigureSpec("nesterov-rates", nesterov.fig_nesterov_rates),
    FigureSpec("nesterov-traces", nesterov.fig_nesterov_traces),
    FigureSpec("frameworks-schedule", frameworks.fig_frameworks_schedule),
    FigureSpec("effective-step", noise.fig_effective_step),
    FigureSpec("noisy-quadratic", noise.fig_noisy_quadratic),
    FigureSpec("noisy-airfoil", noise.fig_noisy_airfoil),
    # Why Polyak's tuning is optimal; Beyond quadratics; Small steps and noise
    FigureSpec("lower-bound-polynomials", beyond.fig_lower_bound_polynomials),
    FigureSpec("lower-bound-spectra", beyond.fig_lower_bound_spectra),
    FigureSpec("beyond-quadratics-rates", beyond.fig_beyond_quadratics_rates),
    FigureSpec("beyond-quadratics-cycle", beyond.fig_beyond_quadratics_cycle),
    FigureSpec("small-steps-noisy", beyond.fig_small_steps_noisy),
    FigureSpec("small-steps-airfoil", beyond.fig_small_steps_airfoil),
)
