import torch
import torch.nn.functional as F

logits = torch.tensor([[0.2, 1.5, -0.3]], requires_grad=True)  # a batch of ONE sample
target = torch.tensor([0])
weight = torch.tensor([10.0, 1.0, 1.0])  # class 0 counts ten times as much... or does it?

plain = F.cross_entropy(logits, target)
weighted = F.cross_entropy(logits, target, weight=weight)  # (10 * loss) / 10
print(plain.detach(), weighted.detach())
#> tensor(1.6631) tensor(1.6631)
torch.testing.assert_close(weighted, plain)
(grad_plain,) = torch.autograd.grad(plain, logits)
(grad_weighted,) = torch.autograd.grad(weighted, logits)
torch.testing.assert_close(grad_weighted, grad_plain)

# The same happens whenever every sample in the batch has the same class.
logits = torch.tensor([[0.2, 1.5, -0.3], [1.0, 0.0, 0.5], [-0.4, 0.3, 0.9]])
target = torch.tensor([0, 0, 0])
torch.testing.assert_close(F.cross_entropy(logits, target, weight=weight),
                           F.cross_entropy(logits, target))
