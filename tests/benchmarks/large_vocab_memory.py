"""Peak memory of plain vs chunked cross-entropy of a linear output layer, forward and backward.

Not a test (pytest collects only test_*.py): run it by hand,

    .venv/bin/python tests/benchmarks/large_vocab_memory.py [N H V CHUNK]

Each variant runs in its own subprocess, which reports its peak resident set size (ru_maxrss) above
the resident size it had once torch was imported and the inputs were allocated. The difference is
the memory the loss and its backward needed on top of the inputs.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

CHILD = """
import importlib.util, resource, sys
import torch
import torch.nn.functional as F

variant, n, h, v, chunk = sys.argv[1], *map(int, sys.argv[2:])
spec = importlib.util.spec_from_file_location("chunked", {chunked!r})
chunked = importlib.util.module_from_spec(spec)
spec.loader.exec_module(chunked)
torch.set_num_threads(1)
torch.manual_seed(0)
hidden = torch.randn(n, h, requires_grad=True)
weight = (torch.randn(v, h) / h**0.5).requires_grad_()
target = torch.randint(0, v, (n,))
hidden.grad = torch.zeros_like(hidden)  # allocate the gradients up front: both variants need them
weight.grad = torch.zeros_like(weight)


def rss_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])


before = rss_kib()
if variant == "plain":
    loss = F.cross_entropy(hidden @ weight.T, target)
else:
    loss = chunked.chunked_cross_entropy(hidden, weight, target, chunk_size=chunk)
loss.backward()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(peak - before, loss.item())
"""


def measure(variant: str, n: int, h: int, v: int, chunk: int) -> tuple[int, float]:
    code = CHILD.format(chunked=str(ROOT / "snippets" / "large_vocab" / "chunked.py"))
    out = subprocess.run(
        [sys.executable, "-c", code, variant, str(n), str(h), str(v), str(chunk)],
        check=True, capture_output=True, text=True,
    ).stdout.split()
    return int(out[0]) * 1024, float(out[1])


def main() -> None:
    n, h, v, chunk = (int(a) for a in sys.argv[1:5]) if len(sys.argv) > 4 else (4096, 256, 32768, 1024)
    logits_bytes = 4 * n * v
    print(f"N={n} H={h} V={v} chunk_size={chunk}: one float32 (N, V) logits tensor = "
          f"{logits_bytes / 2**20:.0f} MiB, one chunk = {4 * chunk * v / 2**20:.0f} MiB")
    results = {variant: measure(variant, n, h, v, chunk) for variant in ("plain", "chunked")}
    for variant, (extra, loss) in results.items():
        print(f"{variant:8} peak above inputs {extra / 2**20:7.0f} MiB "
              f"({extra / logits_bytes:.2f} x the logits), loss {loss:.6f}")
    print(f"ratio plain / chunked: {results['plain'][0] / results['chunked'][0]:.1f}")


if __name__ == "__main__":
    main()
