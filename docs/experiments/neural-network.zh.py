# %% [markdown]
# # 一个小型神经网络 {#a-small-neural-network}
#
# **本节要点**
#
# - 多层感知机（multilayer perceptron）如何计算损失，如何把链式法则逐层写出来计算梯度，以及如何用有限差分检验这个梯度；
# - 梯度下降（gradient descent）、动量法（momentum）和 Nesterov 动量如何在平面上的一个二分类问题上训练它，而这里的损失函数并不是二次函数；
# - 动量法达到一个好模型的速度要快好几倍，而训练时间超过这个点以后，网络开始拟合训练样本中的噪声：训练损失更低，并不意味着分类器更好。
#
# **本页符号**
#
# | 符号 | 含义 | 代码中的名称 |
# |---|---|---|
# | $\mathbf{x}_i \in \mathbb{R}^2$, $y_i \in \{0, 1\}$ | 一个样本点及其类别 | `X[i]`, `y[i]` |
# | $\mathbf{h}_l = \tanh(\mathbf{h}_{l-1}\mathbf{W}_l + \mathbf{b}_l)$ | 第 $l$ 个隐藏层，$\mathbf{h}_0 = \mathbf{x}$ | `MLP((2, 16, 16, 2))` |
# | $\mathbf{z}$, $p(y \mid \mathbf{x}) = \mathrm{softmax}(\mathbf{z})_y$ | 得分（logit）和各类别的概率 | `logits`, `predict_proba` |
# | $L(\boldsymbol\theta) = -\frac1n\sum_i \log p(y_i \mid \mathbf{x}_i)$ | 平均交叉熵 | `CrossEntropy(net, X, y)` |
# | $\boldsymbol\theta$ | 把所有权重和偏置排成的一个向量 | `theta` |
# | $\eta$, $\gamma$ | 学习率和动量超参数 | `lr`, `momentum` |
#
# 本页是一个在构建网站时执行的 notebook；右上角的按钮可以把它下载为 `.ipynb` 文件。

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["retina"]
import numpy as np

from momentum_docs import (
    MLP,
    CrossEntropy,
    GradientDescent,
    Momentum,
    Nesterov,
    optimize,
    two_moons,
)
from momentum_docs.figures.neural_network import (
    fig_neural_network_boundaries,
    fig_neural_network_loss_curves,
)

# %% [markdown]
# ## 数据 {#the-data}
#
# 两个相互交错的半圆，每个 100 个点，带有标准差为 0.2 的高斯噪声，由代码用固定的随机种子生成。没有一条直线能把它们分开。另外从同一分布中抽取 1000 个点（用另一个随机种子）作为留出样本：网络从不在这些点上训练，它们用来衡量训练好的网络对新样本的分类效果。

# %%
X, y = two_moons(n=200, noise=0.2, seed=0)
X_test, y_test = two_moons(n=1000, noise=0.2, seed=1)
print("training points", X.shape, "per class", np.bincount(y))
print("held-out points", X_test.shape)

# %% [markdown]
# ## 网络及其梯度 {#the-network-and-its-gradient}
#
# 网络有两个隐藏层，每层 16 个 $\tanh$ 单元，还有两个输出，每个类别一个得分。`momentum_docs.MLP` 用链式法则从顶层开始逐层计算损失的梯度，这就是反向传播（backpropagation）：得分的梯度是 $(\mathrm{softmax}(\mathbf{z}) - \text{onehot}(y))/n$，每一层通过 $\mathbf{W}_l^\top$ 把梯度传给下一层，并在每个隐藏层乘以 $\tanh' = 1 - \tanh^2$。权重的初始值取自
# $\mathcal{N}(0, 1/\text{fan-in})$，偏置初始化为 0。
#
# 中心差分 $(L(\boldsymbol\theta + h\mathbf{e}_k) - L(\boldsymbol\theta - h\mathbf{e}_k))/2h$
# 近似一个偏导数，误差是 $h^2$ 量级。测试套件在许多随机网络上逐个坐标地做了比较；这里只看这个网络的几个坐标：

# %%
net = MLP((2, 16, 16, 2))
loss_fn = CrossEntropy(net, X, y)
theta0 = net.init(seed=0)
print(f"{net.n_params} parameters; "
      f"loss at the start {loss_fn(theta0):.4f}")
print(f"(a coin flip would have log 2 = {np.log(2):.4f})")

gradient = loss_fn.gradient(theta0)
h = 1e-6
rng = np.random.default_rng(0)
numeric = {}
print("coordinate    backward  difference")
for k in rng.choice(net.n_params, size=5, replace=False):
    e = np.zeros(net.n_params)
    e[k] = h
    difference = loss_fn(theta0 + e) - loss_fn(theta0 - e)
    numeric[k] = difference / (2 * h)
    print(f"{k:>10} {gradient[k]: .8f} {numeric[k]: .8f}")

# %% tags=["check"]
assert all(abs(gradient[k] - value) < 1e-7 for k, value in numeric.items())

