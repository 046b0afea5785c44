# PaddlePaddle takes the index target as [N] or as [N, 1]; with reduction="none" the loss comes
# back in the label's shape, and an [N, 1] loss broadcasts against an [N] tensor.
import warnings

warnings.filterwarnings("ignore", message="No ccache found")  # paddle's import-time compiler notice

import paddle
import paddle.nn.functional as F

logits = paddle.to_tensor([[2.0, 1.0, 0.0], [0.5, 2.5, -1.0], [0.0, 0.0, 3.0]])
target = paddle.to_tensor([0, 1, 2])
column = target.unsqueeze(1)  # [N, 1], the shape Paddle's examples use

print(f"mean, label [N]:    {F.cross_entropy(logits, target).item():.5f}")
#> mean, label [N]:    0.21857
print(f"mean, label [N, 1]: {F.cross_entropy(logits, column).item():.5f}")
#> mean, label [N, 1]: 0.21857
flat = F.cross_entropy(logits, target, reduction="none")
tall = F.cross_entropy(logits, column, reduction="none")
print(f"reduction='none': {list(flat.shape)} from [N], {list(tall.shape)} from [N, 1]")
#> reduction='none': [3] from [N], [3, 1] from [N, 1]

sample_weight = paddle.to_tensor([1.0, 2.0, 3.0])
print(f"[N] loss * [N] weights:    shape {list((flat * sample_weight).shape)}")
#> [N] loss * [N] weights:    shape [3]
print(f"[N, 1] loss * [N] weights: shape {list((tall * sample_weight).shape)}")
#> [N, 1] loss * [N] weights: shape [3, 3]
print(f"means: {(flat * sample_weight).mean().item():.5f} vs {(tall * sample_weight).mean().item():.5f}")
#> means: 0.33291 vs 0.43714
