import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = (3 * torch.randn(8, 10)).requires_grad_()
target = torch.randint(0, 10, (8,))

right = F.cross_entropy(logits, target)
wrong = F.cross_entropy(logits.softmax(dim=1), target)  # softmax, then softmax again inside
(grad_right,) = torch.autograd.grad(right, logits)
(grad_wrong,) = torch.autograd.grad(wrong, logits)
print(f"loss       from logits: {right:.4f}   from probabilities: {wrong:.4f}")
#> loss       from logits: 4.3486   from probabilities: 2.2969
print(f"grad norm  from logits: {grad_right.norm():.4f}   from probabilities: {grad_wrong.norm():.4f}")
#> grad norm  from logits: 0.4034   from probabilities: 0.0235
assert grad_wrong.norm() < grad_right.norm() / 10

# log_softmax first is harmless: log_softmax(log_softmax(x)) == log_softmax(x).
twice = F.cross_entropy(F.log_softmax(logits, dim=1), target)
torch.testing.assert_close(twice, right)
