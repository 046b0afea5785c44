# A mask loaded as (N, 1, H, W) needs target.squeeze(1), giving (N, H, W).
import torch
import torch.nn.functional as F

torch.manual_seed(0)
N, C, H, W = 1, 3, 4, 4
logits = torch.randn(N, C, H, W)
mask = torch.randint(C, (N, 1, H, W))  # as a dataloader often yields it

for target in [mask, mask.squeeze()]:  # squeeze() also drops N when N == 1
    try:
        F.cross_entropy(logits, target)
    except (RuntimeError, ValueError) as err:
        print(f"target {tuple(target.shape)}: {type(err).__name__}: {err}")
        #> target (1, 1, 4, 4): RuntimeError: only batches of spatial targets supported (3D tensors) but got targets of dimension: 4
        #> target (4, 4): ValueError: Expected input batch_size (1) to match target batch_size (4).

target = mask.squeeze(1)  # drop only dim 1
print(f"target {tuple(target.shape)}: {F.cross_entropy(logits, target):.4f}")
#> target (1, 4, 4): 1.2428
manual = -logits.log_softmax(dim=1).gather(1, mask).mean()  # (N, 1, H, W) suits gather
torch.testing.assert_close(manual, F.cross_entropy(logits, target))
