# Batch of one (or one class): w[y] cancels between numerator and denominator.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 5)
target = torch.tensor([1, 0, 4, 2])
weight = torch.tensor([1.0, 2.0, 0.5, 1.0, 3.0])

for n in range(4):
    one_logits, one_target = logits[n : n + 1], target[n : n + 1]  # batch of 1
    weighted = F.cross_entropy(one_logits, one_target, weight=weight)
    plain = F.cross_entropy(one_logits, one_target)
    print(f"class {one_target.item()}: weighted {weighted:.4f}, plain {plain:.4f}")
    #> class 1: weighted 2.5099, plain 2.5099
    #> class 0: weighted 3.8326, plain 3.8326
    #> class 4: weighted 1.8878, plain 1.8878
    #> class 2: weighted 1.4472, plain 1.4472
    torch.testing.assert_close(weighted, plain)

same_class = torch.tensor([4, 4, 4, 4])  # every sample in class 4 (weight 3)
weighted = F.cross_entropy(logits, same_class, weight=weight)
plain = F.cross_entropy(logits, same_class)
print(f"all class 4: weighted {weighted:.4f}, plain {plain:.4f}")
#> all class 4: weighted 1.9335, plain 1.9335
torch.testing.assert_close(weighted, plain)

# the gradient cancels too: batch of 1, weighted and plain backpropagate the same numbers
one = logits[:1].clone().requires_grad_()
F.cross_entropy(one, target[:1], weight=weight).backward()
weighted_grad, one.grad = one.grad, None
F.cross_entropy(one, target[:1]).backward()
torch.testing.assert_close(weighted_grad, one.grad)
