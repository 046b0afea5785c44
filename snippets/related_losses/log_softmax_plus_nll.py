import torch
import torch.nn as nn

torch.manual_seed(0)
logits = torch.randn(5, 4)
target = torch.tensor([0, 3, -100, 1, 3])  # -100 is the default ignore_index
weight = torch.tensor([1.0, 2.0, 0.5, 3.0])

log_softmax = nn.LogSoftmax(dim=1)
for reduction in ("none", "sum", "mean"):
    cross_entropy = nn.CrossEntropyLoss(weight=weight, reduction=reduction)
    nll = nn.NLLLoss(weight=weight, reduction=reduction)
    expected = cross_entropy(logits, target)
    manual = nll(log_softmax(logits), target)
    print(f"{reduction:>4}:", manual)
    #> none: tensor([1.8518, 1.0727, 0.0000, 1.7811, 7.8700])
    #>  sum: tensor(12.5756)
    #> mean: tensor(1.3973)
    assert torch.equal(manual, expected)  # bit for bit, not just close
