# The gradient of the CLIP loss: for each anchor, the softmax-weighted average of the candidates
# minus its positive, from both directions, times the scale.
import torch
import torch.nn.functional as F

torch.set_printoptions(precision=4, sci_mode=False)
torch.manual_seed(0)
N, D, scale = 4, 4, 1 / 0.07
a = F.normalize(torch.randn(N, D), dim=1).requires_grad_()
b = F.normalize(a.detach() + 0.3 * torch.randn(N, D), dim=1).requires_grad_()

logits = scale * a @ b.T
target = torch.arange(N)
loss = (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2
loss.backward()

with torch.no_grad():
    eye = torch.eye(N)  # the one-hot targets: row n is e_n
    p_rows = logits.softmax(dim=1)  # row n: image n's distribution over the N texts
    p_cols = logits.softmax(dim=0)  # column j: text j's distribution over the N images
    print("p, image -> text:")
    #> p, image -> text:
    print(p_rows)
    #> tensor([[0.9999, 0.0000, 0.0001, 0.0000],
    #>         [0.0000, 0.9500, 0.0000, 0.0500],
    #>         [0.0013, 0.0000, 0.9986, 0.0000],
    #>         [0.0000, 0.0000, 0.0000, 1.0000]])
    # p - q in each direction, and the mean over the 2N rows of the two calls
    grad_logits = ((p_rows - eye) + (p_cols - eye)) / (2 * N)
    grad_a = scale * grad_logits @ b  # row n: sum_m (p - q)_nm b_m
    grad_b = scale * grad_logits.T @ a

print("d loss / d a, autograd:")
#> d loss / d a, autograd:
print(a.grad)
#> tensor([[ 0.0026,  0.0027, -0.0000,  0.0001],
#>         [-0.0453,  0.0899,  0.0830,  0.0220],
#>         [-0.0021, -0.0033, -0.0016, -0.0024],
#>         [-0.0003, -0.0008, -0.0006,  0.0003]])
torch.testing.assert_close(a.grad, grad_a)  # the closed form, both embeddings
torch.testing.assert_close(b.grad, grad_b)

