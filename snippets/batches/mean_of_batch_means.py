# An uneven last batch: the mean of batch means is not the data set's mean.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])

batch_means = [
    F.cross_entropy(logits[:3], target[:3]),  # a batch of 3
    F.cross_entropy(logits[3:], target[3:]),  # the last batch holds 1 sample
]
mean_of_means = sum(batch_means) / 2
batch_sums = [
    F.cross_entropy(logits[:3], target[:3], reduction="sum"),
    F.cross_entropy(logits[3:], target[3:], reduction="sum"),
]
sum_then_divide = sum(batch_sums) / 4
data_set_mean = F.cross_entropy(logits, target)
print(f"mean of batch means: {mean_of_means:.4f}")
#> mean of batch means: 2.0953
print(f"sums / 4:            {sum_then_divide:.4f}")
#> sums / 4:            2.4194
print(f"data-set mean:       {data_set_mean:.4f}")
#> data-set mean:       2.4194

assert not torch.isclose(mean_of_means, data_set_mean)
torch.testing.assert_close(sum_then_divide, data_set_mean)
