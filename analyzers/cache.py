"""Where Dozaban keeps derived data between runs (the parsed lexicon, the parsed glossary).

``$DOZABAN_CACHE`` if set (``off`` disables caching), else ``$XDG_CACHE_HOME/dozaban``, else
``~/.cache/dozaban``. Everything kept there can be rebuilt from its sources, so a missing, stale,
unreadable or unwritable cache only costs time.
"""

import functools
import hashlib
import os
import pickle
from pathlib import Path

ENV_CACHE = "DOZABAN_CACHE"


def default_cache_dir(environ=None):
    """The cache directory, or ``None`` when caching is off."""
    environ = os.environ if environ is None else environ
    value = environ.get(ENV_CACHE)
    if value:
        return None if value.lower() == "off" else Path(value).expanduser()
    base = environ.get("XDG_CACHE_HOME") or os.path.join(environ.get("HOME") or str(Path.home()),
                                                         ".cache")
    return Path(base) / "dozaban"


def cached(path, build):
    """The pickle at ``path`` if it loads, else ``build()``, written there for next time."""
    if path is None:
        return build()
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value


@functools.cache
def code_fingerprint():
    """A digest of the analyzers' code and data files, once per process.

    Everything cached from analyzer output (the lexicon, the glossary's keys) is keyed by it, so a
    change to the analyzers invalidates those caches.
    """
    digest = hashlib.sha256()
    stack = [Path(__file__).parent]
    while stack:
        for item in sorted(stack.pop().iterdir(), key=lambda p: p.name):
            if item.is_dir() and item.name != "__pycache__":
                stack.append(item)
            elif item.name.endswith((".py", ".txt", ".tsv")):
                digest.update(item.name.encode())
                digest.update(item.read_bytes())
    return digest.hexdigest()
