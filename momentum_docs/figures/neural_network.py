"""Figures of the notebook *A small neural network*: loss curves and decision boundaries on two moons."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.figure import Figure

from ..datasets import two_moons
from ..mlp import MLP, CrossEntropy
from ..optimizers import GradientDescent, Momentum, Nesterov, Trajectory, optimize
from .labels import translator
from .style import COLORS, new_figure, styled

_COLORS = (COLORS["gd"], COLORS["momentum"], COLORS["nesterov"], COLORS["accent"])


def train_two_moons(lr: float = 0.1, momentum: float = 0.9, steps: int = 1000) -> tuple[CrossEntropy, dict[str, Trajectory]]:
    """The notebook's default experiment: an MLP (2, 16, 16, 2) on 200 points, three optimizers, full batch."""
    X, y = two_moons(n=200, noise=0.2, seed=0)
    objective = CrossEntropy(MLP((2, 16, 16, 2)), X, y)
    theta0 = objective.mlp.init(seed=0)
    optimizers = {
        "gradient descent": GradientDescent(lr),
        "momentum": Momentum(lr, momentum),
        "Nesterov": Nesterov(lr, momentum),
    }
    return objective, {name: optimize(opt, objective, theta0, steps) for name, opt in optimizers.items()}


@styled
def fig_neural_network_loss_curves(
    runs: Mapping[str, Trajectory] | None = None, test_losses: Mapping[str, np.ndarray] | None = None, every: int = 10,
    language: str = "en",
) -> Figure:
    """Training loss against the step, one curve per run, on a log scale.

    With ``test_losses`` (for each run, the loss on held-out points at steps
    ``0, every, 2 every, ...``) a second panel shows them.
    """
    t = translator(language)
    if runs is None:
        runs = train_two_moons()[1]
    fig = new_figure(7.0 if test_losses is not None else 6.4, 3.2)
    axes = fig.subplots(1, 2 if test_losses is not None else 1, sharey=True, squeeze=False)[0]
    for color, (label, run) in zip(_COLORS, runs.items()):
        axes[0].semilogy(np.arange(run.steps + 1), run.loss, color=color, label=t(label))
        if test_losses is not None:
            axes[1].semilogy(np.arange(len(test_losses[label])) * every, test_losses[label], color=color, label=t(label))
    axes[0].set_ylabel(t("cross-entropy (log scale)"))
    axes[0].set_title(t("training points"))
    if test_losses is not None:
        axes[1].set_title(t("held-out points"))
    for ax in axes:
        ax.set_xlabel(t("step t"))
        ax.legend()
    return fig


@styled
def fig_neural_network_boundaries(
    objective: CrossEntropy | None = None,
    runs: Mapping[str, Trajectory] | None = None,
    steps: tuple[int, ...] = (100, 1000),
    language: str = "en",
) -> Figure:
    """The network's decision boundary after each of ``steps``, one column per run, over the training points.

    The shading is the predicted probability of class 1; the black line is
    where it is 1/2.
    """
    t = translator(language)
    if objective is None or runs is None:
        objective, runs = train_two_moons()
    X, y = objective.X, objective.y
    pad = 0.5
    g1, g2 = np.meshgrid(np.linspace(X[:, 0].min() - pad, X[:, 0].max() + pad, 160),
                         np.linspace(X[:, 1].min() - pad, X[:, 1].max() + pad, 120))
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    fig = new_figure(2.35 * len(runs), 1.9 * len(steps) + 0.4)
    axes = fig.subplots(len(steps), len(runs), sharex=True, sharey=True, squeeze=False)
    for column, (name, run) in enumerate(runs.items()):
        for row, step in enumerate(steps):
            if step > run.steps:
                raise ValueError(f"steps asks for step {step}, but the run {name!r} has {run.steps}")
            ax = axes[row, column]
            theta = run.x[step]
            p = objective.mlp.predict_proba(theta, grid)[:, 1].reshape(g1.shape)
            ax.contourf(g1, g2, p, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.55)
            ax.contour(g1, g2, p, levels=[0.5], colors="black", linewidths=1.2)
            ax.scatter(X[y == 0, 0], X[y == 0, 1], s=9, color="#2166ac", edgecolors="white", linewidths=0.3)
            ax.scatter(X[y == 1, 0], X[y == 1, 1], s=9, color="#b2182b", edgecolors="white", linewidths=0.3)
            ax.set_title(t(name) + t(f", step {step}\nloss {run.loss[step]:.3f}, accuracy {objective.accuracy(theta):.0%}"),
                         fontsize=8)
            ax.tick_params(labelsize=7)
            ax.set_aspect("equal")
    for ax in axes[-1]:
        ax.set_xlabel(t(r"$x_1$"))
    for ax in axes[:, 0]:
        ax.set_ylabel(t(r"$x_2$"))
    return fig
