"""Figures of the notebook *A sweep of (learning rate, momentum)*: final loss over a grid, as a heat map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from ..datasets import load_airfoil
from ..regression import RegressionSweep, full_batch_hessian, minimum_loss, sweep_linear_regression
from ..theory import stability_bound
from .labels import translator
from .style import new_figure, styled

MOMENTUM_TICKS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99)


def sweep_grid(n_lr: int = 41, n_momentum: int = 25, lr_range: tuple[float, float] = (1e-3, 3.0)) -> tuple[np.ndarray, np.ndarray]:
    """``(lr, momentum)`` as a meshgrid: ``lr`` log-spaced, ``1 - momentum`` log-spaced from 1 to 0.01.

    Rows are momenta, columns learning rates.

    >>> lr, momentum = sweep_grid(n_lr=3, n_momentum=3, lr_range=(0.01, 1.0))
    >>> lr[0].tolist(), momentum[:, 0].round(2).tolist()
    ([0.01, 0.1, 1.0], [0.0, 0.9, 0.99])
    """
    lrs = np.geomspace(*lr_range, n_lr)
    momenta = 1 - np.geomspace(1.0, 0.01, n_momentum)
    return np.meshgrid(lrs, momenta)


def _edges(centres: np.ndarray, forward, inverse) -> np.ndarray:  # type: ignore[no-untyped-def]
    u = forward(centres)
    middle = (u[1:] + u[:-1]) / 2
    return inverse(np.concatenate([[2 * u[0] - middle[0]], middle, [2 * u[-1] - middle[-1]]]))


def _memory(gamma: np.ndarray) -> np.ndarray:  # the momentum axis is spaced by log(1 / (1 - gamma))
    return -np.log1p(-np.asarray(gamma))


def _gamma(memory: np.ndarray) -> np.ndarray:
    return -np.expm1(-np.asarray(memory))


def default_sweeps() -> tuple[dict[str, RegressionSweep], float, float]:
    """The notebook's two sweeps (minibatches of 10 for 2 epochs; the full batch for 100 steps), ``lam_max`` and the minimum loss."""
    features, labels = load_airfoil()
    lr, momentum = sweep_grid()
    sweeps = {
        "minibatches of 10, 2 epochs": sweep_linear_regression(lr, momentum, features, labels),
        "full batch, 100 steps": sweep_linear_regression(
            lr, momentum, features, labels, batch_size=len(features), num_epochs=100, record_every=len(features)
        ),
    }
    lam_max = float(np.linalg.eigvalsh(full_batch_hessian(features)).max())
    return sweeps, lam_max, minimum_loss(features, labels)


@styled
def fig_sweep_final_loss(
    sweeps: Mapping[str, RegressionSweep] | None = None,
    lam_max: float | None = None,
    best: float = 0.0,
    floor: float = 1e-5,
    effective_steps: Sequence[float] = (0.04, 0.2),
    points: Sequence[tuple[float, float]] = (),
    language: str = "en",
) -> Figure:
    """Final loss minus ``best`` over the (lr, momentum) grid, one panel per sweep, on one log colour scale.

    Runs that ended with a larger loss than they started with are grey.
    Dashed white lines are constant effective steps ``lr / (1 - momentum)``;
    the black line is the full-batch stability boundary
    ``lr = 2 (1 + momentum) / lam_max`` (drawn if ``lam_max`` is given);
    ``points`` are marked with white dots. The momentum axis is spaced
    by ``log(1 / (1 - momentum))``, on which the lines of constant effective
    step are straight. Excesses below ``floor`` get the colour of ``floor``.
    By default: :func:`default_sweeps`, with ``best`` the least-squares loss.
    """
    t = translator(language)
    if sweeps is None:
        sweeps, lam_max, best = default_sweeps()
    # a run that reached the least-squares loss has an excess of 0 (or -1e-16, by rounding): floor it
    excess = [np.where(s.diverged, np.nan, np.maximum(s.final_loss - best, floor)) for s in sweeps.values()]
    norm = LogNorm(vmin=floor, vmax=max(float(s.loss[..., 0].max()) - best for s in sweeps.values()))
    fig = new_figure(6.6, 3.1 * len(sweeps) + 0.4)
    axes = fig.subplots(len(sweeps), 1, sharex=True, squeeze=False)[:, 0]
    for ax, (title, sweep), values in zip(axes, sweeps.items(), excess):
        lrs, momenta = sweep.lr[0], sweep.momentum[:, 0]
        ax.set_facecolor("#bdbdbd")  # diverged cells are left empty (NaN) and show this grey
        mesh = ax.pcolormesh(
            _edges(lrs, np.log, np.exp), _edges(momenta, _memory, _gamma), np.ma.masked_invalid(values),
            norm=norm, cmap="viridis", shading="flat",
        )
        ax.set_xscale("log")
        ax.set_yscale("function", functions=(_memory, _gamma))
        gamma = np.linspace(momenta.min(), momenta.max(), 200)
        for step in effective_steps:
            ax.plot(step * (1 - gamma), gamma, "--", color="white", linewidth=1.2)
            ax.annotate(t(rf"$\eta/(1-\gamma)={step:g}$"), xy=(step * 0.03 * 1.2, 0.97), color="white", fontsize=8,
                        ha="left", va="bottom", rotation=-40)
        if lam_max is not None:
            ax.plot(stability_bound(gamma) / lam_max, gamma, color="black", linewidth=1.6,
                    label=t(r"full-batch bound $\eta\lambda_{\max}=2(1+\gamma)$"))
        for lr, momentum in points:
            ax.plot([lr], [momentum], "o", color="white", markeredgecolor="black", markersize=5)
        ax.set_xlim(_edges(lrs, np.log, np.exp)[[0, -1]])
        ax.set_ylim(_edges(momenta, _memory, _gamma)[[0, -1]])
        ax.set_yticks(MOMENTUM_TICKS, [f"{tick:g}" for tick in MOMENTUM_TICKS])
        ax.set_title(t(title), fontsize=10)
        ax.set_ylabel(t(r"momentum $\gamma$"))
    axes[-1].set_xlabel(t(r"learning rate $\eta$"))
    if lam_max is not None:
        axes[0].legend(loc="lower left", frameon=True, framealpha=0.9, fontsize=8)
    label = t("final loss $-$ least-squares loss (grey: diverged)" if best else "final loss (grey: diverged)")
    fig.colorbar(mesh, ax=list(axes), label=label, extend="min", shrink=0.8)
    return fig
