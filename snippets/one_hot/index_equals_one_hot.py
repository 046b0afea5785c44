# Index targets and float one-hot targets: the same loss, every reduction.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 5)
target = torch.tensor([1, 0, 4])
target_one_hot = F.one_hot(target, num_classes=5).float()  # shape (3, 5)

for reduction in ["none", "sum", "mean"]:
    from_index = F.cross_entropy(logits, target, reduction=reduction)
    from_one_hot = F.cross_entropy(logits, target_one_hot, reduction=reduction)
    print(reduction, from_index, from_one_hot)
    #> none tensor([2.3257, 3.0493, 2.7802]) tensor([2.3257, 3.0493, 2.7802])
    #> sum tensor(8.1553) tensor(8.1553)
    #> mean tensor(2.7184) tensor(2.7184)
    torch.testing.assert_close(from_index, from_one_hot)

# 'none' and 'sum' also agree with weights and with label smoothing; 'mean' too without weights
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])
both = {"weight": weight, "label_smoothing": 0.1}
for options in ({"weight": weight}, {"label_smoothing": 0.1}, both):
    for reduction in ["none", "sum"] + ([] if "weight" in options else ["mean"]):
        from_index = F.cross_entropy(logits, target, reduction=reduction, **options)
        from_one_hot = F.cross_entropy(logits, target_one_hot, reduction=reduction, **options)
        torch.testing.assert_close(from_index, from_one_hot)

# an all-zero row adds 0 to the sum, but the mean still divides by all 3 rows
zeroed = target_one_hot.clone()
zeroed[1] = 0.0
total = F.cross_entropy(logits, zeroed, reduction="sum")
torch.testing.assert_close(total, F.cross_entropy(logits[[0, 2]], target[[0, 2]], reduction="sum"))
torch.testing.assert_close(F.cross_entropy(logits, zeroed), total / 3)
