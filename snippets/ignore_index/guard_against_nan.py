# Sum / max(kept, 1): equal to 'mean' normally, 0 (not nan) for an all-padding batch.
import torch
import torch.nn.functional as F


def masked_mean_cross_entropy(logits, target, ignore_index=-100):
    total = F.cross_entropy(
        logits, target, ignore_index=ignore_index, reduction="sum"
    )
    kept = (target != ignore_index).sum()
    return total / kept.clamp(min=1)


torch.manual_seed(0)
logits = torch.randn(4, 5)
some_padding = torch.tensor([3, -100, 0, -100])
all_padding = torch.full((4,), -100)

for target in [some_padding, all_padding]:
    print(masked_mean_cross_entropy(logits, target), F.cross_entropy(logits, target))
    #> tensor(1.5909) tensor(1.5909)
    #> tensor(0.) tensor(nan)

guarded = masked_mean_cross_entropy(logits, some_padding)
torch.testing.assert_close(guarded, F.cross_entropy(logits, some_padding))
assert masked_mean_cross_entropy(logits, all_padding) == 0
