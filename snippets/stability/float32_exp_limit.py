import math

import torch

largest = torch.finfo(torch.float32).max
print("float32 max:     ", f"{largest:.4e}")
print("log(float32 max):", f"{math.log(largest):.4f}")
print("exp(88.72):      ", torch.exp(torch.tensor(88.72)))
print("exp(88.73):      ", torch.exp(torch.tensor(88.73)))
assert torch.isfinite(torch.exp(torch.tensor(88.72)))
assert torch.isinf(torch.exp(torch.tensor(88.73)))
