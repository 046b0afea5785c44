# label_smoothing=eps is cross-entropy against smoothed = (1 - eps) * one_hot + eps / C.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
C, eps = 5, 0.1
logits = torch.randn(4, C)
target = torch.tensor([0, 3, 1, 4])

smoothed = (1 - eps) * F.one_hot(target, C) + eps / C
print(smoothed[0])  # the true class gets 1 - eps + eps/C, every other class eps/C
#> tensor([0.9200, 0.0200, 0.0200, 0.0200, 0.0200])
log_p = logits.log_softmax(dim=1)
manual = -(smoothed * log_p).sum(dim=1).mean()

# Two terms: (1 - eps) * usual loss + eps * (mean over classes of -log p).
usual = -log_p.gather(1, target[:, None]).squeeze(1)
uniform = -log_p.mean(dim=1)
split = ((1 - eps) * usual + eps * uniform).mean()

expected = F.cross_entropy(logits, target, label_smoothing=eps)
print(f"manual {manual:.4f}   split {split:.4f}   F.cross_entropy {expected:.4f}")
#> manual 2.3352   split 2.3352   F.cross_entropy 2.3352
torch.testing.assert_close(manual, expected)
torch.testing.assert_close(split, expected)
torch.testing.assert_close(smoothed.sum(dim=1), torch.ones(4))
