import torch
import torch.nn.functional as F

logits = torch.tensor([1000.0, 999.0, 998.0])  # float32
target = 0

m = logits.max()
lse = m + torch.log(torch.exp(logits - m).sum())  # about 1000.41, stored in float32
added_back = lse - logits[target]
kept_shifted = torch.log(torch.exp(logits - m).sum()) - (logits[target] - m)
exact = torch.logsumexp(logits.double(), dim=0) - 1000.0

print("float32 spacing at 1000:", torch.finfo(torch.float32).eps * 512)
print("m + log(sum) - x_y:     ", f"{added_back.item():.7f}")
print("log(sum) - (x_y - m):   ", f"{kept_shifted.item():.7f}")
print("F.cross_entropy:        ", f"{F.cross_entropy(logits, torch.tensor(target)).item():.7f}")
print("exact (float64):        ", f"{exact.item():.7f}")
assert abs(added_back.item() - exact.item()) > 1e-6 > abs(kept_shifted.item() - exact.item())
