"""The one error hierarchy of Dozaban.

The library raises these and never prints or exits; ``cli.py`` turns them into messages and exit
codes. Every message names what is at fault (a file and line, a query, a glossary entry) and, where
it can, how to fix it.
"""


class DozabanError(Exception):
    """Base class of every error the library raises on purpose."""


class ConfigError(DozabanError):
    """A configuration file or value is invalid."""


class LoadError(DozabanError):
    """A source document could not be loaded (bad JSON, bad UTF-8, missing id, ...).

    ``path`` and ``line`` name the place at fault; ``line`` is ``None`` for whole-file problems.
    """

    def __init__(self, message, path=None, line=None):
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)


class IndexLockedError(DozabanError):
    """Another writer holds the index lock."""


class IndexNotFoundError(DozabanError):
    """No index exists at the given location."""


class IndexVersionError(DozabanError):
    """The index was built with another schema or analyzer version; it needs a rebuild."""


class RebuildError(DozabanError):
    """A rebuild failed its checks; the live index was left as it was."""


class QueryError(DozabanError):
    """A query cannot be run (the message quotes the query)."""


class GlossaryError(DozabanError):
    """A glossary file is malformed (the message names file and line)."""


class StrictInputError(DozabanError):
    """A ``strict`` run met bad input; nothing was changed.

    ``problems`` holds every :class:`index.report.Problem` found, each with its file and line.
    """

    def __init__(self, problems):
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else "bad input"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"strict mode: {first}{more}; the index was not changed")
