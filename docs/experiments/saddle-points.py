# %% [markdown]
# # Saddle points in two dimensions
#
# **What you will learn**
#
# - what a strict saddle and its stable manifold are, on a function of two variables whose
#   gradient and Hessian are exact;
# - why gradient descent started near the stable manifold crawls past the saddle, and how much
#   faster momentum leaves it: the growth factor per step is the spectral radius of the momentum
#   iteration for a *negative* curvature;
# - what changes on a plateau, where the Hessian at the saddle is singular and no rate per step
#   exists, and why momentum helps there too.
#
# **Symbols**
#
# | symbol | meaning | in code |
# |---|---|---|
# | $f(\mathbf{x}) = \frac{a}{2}x_1^2 + c\,(\frac{x_2^4}{4} - \frac{x_2^2}{2})$ | the strict saddle, $a = 1$, $c = 0.25$ | `StrictSaddle()` |
# | $g(\mathbf{x}) = \frac{a}{2}x_1^2 + c\,(\frac{x_2^6}{6} - \frac{x_2^4}{4})$ | the plateau saddle, $a = 1$, $c = 1$ | `PlateauSaddle()` |
# | $\nabla^2 f$ | the Hessian, the matrix of second derivatives | `f.hessian(x)` |
# | $\eta$, $\gamma$ | learning rate and momentum | `lr`, `momentum` |
# | $\rho(\eta, \gamma, \lambda)$ | spectral radius of one momentum step on curvature $\lambda$ | `theory.spectral_radius` |
#
# This page is a notebook, executed when the site is built; the button at the top right downloads
# it as `.ipynb`. [A ball rolling downhill](../../basics/ball/) shows a saddle in one dimension;
# this page adds the second dimension.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

from momentum_docs import (
    GradientDescent,
    Momentum,
    Nesterov,
    PlateauSaddle,
    StrictSaddle,
    optimize,
    steps_to_escape,
    theory,
)
from momentum_docs.figures.saddle_points import fig_saddle_points_escape

# %% [markdown]
# ## A strict saddle
#
# The gradient of $f$ is $(a x_1,\; c(x_2^3 - x_2))$. It vanishes at the origin and at
# $(0, \pm 1)$. The Hessian is $\mathrm{diag}(a,\; c(3x_2^2 - 1))$: at the origin
# $\mathrm{diag}(1, -0.25)$, one positive and one negative curvature, which makes the origin a
# *strict* saddle; at $(0, \pm 1)$ it is $\mathrm{diag}(1, 0.5)$, two minima.

# %%
f = StrictSaddle()
for point in [f.saddle, *f.minima]:
    eigenvalues = np.linalg.eigvalsh(f.hessian(point))
    print(f"at {point}: f = {f(point):+.4f}, gradient {f.gradient(point)},")
    print(f"  Hessian eigenvalues {eigenvalues}")
assert np.linalg.eigvalsh(f.hessian(f.saddle)).tolist() == [-0.25, 1.0]

# %% [markdown]
# On the $x_1$ axis ($x_2 = 0$) the slope along $x_2$ is exactly zero, so an iterate that starts
# there stays there while $x_1$ shrinks. That axis is the saddle's **stable manifold**. Gradient
# descent and momentum started on it converge to the saddle, and never find out that there is
# lower ground on either side.
#
# Start instead a hair off it, at $(2, 10^{-4})$. Near the saddle the two coordinates evolve
# separately. $x_1$ shrinks as on a bowl. $x_2$ sees the one-dimensional quadratic with curvature
# $\lambda = -c$, and gradient descent multiplies it by $1 + \eta c$ per step. Momentum's
# iteration on that quadratic is the $2\times 2$ matrix of [the theory](../../theory/quadratic/), and its larger eigenvalue
# (the spectral radius, now above 1) is its growth factor. With $\eta = 0.1$ and $\gamma = 0.9$:

# %%
lr, momentum, start = 0.1, 0.9, [2.0, 1e-4]
growth = {
    "gradient descent": float(theory.spectral_radius(lr, 0.0, -f.depth)),
    "momentum": float(theory.spectral_radius(lr, momentum, -f.depth)),
}
print("growth factor per step along x2:")
print(f"  gradient descent {growth['gradient descent']:.4f} (= 1 + lr c), momentum {growth['momentum']:.4f}")

runs = {
    "gradient descent": optimize(GradientDescent(lr), f, start, steps=400),
    "momentum": optimize(Momentum(lr, momentum), f, start, steps=400),
}
print("\n                   growth  closest to     steps to escape")
print("                 measured  saddle (at t)  run  predicted")
for name, run in runs.items():
    x2 = np.abs(run.x[:, 1])
    measured = (x2[40] / x2[20]) ** (1 / 20)  # steps 20..40: x2 < 0.01, the cubic term is negligible
    escape = steps_to_escape(f, run.x)
    distance = f.distance_to_saddle(run.x)
    print(f"{name:>16} {measured:>9.4f} {distance.min():>9.1e} ({distance.argmin():>2}) {escape:>4} "
          f"{np.log(0.5 / 1e-4) / np.log(growth[name]):>9.0f}")
    assert x2[40] < 0.01 and abs(measured / growth[name] - 1) < 1e-3
