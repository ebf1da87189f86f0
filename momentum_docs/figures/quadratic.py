"""Figures of the pages *Momentum on a quadratic* and *The (learning rate, momentum) map*."""

from __future__ import annotations

import warnings

import numpy as np
from matplotlib import patheffects
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from .. import theory
from ..objectives import Quadratic, ill_conditioned_quadratic
from ..optimizers import DivergenceWarning, GradientDescent, Momentum, optimize
from .labels import translator
from .style import COLORS, new_figure, styled

PALETTE = [COLORS["gd"], COLORS["momentum"], COLORS["nesterov"], COLORS["accent"]]


@styled
def fig_quadratic_rates(momenta: tuple[float, ...] = (0.0, 0.5, 0.9), a_max: float = 4.2, language: str = "en") -> Figure:
    """The rate (spectral radius) along one direction against ``lr * lam``, one curve per momentum."""
    t = translator(language)
    fig = new_figure(6.6, 3.6)
    ax = fig.add_subplot()
    a = np.linspace(1e-3, a_max, 2000)
    for gamma, color in zip(momenta, PALETTE):
        label = t("gradient descent") if gamma == 0 else t(rf"momentum $\gamma={gamma}$")
        ax.plot(a, theory.spectral_radius(a, gamma, 1.0), color=color, label=label)
        ax.axvline(float(theory.stability_bound(gamma)), color=color, linestyle=":", linewidth=1)
        if gamma > 0:
            ax.axhline(np.sqrt(gamma), color=color, linestyle="--", linewidth=0.8, alpha=0.6)
    ax.axhline(1.0, color=COLORS["reference"], linewidth=0.8)
    ax.set_ylim(0, 1.6)
    ax.set_xlim(0, a_max)
    ax.set_xlabel(t(r"$\eta\lambda$ (learning rate times curvature)"))
    ax.set_ylabel(t(r"rate $\rho$ per step"))
    ax.legend(loc="upper left")
    ax.set_title(t(r"dotted: stability bound $2(1+\gamma)$; dashed: $\sqrt{\gamma}$"))
    return fig


@styled
def fig_quadratic_eigenvalues(
    momentum: float = 0.5, lr: float = 0.4, curvatures: tuple[float, ...] = (0.2, 4.0), language: str = "en"
) -> Figure:
    """The two eigenvalues of the momentum matrix in the complex plane as ``lr * lam`` grows."""
    t = translator(language)
    fig = new_figure(5.2, 4.6)
    ax = fig.add_subplot()
    circle = np.linspace(0, 2 * np.pi, 400)
    ax.plot(np.cos(circle), np.sin(circle), color=COLORS["reference"], linewidth=0.8)
    r = np.sqrt(momentum)
    ax.plot(r * np.cos(circle), r * np.sin(circle), color=COLORS["contour"], linestyle="--", linewidth=0.8)
    a = np.linspace(0, float(theory.stability_bound(momentum)) * 1.15, 600)
    eig = np.linalg.eigvals(theory.iteration_matrix(np.maximum(a, 1e-9), momentum, 1.0))
    norm = Normalize(0, a.max())
    for k in range(2):
        points = ax.scatter(eig[:, k].real, eig[:, k].imag, c=a, cmap="viridis", norm=norm, s=4, rasterized=True)
    fig.colorbar(points, ax=ax, label=t(r"$\eta\lambda$"))
    for lam, marker in zip(curvatures, ("s", "D")):
        mu = np.linalg.eigvals(theory.iteration_matrix(lr, momentum, lam))
        ax.plot(mu.real, mu.imag, marker, color=COLORS["gd"], markersize=7, markerfacecolor="none",
                label=t(rf"$\eta={lr}$, $\lambda={lam:g}$"))
    ax.set_aspect("equal")
    ax.set_xlim(-1.6, 1.15)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xlabel(t("real part"))
    ax.set_ylabel(t("imaginary part"))
    ax.legend(loc="lower left", fontsize=8)
    ax.set_title(t(rf"$\gamma={momentum}$: unit circle and radius $\sqrt{{\gamma}}$"))
    return fig


@styled
def fig_quadratic_optimal(steps: int = 60, language: str = "en") -> Figure:
    """Distance to the minimum of ``f = 0.1 x1^2 + 2 x2^2`` for four tunings, with the predicted rates."""
    tr = translator(language)
    f = ill_conditioned_quadratic()
    lam_min, lam_max = f.eigenvalues[0], f.eigenvalues[-1]
    gd_lr, gd_rate = theory.optimal_gd(lam_min, lam_max)
    hb_lr, hb_momentum, hb_rate = theory.optimal_parameters(lam_min, lam_max)
    runs = [
        ("gradient descent, $\\eta=0.4$", GradientDescent(0.4), COLORS["gd"], "-"),
        (f"gradient descent, best $\\eta={gd_lr:.3f}$", GradientDescent(gd_lr), COLORS["gd"], "--"),
        ("momentum, $\\eta=0.4$, $\\gamma=0.5$", Momentum(0.4, 0.5), COLORS["momentum"], "-"),
        (f"momentum, best $\\eta={hb_lr:.3f}$, $\\gamma={hb_momentum:.3f}$", Momentum(hb_lr, hb_momentum), COLORS["momentum"], "--"),
    ]
    fig = new_figure(6.6, 3.8)
    ax = fig.add_subplot()
    t = np.arange(steps + 1)
    for label, optimizer, color, style in runs:
        run = optimize(optimizer, f, [-5.0, -2.0], steps)
        ax.semilogy(t, np.linalg.norm(run.x, axis=1), style, color=color, label=tr(label))
    for rate, color in ((gd_rate, COLORS["gd"]), (hb_rate, COLORS["momentum"])):
        ax.semilogy(t, 6 * rate**t, ":", color=color, linewidth=1)
    ax.set_xlabel(tr("step t"))
    ax.set_ylabel(tr(r"$\|\mathbf{x}_t\|$"))
    ax.set_title(tr(r"dotted: $\rho^t$ for the best rates $(\kappa-1)/(\kappa+1)$ and $(\sqrt{\kappa}-1)/(\sqrt{\kappa}+1)$"))
    ax.legend(fontsize=8, loc="lower left")
    return fig


