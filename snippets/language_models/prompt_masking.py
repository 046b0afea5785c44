# Fine-tuning on answers only: label the prompt tokens -100 too, and they drop out of the mean.
import torch
import torch.nn.functional as F

torch.manual_seed(0)
V = 10
input_ids = torch.tensor([[3, 7, 1, 4, 2, 6]])  # prompt = first 3 tokens, answer = last 3
prompt_length = 3
logits = torch.randn(1, 6, V)

labels = input_ids.clone()
labels[:, :prompt_length] = -100  # no loss on predicting the prompt
loss = F.cross_entropy(logits[:, :-1].reshape(-1, V), labels[:, 1:].reshape(-1))

# Only the positions that predict answer tokens (t = 2, 3, 4 predict tokens 3, 4, 5) count:
log_probs = logits[0].log_softmax(dim=-1)
manual = -(log_probs[2, 4] + log_probs[3, 2] + log_probs[4, 6]) / 3
print(f"answer-only loss: by hand {manual:.4f}, torch {loss:.4f}")
#> answer-only loss: by hand 2.6094, torch 2.6094
torch.testing.assert_close(manual, loss)

full = F.cross_entropy(logits[:, :-1].reshape(-1, V), input_ids[:, 1:].reshape(-1))
print(f"loss over all 5 predictions, prompt included: {full:.4f}")
#> loss over all 5 predictions, prompt included: 2.9141