assert 4 * steps_to_escape(f, runs["momentum"].x) < steps_to_escape(f, runs["gradient descent"].x)
low, high = (float(bound) for bound in theory.critical_damping_bounds(momentum))
print(f"\nalong x1 (curvature a = {f.stable}) momentum's regime is '{theory.regime(lr, momentum, f.stable)}':")
print(f"lr * a = {lr * f.stable} lies in ({low:.4f}, {high:.4f}): complex eigenvalues")

# %% [markdown]
# The measured growth matches the theory to four digits. "Escape" counts the steps until
# $|x_2| \ge 0.5$, halfway to a minimum. While $x_2$ is small, $|x_2|$ grows from $10^{-4}$ by the
# growth factor per step, so the escape takes about $\ln(5000)/\ln(\text{growth})$ steps (the
# column "predicted"). The count is a little larger because the cubic term slows the final stretch. Gradient
# descent first walks almost into the saddle, to within a thousandth, and then needs hundreds of
# steps to leave it. Momentum never gets that close and is gone in less than a quarter of the time.

# %% alt="Paths of gradient descent and momentum past the strict saddle, and their distance to the saddle against the step" caption="Top: the paths on the contours of the strict saddle. Bottom: the distance to the saddle per step on a log scale; a straight line is a constant factor per step."
fig_saddle_points_escape(f, runs)

# %% [markdown]
# At the top, gradient descent runs along the stable manifold into the saddle and then up to the
# minimum at $(0, 1)$. Momentum overshoots along $x_1$ (its steps there spiral, since
# $\eta a = 0.1$ lies in the band of complex eigenvalues) and turns up to the minimum much earlier.
# At the bottom, the distance to the saddle: gradient descent's dips to $10^{-3}$ and climbs back
# on a straight line, whose slope on the log scale is $\ln 1.025$ per step.
#
# ## A plateau
#
# The second function replaces the quartic by $c\,(\frac{x_2^6}{6} - \frac{x_2^4}{4})$. Its slope
# along $x_2$ is $c\,(x_2^5 - x_2^3)$, which vanishes to third order at 0. The Hessian at the saddle
# is $\mathrm{diag}(1, 0)$, singular. The theory on a curvature of 0 gives a spectral radius of
# exactly 1, neither convergence nor escape at any rate per step. The escape is slower than any
# geometric one.

# %%
g = PlateauSaddle()
print(f"Hessian eigenvalues at the saddle: {np.linalg.eigvalsh(g.hessian(g.saddle))}")
print("spectral radius for curvature 0:")
print(f"  gradient descent {float(theory.spectral_radius(lr, 0.0, 0.0)):.6f}, "
      f"momentum {float(theory.spectral_radius(lr, momentum, 0.0)):.6f}")
print(f"slope along x2 at x2 = 0.1: {g.gradient([0.0, 0.1])[1]:.2e}")

# %% [markdown]
# Near the saddle, gradient descent moves $x_2$ by $\eta c\,x_2^3$ per step. As a differential
# equation, $\dot x_2 = \eta c\,x_2^3$ gives $1/x_2^2$ falling by $2\eta c$ per step, so going from
# $x_2(0)$ to $0.5$ takes about $(1/x_2(0)^2 - 4)/(2\eta c)$ steps: 480 steps from $x_2(0) = 0.1$,
# four times as many for every halving of the start. On a slowly changing slope momentum's velocity
# builds up to $\eta/(1-\gamma)$ times the gradient, so it should move like gradient descent with a
# learning rate ten times larger, plus the time the velocity needs to build up.

# %% alt="Paths of gradient descent and momentum past the plateau saddle, and their distance to the saddle against the step" caption="Top: the paths on the contours of the plateau. Bottom: the distance to the saddle per step; momentum leaves the plateau first."
plateau_start = [2.0, 0.1]
plateau_runs = {
    "gradient descent": optimize(GradientDescent(lr), g, plateau_start, steps=700),
    "momentum": optimize(Momentum(lr, momentum), g, plateau_start, steps=700),
}
for name, effective in [("gradient descent", lr), ("momentum", lr / (1 - momentum))]:
    predicted = (1 / plateau_start[1] ** 2 - 4) / (2 * effective * g.depth)
    print(f"{name}: escaped after {steps_to_escape(g, plateau_runs[name].x)} steps;")
    print(f"  (1/x2(0)^2 - 4) / (2 lr c) with lr = {effective:g}: {predicted:.0f}")
assert steps_to_escape(g, plateau_runs["momentum"].x) * 4 < steps_to_escape(g, plateau_runs["gradient descent"].x)
fig_saddle_points_escape(g, plateau_runs, log_distance=False)

