# CrossEntropyLoss on (N, 1) logits: one class, softmax = 1, loss 0, no gradient, no learning.
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(4, 1)  # one output unit, as for BCE
features = torch.randn(8, 4)
labels = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]).unsqueeze(1)  # (N, 1) floats
optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
before = model.weight.detach().clone()

for step in range(3):
    optimizer.zero_grad()
    loss = nn.CrossEntropyLoss()(model(features), labels)  # same shapes: read as probabilities
    loss.backward()
    optimizer.step()
    print(f"step {step}: loss {loss.item()}, |grad| {model.weight.grad.abs().sum().item()}")
    #> step 0: loss -0.0, |grad| 0.0
    #> step 1: loss -0.0, |grad| 0.0
    #> step 2: loss -0.0, |grad| 0.0
print("weights changed:", not torch.equal(model.weight, before))
#> weights changed: False
print("log_softmax of one logit:", model(features[:2]).log_softmax(dim=1).flatten())
#> log_softmax of one logit: tensor([0., 0.], grad_fn=<ViewBackward0>)

try:  # the same labels as class indices: class 1 does not exist when C = 1
    nn.CrossEntropyLoss()(model(features), labels.squeeze(1).long())
except IndexError as err:
    print(f"{type(err).__name__}: {err}")
    #> IndexError: Target 1 is out of bounds.
