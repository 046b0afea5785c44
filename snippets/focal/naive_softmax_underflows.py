# Focal loss from softmax then log is inf when p_y underflows to 0; from log_softmax it is finite.
import torch
import torch.nn.functional as F

logits = torch.tensor([[0.0, 1e4, 0.0]])  # the model is sure, and wrong: the target is 0
target = torch.tensor([0])
gamma = 2.0

p_y = logits.softmax(dim=1)[0, target]
print("naive:      ", -((1 - p_y) ** gamma) * torch.log(p_y))  # log(0)
#> naive:       tensor([inf])
log_p_y = F.log_softmax(logits, dim=1)[0, target]
print("log_softmax:", -((-torch.expm1(log_p_y)) ** gamma) * log_p_y)
#> log_softmax: tensor([10000.])
print("torch CE:   ", F.cross_entropy(logits, target, reduction="none"))  # gamma = 0, for scale
#> torch CE:    tensor([10000.])

# Near p_y = 1 the factor 1 - p_y needs expm1: exp(log p_y) rounds to 1 in float32.
log_p_near_one = torch.tensor(-1e-8)  # log p_y for a confident, right prediction
print("1 - exp(log p_y):", 1 - torch.exp(log_p_near_one))
#> 1 - exp(log p_y): tensor(0.)
print("-expm1(log p_y): ", -torch.expm1(log_p_near_one))
#> -expm1(log p_y):  tensor(1.0000e-08)
