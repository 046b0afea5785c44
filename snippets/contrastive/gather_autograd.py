# dist.all_gather fills plain tensors; torch.distributed.nn.all_gather is recorded by autograd.
# A process group of one rank is enough to see the difference.
import warnings

import torch
import torch.distributed as dist
import torch.distributed.nn

dist.init_process_group("gloo", store=dist.HashStore(), rank=0, world_size=1)
torch.manual_seed(0)
embeddings = torch.randn(2, 3, requires_grad=True)

gathered = [torch.empty(2, 3)]
dist.all_gather(gathered, embeddings)
print("dist.all_gather:                ", gathered[0].requires_grad, gathered[0].grad_fn)
#> dist.all_gather:                 False None

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    (live,) = torch.distributed.nn.all_gather(embeddings)
print("torch.distributed.nn.all_gather:", live.requires_grad, type(live.grad_fn).__name__)
#> torch.distributed.nn.all_gather: True _AllGatherBackward
print(caught[0].category.__name__, caught[0].message)
#> FutureWarning torch.distributed.nn.functional.all_gather is deprecated, use torch.distributed._functional_collectives.all_gather_single instead.
live.sum().backward()  # the gradient reaches the rank's own embeddings
print(embeddings.grad)
#> tensor([[1., 1., 1.],
#>         [1., 1., 1.]])
dist.destroy_process_group()
