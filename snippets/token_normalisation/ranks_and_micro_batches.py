# 2 ranks x 2 micro-batches, simulated in one process: the per-micro-batch mean changes the loss and
# the gradient; dividing token-loss sums by the global token count reproduces one big batch exactly.
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
world_size, accumulation_steps, V, H = 2, 2, 10, 6
head = nn.Linear(H, V, bias=False).double()  # the model: a language-model head
hidden = torch.randn(world_size, accumulation_steps, 8, H, dtype=torch.float64)
labels = torch.randint(0, V, (world_size, accumulation_steps, 8))
labels[0, 0, 3:] = -100  # padding differs between micro-batches: 3, 8, 5 and 1 real tokens
labels[1, 0, 5:] = -100
labels[1, 1, 1:] = -100

# The reference: all 32 positions in one batch on one device.
big = F.cross_entropy(head(hidden.reshape(-1, H)), labels.reshape(-1))
(big_grad,) = torch.autograd.grad(big, head.weight)


def train_step(normalise):
    """Accumulate gradients on every rank, then average over ranks as DDP's all-reduce does."""
    replicas = [copy.deepcopy(head) for _ in range(world_size)]
    logged = 0.0
    for rank, model in enumerate(replicas):
        for step in range(accumulation_steps):
            logits, target = model(hidden[rank, step]), labels[rank, step]
            loss = normalise(logits, target)
            loss.backward()  # gradients add up in model.weight.grad
            logged += loss.item() / world_size
    grad = sum(model.weight.grad for model in replicas) / world_size  # DDP averages over ranks
    return logged, grad


def per_micro_batch_mean(logits, target):  # the usual recipe
    return F.cross_entropy(logits, target) / accumulation_steps


total_tokens = (labels != -100).sum()  # in real training: an all_reduce of each rank's count


def global_token_count(logits, target):  # token-loss sum / tokens of all micro-batches and ranks
    return F.cross_entropy(logits, target, reduction="sum") / total_tokens * world_size


wrong_loss, wrong_grad = train_step(per_micro_batch_mean)
right_loss, right_grad = train_step(global_token_count)
print(f"one big batch ({total_tokens} tokens): loss {big:.6f}")
#> one big batch (17 tokens): loss 2.708432
print(f"mean per micro-batch:       loss {wrong_loss:.6f}, "
      f"largest gradient difference {(wrong_grad - big_grad).abs().max():.4f}")
#> mean per micro-batch:       loss 2.795180, largest gradient difference 0.2467
print(f"sum / global token count:   loss {right_loss:.6f}, "
      f"gradient differences below 1e-15: {(right_grad - big_grad).abs().max().item() < 1e-15}")
#> sum / global token count:   loss 2.708432, gradient differences below 1e-15: True
torch.testing.assert_close(torch.tensor(right_loss, dtype=torch.float64), big.detach())
torch.testing.assert_close(right_grad, big_grad)
assert not torch.allclose(wrong_grad, big_grad)

# The same gradients without knowing n_total during the step: backward the token-loss sums, count
# the tokens as they come, and scale the accumulated gradients by R / n_total once at the end,
# before gradient clipping and optimizer.step().
def token_loss_sum(logits, target):
    return F.cross_entropy(logits, target, reduction="sum")


_, summed_grad = train_step(token_loss_sum)
scaled_grad = summed_grad * world_size / total_tokens  # DDP averaged over R ranks: undo, divide
print(f"sums, gradients scaled at the end: "
      f"gradient differences below 1e-15: {(scaled_grad - big_grad).abs().max().item() < 1e-15}")
#> sums, gradients scaled at the end: gradient differences below 1e-15: True
torch.testing.assert_close(scaled_grad, big_grad)
