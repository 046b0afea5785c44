# ignore_index matches target VALUES: positions whose target equals it are dropped.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(5, 3)
target = torch.tensor([2, 0, 1, 2, 0])

# ignore_index=2 drops positions 0 and 3 (target 2); position 2 (target 1) is kept.
per_sample = F.cross_entropy(logits, target, ignore_index=2, reduction="none")
print(per_sample)
#> tensor([0.0000, 0.2862, 0.6196, 0.0000, 2.1846])

nll = -logits.log_softmax(dim=1)[torch.arange(5), target]
keep = target != 2
manual = torch.where(keep, nll, 0.0)
print(manual)
#> tensor([0.0000, 0.2862, 0.6196, 0.0000, 2.1846])
print(keep)
#> tensor([False,  True,  True, False,  True])

torch.testing.assert_close(manual, per_sample)
assert per_sample[2] > 0  # position 2 is not dropped
