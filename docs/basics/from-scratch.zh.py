# %% [markdown]
# # 从零开始实现动量法 {#momentum-from-scratch}
#
# **本节要点**
#
# - 第一篇讲义如何用 `init_momentum_states` 和原地更新的 `sgd_momentum` 为一个真实模型实现动量法
#   （momentum），以及它的代码无需修改就能在 `momentum_docs` 上运行；
# - 学习率（learning rate）和动量超参数如何共同决定 NASA 翼型噪声数据上线性回归的训练曲线；
# - 为什么 $(\eta, \gamma) = (0.02, 0.9)$ 的训练过程震荡明显，而 $(0.004, 0.9)$ 和 $(0.02, 0.5)$
#   看起来差不多：原因在于有效步长（effective step size）$\eta/(1-\gamma)$。
#
# **本页符号**
#
# | 符号 | 含义 | 代码中的名称 |
# |---|---|---|
# | $\mathbf{X}$, $\mathbf{y}$ | 标准化后的特征（1500 × 5）和标签 | `features`, `labels` |
# | $\mathbf{w}$, $b$ | $\hat y = \mathbf{X}\mathbf{w} + b$ 的权重和偏差 | `w`, `b`（`Parameter` 对象） |
# | $\ell = \frac{1}{2}(\hat y - y)^2$ | 平方损失，在大小为 10 的小批量上取平均 | `squared_loss` |
# | $\eta$, $\gamma$ | 学习率和动量超参数 | `hyperparams["lr"]`, `hyperparams["momentum"]` |
# | $\mathbf{v}$ | 每个参数对应一个速度变量，$\mathbf{v}_0 = \mathbf{0}$ | `states` |
#
# 本页是一个在构建网站时执行的 notebook；右上角的按钮可以把它下载为 `.ipynb` 文件。运行它需要
# `momentum_docs`（在本项目的克隆中执行 `pip install -e .`）。

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

import momentum_docs
from momentum_docs import load_airfoil, load_airfoil_raw, train_linear_regression
from momentum_docs.datasets import AIRFOIL_COLUMNS
from momentum_docs.figures.training import fig_momentum_loss_curves

# %% [markdown]
# ## 数据 {#the-data}
#
# NASA 翼型自噪声数据集（Brooks、Pope 和 Marcolini，1989 年，来自 UCI 机器学习数据库，CC BY 4.0 许可）
# 包含 1503 次风洞测量：翼型及其周围气流的五个属性，以及翼型产生的声压级。与《动手学深度学习》
# （*Dive into Deep Learning*）一样，每一列都做了标准化，并保留前 1500 行。

# %%
raw = load_airfoil_raw()
for name, column in zip(AIRFOIL_COLUMNS, raw.T):
    print(f"{name:<42} mean {column.mean():10.4g}   std {column.std():10.4g}")

features, labels = load_airfoil()
print("features", features.shape, "labels", labels.shape)
print("after standardising: means", np.round(features.mean(axis=0), 2) + 0.0, "stds", np.round(features.std(axis=0), 2))

# %% [markdown]
# ## 讲义的代码，原样运行 {#the-lecture-notes-code-unchanged}
#
# 讲义定义了自己的 `init_momentum_states` 和 `sgd_momentum`，并把它们交给书中的训练函数 `train_ch7`。
# 这个函数在大小为 10 的小批量上训练 $\hat y = \mathbf{X}\mathbf{w} + b$，共两个迭代周期（epoch）。
# 把 `d2l` 绑定到 `momentum_docs`，再用 NumPy 代替 MXNet 的 `nd`，讲义的代码就能原样运行：

# %%
d2l, nd = momentum_docs, np
features, labels = d2l.get_data_ch7()


def init_momentum_states():
    v_w = nd.zeros((features.shape[1], 1))
    v_b = nd.zeros(1)
    return (v_w, v_b)


def sgd_momentum(params, states, hyperparams):
    for p, v in zip(params, states):
        v[:] = hyperparams['momentum'] * v + hyperparams['lr'] * p.grad
        p[:] -= v


note = d2l.train_ch7(sgd_momentum, init_momentum_states(), {'lr': 0.02, 'momentum': 0.5}, features, labels)

# %% [markdown]
# 从这里开始，本页使用包里的版本：`momentum_docs.sgd_momentum` 和 `momentum_docs.init_momentum_states`。
# 包里的 `sgd_momentum` 接受相同的参数。它会检查这些参数（名称、取值范围、形状），并从
# `momentum_docs.Momentum` 取得更新规则，所以更新规则只写在一个地方。它的 `init_momentum_states(dim)`
# 接受特征个数作为参数，而不是读取全局变量。两者给出相同的损失：

# %%
package = train_linear_regression(
    momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5), {"lr": 0.02, "momentum": 0.5}, features, labels
)
print("same losses:", np.allclose(note.loss, package.loss, rtol=1e-12))

# %% [markdown]
# ## 多组学习率和动量超参数 {#several-learning-rates-and-momenta}
#
# 讲义比较了三组设置。这里加上普通的小批量随机梯度下降（$\gamma = 0$）作为基准。下表打印最终的训练损失和
# 有效步长 $\eta/(1-\gamma)$：[指数加权移动平均](../ema/)一页说明，动量法每步大约移动最近
# $1/(1-\gamma)$ 个梯度平均值的 $\eta/(1-\gamma)$ 倍。

