# %% [markdown]
# # Momentum from scratch
#
# **What you will learn**
#
# - how [the first note](../../reference/references/#first-note) implements momentum for a real
#   model: `init_momentum_states` and an in-place `sgd_momentum`, the code you would write
#   yourself, and how to train linear regression on the NASA airfoil self-noise data with it;
# - how the learning rate and the momentum together shape the training curve, and why
#   $(\eta, \gamma) = (0.02, 0.9)$ trains roughly while $(0.004, 0.9)$ and $(0.02, 0.5)$ look
#   alike: the effective step $\eta/(1-\gamma)$;
# - where momentum clearly helps on this data: with exact (full-batch) gradients it reaches the
#   best fit in far fewer steps than gradient descent at its best learning rate.
#
# **Symbols**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $\mathbf{X}$, $\mathbf{y}$ | standardised features (1500 × 5) and labels | `features`, `labels` |
# | $\mathbf{w}$, $b$ | weights and bias of $\hat y = \mathbf{X}\mathbf{w} + b$ | `w`, `b` (`Parameter`s) |
# | $\ell = \frac{1}{2}(\hat y - y)^2$ | squared loss, averaged over a minibatch of 10 | `squared_loss` |
# | $\eta$, $\gamma$ | learning rate and momentum | `hyperparams['lr']`, `hyperparams['momentum']` |
# | $\mathbf{v}$ | one velocity per parameter, $\mathbf{v}_0 = \mathbf{0}$ | `states` |
# | $\lambda_{\min}$, $\lambda_{\max}$, $\kappa$ | smallest and largest curvature of the full-batch loss, and their ratio | `lam_min`, `lam_max`, `kappa` |
#
# This page is a notebook, executed when the site is built; the button at the top right downloads
# it as `.ipynb`. It needs `momentum_docs` (`pip install -e .` in a clone of the project) for the
# data and the training loop.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

# %% [markdown]
# ## The first note's code
#
# The note keeps one velocity per parameter, the weights $\mathbf{w}$ and the bias $b$, starts
# them at zero, and updates parameters and velocities in place. Here is its code, unchanged except
# that one long line is wrapped to fit the page:

# %%
def init_momentum_states(dim=2):
    v_w = np.zeros((dim, 1))
    v_b = np.zeros(1)
    return (v_w, v_b)


def sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = (hyperparams['momentum'] * v
                + hyperparams['lr'] * p.grad)
        p[:] -= v


# %% tags=["check"]
# The cell above is the first note's code: the same syntax tree as the note's text.
import ast
import inspect

NOTE = '''
def init_momentum_states(dim=2):
    v_w = np.zeros((dim, 1))
    v_b = np.zeros(1)
    return (v_w, v_b)

def sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = hyperparams['momentum'] * v + hyperparams['lr'] * p.grad
        p[:] -= v
'''
note_functions = ast.parse(NOTE).body
for function, expected in zip((init_momentum_states, sgd_momentum), note_functions):
    assert ast.dump(ast.parse(inspect.getsource(function)).body[0]) == ast.dump(expected)

# %% [markdown]
# `v[:] = ...` and `p[:] -= v` write into the arrays instead of making new ones. So the velocities
# in `states` carry over from one call to the next: they are the memory of momentum. Each call
# is the update of the [momentum page](../momentum-update/),
# $\mathbf{v} \leftarrow \gamma\mathbf{v} + \eta\,\mathbf{g}$, then
# $\mathbf{x} \leftarrow \mathbf{x} - \mathbf{v}$, for every parameter.
#
# *Dive into Deep Learning* (1st edition, §7.4) writes the same two functions with MXNet's
# `nd.zeros` and reads the number of features from a global variable. The note uses NumPy and an
# argument `dim` instead, so its code runs as it is.
#
# ## The data
#
# The NASA airfoil self-noise data set (Brooks, Pope and Marcolini, 1989, via the UCI Machine
# Learning Repository, CC BY 4.0) has 1503 wind-tunnel measurements: five properties of an airfoil
# and the flow around it, and the sound pressure level it produced. As in the book, every column
# is standardised and the first 1500 rows are kept.