# %% [markdown]
# ## 用三种优化器训练 {#training-with-three-optimizers}
#
# 每一步都使用全部 200 个点（全批量），所以下面的差别只来自优化器本身。三者都从同一个 $\boldsymbol\theta_0$ 出发，取
# $\eta = 0.1$；动量法和 [Nesterov 动量](../../theory/nesterov/)取 $\gamma = 0.9$。这些优化器就是包里的优化器，与其他各页用的是同样的对象：`optimize` 只需要损失函数及其梯度。

# %%
lr, momentum, steps = 0.1, 0.9, 1000
optimizers = {
    "gradient descent": GradientDescent(lr),
    "momentum": Momentum(lr, momentum),
    "Nesterov": Nesterov(lr, momentum),
}
runs = {name: optimize(optimizer, loss_fn, theta0, steps)
        for name, optimizer in optimizers.items()}
test_fn = CrossEntropy(net, X_test, y_test)
# the held-out loss every 10 steps
checkpoints = np.arange(0, steps + 1, 10)
test_losses = {
    name: np.array([test_fn(run.x[t]) for t in checkpoints])
    for name, run in runs.items()
}

print("                steps to  after 1000 steps:")
print("                loss 0.2  train loss  test loss  accuracy")
reached = {}
for name, run in runs.items():
    reached[name] = int(np.argmax(run.loss < 0.2))
    accuracy = np.mean(net.predict(run.x[-1], X_test) == y_test)
    print(f"{name:>16} {reached[name]:>8} {run.loss[-1]:>11.4f} "
          f"{test_losses[name][-1]:>10.4f} {accuracy:>9.1%}")

# %% tags=["check"]
assert all(run.loss[reached[name]] < 0.2 for name, run in runs.items())
assert reached["gradient descent"] > 4 * max(reached["momentum"], reached["Nesterov"])

# %% [markdown]
# 第一列是训练损失降到 0.2 以下所需的步数：梯度下降需要的步数是动量法和 Nesterov 动量的好几倍，而后两者在这里表现相近。其余几列是 1000 步之后的结果。

# %% alt="两幅图，纵轴为对数坐标的交叉熵，横轴为步数（0 到 1000），梯度下降、动量法和 Nesterov 动量各一条曲线。左图是训练样本：梯度下降缓慢地降到约 0.13；动量法和 Nesterov 动量在大约 100 步内降到 0.15 以下并继续下降，降到 0.1 以下，Nesterov 动量的曲线在第 900 步附近有一个尖峰。右图是留出样本：动量法和 Nesterov 动量在大约 100 步内降到约 0.125，在第 220 和 240 步附近达到最低点，直到大约第 500 步都接近这个值，然后回升到约 0.25；梯度下降缓慢下降，最终最低，接近 0.13。" caption="网络的平均交叉熵随步数的变化，全批量，学习率 0.1，动量法和 Nesterov 动量的动量超参数为 0.9。左图：200 个训练样本上的损失，每步一个点；右图：1000 个留出样本上的损失，每 10 步一个点。越低越好；两幅图共用对数纵轴。在运行的后半段，动量法和 Nesterov 动量的留出损失又回升了：这些步拟合的是训练样本中的噪声。"
fig_neural_network_loss_curves(runs, test_losses=test_losses)

# %% [markdown]
# 这些曲线显示了一件在二次函数上永远不会发生的事：在运行快结束时，Nesterov 动量的训练损失突然跳高，然后在几十步内又回落下来。损失函数不是二次函数，它的曲率随着训练而变化，所以早先稳定的步长到后来可能会冲过头。下面的代码测量这次跳跃：

# %%
nesterov_loss = runs["Nesterov"].loss
running_min = np.minimum.accumulate(nesterov_loss)
# the step where the loss stands highest above its lowest so far
t = int(np.argmax(nesterov_loss / running_min))
print(f"Nesterov at step {t}: loss {nesterov_loss[t]:.4f}, "
      f"lowest before {running_min[t]:.4f}")
print(f"at step {t + 40}: {nesterov_loss[t + 40]:.4f}")

# %% tags=["check"]
assert 800 < t < 960 and nesterov_loss[t] > 1.4 * running_min[t]
assert nesterov_loss[t + 40] < 1.15 * running_min[t]

# %% [markdown]
# ## 决策边界 {#decision-boundaries}
#
# 底色表示网络给出的红色类别的概率，黑线是这个概率等于二分之一的地方。100 步之后，梯度下降的边界还没有弯曲，而动量法和
# Nesterov 动量的边界已经顺着两个半月形弯曲了。1000 步之后，三者都把两个半月形分开了。动量法和 Nesterov 动量走得远得多，它们的边界已经绕着个别的噪声点弯了过去。

