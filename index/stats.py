"""``stats``: what the live index holds.

Documents per language and per source, generation, rollback target, size on disk, and the last
build's time and duration (from the generation's BUILD.json).
"""

import os
from dataclasses import asdict, dataclass

from whoosh.query import Term


@dataclass(frozen=True)
class IndexStats:
    """A snapshot of the live index; :meth:`as_dict` is what ``stats --json`` prints."""

    path: str
    generation: str
    rollback_target: str | None
    documents: int
    by_lang: dict
    by_source: dict
    generation_bytes: int
    total_bytes: int
    built_at: str | None
    build_kind: str | None
    build_seconds: float | None

    def as_dict(self):
        return asdict(self)


def collect_stats(store):
    """The :class:`IndexStats` of ``store``'s live generation."""
    generation = store.current()
    info = store.build_info(generation)
    target = store.rollback_target()
    ix = store.open(generation)
    with ix.searcher() as searcher:
        by_lang = _counts(searcher, "lang")
        by_source = _counts(searcher, "source")
        documents = searcher.doc_count()
    return IndexStats(
        path=str(store.path), generation=generation.name,
        rollback_target=target.name if target else None, documents=documents,
        by_lang=by_lang, by_source=by_source,
        generation_bytes=_size(generation.path), total_bytes=_size(store.path),
        built_at=info.get("built_at"), build_kind=info.get("kind"),
        build_seconds=info.get("duration_s"))


def _counts(searcher, field):
    # Lexicon doc frequencies count deleted documents too, so count live matches instead.
    counts = {}
    for term in searcher.reader().lexicon(field):
        value = term.decode("utf-8") if isinstance(term, bytes) else term
        n = sum(1 for _ in searcher.docs_for_query(Term(field, value)))
        if n:
            counts[value] = n
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _size(path):
    """Bytes under ``path``, each hard-linked file counted once."""
    seen = set()
    total = 0
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            st = os.stat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_size
    return total
