"""The bilingual tokenizer: finds words of either script and remembers where they were.

A Persian word is a run of Arabic-script letters, digits and combining marks, which may contain
half-spaces, ZWJ, tatweel and bidi controls *inside* it (never at its edges): کِتاب‌ها is one token,
not three. A Latin word may contain apostrophes between letters (Iran's, O'Brien); single letters
joined by dots are one word, an acronym (U.S., U.N.: the folding filter drops the dots, so U.S.
meets US). Numbers keep their
decimal and thousands separators (3.5, ۱٬۲۰۰). Anything else that Unicode calls a word character
(Cyrillic, Greek, CJK) is kept as a token of script ``other``.

Each token gets, besides Whoosh's ``text``/``pos``/``startchar``/``endchar``:

* ``script``: ``"fa"``, ``"en"``, ``"num"`` or ``"other"``, which routes it through the filters;
* ``spaced``: True when only white space (or half-spaces) separate it from the previous token, so
  the compound filter may join the two (آتش بس, کتاب ها, می روم) without ever joining across
  punctuation.

The tokenizer never changes the text: normalization happens per token in the filters, so offsets
always point into the original string.
"""

import re
import unicodedata

from whoosh.analysis import Token, Tokenizer

from analyzers.normalize import ACRONYM

_JOINERS = "\u200b\u200c\u200d\u200e\u200f\u061c\u00ad\u202a-\u202e\u2066-\u2069"
_GAP_CHARS = " \t\n\r\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
             "\u202f\u205f\u3000\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e" \
             "\u2066\u2067\u2068\u2069\ufeff"


def _arabic_script_class():
    """Letters, marks and digits of the Arabic-script blocks (punctuation like ، ؛ ؟ excluded)."""
    blocks = [(0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFC)]
    chars = []
    for lo, hi in blocks:
        for cp in range(lo, hi + 1):
            if unicodedata.category(chr(cp))[0] in "LMN":
                chars.append(cp)
    return _ranges(chars)


def _ranges(codepoints):
    out, start, prev = [], None, None
    for cp in codepoints:
        if start is None:
            start = prev = cp
        elif cp == prev + 1:
            prev = cp
        else:
            out.append((start, prev))
            start = prev = cp
    if start is not None:
        out.append((start, prev))
    return "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in out)


_FA = _arabic_script_class()
_LATIN = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
_LATIN_MARKS = "\u0300-\u036f"
_DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"

TOKEN_PATTERN = re.compile(
    rf"({_DIGIT}+(?:[.,\u066b\u066c]{_DIGIT}+)+)"  # 1: numbers with separators
    rf"|([{_FA}](?:[{_JOINERS}]*[{_FA}])*)"  # 2: Persian/Arabic words, joiners inside only
    rf"|((?<![\w.]){ACRONYM}(?:\.|(?![\w.])))"  # 3: acronyms, U.S. and U.N.
    rf"|([{_LATIN}](?:[{_LATIN}{_LATIN_MARKS}]|['\u2019\u02bc](?=[{_LATIN}]))*)"  # 4: Latin words
    r"|([^\W_]+)"  # 5: any other script
)
_SCRIPTS = (None, "num", "fa", "en", "en", "other")


class BilingualTokenizer(Tokenizer):
    """Split mixed Persian/English text into words; see the module docstring."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            t.script = _script_of(value)
            t.spaced = False
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        prev_end = None
        for pos, match in enumerate(TOKEN_PATTERN.finditer(value)):
            start, end = match.span()
            text = match.group(0)
            script = "num" if text.isdigit() else _SCRIPTS[match.lastindex]
            t.text = text
            t.script = script
            gap = start - prev_end if prev_end is not None else 0
            if gap == 1:
                t.spaced = value[prev_end] in _GAP_CHARS
            else:
                t.spaced = gap > 1 and not value[prev_end:start].strip(_GAP_CHARS)
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = t.text
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            prev_end = end
            yield t


def _script_of(text):
    match = TOKEN_PATTERN.match(text)
    return _SCRIPTS[match.lastindex] if match else "other"
