# Which dimension is which: (N, T, C) from the model, (N, C, T) for F.cross_entropy, one sample shown.
import torch
import torch.nn.functional as F
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

# The words of the figure in each language of the site: hooks/plots.py draws it once per language.
LABELS = {
    "en": {
        "left": "model output logits[n]: (T, C)\nrow t = the C logits of position t",
        "right": "logits.transpose(1, 2)[n]: (C, T)\ncolumn t = position t, classes on dim 1",
        "class": "dim 2: class c",
        "position": "dim 1: position t",
        "position_2": "dim 2: position t",
        "class_1": "dim 1: class c",
        "title": "target[n] (orange boxes) has shape (T,): one class index per position",
    },
    "zh": {
        "left": "模型输出 logits[n]：(T, C)\n行 t = 位置 t 的 C 个 logits",
        "right": "logits.transpose(1, 2)[n]：(C, T)\n列 t = 位置 t，类别在第 1 维",
        "class": "第 2 维：类别 c",
        "position": "第 1 维：位置 t",
        "position_2": "第 2 维：位置 t",
        "class_1": "第 1 维：类别 c",
        "title": "target[n]（橙色方框）的形状为 (T,)：每个位置一个类别索引",
    },
}


def make_figure(lang: str = "en") -> Figure:
    words = LABELS[lang]
    torch.manual_seed(0)
    N, T, C = 2, 4, 5
    logits = torch.randn(N, T, C)  # what the model returns
    target = torch.randint(0, C, (N, T))
    model_view = logits[0]  # (T, C): one row per position
    loss_view = logits.transpose(1, 2)[0]  # (C, T): one column per position, classes down dim 1
    assert torch.equal(loss_view, model_view.T)
    F.cross_entropy(logits.transpose(1, 2), target)  # the shapes the right panel shows are accepted

    fig = Figure(figsize=(7.2, 3.6), layout="constrained")
    left, right = fig.subplots(1, 2, width_ratios=[C, T])
    for ax, values, title in (
        (left, model_view, words["left"]),
        (right, loss_view, words["right"]),
    ):
        ax.imshow(values.numpy(), cmap="Greys", vmin=-3, vmax=3)
        ax.set_title(title, fontsize=9)
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = values[i, j].item()
                ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=7,
                        color="white" if v > 1 else "black")
    left.set(xlabel=words["class"], ylabel=words["position"],
             xticks=range(C), yticks=range(T))
    right.set(xlabel=words["position_2"], ylabel=words["class_1"],
              xticks=range(T), yticks=range(C))
    for t in range(T):  # outline the target class of each position
        c = target[0, t].item()
        left.add_patch(Rectangle((c - 0.5, t - 0.5), 1, 1, fill=False, ec="C1", lw=2))
        right.add_patch(Rectangle((t - 0.5, c - 0.5), 1, 1, fill=False, ec="C1", lw=2))
    fig.suptitle(words["title"], fontsize=9)
    return fig


if __name__ == "__main__":
    import sys

    make_figure().savefig(sys.argv[1] if len(sys.argv) > 1 else "sequence_dims.svg")
