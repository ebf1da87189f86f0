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
_PATH_D = re.compile(r'\sd="([^"]*)"')
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


_PATH_TOKEN = re.compile(r"([MLQCZz])|(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)|([\s,]+)|(.)")
_ARGUMENTS = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0, "z": 0}


def _hundredths(value: int) -> str:
    """A number of hundredths of a point as the shortest SVG number: 150 -> "1.5", -50 -> "-.5"."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    whole, fraction = divmod(value, 100)
    text = str(whole) + (f".{fraction:02d}".rstrip("0") if fraction else "")
    return sign + (text[1:] if text.startswith("0.") else text)


def _join(numbers: list[str]) -> str:
    """Numbers of one command, with a separator only where the next number would run on."""
    out = numbers[0]
    for previous, number in zip(numbers, numbers[1:]):
        runs_on = not number.startswith("-") and not (number.startswith(".") and "." in previous)
        out += (" " if runs_on else "") + number
    return out


def compact_path(data: str) -> str:
    """Matplotlib's path data (absolute M, L, Q, C and z) to 0.01 pt, written in fewer characters:
    each segment absolute or relative, whichever is shorter; H and V for horizontal and vertical
    lines; no repeated command letter; no leading zero, no separator before a minus sign. The
    points are the same to the hundredth of a point (relative steps are taken between the rounded
    points, so no rounding error adds up).

    >>> compact_path("M 100.004 200 L 100 250.5 L 101.25 250.5 L 102.5 251.75 z M 0.5 0.5 L 0.25 -0.75 L 5 5 L 5.5 5")
    'M100 200v50.5h1.25l1.25 1.25zM.5.5.25-.75 5 5h.5'
    """
    tokens = []
    for command, number, space, other in _PATH_TOKEN.findall(data):
        if other:
            raise ValueError(f"path data with {other!r}, which compact_path does not read: {data[:80]}")
        if command or number:
            tokens.append(command or round(float(number) * 100))
    out: list[str] = []
    last = ""  # the command letter in force: a number after it continues that command
    last_number: str | None = None  # the last number written (None after z)
    x = y = start_x = start_y = 0
    index = 0
    while index < len(tokens):
        command = tokens[index]
        if not isinstance(command, str) or command not in _ARGUMENTS:
            raise ValueError(f"path data without a command where one is due: {data[:80]}")
        count = _ARGUMENTS[command]
        values = tokens[index + 1 : index + 1 + count]
        index += 1 + count
        if count == 0:
            out.append("z")
            last, last_number, x, y = "z", None, start_x, start_y
            continue
        if len(values) != count or not all(isinstance(value, int) for value in values):
            raise ValueError(f"{command} needs {count} numbers: {data[:80]}")
        end_x, end_y = values[-2], values[-1]
        relative = [value - (x if position % 2 == 0 else y) for position, value in enumerate(values)]
        choices = [(command, values), (command.lower(), relative)]
        if command == "L" and end_y == y:
            choices += [("H", [end_x]), ("h", [end_x - x])]
        if command == "L" and end_x == x:
            choices += [("V", [end_y]), ("v", [end_y - y])]
        written = []
        for letter, numbers in choices:
            strings = [_hundredths(number) for number in numbers]
            text = _join(strings)
            implied = letter == last and last_number is not None
            if implied and _join([last_number, strings[0]]) != last_number + strings[0]:
                text = " " + text  # a continued command: a separator unless the number starts with one
            written.append((len(text) if implied else len(text) + 1, letter, text, implied, strings[-1]))
        _, letter, text, implied, last_number = min(written, key=lambda choice: choice[0])
        out.append(text if implied else letter + text)
        last = {"M": "L", "m": "l"}.get(letter, letter)
        x, y = end_x, end_y
        if command == "M":
            start_x, start_y = x, y
    return "".join(out)


def minify_svg(svg: str) -> str:
    """Matplotlib's SVG without what a browser does not need: the XML prolog, metadata, comments,
    ids nothing refers to, groups without attributes, indentation, digits below 0.01 pt in
    coordinates; path data in its shortest form (:func:`compact_path`); ``href`` for ``xlink:href`` (SVG 2); fallback fonts after each font family;
    repeated styles as classes; embedded rasters (heat maps) with a palette of 256 colours.

    >>> minify_svg('<?xml version="1.0"?> <svg viewBox="0 0 9 9"> <!-- a line --> <g id="line2d_1">'
    ...            '<path d="M 0.123456 1 L 2.5 3.999999 z" style="stroke: #000000; stroke-width: 0.8"/></g></svg>')
    '<svg viewBox="0 0 9 9"><path d="M.12 1 2.5 4z" style="stroke:#000000;stroke-width:0.8"/></svg>'
    """
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>|<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r"(font-family:\s*[^;\"]+)", lambda m: m.group(1).rstrip() + FONT_FALLBACK, svg)
    svg = re.sub(r' transform="rotate\(-?0 [^)]*\)"', "", svg)  # a rotation by 0 degrees
    svg = _PATH_DATA.sub(lambda m: f'{m.group(1)}="{_path_data(m.group(2))}"', svg)
    svg = _PATH_D.sub(lambda m: f' d="{compact_path(m.group(1))}"', svg)
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
