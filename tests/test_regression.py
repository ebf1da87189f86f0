"""The linear model on the airfoil data: data, gradient, iterator, training, divergence."""

from __future__ import annotations

from importlib.resources import files

import numpy as np
import pytest

from momentum_docs import (
    DivergenceError,
    DivergenceWarning,
    Parameter,
    init_momentum_states,
    load_airfoil,
    load_airfoil_raw,
    sgd_momentum,
    train_linear_regression,
)
from momentum_docs.regression import data_iter, linreg, linreg_backward, squared_loss


def test_airfoil_data_is_the_real_file_with_its_attribution() -> None:
    raw = load_airfoil_raw()
    assert raw.shape == (1503, 6)
    assert raw[:, 5].mean() == pytest.approx(124.836, abs=5e-4)  # the check given with the data set
    readme = (files("momentum_docs") / "data" / "README.md").read_text()
    assert "NASA Reference Publication 1218" in readme and "CC BY 4.0" in readme


def test_airfoil_is_standardised_as_in_the_book() -> None:
    features, labels = load_airfoil()
    raw = load_airfoil_raw()
    standardised = (raw - raw.mean(axis=0)) / raw.std(axis=0)
    np.testing.assert_array_equal(features, standardised[:1500, :5])
    np.testing.assert_array_equal(labels, standardised[:1500, 5])
    with pytest.raises(ValueError, match="n must be at most 1503"):
        load_airfoil(2000)


def test_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(7, 3)), rng.normal(size=7)
    w, b = Parameter(rng.normal(size=(3, 1))), Parameter(rng.normal(size=1))
    linreg_backward(X, y, w, b)

    def loss(w_value: np.ndarray, b_value: np.ndarray) -> float:
        return float(squared_loss(linreg(X, w_value, b_value), y).mean())

    h = 1e-6
    for i in range(3):
        step = np.zeros((3, 1))
        step[i] = h
        numeric = (loss(w + step, b) - loss(w - step, b)) / (2 * h)
        assert w.grad[i, 0] == pytest.approx(numeric, rel=1e-6)
    numeric_b = (loss(w, b + h) - loss(w, b - h)) / (2 * h)
    assert b.grad[0] == pytest.approx(numeric_b, rel=1e-6)


def test_data_iter_visits_every_example_once() -> None:
    features, labels = np.arange(23.0).reshape(23, 1), np.arange(23.0)
    batches = list(data_iter(5, features, labels, np.random.default_rng(0)))
    assert [len(X) for X, _ in batches] == [5, 5, 5, 5, 3]
    seen = np.concatenate([y for _, y in batches])
    assert sorted(seen.tolist()) == labels.tolist() and seen.tolist() != labels.tolist()


def test_training_records_like_the_book_and_is_reproducible() -> None:
    features, labels = load_airfoil()
    run = lambda: train_linear_regression(
        sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels
    )
    first, second = run(), run()
    assert len(first.loss) == 31  # before training, then every 100 of 3000 examples
    np.testing.assert_array_equal(first.loss, second.loss)
    assert first.loss[0] == pytest.approx(0.5, abs=0.02)  # w ~ 0 on standardised labels: mean(y^2)/2
    assert 0.23 < first.loss[-1] < 0.26  # the book reports about 0.243-0.245 for these settings


def test_training_that_ends_worse_than_it_started_warns() -> None:
    features, labels = load_airfoil()
    with pytest.warns(DivergenceWarning, match=r"training with \{'lr': 0.5, 'momentum': 0.9\} diverged: the loss grew"):
        train_linear_regression(sgd_momentum, init_momentum_states(5), {"lr": 0.5, "momentum": 0.9}, features, labels)


@pytest.mark.filterwarnings("ignore::momentum_docs.DivergenceWarning")
def test_diverging_training_names_epoch_and_batch() -> None:
    features, labels = load_airfoil()
    with pytest.raises(DivergenceError, match=r"epoch \d+, batch \d+: .*'lr': 5"):
        train_linear_regression(sgd_momentum, init_momentum_states(5), {"lr": 5, "momentum": 0.9}, features, labels)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"batch_size": 0}, "batch_size must be >= 1"), ({"num_epochs": 0}, "num_epochs must be >= 1")],
)
def test_bad_training_arguments(kwargs: dict, message: str) -> None:
    features, labels = load_airfoil()
    with pytest.raises(ValueError, match=message):
        train_linear_regression(
            sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels, **kwargs
        )


def test_shape_mismatch_between_features_and_labels() -> None:
    with pytest.raises(ValueError, match=r"features must have shape \(n, d\) and labels \(n,\)"):
        train_linear_regression(sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5},
                                np.zeros((10, 5)), np.zeros(9))


def test_replacement_must_be_a_bool() -> None:
    features, labels = load_airfoil()
    with pytest.raises(TypeError, match=r"replacement must be True or False, got 1"):
        train_linear_regression(sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5},
                                features, labels, replacement=1)


def test_batches_with_replacement_keep_the_sizes_and_repeat_examples() -> None:
    from momentum_docs.regression import _minibatches

    features, labels = np.arange(23.0).reshape(23, 1), np.arange(23.0)
    batches = list(_minibatches(5, features, labels, np.random.default_rng(0), replacement=True))
    assert [len(X) for X, _ in batches] == [5, 5, 5, 5, 3]
    seen = np.concatenate([y for _, y in batches])
    assert len(np.unique(seen)) < len(seen)  # some example drawn twice: not an epoch of each once
    np.testing.assert_array_equal(np.concatenate([X for X, _ in batches])[:, 0], seen)
