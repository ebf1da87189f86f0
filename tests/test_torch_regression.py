"""torch.optim.SGD trains the airfoil model exactly as the package's momentum does (when PyTorch is installed)."""

from __future__ import annotations

import builtins
import sys

import numpy as np
import pytest

from momentum_docs import init_momentum_states, load_airfoil, sgd_momentum, train_linear_regression
from momentum_docs.regression import train_linear_regression_torch

FEATURES, LABELS = load_airfoil()


@pytest.mark.parametrize(("lr", "momentum"), [(0.02, 0.5), (0.01, 0.9), (0.005, 0.9), (0.02, 0.9), (0.02, 0.0)])
def test_torch_sgd_matches_the_package(lr: float, momentum: float) -> None:
    pytest.importorskip("torch", reason="PyTorch is not installed; the comparison needs it")
    ours = train_linear_regression(
        sgd_momentum, init_momentum_states(5), {"lr": lr, "momentum": momentum}, FEATURES, LABELS, seed=3
    )
    torch_run = train_linear_regression_torch(lr, momentum, FEATURES, LABELS, seed=3)
    np.testing.assert_array_equal(torch_run.epochs, ours.epochs)
    # the same arithmetic in a different order (PyTorch keeps b = v / lr): equal to rounding
    np.testing.assert_allclose(torch_run.loss, ours.loss, rtol=1e-9)
    np.testing.assert_allclose(torch_run.w, ours.w, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(torch_run.b, ours.b, rtol=1e-8, atol=1e-12)
    assert torch_run.w.shape == (5, 1) and torch_run.b.shape == (1,)


def test_a_different_seed_gives_a_different_run() -> None:
    """The comparison above would notice a mismatch: another seed changes the losses by far more than rounding."""
    pytest.importorskip("torch", reason="PyTorch is not installed; the comparison needs it")
    a = train_linear_regression_torch(0.02, 0.5, FEATURES, LABELS, seed=3)
    b = train_linear_regression_torch(0.02, 0.5, FEATURES, LABELS, seed=4)
    assert not np.allclose(a.loss, b.loss, rtol=1e-6)


def test_without_torch_the_error_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_torch(name: str, *args: object, **kwargs: object) -> object:
        if name == "torch" or name.startswith("torch."):
            raise ImportError("No module named 'torch'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "torch", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(ImportError, match=r"needs PyTorch \(pip install torch\)"):
        train_linear_regression_torch(0.02, 0.5, FEATURES, LABELS)
