"""tokenize_source: the tokenize module over a large generated source text.

Builds a Python source of a few thousand lines (functions, classes, strings,
comments, operators, nested brackets) and tokenizes it with
tokenize.generate_tokens. The result counts tokens by type."""

import io
import tokenize

import _harness

TEMPLATE = '''
class Shape{n}(object):
    """Docstring for shape {n}: it has 'quotes' and numbers 1.5e3."""
    sides = {n} % 7 + 3

    def area(self, scale=1.0, *args, **kwargs):
        # a comment with symbols: +-*/ {n}
        total = (self.sides * scale ** 2) / (1 + {n})
        values = [x for x in range({n} % 11) if x & 1]
        mapping = {{"key{n}": values, 'other': (1, 2, 3)}}
        if total > 10 and not values or mapping.get("key{n}") is None:
            return total - 0x{n:x} + 0o17 + 0b101
        elif total <= -1:
            raise ValueError("negative: %d" % total)
        label = "shape %4d %r" % (self.sides, total) + rb'raw\\d' .decode()
        return label, lambda y: y @ y if hasattr(y, "__matmul__") else y
'''


def make_source(count):
    return "".join(TEMPLATE.format(n=n) for n in range(count))


def workload(param):
    count, repeats = param
    source = make_source(count)
    counts = {}
    for _ in range(repeats):
        counts = {}
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            name = tokenize.tok_name[token.type]
            counts[name] = counts.get(name, 0) + 1
    return (counts.get("NAME", 0), counts.get("OP", 0), counts.get("NUMBER", 0),
            counts.get("COMMENT", 0), counts.get("NEWLINE", 0), counts.get("INDENT", 0))


SIZES = {
    "default": ((1000, 4), (57000, 72000, 18000, 1000, 13000, 4000)),
    "small": ((20, 1), (1140, 1440, 360, 20, 260, 80)),
}

if __name__ == "__main__":
    _harness.main("tokenize_source", workload, SIZES)
