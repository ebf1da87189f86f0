"""One pure function per figure of the site: parameters in, matplotlib Figure out.

Figure functions are named after the page they serve (``fig_<page>_<what>``),
take only keyword arguments with defaults, use no pyplot state and write no
files. :data:`GALLERY` lists the figures the site shows, each a function
with its arguments and the file name the build gives it; the build renders
each one to SVG with :func:`render_svg`.

>>> spec = GALLERY["ema-limit"]
>>> svg = render_svg(spec.draw())
>>> svg.startswith(b"<?xml") and svg == render_svg(spec.draw())
True
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from . import ball, basics, beyond, ema, frameworks, nesterov, noise, quadratic, training

__all__ = ["GALLERY", "FigureSpec", "render_svg"]

#: rcParams that make the SVG bytes the same from build to build
_REPRODUCIBLE_SVG = {"svg.hashsalt": "momentum-docs", "svg.fonttype": "path"}


def render_svg(figure: Figure) -> bytes:
    """The figure as SVG bytes, identical for identical figures (no date, fixed ids)."""
    buffer = io.BytesIO()
    with matplotlib.rc_context(_REPRODUCIBLE_SVG):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


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
