# If H, W and C are equal, a channels-last input raises nothing: the loss is wrong.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, H, W, C = 2, 3, 3, 3
logits_nhwc = torch.randn(N, H, W, C)
target = torch.randint(C, (N, H, W))

wrong = F.cross_entropy(logits_nhwc, target)  # no error: dim 1 (H) taken as classes
right = F.cross_entropy(logits_nhwc.permute(0, 3, 1, 2), target)
print(f"without permute: {wrong:.4f}   with permute: {right:.4f}")
#> without permute: 1.1931   with permute: 1.3888
assert not torch.isclose(wrong, right)