#: three (lr * lam, momentum) points marked on the phase map, one per converging regime
PHASE_POINTS = ((0.05, 0.5), (1.0, 0.5), (2.5, 0.3))


@styled
def fig_phase_map(points: tuple[tuple[float, float], ...] = PHASE_POINTS, a_max: float = 4.5, language: str = "en") -> Figure:
    """The rate over the (lr * lam, momentum) plane, with the stability boundary and the regimes."""
    t = translator(language)
    a, gamma = np.meshgrid(np.linspace(1e-3, a_max, 451), np.linspace(0, 0.99, 199))
    rho = theory.spectral_radius(a, gamma, 1.0)
    fig = new_figure(6.8, 4.6)
    ax = fig.add_subplot()
    # a raster heat map inside the SVG: 90 000 vector cells would make a 17 MB file
    shown = np.ma.masked_where(rho >= 1, rho)
    ax.set_facecolor("#f2f2f2")  # the divergent region, left unpainted
    image = ax.imshow(shown, cmap="viridis", vmin=0, vmax=1, origin="lower", aspect="auto",
                      extent=(a.min(), a.max(), gamma.min(), gamma.max()), interpolation="nearest")
    fig.colorbar(image, ax=ax, label=t(r"rate $\rho$ (divergent region in grey)"))
    g = np.linspace(0, 0.99, 200)
    low, high = theory.critical_damping_bounds(g)
    ax.plot(theory.stability_bound(g), g, color="black", linewidth=1.6, label=t(r"stability: $\eta\lambda = 2(1+\gamma)$"))
    ax.plot(low, g, color="white", linestyle="--", linewidth=1.2, label=t(r"critical damping: $(1\mp\sqrt{\gamma})^2$"))
    ax.plot(high, g, color="white", linestyle="--", linewidth=1.2)
    labels = {"monotone": (0.22, 0.06), "ripples": (1.2, 0.72), "oscillating": (1.78, 0.02), "divergent": (3.9, 0.45)}
    outline = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    for name, (x, y) in labels.items():
        ax.text(x, y, t(name), color="black", fontsize=10, ha="center", fontweight="bold", path_effects=outline)
    for k, (pa, pg) in enumerate(points, start=1):
        ax.plot(pa, pg, "o", color=COLORS["gd"], markersize=8, markeredgecolor="white")
        ax.annotate(t(str(k)), (pa, pg), xytext=(6, 6), textcoords="offset points", color="white", fontweight="bold")
    ax.set_xlim(0, a_max)
    ax.set_ylim(0, 0.99)
    ax.set_xlabel(t(r"$\eta\lambda$"))
    ax.set_ylabel(t(r"momentum $\gamma$"))
    ax.legend(loc="lower right", fontsize=8, facecolor="#dddddd", framealpha=0.9, frameon=True,
              bbox_to_anchor=(1.0, 0.12))
    return fig


class _Line(Quadratic):
    def __init__(self) -> None:
        super().__init__([[1.0]])


@styled
def fig_phase_map_trajectories(
    points: tuple[tuple[float, float], ...] = PHASE_POINTS, steps: int = 40, language: str = "en"
) -> Figure:
    """The error ``x_t`` on ``f = x^2 / 2`` (so ``lr * lam = lr``) for each marked point of the map."""
    tr = translator(language)
    fig = new_figure(7.6, 2.8)
    axes = fig.subplots(1, len(points))
    t = np.arange(steps + 1)
    for k, (ax, (a, gamma)) in enumerate(zip(np.atleast_1d(axes), points), start=1):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DivergenceWarning)  # a divergent point is allowed here
            run = optimize(Momentum(a, gamma), _Line(), [1.0], steps)
        rho = float(theory.spectral_radius(a, gamma, 1.0))
        ax.axhline(0, color=COLORS["contour"], linewidth=0.8)
        ax.plot(t, run.x[:, 0], "-o", color=COLORS["momentum"], markersize=2.5)
        ax.plot(t, rho**t, ":", color=COLORS["gd"], linewidth=1)
        ax.plot(t, -(rho**t), ":", color=COLORS["gd"], linewidth=1)
        name = str(theory.regime(a, gamma, 1.0))
        ax.set_title(f"{k}: {tr(name)}\n" + tr(rf"$\eta\lambda={a}$, $\gamma={gamma}$, $\rho={rho:.2f}$"), fontsize=9)
        ax.set_xlabel(tr("step t"))
    np.atleast_1d(axes)[0].set_ylabel(tr(r"$x_t$ (dotted: $\pm\rho^t$)"))
    return fig
