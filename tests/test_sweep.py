"""Many linear-regression runs at once: each is the run train_linear_regression makes, and the
full-batch ones diverge exactly where the theory says."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from momentum_docs import (
    DivergenceWarning,
    Nesterov,
    init_momentum_states,
    load_airfoil,
    sgd_momentum,
    theory,
    train_linear_regression,
)
from momentum_docs.regression import full_batch_hessian, minimum_loss, sweep_linear_regression

FEATURES, LABELS = load_airfoil()


def sgd_nesterov(params, states, hyperparams) -> None:  # type: ignore[no-untyped-def]
    """The Nesterov counterpart of sgd_momentum, for comparison only (the rule is the package's)."""
    optimizer = Nesterov(hyperparams["lr"], hyperparams["momentum"])
    for p, v in zip(params, states):
        p[:], v[:] = optimizer.step(p.view(np.ndarray), v, lambda _, grad=p.grad: grad)


@pytest.mark.parametrize(
    ("batch_size", "record_every", "seed", "replacement"),
    [(10, 100, 0, False), (64, 300, 3, False), (1500, 1500, 1, False), (10, 100, 2, True), (64, 300, 3, True)],
)
@pytest.mark.parametrize("nesterov", [False, True])
def test_each_run_of_a_sweep_is_the_single_run(
    batch_size: int, record_every: int, seed: int, replacement: bool, nesterov: bool
) -> None:
    lrs = np.array([[0.005], [0.02], [1.0]])
    momenta = np.array([0.0, 0.5, 0.9])
    sweep = sweep_linear_regression(
        lrs, momenta, FEATURES, LABELS, batch_size=batch_size, num_epochs=2, seed=seed,
        record_every=record_every, nesterov=nesterov, replacement=replacement,
    )
    assert sweep.lr.shape == sweep.momentum.shape == (3, 3) and sweep.loss.shape == (3, 3, len(sweep.epochs))
    for i, lr in enumerate(lrs[:, 0]):
        for j, momentum in enumerate(momenta):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                single = train_linear_regression(
                    sgd_nesterov if nesterov else sgd_momentum, init_momentum_states(5),
                    {"lr": float(lr), "momentum": float(momentum)}, FEATURES, LABELS,
                    batch_size=batch_size, num_epochs=2, seed=seed, record_every=record_every,
                    replacement=replacement,
                )
            warned = any(w.category is DivergenceWarning for w in caught)
            assert sweep.diverged[i, j] == warned
            np.testing.assert_array_equal(sweep.epochs, single.epochs)
            # the same arithmetic, summed in a different order: equal to rounding
            np.testing.assert_allclose(sweep.loss[i, j], single.loss, rtol=1e-10)
    # (1.0, 0.9) diverges on small batches, so the path of a diverging run is compared too
    assert sweep.diverged[2, 2] or batch_size == 1500


def test_full_batch_runs_diverge_exactly_where_the_theory_says() -> None:
    """Heavy ball on the quadratic full-batch loss converges iff lr * lam_max < 2 (1 + momentum)."""
    lam_max = np.linalg.eigvalsh(full_batch_hessian(FEATURES)).max()
    momenta = np.linspace(0.0, 0.95, 8)
    factor = np.array([0.5, 0.8, 0.9, 1.1, 1.25, 2.0])  # lr as a multiple of the bound
    lr = factor[:, None] * theory.stability_bound(momenta)[None, :] / lam_max
    sweep = sweep_linear_regression(lr, momenta, FEATURES, LABELS, batch_size=len(FEATURES), num_epochs=600,
                                    record_every=len(FEATURES))
    expected = ~theory.is_stable(lr, momenta, lam_max)
    np.testing.assert_array_equal(sweep.diverged, expected)
    assert expected.sum() == 3 * len(momenta)  # both outcomes occur, so the test can fail either way


def test_a_diverging_run_does_not_disturb_the_others(recwarn: pytest.WarningsRecorder) -> None:
    sweep = sweep_linear_regression([0.02, 50.0], 0.5, FEATURES, LABELS)
    alone = sweep_linear_regression([0.02], 0.5, FEATURES, LABELS)
    assert sweep.diverged.tolist() == [False, True] and np.isinf(sweep.final_loss[1])
    np.testing.assert_allclose(sweep.loss[0], alone.loss[0], rtol=1e-12)
    assert not recwarn.list  # divergence is reported by .diverged, not by a warning


def test_batches_drawn_with_replacement_differ_from_an_epoch_of_each_example_once() -> None:
    """Same batch sizes and records; on full batches of 1500 without replacement every step is exact,
    with replacement it is not."""
    n = len(FEATURES)
    exact = sweep_linear_regression(0.5, 0.5, FEATURES, LABELS, batch_size=n, num_epochs=30, record_every=n)
    drawn = sweep_linear_regression(0.5, 0.5, FEATURES, LABELS, batch_size=n, num_epochs=30, record_every=n,
                                    replacement=True)
    np.testing.assert_array_equal(exact.epochs, drawn.epochs)
    best = minimum_loss(FEATURES, LABELS)
    assert exact.final_loss[0] - best < 1e-9 < drawn.final_loss[0] - best


def test_with_independent_batches_the_noise_floor_is_the_theory_and_falls_like_one_over_b() -> None:
    """With replacement the gradient noise of successive steps is independent, as theory.stationary_loss
    assumes. Along each eigenvector of H the noise variance is that of one example's gradient at the
    least-squares fit, divided by the batch size; the floor, the mean of loss - L*, follows."""
    A = np.column_stack([FEATURES, np.ones(len(FEATURES))])
    fit = np.linalg.lstsq(A, LABELS, rcond=None)[0]
    per_example = A * (A @ fit - LABELS)[:, None]  # each example's gradient at the fit; their mean is 0
    lam, vectors = np.linalg.eigh(full_batch_hessian(FEATURES))
    variance = ((per_example @ vectors) ** 2).mean(axis=0)  # the noise variance along each eigenvector
    best = minimum_loss(FEATURES, LABELS)
    floors = {}
    for batch_size in (10, 100):
        predicted = theory.stationary_loss(0.02, 0.9, lam, variance / batch_size).sum()
        sweep = sweep_linear_regression(0.02, 0.9, FEATURES, LABELS, batch_size=batch_size, num_epochs=80,
                                        replacement=True)
        floors[batch_size] = (sweep.loss[0][sweep.epochs > 10] - best).mean()
        assert floors[batch_size] == pytest.approx(predicted, rel=0.25)
    assert 7 < floors[10] / floors[100] < 14


def test_hessian_of_the_full_batch_loss_is_its_second_derivative() -> None:
    """The loss is quadratic in theta = (w, b): its gradient changes by H delta for a step delta."""
    H = full_batch_hessian(FEATURES)
    A = np.column_stack([FEATURES, np.ones(len(FEATURES))])

    def gradient(theta: np.ndarray) -> np.ndarray:
        return A.T @ (A @ theta - LABELS) / len(A)

    rng = np.random.default_rng(0)
    theta, delta = rng.normal(size=6), rng.normal(size=6)
    np.testing.assert_allclose(gradient(theta + delta) - gradient(theta), H @ delta, rtol=1e-10, atol=1e-12)
    assert np.all(np.linalg.eigvalsh(H) > 0)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"lr": [0.1, -0.1]}, ValueError, r"lr must be finite and > 0 everywhere; entry \(1,\)"),
        ({"momentum": [[0.5], [1.0]]}, ValueError, r"momentum must lie in \[0, 1\) everywhere; entry \(1, 0\)"),
        ({"lr": [0.1, 0.2], "momentum": [0.1, 0.2, 0.3]}, ValueError, r"do not broadcast"),
        ({"batch_size": 0}, ValueError, "batch_size must be >= 1"),
        ({"labels": LABELS[:10]}, ValueError, r"labels \(n,\)"),
        ({"replacement": "yes"}, TypeError, r"replacement must be True or False, got 'yes'"),
    ],
)
def test_bad_arguments(kwargs: dict, error: type, message: str) -> None:
    arguments = {"lr": 0.1, "momentum": 0.5, "features": FEATURES, "labels": LABELS} | kwargs
    with pytest.raises(error, match=message):
        sweep_linear_regression(**arguments)
