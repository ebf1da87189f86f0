# %% [markdown]
# # A sweep of (learning rate, momentum)
#
# **What you will learn**
#
# - how the final loss of the airfoil regression depends on the learning rate $\eta$ and the
#   momentum $\gamma$ together, over a grid of about a thousand settings;
# - that along the lines $\eta/(1-\gamma) = \text{constant}$ (a constant effective step) the
#   minibatch runs end alike, so the two hyperparameters trade against each other;
# - where the theory's stability boundary $\eta\,\lambda_{\max} < 2(1+\gamma)$ holds exactly (the
#   deterministic full-batch loss) and why minibatch training diverges long before it.
#
# **Symbols**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $\eta$, $\gamma$ | learning rate and momentum | `lr`, `momentum` |
# | $\mathbf{A}$ | the features with a column of ones appended (for the bias) | |
# | $\mathbf{H} = \mathbf{A}^\top\mathbf{A}/n$ | Hessian of the full-batch loss in $(\mathbf{w}, b)$, the same everywhere | `full_batch_hessian(features)` |
# | $\lambda_{\max}$ | largest eigenvalue of $\mathbf{H}$: the steepest curvature | `lam_max` |
# | $L^\star$ | the least-squares loss, the lowest any $(\mathbf{w}, b)$ reaches | `best` |
#
# This page is a notebook, executed when the site is built; the button at the top right downloads
# it as `.ipynb`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

from momentum_docs import (
    init_momentum_states,
    load_airfoil,
    sgd_momentum,
    theory,
    train_linear_regression,
)
from momentum_docs.figures.sweep import (
    fig_sweep_final_loss,
    sweep_grid,
)
from momentum_docs.regression import (
    full_batch_hessian,
    minimum_loss,
    sweep_linear_regression,
)

features, labels = load_airfoil()
lam_max = np.linalg.eigvalsh(full_batch_hessian(features)).max()
best = minimum_loss(features, labels)
print(f"{len(features)} examples, {features.shape[1]} features")
print(f"lam_max = {lam_max:.4f}, "
      f"least-squares loss L* = {best:.4f}")

# %% [markdown]
# ## The grid, trained all at once
#
# The learning rates run from $10^{-3}$ to $3$ on a log scale. The momenta are spaced evenly in
# $\log\frac{1}{1-\gamma}$, the log of the number of steps momentum remembers, from $\gamma = 0$ to
# $\gamma = 0.99$: that puts as many rows between $0.9$ and $0.99$ as between $0$ and $0.9$.
#
# `sweep_linear_regression` trains every setting in one go: the runs are the rows of one
# parameter array, and one `Momentum` optimizer, whose `lr` and `momentum` are columns, updates
# them all (the update rule is still the package's, written once). Each row is the run that
# `train_linear_regression` would make with the same seed, as the cell checks for one setting.
#
# Two sweeps: minibatches of 10 for two epochs, as in [the real-data experiment](../real-data/);
# and the full batch (all 1500 examples, so the gradient is exact) for 100 steps. A run counts as
# diverged when it ends with a larger loss than it started with.

# %%
# 25 momenta (rows) x 41 learning rates (columns)
lr, momentum = sweep_grid()
minibatch = sweep_linear_regression(
    lr, momentum, features, labels)
n = len(features)
full_batch = sweep_linear_regression(
    lr, momentum, features, labels,
    batch_size=n, num_epochs=100, record_every=n,
)
print(f"{lr.size} settings; diverged: "
      f"{minibatch.diverged.sum()} with minibatches,")
print(f"{full_batch.diverged.sum()} with the full batch")

row, column = 10, 18
one_lr, one_momentum = lr[row, column], momentum[row, column]
single = train_linear_regression(
    sgd_momentum, init_momentum_states(5),
    {"lr": one_lr, "momentum": one_momentum}, features, labels,
)
print(f"lr {one_lr:.4f}, momentum {one_momentum:.4f}: final loss")
print(f"  in the sweep {minibatch.final_loss[row, column]:.6f}, "
      f"alone {single.loss[-1]:.6f}")

