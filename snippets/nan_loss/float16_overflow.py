# A float16 matmul whose true result exceeds 65504 returns inf, and cross-entropy of an inf logit is nan.
import torch
import torch.nn.functional as F

print("float16 max:", torch.finfo(torch.float16).max)
#> float16 max: 65504.0
torch.manual_seed(0)
hidden = torch.full((2, 256), 16.0)  # two positions, hidden size 256, every activation 16
weight = torch.randn(5, 256)  # 5 classes
weight[0] = 16.0  # class 0's row points where the activations do: its logit is 256 * 16 * 16
target = torch.tensor([0, 3])

logits_32 = hidden @ weight.T
logits_16 = hidden.half() @ weight.half().T
print("float32 logits, class 0:", logits_32[:, 0])
#> float32 logits, class 0: tensor([65536., 65536.])
print("float16 logits, class 0:", logits_16[:, 0])
#> float16 logits, class 0: tensor([inf, inf], dtype=torch.float16)
print("loss from float32 logits:      ", F.cross_entropy(logits_32, target, reduction="none"))
#> loss from float32 logits:       tensor([   -0.0000, 65774.9297])
print("loss from float16 logits:      ", F.cross_entropy(logits_16, target, reduction="none"))
#> loss from float16 logits:       tensor([nan, nan], dtype=torch.float16)
print("upcast after the matmul: ", F.cross_entropy(logits_16.float(), target, reduction="none"))
#> upcast after the matmul:  tensor([nan, nan])
print("bfloat16 max:", torch.finfo(torch.bfloat16).max)
#> bfloat16 max: 3.3895313892515355e+38
print("bfloat16 logits, class 0:", (hidden.bfloat16() @ weight.bfloat16().T)[:, 0])
#> bfloat16 logits, class 0: tensor([65536., 65536.], dtype=torch.bfloat16)