# %%
settings = [(0.02, 0.0), (0.02, 0.5), (0.02, 0.9), (0.004, 0.9)]
histories = {}
print(f"{'lr':>6} {'momentum':>9} {'lr/(1-momentum)':>16} {'final loss':>11} {'loss std, 2nd epoch':>20}")
for lr, momentum in settings:
    history = train_linear_regression(
        momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5), {"lr": lr, "momentum": momentum},
        features, labels,
    )
    histories[rf"$\eta={lr}$, $\gamma={momentum:g}$"] = history
    second_epoch = history.loss[history.epochs > 1]
    print(f"{lr:>6} {momentum:>9} {lr / (1 - momentum):>16.3g} {history.loss[-1]:>11.4f} {second_epoch.std():>20.4f}")

# %% alt="航空翼型回归的训练损失随迭代周期的变化，每组学习率和动量超参数一条曲线" caption="每组设置两个迭代周期内的损失：越低越好；曲线每 100 个样本取一次值。"
fig_momentum_loss_curves(histories)

# %% [markdown]
# ## 解读这些曲线 {#reading-the-curves}
#
# - $(0.02, 0.9)$ 的有效步长是 $0.2$，是 $(0.02, 0.5)$ 的五倍。每个小批量梯度都带有噪声，而动量法会把这些噪声
#   带上大约 $1/(1-\gamma) = 10$ 步，并乘以 $\eta/(1-\gamma)$。于是损失上下跳动，最后停在更高的位置。
#   它在第二个迭代周期中的波动（最后一列）也是最大的。
# - $(0.004, 0.9)$ 和 $(0.02, 0.5)$ 的有效步长相同，都是 $0.04$。较慢的速度变量积累起来之后（前半个迭代周期之后），
#   两条曲线几乎重合。学习率取五分之一、记忆长十倍，效果与学习率较大而记忆很短时差不多。
# - $\eta = 0.02$ 的普通随机梯度下降（SGD）每步只有 $(0.02, 0.5)$ 的一半大，所以开始时更慢。
#   在这个小规模的凸问题上，它最后降到与其他设置一样低的损失。

# %%
a, b = histories[r"$\eta=0.02$, $\gamma=0.5$"], histories[r"$\eta=0.004$, $\gamma=0.9$"]
print(f"largest gap between the two curves with effective step 0.04: {np.abs(a.loss - b.loss).max():.4f}")
print(f"after the first half epoch:                                   {np.abs(a.loss - b.loss)[a.epochs >= 0.5].max():.4f}")

# %% [markdown]
# ## 小结 {#summary}
#
# - 讲义的 `init_momentum_states` 和原地更新的 `sgd_momentum` 无需修改就能在 `momentum_docs` 上运行，
#   并且与包里经过检查的版本给出相同的损失。
# - 在翼型数据上，四组设置在两个迭代周期内都把损失降到约 0.24-0.25。各条曲线的区别在于下降的快慢和波动的大小。
# - 有效步长 $\eta/(1-\gamma)$ 可以预测这些表现：有效步长相同，曲线相近；有效步长太大，训练就会震荡。
#
# ## 练习 {#exercises}
#
# 1. 用 $(\eta, \gamma) = (0.002, 0.95)$ 训练。它的有效步长是多少？它应该与上面哪条曲线相似？

# %% [markdown] tags=["solution"]
# 有效步长是 $0.002/0.05 = 0.04$，与 $(0.02, 0.5)$ 和 $(0.004, 0.9)$ 相同，所以它应该沿着这两条曲线走
# （只是起步更慢，因为速度变量需要大约 $1/(1-\gamma) = 20$ 步才能积累起来）。

# %% tags=["solution"]
slow = train_linear_regression(
    momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5), {"lr": 0.002, "momentum": 0.95}, features, labels
)
print(f"effective step {0.002 / (1 - 0.95):.2f}, final loss {slow.loss[-1]:.4f}, "
      f"largest gap to (0.02, 0.5) after the first epoch {np.abs(slow.loss - a.loss)[slow.epochs >= 1].max():.4f}")

# %% [markdown]
# 2. 用 $(\eta, \gamma) = (0.2, 0.9)$ 训练，有效步长为 2。再分别用大小为 100 的小批量和 1500 个样本的全批量
#    （训练 40 个迭代周期）训练。批量大小改变了什么？

# %% [markdown] tags=["solution"]
# 在大小为 10 的小批量上，最终损失比初始损失还高，包会用 `DivergenceWarning` 指出这一点。这个警告只表示：
# 训练结束时比开始时更差。损失并没有爆炸，而是在一个高得多的水平上来回跳动。用大小为 100 的小批量时，
# 损失最后约为 0.256，接近好的设置；用全批量时，它收敛到与好的设置相同的损失。
#
# 确定性的方法在这里是稳定的。完整损失的最大曲率约为 2.1，而 $0.2 \cdot 2.1 = 0.42$ 远在
# [二次函数上的动量法](../../theory/quadratic/)推导出的界 $\eta\lambda < 2(1+\gamma) = 3.8$ 之内。
# 毁掉小批量训练的是梯度噪声。动量法把大约 $1/(1-\gamma) = 10$ 步的噪声累加起来，并乘以有效步长；
# 批量大十倍，噪声方差就只有十分之一。

# %% tags=["solution"]
import warnings

augmented = np.column_stack([features, np.ones(len(features))])
print(f"largest curvature of the full loss: {np.linalg.eigvalsh(augmented.T @ augmented / len(augmented)).max():.2f}")
for batch_size, epochs in [(10, 2), (100, 2), (1500, 40)]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run = train_linear_regression(
            momentum_docs.sgd_momentum, momentum_docs.init_momentum_states(5), {"lr": 0.2, "momentum": 0.9},
            features, labels, batch_size=batch_size, num_epochs=epochs,
        )
    warned = [str(w.message) for w in caught if w.category is momentum_docs.DivergenceWarning]
    print(f"batch {batch_size:>4}: final loss {run.loss[-1]:.4f}, largest {run.loss.max():.2f}",
          f"(warning: {warned[0]})" if warned else "")
