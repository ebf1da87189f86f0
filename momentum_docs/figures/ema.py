"""Figures of the page on exponentially weighted moving averages."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..ema import effective_window, window_weight
from .labels import translator
from .style import COLORS, new_figure, styled


@styled
def fig_ema_weights(gammas: tuple[float, ...] = (0.5, 0.9, 0.95), horizon: int = 60, language: str = "en") -> Figure:
    """``gamma^tau`` against ``tau``, with the point ``tau = 1/(1 - gamma)`` marked on each curve."""
    t = translator(language)
    fig = new_figure(6.4, 3.4)
    ax = fig.add_subplot()
    tau = np.arange(horizon + 1)
    palette = [COLORS["gd"], COLORS["momentum"], COLORS["nesterov"], COLORS["accent"]]
    for gamma, color in zip(gammas, palette):
        n = effective_window(gamma)
        ax.plot(tau, gamma**tau, color=color, label=t(rf"$\gamma={gamma}$, $n=1/(1-\gamma)={n:.0f}$"))
        ax.plot([n], [window_weight(gamma)], "o", color=color)
    ax.axhline(np.exp(-1), color=COLORS["reference"], linestyle=":", linewidth=1)
    ax.annotate(t(r"$e^{-1}$"), xy=(horizon, np.exp(-1)), xytext=(0, 3), textcoords="offset points", ha="right")
    ax.set_xlabel(t(r"steps back $\tau$"))
    ax.set_ylabel(t(r"relative weight $\gamma^\tau$"))
    ax.legend()
    return fig


@styled
def fig_ema_limit(n_max: int = 100, language: str = "en") -> Figure:
    """``(1 - 1/n)^n`` for ``n = 1 .. n_max`` approaching ``e^-1``."""
    t = translator(language)
    fig = new_figure(6.0, 3.2)
    ax = fig.add_subplot()
    n = np.arange(1, n_max + 1)
    ax.semilogx(n, (1 - 1 / n) ** n, "o-", color=COLORS["momentum"], markersize=3, label=t(r"$(1-1/n)^n$"))
    ax.axhline(np.exp(-1), color=COLORS["reference"], linestyle=":", linewidth=1, label=t(r"$e^{-1}=0.3679\ldots$"))
    ax.set_xlabel(t(r"$n = 1/(1-\gamma)$"))
    ax.set_ylabel(t(r"$\gamma^{n}$"))
    ax.legend(loc="lower right")
    return fig
