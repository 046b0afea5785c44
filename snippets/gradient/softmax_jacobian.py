import torch

torch.manual_seed(0)
logits = torch.randn(4)

p = torch.softmax(logits, dim=0)
manual = torch.diag(p) - torch.outer(p, p)  # J[c, j] = p_c (delta_cj - p_j)
expected = torch.autograd.functional.jacobian(lambda z: torch.softmax(z, dim=0), logits)

print("p =", p)
#> p = tensor([0.6402, 0.1022, 0.0155, 0.2421])
print("diag(p) - p p^T =")
#> diag(p) - p p^T =
print(manual)
#> tensor([[ 0.2303, -0.0655, -0.0099, -0.1550],
#>         [-0.0655,  0.0918, -0.0016, -0.0247],
#>         [-0.0099, -0.0016,  0.0153, -0.0038],
#>         [-0.1550, -0.0247, -0.0038,  0.1835]])
print("autograd Jacobian =")
#> autograd Jacobian =
print(expected)
#> tensor([[ 0.2303, -0.0655, -0.0099, -0.1550],
#>         [-0.0655,  0.0918, -0.0016, -0.0247],
#>         [-0.0099, -0.0016,  0.0153, -0.0038],
#>         [-0.1550, -0.0247, -0.0038,  0.1835]])
torch.testing.assert_close(manual, expected)
torch.testing.assert_close(manual, manual.T)  # symmetric
torch.testing.assert_close(manual.sum(dim=1), torch.zeros(4))  # rows sum to zero
