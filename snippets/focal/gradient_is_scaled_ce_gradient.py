# The focal loss gradient is the cross-entropy gradient p - q times a per-sample factor.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3, requires_grad=True)
target = torch.tensor([0, 2, 1, 2])
gamma = 2.0

log_p_y = F.log_softmax(logits, dim=1)[torch.arange(4), target]
p_y = log_p_y.exp()
focal = -((1 - p_y) ** gamma) * log_p_y  # per sample
(autograd,) = torch.autograd.grad(focal.sum(), logits)

probs = logits.softmax(dim=1).detach()
target_probs = F.one_hot(target, 3).float()
p, log_p = p_y.detach(), log_p_y.detach()
factor = (1 - p) ** gamma - gamma * p * (1 - p) ** (gamma - 1) * log_p
by_hand = factor[:, None] * (probs - target_probs)
print("p_y:   ", p)
#> p_y:    tensor([0.8446, 0.1051, 0.5382, 0.4961])
print("factor:", factor)
#> factor: tensor([0.0685, 1.2246, 0.5213, 0.6045])
torch.testing.assert_close(by_hand, autograd)
