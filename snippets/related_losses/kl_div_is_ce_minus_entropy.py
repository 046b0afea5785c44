import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5, requires_grad=True)
target = torch.randn(4, 5).softmax(dim=1)  # a soft target: each row sums to 1

ce = F.cross_entropy(logits, target)
entropy = -(target * target.log()).sum(dim=1).mean()
# KLDivLoss takes LOG-probabilities as input and probabilities as target.
kl_div = nn.KLDivLoss(reduction="batchmean")
kl = kl_div(F.log_softmax(logits, dim=1), target)
print(f"cross-entropy H(q, p):    {ce:.4f}")
#> cross-entropy H(q, p):    1.9569
print(f"entropy H(q):             {entropy:.4f}")
#> entropy H(q):             1.3792
print(f"H(q, p) - H(q):           {ce - entropy:.4f}")
#> H(q, p) - H(q):           0.5777
print(f"KLDivLoss, 'batchmean':   {kl:.4f}")
#> KLDivLoss, 'batchmean':   0.5777
torch.testing.assert_close(kl, ce - entropy)

# H(q) does not depend on the logits, so both losses give the same gradient.
(grad_ce,) = torch.autograd.grad(ce, logits)
(grad_kl,) = torch.autograd.grad(kl, logits)
torch.testing.assert_close(grad_kl, grad_ce)
