import math

import torch
import torch.nn.functional as F


def seed_loss(output, label):
    """The seed's loop for any batch: -x[label] + log(sum exp x) per row, averaged over rows."""
    res = 0
    for i in range(len(output)):
        first = -output[i][label[i]]
        second = 0
        for j in range(output.shape[1]):
            second += math.exp(output[i][j])
        res += first + math.log(second)
    return res / len(output)


torch.manual_seed(0)
output = torch.randn(2, 5, 4, 4)  # segmentation: N=2 images, C=5 classes, 4x4 pixels
label = torch.randint(0, 5, (2, 4, 4))  # one class per pixel

print("seed's first term has shape:", tuple((-output[0][label[0]]).shape))  # not a number
#> seed's first term has shape: (4, 4, 4, 4)
try:
    print("seed loop:", seed_loss(output, label))
except (RuntimeError, ValueError) as err:
    print(f"{type(err).__name__}: {err}")
    #> ValueError: only one element tensors can be converted to Python scalars

expected = F.cross_entropy(output, label)  # mean over all 2*4*4 = 32 pixels
flat_output = output.permute(0, 2, 3, 1).reshape(-1, 5)  # one row per pixel
flat_label = label.reshape(-1)
print("F.cross_entropy:      ", expected)
#> F.cross_entropy:       tensor(2.2489)
print("seed loop, per pixel: ", seed_loss(flat_output, flat_label))
#> seed loop, per pixel:  tensor(2.2489)
torch.testing.assert_close(seed_loss(flat_output, flat_label), expected)