# %%
from momentum_docs import load_airfoil, load_airfoil_raw
from momentum_docs.datasets import AIRFOIL_COLUMNS

raw = load_airfoil_raw()
print(f"{'column':<40} {'mean':>9} {'std':>9}")
for name, column in zip(AIRFOIL_COLUMNS, raw.T):
    print(f"{name:<40} {column.mean():9.4g} {column.std():9.4g}")

print(f"{len(raw)} rows")

features, labels = load_airfoil()
print("features", features.shape, "labels", labels.shape)

# %% tags=["check"]
assert np.allclose(features.mean(axis=0), 0, atol=0.01)
assert np.allclose(features.std(axis=0), 1, atol=0.01)

# %% [markdown]
# ## Training with the note's code
#
# The book trains $\hat y = \mathbf{X}\mathbf{w} + b$ on minibatches of 10 for two epochs. Its
# training loop, `train_ch7`, is the part the note does not write. The package has it as
# `train_linear_regression` (and also under the book's name, `momentum_docs.train_ch7`). For each
# minibatch it computes the gradients into `w.grad` and `b.grad` and then calls the update
# function it is given, here the note's. The airfoil data has five features, so the note's
# `init_momentum_states` gets `dim=5`: with its default of 2, the first update would fail,
# because a velocity of shape (2, 1) cannot be added to a gradient of shape (5, 1).

# %%
from momentum_docs import train_linear_regression

history = train_linear_regression(
    sgd_momentum, init_momentum_states(5),
    {'lr': 0.02, 'momentum': 0.5}, features, labels,
)
print(f"loss after two epochs: {history.loss[-1]:.6f}")

# %% tags=["check"]
# The package's own sgd_momentum (argument checks, the rule taken from momentum_docs.Momentum)
# and the book's train_ch7 give the same losses as the note's code.
import contextlib
import io

import momentum_docs

package = train_linear_regression(
    momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5),
    {"lr": 0.02, "momentum": 0.5}, features, labels,
)
assert np.allclose(history.loss, package.loss, rtol=1e-12)
with contextlib.redirect_stdout(io.StringIO()) as printed:
    book = momentum_docs.train_ch7(
        sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels
    )
assert np.array_equal(book.loss, history.loss)
assert printed.getvalue() == f"loss: {history.loss[-1]:f}\n"

# %% [markdown]
# The package has its own `momentum_docs.sgd_momentum` and `momentum_docs.init_momentum_states`
# with the same arguments. They check them (names, ranges, shapes) and take the update rule from
# `momentum_docs.Momentum`, and they record the same losses as the note's code.
#
# ## Several learning rates and momenta
#
# The book trains the note's code with three settings: $(\eta, \gamma) = (0.02, 0.5)$,
# $(0.02, 0.9)$ and $(0.004, 0.9)$. Plain minibatch SGD ($\gamma = 0$) is added as a baseline.
# For each, the table prints the memory $1/(1-\gamma)$ (about how many recent gradients the
# velocity averages, from the [moving-average page](../ema/)), the effective step
# $\eta/(1-\gamma)$, the final loss, and the spread: the standard deviation of the loss during the
# second epoch, when every setting is close to the best fit.

# %%
settings = [(0.02, 0.0), (0.02, 0.5), (0.02, 0.9), (0.004, 0.9)]
histories = {}
print(f"{'lr':>6} {'gamma':>6} {'memory':>7} {'lr/(1-gamma)':>13}"
      f" {'final loss':>11} {'spread':>7}")
