# A channels-last (N, H, W, C) output must become (N, C, H, W) before the loss.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, H, W, C = 2, 3, 4, 5
logits_nhwc = torch.randn(N, H, W, C)  # e.g. a final nn.Linear applied per pixel
target = torch.randint(C, (N, H, W))

try:
    F.cross_entropy(logits_nhwc, target)  # reads dim 1 (H=3) as the class dim
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
    #> RuntimeError: size mismatch (got input: [2, 3, 4, 5] , target: [2, 3, 4]

logits = logits_nhwc.permute(0, 3, 1, 2)  # (N, C, H, W)
loss = F.cross_entropy(logits, target)
manual = -logits_nhwc.log_softmax(dim=-1).gather(-1, target[..., None]).mean()
print(f"after permute(0, 3, 1, 2): {loss:.4f}   by hand, last dim: {manual:.4f}")
#> after permute(0, 3, 1, 2): 1.7987   by hand, last dim: 1.7987
torch.testing.assert_close(manual, loss)
