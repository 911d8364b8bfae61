"""Tokenization of Python source, as CPython 3.12's tokenize module reports it
(PEP 701 f-strings as FSTRING_START / FSTRING_MIDDLE / FSTRING_END).

The tokens come from the interpreter's own lexer through the native
``_tokenize`` module; this file turns them into TokenInfo tuples and
provides detect_encoding, untokenize and the command-line entry point.
(Egret's own implementation.)"""

import collections
import functools
import itertools as _itertools
import sys
import builtins as _builtins

import token
from token import *
from token import EXACT_TOKEN_TYPES

import _tokenize

__all__ = token.__all__ + ["tokenize", "generate_tokens", "detect_encoding",
                           "untokenize", "TokenInfo", "open", "TokenError"]
del token

_TYPE_BY_NAME = {name: value for value, name in tok_name.items()}


class TokenInfo(collections.namedtuple('TokenInfo', 'type string start end line')):
    """One token: type, string, (row, col) start and end, and its line(s)."""

    def __repr__(self):
        annotated_type = '%d (%s)' % (self.type, tok_name[self.type])
        return ('TokenInfo(type=%s, string=%r, start=%r, end=%r, line=%r)' %
                self._replace(type=annotated_type))

    @property
    def exact_type(self):
        if self.type == OP and self.string in EXACT_TOKEN_TYPES:
            return EXACT_TOKEN_TYPES[self.string]
        return self.type


class TokenError(Exception):
    pass


class StopTokenizing(Exception):
    pass


def _transform_msg(msg):
    if "unterminated triple-quoted string literal" in msg:
        return "EOF in multi-line string"
    if "was never closed" in msg or "unexpected EOF" in msg:
        return "unexpected EOF in multi-line statement"
    return msg


def _split_middle(text, start, raw):
    """Split an FSTRING_MIDDLE the way CPython 3.12 reports it: a doubled
    brace ends a piece with one brace (the other is skipped), and in
    non-raw f-strings a piece ends after each \\N{...} escape. Returns
    (string, start, end) triples."""
    pieces = []
    cur = []
    r, c = start
    cur_start = (r, c)
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in '{}' and i + 1 < n and text[i + 1] == ch:
            cur.append(ch)
            c += 1
            pieces.append((''.join(cur), cur_start, (r, c)))
            c += 1
            i += 2
            cur = []
            cur_start = (r, c)
            continue
        if (ch == '\\' and not raw and i + 2 < n and text[i + 1] == 'N'
                and text[i + 2] == '{'):
            close = text.find('}', i + 3)
            if close >= 0:
                chunk = text[i:close + 1]
                cur.append(chunk)
                c += len(chunk)
                i = close + 1
                pieces.append((''.join(cur), cur_start, (r, c)))
                cur = []
                cur_start = (r, c)
                continue
        if ch == '\\' and i + 1 < n:
            cur.append(text[i:i + 2])
            if text[i + 1] == '\n':
                r += 1
                c = 0
            else:
                c += 2
            i += 2
            continue
        cur.append(ch)
        if ch == '\n':
            r += 1
            c = 0
        else:
            c += 1
        i += 1
    if cur:
        pieces.append((''.join(cur), cur_start, (r, c)))
    return pieces


def _tokens_from_source(source):
    toks, error = _tokenize.tokens(source)
    raw_stack = []
    for name, string, start, end, line in toks:
        if name == 'FSTRING_START':
            raw_stack.append('r' in string.lower())
        elif name == 'FSTRING_END':
            if raw_stack:
                raw_stack.pop()
        elif name == 'FSTRING_MIDDLE':
            if not string:
                yield TokenInfo(FSTRING_MIDDLE, string, start, end, line)
                continue
            raw = bool(raw_stack) and raw_stack[-1]
            for piece, pstart, pend in _split_middle(string, start, raw):
                yield TokenInfo(FSTRING_MIDDLE, piece, pstart, pend, line)
            continue
        if name == 'NEWLINE' and not string:
            end = (end[0], end[1] + 1)
        yield TokenInfo(_TYPE_BY_NAME[name], string, start, end, line)
    if error is not None:
        msg, lineno, offset = error
        transformed = _transform_msg(msg)
        if transformed == "unexpected EOF in multi-line statement":
            raise TokenError(transformed, (max(1, source.count('\n')), 0))
        raise TokenError(transformed, (lineno, offset))


def _read_all(readline):
    parts = []
    while True:
        try:
            line = readline()
        except StopIteration:
            break
        if not line:
            break
        parts.append(line)
    return parts


def generate_tokens(readline):
    """Tokenize str lines from readline (which returns '' at the end)."""
    return _tokens_from_source(''.join(_read_all(readline)))


def _generate_tokens_from_c_tokenizer(source, encoding=None, extra_tokens=False):
    if isinstance(source, bytes):
        source = source.decode(encoding or 'utf-8')
    return _tokens_from_source(source)