# %% tags=["check"]
assert np.isclose(minibatch.final_loss[row, column], single.loss[-1], rtol=1e-10)

# %% [markdown]
# ## The heat map
#
# The colour is the final loss minus $L^\star$, on a log scale: dark is close to the best fit,
# yellow is far from it, grey diverged. The dashed white lines are constant effective steps
# $\eta/(1-\gamma) = 0.04$ and $0.2$; on this momentum axis they are straight. The black curve is
# the stability boundary of the full-batch loss, $\eta = 2(1+\gamma)/\lambda_{\max}$. The white dots
# are the settings of the real-data experiment.

# %% alt="Two heat maps of the final loss over the learning rate (horizontal, 0.001 to 3, log scale) and the momentum (vertical, 0 to 0.99). Top, minibatches of 10 for two epochs: grey diverged cells begin far left of the black full-batch stability curve, at smaller learning rates the larger the momentum. Bottom, the full batch for 100 steps: the grey cells begin exactly at the black curve, and a dark band of near-perfect fits runs from the dashed line of effective step 0.2 up to that curve, for momentum up to about 0.9. Two dashed white diagonals mark constant effective steps, and five white dots the settings of the real-data experiment." caption="Final loss minus the least-squares loss L* for each of the 1025 settings (learning rate η, momentum γ), on a log colour scale: dark is close to the best fit, yellow far from it, grey diverged. Top: minibatches of 10, two epochs; bottom: the full batch, 100 steps. Black curve: the full-batch stability boundary η λmax = 2(1 + γ). Dashed white lines: constant effective steps η/(1 − γ) = 0.04 and 0.2, straight because the momentum axis is spaced by log 1/(1 − γ). White dots: the settings of the real-data experiment."
POINTS = [(0.02, 0.5), (0.01, 0.9), (0.005, 0.9), (0.02, 0.9),
          (0.004, 0.9)]
fig_sweep_final_loss(
    {"minibatches of 10, 2 epochs": minibatch,
     "full batch, 100 steps": full_batch},
    lam_max=lam_max, best=best, points=POINTS,
)

# %% [markdown]
# ## The full batch: the theory holds exactly
#
# The full-batch loss $\frac{1}{2n}\lVert \mathbf{A}\boldsymbol\theta - \mathbf{y}\rVert^2$ is a
# quadratic in $\boldsymbol\theta = (\mathbf{w}, b)$ with Hessian $\mathbf{H}$. In the eigenbasis of
# $\mathbf{H}$ heavy-ball momentum acts on each direction separately, as on the one-dimensional
# quadratic with curvature $\lambda$, and it converges along that direction exactly when
# $0 < \eta\lambda < 2(1+\gamma)$ ([Momentum on a quadratic](../../theory/quadratic/) derives this,
# and [the map](../../theory/phase-map/) draws it). The steepest direction, $\lambda_{\max}$, fails first, so the
# whole run diverges exactly when $\eta\,\lambda_{\max} \ge 2(1+\gamma)$: the black curve.
#
# The lower panel agrees cell for cell:

# %%
predicted = ~theory.is_stable(lr, momentum, lam_max)
disagree = np.sum(full_batch.diverged != predicted)
print(f"cells where sweep and theory disagree: "
      f"{disagree} of {lr.size}")

# %% tags=["check"]
assert np.array_equal(full_batch.diverged, predicted)

# %% [markdown]
# Two more things the theory explains in the lower panel. Close to the boundary (and for
# $\gamma$ near 1) the spectral radius is close to 1, so 100 steps are not enough: the cells there
# are lighter, though the runs converge. And at small $\eta$ the flattest direction
# ($\lambda_{\min}$) is slow; momentum speeds it up, which is why the dark region reaches further
# left as $\gamma$ grows.

