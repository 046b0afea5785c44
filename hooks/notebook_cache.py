"""MkDocs hook: executed notebooks are cached by default, per Python environment.

mkdocs-jupyter caches a converted notebook under a key made of the notebook's bytes and its own
options only, so a torch (or any package) upgrade would keep serving outputs computed by the old
version. This hook points its ``cache_dir`` at ``.cache/mkdocs-jupyter/<environment key>/``, where
the key hashes the Python version and the name and version of every installed distribution: any
upgrade, downgrade, install or removal changes the folder, so the notebook runs again; folders of
other environments are deleted. Each configuration (mkdocs.yml, mkdocs.zh.yml) gets a subfolder of
its own: mkdocs-jupyter deletes every cache entry that a build did not use, so with one shared folder
the English build evicted the Chinese notebook and the Chinese build the English one, and every
build executed its notebook again. ``NOTEBOOK_CACHE=false`` turns the cache off (a fresh clone, as in
CI, has no cache and executes the notebook anyway). With the cache on, ``mkdocs serve`` rebuilds in
about a second after a page or snippet edit instead of executing the notebook each time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import pathlib
import shutil
import sys
import types
import typing

log = logging.getLogger("mkdocs.hooks.notebook_cache")
ROOT = pathlib.Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "mkdocs-jupyter"


def _path_stamps() -> tuple[tuple[str, int], ...]:
    """Each import path with its modification time: installing, upgrading or removing a package
    adds or removes a ``*.dist-info`` folder (or a ``.pth`` file) there, which changes it."""
    stamps = []
    for entry in sys.path:
        try:
            stamps.append((entry, os.stat(entry or ".").st_mtime_ns))
        except OSError:
            stamps.append((entry, -1))
    return tuple(stamps)


def environment_key() -> str:
    """The key of the installed environment; computed again only when an import path changed
    (reading every distribution's metadata takes ~0.25 s of CPU, on each rebuild of
    ``mkdocs serve``)."""
    memo = sys.modules.setdefault("_site_notebook_env_key", types.ModuleType("_site_notebook_env_key"))
    stamps = (sys.version, sys.executable, _path_stamps())
    if getattr(memo, "stamps", None) != stamps:
        memo.key, memo.stamps = _environment_key(), stamps
    return memo.key


def _environment_key() -> str:
    dists = sorted(
        f"{d.metadata['Name']}=={d.version}".lower()
        for d in importlib.metadata.distributions()
        if d.metadata["Name"]
    )
    text = "\n".join([sys.version, sys.executable, *dists])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def on_config(config: typing.Any) -> typing.Any:
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["cache"]:
        return config
    key = environment_key()
    folder = CACHE / key
    if CACHE.is_dir():
        for stale in CACHE.iterdir():
            if stale.is_dir() and stale.name != key:
                shutil.rmtree(stale, ignore_errors=True)
            elif stale.is_file():  # entries of the content-only cache used before this hook
                stale.unlink()
    plugin.config["cache_dir"] = str(folder / pathlib.Path(config.config_file_path).stem)
    return config
