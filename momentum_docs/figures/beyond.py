"""Figures of the pages *Why Polyak's tuning is optimal*, *Beyond quadratics* and *Small steps and noise*.

Every string drawn goes through the translator of ``language`` (see :mod:`.labels`). Labels that
carry numbers are templates: the template is translated, then filled in.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .. import theory
from ..convex import HORIZONS, AcceleratedGradient, heavy_ball_cycle, worst_case_gaps
from ..datasets import load_airfoil
from ..krylov import ChebyshevIteration, chebyshev_bound, conjugate_gradient, heavy_ball_polynomial
from ..objectives import CyclingCounterexample, Quadratic
from ..optimizers import GradientDescent, Momentum, optimize
from ..regression import sweep_linear_regression
from ..stochastic import coupled_runs
from .labels import translator
from .style import COLORS, new_figure, styled

CHEBYSHEV = "#e7298a"  # a fifth method needs a fifth colour; Dark2 like the others
CG = COLORS["accent"]

#: (name, curvatures) of the two spectra of the lower-bound page: 200 spread, and 190 clustered with 10 outliers
SPECTRA = (
    ("200 curvatures spread over [1, 100]", ("linspace", 1.0, 100.0, 200)),
    ("190 curvatures in [1, 2], 10 in [50, 100]", ("clusters", 1.0, 2.0, 190, 50.0, 100.0, 10)),
)


def spectrum(spec: tuple) -> np.ndarray:
    """The curvatures described by one entry of :data:`SPECTRA`."""
    if spec[0] == "linspace":
        return np.linspace(*spec[1:])
    _, low1, high1, n1, low2, high2, n2 = spec
    return np.concatenate([np.linspace(low1, high1, n1), np.linspace(low2, high2, n2)])


@styled
def fig_lower_bound_polynomials(
    lam_min: float = 1.0, lam_max: float = 100.0, steps: int = 12, language: str = "en"
) -> Figure:
    """``|p_t(lam)|`` of heavy ball with Polyak's parameters and of the Chebyshev iteration, with the lower bound."""
    t = translator(language)
    lr, momentum, r = theory.optimal_parameters(lam_min, lam_max)
    lam = np.linspace(0.0, lam_max * 1.04, 6000)
    z = (lam_max + lam_min) / (lam_max - lam_min)
    y = (lam_max + lam_min - 2 * lam) / (lam_max - lam_min)
    degree_t = [0] * steps + [1]  # the coefficients of T_t in the Chebyshev basis
    chebyshev = np.polynomial.chebyshev.chebval(y, degree_t) / np.polynomial.chebyshev.chebval(z, degree_t)
    fig = new_figure(6.6, 3.6)
    ax = fig.add_subplot()
    ax.axvspan(lam_min, lam_max, color="#f0f0f0", zorder=0)
    ax.semilogy(lam, np.abs(heavy_ball_polynomial(steps, lam, lr, momentum)), color=COLORS["momentum"],
                label=t("heavy ball, Polyak's parameters"))
    ax.semilogy(lam, np.abs(chebyshev), color=CHEBYSHEV, label=t("Chebyshev iteration"))
    bound = float(chebyshev_bound(steps, lam_min, lam_max))
    ax.axhline(bound, color=COLORS["reference"], linestyle="--", linewidth=1, label=t("lower bound 1/T_t(z)"))
    ax.axhline(r**steps, color=COLORS["reference"], linestyle=":", linewidth=1, label=t("r^t"))
    ax.set_ylim(1e-4, 20)
    ax.set_xlim(0, lam_max * 1.04)
    ax.set_xlabel(t("curvature λ"))
    ax.set_ylabel(t("|p_t(λ)|: error factor after t steps"))
    ax.set_title(t("residual polynomials after t = {steps} steps, κ = {kappa:g} (shaded: the curvatures)").format(
        steps=steps, kappa=lam_max / lam_min))
    ax.legend(loc="lower left", fontsize=8)
    return fig


