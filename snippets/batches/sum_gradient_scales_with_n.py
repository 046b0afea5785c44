# The gradient of 'sum' is N times the gradient of 'mean'.
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
#> tensor([ 0.2039, -0.3008,  0.0049,  0.0771,  0.0148])
print(grad_sum[0])
#> tensor([ 0.6118, -0.9023,  0.0148,  0.2313,  0.0443])

torch.testing.assert_close(grad_sum, 3 * grad_mean)
# and 'sum' gives each row exactly softmax minus the one-hot target
torch.testing.assert_close(grad_sum, logits.softmax(dim=1) - F.one_hot(target, 5))
