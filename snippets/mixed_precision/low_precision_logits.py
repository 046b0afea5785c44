# bfloat16 or float16 logits passed straight to F.cross_entropy: the loss is reduced in that dtype.
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

# Where the bfloat16 error comes from. Rounding the exact loss to bfloat16 costs at most half a
# spacing, and the bfloat16 log-probabilities are accurate; the reduction over N is not.
rounded = exact.bfloat16().item()
print(f"exact loss rounded to bfloat16: {rounded:.4f} (error {rounded - exact:+.4f})")
#> exact loss rounded to bfloat16: 10.5625 (error +0.0031)
log_p = F.log_softmax(logits, dim=1)  # bfloat16 entries
picked = -log_p.gather(1, target[:, None])
print(f"bfloat16 log-probabilities, averaged in float64: {picked.double().mean().item():.4f}")
#> bfloat16 log-probabilities, averaged in float64: 10.5594
print(f"the same entries averaged by nll_loss:          {F.nll_loss(log_p, target).item():.4f}")
#> the same entries averaged by nll_loss:          10.5000
# 512 equal terms, each exactly representable: any error is the bfloat16 accumulation itself.
same = torch.full((512, 2), -10.5625, dtype=torch.bfloat16)
first = torch.zeros(512, dtype=torch.long)
print(f"512 terms of 10.5625: nll_loss mean {F.nll_loss(same, first).item()}, "
      f"sum {F.nll_loss(same, first, reduction='sum').item()} (exact {512 * 10.5625})")
#> 512 terms of 10.5625: nll_loss mean 10.625, sum 5440.0 (exact 5408.0)
