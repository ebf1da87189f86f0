"""Figure of the page *Momentum in PyTorch, Keras, optax and friends*."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..crosswalk import KerasSGD, TorchSGD
from ..objectives import ill_conditioned_quadratic
from ..optimizers import optimize
from .labels import translator
from .style import COLORS, new_figure, styled


def step_decay(t: int) -> float:
    """0.1 for the first 20 steps, then 0.01."""
    return 0.1 if t <= 20 else 0.01


@styled
def fig_frameworks_schedule(momentum: float = 0.9, steps: int = 60, language: str = "en") -> Figure:
    """Step length ``|x_t - x_{t-1}|`` when the learning rate drops tenfold: inside or outside the velocity."""
    tr = translator(language)
    f = ill_conditioned_quadratic()
    fig = new_figure(6.6, 3.4)
    ax = fig.add_subplot()
    t = np.arange(1, steps + 1)
    for optimizer, label, color in (
        (KerasSGD(step_decay, momentum), tr("inside the velocity (Keras, the site, D2L 1st ed.)"), COLORS["momentum"]),
        (TorchSGD(step_decay, momentum), tr("outside the velocity (PyTorch, optax, D2L 2nd ed.)"), COLORS["gd"]),
    ):
        run = optimize(optimizer, f, [-5.0, -2.0], steps)
        ax.semilogy(t, np.linalg.norm(np.diff(run.x, axis=0), axis=1), "-o", markersize=2.5, color=color, label=label)
    ax.axvline(20.5, color=COLORS["reference"], linestyle=":", linewidth=1)
    ax.annotate(tr(r"$\eta$: 0.1 $\to$ 0.01"), (20.5, 1.0), xytext=(4, 0), textcoords="offset points", fontsize=9)
    ax.set_xlabel(tr("step t"))
    ax.set_ylabel(tr(r"step length $\|\mathbf{x}_t-\mathbf{x}_{t-1}\|$"))
    ax.set_title(tr(rf"$\gamma={momentum}$ on $f = 0.1x_1^2 + 2x_2^2$"))
    ax.legend(fontsize=8, loc="upper right", bbox_to_anchor=(1.0, 0.92))
    return fig
