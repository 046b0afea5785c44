# ---
# jupyter:
#   translated_from: c58c36e740e6e30d
#   description: >-
#     一个可以下载和修改的笔记本：改变 F.cross_entropy 的 logits、目标、类别权重和标签平滑，
#     看损失、每个类别的项和梯度如何变化，并与 torch 核对。
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 交互式笔记本：改变输入，观察损失
#
# 这个笔记本对一个样本逐项手算 `F.cross_entropy`，并把算出的结果画出来。用页面顶部的按钮下载它，修改**输入**单元格（logits、目标、类别权重和标签平滑 $\varepsilon$），然后重新运行所有单元格：损失、每个类别的项和梯度都会随之变化；有一个单元格把每个数都与 PyTorch 核对，所以一旦修改破坏了公式，就会报错停下。
#
# 对于一个样本，设 logits 为 $x$，目标类别为 $y$，类别权重为 $w$，在 $C$ 个类别上的标签平滑系数为 $\varepsilon$（符号见本站的[记号](../../notation/)），PyTorch 计算
#
# $$
# \ell = \frac{1}{w_y} \sum_{c=0}^{C-1} w_c \, \tilde q_c \, (-\log p_c),
# \qquad p_c = \frac{e^{x_c}}{\sum_k e^{x_k}},
# \qquad \tilde q_c = (1-\varepsilon)\,q_c + \frac{\varepsilon}{C},
# $$
#
# 其中 $p$ 是模型的分布，$q$ 是独热目标（$c = y$ 时 $q_c = 1$，否则为 0），$\tilde q$ 是平滑后的目标。
#
# 因子 $\frac{1}{w_y}$ 来自 `reduction="mean"`：它除以目标权重之和，这里只有一个 $w_y$。没有权重和平滑时，只剩下 $c = y$ 这一项：$\ell = -\log p_y$。

# %%
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

# %config InlineBackend.figure_formats = ["svg"]

# %% [markdown]
# ## 输入
#
# 默认的 logits 是 yipeiwu_com 的原文《pytorch中交叉熵损失(nn.CrossEntropyLoss())的计算过程详解》中的例子（先 `torch.manual_seed(0)`，再 `torch.randn(1, 5)`），目标也用同样的方式抽取。其中任何一个都可以替换：logits 换成你自己的数，目标换成另一个类别，`weight` 换成 `None` 或 $C$ 个正数组成的张量，`eps` 换成 $[0, 1]$ 中的一个值。

# %%
torch.manual_seed(0)
logits = torch.randn(1, 5)  # 1 sample, C = 5 classes
target = torch.empty(1, dtype=torch.long).random_(5)  # the true class
weight = torch.tensor([1.0, 2.0, 1.0, 0.5, 1.0])  # or None: every class weighs 1
eps = 0.1  # label_smoothing

num_classes = logits.shape[1]
print("logits:", logits)
print("target:", target.item())

# %% [markdown]
# ## 逐项计算损失
#
# 每一行是一个类别 $c$：它的概率 $p_c$、平滑后的目标 $\tilde q_c$，以及它的项 $w_c\, \tilde q_c\, (-\log p_c) / w_y$。损失就是最后一列之和。

# %%
w = torch.ones(num_classes) if weight is None else weight
y = target.item()
probs = logits[0].softmax(dim=0)
smoothed = (1 - eps) * F.one_hot(target[0], num_classes).float() + eps / num_classes
terms = w * smoothed * -probs.log() / w[y]
manual = terms.sum()

print(" class        p   smooth     term")
for c in range(num_classes):
    mark = "  <- target" if c == y else ""
    print(f"{c:6d} {probs[c]:8.4f} {smoothed[c]:8.4f} {terms[c]:8.4f}{mark}")
print(f"  loss                   {manual:8.4f}")

# %% [markdown]
# ## 梯度
#
# 把 $\ell$ 对每个 logit 求导，得到
#
# $$
# \frac{\partial \ell}{\partial x_c} = \frac{1}{w_y}\Big(p_c \sum_k w_k \tilde q_k - w_c \tilde q_c\Big),
# $$
#
# 没有权重时它就是 $p - \tilde q$；若再有 $\varepsilon = 0$，就是熟悉的 $p - q$（softmax 减去独热向量）。

# %%
manual_grad = (probs * (w * smoothed).sum() - w * smoothed) / w[y]
for c in range(num_classes):
    print(f"d loss / d x_{c} = {manual_grad[c]:+.4f}")

