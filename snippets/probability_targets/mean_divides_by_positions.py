# Probability targets: 'mean' divides by the number of positions M, even with weight.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(2, 3, 4)  # N=2, C=3, d1=4: M = 2 * 4 = 8 positions
soft = torch.randn(2, 3, 4).softmax(dim=1)  # a distribution at each position
weight = torch.tensor([1.0, 2.0, 0.5])

w = weight[None, :, None]  # broadcast over (N, C, d1)
per_position = -(w * soft * logits.log_softmax(dim=1)).sum(dim=1)  # (N, d1)
M = per_position.numel()
manual = per_position.sum() / M

loss = F.cross_entropy(logits, soft, weight=weight)
print(f"M = {M}   manual {manual:.4f}   F.cross_entropy {loss:.4f}")
#> M = 8   manual 1.3746   F.cross_entropy 1.3746
torch.testing.assert_close(manual, loss)
expected_none = F.cross_entropy(logits, soft, weight=weight, reduction="none")
torch.testing.assert_close(per_position, expected_none)
