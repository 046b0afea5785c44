# Both fixes for (N, T, C) logits, .transpose(1, 2) and flattening to (N*T, C), give the same loss.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, T, C = 2, 4, 5
logits = torch.randn(N, T, C, requires_grad=True)
target = torch.randint(0, C, (N, T))

transposed = F.cross_entropy(logits.transpose(1, 2), target)  # (N, C, T) with (N, T)
flattened = F.cross_entropy(logits.reshape(N * T, C), target.reshape(N * T))  # (N*T, C) with (N*T)

# By hand: one term per position (n, t), softmax over the last dim, mean over all N*T positions.
log_probs = logits.log_softmax(dim=-1)  # (N, T, C)
manual = -log_probs.gather(-1, target.unsqueeze(-1)).mean()
print(f"transpose {transposed:.4f}, flatten {flattened:.4f}, by hand {manual:.4f}")
#> transpose 1.8913, flatten 1.8913, by hand 1.8913
torch.testing.assert_close(transposed, flattened)
torch.testing.assert_close(manual, flattened)

# The same gradient for the logits too:
(grad_transposed,) = torch.autograd.grad(transposed, logits)
(grad_flattened,) = torch.autograd.grad(flattened, logits)
torch.testing.assert_close(grad_transposed, grad_flattened)

# 'none' keeps one loss per position, shaped like the target in both forms:
per_position = F.cross_entropy(logits.transpose(1, 2), target, reduction="none")
print(per_position.shape)
#> torch.Size([2, 4])
torch.testing.assert_close(per_position.reshape(-1), F.cross_entropy(
    logits.reshape(N * T, C), target.reshape(N * T), reduction="none"))
