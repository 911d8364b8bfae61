"""JSON encoding for Egret's json package: JSONEncoder and string escaping.

Output (separators, indentation, float and key formatting, error messages)
matches CPython 3.12.1's json module.
"""

__all__ = ['JSONEncoder']

_SHORT_ESCAPES = {'\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f',
                  '\n': '\\n', '\r': '\\r', '\t': '\\t'}
INFINITY = float('inf')


def _escape_char(c):
    short = _SHORT_ESCAPES.get(c)
    if short is not None:
        return short
    return '\\u%04x' % (ord(c),)


def py_encode_basestring(s):
    """Return a JSON representation of a Python string (non-ASCII kept)."""
    out = ['"']
    for c in s:
        if c in _SHORT_ESCAPES or c < ' ':
            out.append(_escape_char(c))
        else:
            out.append(c)
    out.append('"')
    return ''.join(out)


def py_encode_basestring_ascii(s):
    """Return an ASCII-only JSON representation of a Python string."""
    out = ['"']
    for c in s:
        if c in _SHORT_ESCAPES or c < ' ':
            out.append(_escape_char(c))
        elif c < '\x7f':
            out.append(c)
        else:
            n = ord(c)
            if n < 0x10000:
                out.append('\\u%04x' % (n,))
            else:
                n -= 0x10000
                out.append('\\u%04x\\u%04x' % (0xd800 | (n >> 10), 0xdc00 | (n & 0x3ff)))
    out.append('"')
    return ''.join(out)


encode_basestring = py_encode_basestring
encode_basestring_ascii = py_encode_basestring_ascii


class JSONEncoder(object):
    """Extensible JSON <https://json.org> encoder for Python data structures."""
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True,
                 check_circular=True, allow_nan=True, sort_keys=False,
                 indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        """Override to return a serializable object for o (or raise TypeError)."""
        raise TypeError('Object of type %s is not JSON serializable'
                        % (o.__class__.__name__,))

    def encode(self, o):
        """Return a JSON string representation of a Python data structure."""
        if isinstance(o, str):
            if self.ensure_ascii:
                return encode_basestring_ascii(o)
            return encode_basestring(o)
        return ''.join(self.iterencode(o, _one_shot=True))

    def iterencode(self, o, _one_shot=False):
        """Encode o, yielding each string chunk as available."""
        markers = {} if self.check_circular else None
        encode_str = encode_basestring_ascii if self.ensure_ascii else encode_basestring
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        allow_nan = self.allow_nan

        def floatstr(o):
            if o != o:
                text = 'NaN'
            elif o == INFINITY:
                text = 'Infinity'
            elif o == -INFINITY:
                text = '-Infinity'
            else:
                return float.__repr__(o)
            if not allow_nan:
                raise ValueError('Out of range float values are not JSON '
                                 'compliant: ' + repr(o))
            return text

        return _Encoding(self, markers, encode_str, indent, floatstr).encode(o, 0)


class _Encoding:
    """One iterencode() run: the options and the circular-reference markers."""

    def __init__(self, encoder, markers, encode_str, indent, floatstr):
        self.encoder = encoder
        self.markers = markers
        self.encode_str = encode_str
        self.indent = indent
        self.floatstr = floatstr
        self.item_separator = encoder.item_separator
        self.key_separator = encoder.key_separator

    def _enter(self, o):
        if self.markers is not None:
            marker = id(o)
            if marker in self.markers:
                raise ValueError('Circular reference detected')
            self.markers[marker] = o
            return marker
        return None

    def _leave(self, marker):
        if marker is not None:
            del self.markers[marker]

    def encode(self, o, level):
        if isinstance(o, str):
            yield self.encode_str(o)
        elif o is None:
            yield 'null'
        elif o is True:
            yield 'true'
        elif o is False:
            yield 'false'
        elif isinstance(o, int):
            yield int.__repr__(o)
        elif isinstance(o, float):
            yield self.floatstr(o)
        elif isinstance(o, (list, tuple)):
            yield from self.encode_list(o, level)
        elif isinstance(o, dict):
            yield from self.encode_dict(o, level)
        else:
            marker = self._enter(o)
            replacement = self.encoder.default(o)
            yield from self.encode(replacement, level)
            self._leave(marker)

    def _newline(self, level):
        return '\n' + self.indent * level

    def _primitive(self, value):
        """The text of a str/None/bool/int/float value, else None."""
        if isinstance(value, str):
            return self.encode_str(value)
        if value is None:
            return 'null'
        if value is True:
            return 'true'
        if value is False:
            return 'false'
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return self.floatstr(value)
        return None

    def encode_list(self, lst, level):
        # Chunks as CPython's pure-Python encoder yields them (visible
        # through iterencode() and dump()).
        if not lst:
            yield '[]'
            return
        marker = self._enter(lst)
        buf = '['
        if self.indent is not None:
            level += 1
            newline = self._newline(level)
            separator = self.item_separator + newline
            buf += newline
        else:
            newline = None
            separator = self.item_separator
        first = True
        for value in lst:
            if first:
                first = False
            else:
                buf = separator
            text = self._primitive(value)
            if text is not None:
                yield buf + text
            else:
                yield buf
                yield from self.encode(value, level)
        if newline is not None:
            level -= 1
            yield self._newline(level)
        yield ']'
        self._leave(marker)

    def _key_text(self, key):
        if isinstance(key, str):
            return key
        if isinstance(key, float):
            return self.floatstr(key)
        if key is True:
            return 'true'
        if key is False:
            return 'false'
        if key is None:
            return 'null'
        if isinstance(key, int):
            return int.__repr__(key)
        if self.encoder.skipkeys:
            return None
        raise TypeError('keys must be str, int, float, bool or None, not %s'
                        % (key.__class__.__name__,))

    def encode_dict(self, dct, level):
        if not dct:
            yield '{}'
            return
        yield '{'
        marker = self._enter(dct)
        if self.indent is not None:
            level += 1
            newline = self._newline(level)
            separator = self.item_separator + newline
            yield newline
        else:
            newline = None
            separator = self.item_separator
        items = dct.items()
        if self.encoder.sort_keys:
            items = sorted(items)
        first = True
        for key, value in items:
            key = self._key_text(key)
            if key is None:
                continue
            if not first:
                yield separator
            first = False
            yield self.encode_str(key)
            yield self.key_separator
            text = self._primitive(value)
            if text is not None:
                yield text
            else:
                yield from self.encode(value, level)
        if newline is not None:
            level -= 1
            yield self._newline(level)
        yield '}'
        self._leave(marker)
