import math

import torch

largest = torch.finfo(torch.float32).max
print("float32 max:     ", f"{largest:.4e}")
#> float32 max:      3.4028e+38
print("log(float32 max):", f"{math.log(largest):.4f}")
#> log(float32 max): 88.7228
print("exp(88.72):      ", torch.exp(torch.tensor(88.72)))
#> exp(88.72):       tensor(3.3932e+38)
print("exp(88.73):      ", torch.exp(torch.tensor(88.73)))
#> exp(88.73):       tensor(inf)
assert torch.isfinite(torch.exp(torch.tensor(88.72)))
assert torch.isinf(torch.exp(torch.tensor(88.73)))
