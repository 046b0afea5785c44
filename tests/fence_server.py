"""Run code blocks as a reader does, each in a fresh process, recording what each line prints.

Started once a session (``python tests/fence_server.py``), it imports torch and numpy once, then
forks a child per block, which runs it as a brand-new ``__main__``: nothing one block does (RNG
state, print options, patches) reaches the next, yet a block costs milliseconds, not seconds.

Protocol, one JSON object a line: in ``{"source": str, "filename": str}``; out ``{"records":
[[stream, line, text], ...], "error": traceback or null, "raw": str}``, where ``line`` is the line
of the block's outermost frame that wrote ``text`` to sys.stdout/stderr (null if no frame of the
block was on the stack) and ``raw`` is what reached file descriptors 1 and 2 directly.
"""

import importlib.util
import io
import json
import os
import signal
import sys
import tempfile
import traceback
import types

# What is imported before forking (a missing one is left out): torch, and the libraries that Keras
# and JAX import underneath, none of which prints, warns or reads the environment when imported.
# Never one whose import a block configures or shows (keras reads KERAS_BACKEND, jax JAX_PLATFORMS,
# paddle adds a logging handler). $FENCE_PRELOAD overrides it (tests/test_doc_outputs.py: "").
PRELOAD = os.environ.get(
    "FENCE_PRELOAD", "numpy torch torch.nn torch.nn.functional ml_dtypes scipy.stats sklearn.base"
).split()
TIMEOUT_S = int(os.environ.get("FENCE_TIMEOUT_S", 300))  # then SIGALRM kills it, even in C code


class Recorder(io.TextIOBase):
    """A text stream that records which line of the block wrote each piece of text."""

    def __init__(self, stream: str, filename: str, records: list) -> None:
        self.stream, self.filename, self.records = stream, filename, records

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        stack = traceback.walk_stack(sys._getframe())  # outwards: the block's top level is last
        lines = [line for frame, line in stack if frame.f_code.co_filename == self.filename]
        self.records.append((self.stream, lines[-1] if lines else None, text))
        return len(text)


def run_block(source: str, filename: str) -> dict:
    """Execute one block in this (freshly forked) process; return what it printed."""
    records: list = []
    error = None
    main = types.ModuleType("__main__")
    main.__file__ = filename  # (exec adds __builtins__)
    sys.modules["__main__"], sys.argv = main, [filename]
    sys.stdout = Recorder("stdout", filename, records)
    sys.stderr = Recorder("stderr", filename, records)
    try:
        exec(compile(source, filename, "exec", dont_inherit=True), main.__dict__)
    except SystemExit as exc:  # even exit(0): the rest of the block never ran
        error = f"SystemExit: {exc.code} (a block must run to its end)"
    except BaseException as exc:  # the traceback from the block's own frames on
        error = "".join(traceback.format_exception(exc.with_traceback(exc.__traceback__.tb_next)))
    return {"records": records, "error": error}


def serve_one(request: dict) -> dict:
    with (tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as raw,
          tempfile.TemporaryDirectory() as workdir):
        pid = os.fork()
        if pid == 0:  # the child: its own cwd, no stdin, fd 1 and 2 captured
            try:
                os.chdir(workdir)
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # never the protocol's stdin
                os.dup2(raw.fileno(), 1)
                os.dup2(raw.fileno(), 2)
                signal.alarm(TIMEOUT_S)
                payload = json.dumps(run_block(request["source"], request["filename"]))
            except BaseException:
                payload = json.dumps({"records": [], "error": traceback.format_exc()})
            out.write(payload.encode())
            out.flush()
            os._exit(0)
        status = os.waitpid(pid, 0)[1]
        out.seek(0)
        raw.seek(0)
        payload, raw_text = out.read(), raw.read().decode("utf-8", "replace")
    died = f"the process running the block died (status {status})"
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM:
        died = f"the block ran for more than {TIMEOUT_S} s"
    result = json.loads(payload) if payload else {"records": [], "error": died}
    result["raw"] = raw_text
    return result


if __name__ == "__main__":
    for name in PRELOAD:
        if importlib.util.find_spec(name.split(".")[0]):  # ml_dtypes comes with the frameworks only
            importlib.import_module(name)
    if "torch" in PRELOAD:  # the lazy imports of the first assert_close (sympy...), done once;
        import torch  # one-element tensors start no thread pool, so forking stays safe

        torch.testing.assert_close(torch.zeros(1), torch.zeros(1))
    for line in sys.stdin:  # one request a line, from tests/doc_outputs.py
        print(json.dumps(serve_one(json.loads(line))), flush=True)
