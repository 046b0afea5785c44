# Derivation 2: the mean loss is the categorical negative log-likelihood.
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
#> likelihood:        0.001884
print(f"-log(L) / N:       {manual.item():.6f}")
#> -log(L) / N:       1.568544
print(f"Categorical:       {via_distribution.item():.6f}")
#> Categorical:       1.568544
print(f"F.cross_entropy:   {expected.item():.6f}")
#> F.cross_entropy:   1.568544

torch.testing.assert_close(manual, expected)
torch.testing.assert_close(via_distribution, expected)
