# ---
# jupyter:
#   description: >-
#     A notebook to download and edit: change the logits, target, class weights and label smoothing
#     of F.cross_entropy and see the loss, each class's term and the gradient, checked against torch.
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
# # Playground: change the inputs, watch the loss
#
# This notebook computes `F.cross_entropy` for one sample by hand, term by term, and draws what it
# computed. Download it with the button at the top of the page, change the **inputs** cell
# (the logits, the target, the class weights and the label smoothing $\varepsilon$), and run all
# cells again: the loss, the per-class terms and the gradient follow, and a cell checks every
# number against PyTorch, so an edit that breaks the formula stops with an error.
#
# For one sample with logits $x$, target class $y$, class weights $w$ and label smoothing
# $\varepsilon$ over $C$ classes (the site's [notation](../../notation/)), PyTorch computes
#
# $$
# \ell = \frac{1}{w_y} \sum_{c=0}^{C-1} w_c \, \tilde q_c \, (-\log p_c),
# \qquad p_c = \frac{e^{x_c}}{\sum_k e^{x_k}},
# \qquad \tilde q_c = (1-\varepsilon)\,q_c + \frac{\varepsilon}{C},
# $$
#
# where $p$ is the model's distribution, $q$ the one-hot target ($q_c = 1$ for $c = y$, else 0)
# and $\tilde q$ the smoothed target.
#
# The factor $\frac{1}{w_y}$ is `reduction="mean"` dividing by the sum of the target weights,
# here a single $w_y$. Without weights and smoothing only the term $c = y$ is left:
# $\ell = -\log p_y$.

# %%
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F

# %config InlineBackend.figure_formats = ["svg"]

# %% [markdown]
# ## The inputs
#
# The default logits are the example of the seed post, "pytorch中交叉熵损失(nn.CrossEntropyLoss())的计算过程详解"
# by yipeiwu_com (`torch.manual_seed(0)`, then `torch.randn(1, 5)`),
# and the target is drawn the same way. Replace any of them: the logits with your own numbers, the
# target with another class, `weight` with `None` or a tensor of $C$ positive numbers, `eps` with a
# value in $[0, 1]$.

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
# ## The loss, term by term
#
# Each row is one class $c$: its probability $p_c$, its smoothed target $\tilde q_c$, and its term
# $w_c\, \tilde q_c\, (-\log p_c) / w_y$. The loss is the sum of the last column.

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
# ## The gradient
#
# Differentiating $\ell$ with respect to each logit gives
#
# $$
# \frac{\partial \ell}{\partial x_c} = \frac{1}{w_y}\Big(p_c \sum_k w_k \tilde q_k - w_c \tilde q_c\Big),
# $$
#
# which is $p - \tilde q$ without weights, and the familiar $p - q$ (softmax minus one-hot) when
# also $\varepsilon = 0$.

# %%
manual_grad = (probs * (w * smoothed).sum() - w * smoothed) / w[y]
for c in range(num_classes):
    print(f"d loss / d x_{c} = {manual_grad[c]:+.4f}")

# %% [markdown]
# ## Check every number against PyTorch
#
# If this cell raises, the hand computation above no longer matches `F.cross_entropy` for your
# inputs: that is a bug in the formula, not in PyTorch.

# %%
x = logits.clone().requires_grad_(True)
expected = F.cross_entropy(x, target, weight=weight, label_smoothing=eps)
expected.backward()
torch.testing.assert_close(manual, expected.detach())
torch.testing.assert_close(manual_grad, x.grad[0])
print(f"manual {manual:.4f} == F.cross_entropy {expected:.4f}; gradients agree")

# %% [markdown]
# ## Pictures of the same numbers
#
# Left: the model's distribution $p$ against the smoothed target $\tilde q$; the loss is small when
# $p$ puts its mass where $\tilde q$ does. Middle: each class's term of the loss. Right: the
# gradient. Gradient descent moves each logit against its bar: a negative bar raises the logit, a
# positive one lowers it. By the formula above, a bar is negative exactly when
# $p_c \sum_k w_k \tilde q_k < w_c \tilde q_c$; without weights, when $p_c < \tilde q_c$. Without
# smoothing that is the target's bar alone, so the target's logit goes up and every other one down.
# With $\varepsilon > 0$ and no weights, a class whose $p_c$ is below $\varepsilon / C$ is raised
# too, and a target whose $p_y$ exceeds $1 - \varepsilon + \varepsilon / C$ is lowered; weights
# move these thresholds. Add `logits[0, target] = 10.0` to the inputs cell to see both.

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
# ## Move one logit
#
# Sweep the target's logit $x_y$ and keep the others. Without smoothing the loss falls
# monotonically, towards 0 as $x_y$ grows. With $\varepsilon > 0$ the curve is U-shaped: it is
# lowest at a finite $x_y$ and then rises again, roughly linearly, because the smoothed target
# asks for $\varepsilon / C$ on every class and a very large $x_y$ starves the others (the
# [label smoothing](../../options/label-smoothing/#minimum-is-entropy) page derives where the
# minimum lies). The cell prints, for each curve, where it is lowest and its value at the right end.

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
