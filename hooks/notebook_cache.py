"""MkDocs hook: executed notebooks are cached per Python environment.

mkdocs-jupyter keys its cache by the notebook and its own options only, so a torch upgrade would
keep serving outputs computed by the old version. This hook points its ``cache_dir`` at
``.cache/mkdocs-jupyter/<environment key>/<config>/``: any install, upgrade or removal of a package
changes the key, so the notebooks run again. Each config gets its own folder, as mkdocs-jupyter
deletes the entries a build did not use. ``NOTEBOOK_CACHE=false`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import pathlib
import shutil
import sys
import typing

CACHE = pathlib.Path(__file__).resolve().parent.parent / ".cache" / "mkdocs-jupyter"


def environment_key() -> str:
    """A hash of the Python, the environment's prefix (the same for ``python`` and ``python3``,
    which `mkdocs` runs) and the name and version of every installed distribution (the names of
    their ``*.dist-info`` and ``*.egg-info`` folders on the import path)."""
    dists = sorted(path.name for entry in sys.path for pattern in ("*.dist-info", "*.egg-info")
                   for path in pathlib.Path(entry or ".").glob(pattern))
    text = "\n".join([sys.version, sys.prefix, *dists])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def on_config(config: typing.Any) -> None:
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is None or not plugin.config["cache"]:
        return
    key = environment_key()
    for stale in CACHE.glob("*"):  # other environments' notebooks
        if stale.is_dir() and stale.name != key:
            shutil.rmtree(stale, ignore_errors=True)
    plugin.config["cache_dir"] = str(CACHE / key / pathlib.Path(config.config_file_path).stem)
