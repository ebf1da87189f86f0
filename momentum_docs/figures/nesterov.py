"""Figures of the page *Nesterov momentum*."""

from __future__ import annotations

import warnings

import numpy as np
from matplotlib.figure import Figure

from .. import theory
from ..d2l import f_2d, show_trace_2d
from ..objectives import ill_conditioned_quadratic
from ..optimizers import DivergenceWarning, Momentum, Nesterov, optimize
from .basics import LEVELS, START
from .labels import translator
from .style import COLORS, new_figure, styled


@styled
def fig_nesterov_rates(momentum: float = 0.9, a_max: float = 4.2, language: str = "en") -> Figure:
    """Rate against ``lr * lam`` for heavy ball and Nesterov at one momentum."""
    t = translator(language)
    fig = new_figure(6.6, 3.5)
    ax = fig.add_subplot()
    a = np.linspace(1e-3, a_max, 2000)
    for nesterov, name, color in ((False, t("heavy ball"), COLORS["momentum"]), (True, t("Nesterov"), COLORS["nesterov"])):
        ax.plot(a, theory.spectral_radius(a, momentum, 1.0, nesterov=nesterov), color=color, label=name)
        bound = float(theory.stability_bound(momentum, nesterov=nesterov))
        ax.axvline(bound, color=color, linestyle=":", linewidth=1)
        ax.annotate(t(f"{bound:.3g}"), (bound, 1.45), xytext=(3, 0), textcoords="offset points", color=color, fontsize=8)
    ax.axhline(1.0, color=COLORS["reference"], linewidth=0.8)
    ax.set_ylim(0, 1.6)
    ax.set_xlim(0, a_max)
    ax.set_xlabel(t(r"$\eta\lambda$"))
    ax.set_ylabel(t(r"rate $\rho$ per step"))
    ax.set_title(t(rf"$\gamma={momentum}$ (dotted: largest stable $\eta\lambda$)"))
    ax.legend(loc="upper left")
    return fig


@styled
def fig_nesterov_traces(
    settings: tuple[tuple[float, float], ...] = ((0.2, 0.9), (0.4, 0.5)), steps: int = 20, language: str = "en"
) -> Figure:
    """Heavy ball and Nesterov side by side on ``f = 0.1 x1^2 + 2 x2^2``, one panel per (lr, momentum)."""
    t = translator(language)
    f = ill_conditioned_quadratic()
    fig = new_figure(8.4, 3.2)
    axes = fig.subplots(1, len(settings), sharey=True)
    for ax, (lr, momentum) in zip(np.atleast_1d(axes), settings):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)  # one of the panels shows a diverging run
            heavy = optimize(Momentum(lr, momentum), f, START, steps)
            nesterov = optimize(Nesterov(lr, momentum), f, START, steps)
        show_trace_2d(f_2d, heavy.x, ax=ax, ylim=(-3.5, 3.5), color=COLORS["momentum"], contour_color=COLORS["contour"],
                      levels=LEVELS, label=t("heavy ball"))
        ax.plot(nesterov.x[:, 0], nesterov.x[:, 1], "-o", color=COLORS["nesterov"], markersize=3, label=t("Nesterov"))
        ax.set_title(t(rf"$\eta={lr}$, $\gamma={momentum}$"))
        ax.legend(loc="lower right", fontsize=8)
    return fig
