# ignore_index=0 drops positions with target 0, but logit 0 stays in every softmax.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(3, 3, requires_grad=True)
target = torch.tensor([0, 1, 2])

loss = F.cross_entropy(logits, target, ignore_index=0)
loss.backward()
print(logits.grad)
#> tensor([[ 0.0000,  0.0000,  0.0000],
#>         [ 0.3756, -0.4281,  0.0525],
#>         [ 0.1742,  0.2691, -0.4433]])

# By hand: (softmax - one_hot) / kept, with the ignored row set to zero.
keep = target != 0
probs = logits.detach().softmax(dim=1)
manual_grad = (probs - F.one_hot(target, 3)) * keep[:, None] / keep.sum()
torch.testing.assert_close(manual_grad, logits.grad)

print("column of class 0:", logits.grad[:, 0])
#> column of class 0: tensor([0.0000, 0.3756, 0.1742])
assert torch.all(logits.grad[0] == 0)  # the ignored position gets no gradient
assert torch.all(logits.grad[1:, 0] > 0)  # logit 0 does, at every other position

# Removing class 0 from the softmax would be a different loss:
without_class_0 = F.cross_entropy(logits.detach()[1:, 1:], target[1:] - 1)
print(f"ignore_index=0: {loss:.4f}   class 0 out of the softmax: {without_class_0:.4f}")
#> ignore_index=0: 2.0580   class 0 out of the softmax: 1.1484
assert not torch.isclose(loss, without_class_0)
