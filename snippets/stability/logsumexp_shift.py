import torch
import torch.nn.functional as F


def stable_cross_entropy(logits, target):
    m = logits.max(dim=1, keepdim=True).values
    shifted = logits - m  # every entry <= 0, the largest is exactly 0
    log_sum = torch.log(torch.exp(shifted).sum(dim=1))  # the sum is >= 1, so this is >= 0
    return log_sum - shifted[torch.arange(len(target)), target]  # one loss per row


logits = torch.tensor([
    [1000.0, 999.0, 998.0],
    [-1000.0, -1001.0, -1002.0],
    [0.0, 200.0, 0.0],
    [1.5, -0.3, 0.2],
])
target = torch.tensor([0, 2, 0, 1])

manual = stable_cross_entropy(logits, target)
expected = F.cross_entropy(logits, target, reduction="none")
print("shifted by hand:", manual)
#> shifted by hand: tensor([  0.4076,   2.4076, 200.0000,   2.1631])
print("F.cross_entropy:", expected)
#> F.cross_entropy: tensor([  0.4076,   2.4076, 200.0000,   2.1631])
torch.testing.assert_close(manual, expected)
