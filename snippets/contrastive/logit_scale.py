# The temperature as a learned logit_scale: on pairs the model already separates, the loss keeps
# falling as the scale grows, so an unclamped scale grows without limit; CLIP caps it at 100.
import math

import torch
import torch.nn.functional as F


def clip_loss(a, b, scale):
    logits = scale * a @ b.T
    target = torch.arange(a.shape[0])
    return (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2


torch.manual_seed(0)
N, D = 8, 16
a = F.normalize(torch.randn(N, D), dim=1)
b = F.normalize(a + 0.4 * torch.randn(N, D), dim=1)
assert ((a @ b.T).argmax(dim=1) == torch.arange(N)).all()  # every image ranks its own text first
assert ((a @ b.T).argmax(dim=0) == torch.arange(N)).all()  # and every text its own image

# CLIP's parameter is the log of the scale, initialised to log(1 / 0.07).
logit_scale = torch.nn.Parameter(torch.tensor(math.log(1 / 0.07)))
scale = logit_scale.exp().item()
print(f"init: logit_scale {logit_scale.item():.4f}, scale {scale:.4f}, tau {1 / scale:.2f}")
#> init: logit_scale 2.6593, scale 14.2857, tau 0.07

for scale in [1.0, 1 / 0.07, 100.0, 1000.0]:
    t = torch.tensor(math.log(scale), requires_grad=True)
    loss = clip_loss(a, b, t.exp())
    loss.backward()
    print(f"scale {scale:7.2f}: loss {loss:.3e}  d loss / d logit_scale {t.grad.item():+.3e}")
    #> scale    1.00: loss 1.522e+00  d loss / d logit_scale -5.062e-01
    #> scale   14.29: loss 5.496e-02  d loss / d logit_scale -7.106e-02
    #> scale  100.00: loss 5.953e-04  d loss / d logit_scale -2.830e-03
    #> scale 1000.00: loss 0.000e+00  d loss / d logit_scale +1.403e-19

# Learn only the scale, with and without CLIP's cap (open_clip clamps the parameter after each
# optimiser step).
for clamp in [False, True]:
    t = torch.nn.Parameter(torch.tensor(math.log(1 / 0.07)))
    optimizer = torch.optim.Adam([t], lr=0.1)
    for step in range(300):
        optimizer.zero_grad()
        clip_loss(a, b, t.exp()).backward()
        optimizer.step()
        if clamp:
            with torch.no_grad():
                t.clamp_(0, math.log(100))
    print(f"clamp={clamp!s:5}: scale after 300 steps {t.exp().item():.1f}")
    #> clamp=False: scale after 300 steps 204.6
    #> clamp=True : scale after 300 steps 100.0

# One mismatched pair (texts 0 and 1 swapped): its loss, and the gradient it sends to the
# embeddings, grow in proportion to the scale.
b_swapped = b[[1, 0, *range(2, N)]]
for scale in [1 / 0.07, 100.0, 1000.0]:
    a_leaf = a.clone().requires_grad_()
    loss = clip_loss(a_leaf, b_swapped, scale)
    loss.backward()
    print(f"scale {scale:7.2f}: loss {loss:8.4f}  gradient norm {a_leaf.grad.norm():8.4f}")
    #> scale   14.29: loss   2.3059  gradient norm   3.4512
    #> scale  100.00: loss  15.7575  gradient norm  23.9837
    #> scale 1000.00: loss 157.5691  gradient norm 239.8352