@styled
def fig_lower_bound_spectra(spectra: tuple = SPECTRA, steps: int = 80, seed: int = 0, language: str = "en") -> Figure:
    """Distance to the minimum for gradient descent, heavy ball, Chebyshev and conjugate gradient on two spectra."""
    t = translator(language)
    fig = new_figure(8.4, 3.5)
    axes = fig.subplots(1, len(spectra), sharey=True)
    rng = np.random.default_rng(seed)
    steps_axis = np.arange(steps + 1)
    for ax, (title, spec) in zip(np.atleast_1d(axes), spectra):
        lams = spectrum(spec)
        low, high = float(lams.min()), float(lams.max())
        f = Quadratic(np.diag(lams))
        x0 = rng.normal(size=len(lams))
        lr, momentum, _ = theory.optimal_parameters(low, high)
        runs = (
            (t("gradient descent"), COLORS["gd"], optimize(GradientDescent(2 / (low + high)), f, x0, steps).x),
            (t("heavy ball (Polyak)"), COLORS["momentum"], optimize(Momentum(lr, momentum), f, x0, steps).x),
            (t("Chebyshev iteration"), CHEBYSHEV, optimize(ChebyshevIteration(low, high), f, x0, steps).x),
            (t("conjugate gradient"), CG, conjugate_gradient(f, x0, steps).x),
        )
        for name, color, x in runs:
            ax.semilogy(steps_axis, np.linalg.norm(x, axis=1) / np.linalg.norm(x0), color=color, label=name)
        ax.semilogy(steps_axis, chebyshev_bound(steps_axis, low, high), "--", color=COLORS["reference"], linewidth=1,
                    label=t("lower bound (worst case)"))
        ax.set_ylim(1e-16, 3)
        ax.set_xlabel(t("step t"))
        ax.set_title(t(title), fontsize=10)
    np.atleast_1d(axes)[0].set_ylabel(t("‖x_t − x*‖ / ‖x_0 − x*‖"))
    np.atleast_1d(axes)[0].legend(loc="lower left", fontsize=8)
    return fig


@styled
def fig_beyond_quadratics_rates(horizons: tuple[int, ...] = HORIZONS, language: str = "en") -> Figure:
    """Worst cases measured against the bounds: O(1/t) for gradient descent, O(1/t²) for Nesterov's method."""
    t_ = translator(language)
    gaps = worst_case_gaps(horizons)
    t = np.array(horizons, dtype=float)
    fine = np.geomspace(t[0], t[-1], 200)
    fig = new_figure(6.6, 3.8)
    ax = fig.add_subplot()
    ax.loglog(t, gaps["gd_huber"], "o", color=COLORS["gd"], label=t_("gradient descent on its Huber function"))
    ax.loglog(fine, 1 / (2 * fine), ":", color=COLORS["gd"], label=t_("its bound 1/(2t)"))
    ax.loglog(t, gaps["nesterov_chain"], "s", color=COLORS["nesterov"],
              label=t_("Nesterov, momentum (t−1)/(t+2), on the chain"))
    ax.loglog(fine, 2 / (fine + 1) ** 2, ":", color=COLORS["nesterov"], label=t_("its bound 2/(t+1)²"))
    ax.loglog(fine, 3 / (32 * (fine + 1) ** 2), "--", color=COLORS["reference"], linewidth=1,
              label=t_("no first-order method below 3/(32(t+1)²)"))
    ax.loglog(t, gaps["gd_chain"], "^", color=COLORS["gd"], markerfacecolor="none", markersize=5,
              label=t_("gradient descent on the chain"))
    ax.set_xlabel(t_("steps t (a new hard function for each t)"))
    ax.set_ylabel(t_("(f(x_t) − f*) / (λ_max ‖x_0 − x*‖²)"))
    ax.set_title(t_("smooth convex functions: the worst case after t steps"))
    ax.legend(fontsize=7.5, loc="lower left")
    return fig