for lr, gamma in settings:
    run = train_linear_regression(
        sgd_momentum, init_momentum_states(5),
        {'lr': lr, 'momentum': gamma}, features, labels,
    )
    histories[rf"$\eta={lr}$, $\gamma={gamma:g}$"] = run
    spread = run.loss[run.epochs > 1].std()
    memory, effective = 1 / (1 - gamma), lr / (1 - gamma)
    print(f"{lr:>6} {gamma:>6} {memory:>7.0f} {effective:>13.3g}"
          f" {run.loss[-1]:>11.4f} {spread:>7.4f}")

# %% alt="Four loss curves over two epochs, all starting at the same loss. The curve for learning rate 0.02 with momentum 0.9 falls fastest, then jumps up and down until the end. The curves for 0.02 with momentum 0.5 and for 0.004 with momentum 0.9 fall together after a quarter of an epoch and stay smooth. Plain SGD with 0.02 falls most slowly and joins them late." caption="Linear regression on the airfoil data trained with the note's sgd_momentum: the loss on all 1500 examples, recorded after every 100 examples (ten minibatches of 10), one curve per learning rate η and momentum γ. Lower is better."
from momentum_docs.figures import training

training.fig_momentum_loss_curves(histories)

# %% [markdown]
# ## Reading the curves
#
# - $(0.02, 0.9)$ has an effective step of $0.2$, five times that of $(0.02, 0.5)$. Each
#   minibatch gradient is noisy, and momentum carries that noise along for about
#   $1/(1-\gamma) = 10$ steps, multiplied by $\eta/(1-\gamma)$. The loss jumps around and ends
#   higher. Its spread over the second epoch, in the last column, is the largest.
# - $(0.004, 0.9)$ and $(0.02, 0.5)$ have the same effective step, $0.04$. Once the slower
#   velocity has built up (after the first half epoch) their curves nearly coincide: a fifth of
#   the learning rate with five times the memory (10 gradients instead of 2) does about what the
#   larger learning rate with the shorter memory does.
# - Plain SGD with $\eta = 0.02$ takes steps half as large as $(0.02, 0.5)$ and is slower at
#   first. On this small convex problem it ends as low as the others.

# %%
a = histories[r"$\eta=0.02$, $\gamma=0.5$"]
b = histories[r"$\eta=0.004$, $\gamma=0.9$"]
gap = np.abs(a.loss - b.loss)
print("the two curves with effective step 0.04:")
print(f"  largest gap over two epochs:     {gap.max():.4f}")
after_half = gap[a.epochs >= 0.5].max()
print(f"  largest gap after half an epoch: {after_half:.4f}")

# %% [markdown]
# ## Where momentum clearly helps: exact gradients
#
# With minibatches of 10, momentum does little here that a larger learning rate would not do: the
# effective step explains the curves above, and plain SGD ends as low as the rest. What limits
# these runs is the noise of the minibatch gradients, not the shape of the loss.
#
# Take the noise away. With the full batch, all 1500 examples in one batch, every step uses the
# exact gradient, and one step per epoch is gradient descent (or momentum) on the quadratic loss
# of the [theory pages](../../theory/quadratic/). Its curvatures are the eigenvalues of the
# Hessian $\mathbf{A}^\top\mathbf{A}/1500$, where $\mathbf{A}$ is $\mathbf{X}$ with a column of
# ones for the bias. They span a condition number $\kappa$ of about 12, so gradient descent,
# which the largest curvature forces to small steps, crawls along the flattest direction.
# Each method gets its best setting: gradient descent the learning rate
# $2/(\lambda_{\min} + \lambda_{\max})$, and momentum Polyak's $\eta^\star$ and $\gamma^\star$,
# both from the [quadratic page](../../theory/quadratic/).

# %%
from momentum_docs import theory
from momentum_docs.regression import full_batch_hessian
from momentum_docs.regression import minimum_loss

curvatures = np.linalg.eigvalsh(full_batch_hessian(features))
lam_min, lam_max = curvatures.min(), curvatures.max()
kappa = lam_max / lam_min
print(f"curvatures from {lam_min:.3f} to {lam_max:.3f}")
print(f"kappa {kappa:.1f}")

