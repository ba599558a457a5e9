"""Per-field boosts and BM25F, applied at query time.

Boosts live in :attr:`index.config.Config.boosts` and nowhere else; nothing is boosted at index
time, so changing a boost in the TOML configuration changes the ranking with no reindex. The search
layer builds every full-text query through this module:

* :func:`weighting` – the ranking model to pass to ``ix.searcher(weighting=...)``
  (:class:`index.scoring.BM25`: Lucene's idf; single words across fields are scored by
  :class:`index.scoring.BM25FTerm`, true BM25F with these boosts);
* :func:`boosted_query` – parse user text over all full-text fields, each term boosted per field;
* :func:`across_fields` – combine per-field sub-queries the caller built (for example glossary
  expansions), each boosted once by its field's boost.
"""

from whoosh import qparser
from whoosh.query import NullQuery, Or

from index.config import FULLTEXT_FIELDS
from index.scoring import BM25


def weighting(config):
    """BM25 (Lucene's idf) with the configured ``k1`` and ``b``."""
    return BM25(B=config.b, K1=config.k1)


def field_boosts(config, schema):
    """``{field: boost}`` of the full-text fields of ``schema`` whose boost is above zero."""
    return {name: config.boosts[name] for name in FULLTEXT_FIELDS
            if name in schema and config.boosts.get(name, 0) > 0}


def boosted_parser(schema, config, group="and"):
    """A Whoosh parser over the boosted full-text fields.

    ``group="and"``: every word must match in some field; ``"or"``: any word may.
    """
    boosts = field_boosts(config, schema)
    grouping = qparser.AndGroup if group == "and" else qparser.OrGroup
    return qparser.MultifieldParser(list(boosts), schema, fieldboosts=boosts, group=grouping)


def boosted_query(text, schema, config, group="and"):
    """The Whoosh query for ``text`` over every full-text field, boosted per field."""
    return boosted_parser(schema, config, group).parse(text)


def across_fields(make_query, schema, config):
    """``Or`` of ``make_query(field)`` for every boosted full-text field, each with its boost.

    ``make_query`` returns a Whoosh query for one field (or ``None`` to skip the field).
    """
    parts = []
    for name, boost in field_boosts(config, schema).items():
        query = make_query(name)
        if query is not None and query is not NullQuery:
            parts.append(query.with_boost(query.boost * boost))
    return Or(parts) if parts else NullQuery
