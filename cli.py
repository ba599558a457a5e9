"""The ``dozaban`` command line: one click group, thin commands over the library.

The library raises :class:`index.errors.DozabanError`; this module turns errors into one-line
messages and exit codes, and is the only place that prints.

Exit codes: 0 success, 1 other error, 2 usage, 64 a query that cannot run, 65 bad input in
``--strict`` mode or a malformed glossary file, 66 no index or source, 75 index locked by another writer (try again later), 78 bad configuration.
"""

import dataclasses
import json
import sys
from pathlib import Path

import click

from index.errors import (ConfigError, DozabanError, GlossaryError, IndexLockedError,
                          IndexNotFoundError, IndexVersionError, LoadError, QueryError,
                          StrictInputError)

EXIT_CODES = ((StrictInputError, 65), (IndexVersionError, 65), (IndexNotFoundError, 66),
              (LoadError, 66),
              (IndexLockedError, 75), (ConfigError, 78), (QueryError, 64), (GlossaryError, 65))
SAMPLES = Path(__file__).resolve().parent / "samples"
#: Problems listed one per line before the rest are only counted.
MAX_PROBLEM_LINES = 20


class DozabanFailure(click.ClickException):
    """A library error as a click error with its exit code."""

    def __init__(self, error):
        super().__init__(str(error))
        self.exit_code = next((code for kind, code in EXIT_CODES if isinstance(error, kind)), 1)
        self.problems = getattr(error, "problems", ())

    def show(self, file=None):
        for line in _problem_lines(self.problems):
            click.echo(line, err=True)
        super().show(file)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dozaban", prog_name="dozaban")
def main():
    """Dozaban (دوزبان): full-text search for mixed Persian and English collections."""


# ------------------------------------------------------------------------------------------------
# Shared options
# ------------------------------------------------------------------------------------------------

def index_option(command):
    return click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
                        help="Index directory (default: $DOZABAN_INDEX, else "
                             "$XDG_DATA_HOME/dozaban/index, else ~/.local/share/dozaban/index).")(command)


def config_option(command):
    return click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                        help="TOML configuration (default: $DOZABAN_CONFIG, else built-in "
                             "defaults).")(command)


def quiet_option(command):
    return click.option("-q", "--quiet", is_flag=True,
                        help="No progress bar and no summary; problems and errors still go to "
                             "stderr.")(command)


def json_option(command):
    return click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(command)


def wait_option(command):
    return click.option("--wait", type=click.FloatRange(min=0), default=0.0, show_default=True,
                        metavar="SECONDS",
                        help="Wait this long for another writer to finish (default: fail at "
                             "once).")(command)


def source_options(command):
    for option in reversed((
        click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option("--include", multiple=True, metavar="GLOB",
                     help="Only files matching this name pattern in directories (repeatable; "
                          "default *.jsonl *.md *.markdown *.txt)."),
        click.option("--exclude", multiple=True, metavar="GLOB",
                     help="Skip files and directories matching this pattern (repeatable; "
                          "default .*)."),
        click.option("--strict", is_flag=True,
                     help="Any bad input fails the run and changes nothing."),
    )):
        command = option(command)
    return command


# ------------------------------------------------------------------------------------------------
# Index commands: index, rebuild, rollback, stats, demo
# ------------------------------------------------------------------------------------------------

@main.command("index")
@source_options
@click.option("--prune", is_flag=True,
              help="Remove documents whose source file or record under SOURCE disappeared.")
@index_option
@config_option
@wait_option
@quiet_option
@json_option
def index_command(sources, include, exclude, strict, prune, index_dir, config_file, wait, quiet,
                  as_json):
    """Add or update documents from SOURCE files and directories (unchanged ones are skipped)."""
    from index import update

    with _library_errors():
        store, config = _open(index_dir, config_file, include, exclude)
        with _progress(quiet, "indexing") as progress:
            summary = update(store, list(sources), config, prune=prune, strict=strict, wait=wait,
                             progress=progress)
    _report(summary, quiet, as_json)


@main.command()
@source_options
@click.option("--procs", type=click.IntRange(min=1), default=None,
              help="Writer processes (default: parallel only for large inputs).")
@click.option("--allow-shrink", is_flag=True,
              help="Publish even if the new index holds less than half the documents of the "
                   "live one (refused by default: a truncated source would empty the index).")
@index_option
@config_option
@wait_option
@quiet_option
@json_option
def rebuild(sources, include, exclude, strict, procs, allow_shrink, index_dir, config_file, wait,
            quiet, as_json):
    """Build a new generation from SOURCE..., check it and switch readers to it atomically."""
    from index import rebuild as rebuild_index

    with _library_errors():
        store, config = _open(index_dir, config_file, include, exclude)
        with _progress(quiet, "rebuilding") as progress:
            summary = rebuild_index(store, list(sources), config, strict=strict, wait=wait,
                                    progress=progress, procs=procs, allow_shrink=allow_shrink)
    _report(summary, quiet, as_json)


