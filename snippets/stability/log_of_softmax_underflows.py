import torch
import torch.nn.functional as F

logits = torch.tensor([0.0, 200.0])
target = torch.tensor(0)  # the unlikely class: the true loss is 200

p = torch.softmax(logits, dim=0)  # e^-200 is below the smallest float32
by_hand = -torch.log(p)[target]
log_p = F.log_softmax(logits, dim=0)  # computed as x - logsumexp(x)

print("softmax:        ", p)
#> softmax:         tensor([0., 1.])
print("-log(softmax):  ", by_hand)
#> -log(softmax):   tensor(inf)
print("-log_softmax:   ", -log_p[target])
#> -log_softmax:    tensor(200.)
print("F.cross_entropy:", F.cross_entropy(logits, target))
#> F.cross_entropy: tensor(200.)
assert torch.isinf(by_hand)
torch.testing.assert_close(F.cross_entropy(logits, target), torch.tensor(200.0))