@styled
def fig_beyond_quadratics_cycle(
    starts: tuple[float, float] = (3.2, 3.0), steps: int = 40, language: str = "en"
) -> Figure:
    """Heavy ball with Polyak's parameters falls into a 3-cycle on the Lessard-Recht-Packard function; Nesterov does not."""
    t = translator(language)
    f = CyclingCounterexample()
    lam_min, lam_max = f.strong_convexity, f.smoothness
    lr, momentum, _ = theory.optimal_parameters(lam_min, lam_max)
    kappa = lam_max / lam_min
    cycling, converging = (optimize(Momentum(lr, momentum), f, x0, steps) for x0 in starts)
    standard = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    nesterov = optimize(AcceleratedGradient(1 / lam_max, standard), f, starts[0], steps)
    cycle = heavy_ball_cycle(f, lr, momentum, cycling.x[-3:])
    fig = new_figure(8.4, 3.4)
    left, right = fig.subplots(1, 2)
    grid = np.linspace(-3.2, 3.6, 600)
    left.plot(grid, f(grid), color=COLORS["contour"], label=t("f"))
    left.plot(cycling.x[:8], f(cycling.x[:8]), "-o", color=COLORS["momentum"], markersize=3, linewidth=0.8,
              label=t("heavy ball from {start}, first steps").format(start=starts[0]))
    left.plot(list(cycle), f(np.array(cycle)), "D", color=CHEBYSHEV, markersize=7, label=t("the 3-cycle"))
    for edge in (1.0, 2.0):
        left.axvline(edge, color=COLORS["reference"], linestyle=":", linewidth=0.8)
    left.set_xlabel(t("x"))
    left.set_ylabel(t("f(x)"))
    left.set_title(t("curvature 25, 1, 25 on the three pieces (dotted: the joins)"), fontsize=10)
    left.legend(fontsize=8, loc="upper center")
    steps_axis = np.arange(steps + 1)
    floor = 1e-16  # Nesterov lands exactly on 0: plotted on the floor
    right.semilogy(steps_axis, np.abs(cycling.x), "-o", color=COLORS["momentum"], markersize=2.5,
                   label=t("heavy ball (Polyak) from {start}").format(start=starts[0]))
    right.semilogy(steps_axis, np.maximum(np.abs(converging.x), floor), "-", color=COLORS["momentum"], alpha=0.5,
                   label=t("heavy ball (Polyak) from {start}").format(start=starts[1]))
    right.semilogy(steps_axis, np.maximum(np.abs(nesterov.x), floor), "-s", color=COLORS["nesterov"], markersize=2.5,
                   label=t("Nesterov (η = 1/λ_max) from {start}").format(start=starts[0]))
    right.set_ylim(floor / 3, 30)
    right.set_xlabel(t("step t"))
    right.set_ylabel(t("|x_t − x*|"))
    right.set_title(t("distance to the minimum"), fontsize=10)
    right.legend(fontsize=8, loc="lower left")
    return fig


@styled
def fig_small_steps_noisy(
    momentum: float = 0.9,
    effective: tuple[float, ...] = (0.01, 0.3),
    curvatures: tuple[float, ...] = (0.2, 4.0),
    start: tuple[float, ...] = (-5.0, -2.0),
    noise: float = 1.0,
    language: str = "en",
) -> Figure:
    """Exact expected loss of momentum and of SGD with the effective learning rate, and the distance between them."""
    t = translator(language)
    fig = new_figure(8.4, 3.5)
    axes = np.atleast_1d(fig.subplots(1, len(effective), sharey=True))
    for ax, lr_eff in zip(axes, effective):
        steps = int(12 / (lr_eff * min(curvatures)))
        runs = coupled_runs(lr_eff * (1 - momentum), momentum, curvatures, noise**2, start, steps)
        time = np.arange(1, steps + 1)
        ax.loglog(time, runs.loss_sgd[1:], color=COLORS["gd"], label=t("SGD, η_eff"))
        ax.loglog(time, runs.loss_momentum[1:], "--", color=COLORS["momentum"],
                  label=t("momentum {gamma}, η = (1 − γ) η_eff").format(gamma=momentum))
        ax.loglog(time, 0.5 * runs.distance[1:], ":", color=COLORS["reference"],
                  label=t("E‖x_t − x'_t‖² / 2, same noise"))
        ax.set_title(t("η_eff = {lr_eff}").format(lr_eff=lr_eff), fontsize=10)
        ax.set_xlabel(t("step t"))
    axes[0].set_ylabel(t("expected loss (exact)"))
    axes[0].legend(fontsize=8, loc="lower left")
    return fig


@styled
def fig_small_steps_airfoil(
    momentum: float = 0.9, effective: tuple[float, ...] = (0.01, 0.1, 0.9), num_epochs: int = 4, language: str = "en"
) -> Figure:
    """Minibatch linear regression on the airfoil data: SGD with ``lr_eff`` against momentum with ``(1 - gamma) lr_eff``."""
    t = translator(language)
    features, labels = load_airfoil()
    fig = new_figure(8.4, 3.4)
    axes = np.atleast_1d(fig.subplots(1, len(effective), sharey=True))
    for ax, lr_eff in zip(axes, effective):
        sweep = sweep_linear_regression([lr_eff, lr_eff * (1 - momentum)], [0.0, momentum], features, labels,
                                        num_epochs=num_epochs)
        ax.semilogy(sweep.epochs, sweep.loss[0], color=COLORS["gd"], label=t("SGD, η_eff"))
        ax.semilogy(sweep.epochs, sweep.loss[1], "--", color=COLORS["momentum"],
                    label=t("momentum {gamma}, η = (1 − γ) η_eff").format(gamma=momentum))
        ax.set_ylim(0.2, 10)
        ax.set_title(t("η_eff = {lr_eff}").format(lr_eff=lr_eff), fontsize=10)
        ax.set_xlabel(t("epoch"))
    axes[0].set_ylabel(t("training loss (all examples)"))
    axes[0].legend(fontsize=8, loc="upper right")
    return fig