lr_gd, rate_gd = theory.optimal_gd(lam_min, lam_max)
polyak = theory.optimal_parameters(lam_min, lam_max)
lr_hb, gamma_hb, rate_hb = polyak
print(f"gradient descent: lr {lr_gd:.3f}, momentum 0")
print(f"momentum: lr {lr_hb:.3f}, momentum {gamma_hb:.3f}")

# %% [markdown]
# Both runs below use the note's `sgd_momentum` (with momentum 0 it is gradient descent), the same
# start, and 40 full-batch steps. The table prints how far each is above the least-squares loss,
# the best any $(\mathbf{w}, b)$ can do.

# %%
best = minimum_loss(features, labels)
full_batch = {}
for name, lr, gamma in [("gradient descent", lr_gd, 0.0),
                        ("momentum", lr_hb, gamma_hb)]:
    full_batch[name] = train_linear_regression(
        sgd_momentum, init_momentum_states(5),
        {'lr': lr, 'momentum': gamma}, features, labels,
        batch_size=1500, num_epochs=40, record_every=1500,
    )

print(f"least-squares loss {best:.6f}")
print("loss minus the least-squares loss after t steps:")
print(f"{'t':>4} {'gradient descent':>17} {'momentum':>10}")
gd = full_batch["gradient descent"].loss - best
hb = full_batch["momentum"].loss - best
for t in (5, 10, 20, 30):
    print(f"{t:>4} {gd[t]:>17.1e} {hb[t]:>10.1e}")
ratio = gd[20] / hb[20]
print(f"after 20 steps momentum is {ratio:.1e} times closer")

for name, run in full_batch.items():
    steps = int(np.argmax(run.loss - best < 1e-6))
    print(f"{name}: {steps} steps to come within 1e-6 of it")

# %% tags=["check"]
# What the text below says: momentum needs fewer than half the steps, and after 20 steps it is
# more than a hundred thousand times closer to the best loss.
steps = {name: int(np.argmax(run.loss - best < 1e-6)) for name, run in full_batch.items()}
assert 0 < steps["momentum"] < steps["gradient descent"] / 2
assert ratio > 1e5
# the per-step factors of the theory: the loss gap shrinks by about rate^2 per step
assert rate_hb < rate_gd

# %% [markdown]
# Momentum gets within $10^{-6}$ of the best loss in fewer than half the steps gradient descent
# needs, and after 20 steps it is more than a hundred thousand times closer. The theory says why: per
# step, the distance to the best fit shrinks by a factor of about
# $(\kappa - 1)/(\kappa + 1)$ for gradient descent and $(\sqrt\kappa - 1)/(\sqrt\kappa + 1)$
# for momentum (the loss gap by the square of that; see
# [one unit for rates](../../reference/notation/#one-unit-for-rates)):

# %%
print(f"{'per step':<9} {'gradient descent':>17} {'momentum':>9}")
print(f"{'distance':<9} {rate_gd:>17.3f} {rate_hb:>9.3f}")
print(f"{'loss gap':<9} {rate_gd**2:>17.3f} {rate_hb**2:>9.3f}")

# %% [markdown]
# The gain is largest where the loss is badly conditioned and the gradient is exact, or nearly so
# (large batches). With small, noisy minibatches the noise sets the pace, and momentum at a given
# effective step behaves much like SGD with that larger learning rate.
#
# ## Summary
#
# - The first note's `init_momentum_states` and in-place `sgd_momentum` train linear regression on
#   the airfoil data as they are; the package supplies the data and the training loop, and its
#   own checked `sgd_momentum` records the same losses.
# - With minibatches of 10 all four settings reach a loss of about 0.24-0.25 in two epochs. The
#   curves differ in how fast they get there and how much they shake, and the effective step
#   $\eta/(1-\gamma)$ predicts both: equal effective steps give similar curves, and a large one
#   makes training rough.
# - With exact full-batch gradients, momentum with Polyak's tuning reaches the best fit in fewer
#   than half the steps of gradient descent at its best learning rate.
#
# ## Exercises
#
# 1. Train with $(\eta, \gamma) = (0.002, 0.95)$. What is its effective step, and which curve
#    above should it resemble?

