# reduction='none' returns exactly 0 at ignored positions: they sort last, yet .mean() still counts them.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(8, 5)
target = torch.tensor([0, 3, -100, 1, -100, 4, 2, -100])  # 5 kept positions, 3 ignored
per_position = F.cross_entropy(logits, target, reduction="none")
print(per_position)
#> tensor([2.6082, 1.1841, 0.0000, 3.0006, 0.0000, 2.2629, 0.9835, 0.0000])

print("sorted, hardest first:", per_position.argsort(descending=True).tolist())
#> sorted, hardest first: [3, 0, 5, 1, 6, 2, 4, 7]
print(f"per_position.mean() {per_position.mean():.4f}, 'mean' {F.cross_entropy(logits, target):.4f}")
#> per_position.mean() 1.2549, 'mean' 2.0079
kept = target != -100
torch.testing.assert_close(per_position.sum() / kept.sum(), F.cross_entropy(logits, target))

# A top-k larger than the kept count picks ignored positions, and dividing by k counts them.
k = 6
hardest = per_position.topk(k).indices
print("top 6:", hardest.tolist(), "of which ignored:", (~kept[hardest]).sum().item())
#> top 6: [3, 0, 5, 1, 6, 7] of which ignored: 1

# A confident, correct kept position can have a loss of exactly 0 too, and tie with the ignored ones.
print(F.cross_entropy(torch.tensor([[30.0, 0.0]]), torch.tensor([0])))
#> tensor(0.)