# %% [markdown]
# ## 把每个数与 PyTorch 核对
#
# 如果这个单元格报错，说明对你的输入，上面的手算结果不再与 `F.cross_entropy` 一致：那是公式的错误，而不是 PyTorch 的。

# %%
x = logits.clone().requires_grad_(True)
expected = F.cross_entropy(x, target, weight=weight, label_smoothing=eps)
expected.backward()
torch.testing.assert_close(manual, expected.detach())
torch.testing.assert_close(manual_grad, x.grad[0])
print(f"manual {manual:.4f} == F.cross_entropy {expected:.4f}; gradients agree")

# %% [markdown]
# ## 同一组数，画成图
#
# 左图：模型的分布 $p$ 与平滑后的目标 $\tilde q$ 的对比；当 $p$ 把概率质量放在 $\tilde q$ 所放的地方时，损失就小。中图：损失中每个类别的项。右图：梯度。梯度下降让每个 logit 朝其柱子的反方向移动：柱子为负，logit 增大；柱子为正，logit 减小。由上面的公式，柱子为负当且仅当 $p_c \sum_k w_k \tilde q_k < w_c \tilde q_c$；没有权重时，即 $p_c < \tilde q_c$。没有平滑时，只有目标的柱子为负，所以目标的 logit 上升，其他所有 logit 下降。当 $\varepsilon > 0$ 且没有权重时，$p_c$ 低于 $\varepsilon / C$ 的类别也会被提升，而 $p_y$ 超过 $1 - \varepsilon + \varepsilon / C$ 的目标会被压低；权重会移动这些阈值。在输入单元格中加上 `logits[0, target] = 10.0` 就能同时看到这两种情况。

# %%
classes = range(num_classes)
fig, (ax_p, ax_terms, ax_grad) = plt.subplots(1, 3, figsize=(11, 3.4), layout="constrained")
ax_p.bar([c - 0.2 for c in classes], probs.numpy(), 0.4, label="p = softmax(logits)")
ax_p.bar([c + 0.2 for c in classes], smoothed.numpy(), 0.4, label="smoothed target")
ax_p.set(title="distributions", xlabel="class", xticks=list(classes))
ax_p.legend()
ax_terms.bar(classes, terms.numpy(), color="C2")
ax_terms.set(title=f"terms of the loss (sum = {manual:.4f})", xlabel="class", xticks=list(classes))
ax_grad.bar(classes, manual_grad.numpy(), color="C3")
ax_grad.axhline(0, color="black", linewidth=0.8)
ax_grad.set(title="gradient d loss / d logits", xlabel="class", xticks=list(classes))
for ax in (ax_p, ax_terms, ax_grad):
    ax.grid(axis="y", alpha=0.3)
plt.show()

# %% [markdown]
# ## 移动一个 logit
#
# 让目标的 logit $x_y$ 扫过一个范围，其他 logit 保持不变。没有平滑时，损失单调下降，随 $x_y$ 增大趋于 0。当 $\varepsilon > 0$ 时，曲线呈 U 形：它在某个有限的 $x_y$ 处最低，之后又大致线性地上升，因为平滑后的目标要求每个类别都有 $\varepsilon / C$，而过大的 $x_y$ 会把其他类别的概率挤掉（[标签平滑](../../options/label-smoothing/#minimum-is-entropy)一页推导了最小值的位置）。这个单元格对每条曲线打印出它的最低点，以及它在右端的值。

# %%
sweep = torch.linspace(-6, 10, 161)
fig, ax = plt.subplots(figsize=(6.4, 3.4), layout="constrained")
for smoothing in sorted({0.0, eps}):
    losses = []
    for value in sweep:
        moved = logits.clone()
        moved[0, y] = value
        loss = F.cross_entropy(moved, target, weight=weight, label_smoothing=smoothing)
        losses.append(loss.item())
    ax.plot(sweep.numpy(), losses, label=f"label_smoothing = {smoothing:g}")
    lowest = min(range(len(losses)), key=losses.__getitem__)
    print(f"label_smoothing = {smoothing:g}: lowest loss {losses[lowest]:.4f} at x_y = "
          f"{sweep[lowest]:.1f}; at x_y = {sweep[-1]:.1f} the loss is {losses[-1]:.4f}")
ax.axvline(logits[0, y].item(), color="gray", linestyle=":", label="the current logit")
ax.set(xlabel=f"logit of the target class ({y})", ylabel="loss")
ax.grid(alpha=0.3)
ax.legend()
plt.show()
