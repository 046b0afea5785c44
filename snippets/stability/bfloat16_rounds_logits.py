import math

import torch
import torch.nn.functional as F

logits = torch.tensor([1000.0, 999.0, 998.0])
target = torch.tensor(0)

as_bf16 = logits.to(torch.bfloat16)  # 8 significant bits: steps of 4 near 1000
print("bfloat16 logits:", as_bf16)
loss_bf16 = F.cross_entropy(as_bf16, target)
print("loss in bfloat16:", loss_bf16)
print("loss in float32: ", F.cross_entropy(logits, target))
print("log 3:           ", f"{math.log(3):.4f}")
assert torch.equal(as_bf16, torch.full((3,), 1000.0, dtype=torch.bfloat16))
assert abs(loss_bf16.item() - math.log(3)) < 0.01
