// The widgets' text in Chinese: English text (the key, as the widget code writes it) -> Chinese,
// with {0}, {1} ... for what the widget fills in. The same shape as the [zh] table of
// momentum_docs/figures/labels.toml, so that the build can write this file from the package.
// Terms follow the glossary, momentum_docs/glossary.toml (tests/test_widgets.py checks it).
// A string the widgets draw without an entry here throws on a Chinese page.
(window.MomentumWidgets = window.MomentumWidgets || {}).labels = {
  zh: {
    // EMA
    "Move γ: the bars are the weights γ^τ of the values τ steps back, relative to the newest; the shaded bars are the last n = 1/(1 − γ) values.":
      "拖动 γ：每根柱子是往前数 τ 步的值的权重 γ^τ（相对于最新的值）；深色柱子是最近 n = 1/(1 − γ) 个值。",
    "EMA weight γ": "权重 γ",
    "weights of the last values": "最近各个值的权重",
    "steps back τ": "往前数的步数 τ",
    "window n = 1/(1 − γ) = ": "窗口 n = 1/(1 − γ) = ",
    ", rounded to {0} values": "，取整为 {0} 个值",
    "weight of the last n: ": "最近 n 个值的权重：",
    ", 2n: ": "，2n：",
    ", 3n: ": "，3n：",
    // ball
    "Gradient descent (orange) and momentum (blue) from θ = −3 with η = 0.2. Below the curve, the next movement of the momentum ball: λ times its last movement (dashed) plus the gradient step −ηg (thin) gives the new movement (thick).":
      "梯度下降（橙色）与动量法（蓝色），都从 θ = −3 出发，η = 0.2。曲线下方是动量法小球的下一次移动：λ 乘以上一次的移动量（虚线）加上梯度步 −ηg（细线），得到新的移动量（粗线）。",
    "momentum λ": "动量超参数 λ",
    "play": "播放",
    "pause": "暂停",
    "step": "单步",
    "reset": "重置",
    "the landscape with both balls": "损失曲线与两个小球",
    "loss L(θ)": "损失 L(θ)",
    "saddle": "鞍点",
    "shallow minimum": "较浅的极小值",
    "hill": "小丘",
    "deep minimum": "较深的极小值",
    "step t = {0}": "第 t = {0} 步",
    "gradient descent": "梯度下降",
    "momentum": "动量法",
    "next movement": "下一次移动量",
    // phase map
    "The rate ρ of momentum over ηλ (learning rate times curvature) and γ: darker is faster, grey diverges. Point at the map, tap it or move the sliders: beside it runs momentum on f = x²/2 from x = 1 at that point, with the envelope ±ρ^t dotted.":
      "动量法的收敛率 ρ 随 ηλ（学习率乘以曲率）与 γ 的变化：颜色越深收敛越快，灰色为发散。指向或点按图中一点，或拖动滑块：旁边是该点的动量法在 f = x²/2 上从 x = 1 出发的运行，点线是包络 ±ρ^t。",
    "momentum γ": "动量超参数 γ",
    "show where Nesterov momentum converges": "显示 Nesterov 动量收敛的区域",
    "the rate over the plane of ηλ and γ": "ηλ 与 γ 平面上的收敛率",
    "the run at the chosen point": "所选点的运行",
    "step t": "步数 t",
    "Nesterov momentum": "Nesterov 动量",
    "monotone": "单调",
    "ripples": "波纹",
    "oscillating": "振荡",
    "divergent": "发散",
    // playground
    "Drag the start point or click the contour plot; each dot is one step. Momentum is blue (green with Nesterov), gradient descent with the same η orange.":
      "拖动起点或点击等高线图；每个点是一步。动量法为蓝色（Nesterov 动量为绿色），相同 η 的梯度下降为橙色。",
    "learning rate η": "学习率 η",
    "curvature λ₁": "曲率 λ₁",
    "curvature λ₂": "曲率 λ₂",
    "steps": "步数",
    "settings from the pages": "正文中讨论过的设置",
    "Polyak's optimum": "Polyak 最优参数",
    "contours of f with both runs": "f 的等高线与两次运行",
    "the two directions on the (ηλ, γ) map": "两个方向在 (ηλ, γ) 图上的位置",
    "the loss f over the steps, log scale": "损失 f 随步数的变化（对数坐标）",
    "the same runs in Python": "用 Python 得到同样的运行",
    "draggable point": "可拖动的点",
    "start point x₁ = {0}, x₂ = {1}; arrow keys move it": "起点 x₁ = {0}，x₂ = {1}；方向键可移动它",
    "after {0} steps": "{0} 步之后",
  },
};
