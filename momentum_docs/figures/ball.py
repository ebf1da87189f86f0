"""Figures of the page *A ball rolling downhill* (the second lecture note)."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from ..objectives import ball_landscape, ill_conditioned_quadratic
from ..optimizers import GradientDescent, MovementMomentum, optimize
from .labels import translator
from .style import COLORS, new_figure, styled


@styled
def fig_ball_landscape(lr: float = 0.2, momentum: float = 0.9, steps: int = 150, language: str = "en") -> Figure:
    """The 1-D landscape with gradient descent and momentum started at ``L.start``.

    Top: the loss curve and the iterates of both methods on it. Bottom: the
    position against the step, with the critical points as dotted lines.
    """
    t = translator(language)
    L = ball_landscape()
    gd = optimize(GradientDescent(lr), L, L.start, steps)
    mom = optimize(MovementMomentum(lr, momentum), L, L.start, steps)

    fig = new_figure(7.0, 5.6)
    top, bottom = fig.subplots(2, 1, height_ratios=(3, 2))
    theta = np.linspace(-3.4, 3.75, 400)
    top.plot(theta, L(theta), color="black", linewidth=1.2)
    top.plot(mom.x, mom.loss, "o", color=COLORS["momentum"], alpha=0.45, label=t(rf"momentum $\lambda={momentum}$"))
    top.plot(gd.x, gd.loss, "o", color=COLORS["gd"], label=t("gradient descent"))
    labels = {
        L.saddle: t("saddle"),
        L.shallow_minimum: t("shallow\nminimum"),
        L.hill: t("hill"),
        L.deep_minimum: t("deep minimum"),
    }
    for point, text in labels.items():
        below = point in (L.shallow_minimum, L.deep_minimum)
        top.annotate(text, xy=(point, L(point)), xytext=(0, -22 if below else 14), textcoords="offset points",
                     ha="center", va="center", fontsize=9)
    top.plot([L.start], [L(L.start)], "s", color="black", label=t(rf"start $\theta^0={L.start:g}$"))
    top.set_ylim(-0.3, 1.75)
    top.set_xlabel(t(r"$\theta$"))
    top.set_ylabel(t(r"loss $L(\theta)$"))
    top.legend(loc="upper right")
    top.set_title(t(rf"learning rate $\eta={lr}$, {steps} steps"))

    step = np.arange(steps + 1)
    for point in labels:
        bottom.axhline(point, color=COLORS["contour"], linestyle=":", linewidth=1)
    bottom.plot(step, gd.x, color=COLORS["gd"], label=t("gradient descent"))
    bottom.plot(step, mom.x, color=COLORS["momentum"], label=t("momentum"))
    bottom.set_xlabel(t("step t"))
    bottom.set_ylabel(t(r"$\theta^t$"))
    bottom.legend(loc="lower right")
    return fig


@styled
def fig_ball_steps(lr: float = 0.2, momentum: float = 0.8, steps: int = 3, language: str = "en") -> Figure:
    """Each movement is lambda times the last movement plus the gradient step.

    Momentum in the movement form on ``f = 0.1 x1^2 + 2 x2^2`` from (-5, -2):
    for every step ``t >= 1`` the dashed arrow is ``lambda m^t``, the thin
    arrow ``-eta g^t``, and the thick arrow their sum ``m^{t+1}``. The axes
    are scaled differently, which keeps sums of arrows looking like sums.
    """
    tr = translator(language)
    f = ill_conditioned_quadratic()
    run = optimize(MovementMomentum(lr, momentum), f, [-5.0, -2.0], steps)
    x, m = run.x, run.state
    pad = np.array([0.35, 0.6])
    low, high = x.min(axis=0) - pad, x.max(axis=0) + pad
    high[1] += 0.9  # room for the dashed arrow of the last step

    fig = new_figure(6.6, 4.4)
    ax = fig.add_subplot()
    grid1, grid2 = np.meshgrid(np.linspace(low[0], high[0], 200), np.linspace(low[1], high[1], 200))
    ax.contour(grid1, grid2, f(np.stack([grid1, grid2], axis=-1)), levels=12, colors=COLORS["contour"], linewidths=0.7)

    def arrow(start: np.ndarray, end: np.ndarray, color: str, style: str = "-", width: float = 1.4) -> None:
        props = {"arrowstyle": "-|>", "color": color, "linestyle": style, "linewidth": width, "shrinkA": 0, "shrinkB": 0}
        ax.annotate("", xy=tuple(end), xytext=tuple(start), arrowprops=props)

    def label(at: np.ndarray, text: str, color: str, offset: tuple[float, float]) -> None:
        ax.annotate(text, xy=tuple(at), xytext=offset, textcoords="offset points", color=color, fontsize=10,
                    ha="center", va="center")

    arrow(x[0], x[1], COLORS["momentum"], width=2.2)
    label((x[0] + x[1]) / 2, tr(r"$m^1=-\eta g^0$"), COLORS["momentum"], (42, 0))
    for t in range(1, steps):
        carried = x[t] + momentum * m[t]
        arrow(x[t], carried, COLORS["reference"], style="--")
        arrow(carried, x[t + 1], COLORS["gd"])
        arrow(x[t], x[t + 1], COLORS["momentum"], width=2.2)
        label((x[t] + carried) / 2, tr(rf"$\lambda m^{t}$"), COLORS["reference"], (-20, 0))
        label((carried + x[t + 1]) / 2, tr(rf"$-\eta g^{t}$"), COLORS["gd"], (24, -12))
        label((x[t] + x[t + 1]) / 2, tr(rf"$m^{t + 1}$"), COLORS["momentum"], (22, -8))
    ax.plot(x[:, 0], x[:, 1], "o", color="black", markersize=5, zorder=3)
    for t, point in enumerate(x):
        label(point, tr(rf"$\theta^{t}$"), "black", (-16, -4))
    ax.set_xlim(low[0], high[0])
    ax.set_ylim(low[1], high[1])
    ax.set_xlabel(tr(r"$\theta_1$"))
    ax.set_ylabel(tr(r"$\theta_2$"))
    ax.set_title(tr(rf"$m^{{t+1}} = \lambda m^t - \eta g^t$ with $\eta={lr}$, $\lambda={momentum}$"))
    return fig
