# Trained to its optimum, a model under label smoothing eps is at most 1 - eps + eps/C confident.
import torch
import torch.nn.functional as F

C = 5
target = torch.tensor([2])
for eps in (0.0, 0.1, 0.2):
    logits = torch.zeros(1, C, requires_grad=True)  # free logits: the most flexible model
    optimizer = torch.optim.SGD([logits], lr=1.0)
    gaps = []  # true logit minus another logit, after 1000 and after 2000 steps
    for step in range(2000):
        optimizer.zero_grad()
        F.cross_entropy(logits, target, label_smoothing=eps).backward()
        optimizer.step()
        if step + 1 in (1000, 2000):
            gaps.append(f"{(logits[0, 2] - logits[0, 0]).item():.2f}")
    confidence = logits.softmax(dim=1).max().item()
    print(f"eps={eps}: confidence {confidence:.4f}  1-eps+eps/C = {1 - eps + eps / C:.4f}"
          f"  logit gap {' -> '.join(gaps)}")
    #> eps=0.0: confidence 0.9996  1-eps+eps/C = 1.0000  logit gap 8.51 -> 9.21
    #> eps=0.1: confidence 0.9200  1-eps+eps/C = 0.9200  logit gap 3.83 -> 3.83
    #> eps=0.2: confidence 0.8400  1-eps+eps/C = 0.8400  logit gap 3.04 -> 3.04
    if eps > 0:  # converged to the smoothed target's largest entry
        assert abs(confidence - (1 - eps + eps / C)) < 1e-4
