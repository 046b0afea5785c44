# (N, C, H, W) logits give the same loss as the flattened (N*H*W, C) pixels.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, C, H, W = 2, 3, 4, 5
logits = torch.randn(N, C, H, W)
target = torch.randint(C, (N, H, W))

# Move the class dim last, then make every pixel a row: (N, H, W, C) -> (N*H*W, C).
flat_logits = logits.permute(0, 2, 3, 1).reshape(-1, C)
flat_target = target.reshape(-1)
print(flat_logits.shape, flat_target.shape)
#> torch.Size([40, 3]) torch.Size([40])

spatial = F.cross_entropy(logits, target, reduction="none")  # (N, H, W)
flat = F.cross_entropy(flat_logits, flat_target, reduction="none")  # (N*H*W,)
torch.testing.assert_close(spatial.reshape(-1), flat)
for reduction in ["sum", "mean"]:
    a = F.cross_entropy(logits, target, reduction=reduction)
    b = F.cross_entropy(flat_logits, flat_target, reduction=reduction)
    print(f"{reduction:4}: (N, C, H, W) {a:.4f}   flattened {b:.4f}")
    #> sum : (N, C, H, W) 55.1668   flattened 55.1668
    #> mean: (N, C, H, W) 1.3792   flattened 1.3792
    torch.testing.assert_close(a, b)

# By hand: log_softmax over dim 1 at every pixel, pick the target, average all pixels.
manual = -logits.log_softmax(dim=1).gather(1, target[:, None]).squeeze(1)
print(f"manual mean over {manual.numel()} pixels: {manual.mean():.4f}")
#> manual mean over 40 pixels: 1.3792
torch.testing.assert_close(manual, spatial)
torch.testing.assert_close(manual.mean(), F.cross_entropy(logits, target))

# Without the permute, reshape(-1, C) mixes classes and pixels within a row.
naive = F.cross_entropy(logits.reshape(-1, C), flat_target)
print(f"reshape without permute: {naive:.4f}")
#> reshape without permute: 1.5441
assert not torch.isclose(naive, F.cross_entropy(logits, target))
