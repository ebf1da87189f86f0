"""The first note's API: names, signatures, published outputs, and the note's code run unchanged."""

from __future__ import annotations

import inspect
import textwrap
from functools import partial

import numpy as np
import pytest
from matplotlib.figure import Figure

import momentum_docs
from momentum_docs import (
    DivergenceError,
    DivergenceWarning,
    Parameter,
    f_2d,
    gd_2d,
    init_momentum_states,
    momentum_2d,
    sgd,
    sgd_momentum,
    show_trace_2d,
    train_2d,
)

SIGNATURES = {
    "f_2d": "(x1, x2)",
    "gd_2d": "(x1, x2, s1, s2, eta=0.4)",
    "momentum_2d": "(x1, x2, v1, v2, eta=0.4, gamma=0.5)",
    "train_2d": "(trainer, iters=20, x1=-5, x2=-2, s1=0, s2=0)",
    "init_momentum_states": "(dim=2)",
    "sgd_momentum": "(params, states, hyperparams)",
}


@pytest.mark.parametrize(("name", "signature"), SIGNATURES.items())
def test_names_and_signatures(name: str, signature: str) -> None:
    function = getattr(momentum_docs, name)
    parameters = [
        p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
        for p in inspect.signature(function).parameters.values()
    ]
    assert f"({', '.join(parameters)})" == signature


def test_show_trace_2d_takes_f_and_results_first() -> None:
    assert list(inspect.signature(show_trace_2d).parameters)[:2] == ["f", "results"]


# Final points printed by Dive into Deep Learning (1st ed., Chinese, section 7.4 "Momentum")
# for the same functions; the package must reproduce them to the printed digits.
PUBLISHED = [
    (gd_2d, "epoch 20, x1 -0.943467, x2 -0.000073"),
    (partial(gd_2d, eta=0.6), "epoch 20, x1 -0.387814, x2 -1673.365109"),
    (momentum_2d, "epoch 20, x1 -0.062843, x2 0.001202"),
    (partial(momentum_2d, eta=0.6), "epoch 20, x1 0.007188, x2 0.002553"),
]


@pytest.mark.parametrize(("trainer", "printed"), PUBLISHED)
@pytest.mark.filterwarnings("ignore::momentum_docs.DivergenceWarning")
def test_published_final_points(trainer, printed: str, capsys: pytest.CaptureFixture[str]) -> None:
    points = train_2d(trainer)
    assert capsys.readouterr().out == printed + "\n"
    assert len(points) == 21 and points[0] == (-5, -2)


def test_diverging_train_2d_warns(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.warns(DivergenceWarning, match=r"\|x\| grew from 5.385 to 1673 in 20 epochs"):
        train_2d(partial(gd_2d, eta=0.6))


def test_non_finite_point_raises() -> None:
    with pytest.raises(DivergenceError, match=r"epoch 3: the point stopped being finite \(inf, inf\)"):
        train_2d(partial(gd_2d, eta=1e120), iters=10)


def test_train_2d_checks_its_trainer() -> None:
    with pytest.raises(TypeError, match=r"trainer must return a tuple \(x1, x2, s1, s2\)"):
        train_2d(lambda x1, x2, s1, s2: (x1, x2))


def test_note_code_runs_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    """The first note's code (as in Dive into Deep Learning, with d2l = momentum_docs)."""
    note = textwrap.dedent(
        """
        eta = 0.4

        def f_2d(x1, x2):
            return 0.1 * x1 ** 2 + 2 * x2 ** 2

        def gd_2d(x1, x2, s1, s2):
            return (x1 - eta * 0.2 * x1, x2 - eta * 4 * x2, 0, 0)

        d2l.show_trace_2d(f_2d, d2l.train_2d(gd_2d))

        def momentum_2d(x1, x2, v1, v2):
            v1 = gamma * v1 + eta * 0.2 * x1
            v2 = gamma * v2 + eta * 4 * x2
            return x1 - v1, x2 - v2, v1, v2

        eta, gamma = 0.4, 0.5
        d2l.show_trace_2d(f_2d, d2l.train_2d(momentum_2d))

        features, labels = d2l.get_data_ch7()

        def init_momentum_states():
            v_w = nd.zeros((features.shape[1], 1))
            v_b = nd.zeros(1)
            return (v_w, v_b)

        def sgd_momentum(params, states, hyperparams):
            for p, v in zip(params, states):
                v[:] = hyperparams['momentum'] * v + hyperparams['lr'] * p.grad
                p[:] -= v

        d2l.train_ch7(sgd_momentum, init_momentum_states(),
                      {'lr': 0.02, 'momentum': 0.5}, features, labels)
        """
    )
    exec(note, {"d2l": momentum_docs, "nd": np})  # nd.zeros is the only MXNet call
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "epoch 20, x1 -0.943467, x2 -0.000073",
        "epoch 20, x1 -0.062843, x2 0.001202",
        "loss: 0.244608",
    ]


