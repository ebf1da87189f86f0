"""Figures of the notebook *Momentum on real data*: loss curves of the airfoil model, side by side."""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure

from ..regression import TrainingHistory
from .style import COLORS, new_figure, styled
from .training import train_settings

#: the settings of *Dive into Deep Learning*'s momentum section
D2L_SETTINGS = ((0.02, 0.5), (0.01, 0.9), (0.005, 0.9))

_PALETTE = (COLORS["gd"], COLORS["momentum"], COLORS["nesterov"], COLORS["accent"], COLORS["reference"])


@styled
def fig_real_data_loss_curves(
    groups: Mapping[str, Mapping[str, TrainingHistory]] | None = None, ylim: tuple[float, float] = (0.22, 0.5)
) -> Figure:
    """One panel per group of training runs (its title the group's name), loss against epoch, shared axes.

    By default: the settings of *Dive into Deep Learning*, trained from scratch.
    """
    if groups is None:
        groups = {"from scratch": train_settings(D2L_SETTINGS)}
    fig = new_figure(3.3 * len(groups) + 0.6, 3.4)
    axes = fig.subplots(1, len(groups), sharey=True, squeeze=False)[0]
    for ax, (title, histories) in zip(axes, groups.items()):
        for color, (label, history) in zip(_PALETTE, histories.items()):
            ax.plot(history.epochs, history.loss, color=color, label=label)
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.set_ylim(*ylim)
        ax.legend(loc="upper right")
    axes[0].set_ylabel("training loss (all 1500 examples)")
    return fig
