# Under autocast the output layer runs in bfloat16, but cross_entropy is computed in float32.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
N, H, V = 512, 256, 32000  # 512 tokens, a small model's hidden size, a Llama-2-sized vocabulary
head = nn.Linear(H, V, bias=False)
hidden = torch.randn(N, H)
target = torch.randint(0, V, (N,))

with torch.autocast("cpu", dtype=torch.bfloat16):
    logits = head(hidden)  # linear is on autocast's lower-precision list
    loss = F.cross_entropy(logits, target)  # cross_entropy is on its float32 list
print(logits.dtype, loss.dtype)
#> torch.bfloat16 torch.float32

# Autocast upcast the bfloat16 logits before the loss: the same as calling .float() yourself.
upcast = F.cross_entropy(logits.float(), target)
assert torch.equal(loss, upcast)
print(f"loss {loss:.4f}")
#> loss 10.5593
