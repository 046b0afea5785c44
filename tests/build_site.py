"""Build the site, English into SITE and Chinese into SITE/zh: ``python -m tests.build_site SITE``.

Both strict builds run at once, one per core; the Chinese one goes to a folder beside SITE and moves
into SITE/zh when both are done, since the English build starts by emptying SITE.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import time

from tests.fences import ROOT

if __name__ == "__main__":
    site = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    zh_tmp = site.with_name(site.name + ".zh-build")
    # the mkdocs command, as contributors run it (`python -m mkdocs` would put the working
    # directory on sys.path and hide a hook that imports from the repository root)
    mkdocs = [pathlib.Path(sys.executable).with_name("mkdocs"), "build", "--strict"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.monotonic()
    jobs = [["--site-dir", site], ["-f", "mkdocs.zh.yml", "--site-dir", zh_tmp]]
    builds = [subprocess.Popen([*mkdocs, *args], cwd=ROOT, env=env) for args in jobs]
    if any([build.wait() for build in builds]):  # a list: wait for both
        shutil.rmtree(zh_tmp, ignore_errors=True)
        sys.exit(1)
    shutil.rmtree(site / "zh", ignore_errors=True)
    os.replace(zh_tmp, site / "zh")
    print(f"built en and zh at once in {time.monotonic() - started:.1f} s")