# %% [markdown]
# ## Minibatches: the noise sets the limit
#
# With minibatches of 10 the gradient is the full gradient plus noise, and the theory for the
# deterministic quadratic no longer decides stability ([noisy gradients](../../theory/noisy/) works
# out what the noise does on a quadratic). The upper panel diverges far inside the
# black curve. The table lists, for some rows, the largest learning rate that did not diverge:

# %%
gammas = momentum[:, 0]
# in each row, the largest lr whose run did not diverge
ok_mini = np.array([lr[i][~minibatch.diverged[i]].max()
                    for i in range(len(gammas))])
ok_full = np.array([lr[i][~full_batch.diverged[i]].max()
                    for i in range(len(gammas))])
bound = theory.stability_bound(gammas) / lam_max
effective = ok_mini / (1 - gammas)

print("          largest lr that converged       full-batch")
print("momentum  minibatch (as eff. step)  full batch   bound")
for i in range(0, len(gammas), 4):
    print(f"{gammas[i]:>8.3f} {ok_mini[i]:>10.3g} "
          f"({effective[i]:>5.2f}) {ok_full[i]:>11.3g} "
          f"{bound[i]:>7.3g}")
print(f"over all {len(gammas)} momenta, "
      f"from 0 to {gammas[-1]:.2f}:")
print(f"  minibatch limit from {ok_mini[0]:.2f} "
      f"to {ok_mini[-1]:.3f},")
print(f"    {ok_mini[0] / ok_mini[-1]:.0f} times lower")
print(f"  as an effective step between {effective.min():.2f}"
      f" and {effective.max():.2f}")
print(f"  full-batch limit from {ok_full[0]:.2f} "
      f"to {ok_full[-1]:.2f}")
spacing = lr[0, 1] / lr[0, 0] - 1
print(f"neighbouring learning rates: {spacing:.0%} apart")

# %% tags=["check"]
assert np.all(ok_mini < bound)
assert np.all(ok_mini[gammas < 0.55] >= ok_mini[0])  # no fall up to about 0.5
assert ok_mini[gammas < 0.55][-1] == ok_mini[0]
assert effective.max() / effective.min() < 5 < ok_mini[0] / ok_mini[-1] / 5

# %% [markdown]
# The full-batch limit is a limit on $\eta$ itself, and grows only from $2/\lambda_{\max}$ to
# $4/\lambda_{\max}$ as $\gamma$ goes from 0 to 1 (on the grid, from 0.90 to 1.65). The minibatch
# limit behaves differently. Up to $\gamma \approx 0.5$ it does not fall (0.60 at $\gamma = 0$
# and at $\gamma = 0.54$); beyond, it falls steeply, to 0.016 at $\gamma = 0.99$, 37 times lower.
# Measured as an effective step $\eta/(1-\gamma)$, the limit stays between 0.60 and 2.50 over the
# whole grid, a band a factor of 4 wide, while $\eta$ itself spans a factor of 37: at large
# $\gamma$ it is, roughly, a limit on the effective step. That is what accumulated noise would do.
# Momentum adds up about $1/(1-\gamma)$ noisy gradients, each scaled by $\eta$, so it is the
# effective step that decides how far the noise throws the parameters. The limit moves in jumps:
# the grid's learning rates are 22% apart, and each cell is a single run.
#
# ## Along a constant effective step
#
# The dashed lines run through the colours of the upper panel: along $\eta/(1-\gamma) = 0.04$ the
# final losses barely change, while along a row ($\gamma$ fixed) a change of $\eta$ by similar
# factors changes them a lot:

# %%
g = np.array([0.0, 0.5, 0.8, 0.9, 0.95, 0.98])
along = sweep_linear_regression(
    0.04 * (1 - g), g, features, labels)
