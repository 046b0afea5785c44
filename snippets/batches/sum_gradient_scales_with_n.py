# The gradient of 'sum' is N times the gradient of 'mean': the choice rescales the learning rate.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 5, requires_grad=True)
target = torch.tensor([1, 0, 4])

F.cross_entropy(logits, target, reduction="mean").backward()
grad_mean = logits.grad.clone()
logits.grad = None
F.cross_entropy(logits, target, reduction="sum").backward()
grad_sum = logits.grad.clone()
print(grad_mean[0])
print(grad_sum[0])

torch.testing.assert_close(grad_sum, 3 * grad_mean)
