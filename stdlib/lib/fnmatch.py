"""Unix shell-style wildcard matching: `*`, `?`, `[seq]` and `[!seq]`.

Patterns are compiled to a small token list and matched directly (no
regular expressions), with the classic backtracking-on-last-star loop, so
matching is linear for patterns without many stars. `translate()` still
produces the regular-expression text CPython gives."""

import os
import posixpath

__all__ = ["filter", "fnmatch", "fnmatchcase", "translate"]

_cache = {}


def _compile(pat):
    """Tokens: str (a literal run), None for '?', True for '*', or a
    (negate, chars, ranges) tuple for a bracket set."""
    key = pat
    tokens = _cache.get(key)
    if tokens is not None:
        return tokens
    isb = isinstance(pat, bytes)
    if isb:
        pat = pat.decode('latin-1')
    tokens = []
    lit = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        i += 1
        if c == '*':
            if lit:
                tokens.append(''.join(lit))
                lit = []
            if not tokens or tokens[-1] is not True:
                tokens.append(True)
        elif c == '?':
            if lit:
                tokens.append(''.join(lit))
                lit = []
            tokens.append(None)
        elif c == '[':
            j = i
            if j < n and pat[j] == '!':
                j += 1
            if j < n and pat[j] == ']':
                j += 1
            while j < n and pat[j] != ']':
                j += 1
            if j >= n:
                lit.append('[')
                continue
            body = pat[i:j]
            raw_body = body
            i = j + 1
            negate = False
            if body[:1] == '!':
                negate = True
                body = body[1:]
            chars = []
            ranges = []
            k = 0
            while k < len(body):
                if k + 2 < len(body) and body[k + 1] == '-':
                    lo, hi = body[k], body[k + 2]
                    if lo <= hi:
                        ranges.append((lo, hi))
                    k += 3
                else:
                    chars.append(body[k])
                    k += 1
            if lit:
                tokens.append(''.join(lit))
                lit = []
            tokens.append((negate, ''.join(chars), tuple(ranges), raw_body))
        else:
            lit.append(c)
    if lit:
        tokens.append(''.join(lit))
    tokens = (isb, tuple(tokens))
    if len(_cache) > 256:
        _cache.clear()
    _cache[key] = tokens
    return tokens


def _in_set(c, spec):
    negate, chars, ranges, _ = spec
    found = c in chars
    if not found:
        for lo, hi in ranges:
            if lo <= c <= hi:
                found = True
                break
    return found != negate


def _match_tokens(tokens, name):
    """Whether `name` (a str) matches all of `tokens`."""
    n = len(name)
    ti = 0
    ni = 0
    star_ti = -1
    star_ni = 0
    nt = len(tokens)
    while True:
        if ti < nt:
            tok = tokens[ti]
            if tok is True:
                star_ti = ti
                star_ni = ni
                ti += 1
                continue
            if tok is None:
                if ni < n:
                    ti += 1
                    ni += 1
                    continue
            elif isinstance(tok, str):
                if name.startswith(tok, ni):
                    ti += 1
                    ni += len(tok)
                    continue
            else:
                if ni < n and _in_set(name[ni], tok):
                    ti += 1
                    ni += 1
                    continue
        elif ni == n:
            return True
        # mismatch: let the last star absorb one more character
        if star_ti < 0 or star_ni >= n:
            return False
        star_ni += 1
        ni = star_ni
        ti = star_ti + 1


def fnmatchcase(name, pat):
    """Test whether `name` matches `pat`, case-sensitively."""
    isb, tokens = _compile(pat)
    if isb:
        if not isinstance(name, bytes):
            raise TypeError("cannot use a bytes pattern on a string-like object")
        name = name.decode('latin-1')
    elif isinstance(name, bytes):
        raise TypeError("cannot use a string pattern on a bytes-like object")
    return _match_tokens(tokens, name)


def fnmatch(name, pat):
    """Test whether `name` matches `pat` (after os.path.normcase)."""
    name = os.path.normcase(name)
    pat = os.path.normcase(pat)
    return fnmatchcase(name, pat)


def filter(names, pat):
    """The items of `names` that match `pat`."""
    pat = os.path.normcase(pat)
    result = []
    if os.path is posixpath:
        for name in names:
            if fnmatchcase(name, pat):
                result.append(name)
    else:
        for name in names:
            if fnmatchcase(os.path.normcase(name), pat):
                result.append(name)
    return result


_SPECIAL = frozenset('()[]{}?*+-|^$\\.&~# \t\n\r\v\f')


def _escape(s):
    return ''.join('\\' + c if c in _SPECIAL else c for c in s)


def _translate_set(body):
    """Regular-expression text of a bracket set with inner text `body`."""
    if '-' not in body:
        stuff = body.replace('\\', r'\\')
    else:
        chunks = []
        i = 0
        j = len(body)
        k = 2 if body[:1] == '!' else 1
        while True:
            k = body.find('-', k, j)
            if k < 0:
                break
            chunks.append(body[i:k])
            i = k + 1
            k = k + 3
        chunk = body[i:j]
        if chunk:
            chunks.append(chunk)
        else:
            chunks[-1] += '-'
        for k in range(len(chunks) - 1, 0, -1):
            if chunks[k - 1][-1] > chunks[k][0]:
                chunks[k - 1] = chunks[k - 1][:-1] + chunks[k][1:]
                del chunks[k]
        stuff = '-'.join(c.replace('\\', r'\\').replace('-', r'\-') for c in chunks)
    stuff = ''.join('\\' + c if c in '&~|' else c for c in stuff)
    if not stuff:
        return '(?!)'
    if stuff == '!':
        return '.'
    if stuff[0] == '!':
        stuff = '^' + stuff[1:]
    elif stuff[0] in ('^', '['):
        stuff = '\\' + stuff
    return '[' + stuff + ']'


def translate(pat):
    """The regular-expression text equivalent to shell pattern `pat`."""
    _, tokens = _compile(pat)
    parts = []
    for tok in tokens:
        if tok is True:
            parts.append(True)
        elif tok is None:
            parts.append('.')
        elif isinstance(tok, str):
            parts.append(_escape(tok))
        else:
            parts.append(_translate_set(tok[3]))
    # CPython's layout: text before the first star, then (?>.*?X) groups for
    # the middle pieces, then .* and the tail.
    out = []
    i = 0
    n = len(parts)
    while i < n and parts[i] is not True:
        out.append(parts[i])
        i += 1
    while i < n:
        i += 1
        middle = []
        while i < n and parts[i] is not True:
            middle.append(parts[i])
            i += 1
        if i == n:
            out.append('.*')
            out.extend(middle)
        else:
            out.append('(?>.*?' + ''.join(middle) + ')')
    return '(?s:%s)\\Z' % ''.join(out)