rates = np.array([0.004, 0.008, 0.02, 0.04, 0.1])
across = sweep_linear_regression(rates, 0.9, features, labels)
print("effective step 0.04; momentum", g.tolist())
print("  final loss", along.final_loss.round(4).tolist())
print(f"  range {np.ptp(along.final_loss):.4f}")
print("momentum 0.9; lr", rates.tolist())
print("  final loss", across.final_loss.round(4).tolist())
print(f"  range {np.ptp(across.final_loss):.4f}")

# %% tags=["check"]
assert np.ptp(along.final_loss) < np.ptp(across.final_loss) / 10

# %% [markdown]
# ## Summary
#
# - On the deterministic full-batch loss, a quadratic, momentum diverges exactly where
#   $\eta\,\lambda_{\max} \ge 2(1+\gamma)$; the sweep matches the theory in every cell.
# - With minibatches the noise, not the curvature, sets the limit. It is far tighter than the
#   full-batch bound and, once $\gamma$ is past about 0.5, follows the effective step
#   $\eta/(1-\gamma)$ roughly rather than $\eta$.
# - Settings on a line of constant effective step train alike; to use more momentum, lower the
#   learning rate by the factor $1-\gamma$.
#
# ## Exercises
#
# 1. Run the full-batch sweep with Nesterov momentum (`nesterov=True`). Where should its boundary
#    be, and does the sweep agree?

# %% [markdown] tags=["solution"]
# For Nesterov momentum the theory gives convergence for $\eta\lambda < 2(1+\gamma)/(1+2\gamma)$
# (`theory.stability_bound(momentum, nesterov=True)`): at $\gamma = 0$ the same $2$, at
# $\gamma \to 1$ only $4/3$ instead of heavy ball's $4$, so more cells diverge, the more so the
# larger $\gamma$. The sweep agrees in every cell but
# one, where the spectral radius is only about $1.03$: that run diverges, but slowly, and after
# 100 steps its loss has not yet climbed back above where it started. Run longer, it does.

# %% tags=["solution"]
nesterov = sweep_linear_regression(
    lr, momentum, features, labels,
    batch_size=n, num_epochs=100, record_every=n, nesterov=True,
)
rho = theory.spectral_radius(lr, momentum, lam_max, nesterov=True)
mismatch = nesterov.diverged != (rho >= 1)
print(f"diverged: {nesterov.diverged.sum()} cells "
      f"(heavy ball: {full_batch.diverged.sum()})")
print(f"disagreements with the theory: {mismatch.sum()}, "
      f"spectral radius there {rho[mismatch].round(4).tolist()}")
longer = sweep_linear_regression(
    lr[mismatch], momentum[mismatch], features, labels,
    batch_size=n, num_epochs=400, record_every=n, nesterov=True,
)
print("the same after 400 steps: diverged",
      longer.diverged.tolist())
print(f"  final loss {longer.final_loss.round(1).tolist()}")

# %% tags=["check"]
assert np.all(np.abs(rho[mismatch] - 1) < 0.05)
assert np.array_equal(longer.diverged, (rho >= 1)[mismatch])

# %% [markdown]
# 2. Which setting of the grid ends lowest with minibatches, and what is its effective step?

# %% tags=["solution"]
i, j = np.unravel_index(np.argmin(minibatch.final_loss), lr.shape)
print(f"lowest final loss {minibatch.final_loss[i, j]:.4f}:")
print(f"  lr {lr[i, j]:.4g}, momentum {momentum[i, j]:.4f}")
print(f"  effective step {lr[i, j] / (1 - momentum[i, j]):.3f}")

# %% tags=["check"]
assert j == 0 and momentum[i, j] > 0.9  # the smallest lr of the grid, with a lot of momentum

# %% [markdown] tags=["solution"]
# The lowest final loss is at the smallest learning rate of the grid, with a lot of momentum and an
# effective step of a few hundredths, like the good settings of the real-data experiment. The large
# momentum averages the minibatch noise over many steps, while the small $\eta$ keeps the effective
# step small. The grid ends there, so a still smaller $\eta$ with still more momentum may do as
# well or better.
