"""Egret's re module: regular expressions with CPython 3.12's interface.

The engine (parser with CPython's error messages, compiler, backtracking
matcher) and the Pattern/Match types are native (the ``_sre`` module,
stdlib/src/re/).  This package adds the module-level functions, the
pattern cache, ``RegexFlag``, ``error`` and ``escape``.
"""

import enum
import _sre

__all__ = [
    "match", "fullmatch", "search", "sub", "subn", "split",
    "findall", "finditer", "compile", "purge", "escape",
    "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X", "U",
    "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE",
    "UNICODE", "NOFLAG", "RegexFlag",
]

__version__ = "2.2.1"


class error(Exception):
    """Exception raised for invalid regular expressions.

    Attributes: msg (the unformatted message), pattern, pos (index in the
    pattern where compilation failed, or None), lineno and colno.
    """

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = '%s at position %d' % (msg, pos)
            if isinstance(pattern, str):
                newline = '\n'
            else:
                newline = b'\n'
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = '%s (line %d, column %d)' % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


_sre._set_error_class(error)


@enum.global_enum
class RegexFlag(enum.IntFlag, boundary=enum.KEEP):
    NOFLAG = 0
    ASCII = A = 256
    IGNORECASE = I = 2
    LOCALE = L = 4
    UNICODE = U = 32
    MULTILINE = M = 8
    DOTALL = S = 16
    VERBOSE = X = 64
    TEMPLATE = T = 1
    DEBUG = 128
    __str__ = object.__str__
    _numeric_repr_ = hex

    def __repr__(self):
        # enum.global_flag_repr: members print as module globals (re.I...).
        if self._name_ is None:
            return "re.RegexFlag(%r)" % (self._value_,)
        names = []
        for n in self._name_.split('|'):
            names.append(hex(int(n)) if n[0].isdigit() else 're.' + n)
        return '|'.join(names)


globals().update(RegexFlag.__members__)

Pattern = _sre.Pattern
Match = _sre.Match


# The module-level functions are natives (stdlib/src/re/module_funcs.rs):
# each looks the compiled pattern up in the cache and runs it in one call.
match = _sre.match
fullmatch = _sre.fullmatch
search = _sre.search
sub = _sre.sub
subn = _sre.subn
split = _sre.split
findall = _sre.findall
finditer = _sre.finditer
purge = _sre.purge
_compile = _sre.compile_cached


def compile(pattern, flags=0):
    "Compile a regular expression pattern, returning a Pattern object."
    return _compile(pattern, flags)


class Scanner:
    """Splits a string into tokens: lexicon is a list of (pattern, action)
    pairs; scan() applies the first pattern that matches at each position
    (as one alternation would) and collects the actions' results."""

    def __init__(self, lexicon, flags=0):
        self.lexicon = lexicon
        self._patterns = [_compile(phrase, flags) for phrase, action in lexicon]

    def scan(self, string):
        result = []
        append = result.append
        i = 0
        while True:
            for index, p in enumerate(self._patterns):
                m = p.match(string, i)
                if m:
                    break
            else:
                break
            j = m.end()
            if i == j:
                break
            action = self.lexicon[index][1]
            if callable(action):
                self.match = m
                action = action(self, m.group())
            if action is not None:
                append(action)
            i = j
        return result, string[i:]


_special_chars_map = {i: '\\' + chr(i) for i in b'()[]{}?*+-|^$\\.&~# \t\n\r\v\f'}


def escape(pattern):
    """Escape special characters in a string."""
    if isinstance(pattern, str):
        return pattern.translate(_special_chars_map)
    else:
        pattern = str(pattern, 'latin1')
        return pattern.translate(_special_chars_map).encode('latin1')
