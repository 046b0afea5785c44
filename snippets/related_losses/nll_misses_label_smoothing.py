import inspect

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
eps = 0.1

print("label_smoothing" in inspect.signature(nn.NLLLoss).parameters)
#> False

log_probs = F.log_softmax(logits, dim=1)
nll = F.nll_loss(log_probs, target)  # reads only log p[target] in each row
smoothed = F.cross_entropy(logits, target, label_smoothing=eps)
print(f"nll_loss(log_softmax):         {nll:.4f}")
#> nll_loss(log_softmax):         2.4194
print(f"cross_entropy, eps=0.1:        {smoothed:.4f}")
#> cross_entropy, eps=0.1:        2.3721

# Smoothing moves eps of the target's mass onto all C classes (eps/C each),
# so it needs -log p of every class, which NLLLoss never reads.
uniform = (-log_probs).mean(dim=1).mean()
manual = (1 - eps) * nll + eps * uniform
print(f"(1-eps)*nll + eps*uniform:     {manual:.4f}")
#> (1-eps)*nll + eps*uniform:     2.3721
torch.testing.assert_close(manual, smoothed)
assert not torch.isclose(nll, smoothed)
