import torch
import torch.nn.functional as F

logits = torch.tensor([[1.0, 2.0, 0.5], [0.3, -0.2, 1.1]], requires_grad=True)
target = torch.tensor([-100, -100])  # e.g. a batch of padding tokens only

loss = F.cross_entropy(logits, target)  # mean over zero positions: 0 / 0
loss.backward()
print(loss.detach())
#> tensor(nan)
print(logits.grad)
#> tensor([[0., 0., 0.],
#>         [0., 0., 0.]])
assert torch.isnan(loss)
assert torch.all(logits.grad == 0)  # the gradient is zero, not NaN
