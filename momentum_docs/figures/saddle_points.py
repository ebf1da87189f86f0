"""Figures of the notebook *Saddle points in two dimensions*: trajectories and distance to the saddle."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure

from ..optimizers import GradientDescent, Momentum, Trajectory, optimize
from ..saddles import PlateauSaddle, StrictSaddle, steps_to_escape
from .labels import translator
from .style import COLORS, new_figure, styled

_COLORS = {"gradient descent": COLORS["gd"], "momentum": COLORS["momentum"], "Nesterov": COLORS["nesterov"]}


@styled
def fig_saddle_points_escape(
    function: StrictSaddle | PlateauSaddle | None = None,
    runs: Mapping[str, Trajectory] | None = None,
    log_distance: bool = True,
    language: str = "en",
) -> Figure:
    """Top: the runs over the contours of ``function``. Bottom: distance to the saddle against the step.

    The dotted vertical lines mark the step at which each run is 0.5 away
    from the stable manifold (:func:`~momentum_docs.steps_to_escape`).
    By default: gradient descent and momentum (lr 0.1, momentum 0.9) on
    :class:`~momentum_docs.StrictSaddle` from ``(2, 1e-4)``, 400 steps.
    """
    t = translator(language)
    if function is None:
        function = StrictSaddle()
    if runs is None:
        runs = {name: optimize(opt, function, [2.0, 1e-4], steps=400)
                for name, opt in {"gradient descent": GradientDescent(0.1), "momentum": Momentum(0.1, 0.9)}.items()}
    fig = new_figure(6.0, 5.0)
    left, right = fig.subplots(2, 1, height_ratios=(1.15, 1))

    g1, g2 = np.meshgrid(np.linspace(-2.4, 2.4, 241), np.linspace(-0.6, 1.5, 106))
    values = function(np.stack([g1, g2], axis=-1))
    left.contour(g1, g2, values, levels=np.quantile(values, np.linspace(0.02, 0.9, 16)), colors=COLORS["contour"],
                 linewidths=0.7)
    left.axhline(0.0, color=COLORS["reference"], linestyle=":", linewidth=1)
    left.annotate(t("stable manifold"), xy=(-2.3, -0.1), fontsize=8, color=COLORS["reference"])
    for name, run in runs.items():
        color = _COLORS.get(name, COLORS["accent"])
        left.plot(run.x[:, 0], run.x[:, 1], "-", color=color, linewidth=1.0, alpha=0.9, label=t(name))
        left.plot(run.x[::10, 0], run.x[::10, 1], "o", color=color, markersize=2.5)
    left.plot(*function.saddle, "X", color="black", markersize=8, label=t("saddle"))
    left.plot(*function.minima.T, "*", color="black", markersize=9, label=t("minimum"))
    left.plot(*next(iter(runs.values())).x[0], "s", color="black", markersize=5, label=t("start"))
    left.set_xlim(-2.4, 2.4)
    left.set_ylim(-0.6, 1.5)
    left.set_xlabel(t(r"$x_1$"))
    left.set_ylabel(t(r"$x_2$"))
    left.set_title(t(repr(function)), fontsize=10)
    left.legend(loc="lower left", fontsize=8, ncol=3, frameon=True, framealpha=0.9)

    for name, run in runs.items():
        color = _COLORS.get(name, COLORS["accent"])
        distance = function.distance_to_saddle(run.x)
        (right.semilogy if log_distance else right.plot)(np.arange(run.steps + 1), distance, color=color, label=t(name))
        escape = steps_to_escape(function, run.x)
        if escape is not None:
            right.axvline(escape, color=color, linestyle=":", linewidth=1.2)
            right.annotate(t(f"t = {escape}"), xy=(escape, 0.99), xycoords=("data", "axes fraction"),
                           xytext=(-2, 0), textcoords="offset points", color=color, fontsize=8, ha="right", va="top")
    right.axhline(1.0, color=COLORS["reference"], linestyle=":", linewidth=1, label=t("distance of the minima"))
    right.set_xlabel(t("step t"))
    right.set_ylabel(t("distance to the saddle (log scale)" if log_distance else "distance to the saddle"))
    right.legend(loc="lower right", frameon=True, framealpha=0.9)
    return fig
