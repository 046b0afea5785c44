import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = (50 * torch.randn(1000, 10)).requires_grad_()  # large, spread-out logits
target = torch.randint(0, 10, (1000,))

F.cross_entropy(logits, target, reduction="sum").backward()
grad = logits.grad  # row n is p_n - onehot(y_n)

print("smallest component:", grad.min())
print("largest component: ", grad.max())
row_sums = grad.sum(dim=1)
print("largest |row sum|: ", f"{row_sums.abs().max().item():.0e}")
assert grad.min() >= -1 and grad.max() <= 1
torch.testing.assert_close(row_sums, torch.zeros(1000))
