"""The crosswalk: every source's form is the site's momentum after a change of variables (constant lr),
and each documented difference (schedules, dampening, Nesterov variants, weight decay) is real."""

from __future__ import annotations

import numpy as np
import pytest

from momentum_docs import Momentum, Nesterov, Quadratic, optimize
from momentum_docs.crosswalk import EMAMomentum, HeavyBall, KerasSGD, OptaxSGD, SutskeverNesterov, TorchSGD

LR, GAMMA, STEPS = 0.1, 0.9, 60


def problem(seed: int = 1) -> tuple[Quadratic, np.ndarray]:
    rng = np.random.default_rng(seed)
    basis, _ = np.linalg.qr(rng.normal(size=(4, 4)))
    Q = basis @ np.diag(rng.uniform(0.2, 3.0, size=4)) @ basis.T
    return Quadratic((Q + Q.T) / 2), rng.normal(size=4)


def run(optimizer):  # type: ignore[no-untyped-def]
    f, x0 = problem()
    return optimize(optimizer, f, x0, steps=STEPS)


def schedule(t: int) -> float:
    return LR if t <= 20 else LR / 10  # a step decay after 20 steps


SITE = run(Momentum(LR, GAMMA))
SITE_NESTEROV = run(Nesterov(LR, GAMMA))


@pytest.mark.parametrize(
    ("optimizer", "to_velocity"),
    [
        (TorchSGD(LR, GAMMA), lambda state, x: LR * state),  # v = lr * buffer
        (OptaxSGD(LR, GAMMA), lambda state, x: LR * state),  # v = lr * trace
        (KerasSGD(LR, GAMMA), lambda state, x: -state),  # v = -m
        (EMAMomentum(LR / (1 - GAMMA), GAMMA), lambda state, x: LR / (1 - GAMMA) * state),  # lr' = lr / (1 - beta)
        (HeavyBall(LR, GAMMA), lambda state, x: state - x),  # v_t = x_{t-1} - x_t
    ],
    ids=["torch", "optax", "keras", "ema", "polyak"],
)
def test_constant_learning_rate_gives_the_site_iterates(optimizer, to_velocity) -> None:  # type: ignore[no-untyped-def]
    other = run(optimizer)
    np.testing.assert_allclose(other.x, SITE.x, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(to_velocity(other.state[1:], other.x[1:]), SITE.state[1:], rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize(
    "optimizer",
    [TorchSGD(LR, GAMMA, nesterov=True), KerasSGD(LR, GAMMA, nesterov=True), OptaxSGD(LR, GAMMA, nesterov=True)],
    ids=["torch", "keras", "optax"],
)
def test_framework_nesterov_forms_agree(optimizer) -> None:  # type: ignore[no-untyped-def]
    np.testing.assert_allclose(run(optimizer).x, SITE_NESTEROV.x, rtol=1e-12, atol=1e-14)


def test_sutskever_nesterov_iterate_is_the_framework_iterate_minus_the_look_ahead() -> None:
    sutskever = run(SutskeverNesterov(LR, GAMMA))
    look_ahead = sutskever.x + GAMMA * sutskever.state  # x + mu v
    np.testing.assert_allclose(look_ahead, SITE_NESTEROV.x, rtol=1e-12, atol=1e-14)
    assert np.abs(sutskever.x - SITE_NESTEROV.x).max() > 1e-2  # different iterates, same limit


def test_schedule_inside_or_outside_the_velocity() -> None:
    inside = [run(cls(schedule, GAMMA)).x for cls in (Momentum, KerasSGD, HeavyBall)]
    outside = [run(cls(schedule, GAMMA)).x for cls in (TorchSGD, OptaxSGD)]
    for x in inside[1:]:
        np.testing.assert_allclose(x, inside[0], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(outside[1], outside[0], rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(inside[0][:21], outside[0][:21], rtol=1e-12, atol=1e-14)  # same until the drop
    assert np.abs(inside[0][21:] - outside[0][21:]).max() > 1e-2  # then they part


def test_torch_dampening_is_momentum_with_a_full_first_step() -> None:
    tau = 0.3
    torch_like = run(TorchSGD(LR, GAMMA, dampening=tau))
    full_first = run(Momentum(lambda t: LR if t == 1 else LR * (1 - tau), GAMMA))
    np.testing.assert_allclose(torch_like.x, full_first.x, rtol=1e-12, atol=1e-14)
    scaled = run(Momentum(LR * (1 - tau), GAMMA))  # the naive reading: lr (1 - tau) everywhere
    assert np.abs(torch_like.x - scaled.x).max() > 1e-3


def test_dampening_equal_to_momentum_is_the_ema_form_but_for_the_first_step() -> None:
    torch_like = run(TorchSGD(LR, GAMMA, dampening=GAMMA))
    ema_form = run(EMAMomentum(LR, GAMMA))
    assert np.abs(torch_like.x - ema_form.x).max() > 1e-3
    # PyTorch's first buffer is g itself; the EMA's first average is (1 - beta) g
    np.testing.assert_allclose(torch_like.state[1], ema_form.state[1] / (1 - GAMMA), rtol=1e-12)


def test_weight_decay_coupled_and_decoupled() -> None:
    wd = 0.05
    f, x0 = problem()
    penalised = Quadratic(f.Q + wd * np.eye(len(x0)))  # f + wd |x|^2 / 2
    coupled = run(TorchSGD(LR, GAMMA, weight_decay=wd))
    np.testing.assert_allclose(coupled.x, optimize(Momentum(LR, GAMMA), penalised, x0, steps=STEPS).x, rtol=1e-12)
    decoupled = run(KerasSGD(LR, GAMMA, weight_decay=wd))
    assert np.abs(decoupled.x - coupled.x).max() > 1e-3
    # without momentum the two are the same step
    np.testing.assert_allclose(
        run(KerasSGD(LR, 0.0, weight_decay=wd)).x, run(TorchSGD(LR, 0.0, weight_decay=wd)).x, rtol=1e-12, atol=1e-14
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: TorchSGD(0.1, 0.9, dampening=0.1, nesterov=True), "nesterov needs momentum > 0 and dampening 0"),
        (lambda: TorchSGD(0.1, 0.0, nesterov=True), "nesterov needs momentum > 0"),
        (lambda: TorchSGD(0.1, 0.9, dampening=1.5), r"dampening must lie in \[0, 1\]"),
        (lambda: TorchSGD(0.1, 0.9, weight_decay=-1), "weight_decay must be a finite number >= 0"),
        (lambda: EMAMomentum(0.1, 1.0), r"beta must lie in \[0, 1\)"),
        (lambda: KerasSGD(0.0, 0.9), "lr must be finite and > 0"),
    ],
)
def test_bad_input(make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=message):
        make()
