# Causal LM loss: logits at position t are scored against token t+1; padding labels are -100.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
V = 10  # vocabulary size
input_ids = torch.tensor([[3, 7, 1, 4, 2],
                          [5, 2, 8, 0, 0]])  # the second sequence has 3 real tokens, then 2 pads
attention_mask = torch.tensor([[1, 1, 1, 1, 1],
                               [1, 1, 1, 0, 0]])
logits = torch.randn(2, 5, V)  # what the model returns for input_ids: (N, T, V)

labels = input_ids.masked_fill(attention_mask == 0, -100)  # Hugging Face's `labels`
shift_logits = logits[:, :-1, :]  # positions 0..T-2 predict ...
shift_labels = labels[:, 1:]  # ... tokens 1..T-1
loss = F.cross_entropy(shift_logits.reshape(-1, V), shift_labels.reshape(-1))  # ignore_index=-100

# By hand: every (sequence, position) whose next token is real, and the mean over those.
terms = []
for n in range(2):
    for t in range(4):
        next_token = labels[n, t + 1].item()
        if next_token != -100:
            terms.append(-logits[n, t].log_softmax(dim=0)[next_token])
manual = torch.stack(terms).mean()
print(f"{len(terms)} predicted tokens: by hand {manual:.4f}, torch {loss:.4f}")
#> 6 predicted tokens: by hand 3.5333, torch 3.5333
torch.testing.assert_close(manual, loss)
