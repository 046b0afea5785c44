# 'mean' divides by the number of kept positions, not by the batch size.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(6, 4)
target = torch.tensor([1, -100, 3, 0, -100, 2])  # -100 is the default ignore_index

keep = target != -100
safe_target = target.masked_fill(~keep, 0)  # any valid class: masked out below
nll = -logits.log_softmax(dim=1).gather(1, safe_target[:, None]).squeeze(1)
total = (nll * keep).sum()
manual = total / keep.sum()
expected = F.cross_entropy(logits, target)

print(f"kept positions: {keep.sum().item()} of {len(target)}")
#> kept positions: 4 of 6
print(f"manual   total / 4 = {manual:.4f}")
#> manual   total / 4 = 1.7886
print(f"F.cross_entropy    = {expected:.4f}")
#> F.cross_entropy    = 1.7886
print(f"total / 6 (wrong)  = {total / len(target):.4f}")
#> total / 6 (wrong)  = 1.1924
torch.testing.assert_close(manual, expected)
