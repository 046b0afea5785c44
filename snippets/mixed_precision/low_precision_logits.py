# bfloat16 or float16 logits passed straight to F.cross_entropy: the loss comes back rounded.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
N, H, V = 512, 256, 32000
head = nn.Linear(H, V, bias=False)
hidden = torch.randn(N, H)
target = torch.randint(0, V, (N,))
with torch.no_grad():
    logits = head(hidden).bfloat16()  # a bfloat16 model's output (or: model.to(torch.bfloat16))

exact = F.cross_entropy(logits.double(), target)  # the same rounded logits, computed in float64
for dtype in (torch.bfloat16, torch.float16):
    direct = F.cross_entropy(logits.to(dtype), target)  # computed and returned in dtype
    upcast = F.cross_entropy(logits.to(dtype).float(), target)  # the .float() upcast
    print(f"{str(dtype):15} direct {direct.item():.4f} (error {direct.item() - exact:+.4f}), "
          f".float() {upcast.item():.4f}")
    #> torch.bfloat16  direct 10.5000 (error -0.0594), .float() 10.5594
    #> torch.float16   direct 10.5625 (error +0.0031), .float() 10.5594
    assert abs(upcast.item() - exact) < 1e-5  # float32: rounding error only

# Neighbouring representable numbers near the loss (in [8, 16)): bfloat16 keeps 8 significant
# bits, float16 11, float32 24.
for dtype in (torch.bfloat16, torch.float16, torch.float32):
    print(f"{str(dtype):15} spacing {torch.finfo(dtype).eps * 8}")
    #> torch.bfloat16  spacing 0.0625
    #> torch.float16   spacing 0.0078125
    #> torch.float32   spacing 9.5367431640625e-07
