"""Loss curves of the linear model on the airfoil data."""

from __future__ import annotations

from collections.abc import Mapping

from matplotlib.figure import Figure

from ..d2l import init_momentum_states, sgd_momentum
from ..datasets import load_airfoil
from ..regression import TrainingHistory, train_linear_regression
from .labels import translator
from .style import new_figure, styled

#: (learning rate, momentum) pairs of the first note; momentum 0 is plain minibatch SGD
NOTE_SETTINGS = ((0.02, 0.0), (0.02, 0.5), (0.02, 0.9), (0.004, 0.9))


def _label(lr: float, momentum: float) -> str:
    return rf"$\eta={lr}$, $\gamma={momentum:g}$" + (" (SGD)" if momentum == 0 else "")


def train_settings(
    settings: tuple[tuple[float, float], ...] = NOTE_SETTINGS, num_epochs: int = 2, seed: int = 0
) -> dict[str, TrainingHistory]:
    """Train the linear model on the airfoil data with ``sgd_momentum`` for each (lr, momentum)."""
    features, labels = load_airfoil()
    return {
        _label(lr, momentum): train_linear_regression(
            sgd_momentum,
            init_momentum_states(features.shape[1]),
            {"lr": lr, "momentum": momentum},
            features,
            labels,
            num_epochs=num_epochs,
            seed=seed,
        )
        for lr, momentum in settings
    }


@styled
def fig_momentum_loss_curves(histories: Mapping[str, TrainingHistory] | None = None, language: str = "en") -> Figure:
    """Training loss against epochs, one curve per history (the note's settings by default)."""
    t = translator(language)
    if histories is None:
        histories = train_settings()
    fig = new_figure(6.4, 3.4)
    ax = fig.add_subplot()
    for label, history in histories.items():
        ax.plot(history.epochs, history.loss, label=t(label))
    ax.set_xlabel(t("epoch"))
    ax.set_ylabel(t("training loss"))
    ax.set_ylim(bottom=0.22)
    ax.legend()
    return fig
