"""Figures of the notebook *Momentum on real data*: loss curves of the airfoil model, side by side."""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure

from ..regression import TrainingHistory
from .labels import translator
from .style import COLORS, new_figure, styled
from .training import train_settings

#: (learning rate, momentum) of the momentum section of *Dive into Deep Learning*, 1st edition
#: (Chinese, §7.4), which the first note follows, and of the 2nd edition (English, §12.6)
FIRST_EDITION_SETTINGS = ((0.02, 0.5), (0.02, 0.9), (0.004, 0.9))
SECOND_EDITION_SETTINGS = ((0.02, 0.5), (0.01, 0.9), (0.005, 0.9))

_PALETTE = (COLORS["gd"], COLORS["momentum"], COLORS["nesterov"], COLORS["accent"], COLORS["reference"])


@styled
def fig_real_data_loss_curves(
    groups: Mapping[str, Mapping[str, TrainingHistory]] | None = None,
    dashed: Mapping[str, TrainingHistory] | None = None,
    dashed_label: str = "torch.optim.SGD",
    ylim: tuple[float, float] = (0.235, 0.33),
    language: str = "en",
) -> Figure:
    """One panel per group of training runs (titled with the group's name), loss against epoch, shared axes.

    ``dashed`` runs are drawn as small black dots over the last panel, one
    run per curve there (for instance the same settings trained by another
    implementation), so that a curve they match stays visible beneath. The
    default ``ylim`` cuts off the first few records (the loss starts near
    0.49) to show the end of training, as the 2nd edition of *Dive into Deep
    Learning* does. By default: the settings of the two editions, trained
    from scratch, one panel each.
    """
    t = translator(language)
    if groups is None:
        groups = {
            "1st edition (Chinese), §7.4": train_settings(FIRST_EDITION_SETTINGS),
            "2nd edition (English), §12.6": train_settings(SECOND_EDITION_SETTINGS),
        }
    fig = new_figure(3.5 * len(groups) + 0.4, 3.3)
    axes = fig.subplots(1, len(groups), sharey=True, squeeze=False)[0]
    for ax, (title, histories) in zip(axes, groups.items()):
        for color, (label, history) in zip(_PALETTE, histories.items()):
            ax.plot(history.epochs, history.loss, color=color, label=t(label))
        ax.set_title(t(title), fontsize=10)
        ax.set_xlabel(t("epoch"))
        ax.set_ylim(*ylim)
    if dashed:
        for index, history in enumerate(dashed.values()):
            axes[-1].plot(history.epochs, history.loss, "o", color="black", markersize=2.2,
                          label=t(dashed_label) if index == 0 else None)
    for ax in axes:
        ax.legend(loc="upper right", fontsize=8)
    axes[0].set_ylabel(t("training loss"))
    return fig