# %% [markdown] tags=["solution"]
# The effective step is $0.002/(1 - 0.95) = 0.04$, the same as $(0.02, 0.5)$ and $(0.004, 0.9)$, so it
# should follow those curves (after a slower start, because the velocity needs about
# $1/(1-\gamma) = 20$ steps to build up).

# %% tags=["solution"]
slow = train_linear_regression(
    sgd_momentum, init_momentum_states(5),
    {'lr': 0.002, 'momentum': 0.95}, features, labels,
)
after_one_epoch = slow.epochs >= 1
print(f"effective step {0.002 / (1 - 0.95):.2f},"
      f" memory {1 / (1 - 0.95):.0f} steps")
print(f"final loss {slow.loss[-1]:.4f}")
print("largest gap to (0.02, 0.5) in the second epoch:",
      f"{np.abs(slow.loss - a.loss)[after_one_epoch].max():.4f}")

# %% [markdown]
# 2. Train with $(\eta, \gamma) = (0.2, 0.9)$, an effective step of 2. Then train again with
#    minibatches of 100 and with the full batch of 1500 (for 40 epochs). What does the batch size
#    change?

# %% tags=["check"]
# With minibatches of 10 this training ends above its starting loss, and the package warns
# (a DivergenceWarning, which a reader's run shows under the cell). The page shows the numbers
# instead: a warning's text names a temporary file of the kernel.
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    check = train_linear_regression(
        sgd_momentum, init_momentum_states(5), {"lr": 0.2, "momentum": 0.9}, features, labels
    )
assert [w.category for w in caught] == [momentum_docs.DivergenceWarning]
assert check.loss[-1] > check.loss[0]
assert set(theory.regime(0.2, 0.9, curvatures)) == {"ripples"}  # as the solution says
warnings.filterwarnings("ignore", category=momentum_docs.DivergenceWarning)

# %% [markdown] tags=["solution"]
# With minibatches of 10 the loss ends above where it started, and the package warns with a
# `DivergenceWarning`. The warning means only that: training ended worse than it began. The loss
# does not blow up. It jumps around at a much higher level than before. With minibatches of 100 it
# ends close to the good settings, and with the full batch the loss falls smoothly towards the
# least-squares loss. Every direction is then in the ripple regime of the
# [quadratic page](../../theory/quadratic/), where the distance shrinks by $\sqrt\gamma$ per step,
# so the loss gap shrinks by about $\gamma$ per step.
#
# The deterministic method is stable here: $\eta\lambda_{\max}$ is far inside the bound
# $2(1+\gamma)$ derived on [Momentum on a quadratic](../../theory/quadratic/). What wrecks the
# small-batch run is gradient noise. Momentum adds it up over about $1/(1-\gamma) = 10$ steps and
# scales it by the effective step, and a ten times larger batch has a tenth of the noise variance.

# %% tags=["solution"]
lr, gamma = 0.2, 0.9
print(f"lr * lam_max = {lr * lam_max:.2f},"
      f" bound 2 (1 + gamma) = {2 * (1 + gamma):.1f}")
print(f"least-squares loss {best:.4f}")
for batch_size, epochs in [(10, 2), (100, 2), (1500, 40)]:
    run = train_linear_regression(
        sgd_momentum, init_momentum_states(5),
        {'lr': lr, 'momentum': gamma}, features, labels,
        batch_size=batch_size, num_epochs=epochs,
    )
    start, end = run.loss[0], run.loss[-1]
    print(f"batch {batch_size:>4}: start {start:.4f},"
          f" end {end:.4f}, largest {run.loss.max():.2f}")
