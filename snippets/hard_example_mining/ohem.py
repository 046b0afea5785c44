# Online hard-example mining: keep the k largest per-position losses, then average over what was kept.
import torch
import torch.nn.functional as F


def ohem_cross_entropy(logits, target, k, weight=None, ignore_index=-100):
    """Cross-entropy over the k hardest kept positions, normalised like 'mean' over that subset."""
    per_position = F.cross_entropy(logits, target, weight=weight, ignore_index=ignore_index,
                                   reduction="none")  # w_y * loss at kept positions, 0 at ignored
    kept = target != ignore_index
    k = min(k, int(kept.sum()))  # never select an ignored position
    score = per_position.detach().masked_fill(~kept, float("-inf"))  # the ranking needs no gradient
    hardest = score.topk(k).indices
    selected_weight = weight[target[hardest]] if weight is not None else torch.ones(k)
    return per_position[hardest].sum() / selected_weight.sum()  # 'mean' over the subset


torch.manual_seed(0)
logits = torch.randn(8, 5, requires_grad=True)
target = torch.tensor([0, 3, -100, 1, -100, 4, 2, -100])
weight = torch.tensor([1.0, 1.0, 4.0, 1.0, 1.0])  # class 2 counts four times

unweighted = F.cross_entropy(logits, target, reduction="none")
weighted = F.cross_entropy(logits, target, weight=weight, reduction="none")
print("unweighted:", unweighted.detach())
#> unweighted: tensor([2.6082, 1.1841, 0.0000, 3.0006, 0.0000, 2.2629, 0.9835, 0.0000])
print("weighted:  ", weighted.detach())  # w_y times the unweighted loss
#> weighted:   tensor([2.6082, 1.1841, 0.0000, 3.0006, 0.0000, 2.2629, 3.9341, 0.0000])
torch.testing.assert_close(weighted, weight[target.clamp(min=0)] * unweighted)
print("hardest 3, unweighted:", unweighted.detach().topk(3).indices.tolist())
#> hardest 3, unweighted: [3, 0, 5]
print("hardest 3, weighted:  ", weighted.detach().topk(3).indices.tolist())
#> hardest 3, weighted:   [6, 3, 0]

loss = ohem_cross_entropy(logits, target, k=3, weight=weight)
hardest = weighted.detach().topk(3).indices
subset = F.cross_entropy(logits[hardest], target[hardest], weight=weight)  # the subset as a batch
print(f"OHEM loss {loss:.4f}, 'mean' over the 3 as a batch {subset:.4f}")
#> OHEM loss 1.5905, 'mean' over the 3 as a batch 1.5905
torch.testing.assert_close(loss, subset)

loss.backward()
print("rows with a gradient:", logits.grad.abs().sum(dim=1).nonzero().flatten().tolist())
#> rows with a gradient: [0, 3, 6]
print(f"k=100 keeps the 5 kept positions: {ohem_cross_entropy(logits, target, 100, weight):.4f}, "
      f"'mean' {F.cross_entropy(logits, target, weight=weight):.4f}")
#> k=100 keeps the 5 kept positions: 1.6237, 'mean' 1.6237
