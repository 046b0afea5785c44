# Focal loss -(1 - p_y)**gamma * log p_y against p_y: a larger gamma flattens the easy end.
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure

# The words of the figure in each language of the site: hooks/plots.py draws it once per language.
LABELS = {
    "en": {
        "gamma_0": " (cross-entropy)",
        "x": "probability of the true class, $p_y$",
        "y": "loss",
        "title": "Focal loss $-(1-p_y)^\\gamma \\log p_y$",
    },
    "zh": {
        "gamma_0": "（交叉熵）",
        "x": "真实类别的概率",  # no $p_y$ here: mathtext has no Chinese glyphs; the title shows p_y
        "y": "损失",
        "title": "Focal Loss $-(1-p_y)^\\gamma \\log p_y$",
    },
}


def make_figure(lang: str = "en") -> Figure:
    words = LABELS[lang]
    p_y = torch.linspace(0.01, 0.999, 300, dtype=torch.float64)
    # two logits whose softmax gives class 1 exactly p_y: (0, log p_y - log(1 - p_y))
    logits = torch.stack([torch.zeros_like(p_y), p_y.log() - (-p_y).log1p()], dim=1)
    target = torch.ones(len(p_y), dtype=torch.long)
    cross_entropy = F.cross_entropy(logits, target, reduction="none")
    torch.testing.assert_close(cross_entropy, -p_y.log())  # gamma = 0 is cross-entropy

    fig = Figure(figsize=(7, 3.8), layout="constrained")
    ax = fig.subplots()
    for gamma, style in [(0, "-"), (0.5, "--"), (1, "-."), (2, "-"), (5, ":")]:
        focal = (1 - p_y) ** gamma * cross_entropy
        label = f"γ = {gamma}" + (words["gamma_0"] if gamma == 0 else "")
        ax.plot(p_y.numpy(), focal.numpy(), linestyle=style, label=label)
    ax.set(xlabel=words["x"], ylabel=words["y"], ylim=(0, 5))
    ax.set(title=words["title"])
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


if __name__ == "__main__":
    import sys

    make_figure().savefig(sys.argv[1] if len(sys.argv) > 1 else "focal_loss.svg")
