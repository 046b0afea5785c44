# PyTorch spreads eps over all C classes (eps/C each), not the C - 1 wrong ones.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
C, eps = 5, 0.1
logits = torch.randn(1, C)
target = torch.tensor([2])
one_hot = F.one_hot(target, C)

q_torch = (1 - eps) * one_hot + eps / C  # true class 0.92, others 0.02
q_other = (1 - eps) * one_hot + eps / (C - 1) * (1 - one_hot)  # 0.9, others 0.025
print(q_torch)
#> tensor([[0.0200, 0.0200, 0.9200, 0.0200, 0.0200]])
print(q_other)
#> tensor([[0.0250, 0.0250, 0.9000, 0.0250, 0.0250]])

smoothed = F.cross_entropy(logits, target, label_smoothing=eps)
print(f"label_smoothing=0.1: {smoothed:.4f}")
#> label_smoothing=0.1: 4.0222
print(f"CE against q_torch:  {F.cross_entropy(logits, q_torch):.4f}")
#> CE against q_torch:  4.0222
print(f"CE against q_other:  {F.cross_entropy(logits, q_other):.4f}")
#> CE against q_other:  3.9749
torch.testing.assert_close(smoothed, F.cross_entropy(logits, q_torch))
assert not torch.isclose(smoothed, F.cross_entropy(logits, q_other))

# The eps/(C-1) convention is PyTorch's with label_smoothing = eps * C / (C - 1).
rescaled = F.cross_entropy(logits, target, label_smoothing=eps * C / (C - 1))
print(f"label_smoothing={eps * C / (C - 1)}: {rescaled:.4f}")
#> label_smoothing=0.125: 3.9749
torch.testing.assert_close(rescaled, F.cross_entropy(logits, q_other))
