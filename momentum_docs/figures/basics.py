"""Figures of the pages on gradient descent and the momentum update (and the home page)."""

from __future__ import annotations

import warnings

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..d2l import f_2d, show_trace_2d
from ..objectives import ill_conditioned_quadratic
from ..optimizers import DivergenceWarning, GradientDescent, Momentum, Trajectory, optimize
from .labels import translator
from .style import COLORS, new_figure, styled

START = (-5.0, -2.0)
#: contour levels of f that show the elongated ellipses around the minimum
LEVELS = (0.25, 1.0, 2.5, 5.0, 10.0, 20.0)


def _run(optimizer: GradientDescent | Momentum, steps: int) -> Trajectory:
    # a diverging run is what some of these figures exist to show
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DivergenceWarning)
        return optimize(optimizer, ill_conditioned_quadratic(), START, steps)


def _trace(ax: Axes, run: Trajectory, color: str, label: str, ylim: tuple[float, float]) -> None:
    show_trace_2d(f_2d, run.x, ax=ax, ylim=ylim, color=color, contour_color=COLORS["contour"], levels=LEVELS, label=label)


@styled
def fig_home_gd_vs_momentum(lr: float = 0.4, momentum: float = 0.5, steps: int = 20, language: str = "en") -> Figure:
    """Gradient descent and momentum side by side on ``f = 0.1 x1^2 + 2 x2^2``."""
    t = translator(language)
    fig = new_figure(8.0, 3.0)
    left, right = fig.subplots(1, 2, sharey=True)
    _trace(left, _run(GradientDescent(lr), steps), COLORS["gd"], t("gradient descent"), (-3, 3))
    _trace(right, _run(Momentum(lr, momentum), steps), COLORS["momentum"], t("momentum"), (-3, 3))
    left.set_title(t(rf"gradient descent, $\eta={lr}$"))
    right.set_title(t(rf"momentum, $\eta={lr}$, $\gamma={momentum}$"))
    right.set_ylabel("")
    return fig


@styled
def fig_zigzag_trace(lr: float = 0.4, steps: int = 20, language: str = "en") -> Figure:
    """Gradient descent on ``f`` from (-5, -2), drawn with the note's ``show_trace_2d``."""
    t = translator(language)
    run = _run(GradientDescent(lr), steps)
    fig = new_figure(6.0, 3.4)
    ax = fig.add_subplot()
    _trace(ax, run, COLORS["gd"], t("gradient descent"), (-4, 4))
    ax.set_title(t(rf"gradient descent, $\eta={lr}$, {steps} steps"))
    final = run.x[-1]
    if np.abs(final[1]) > 4:
        ax.annotate(
            t(f"after {steps} steps: x2 = {final[1]:.0f}"),
            xy=(0.02, 0.04),
            xycoords="axes fraction",
            color=COLORS["gd"],
            fontsize=9,
            # on a white box above the path, which crosses this corner when the run diverges
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9},
            zorder=5,
        )
    return fig


@styled
def fig_zigzag_coordinates(lrs: tuple[float, ...] = (0.4, 0.6), steps: int = 20, language: str = "en") -> Figure:
    """``|x1|`` and ``|x2|`` against the step for each learning rate, on a log scale."""
    tr = translator(language)
    fig = new_figure(6.4, 3.4)
    ax = fig.add_subplot()
    palette = [COLORS["gd"], COLORS["accent"], COLORS["momentum"], COLORS["nesterov"]]
    t = np.arange(steps + 1)
    for lr, color in zip(lrs, palette):
        run = _run(GradientDescent(lr), steps)
        ax.semilogy(t, np.abs(run.x[:, 0]), "-", color=color, label=tr(rf"$|x_1|$, $\eta={lr}$"))
        ax.semilogy(t, np.abs(run.x[:, 1]), "--", color=color, label=tr(rf"$|x_2|$, $\eta={lr}$"))
    ax.set_xlabel(tr("step t"))
    ax.set_ylabel(tr(r"$|x_i|$ (log scale)"))
    ax.legend(ncol=2)
    return fig


@styled
def fig_momentum_trace(lr: float = 0.4, momentum: float = 0.5, steps: int = 20, language: str = "en") -> Figure:
    """Momentum on ``f`` from (-5, -2), with gradient descent at the same ``lr`` for contrast."""
    t = translator(language)
    fig = new_figure(6.0, 3.4)
    ax = fig.add_subplot()
    gd = _run(GradientDescent(lr), steps)
    ax.plot(gd.x[:, 0], gd.x[:, 1], "-o", color=COLORS["gd"], alpha=0.35, label=t("gradient descent"))
    _trace(ax, _run(Momentum(lr, momentum), steps), COLORS["momentum"], t("momentum"), (-4, 4))
    ax.set_title(t(rf"momentum, $\eta={lr}$, $\gamma={momentum}$, {steps} steps"))
    ax.legend(loc="upper right")
    return fig
