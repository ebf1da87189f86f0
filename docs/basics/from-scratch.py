# %% [markdown]
# # Momentum from scratch
#
# Math: $v_t = \gamma v_{t-1} + \eta g_t$ and
# $$x_t = x_{t-1} - v_t.$$

# %%
from momentum_docs import init_momentum_states, load_airfoil, sgd_momentum, train_linear_regression

features, labels = load_airfoil()
history = train_linear_regression(sgd_momentum, init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels)
print(f"loss: {history.loss[-1]:.3f}")

# %%
from momentum_docs.figures.training import fig_momentum_loss_curves
fig_momentum_loss_curves({"a": history})