# %% alt="六幅图，排成两行三列：梯度下降、动量法和 Nesterov 动量在 100 步之后（上排）和 1000 步之后（下排）。每幅图画出两个相互交错的半月形的 200 个训练样本，蓝色和红色，底色从蓝色过渡到红色，并画出一条黑色的边界线。100 步之后，梯度下降的边界几乎还是一条直线，而动量法和 Nesterov 动量的边界已经沿着两个半月形之间的空隙走了。1000 步之后，梯度下降的边界平滑地沿着两个半月形走；动量法和 Nesterov 动量的边界则绕着个别样本点急剧弯折，伸出又长又窄的舌状区域。" caption="网络在 100 步之后（上排）和 1000 步之后（下排）的决策边界，每种方法一列。底色：预测为红色类别的概率，从蓝色（0）到红色（1）；黑线：概率为二分之一的地方，即决策边界；圆点：200 个训练样本，按类别着色。每幅图的标题给出训练损失和训练样本上的准确率。"
fig_neural_network_boundaries(loss_fn, runs, steps=(100, 1000))

# %% [markdown]
# ## 更快并不等于更好 {#faster-is-not-the-same-as-better}
#
# 在损失曲线图的左图中，动量法和 Nesterov 动量下降得最快。右图是留出样本上的损失，一开始也随之下降：动量法和 Nesterov
# 动量在几百步之内就达到了各自最低的留出损失，远早于梯度下降。之后它又回升了。后面那些步拟合的是这 200 个点的噪声，而这些噪声不会延续到新的样本上，这就是过拟合（overfitting）。所以，动量法让优化变快了；至于何时停止训练，是另一个问题，要由留出样本来回答。

# %%
for name in ("momentum", "Nesterov"):
    losses = test_losses[name]
    best = checkpoints[np.argmin(losses)]
    print(f"{name}: held-out loss {losses.min():.4f} "
          f"at step {best} (lowest),")
    print(f"  {losses[-1]:.4f} at step {steps}")

# %% tags=["check"]
for name in ("momentum", "Nesterov"):
    losses = test_losses[name]
    assert checkpoints[np.argmin(losses)] < steps / 2 and losses[-1] > losses.min() * 1.2

# %% [markdown]
# ## 小结 {#summary}
#
# - `momentum_docs.MLP` 用链式法则精确地计算梯度，结果与中心有限差分一致。
# - 在二次函数上运行的优化器对象，同样可以训练这个网络。在全批量、$\eta = 0.1$ 的条件下，动量法和 Nesterov 动量（$\gamma = 0.9$）达到训练损失 0.2 所需的步数比梯度下降少好几倍；在这个问题上，Nesterov 动量的表现与重球法相似。
# - 训练更快并不等于泛化更好：训练时间一长，网络就会拟合训练样本中的噪声，留出损失又会回升。
#
# ## 练习 {#exercises}
#
# 1. 动量法只是一个更大的学习率吗？用有效步长 $\eta/(1-\gamma) = 1$ 作为学习率训练梯度下降，并与动量法比较。

# %% [markdown] tags=["solution"]
# 学习率 $\eta = 1$ 的梯度下降在开始时差不多一样快，因为当梯度变化缓慢时，动量法累积起来的步长正是这么大。但它们并不是同一个方法：1000 步之后，它的训练损失比动量法高，留出损失也始终达不到动量法那么低。

# %% tags=["solution"]
big_step = optimize(GradientDescent(1.0), loss_fn, theta0, steps)
test_big = min(test_fn(big_step.x[t]) for t in checkpoints)
test_momentum = test_losses["momentum"].min()
big_reached = int(np.argmax(big_step.loss < 0.2))
print("                  steps to   loss after   lowest")
print("                  loss 0.2   1000 steps   held-out loss")
print(f"GD, lr 1.0 {big_reached:>15} {big_step.loss[-1]:>12.4f} "
      f"{test_big:>12.4f}")
final_momentum = runs["momentum"].loss[-1]
print(f"momentum {reached['momentum']:>17} "
      f"{final_momentum:>12.4f} {test_momentum:>12.4f}")

# %% tags=["check"]
assert runs["momentum"].loss[-1] < big_step.loss[-1] and test_momentum < test_big

# %% [markdown]
# 2. 排名是否取决于起点？从另外三个初始化出发训练，分别统计训练损失降到 0.2 所需的步数（梯度下降、动量法、Nesterov 动量）。

# %% tags=["solution"]
print("steps to a training loss of 0.2")
print("seed  gradient descent  momentum  Nesterov")
counts = {}
for seed in (1, 2, 3):
    start = net.init(seed=seed)
    counts[seed] = {}
    for name, optimizer in optimizers.items():
        run = optimize(optimizer, loss_fn, start, 800)
        counts[seed][name] = int(np.argmax(run.loss < 0.2))
    gd, heavy, nag = counts[seed].values()
    print(f"{seed:>4} {gd:>17} {heavy:>9} {nag:>9}")

# %% tags=["check"]
for count in counts.values():
    assert count["gradient descent"] > 2 * max(count["momentum"], count["Nesterov"]) > 0

# %% [markdown] tags=["solution"]
# 具体步数随起点而变，先后顺序却不变：每一次都是梯度下降需要的步数最多。
