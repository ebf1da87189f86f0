# %% [markdown]
# # A small neural network
#
# **What you will learn**
#
# - how a multilayer perceptron computes its loss and, with the chain rule written out, its
#   gradient, and how to check that gradient against finite differences;
# - how gradient descent, momentum and Nesterov momentum train it on a two-class problem in the
#   plane, on a loss that is not a quadratic;
# - that momentum reaches a good model several times sooner, and that training longer than that
#   fits the noise in the training points: a lower training loss is not a better classifier.
#
# **Symbols**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $\mathbf{x}_i \in \mathbb{R}^2$, $y_i \in \{0, 1\}$ | a point and its class | `X[i]`, `y[i]` |
# | $\mathbf{h}_l = \tanh(\mathbf{h}_{l-1}\mathbf{W}_l + \mathbf{b}_l)$ | hidden layer $l$, $\mathbf{h}_0 = \mathbf{x}$ | `MLP((2, 16, 16, 2))` |
# | $\mathbf{z}$, $p(y \mid \mathbf{x}) = \mathrm{softmax}(\mathbf{z})_y$ | scores (logits) and class probabilities | `logits`, `predict_proba` |
# | $L(\boldsymbol\theta) = -\frac1n\sum_i \log p(y_i \mid \mathbf{x}_i)$ | mean cross-entropy | `CrossEntropy(net, X, y)` |
# | $\boldsymbol\theta$ | all weights and biases in one vector | `theta` |
# | $\eta$, $\gamma$ | learning rate and momentum | `lr`, `momentum` |
#
# This page is a notebook, executed when the site is built; the button at the top right downloads
# it as `.ipynb`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

from momentum_docs import MLP, CrossEntropy, GradientDescent, Momentum, Nesterov, optimize, two_moons
from momentum_docs.figures.neural_network import fig_neural_network_boundaries, fig_neural_network_loss_curves

# %% [markdown]
# ## The data
#
# Two interleaving half circles, 100 points each, with Gaussian noise of standard deviation 0.2,
# drawn by code from a fixed seed. No straight line separates them. A second draw of 1000 points
# from the same distribution (another seed) is held out: the network never trains on it, and it
# tells how well a trained network classifies new points.

# %%
X, y = two_moons(n=200, noise=0.2, seed=0)
X_test, y_test = two_moons(n=1000, noise=0.2, seed=1)
print("training points", X.shape, "per class", np.bincount(y))
print("held-out points", X_test.shape)

# %% [markdown]
# ## The network and its gradient
#
# The network has two hidden layers of 16 $\tanh$ units and two outputs, one score per class.
# `momentum_docs.MLP` computes the gradient of the loss by the chain rule, layer by layer from the
# top (backpropagation): the score gradient is $(\mathrm{softmax}(\mathbf{z}) - \text{onehot}(y))/n$,
# each layer passes its gradient down through $\mathbf{W}_l^\top$, and $\tanh' = 1 - \tanh^2$ scales
# it at each hidden layer. The weights start from $\mathcal{N}(0, 1/\text{fan-in})$, the biases at 0.
#
# A central difference $(L(\boldsymbol\theta + h\mathbf{e}_k) - L(\boldsymbol\theta - h\mathbf{e}_k))/2h$
# approximates one partial derivative with an error of order $h^2$. The test suite compares every
# coordinate on many random networks; here are a few coordinates of this one:

# %%
net = MLP((2, 16, 16, 2))
loss_fn = CrossEntropy(net, X, y)
theta0 = net.init(seed=0)
print(f"{net.n_params} parameters; loss at the start {loss_fn(theta0):.4f}")
print(f"(a coin flip would have log 2 = {np.log(2):.4f})")

gradient = loss_fn.gradient(theta0)
h = 1e-6
for k in np.random.default_rng(0).choice(net.n_params, size=5, replace=False):
    e = np.zeros(net.n_params)
    e[k] = h
    numeric = (loss_fn(theta0 + e) - loss_fn(theta0 - e)) / (2 * h)
    print(f"coordinate {k:3d}: backward {gradient[k]: .8f}, difference {numeric: .8f}")
    assert abs(gradient[k] - numeric) < 1e-7

# %% [markdown]
# ## Training with three optimizers
#
# Every step uses all 200 points (full batch), so the differences below come from the optimizers
# alone. All three start from the same $\boldsymbol\theta_0$ with $\eta = 0.1$; momentum and
# [Nesterov](../../theory/nesterov/) use $\gamma = 0.9$. The optimizers are the package's, the same objects as on every other
# page: `optimize` needs only the loss and its gradient.

# %%
lr, momentum, steps = 0.1, 0.9, 1000
runs = {
    "gradient descent": optimize(GradientDescent(lr), loss_fn, theta0, steps),
    "momentum": optimize(Momentum(lr, momentum), loss_fn, theta0, steps),
    "Nesterov": optimize(Nesterov(lr, momentum), loss_fn, theta0, steps),
}
test_fn = CrossEntropy(net, X_test, y_test)
checkpoints = np.arange(0, steps + 1, 10)  # the held-out loss every 10 steps
test_losses = {name: np.array([test_fn(run.x[t]) for t in checkpoints]) for name, run in runs.items()}

print("                  steps to   after 1000 steps:")
print("                  loss 0.2   train loss  test loss  test acc.")
reached = {}
for name, run in runs.items():
    reached[name] = int(np.argmax(run.loss < 0.2))
    accuracy = np.mean(net.predict(run.x[-1], X_test) == y_test)
    print(f"{name:>16} {reached[name]:>9} {run.loss[-1]:>12.4f} {test_losses[name][-1]:>10.4f} {accuracy:>10.1%}")

