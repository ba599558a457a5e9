"""Configuration of the index: field boosts, BM25F parameters, loading and indexing settings.

One frozen :class:`Config` is built once (defaults, then a TOML file) and passed explicitly to
every function that needs it; nothing here is module-level mutable state.

The TOML file (``--config FILE`` or ``$DOZABAN_CONFIG``) may set any of these, all optional::

    [boosts]            # query-time weight of each full-text field
    title = 3.0
    lead = 1.5
    body = 1.0
    tags = 1.5

    [scoring]           # BM25F
    k1 = 1.2
    b = 0.75

    [loading]
    include = ["*.jsonl", "*.md", "*.markdown", "*.txt"]
    exclude = [".*"]
    store_extra = false # keep JSON keys outside the canonical shape in the stored field `extra`

    [indexing]
    procs = 0           # 0: parallel only when the input is at least parallel_min_mb
    parallel_min_mb = 16

Boosts are applied at query time (see :mod:`index.boosts`), so changing one needs no reindex.

The index location is resolved by :func:`default_index_dir`: ``$DOZABAN_INDEX`` if set, else
``$XDG_DATA_HOME/dozaban/index``, else ``~/.local/share/dozaban/index``.
"""

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from index.errors import ConfigError

#: The full-text fields, the only fields a boost may name.
FULLTEXT_FIELDS = ("title", "lead", "body", "tags")

DEFAULT_BOOSTS = MappingProxyType({"title": 3.0, "lead": 1.5, "body": 1.0, "tags": 1.5})
DEFAULT_INCLUDE = ("*.jsonl", "*.md", "*.markdown", "*.txt")
DEFAULT_EXCLUDE = (".*",)

ENV_INDEX = "DOZABAN_INDEX"
ENV_CONFIG = "DOZABAN_CONFIG"


@dataclass(frozen=True)
class Config:
    """Every setting of the index layer; build it with :func:`load_config` or ``Config()``."""

    boosts: Mapping[str, float] = DEFAULT_BOOSTS
    k1: float = 1.2
    b: float = 0.75
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    store_extra: bool = False
    procs: int = 0
    parallel_min_mb: float = 16.0
    source_path: Path | None = field(default=None, compare=False)

    def __post_init__(self):
        boosts = dict(DEFAULT_BOOSTS)
        boosts.update(self.boosts)
        for name, value in boosts.items():
            if name not in FULLTEXT_FIELDS:
                raise ConfigError(self._where() + f"unknown boost field {name!r}; "
                                  f"boosts apply to {', '.join(FULLTEXT_FIELDS)}")
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ConfigError(self._where() + f"boost of {name!r} must be a number >= 0, "
                                  f"not {value!r}")
        object.__setattr__(self, "boosts", MappingProxyType({k: float(v) for k, v in boosts.items()}))
        _check_number(self, "k1", self.k1, low=0.0)
        _check_number(self, "b", self.b, low=0.0, high=1.0)
        _check_number(self, "parallel_min_mb", self.parallel_min_mb, low=0.0)
        if not isinstance(self.procs, int) or isinstance(self.procs, bool) or self.procs < 0:
            raise ConfigError(self._where() + f"procs must be an integer >= 0, not {self.procs!r}")
        object.__setattr__(self, "include", tuple(self.include))
        object.__setattr__(self, "exclude", tuple(self.exclude))

    def _where(self):
        return f"{self.source_path}: " if self.source_path else ""

    def with_boosts(self, **boosts):
        """A copy with some boosts changed: ``config.with_boosts(title=5.0)``."""
        return replace(self, boosts={**self.boosts, **boosts})


def _check_number(config, name, value, low, high=None):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= low
    if ok and high is not None:
        ok = value <= high
    if not ok:
        bound = f"between {low} and {high}" if high is not None else f">= {low}"
        raise ConfigError(config._where() + f"{name} must be a number {bound}, not {value!r}")


# TOML section -> {key: Config attribute}
_SECTIONS = {
    "scoring": {"k1": "k1", "b": "b"},
    "loading": {"include": "include", "exclude": "exclude", "store_extra": "store_extra"},
    "indexing": {"procs": "procs", "parallel_min_mb": "parallel_min_mb"},
}


def load_config(path=None, environ=None):
    """Build the :class:`Config`: defaults, overridden by the TOML file at ``path``.

    Without ``path``, ``$DOZABAN_CONFIG`` names the file; with neither, the defaults are used.
    Raises :class:`ConfigError` naming the file for a missing file, bad TOML, an unknown key or a
    bad value.
    """
    environ = os.environ if environ is None else environ
    if path is None:
        path = environ.get(ENV_CONFIG) or None
    if path is None:
        return Config()
    import tomllib  # here, not at the top: a search without a configuration file never needs it

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return config_from_mapping(data, source_path=path)


def config_from_mapping(data, source_path=None):
    """The :class:`Config` described by parsed TOML ``data`` (see the module docstring)."""
    where = f"{source_path}: " if source_path else ""
    kwargs = {"source_path": source_path}
    for section, values in data.items():
        if not isinstance(values, dict):
            raise ConfigError(where + f"{section!r} must be a [section]")
        if section == "boosts":
            kwargs["boosts"] = values
            continue
        if section not in _SECTIONS:
            raise ConfigError(where + f"unknown section [{section}]; expected one of "
                              f"boosts, {', '.join(_SECTIONS)}")
        for key, value in values.items():
            if key not in _SECTIONS[section]:
                raise ConfigError(where + f"unknown key {key!r} in [{section}]; expected one of "
                                  f"{', '.join(_SECTIONS[section])}")
            kwargs[_SECTIONS[section][key]] = value
    for key in ("include", "exclude"):
        if key in kwargs and not (isinstance(kwargs[key], list)
                                  and all(isinstance(p, str) for p in kwargs[key])):
            raise ConfigError(where + f"{key} must be a list of glob patterns")
    if "store_extra" in kwargs and not isinstance(kwargs["store_extra"], bool):
        raise ConfigError(where + "store_extra must be true or false")
    return Config(**kwargs)


def default_index_dir(environ=None):
    """Where the index lives unless ``--index`` says otherwise.

    ``$DOZABAN_INDEX`` if set, else ``$XDG_DATA_HOME/dozaban/index``, else
    ``~/.local/share/dozaban/index``. The search layer uses the same function.
    """
    environ = os.environ if environ is None else environ
    if environ.get(ENV_INDEX):
        return Path(environ[ENV_INDEX]).expanduser()
    data_home = environ.get("XDG_DATA_HOME")
    if data_home:
        return Path(data_home).expanduser() / "dozaban" / "index"
    home = environ.get("HOME")
    base = Path(home) if home else Path.home()
    return base / ".local" / "share" / "dozaban" / "index"
