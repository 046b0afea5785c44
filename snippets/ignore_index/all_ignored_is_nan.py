# Every target ignored: 'mean' is 0 / 0 = nan, and the gradient is all zeros.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 4, requires_grad=True)
target = torch.full((3,), -100)

total = F.cross_entropy(logits, target, reduction="sum")
kept = (target != -100).sum()
print(f"sum of kept losses: {total.item()}, kept positions: {kept.item()}")
#> sum of kept losses: 0.0, kept positions: 0
print(total / kept)
#> tensor(nan, grad_fn=<DivBackward0>)

loss = F.cross_entropy(logits, target)  # reduction="mean"
print(loss)
#> tensor(nan, grad_fn=<NllLossBackward0>)

loss.backward()
print(logits.grad)
#> tensor([[0., 0., 0., 0.],
#>         [0., 0., 0., 0.],
#>         [0., 0., 0., 0.]])

print(torch.tensor([]).mean())  # the mean of nothing, in general
#> tensor(nan)

assert torch.isnan(loss)
assert torch.equal(logits.grad, torch.zeros_like(logits))
