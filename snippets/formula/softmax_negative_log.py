# Derivation 1: the loss is minus the log of the softmax probability of the true class.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5)  # one sample, 5 classes
target = torch.tensor(1)

probs = logits.exp() / logits.exp().sum()  # softmax, written out
print(probs)
print(probs.sum())

manual = -probs[target].log()  # -log p_y
rewritten = logits.exp().sum().log() - logits[target]  # log sum_k e^{x_k} - x_y
expected = F.cross_entropy(logits, target)
print(manual, rewritten, expected)

torch.testing.assert_close(manual, expected)
torch.testing.assert_close(rewritten, expected)
