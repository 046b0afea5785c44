"""Build the whole site: English into SITE, Chinese into SITE/zh (``make test``, tests/conftest.py).

    python -m tests.build_site site

Both builds are strict and run at the same time (two processes, one per core): the Chinese one
builds into a folder beside SITE and is moved to SITE/zh when both have finished, since the English
build starts by emptying SITE. The executed notebook is cached per Python environment and per
configuration (hooks/notebook_cache.py: the key changes with any installed package, and the
notebook's bytes are part of it), so a rebuild with nothing changed executes nothing; a fresh clone
(CI) has no cache and executes both notebooks. The plots are drawn once (hooks/plots.py's cache).
Prints each build's time.
"""

from __future__ import annotations

import concurrent.futures
import os
import pathlib
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def build(site: pathlib.Path, capture: bool = False) -> list[tuple[str, float]]:
    """Build both languages into ``site``; raise CalledProcessError (output kept) if one fails."""
    site = site.resolve()
    zh_tmp = site.with_name(site.name + ".zh-build")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    jobs = {
        "en": ["--site-dir", str(site)],
        "zh": ["-f", "mkdocs.zh.yml", "--site-dir", str(zh_tmp)],
    }
    def run(name: str) -> tuple[subprocess.CompletedProcess[str], float]:
        start = time.monotonic()
        done = subprocess.run(
            # The mkdocs command, as contributors run it (`python -m mkdocs` would also put the
            # working directory on sys.path, and hide a hook that imports from the repository root).
            [str(pathlib.Path(sys.executable).parent / "mkdocs"), "build", "--strict", *jobs[name]],
            cwd=ROOT, env=env, capture_output=capture, text=True,
        )
        return done, time.monotonic() - start

    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        results = dict(zip(jobs, pool.map(run, jobs)))
    times = [(name, seconds) for name, (_, seconds) in results.items()]
    failed = next((done for done, _ in results.values() if done.returncode), None)
    if failed:
        shutil.rmtree(zh_tmp, ignore_errors=True)
        raise subprocess.CalledProcessError(failed.returncode, failed.args, failed.stdout, failed.stderr)
    shutil.rmtree(site / "zh", ignore_errors=True)
    os.replace(zh_tmp, site / "zh")
    return times


if __name__ == "__main__":
    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    started = time.monotonic()
    try:
        times = build(target)
    except subprocess.CalledProcessError as failed:
        sys.exit(failed.returncode)
    print(
        ", ".join(f"{name} built in {seconds:.1f} s" for name, seconds in times)
        + f" (at the same time: {time.monotonic() - started:.1f} s in all)"
    )
