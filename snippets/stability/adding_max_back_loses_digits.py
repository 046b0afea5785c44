import torch
import torch.nn.functional as F

logits = torch.tensor([1000.0, 999.0, 998.0])  # float32
target = 0

m = logits.max()
lse = m + torch.log(torch.exp(logits - m).sum())  # about 1000.41, stored in float32
added_back = lse - logits[target]
kept_shifted = torch.log(torch.exp(logits - m).sum()) - (logits[target] - m)
exact = torch.logsumexp(logits.double(), dim=0) - 1000.0

print("float32 spacing at 1000:", f"{torch.finfo(torch.float32).eps * 512:.4e}")
#> float32 spacing at 1000: 6.1035e-05
print("m + log(sum) - x_y:     ", f"{added_back.item():.7f}")
#> m + log(sum) - x_y:      0.4075928
print("log(sum) - (x_y - m):   ", f"{kept_shifted.item():.7f}")
#> log(sum) - (x_y - m):    0.4076059
print("F.cross_entropy:        ", f"{F.cross_entropy(logits, torch.tensor(target)).item():.7f}")
#> F.cross_entropy:         0.4076059
print("exact (float64):        ", f"{exact.item():.7f}")
#> exact (float64):         0.4076060
assert abs(added_back.item() - exact.item()) > 1e-6 > abs(kept_shifted.item() - exact.item())
