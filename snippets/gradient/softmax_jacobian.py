import torch

torch.manual_seed(0)
logits = torch.randn(4)

p = torch.softmax(logits, dim=0)
manual = torch.diag(p) - torch.outer(p, p)  # J[c, j] = p_c (delta_cj - p_j)
expected = torch.autograd.functional.jacobian(lambda z: torch.softmax(z, dim=0), logits)

print("p =", p)
print("diag(p) - p p^T =")
print(manual)
print("autograd Jacobian =")
print(expected)
torch.testing.assert_close(manual, expected)
