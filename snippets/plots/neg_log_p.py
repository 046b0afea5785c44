# The loss of one sample is -log p, where p is the softmax probability of the true class.
import math

import torch
import torch.nn.functional as F
from matplotlib.figure import Figure

# The words of the figure in each language of the site: hooks/plots.py draws it once per language.
LABELS = {
    "en": {
        "point": "the seed example: p = {p:.4f}",
        "loss_at": "loss = {loss:.4f}",
        "x": "p, the probability the model gives the true class",
        "y": "loss",
    },
    "zh": {
        "point": "原文的例子：p = {p:.4f}",
        "loss_at": "损失 = {loss:.4f}",
        "x": "p：模型赋予真实类别的概率",
        "y": "损失",
    },
}


def make_figure(lang: str = "en") -> Figure:
    words = LABELS[lang]
    torch.manual_seed(0)
    logits = torch.randn(1, 5)  # the seed post's example: 1 sample, 5 classes
    target = torch.empty(1, dtype=torch.long).random_(5)
    p_true = logits.softmax(dim=1)[0, target].item()  # p of the true class
    loss = F.cross_entropy(logits, target).item()
    assert math.isclose(-math.log(p_true), loss, rel_tol=1e-5)  # the curve passes through the point

    p = torch.linspace(0.005, 1, 400)
    fig = Figure(figsize=(6.4, 3.6), layout="constrained")
    ax = fig.subplots()
    ax.plot(p.numpy(), (-p.log()).numpy(), label=r"$-\log p$")
    ax.plot([p_true], [loss], "o", color="C1", label=words["point"].format(p=p_true))
    ax.annotate(
        words["loss_at"].format(loss=loss),
        (p_true, loss),
        xytext=(0.25, 3.5),
        arrowprops={"arrowstyle": "->", "color": "C1"},
    )
    ax.set(xlabel=words["x"], ylabel=words["y"])
    ax.set(xlim=(0, 1), ylim=(0, 5.5))
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


if __name__ == "__main__":
    import sys

    make_figure().savefig(sys.argv[1] if len(sys.argv) > 1 else "neg_log_p.svg")