@main.command()
@index_option
@wait_option
@quiet_option
def rollback(index_dir, wait, quiet):
    """Switch readers back to the previous generation."""
    from index import IndexStore, default_index_dir

    with _library_errors():
        store = IndexStore(index_dir or default_index_dir())
        with store.lock(wait):
            left, now = store.rollback()
    if not quiet:
        click.echo(f"rollback: {store.path} now serves generation {now.name} "
                   f"(was {left.name})")


@main.command()
@index_option
@json_option
def stats(index_dir, as_json):
    """Documents per language and source, generation, size on disk, last build."""
    from index import IndexStore, collect_stats, default_index_dir

    with _library_errors():
        result = collect_stats(IndexStore(index_dir or default_index_dir()))
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"index:       {result.path}")
    click.echo(f"generation:  {result.generation} (rollback: {result.rollback_target or 'none'})")
    click.echo(f"documents:   {result.documents}")
    click.echo("languages:   " + _counts(result.by_lang))
    click.echo("sources:     " + _counts(result.by_source))
    click.echo(f"size:        {_mb(result.generation_bytes)} (directory {_mb(result.total_bytes)})")
    click.echo(f"last build:  {result.build_kind or '?'} at {result.built_at or '?'}, "
               f"{result.build_seconds if result.build_seconds is not None else '?'} s")


@main.command()
@index_option
@quiet_option
def demo(index_dir, quiet):
    """Index the bundled sample corpus (samples/) at the index location."""
    with _library_errors():
        summary = demo_index(index_dir, quiet)
    _report(summary, quiet, as_json=False)
    demo_search(index_dir)


def demo_index(index_dir, quiet):
    """Build or refresh the index of ``samples/``; returns the run summary.

    An index of the samples built by an older Dozaban (another schema version) is rebuilt; any
    other index of an older version is left alone, with the error saying how to rebuild it.
    """
    from index import rebuild, update
    from index.errors import IndexVersionError

    store, config = _open(index_dir, None, (), ())
    with _progress(quiet, "indexing samples") as progress:
        try:
            return update(store, [SAMPLES], config, prune=True, progress=progress)
        except IndexVersionError:
            if not _holds_only_samples(store, config):
                raise
            return rebuild(store, [SAMPLES], config, progress=progress)


def _holds_only_samples(store, config):
    from index.document import Document
    from index.loaders import discover, read_documents
    from index.update import read_existing

    samples = {d.id for d in read_documents(discover([SAMPLES], config), config)
               if isinstance(d, Document)}
    return set(read_existing(store.open())) <= samples


# ------------------------------------------------------------------------------------------------
# Helpers of the index commands
# ------------------------------------------------------------------------------------------------

def _open(index_dir, config_file, include, exclude):
    from index import IndexStore, default_index_dir, load_config

    config = load_config(config_file)
    if include:
        config = dataclasses.replace(config, include=tuple(include))
    if exclude:
        config = dataclasses.replace(config, exclude=tuple(exclude))
    return IndexStore(index_dir or default_index_dir()), config


