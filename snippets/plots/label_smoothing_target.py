# Label smoothing: the target becomes (1 - eps) * one_hot + eps / C; the loss can't go below H(q).
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure


def smoothed_target(target: int, num_classes: int, eps: float) -> torch.Tensor:
    one_hot = F.one_hot(torch.tensor(target), num_classes).double()
    return (1 - eps) * one_hot + eps / num_classes


def loss_floor(num_classes: int, eps: float) -> float:
    """The smallest loss any logits reach: H(q), reached at logits = log q."""
    q = smoothed_target(0, num_classes, eps)
    best = F.cross_entropy(q.log(), torch.tensor(0), label_smoothing=eps)
    torch.testing.assert_close(best, torch.special.entr(q).sum())  # = the entropy of q
    return best.item()


# The words of the figure in each language of the site: hooks/plots.py draws it once per language.
LABELS = {
    "en": {
        "q_title": "target distribution q (C = 5, target 1)",
        "class": "class",
        "floor_title": "the lowest loss reachable: H(q)",
        "floor": "loss floor",
    },
    "zh": {
        "q_title": "目标分布 q（C = 5，目标类别 1）",
        "class": "类别",
        "floor_title": "损失能达到的最小值：H(q)",
        "floor": "损失下限",
    },
}


def make_figure(lang: str = "en") -> Figure:
    words = LABELS[lang]
    fig = Figure(figsize=(8, 3.6), layout="constrained")
    ax_q, ax_floor = fig.subplots(1, 2)

    width = 0.27
    for i, eps in enumerate([0.0, 0.1, 0.3]):
        q = smoothed_target(1, 5, eps)  # target class 1 of 5, as in the seed example
        ax_q.bar([c + (i - 1) * width for c in range(5)], q.numpy(), width, label=f"eps = {eps:g}")
    ax_q.set(title=words["q_title"], xlabel=words["class"], ylabel="q")
    ax_q.legend()

    eps_grid = [i / 100 for i in range(101)]
    for num_classes in [2, 5, 10, 100]:
        floor = [loss_floor(num_classes, eps) for eps in eps_grid]
        ax_floor.plot(eps_grid, floor, label=f"C = {num_classes}")
    ax_floor.set(title=words["floor_title"], xlabel="label_smoothing eps")
    ax_floor.set(ylabel=words["floor"])
    ax_floor.legend()
    for ax in (ax_q, ax_floor):
        ax.grid(alpha=0.3)
    return fig


if __name__ == "__main__":
    import sys

    make_figure().savefig(sys.argv[1] if len(sys.argv) > 1 else "label_smoothing_target.svg")
