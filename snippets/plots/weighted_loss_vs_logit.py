# A class weight scales one sample's loss under 'sum' but cancels under 'mean' (a batch of 1).
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure

# The words of the figure in each language of the site: hooks/plots.py draws it once per language.
LABELS = {
    "en": {
        "sum": "'sum': scaled by the weight",
        "mean": "'mean' of a batch of 1: weight cancels",
        "loss": "loss",
        "x": "logit of the true class ({target})",
    },
    "zh": {
        "sum": "'sum'：损失按权重缩放",
        "mean": "批量大小为 1 时的 'mean'：权重相互抵消",
        "loss": "损失",
        "x": "真实类别（{target}）的 logit",
    },
}


def make_figure(lang: str = "en") -> Figure:
    words = LABELS[lang]
    torch.manual_seed(0)
    logits = torch.randn(1, 5)  # the seed post's example
    target = torch.empty(1, dtype=torch.long).random_(5)
    true_logit = torch.linspace(-4, 6, 201)  # sweep the true class's logit, keep the others
    swept = logits.repeat(len(true_logit), 1)
    swept[:, target] = true_logit.unsqueeze(1)
    targets = target.expand(len(true_logit))

    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax_sum, ax_mean = fig.subplots(1, 2, sharey=True)
    plain = F.cross_entropy(swept, targets, reduction="none")
    for w, style in [(0.5, "-"), (1.0, "--"), (2.0, "-."), (4.0, ":")]:
        weight = torch.ones(5)
        weight[target] = w
        # each row is a batch of one sample, so 'none' gives each batch's 'sum'
        summed = F.cross_entropy(swept, targets, weight=weight, reduction="none")
        mean = torch.stack(
            [F.cross_entropy(row[None], target, weight=weight) for row in swept]
        )  # each point a batch of one sample
        torch.testing.assert_close(summed, w * plain)  # 'sum': scaled by w
        torch.testing.assert_close(mean, plain)  # 'mean': divided by w again
        ax_sum.plot(true_logit.numpy(), summed.numpy(), label=f"weight[target] = {w:g}")
        ax_mean.plot(true_logit.numpy(), mean.numpy(), linestyle=style)  # the 4 curves coincide
    ax_sum.set(title=words["sum"], ylabel=words["loss"])
    ax_mean.set(title=words["mean"])
    for ax in (ax_sum, ax_mean):
        ax.set(xlabel=words["x"].format(target=target.item()))
        ax.grid(alpha=0.3)
    ax_sum.legend()
    return fig


if __name__ == "__main__":
    import sys

    make_figure().savefig(sys.argv[1] if len(sys.argv) > 1 else "weighted_loss_vs_logit.svg")