class _library_errors:
    """Turn a DozabanError into a click error with its exit code."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, DozabanError):
            raise DozabanFailure(error) from error
        return False


class _progress:
    """A progress callback drawing a bar on a terminal, and nothing otherwise."""

    def __init__(self, quiet, label):
        self.enabled = not quiet and sys.stderr.isatty()
        self.label = label
        self.bar = None
        self.shown = 0

    def __enter__(self):
        return self.update if self.enabled else None

    def update(self, done, total):
        if self.bar is None:
            self.bar = click.progressbar(length=max(total, 1), label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False


def _report(summary, quiet, as_json):
    for line in _problem_lines(summary.problems):
        click.echo(line, err=True)
    if as_json:
        data = dataclasses.asdict(summary)
        data["problems"] = [str(p) for p in summary.problems]
        click.echo(json.dumps(data, ensure_ascii=False))
    elif not quiet:
        click.echo(summary_line(summary))


def summary_line(summary):
    """The one-line summary of an index or rebuild run."""
    if summary.kind == "rebuild":
        what = f"{summary.added} documents"
    else:
        what = (f"{summary.added} added, {summary.updated} updated, "
                f"{summary.unchanged} unchanged, {summary.deleted} deleted")
    live = f"generation {summary.generation}" if summary.generation else "no index"
    if summary.kind == "index" and not summary.changed:
        live += " (unchanged)"
    counts = summary.problem_counts()
    problems = f"{len(summary.problems)} problem{'s' * (len(summary.problems) != 1)}"
    if counts:
        problems += " (" + ", ".join(f"{n} {kind}" for kind, n in counts.items()) + ")"
    procs = f", {summary.procs} processes" if summary.procs > 1 else ""
    return (f"{summary.kind}: {what}; {summary.documents} in {live}; {problems}; "
            f"{summary.duration:.1f} s{procs}")


def _problem_lines(problems):
    lines = [f"warning: {p}" for p in problems[:MAX_PROBLEM_LINES]]
    if len(problems) > MAX_PROBLEM_LINES:
        lines.append(f"warning: ... and {len(problems) - MAX_PROBLEM_LINES} more problems")
    return lines


def _counts(counts):
    return ", ".join(f"{k} {v}" for k, v in counts.items()) or "-"


def _mb(size):
    return f"{size / (1024 * 1024):.2f} MB"


# ------------------------------------------------------------------------------------------------
# Search commands (search, glossary) go below this line.
# ------------------------------------------------------------------------------------------------

DEMO_QUERY = "Gaza ceasefire"


@main.command()
@click.argument("query", required=False)
@index_option
@config_option
@json_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None,
              help="Hits to show (default 10; 1000 in batch mode).")
@click.option("--lang", type=click.Choice(["fa", "en"]), help="Only documents in this language.")
@click.option("--source", help="Only documents of this source.")
@click.option("--tag", "tags", multiple=True, help="Only documents with this tag (repeatable).")
@click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="Earliest date.")
@click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Latest date.")
@click.option("--no-expand", is_flag=True, help="Search only the words as typed (no glossary, "
                                                 "no transliteration).")
@click.option("--match", type=click.Choice(["auto", "all", "any"]), default=None,
              help="all: every concept must match (in either language); any: one is enough; "
                   "auto: all, falling back to any. Default: auto, or any in batch mode.")
@click.option("--explain", is_flag=True, help="Show which glossary entries and spellings fired.")
@click.option("--feedback/--no-feedback", default=None,
              help="Also search the words of the best documents (pseudo-relevance feedback). "
                   "Default: off; on in batch mode unless --no-expand.")
@click.option("--queries", "queries_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Batch mode: a 'qid<TAB>query' file; writes a TREC run (see --run).")
@click.option("--run", "run_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Batch mode: the TREC run file to write (default: standard output).")
@click.option("--run-tag", default="dozaban", show_default=True,
              help="Batch mode: the last column of the run file.")
def search(query, index_dir, config_file, as_json, limit, lang, source, tags, date_from, date_to,
           no_expand, match, explain, feedback, queries_file, run_file, run_tag):
    """Search the index: words, "phrases", AND/OR/NOT, field:word, prefix*, fuzzy~, lang:fa,
    source:X, tags:X, date:2024-03 or date:2024-01-01..2024-03-31.

    English queries also find Persian documents and Persian queries English ones (turn off with
    --no-expand). Batch mode: dozaban search --queries Q.tsv --run OUT.txt --limit 1000
    """
    if (query is None) == (queries_file is None):
        raise click.UsageError("give a QUERY, or --queries FILE for batch mode (not both)")
    with _library_errors():
        # One search does not repay NumPy's import (search.dense); a batch does.
        engine = _engine(index_dir, config_file, vectorized=queries_file is not None)
        with engine:
            if queries_file is not None:
                _batch(engine, queries_file, run_file, limit or 1000, match or "any",
                       not no_expand, run_tag, as_json,
                       not no_expand if feedback is None else feedback)
                return
            results = engine.search(
                query, limit=limit or 10, lang=lang, source=source, tags=tags,
                date_from=date_from.date() if date_from else None,
                date_to=date_to.date() if date_to else None, expand=not no_expand,
                match=match or "auto", feedback=bool(feedback))
    if as_json:
        data = results.as_dict()
        if not explain:
            data.pop("concepts")
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    _print_results(results, explain)


@main.group()
def glossary():
    """Inspect the bilingual glossary: check, lookup, list."""


@glossary.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@json_option
def glossary_check(files, as_json):
    """Load every glossary file, report errors (with file and line) and warnings.

    With FILES: check only those (a glossary of your own, before adding it to the configuration).
    """
    with _library_errors():
        if files:
            from analyzers import analyze_query
            from search.glossary import Glossary, read_files

            tiers = [(Glossary(*read_files(files, analyze_query), tier="curated"), None)]
        else:
            tiers = _glossaries()
    problems = [str(p) for g, _ in tiers for p in g.problems]
    if as_json:
        click.echo(json.dumps({"tiers": {g.tier: len(g) for g, _ in tiers}, "warnings": problems},
                              ensure_ascii=False))
        return
    for line in problems:
        click.echo(f"warning: {line}", err=True)
    for g, weight in tiers:
        weighted = f" (weight {weight})" if weight is not None else ""
        click.echo(f"{g.tier}: {len(g)} entries{weighted}; {len(g.problems)} warnings")


@glossary.command("lookup")
@click.argument("text")
@json_option
def glossary_lookup(text, as_json):
    """The glossary entries TEXT (English or Persian) matches, longest match first."""
    from analyzers import analyze_query
    from search.expand import expand

    with _library_errors():
        tiers = _glossaries()
        from search.config import SearchSettings
        concepts = expand(analyze_query(text), text, tiers, SearchSettings.from_env())
    rows = [{"text": c.text, "lang": c.lang,
             "alternatives": [{"display": a.display, "lang": a.lang, "weight": round(a.weight, 3),
                               "origin": a.origin} for a in c.alternatives]} for c in concepts]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    if not rows:
        click.echo("no searchable words")
    for row in rows:
        click.echo(f"{row['text']} ({row['lang']})")
        if not row["alternatives"]:
            click.echo("    (not in the glossary)")
        for alt in row["alternatives"]:
            click.echo(f"    {alt['display']}  [{alt['lang']}, {alt['weight']}]  {alt['origin']}")


@glossary.command("list")
@click.option("--tier", type=click.Choice(["curated", "lexicon"]), default="curated",
              show_default=True)
@click.option("--kind", type=click.Choice(["name", "term"]), help="Only names or only terms.")
@json_option
def glossary_list(tier, kind, as_json):
    """Every entry of a glossary tier, one per line (english, persian, kind, source)."""
    with _library_errors():
        tiers = _glossaries()
    for g, _ in tiers:
        if g.tier != tier:
            continue
        for e in g.entries:
            if kind and e.kind != kind:
                continue
            if as_json:
                click.echo(json.dumps({"english": e.english, "persian": e.persian, "kind": e.kind,
                                       "source": e.source}, ensure_ascii=False))
            else:
                click.echo(f"{' | '.join(e.english)}\t{' | '.join(e.persian)}\t{e.kind}\t{e.source}")


def demo_search(index_dir, query=DEMO_QUERY):
    """After ``demo`` indexed the samples: a cross-lingual query finding both languages."""
    with _library_errors():
        with _engine(index_dir, None, vectorized=False) as engine:
            results = engine.search(query, limit=5)
    click.echo(f"\n$ dozaban search {query!r}")
    _print_results(results, explain=True)


def _engine(index_dir, config_file, vectorized=True):
    from index.config import load_config
    from search import Engine
    from search.config import SearchSettings

    return Engine.open(index_dir, config=load_config(config_file),
                       settings=SearchSettings.from_env(vectorized=vectorized))


def _glossaries():
    from analyzers import analyze_query
    from search.config import SearchSettings
    from search.glossary import bundled_files, load_glossary
    from search.lexicons import load_lexicons

    s = SearchSettings.from_env()
    tiers = [(load_glossary(bundled_files() + s.glossary_files, analyze_query, s.cache_dir),
              s.translation_weight)]
    if s.lexicon_dir:
        tiers.append((load_lexicons(s.lexicon_dir, analyze_query, s.cache_dir), s.lexicon_weight))
    return tiers


def _batch(engine, queries_file, run_file, limit, match, expand, tag, as_json, feedback):
    from search.trec import read_queries, run_batch

    queries = read_queries(queries_file)
    if run_file is None:
        summary = run_batch(engine, queries, sys.stdout, limit, tag, match, expand, feedback)
    else:
        with open(run_file, "w", encoding="utf-8") as out:
            summary = run_batch(engine, queries, out, limit, tag, match, expand, feedback)
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(summary)), err=run_file is None)
    else:
        click.echo(f"batch: {summary.queries} queries, {summary.lines} run lines, "
                   f"{len(summary.empty)} without hits", err=True)


def _print_results(results, explain):
    if explain:
        for concept in results.concepts:
            alts = "; ".join(f"{a.display} [{a.lang} {a.weight}] ({a.origin})"
                             for a in concept.alternatives) or "no expansion"
            click.echo(f"  {concept.text} ({concept.lang}) -> {alts}")
        if results.feedback:
            words = ", ".join(f"{w} {v}" for w, v in results.feedback)
            click.echo(f"  feedback words (from the best documents): {words}")
    for notice in results.notices:
        click.echo(f"note: {notice}")
    if results.suggestion:
        click.echo(f"did you mean: {results.suggestion}")
    if not results.hits:
        click.echo("no results")
        return
    click.echo(f"{len(results.hits)} of {results.total} results (match {results.mode}):")
    for hit in results.hits:
        click.echo(f"{hit.rank:>3}. [{hit.lang or '?'}] {hit.id}  {hit.score:.2f}  {hit.title}")
        if hit.snippet is not None:
            text = hit.snippet.render("[", "]").replace("\n", " ")
            click.echo(f"     {text}")


if __name__ == "__main__":
    main(prog_name="dozaban")
