"""Build the whole site: English into SITE, then Chinese into SITE/zh (``make test``, tests/conftest.py).

    python -m tests.build_site site

Both builds are strict. Both builds share a mkdocs-jupyter cache in a fresh temporary folder (so the
English build never reuses a previous run): a notebook without a translation is executed once, by
the English build, and reused by the Chinese one; a translated notebook (docs/notebooks/X.zh.py) is
executed a second time by the Chinese build, since its source differs. The plots are drawn once
(hooks/plots.py's cache).
Prints each build's time.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def build(site: pathlib.Path, capture: bool = False) -> list[tuple[str, float]]:
    """Build both languages into ``site``; raise CalledProcessError (output kept) if one fails."""
    site = site.resolve()
    times = []
    with tempfile.TemporaryDirectory(prefix="notebook-cache-") as cache:
        env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "NOTEBOOK_CACHE": "true",
            "NOTEBOOK_CACHE_DIR": cache,
        }
        for name, args in [
            ("en", ["--site-dir", str(site)]),
            ("zh", ["-f", "mkdocs.zh.yml", "--site-dir", str(site / "zh")]),
        ]:
            start = time.monotonic()
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
                cwd=ROOT, env=env, check=True, capture_output=capture, text=True,
            )
            times.append((name, time.monotonic() - start))
    return times


if __name__ == "__main__":
    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    try:
        times = build(target)
    except subprocess.CalledProcessError as failed:
        sys.exit(failed.returncode)
    print(", ".join(f"{name} built in {seconds:.1f} s" for name, seconds in times))
