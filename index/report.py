"""What a run reports: problems found in the input and the summary of the run.

Bad input never stops a run silently: each problem names its file and line, the summary counts
them, and ``strict`` runs turn any of them into a :class:`~index.errors.StrictInputError`.
"""

from dataclasses import dataclass

# Kinds of problem, as they appear in messages and in the summary's counts.
BAD_JSON = "malformed JSON"
BAD_UTF8 = "invalid UTF-8"
MISSING_ID = "missing id"
DUPLICATE_ID = "duplicate id"
EMPTY = "empty document"
BINARY = "binary file"
BAD_FIELD = "bad field"
UNREADABLE = "unreadable file"


@dataclass(frozen=True)
class Problem:
    """One bad input: ``line`` is ``None`` for whole-file problems."""

    kind: str
    path: str
    line: int | None
    message: str
    size: int = 0

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class RunSummary:
    """The outcome of an ``index`` or ``rebuild`` run.

    ``generation`` is the live generation after the run (unchanged when nothing changed).
    """

    kind: str
    generation: str | None
    documents: int
    added: int
    updated: int
    unchanged: int
    deleted: int
    problems: tuple[Problem, ...]
    duration: float
    procs: int = 1

    @property
    def changed(self):
        return bool(self.added or self.updated or self.deleted)

    def problem_counts(self):
        """``{kind: count}`` of the problems, in first-seen order."""
        counts = {}
        for p in self.problems:
            counts[p.kind] = counts.get(p.kind, 0) + 1
        return counts
