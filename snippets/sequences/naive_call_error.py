# A sequence model returns (N, T, C); F.cross_entropy reads dim 1 as the classes.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, T, C = 2, 4, 5
logits = torch.randn(N, T, C)  # batch, time, classes: what a decoder or an nn.Linear head returns
target = torch.randint(0, C, (N, T))  # one class index per position

try:
    F.cross_entropy(logits, target)  # dim 1 (T = 4) is taken for the classes, dim 2 (C = 5) for time
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
    #> RuntimeError: Expected target size [2, 5], got [2, 4]
