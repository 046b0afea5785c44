# Accuracy beside a loss with padding: count only the positions the loss counts, target != ignore_index.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(2, 6, 5)  # 2 sequences of 6 positions, 5 classes: (N, T, C)
target = torch.randint(0, 5, (2, 6))
target[0, 4:] = -100  # padding: the first sequence has 4 real tokens,
target[1, 2:] = -100  # the second 2

prediction = logits.argmax(dim=-1)
kept = target != -100
correct = (prediction == target) & kept

print("correct, kept:", correct.sum().item(), kept.sum().item())
#> correct, kept: 2 6
print(f"masked accuracy:     {(correct.sum() / kept.sum()).item():.4f}")
#> masked accuracy:     0.3333
print(f"over every position: {(prediction == target).float().mean().item():.4f}")  # padding counted wrong
#> over every position: 0.1667
# the loss counts the same positions: 'mean' divides by kept.sum()
per_token = F.cross_entropy(logits.transpose(1, 2), target, reduction="none")
torch.testing.assert_close(per_token.sum() / kept.sum(), F.cross_entropy(logits.transpose(1, 2), target))