def test_note_functions_equal_package_functions() -> None:
    """The note's hand-written steps and the package's give the same points."""
    eta, gamma = 0.4, 0.5

    def note_momentum_2d(x1, x2, v1, v2):
        v1 = gamma * v1 + eta * 0.2 * x1
        v2 = gamma * v2 + eta * 4 * x2
        return x1 - v1, x2 - v2, v1, v2

    state_note = state_package = (-5.0, -2.0, 0.0, 0.0)
    for _ in range(20):
        state_note = note_momentum_2d(*state_note)
        state_package = momentum_2d(*state_package)
        np.testing.assert_allclose(state_package, state_note, rtol=1e-14, atol=1e-15)


def test_show_trace_2d_returns_a_figure_and_leaves_pyplot_alone() -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = show_trace_2d(f_2d, [(-5, -2), (-4.6, 1.2), (-4.2, -0.7)])
    assert isinstance(fig, Figure) and plt.get_fignums() == before
    assert fig.axes[0].get_ylim() == (-3.0, 2.2)  # the book's rule: max(1, max(x2) + 1)


def test_show_trace_2d_rejects_bad_points() -> None:
    with pytest.raises(ValueError, match=r"results must be a sequence of \(x1, x2\) points"):
        show_trace_2d(f_2d, [(1, 2, 3)])


def test_sgd_momentum_updates_in_place_as_the_note_writes() -> None:
    rng = np.random.default_rng(3)
    w, b = Parameter(rng.normal(size=(4, 1))), Parameter(np.zeros(1))
    states = init_momentum_states(4)
    v_w, v_b = states
    expected_w, expected_v = np.array(w), np.zeros((4, 1))
    for _ in range(5):
        w.grad, b.grad = rng.normal(size=(4, 1)), rng.normal(size=1)
        expected_v = 0.9 * expected_v + 0.1 * w.grad
        expected_w = expected_w - expected_v
        sgd_momentum([w, b], states, {"lr": 0.1, "momentum": 0.9})
    assert states[0] is v_w and states[1] is v_b  # the same arrays, updated in place
    np.testing.assert_allclose(w, expected_w, rtol=1e-14)
    np.testing.assert_allclose(v_w, expected_v, rtol=1e-14)


def test_momentum_zero_is_minibatch_sgd() -> None:
    w1, w2 = Parameter([[1.0], [2.0]]), Parameter([[1.0], [2.0]])
    for step in range(3):
        w1.grad = w2.grad = np.array([[step + 1.0], [-1.0]])
        sgd_momentum([w1], init_momentum_states(2)[:1], {"lr": 0.05, "momentum": 0.0})
        sgd([w2], None, {"lr": 0.05})
    np.testing.assert_array_equal(w1, w2)


def test_parameter_behaves_like_an_array_with_a_gradient() -> None:
    w = Parameter([[1.0], [2.0]])
    product = np.ones((3, 2)) @ w
    assert type(product) is np.ndarray and product.ravel().tolist() == [3.0, 3.0, 3.0]
    assert type(w * 2) is np.ndarray and isinstance(w.sum(), float)
    w[:] -= 1.0
    assert isinstance(w, Parameter) and w.grad.shape == (2, 1)


@pytest.mark.parametrize(
    ("hyperparams", "error", "message"),
    [
        ({"lr": 0.1}, KeyError, r"missing \['momentum'\]"),
        ({"lr": 0.1, "momentum": 0.5, "learning_rate": 1}, KeyError, r"unknown \['learning_rate'\]"),
        ({"lr": -0.1, "momentum": 0.5}, ValueError, r"hyperparams\['lr'\] must be finite and > 0"),
        ({"lr": 0.1, "momentum": 1.0}, ValueError, r"hyperparams\['momentum'\] must lie in \[0, 1\)"),
        ([0.1, 0.5], TypeError, "hyperparams must be a dict"),
    ],
)
def test_sgd_momentum_rejects_bad_hyperparams(hyperparams: object, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        sgd_momentum([Parameter([1.0])], [np.zeros(1)], hyperparams)


def test_sgd_momentum_rejects_mismatched_states() -> None:
    w, b = Parameter(np.zeros((5, 1))), Parameter(np.zeros(1))
    with pytest.raises(ValueError, match=r"states\[0\] has shape \(2, 1\), but params\[0\] has shape \(5, 1\)"):
        sgd_momentum([w, b], init_momentum_states(), {"lr": 0.1, "momentum": 0.5})
    with pytest.raises(ValueError, match="got 2 params but 1 states"):
        sgd_momentum([w, b], init_momentum_states(5)[:1], {"lr": 0.1, "momentum": 0.5})


def test_sgd_momentum_needs_gradients() -> None:
    with pytest.raises(TypeError, match=r"params\[0\] must be a Parameter with a \.grad"):
        sgd_momentum([np.zeros(1)], [np.zeros(1)], {"lr": 0.1, "momentum": 0.5})
    w = Parameter(np.zeros((2, 1)))
    w.grad = np.zeros(3)
    with pytest.raises(ValueError, match=r"params\[0\]\.grad has shape \(3,\)"):
        sgd_momentum([w], [np.zeros((2, 1))], {"lr": 0.1, "momentum": 0.5})


@pytest.mark.parametrize(("dim", "error"), [(0, ValueError), (2.0, TypeError)])
def test_init_momentum_states_checks_dim(dim: object, error: type) -> None:
    with pytest.raises(error, match="dim must be"):
        init_momentum_states(dim)
