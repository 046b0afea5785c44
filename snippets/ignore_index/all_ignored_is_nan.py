# When every target is ignore_index, 'mean' is 0 / 0 = nan, and the gradient is all zeros.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 4, requires_grad=True)
target = torch.full((3,), -100)

total = F.cross_entropy(logits, target, reduction="sum")
kept = (target != -100).sum()
print(f"sum of kept losses: {total.item()}, kept positions: {kept.item()}")
print(total / kept)

loss = F.cross_entropy(logits, target)  # reduction="mean"
print(loss)

loss.backward()
print(logits.grad)

assert torch.isnan(loss)
assert torch.equal(logits.grad, torch.zeros_like(logits))
