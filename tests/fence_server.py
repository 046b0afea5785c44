"""Run code blocks the way a reader runs them: each in a fresh process, recording what it prints.

This file is a small fork server. It is started once per test session as
``python tests/fence_server.py``; it imports torch and numpy once (the slow part, ~2 s), then for
every request it forks a child that runs one block in a brand-new ``__main__`` module. Nothing a block
does (RNG state, print options, default dtype, monkey-patching) can reach the next block, exactly as
if each had been pasted into its own fresh interpreter, but each costs milliseconds, not seconds.

Protocol: one JSON object per line on stdin ``{"source": str, "filename": str}``; one JSON object per
line on stdout ``{"records": [[stream, line, text], ...], "error": str | null, "raw": str}``:

- ``records``: every write to ``sys.stdout``/``sys.stderr``, with the line of the block's *outermost*
  frame that was running when it happened (the top-level statement; ``None`` if no frame of the
  block was on the stack),
- ``error``: the traceback of an uncaught exception (or of a crash of the child),
- ``raw``: anything written to file descriptors 1 and 2 directly, bypassing Python (C extensions).
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import json
import os
import sys
import tempfile
import traceback
import types

# What the server imports before it forks (a missing one is left out): torch, and the libraries
# that Keras and JAX import underneath (1.3 s a block), none of which prints, warns or reads the
# environment when imported. Never a library whose import a block configures or shows: keras reads
# KERAS_BACKEND, jax JAX_PLATFORMS, and paddle adds a logging handler and a warning.
# $FENCE_PRELOAD (module names, space-separated) overrides it, as tests/test_doc_outputs.py does.
PRELOAD = os.environ.get(
    "FENCE_PRELOAD", "numpy torch torch.nn torch.nn.functional ml_dtypes scipy.stats sklearn.base"
).split()


class _Recorder(io.TextIOBase):
    """A text stream that remembers which line of the block wrote each piece of text."""

    def __init__(self, name: str, filename: str, records: list) -> None:
        self.name_ = name
        self.filename = filename
        self.records = records

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:  # torch and numpy format the same either way; say no like a pipe
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        line = None
        frame = sys._getframe(1)
        while frame is not None:  # walk outwards; the last match is the block's top level
            if frame.f_code.co_filename == self.filename:
                line = frame.f_lineno
            frame = frame.f_back
        self.records.append((self.name_, line, text))
        return len(text)


def run_block(source: str, filename: str) -> dict:
    """Execute one block in this (freshly forked) process and return what it printed."""
    records: list = []
    error = None
    main = types.ModuleType("__main__")
    main.__file__ = filename
    main.__builtins__ = __builtins__
    sys.modules["__main__"] = main
    sys.argv = [filename]
    sys.stdout = _Recorder("stdout", filename, records)
    sys.stderr = _Recorder("stderr", filename, records)
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
        exec(code, main.__dict__)
    except SystemExit as exc:  # even exit(0): whatever the block would do after it never ran
        error = f"SystemExit: {exc.code} (a block must run to its end)"
    except BaseException as exc:  # report from the block's own frames on, not this file's
        tb = exc.__traceback__.tb_next if exc.__traceback__ else None
        error = "".join(traceback.format_exception(type(exc), exc, tb))
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    return {"records": records, "error": error}


def _serve_one(request: dict) -> dict:
    read_end, write_end = os.pipe()
    with tempfile.TemporaryFile() as raw, tempfile.TemporaryDirectory() as workdir:
        pid = os.fork()
        if pid == 0:  # the child: a fresh __main__, its own cwd, fd 1/2 captured
            os.close(read_end)
            try:
                os.chdir(workdir)
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)  # a block must not read the protocol's stdin
                os.dup2(raw.fileno(), 1)
                os.dup2(raw.fileno(), 2)
                result = run_block(request["source"], request["filename"])
                payload = json.dumps(result).encode()
            except BaseException:
                payload = json.dumps({"records": [], "error": traceback.format_exc()}).encode()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        raw.seek(0)
        raw_text = raw.read().decode("utf-8", "replace")
    if payload:
        result = json.loads(payload)
    else:
        result = {"records": [], "error": f"the process running the block died (status {status})"}
    result["raw"] = raw_text
    return result


def _warm_up() -> None:
    """Do once, here, the lazy imports every block would otherwise pay for (~0.7 s each).

    The first ``torch.testing.assert_close`` imports sympy and torch.distributed.tensor. It runs on
    one-element tensors, which never start torch's intra-op thread pool, so forking stays safe.
    """
    for name in PRELOAD:
        if importlib.util.find_spec(name.split(".")[0]):  # ml_dtypes comes with the frameworks only
            importlib.import_module(name)
    if "torch" in PRELOAD:
        import torch

        torch.testing.assert_close(torch.zeros(1), torch.zeros(1))


def main() -> None:
    _warm_up()
    protocol = sys.stdout
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        result = _serve_one(json.loads(line))
        protocol.write(json.dumps(result) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
