# weight * k: the probability-target mean grows k times, the index-target mean stays.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3)
target = torch.tensor([0, 2, 1, 1])
one_hot = F.one_hot(target, 3).float()
weight = torch.tensor([1.0, 2.0, 0.5])
k = 5.0

prob_1 = F.cross_entropy(logits, one_hot, weight=weight)
prob_k = F.cross_entropy(logits, one_hot, weight=k * weight)
index_1 = F.cross_entropy(logits, target, weight=weight)
index_k = F.cross_entropy(logits, target, weight=k * weight)
print(f"prob. target:  {prob_1:.4f} -> {prob_k:.4f}, ratio {prob_k/prob_1:.2f}")
#> prob. target:  1.3735 -> 6.8677, ratio 5.00
print(f"index target:  {index_1:.4f} -> {index_k:.4f}, ratio {index_k/index_1:.2f}")
#> index target:  0.9989 -> 0.9989, ratio 1.00

torch.testing.assert_close(prob_k, k * prob_1)
torch.testing.assert_close(index_k, index_1)