# %% [markdown]
# The first column is the number of steps until the training loss falls below 0.2: gradient
# descent needs several times as many as momentum and Nesterov, which behave alike here. The
# other columns are after 1000 steps.

# %% alt="Training and test loss of the small network against the step, for gradient descent, momentum and Nesterov momentum" caption="Loss against the step on a log scale: lower is better; solid lines are the training loss, dashed lines the test loss."
assert all(run.loss[reached[name]] < 0.2 for name, run in runs.items())
assert reached["gradient descent"] > 4 * max(reached["momentum"], reached["Nesterov"])
fig_neural_network_loss_curves(runs, test_losses=test_losses)

# %% [markdown]
# One thing the curves show that a quadratic never would: after about 900 steps Nesterov's
# training loss jumps up and settles again over a few dozen steps. The loss is not a quadratic,
# and its curvature changes as training goes on, so a step size that was stable earlier can
# overshoot later. The cell measures the jump:

# %%
nesterov_loss = runs["Nesterov"].loss
running_min = np.minimum.accumulate(nesterov_loss)
t = int(np.argmax(nesterov_loss / running_min))
print(f"Nesterov at step {t}: loss {nesterov_loss[t]:.4f}, lowest before {running_min[t]:.4f}")
print(f"at step {t + 40}: {nesterov_loss[t + 40]:.4f}")
assert 800 < t < 960 and nesterov_loss[t] > 1.4 * running_min[t] and nesterov_loss[t + 40] < 1.15 * running_min[t]

# %% [markdown]
# ## Decision boundaries
#
# The shading is the network's probability for the red class, and the black line is where it is
# one half. After 100 steps gradient descent has not yet bent its boundary, while momentum and
# Nesterov already follow the moons. After 1000 steps all three separate the moons. Momentum and
# Nesterov, much further along, have wrapped their boundaries around single noisy points.

# %% alt="Decision boundaries of the network on the two moons after 100 and 1000 steps, one panel per method" caption="Where each network puts the boundary between the two classes after 100 and 1000 steps; dots are the training points."
fig_neural_network_boundaries(loss_fn, runs, steps=(100, 1000))

# %% [markdown]
# ## Faster is not the same as better
#
# The left panel of the loss figure falls fastest for momentum and Nesterov. The right panel, the
# loss on the held-out points, falls with it at first: momentum and Nesterov reach their lowest
# held-out loss within a few hundred steps, long before gradient descent does. Then it rises
# again. The later steps fit the noise of these 200 points, which does not carry over to new points
# (overfitting). So momentum makes the optimization faster; when to stop is a separate question,
# which the held-out points answer.

# %%
for name in ("momentum", "Nesterov"):
    losses = test_losses[name]
    best = checkpoints[np.argmin(losses)]
    print(f"{name}: held-out loss {losses.min():.4f} at step {best} (lowest),")
    print(f"  {losses[-1]:.4f} at step {steps}")
    assert best < steps / 2 and losses[-1] > losses.min() * 1.2

# %% [markdown]
# ## Summary
#
# - `momentum_docs.MLP` computes its gradient exactly, by the chain rule, and agrees with central
#   finite differences.
# - The same optimizer objects that run on quadratics train the network. Full batch, with
#   $\eta = 0.1$, momentum and Nesterov momentum ($\gamma = 0.9$) reach a training loss of 0.2 in
#   several times fewer steps than gradient descent; on this problem Nesterov behaves like heavy ball.
# - Faster training is not better generalisation: trained long, the networks fit the noise of the
#   training points, and the held-out loss rises again.
#
# ## Exercises
#
# 1. Is momentum just a larger learning rate? Train gradient descent with the effective step
#    $\eta/(1-\gamma) = 1$ and compare it with momentum.

# %% [markdown] tags=["solution"]
# Gradient descent with $\eta = 1$ is about as quick at the start, since that is the step momentum
# builds up to on a slowly changing gradient. It is not the same method: after 1000 steps its
# training loss is higher than momentum's, and its held-out loss never gets as low.

# %% tags=["solution"]
big_step = optimize(GradientDescent(1.0), loss_fn, theta0, steps)
test_big = min(test_fn(big_step.x[t]) for t in checkpoints)
test_momentum = test_losses["momentum"].min()
print("                  steps to   loss after   lowest")
print("                  loss 0.2   1000 steps   held-out loss")
print(f"GD, lr 1.0 {int(np.argmax(big_step.loss < 0.2)):>15} {big_step.loss[-1]:>12.4f} {test_big:>12.4f}")
print(f"momentum {reached['momentum']:>17} {runs['momentum'].loss[-1]:>12.4f} {test_momentum:>12.4f}")
assert runs["momentum"].loss[-1] < big_step.loss[-1] and test_momentum < test_big

# %% [markdown]
# 2. Does the ranking depend on the starting point? Train from three other initialisations and
#    count the steps to a training loss of 0.2 (gradient descent, momentum, Nesterov).

# %% tags=["solution"]
for seed in (1, 2, 3):
    start = net.init(seed=seed)
    counts = {
        name: int(np.argmax(optimize(opt, loss_fn, start, 800).loss < 0.2))
        for name, opt in [("gradient descent", GradientDescent(lr)), ("momentum", Momentum(lr, momentum)),
                          ("Nesterov", Nesterov(lr, momentum))]
    }
    print(f"seed {seed}: steps to loss 0.2: " + ", ".join(f"{count}" for count in counts.values()))
    assert counts["gradient descent"] > 2 * max(counts["momentum"], counts["Nesterov"]) > 0

# %% [markdown] tags=["solution"]
# The numbers change with the start, the order does not: gradient descent needs the most steps
# every time.
