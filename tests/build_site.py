"""Build the whole site: English into SITE, then Chinese into SITE/zh (``make test``, tests/conftest.py).

    python -m tests.build_site site

Both builds are strict. The executed notebook is cached per Python environment
(hooks/notebook_cache.py: the key changes with any installed package, and the notebook's bytes are
part of it). A notebook without a translation is executed once, by the English build, and reused by
the Chinese one; a translated notebook (docs/notebooks/X.zh.py) is executed by the Chinese build,
since its source differs. A rebuild with nothing changed executes nothing; a fresh clone (CI) has
no cache and executes both. The plots are drawn once (hooks/plots.py's cache).
Prints each build's time.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def build(site: pathlib.Path, capture: bool = False) -> list[tuple[str, float]]:
    """Build both languages into ``site``; raise CalledProcessError (output kept) if one fails."""
    site = site.resolve()
    times = []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
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