def tokenize(readline):
    """Tokenize bytes lines from readline; the first token is ENCODING."""
    encoding, consumed = detect_encoding(readline)
    rest = _read_all(readline)
    data = b''.join(consumed + rest)
    if encoding is not None:
        if encoding == "utf-8-sig":
            yield TokenInfo(ENCODING, "utf-8-sig", (0, 0), (0, 0), '')
            source = data.decode('utf-8-sig')
        else:
            yield TokenInfo(ENCODING, encoding, (0, 0), (0, 0), '')
            source = data.decode(encoding)
    else:
        source = data.decode('utf-8')
    yield from _tokens_from_source(source)


def _get_normal_name(orig_enc):
    enc = orig_enc[:12].lower().replace("_", "-")
    if enc == "utf-8" or enc.startswith("utf-8-"):
        return "utf-8"
    if enc in ("latin-1", "iso-8859-1", "iso-latin-1") or \
       enc.startswith(("latin-1-", "iso-8859-1-", "iso-latin-1-")):
        return "iso-8859-1"
    return orig_enc


def _find_cookie_name(line):
    """The encoding named by a `# -*- coding: name -*-` comment, or None."""
    i = 0
    while i < len(line) and line[i] in ' \t\f':
        i += 1
    if i >= len(line) or line[i] != '#':
        return None
    pos = line.find('coding', i)
    while pos >= 0:
        j = pos + len('coding')
        if j < len(line) and line[j] in ':=':
            j += 1
            while j < len(line) and line[j] in ' \t':
                j += 1
            k = j
            while k < len(line) and (line[k].isalnum() or line[k] in '-_.'):
                k += 1
            if k > j:
                return line[j:k]
        pos = line.find('coding', pos + 1)
    return None


def _is_blank(line):
    stripped = line.lstrip(b' \t\f')
    return not stripped or stripped[:1] in (b'#', b'\r', b'\n')


def detect_encoding(readline):
    """Find the source encoding (BOM or coding cookie in the first two
    lines); return (encoding, the lines read)."""
    try:
        filename = readline.__self__.name
    except AttributeError:
        filename = None
    bom_found = False
    encoding = None
    default = 'utf-8'

    def read_or_stop():
        try:
            return readline()
        except StopIteration:
            return b''

    def find_cookie(line):
        try:
            line_string = line.decode('utf-8')
        except UnicodeDecodeError:
            msg = "invalid or missing encoding declaration"
            if filename is not None:
                msg = '{} for {!r}'.format(msg, filename)
            raise SyntaxError(msg)
        name = _find_cookie_name(line_string)
        if name is None:
            return None
        encoding = _get_normal_name(name)
        try:
            ''.encode(encoding) if encoding not in ('utf-8', 'iso-8859-1') else None
        except LookupError:
            if filename is None:
                msg = "unknown encoding: " + encoding
            else:
                msg = "unknown encoding for {!r}: {}".format(filename, encoding)
            raise SyntaxError(msg)
        if bom_found:
            if encoding != 'utf-8':
                if filename is None:
                    msg = 'encoding problem: utf-8'
                else:
                    msg = 'encoding problem for {!r}: utf-8'.format(filename)
                raise SyntaxError(msg)
            encoding += '-sig'
        return encoding

    first = read_or_stop()
    if first.startswith(b'\xef\xbb\xbf'):
        bom_found = True
        first = first[3:]
        default = 'utf-8-sig'
    if not first:
        return default, []
    encoding = find_cookie(first)
    if encoding:
        return encoding, [first]
    if not _is_blank(first):
        return default, [first]
    second = read_or_stop()
    if not second:
        return default, [first]
    encoding = find_cookie(second)
    if encoding:
        return encoding, [first, second]
    return default, [first, second]


def open(filename):
    """Open a file in read-only text mode with the encoding detect_encoding finds."""
    buffer = _builtins.open(filename, 'rb')
    try:
        encoding, lines = detect_encoding(buffer.readline)
    finally:
        buffer.close()
    return _builtins.open(filename, 'r', encoding=encoding)


