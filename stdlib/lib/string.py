"""String constants and Template (Egret's own implementation)."""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


class Template:
    delimiter = '$'
    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None
    flags = None

    def __init__(self, template):
        self.template = template

    def _scan(self, mapping, safe):
        s = self.template
        out = []
        i = 0
        n = len(s)
        d = self.delimiter
        while i < n:
            j = s.find(d, i)
            if j < 0:
                out.append(s[i:])
                break
            out.append(s[i:j])
            k = j + len(d)
            if s.startswith(d, k):
                out.append(d)
                i = k + len(d)
                continue
            braced = k < n and s[k] == '{'
            start = k + 1 if braced else k
            m = start
            if m < n and (s[m] == '_' or (s[m].isascii() and s[m].isalpha())):
                m += 1
                while m < n and (s[m] == '_' or (s[m].isascii() and s[m].isalnum())):
                    m += 1
            name = s[start:m]
            if not name or (braced and (m >= n or s[m] != '}')):
                if safe:
                    out.append(d)
                    i = k
                    continue
                lineno = s.count('\n', 0, j) + 1
                col = j - (s.rfind('\n', 0, j) + 1) + 1
                raise ValueError(f'Invalid placeholder in string: line {lineno}, col {col}')
            end = m + 1 if braced else m
            try:
                out.append(str(mapping[name]))
            except KeyError:
                if not safe:
                    raise
                out.append(s[j:end])
            i = end
        return ''.join(out)

    def substitute(self, mapping={}, /, **kws):
        if kws:
            mapping = {**mapping, **kws} if mapping else kws
        return self._scan(mapping, False)

    def safe_substitute(self, mapping={}, /, **kws):
        if kws:
            mapping = {**mapping, **kws} if mapping else kws
        return self._scan(mapping, True)

    def get_identifiers(self):
        ids = []
        import re
        return ids

    def is_valid(self):
        try:
            self._scan({}, True)
        except ValueError:
            return False
        return True


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        return format_string.format(*args, **kwargs)

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        elif conversion == 's':
            return str(value)
        elif conversion == 'r':
            return repr(value)
        elif conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))
