# Segmentation: 255 marks "void" pixels (object borders, unlabelled areas).
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(1, 3, 4, 4)  # (N, C, H, W): 3 classes, a 4x4 image
target = torch.tensor([[[0, 0, 255, 1],
                        [0, 255, 1, 1],
                        [255, 2, 2, 1],
                        [2, 2, 2, 255]]])  # (N, H, W)

loss = F.cross_entropy(logits, target, ignore_index=255)

labelled = target != 255
log_probs = logits.log_softmax(dim=1)  # over the class dim, at every pixel
safe_target = target.masked_fill(~labelled, 0)
nll = -log_probs.gather(1, safe_target[:, None]).squeeze(1)  # (N, H, W)
manual = nll[labelled].mean()
print(f"{labelled.sum().item()} labelled pixels: manual {manual:.4f}, torch {loss:.4f}")
#> 12 labelled pixels: manual 1.1816, torch 1.1816
torch.testing.assert_close(manual, loss)

try:
    F.cross_entropy(logits, target)  # forgot ignore_index=255
except IndexError as err:
    print(f"{type(err).__name__}: {err}")
    #> IndexError: Target 255 is out of bounds.
