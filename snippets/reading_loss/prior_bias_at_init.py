# With skewed labels, a last-layer bias set to log(class frequency) starts at the label entropy.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
frequency = torch.tensor([0.90, 0.09, 0.01])  # class frequencies of the training labels
target = torch.multinomial(frequency, 10_000, replacement=True)
empirical = torch.bincount(target, minlength=3) / len(target)

zero_bias = torch.zeros(len(target), 3)  # a model that outputs nothing yet
prior_bias = empirical.log().expand(len(target), 3)  # softmax(prior_bias) = the frequencies
entropy = -(empirical * empirical.log()).sum()
print(f"zero logits:  {F.cross_entropy(zero_bias, target):.4f}  (log 3)")
#> zero logits:  1.0986  (log 3)
print(f"prior bias:   {F.cross_entropy(prior_bias, target):.4f}")
#> prior bias:   0.3683
print(f"entropy H(y): {entropy:.4f}")
#> entropy H(y): 0.3683
torch.testing.assert_close(F.cross_entropy(prior_bias, target), entropy)

# In a real last layer the weights add x @ W.T to the bias: exact only if W starts at zero.
features = torch.randn(len(target), 64)
head = nn.Linear(64, 3)  # PyTorch's default init
with torch.no_grad():
    head.bias.copy_(empirical.log())
    print(f"bias log(freq), default weights: {F.cross_entropy(head(features), target):.4f}")
    #> bias log(freq), default weights: 0.4005
    head.weight.zero_()
    print(f"bias log(freq), zero weights:    {F.cross_entropy(head(features), target):.4f}")
    #> bias log(freq), zero weights:    0.3683
    torch.testing.assert_close(F.cross_entropy(head(features), target), entropy)
