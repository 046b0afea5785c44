import math

import torch
import torch.nn.functional as F

logits = torch.tensor([1000.0, 999.0, 998.0])
target = torch.tensor(0)

as_bf16 = logits.to(torch.bfloat16)  # 8 significant bits: steps of 4 near 1000
print("bfloat16 logits:", as_bf16)
#> bfloat16 logits: tensor([1000., 1000., 1000.], dtype=torch.bfloat16)
loss_bf16 = F.cross_entropy(as_bf16, target)
print("loss in bfloat16:", loss_bf16)
#> loss in bfloat16: tensor(1.1016, dtype=torch.bfloat16)
print("loss in float32: ", F.cross_entropy(logits, target))
#> loss in float32:  tensor(0.4076)
print("log 3:           ", f"{math.log(3):.4f}")
#> log 3:            1.0986
assert torch.equal(as_bf16, torch.full((3,), 1000.0, dtype=torch.bfloat16))
assert abs(loss_bf16.item() - math.log(3)) < 0.01
