"""Where Dozaban keeps derived data between runs (the parsed lexicon, the parsed glossary).

``$DOZABAN_CACHE`` if set (``off`` disables caching), else ``$XDG_CACHE_HOME/dozaban``, else
``~/.cache/dozaban``. Everything kept there can be rebuilt from its sources, so a missing, stale,
unreadable or unwritable cache only costs time.
"""

import functools
import hashlib
import os
import pickle
import time
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


#: What reading a damaged or foreign cache file may raise; each means "rebuild it".
READ_ERRORS = (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError,
               ValueError, IndexError, KeyError)


def cached(path, build, encode=None, decode=None):
    """``decode`` of the file at ``path`` if it decodes, else ``build()``, written there for next
    time with ``encode``.

    ``encode(value) -> bytes`` and ``decode(bytes) -> value`` default to pickle; ``decode``
    signals unusable data by raising one of :data:`READ_ERRORS` (``ValueError`` preferred).
    """
    if path is None:
        return build()
    try:
        data = path.read_bytes()
        value = pickle.loads(data) if decode is None else decode(data)
    except READ_ERRORS:
        pass
    else:
        _touch(path)
        return value
    value = build()
    try:
        blob = (pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) if encode is None
                else encode(value))
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
    except OSError:
        pass
    else:
        _prune(path)
    return value


#: A cache file of the same kind unused for this long is removed when another one is written (one
#: is left behind by every change of the code or the glossary files).
MAX_UNUSED_SECONDS = 30 * 24 * 3600


def _touch(path):
    """Mark ``path`` as used (its modification time); a read-only cache stays as it is."""
    try:
        os.utime(path)
    except OSError:
        pass


def _prune(path, now=None):
    """Remove the files of ``path``'s kind (``<kind>-<digest><suffix>``, and temporary files of
    that kind left by an interrupted write) that have not been used for :data:`MAX_UNUSED_SECONDS`."""
    kind = path.stem.rsplit("-", 1)[0] + "-"
    now = time.time() if now is None else now
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return
    for other in siblings:
        name = other.name
        if other == path or not name.startswith(kind) or not name.endswith((path.suffix, ".tmp")):
            continue
        if "-" in name[len(kind):]:  # a longer kind that shares the prefix (glossary-curated-...)
            continue
        try:
            if now - other.stat().st_mtime > MAX_UNUSED_SECONDS:
                other.unlink()
        except OSError:
            pass


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
