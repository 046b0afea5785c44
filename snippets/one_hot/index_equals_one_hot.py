# An index target and its float one-hot version give the same loss under every reduction.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 5)
target = torch.tensor([1, 0, 4])
target_one_hot = F.one_hot(target, num_classes=5).float()  # shape (3, 5), like logits

for reduction in ["none", "sum", "mean"]:
    from_index = F.cross_entropy(logits, target, reduction=reduction)
    from_one_hot = F.cross_entropy(logits, target_one_hot, reduction=reduction)
    print(reduction, from_index, from_one_hot)
    torch.testing.assert_close(from_index, from_one_hot)
