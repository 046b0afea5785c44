# The smoothed target built by hand, as a probability target: the sum / M.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
C, eps = 3, 0.2
logits = torch.randn(4, C)
target = torch.tensor([0, 2, 1, 1])
weight = torch.tensor([1.0, 3.0, 0.5])

smoothed = (1 - eps) * F.one_hot(target, C) + eps / C
per_sample = -(weight * smoothed * logits.log_softmax(dim=1)).sum(dim=1)
manual = per_sample.sum() / len(target)

loss = F.cross_entropy(logits, smoothed, weight=weight)
print(f"divisor {len(target)}   manual {manual:.4f}   torch {loss:.4f}")
#> divisor 4   manual 1.9425   torch 1.9425
torch.testing.assert_close(manual, loss)
