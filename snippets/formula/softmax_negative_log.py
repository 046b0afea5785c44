# Derivation 1: minus the log of the true class's softmax probability.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5)  # one sample, 5 classes
target = torch.tensor(1)

probs = logits.exp() / logits.exp().sum()  # softmax, written out
print(probs)
#> tensor([0.6118, 0.0977, 0.0148, 0.2313, 0.0443])
print(probs.sum())
#> tensor(1.)

manual = -probs[target].log()  # -log p_y
rewritten = logits.exp().sum().log() - logits[target]  # log sum_k e^{x_k} - x_y
expected = F.cross_entropy(logits, target)
print(manual, rewritten, expected)
#> tensor(2.3257) tensor(2.3257) tensor(2.3257)

torch.testing.assert_close(manual, expected)
torch.testing.assert_close(rewritten, expected)
