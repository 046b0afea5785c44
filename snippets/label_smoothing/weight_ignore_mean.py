# label_smoothing + weight + ignore_index: per-position terms and the mean's divisor.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
C, eps = 3, 0.2
logits = torch.randn(4, C)
target = torch.tensor([0, 2, -100, 1])
weight = torch.tensor([1.0, 3.0, 0.5])

keep = target != -100
safe_target = target.masked_fill(~keep, 0)
neg_log_p = -logits.log_softmax(dim=1)
w_y = weight[safe_target] * keep  # target-class weight, 0 where ignored

true_term = (1 - eps) * w_y * neg_log_p.gather(1, safe_target[:, None]).squeeze(1)
smooth_term = eps / C * (weight * neg_log_p).sum(dim=1) * keep  # each c gets w_c
per_sample = true_term + smooth_term
manual = per_sample.sum() / w_y.sum()

kwargs = dict(weight=weight, label_smoothing=eps)  # ignore_index=-100 by default
expected_none = F.cross_entropy(logits, target, reduction="none", **kwargs)
expected = F.cross_entropy(logits, target, **kwargs)
print(per_sample)
#> tensor([0.6766, 1.3833, 0.0000, 3.9565])
print(expected_none)
#> tensor([0.6766, 1.3833, 0.0000, 3.9565])
print(f"divisor sum of w_y over kept positions = {w_y.sum():.4f}")
#> divisor sum of w_y over kept positions = 4.5000
print(f"manual {manual:.4f}   F.cross_entropy {expected:.4f}")
#> manual 1.3370   F.cross_entropy 1.3370

torch.testing.assert_close(per_sample, expected_none)
torch.testing.assert_close(manual, expected)
