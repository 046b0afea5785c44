import torch
import torch.nn.functional as F


def safe_cross_entropy(logits, target, ignore_index=-100):
    """Mean over the non-ignored positions, and 0 (not NaN) when there are none."""
    per_position = F.cross_entropy(logits, target, ignore_index=ignore_index, reduction="none")
    count = (target != ignore_index).sum()
    return per_position.sum() / count.clamp(min=1)


logits = torch.tensor([[1.0, 2.0, 0.5], [0.3, -0.2, 1.1]])
all_ignored = torch.tensor([-100, -100])
some_ignored = torch.tensor([2, -100])

print(safe_cross_entropy(logits, all_ignored))
#> tensor(0.)
print(safe_cross_entropy(logits, some_ignored))
#> tensor(1.9644)
assert safe_cross_entropy(logits, all_ignored) == 0
torch.testing.assert_close(safe_cross_entropy(logits, some_ignored),
                           F.cross_entropy(logits, some_ignored))
