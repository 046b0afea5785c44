import math

import torch

info = torch.finfo(torch.float32)
smallest_subnormal = torch.tensor(2.0**-149)  # below smallest_normal, float32 keeps fewer digits
print("smallest normal float32:   ", f"{info.smallest_normal:.4e}")
#> smallest normal float32:    1.1755e-38
print("smallest subnormal float32:", f"{smallest_subnormal.item():.4e}")
#> smallest subnormal float32: 1.4013e-45
print("log of each:               ", f"{math.log(info.smallest_normal):.2f}",
      f"{math.log(smallest_subnormal.item()):.2f}")
#> log of each:                -87.34 -103.28

exponents = torch.tensor([-87.0, -100.0, -103.9, -103.97, -103.98, -104.0])
for x, e in zip(exponents.tolist(), torch.exp(exponents).tolist()):
    print(f"exp({x:8.2f}) = {e:.4e}")
    #> exp(  -87.00) = 1.6458e-38
    #> exp( -100.00) = 3.7835e-44
    #> exp( -103.90) = 1.4013e-45
    #> exp( -103.97) = 1.4013e-45
    #> exp( -103.98) = 0.0000e+00
    #> exp( -104.00) = 0.0000e+00
assert torch.exp(torch.tensor(-103.97)) > 0 and torch.exp(torch.tensor(-103.98)) == 0

# Long before exp underflows, a term is too small to change a sum that holds a 1:
one = torch.tensor(1.0)
print("1 + exp(-16) == 1:", (one + torch.exp(torch.tensor(-16.0)) == one).item())
#> 1 + exp(-16) == 1: False
print("1 + exp(-17) == 1:", (one + torch.exp(torch.tensor(-17.0)) == one).item())
#> 1 + exp(-17) == 1: True
print("half the float32 spacing at 1:", f"{info.eps / 2:.4e}")
#> half the float32 spacing at 1: 5.9605e-08
