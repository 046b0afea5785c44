# reduction='none' keeps one loss per sample; 'sum' adds them; 'mean' (the default) averages them.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 5)
target = torch.tensor([1, 0, 4])

per_sample = F.cross_entropy(logits, target, reduction="none")
total = F.cross_entropy(logits, target, reduction="sum")
mean = F.cross_entropy(logits, target, reduction="mean")
print(per_sample)
print(total)
print(mean)

torch.testing.assert_close(total, per_sample.sum())
torch.testing.assert_close(mean, per_sample.mean())
torch.testing.assert_close(mean, total / len(target))
