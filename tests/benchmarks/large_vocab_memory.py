"""Peak memory of plain vs chunked cross-entropy of a linear output layer, forward and backward.

Not a test (docs/practice/large-vocabularies.md cites it); run it by hand:

    .venv/bin/python tests/benchmarks/large_vocab_memory.py [N H V CHUNK]

Each variant runs in a process of its own, which reports its peak resident size (ru_maxrss) above
the size it had once its inputs and their gradients were allocated: what the loss and backward need.
"""

from __future__ import annotations

import pathlib
import resource
import runpy
import subprocess
import sys

CHUNKED = pathlib.Path(__file__).resolve().parents[2] / "snippets" / "large_vocab" / "chunked.py"


def rss_kib() -> int:
    status = pathlib.Path("/proc/self/status").read_text()
    return int(next(line for line in status.split("\n") if line.startswith("VmRSS:")).split()[1])


def child(variant: str, n: int, h: int, v: int, chunk: int) -> None:
    import torch
    import torch.nn.functional as F

    chunked_cross_entropy = runpy.run_path(str(CHUNKED))["chunked_cross_entropy"]
    torch.set_num_threads(1)
    torch.manual_seed(0)
    hidden = torch.randn(n, h, requires_grad=True)
    weight = (torch.randn(v, h) / h**0.5).requires_grad_()
    target = torch.randint(0, v, (n,))
    hidden.grad, weight.grad = torch.zeros_like(hidden), torch.zeros_like(weight)  # both need them
    before = rss_kib()
    if variant == "plain":
        loss = F.cross_entropy(hidden @ weight.T, target)
    else:
        loss = chunked_cross_entropy(hidden, weight, target, chunk_size=chunk)
    loss.backward()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before, loss.item())  # KiB


def main(n: int = 4096, h: int = 256, v: int = 32768, chunk: int = 1024) -> None:
    logits = 4 * n * v
    print(f"N={n} H={h} V={v} chunk_size={chunk}: one float32 (N, V) logits tensor = "
          f"{logits / 2**20:.0f} MiB, one chunk = {4 * chunk * v / 2**20:.0f} MiB")
    extra = {}
    for variant in ("plain", "chunked"):
        args = [sys.executable, __file__, "--child", variant, *map(str, (n, h, v, chunk))]
        kib, loss = subprocess.run(args, check=True, capture_output=True, text=True).stdout.split()
        extra[variant] = int(kib) * 1024
        print(f"{variant:8} peak above inputs {extra[variant] / 2**20:7.0f} MiB "
              f"({extra[variant] / logits:.2f} x the logits), loss {float(loss):.6f}")
    print(f"ratio plain / chunked: {extra['plain'] / extra['chunked']:.1f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], *map(int, sys.argv[3:]))
    else:
        main(*map(int, sys.argv[1:5]))
