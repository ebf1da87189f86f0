"""Figures of the pages *Effective sample weight and effective step size* and *Momentum with noisy gradients*."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from .. import theory
from ..d2l import init_momentum_states, sgd_momentum
from ..datasets import load_airfoil
from ..objectives import NoisyQuadratic
from ..optimizers import Momentum, optimize
from ..regression import train_linear_regression
from .labels import translator
from .style import COLORS, new_figure, styled

PALETTE = [COLORS["gd"], COLORS["momentum"], COLORS["nesterov"], COLORS["accent"]]


@styled
def fig_effective_step(momenta: tuple[float, ...] = (0.0, 0.5, 0.9, 0.99), steps: int = 300, language: str = "en") -> Figure:
    """Step length in units of ``lr * g`` under a constant gradient: it grows to ``1 / (1 - momentum)``."""
    tr = translator(language)
    fig = new_figure(6.6, 3.5)
    ax = fig.add_subplot()
    t = np.arange(1, steps + 1)
    for gamma, color in zip(momenta, PALETTE):
        ratio = (1 - gamma**t) / (1 - gamma)  # v_t / (lr g) = sum_{i<t} gamma^i
        ax.semilogx(t, ratio, color=color, label=tr(rf"$\gamma={gamma}$: $1/(1-\gamma)={1 / (1 - gamma):.0f}$"))
        ax.axhline(1 / (1 - gamma), color=color, linestyle=":", linewidth=0.8)
    ax.set_xlabel(tr("step t"))
    ax.set_ylabel(tr(r"$v_t / (\eta g)$"))
    ax.set_yscale("log")
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title(tr("a constant gradient: the velocity builds up to the effective step"))
    return fig


#: (label, lr, momentum) of the noisy-quadratic runs
NOISY_SETTINGS = (
    ("SGD", 0.1, 0.0),
    (r"momentum 0.9, same $\eta$", 0.1, 0.9),
    (r"momentum 0.9, same $\eta/(1-\gamma)$", 0.01, 0.9),
)


@styled
def fig_noisy_quadratic(
    settings: tuple[tuple[str, float, float], ...] = NOISY_SETTINGS,
    curvatures: tuple[float, ...] = (0.2, 4.0),
    noise: float = 1.0,
    runs: int = 2000,
    steps: int = 300,
    language: str = "en",
) -> Figure:
    """The average loss of many noisy runs against the step, with the predicted noise floors."""
    tr = translator(language)
    fig = new_figure(6.6, 3.6)
    ax = fig.add_subplot()
    t = np.arange(steps + 1)
    for (label, lr, gamma), color in zip(settings, PALETTE):
        f = NoisyQuadratic(curvatures, noise, seed=1)
        run = optimize(Momentum(lr, gamma), f, np.tile([-5.0, -2.0], (runs, 1)), steps)
        floor = float(np.sum(theory.stationary_loss(lr, gamma, np.array(curvatures), noise**2)))
        ax.semilogy(t, run.loss, color=color, label=tr(label))
        ax.axhline(floor, color=color, linestyle=":", linewidth=1)
    ax.set_xlabel(tr("step t"))
    ax.set_ylabel(tr(f"average loss over {runs} runs"))
    ax.set_title(tr(r"$f = 0.1x_1^2 + 2x_2^2$, gradient noise $\sigma = 1$ (dotted: predicted floors)"))
    ax.legend(fontsize=8)
    return fig


@styled
def fig_noisy_airfoil(
    momenta: tuple[float, ...] = (0.0, 0.5, 0.9),
    effective_steps: tuple[float, ...] = (0.005, 0.01, 0.02, 0.04, 0.08, 0.16),
    num_epochs: int = 4,
    language: str = "en",
) -> Figure:
    """Minibatch linear regression on the airfoil data: the loss floor against the effective step."""
    t = translator(language)
    features, labels = load_airfoil()
    fig = new_figure(6.6, 3.5)
    ax = fig.add_subplot()
    for gamma, color in zip(momenta, PALETTE):
        floors = []
        for effective in effective_steps:
            history = train_linear_regression(
                sgd_momentum, init_momentum_states(features.shape[1]),
                {"lr": effective * (1 - gamma), "momentum": gamma}, features, labels, num_epochs=num_epochs,
            )
            floors.append(history.loss[history.epochs > num_epochs - 1].mean())  # the last epoch
        ax.semilogx(effective_steps, floors, "-o", color=color, label=t(rf"$\gamma={gamma}$"))
    ax.set_xlabel(t(r"effective step $\eta/(1-\gamma)$"))
    ax.set_ylabel(t(f"training loss, epoch {num_epochs}"))
    ax.set_title(t(f"minibatches of 10, {num_epochs} epochs: the effective step decides"))
    ax.legend()
    return fig
