# With padding, the mean of per-micro-batch means is not the mean over all tokens.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
V = 10
logits = torch.randn(2, 8, V)  # two micro-batches of 8 positions each (already shifted, flattened)
target = torch.randint(0, V, (2, 8))
target[0, 2:] = -100  # micro-batch 0: 2 real tokens, 6 padding
# micro-batch 1: 8 real tokens

means = [F.cross_entropy(logits[i], target[i]) for i in range(2)]  # each divides by its own count
mean_of_means = sum(means) / 2
over_tokens = F.cross_entropy(logits.reshape(-1, V), target.reshape(-1))  # one batch, 10 tokens
sums = [F.cross_entropy(logits[i], target[i], reduction="sum") for i in range(2)]
n_tokens = (target != -100).sum()
sum_over_count = sum(sums) / n_tokens
print(f"mean of the 2 means:  {mean_of_means:.4f}")
#> mean of the 2 means:  3.2613
print(f"mean over {n_tokens} tokens:  {over_tokens:.4f}")
#> mean over 10 tokens:  2.9940
print(f"sums / token count:   {sum_over_count:.4f}")
#> sums / token count:   2.9940
assert not torch.isclose(mean_of_means, over_tokens)
torch.testing.assert_close(sum_over_count, over_tokens)
