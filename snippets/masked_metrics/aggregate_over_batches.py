# Metrics over a data set from batches with different numbers of kept tokens: add sums and counts.
import math

import torch
import torch.nn.functional as F

torch.manual_seed(0)
batches = []  # three evaluation batches of (logits, target), 8 positions each, 10 classes
for real_tokens, scale in [(8, 1.0), (3, 3.0), (1, 4.0)]:  # short batches are harder here
    logits = torch.randn(8, 10) * scale
    target = torch.randint(0, 10, (8,))
    target[real_tokens:] = -100  # the rest is padding
    batches.append((logits, target))

loss_sum, correct, count = 0.0, 0, 0  # the running totals
batch_means, batch_perplexities, batch_accuracies = [], [], []
for logits, target in batches:
    kept = target != -100
    loss_sum += F.cross_entropy(logits, target, reduction="sum").item()
    correct += ((logits.argmax(dim=1) == target) & kept).sum().item()
    count += kept.sum().item()
    mean = F.cross_entropy(logits, target).item()
    batch_means.append(mean)
    batch_perplexities.append(math.exp(mean))
    batch_accuracies.append(((logits.argmax(dim=1) == target) & kept).sum().item() / kept.sum().item())

print("kept tokens per batch:", [int((t != -100).sum()) for _, t in batches])
#> kept tokens per batch: [8, 3, 1]
print(f"loss:       mean of batch means {sum(batch_means) / 3:.4f}, "
      f"data set {loss_sum / count:.4f}")
#> loss:       mean of batch means 3.4417, data set 3.0321
print(f"perplexity: mean of batch values {sum(batch_perplexities) / 3:.2f}, "
      f"data set {math.exp(loss_sum / count):.2f}")
#> perplexity: mean of batch values 45.24, data set 20.74
print(f"accuracy:   mean of batch values {sum(batch_accuracies) / 3:.4f}, "
      f"data set {correct / count:.4f}")
#> accuracy:   mean of batch values 0.0417, data set 0.0833

# The data set's value is the loss of all kept tokens at once: one batch of everything.
all_logits = torch.cat([logits for logits, _ in batches])
all_target = torch.cat([target for _, target in batches])
torch.testing.assert_close(torch.tensor(loss_sum / count), F.cross_entropy(all_logits, all_target))
