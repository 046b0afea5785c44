import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5, requires_grad=True)
target = torch.randn(4, 5).softmax(dim=1)  # a soft target: each row sums to 1

ce = F.cross_entropy(logits, target)
entropy = -(target * target.log()).sum(dim=1).mean()
# kl_div takes LOG-probabilities as input and probabilities as target.
kl = F.kl_div(F.log_softmax(logits, dim=1), target, reduction="batchmean")
print(f"cross-entropy H(q, p):    {ce:.4f}")
print(f"entropy H(q):             {entropy:.4f}")
print(f"H(q, p) - H(q):           {ce - entropy:.4f}")
print(f"kl_div(..., 'batchmean'): {kl:.4f}")
torch.testing.assert_close(kl, ce - entropy)

# H(q) does not depend on the logits, so both losses give the same gradient.
grad_ce, = torch.autograd.grad(ce, logits)
grad_kl, = torch.autograd.grad(kl, logits)
torch.testing.assert_close(grad_kl, grad_ce)
