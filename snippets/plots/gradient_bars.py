# The gradient of the loss with respect to the logits is softmax(logits) - one_hot(target).
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure

# The words of the figure in each language of the site: hooks/plots.py draws it once per language.
LABELS = {
    "en": {"gradient": "gradient = p - one_hot", "x": "class", "y": "value"},
    "zh": {"gradient": "梯度 = p - one_hot", "x": "类别", "y": "值"},
}


def make_figure(lang: str = "en") -> Figure:
    words = LABELS[lang]
    torch.manual_seed(0)
    logits = torch.randn(1, 5, requires_grad=True)  # the seed post's example
    target = torch.empty(1, dtype=torch.long).random_(5)
    F.cross_entropy(logits, target).backward()

    probs = logits.detach().softmax(dim=1)[0]
    one_hot = F.one_hot(target, num_classes=5)[0].float()
    manual = probs - one_hot
    torch.testing.assert_close(logits.grad[0], manual)  # autograd agrees with the formula

    classes = range(5)
    fig = Figure(figsize=(6.4, 3.6), layout="constrained")
    ax = fig.subplots()
    width = 0.27
    ax.bar([c - width for c in classes], probs.numpy(), width, label="softmax p")
    ax.bar(classes, one_hot.numpy(), width, label=f"one_hot(target = {target.item()})")
    ax.bar([c + width for c in classes], manual.numpy(), width, label=words["gradient"])
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set(xticks=list(classes), xlabel=words["x"], ylabel=words["y"])
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="lower right")
    return fig


if __name__ == "__main__":
    import sys

    make_figure().savefig(sys.argv[1] if len(sys.argv) > 1 else "gradient_bars.svg")
