# Mixup: a blend of two one-hot labels is a probability target; its loss is the blend.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
C, lam = 4, 0.7
logits = torch.randn(2, C)  # the model's output on two mixed images
label_a = torch.tensor([0, 2])
label_b = torch.tensor([3, 2])
soft = lam * F.one_hot(label_a, C) + (1 - lam) * F.one_hot(label_b, C)
print(soft)
#> tensor([[0.7000, 0.0000, 0.0000, 0.3000],
#>         [0.0000, 0.0000, 1.0000, 0.0000]])

manual = -(soft * logits.log_softmax(dim=1)).sum(dim=1).mean()
loss = F.cross_entropy(logits, soft)
loss_a, loss_b = F.cross_entropy(logits, label_a), F.cross_entropy(logits, label_b)
blend = lam * loss_a + (1 - lam) * loss_b
print(f"manual {manual:.4f}   torch {loss:.4f}   blend of index losses {blend:.4f}")
#> manual 0.9073   torch 0.9073   blend of index losses 0.9073
torch.testing.assert_close(manual, loss)
torch.testing.assert_close(blend, loss)
