# Rows are not checked: the loss is linear in q, the gradient is p * sum(q) - q.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(1, 3, requires_grad=True)
q = torch.tensor([[0.5, 0.2, 0.1]])  # sums to 0.8: no error, no warning

loss = F.cross_entropy(logits, q)
doubled = F.cross_entropy(logits, 2 * q)
print(f"loss with q: {loss:.4f}   2q: {doubled:.4f}   ratio {doubled / loss:.4f}")
#> loss with q: 0.8739   2q: 1.7479   ratio 2.0000
torch.testing.assert_close(doubled, 2 * loss)

loss.backward()
p = logits.detach().softmax(dim=1)
manual_grad = p * q.sum() - q
print(manual_grad)
#> tensor([[ 0.1757, -0.0921, -0.0836]])
print(logits.grad)
#> tensor([[ 0.1757, -0.0921, -0.0836]])
torch.testing.assert_close(manual_grad, logits.grad)

# The gradient vanishes at p = q / sum(q); p = q is not even a distribution here.
at_normalized = (q / q.sum()).log().requires_grad_()
F.cross_entropy(at_normalized, q).backward()
torch.testing.assert_close(at_normalized.grad, torch.zeros_like(q))
is_zero = torch.allclose(at_normalized.grad, torch.zeros_like(q), atol=1e-6)
print("gradient at p = q / sum(q) is zero:", is_zero)
#> gradient at p = q / sum(q) is zero: True
assert not torch.allclose(at_normalized.softmax(dim=1), q)  # and that is not p = q
