import string
import textwrap

class Pct(string.Template):
    delimiter = '%'
class Brace(string.Template):
    braceidpattern = r'[a-z]+(?:\.[a-z]+)*'
class Upper(string.Template):
    idpattern = r'[A-Z]+'
    flags = 0
print(Pct("%who owes %{amt} %%").substitute(who="Bob", amt=3))
print(Brace("${a.b} and $c").safe_substitute({"a.b": 1}), Upper("$AB $ab").safe_substitute(AB=1, ab=2))
t = string.Template("$a ${b} $$ $")
print(t.safe_substitute(a=1), t.is_valid(), t.get_identifiers(), string.Template("$x $x ${y}").get_identifiers())
try:
    string.Template("line1\n  $ bad").substitute()
except ValueError as e:
    print(e)
try:
    string.Template("${a").substitute(a=1)
except ValueError as e:
    print(e)
print(string.Template("$a$b").substitute({"a": 1}, b=2), string.Template("$a").substitute({"a": 1}, a=5))
print(Pct.pattern.pattern.split()[0], string.Template.flags, string.Template.pattern.flags)
class Custom(string.Template):
    pattern = r"@(?:(?P<escaped>@)|(?P<named>\w+)|\{(?P<braced>\w+)\}|(?P<invalid>))"
print(Custom("@a @{b} @@").substitute(a=1, b=2))

f = string.Formatter()
print(f.format("{} {}", 1, 2), f.format("{0[1]} {a.real}", [5, 6], a=3), f.format("{:>{w}}", "x", w=4), f.format("{!r:^7}", "s"))
print(list(f.parse("a{{b}}c{0!s:>3}{}")), list(f.parse("")), list(f.parse("{x.y[0]}")))
for bad in ["{", "}", "{0!}", "{0!x}", "{:{:{}}}"]:
    try:
        print(f.format(bad, 1, 2, 3))
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
class Loud(string.Formatter):
    def format_field(self, value, spec):
        return str(value).upper()
    def get_value(self, key, args, kwargs):
        return kwargs.get(key, "?") if isinstance(key, str) else args[key]
print(Loud().format("{a}-{b}-{0}", "z", a="x"))
try:
    f.format("{0}{}", 1, 2)
except ValueError as e:
    print(e)
print(string.capwords(" hello\tworld "), string.capwords("a--b", "--"))

w = textwrap.TextWrapper(width=15, max_lines=2, placeholder=" ...")
print(w.wrap("The quick brown fox jumps over the lazy dog"), w.fill("short"))
print(textwrap.wrap("Hello.  World.  Foo", width=10, fix_sentence_endings=True), textwrap.wrap("a-b-c-d-e-f", width=4))
print(textwrap.wrap("a\tb\tc", width=8, tabsize=4), textwrap.wrap("  x  y  ", width=3, drop_whitespace=False))
print(textwrap.wrap("long-hyphenated-word here", width=10, break_on_hyphens=False), textwrap.shorten("one two three", 8))
print(textwrap.dedent("  a\n\t\n  b"), repr(textwrap.dedent("\ta\n    b")), repr(textwrap.indent("x\ny", "  ", lambda l: l.startswith("y"))))
