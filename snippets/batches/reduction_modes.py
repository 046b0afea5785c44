# reduction: 'none' keeps each sample's loss, 'sum' adds, 'mean' averages.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 5)
target = torch.tensor([1, 0, 4])

per_sample = F.cross_entropy(logits, target, reduction="none")
total = F.cross_entropy(logits, target, reduction="sum")
mean = F.cross_entropy(logits, target, reduction="mean")
print(per_sample)
#> tensor([2.3257, 3.0493, 2.7802])
print(total)
#> tensor(8.1553)
print(mean)
#> tensor(2.7184)

torch.testing.assert_close(total, per_sample.sum())
torch.testing.assert_close(mean, per_sample.mean())
torch.testing.assert_close(mean, total / len(target))
for n in range(len(target)):  # each entry is its own row's loss: the rows do not interact
    torch.testing.assert_close(per_sample[n], F.cross_entropy(logits[n], target[n]))
