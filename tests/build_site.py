"""Build the site, English into SITE and Chinese into SITE/zh: ``python -m tests.build_site SITE``.

Both strict builds run at once, one per core; the Chinese one goes to a folder beside SITE and moves
into SITE/zh when both are done, since the English build starts by emptying SITE.
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
    jobs = {"en": ["--site-dir", str(site)],
            "zh": ["-f", "mkdocs.zh.yml", "--site-dir", str(zh_tmp)]}
    # the mkdocs command, as contributors run it (`python -m mkdocs` would put the working
    # directory on sys.path and hide a hook that imports from the repository root)
    mkdocs = str(pathlib.Path(sys.executable).parent / "mkdocs")

    def run(args: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
        start = time.monotonic()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        done = subprocess.run([mkdocs, "build", "--strict", *args], cwd=ROOT, env=env, text=True,
                              capture_output=capture)
        return done, time.monotonic() - start

    with concurrent.futures.ThreadPoolExecutor(len(jobs)) as pool:
        results = list(pool.map(run, jobs.values()))
    for done, _ in results:
        if done.returncode:
            shutil.rmtree(zh_tmp, ignore_errors=True)
            raise subprocess.CalledProcessError(done.returncode, done.args, done.stdout,
                                                done.stderr)
    shutil.rmtree(site / "zh", ignore_errors=True)
    os.replace(zh_tmp, site / "zh")
    return [(name, seconds) for name, (_, seconds) in zip(jobs, results)]


if __name__ == "__main__":
    started = time.monotonic()
    try:
        times = build(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "site"))
    except subprocess.CalledProcessError as failed:
        sys.exit(failed.returncode)
    print(", ".join(f"{name} built in {seconds:.1f} s" for name, seconds in times)
          + f" (at the same time: {time.monotonic() - started:.1f} s in all)")