class Untokenizer:
    """Turns tokens back into source text."""

    def __init__(self):
        self.tokens = []
        self.prev_row = 1
        self.prev_col = 0
        self.prev_type = None
        self.prev_line = ""
        self.encoding = None

    def add_whitespace(self, start):
        row, col = start
        if row < self.prev_row or row == self.prev_row and col < self.prev_col:
            raise ValueError("start ({},{}) precedes previous end ({},{})"
                             .format(row, col, self.prev_row, self.prev_col))
        row_offset = row - self.prev_row
        if row_offset:
            self.tokens.append("\\\n" * row_offset)
            self.prev_col = 0
        col_offset = col - self.prev_col
        if col_offset:
            self.tokens.append(" " * col_offset)

    def escape_brackets(self, token):
        """Double the braces of an FSTRING_MIDDLE (not those of \\N{...})."""
        out = []
        in_named_escape = False
        for ch in token:
            if ch == '}':
                if in_named_escape:
                    in_named_escape = False
                    out.append(ch)
                else:
                    out.append('}}')
                continue
            if ch == '{':
                backslashes = 0
                k = len(out) - 1
                while k >= 0 and out[k] == '\\':
                    backslashes += 1
                    k -= 1
                if backslashes % 2 == 0:
                    out.append('{{')
                else:
                    in_named_escape = True
                    out.append(ch)
                continue
            out.append(ch)
        return ''.join(out)

    def untokenize(self, iterable):
        it = iter(iterable)
        indents = []
        startline = False
        for t in it:
            if len(t) == 2:
                self.compat(t, it)
                break
            tok_type, token, start, end, line = t
            if tok_type == ENCODING:
                self.encoding = token
                continue
            if tok_type == ENDMARKER:
                break
            if tok_type == INDENT:
                indents.append(token)
                continue
            elif tok_type == DEDENT:
                indents.pop()
                self.prev_row, self.prev_col = end
                continue
            elif tok_type in (NEWLINE, NL):
                startline = True
            elif startline and indents:
                indent = indents[-1]
                if start[1] >= len(indent):
                    self.tokens.append(indent)
                    self.prev_col = len(indent)
                startline = False
            elif tok_type == FSTRING_MIDDLE:
                if '{' in token or '}' in token:
                    token = self.escape_brackets(token)
                    last_line = token.splitlines()[-1]
                    end_line, end_col = end
                    extra_chars = last_line.count("{{") + last_line.count("}}")
                    end = (end_line, end_col + extra_chars)
            elif tok_type in (STRING, FSTRING_START) and self.prev_type in (STRING, FSTRING_END):
                self.tokens.append(" ")
            self.add_whitespace(start)
            self.tokens.append(token)
            self.prev_row, self.prev_col = end
            if tok_type in (NEWLINE, NL):
                self.prev_row += 1
                self.prev_col = 0
            self.prev_type = tok_type
            self.prev_line = line
        return "".join(self.tokens)

    def compat(self, token, iterable):
        indents = []
        toks_append = self.tokens.append
        startline = token[0] in (NEWLINE, NL)
        prevstring = False
        in_fstring = 0
        for tok in _itertools.chain([token], iterable):
            toknum, tokval = tok[:2]
            if toknum == ENCODING:
                self.encoding = tokval
                continue
            if toknum in (NAME, NUMBER):
                tokval += ' '
            if toknum == STRING:
                if prevstring:
                    tokval = ' ' + tokval
                prevstring = True
            else:
                prevstring = False
            if toknum == FSTRING_START:
                in_fstring += 1
            elif toknum == FSTRING_END:
                in_fstring -= 1
            if toknum == INDENT:
                indents.append(tokval)
                continue
            elif toknum == DEDENT:
                indents.pop()
                continue
            elif toknum in (NEWLINE, NL):
                startline = True
            elif startline and indents:
                toks_append(indents[-1])
                startline = False
            elif toknum == FSTRING_MIDDLE:
                tokval = self.escape_brackets(tokval)
            if tokval in {"{", "}"} and self.tokens and self.tokens[-1] == tokval and in_fstring:
                tokval = ' ' + tokval
            if toknum in (STRING, FSTRING_START) and self.prev_type in (STRING, FSTRING_END):
                self.tokens.append(" ")
            toks_append(tokval)
            self.prev_type = toknum


def untokenize(iterable):
    """Source text from (type, string[, start, end, line]) tokens; bytes if
    the tokens start with ENCODING."""
    ut = Untokenizer()
    out = ut.untokenize(iterable)
    if ut.encoding is not None:
        out = out.encode(ut.encoding)
    return out


def main(args=None):
    import argparse
    parser = argparse.ArgumentParser(prog='python -m tokenize')
    parser.add_argument(dest='filename', nargs='?', metavar='filename.py',
                        help='the file to tokenize; defaults to stdin')
    parser.add_argument('-e', '--exact', dest='exact', action='store_true',
                        help='display token names using the exact type')
    args = parser.parse_args(args)
    if args.filename:
        filename = args.filename
        with _builtins.open(filename, 'rb') as f:
            tokens = list(tokenize(f.readline))
    else:
        filename = "<stdin>"
        tokens = _tokens_from_source(sys.stdin.read())
    for tok in tokens:
        token_type = tok.type
        if args.exact:
            token_type = tok.exact_type
        token_range = "%d,%d-%d,%d:" % (tok.start + tok.end)
        print("%-20s%-15s%-15r" % (token_range, tok_name[token_type], tok.string))


if __name__ == "__main__":
    main()
