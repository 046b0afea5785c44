import math

import torch
import torch.nn.functional as F

target = torch.tensor([0])
for C in (2, 10, 100, 1000):
    perfect = F.one_hot(target, C).double()  # "probabilities" that are exactly right
    loss = F.cross_entropy(perfect, target)  # the loss applies softmax to them again
    floor = math.log(math.e + C - 1) - 1
    print(f"C={C:<5} loss={loss.item():.6f}  log(e+C-1)-1={floor:.6f}")
    #> C=2     loss=0.313262  log(e+C-1)-1=0.313262
    #> C=10    loss=1.461150  log(e+C-1)-1=1.461150
    #> C=100   loss=3.622207  log(e+C-1)-1=3.622207
    #> C=1000  loss=5.909472  log(e+C-1)-1=5.909472
    assert math.isclose(loss.item(), floor, rel_tol=1e-12)
