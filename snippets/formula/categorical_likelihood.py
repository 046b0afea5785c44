# Derivation 2: the mean loss is the negative log-likelihood of a categorical model, per sample.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits = torch.randn(4, 3, dtype=torch.float64)  # 4 samples, 3 classes
target = torch.tensor([2, 0, 1, 1])

probs = logits.softmax(dim=1)
likelihood = probs[torch.arange(4), target].prod()  # prod_n p(y_n | x_n)
manual = -likelihood.log() / 4  # -(1/N) log of the likelihood
model = torch.distributions.Categorical(logits=logits)
via_distribution = -model.log_prob(target).mean()
expected = F.cross_entropy(logits, target)
print(f"likelihood:        {likelihood.item():.6f}")
print(f"-log(L) / N:       {manual.item():.6f}")
print(f"Categorical:       {via_distribution.item():.6f}")
print(f"F.cross_entropy:   {expected.item():.6f}")

torch.testing.assert_close(manual, expected)
torch.testing.assert_close(via_distribution, expected)