# %% [markdown]
# Gradient descent escapes in about the predicted 480 steps. Momentum needs 80, more than the
# 48 of the estimate. The estimate assumes the velocity is $\eta/(1-\gamma)$ times the current
# gradient at every step; in fact it is an average over the last $1/(1-\gamma) = 10$ or so
# gradients, which takes that long to build up and lags behind a slope that keeps growing. It is
# still six times faster. Starting closer to the
# saddle makes the difference larger (exercise 3).
#
# ## Summary
#
# - A strict saddle has a stable manifold: started on it, gradient descent and momentum converge
#   to the saddle. Started near it, they leave along the direction of negative curvature, by a
#   constant factor per step.
# - That factor is the spectral radius of the method on the negative curvature $-c$: $1 + \eta c$
#   for gradient descent, and the larger root of $\mu^2 - (1 + \gamma + \eta c)\mu + \gamma$ for
#   momentum, which is larger. The escape times follow from it.
# - On a plateau the Hessian is singular and there is no such factor. Gradient descent's escape
#   time grows like $1/x_2(0)^2$, and momentum's effective step $\eta/(1-\gamma)$ shortens it
#   several times.
#
# ## Exercises
#
# 1. Predict the growth factor of Nesterov momentum ($\eta = 0.1$, $\gamma = 0.9$) on the strict
#    saddle, and check it against a run.

# %% tags=["solution"]
predicted = float(theory.spectral_radius(lr, momentum, -f.depth, nesterov=True))
nesterov = optimize(Nesterov(lr, momentum), f, start, steps=400)
x2 = np.abs(nesterov.x[:, 1])
measured = (x2[40] / x2[20]) ** (1 / 20)
print(f"Nesterov: growth predicted {predicted:.4f}, measured {measured:.4f}")
print(f"escaped after {steps_to_escape(f, nesterov.x)} steps (heavy ball: {steps_to_escape(f, runs['momentum'].x)})")
assert abs(measured / predicted - 1) < 1e-3
assert predicted > growth["momentum"] and steps_to_escape(f, nesterov.x) < steps_to_escape(f, runs["momentum"].x)

# %% [markdown] tags=["solution"]
# Nesterov's characteristic polynomial is $\mu^2 - (1+\gamma)(1-\eta\lambda)\mu + \gamma(1-\eta\lambda)$;
# with $\lambda = -c$ its larger root is a little above heavy ball's, and it escapes a few steps sooner.
#
# 2. Start exactly on the stable manifold, at $(2, 0)$. Where do gradient descent and momentum
#    end? What would change with minibatch noise?

# %% tags=["solution"]
for name, optimizer in [("gradient descent", GradientDescent(lr)), ("momentum", Momentum(lr, momentum))]:
    run = optimize(optimizer, f, [2.0, 0.0], steps=400)
    print(f"{name}: x2 stays {np.unique(run.x[:, 1])}, distance to the saddle")
    print(f"  after 400 steps {f.distance_to_saddle(run.x[-1]):.1e}")
    assert np.all(run.x[:, 1] == 0.0) and f.distance_to_saddle(run.x[-1]) < 1e-8

# %% [markdown] tags=["solution"]
# Both converge to the saddle, because the gradient has no $x_2$ component on the axis. Any
# perturbation off the axis, such as minibatch noise, grows by the growth factor per step and
# carries the iterate away. Exact gradients on an exactly symmetric start are the only way to get
# stuck on a strict saddle.
#
# 3. On the plateau, start gradient descent and momentum at $x_2(0) = 0.05$ and $0.025$ (with
#    $x_1(0) = 0$). How do the escape times scale?

# %% tags=["solution"]
escape_times = {}
for x2_start in (0.1, 0.05, 0.025):
    escape_times[x2_start] = [steps_to_escape(g, optimize(GradientDescent(lr), g, [0.0, x2_start], steps=8100).x),
                              steps_to_escape(g, optimize(Momentum(lr, momentum), g, [0.0, x2_start], steps=900).x)]
    gd_time, momentum_time = escape_times[x2_start]
    print(f"x2(0) = {x2_start}: GD {gd_time}, momentum {momentum_time}, ratio {gd_time / momentum_time:.1f}")
growth_gd = escape_times[0.025][0] / escape_times[0.05][0]
growth_momentum = [escape_times[0.05][1] / escape_times[0.1][1], escape_times[0.025][1] / escape_times[0.05][1]]
print(f"halving x2(0) multiplies the time of GD by {growth_gd:.2f},")
print(f"of momentum by {growth_momentum[0]:.2f}, then {growth_momentum[1]:.2f}")
assert abs(growth_gd - 4) < 0.05 and growth_momentum[0] < growth_momentum[1] < 4
ratios = [gd / mom for gd, mom in escape_times.values()]
assert ratios[0] < ratios[1] < ratios[2] < 10

# %% [markdown] tags=["solution"]
# Each halving of $x_2(0)$ multiplies gradient descent's escape time by 4, the $1/x_2(0)^2$ law.
# Momentum's grows by a little less, approaching 4, because the build-up of its velocity takes a
# fixed number of steps, which matter less and less on a longer journey. For the same reason the
# ratio of the two approaches $1/(1-\gamma) = 10$ from below.
