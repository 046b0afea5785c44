# float32 logits cost 4 * N * V bytes, and their gradient as much again.
import torch

V = 128256  # Llama 3's vocabulary
N = 8 * 4096  # a batch of 8 sequences of 4096 tokens
chunk_size = 1024

print(f"logits (N, V):          {4 * N * V / 1e9:.1f} GB")
#> logits (N, V):          16.8 GB
print(f"their gradient:         {4 * N * V / 1e9:.1f} GB")
#> their gradient:         16.8 GB
print(f"one chunk (1024, V):    {4 * chunk_size * V / 1e9:.2f} GB")
#> one chunk (1024, V):    0.53 GB
assert torch.empty(2, 3).nbytes == 4 * 2 * 3  # 4 bytes per float32 element
