"""Index analysis of stored text, a word at a time through a memo: the same tokens, less work.

Snippets run the index chain over the stored text of every hit they show, and most words of a
news story have been analyzed before, in an earlier hit or an earlier search. The chain treats
each word on its own, except where :class:`~analyzers.filters.PersianCompoundFilter` joins a word
with a piece written apart (کتاب ها, می روم). So the text is cut into *groups*: a word, with the
pieces that may join it. Each group's tokens come from the memo, or from the chain run over the
group alone, which gives exactly what the chain gives for the group inside the whole text (and
a text whose groups are mostly new, as in a fresh process, is run through the chain whole, its
groups' tokens kept for next time):

- the tokenizer finds the same words in a group as in the text (no pattern looks behind a word);
- normalization, folding, stopwords and stems look at one token at a time;
- the compound filter joins a Persian word only with the next token when that token is Persian,
  follows it across white space alone, and is a suffix piece (ها, ای...) or follows a prefix
  piece (می, نمی). A group is cut wherever that cannot happen, and kept whole wherever it might.

``tests/analyzers/test_memo.py`` compares both on real news text.
"""

import itertools

from analyzers.filters import PREFIX_WORDS, SUFFIX_WORDS, _cached_normalize_persian
from analyzers.normalize import ZWNJ
from analyzers.tokenizers import _GAP_CHARS, TOKEN_PATTERN


class MemoizedAnalysis:
    """``tokens(text)``: the ``(term, startchar, endchar)`` of every token that
    ``analyzer(text, chars=True, mode="index")`` gives, in the same order.

    ``analyzer`` must be built from :class:`~analyzers.tokenizers.BilingualTokenizer` and the
    filters of :mod:`analyzers.filters` (any of the package's analyzers). The memo keeps up to
    ``max_entries`` groups and is emptied when full; it is safe to share between threads.
    """

    def __init__(self, analyzer, max_entries=50_000):
        self.analyzer = analyzer
        self.max_entries = max_entries
        self.memo = {}

    #: Above this share of the first ``HEAD`` groups missing from the memo, the chain runs over
    #: the whole text once (and fills the memo from it) rather than once per missing group, which
    #: costs more. Only the head is judged: readers such as snippets often stop early, and the
    #: rest of a text they stopped in is never filled.
    STREAM_SHARE, HEAD = 0.25, 64

    def tokens(self, text):
        memo = self.memo
        groups = self.pieces(text)  # lazily: a reader that stops early needs no more
        head = list(itertools.islice(groups, self.HEAD))
        groups = itertools.chain(head, groups)
        missing = sum(1 for _, _, piece in head if piece not in memo)
        if missing > self.STREAM_SHARE * len(head):
            yield from self._stream(text, groups)
            return
        get = memo.get
        for start, _, piece in groups:
            found = get(piece)
            if found is None:
                found = self._remember(piece, tuple(
                    (t.text, t.startchar, t.endchar)
                    for t in self.analyzer(piece, chars=True, mode="index")))
            if found:
                if start:
                    for term, s, e in found:
                        yield term, start + s, start + e
                else:
                    yield from found

    def _stream(self, text, groups):
        """The chain over the whole text, each group's tokens kept as it completes."""
        group, pending = next(groups, None), []  # the group being filled, and its tokens so far
        for t in self.analyzer(text, chars=True, mode="index"):
            token = (t.text, t.startchar, t.endchar)
            while t.startchar >= group[1]:  # the token starts past the group: it is complete
                self._close(group, pending)
                group, pending = next(groups), []
            pending.append(token)
            yield token
        while group is not None:  # the last group, and any after it that gave no token
            self._close(group, pending)
            group, pending = next(groups, None), []

    def _close(self, group, tokens):
        start, _, piece = group
        if piece not in self.memo:
            self._remember(piece, tuple((term, s - start, e - start) for term, s, e in tokens))

    def _remember(self, piece, tokens):
        if len(self.memo) >= self.max_entries:
            self.memo.clear()
        self.memo[piece] = tokens
        return tokens

    def pieces(self, text):
        """``(start, end, text[start:end])`` of the groups of ``text`` (see the module docstring).

        The words are found as :class:`~analyzers.tokenizers.BilingualTokenizer` finds them
        (its pattern, its scripts, its white space), without making tokens. A group of one word
        comes with the matched word itself: no second copy of it, whose hash the memo would
        compute again.
        """
        start = end = word = None  # the open group, and its text while it is one word
        persian = False  # the open group ends with a Persian word the next piece may join
        prefix = False  # ... and that word, as the compound filter holds it, is a bare prefix
        kinds = _KINDS.get
        for match in TOKEN_PATTERN.finditer(text):
            kind = _OTHER
            if match.lastindex == 2:  # a Persian word
                piece = match.group(2)
                kind = kinds(piece) or _kind(piece)  # a kind is never 0
            if kind == _OTHER:  # not a Persian word (or Persian digits)
                if start is not None:
                    yield start, end, word or text[start:end]
                    start = None
                t_start, t_end = match.span()
                yield t_start, t_end, text[t_start:t_end]
                persian = False
                continue
            t_start, t_end = match.span()
            if kind == _DROPPED:  # dropped before the compound filter: the word before stays open
                if start is None:
                    start = t_start
                end, word = t_end, None
                continue
            if persian and (prefix or kind & _SUFFIX) and not text[end:t_start].strip(_GAP_CHARS):
                # A suffix piece is dropped; a word after a prefix makes it a whole word.
                prefix = prefix and kind & _SUFFIX
                end, word = t_end, None
                continue
            if start is not None:
                yield start, end, word or text[start:end]
            start, end, word = t_start, t_end, piece
            persian, prefix = True, kind & _PREFIX
        if start is not None:
            yield start, end, word or text[start:end]


# What pieces() needs to know of a Persian word as written: flags of its normalized form, cached.
_WORD, _SUFFIX, _PREFIX, _DROPPED, _OTHER = 4, 1, 2, 8, 16
_KINDS = {}
_MAX_KINDS = 200_000


def _kind(word):
    if word.isdigit():
        kind = _OTHER
    else:
        norm = _cached_normalize_persian(word)
        if not norm:
            kind = _DROPPED
        else:
            kind = _WORD | (_SUFFIX if norm in SUFFIX_WORDS else 0) | (
                _PREFIX if _is_prefix(norm) else 0)
    if len(_KINDS) >= _MAX_KINDS:
        _KINDS.clear()
    _KINDS[word] = kind
    return kind


def index_tokens(text, analyzer):
    """``(term, startchar, endchar)`` of the index tokens of ``text``.

    ``analyzer``: a Whoosh analyzer, or a :class:`MemoizedAnalysis` of one (the same tokens, most
    of them from its memo).
    """
    if isinstance(analyzer, MemoizedAnalysis):
        return analyzer.tokens(text)
    return ((t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index"))


def _is_prefix(word):
    return word in PREFIX_WORDS or any(p in PREFIX_WORDS for p in word.split(ZWNJ))


__all__ = ["MemoizedAnalysis", "index_tokens"]
