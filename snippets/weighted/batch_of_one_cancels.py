# With one sample (or one class in the batch), w[y] is in the numerator and the denominator.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 1])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

for n in range(4):
    one_logits, one_target = logits[n : n + 1], target[n : n + 1]  # a batch of size 1
    weighted = F.cross_entropy(one_logits, one_target, weight=weight)
    plain = F.cross_entropy(one_logits, one_target)
    print(f"sample {n}, class {one_target.item()}: weighted {weighted:.4f}, unweighted {plain:.4f}")
    torch.testing.assert_close(weighted, plain)

same_class = torch.tensor([4, 4, 4, 4])  # every sample in class 4 (weight 3)
weighted = F.cross_entropy(logits, same_class, weight=weight)
plain = F.cross_entropy(logits, same_class)
print(f"one class in the batch: weighted {weighted:.4f}, unweighted {plain:.4f}")
torch.testing.assert_close(weighted, plain)
