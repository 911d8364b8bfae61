import re

# Match object API
m = re.search(r"(?P<a>\d+)-(?P<b>\d+)?(x)?", "ab 12- cd")
print(m, m.span(), m.start(), m.end(), m.pos, m.endpos, m.lastindex, m.lastgroup)
print(m.group(0), m.group(1, 2, 3), m.group("a"), m["b"], m[0], m.groups(), m.groups("-"))
print(m.groupdict(), m.regs, m.re, m.string, m.span("b"), m.start(3), m.end(2))
print(m.expand(r"<\1|\g<a>|\g<0>|\2>"), repr(m.expand(r"\n\t\\")))
for bad in (4, -1, "zz", 1.5, None):
    try:
        m.group(bad)
    except IndexError as e:
        print("IndexError", e)
try:
    m.expand(r"\g<zz>")
except IndexError as e:
    print("IndexError", e)
try:
    m.expand(r"\5")
except re.error as e:
    print("error", e)
print(re.match(r"(a)(b)?", "a").lastindex, re.match(r"((a)b)", "ab").lastindex, re.match(r"(a)|b", "b").lastindex)
print(re.match(r"(?P<n>a)(b)", "ab").lastgroup, re.match(r"(a)(?P<n>b)", "ab").lastgroup)
print(bool(re.match("", "")), re.match("", "x"))

# pos / endpos
p = re.compile(r"\w+")
print(p.search("ab cd ef", 2), p.search("ab cd ef", 3, 5), p.match("ab cd", 3), p.fullmatch("ab cd", 3), p.search("abc", 5))
print(p.search("abc", -5), p.findall("aa bb cc dd", 3, 8), list(p.finditer("aa bb cc", 1, 100)))
print(re.compile(r"^b").search("ab", 1), re.compile(r"(?<=a)b").search("ab", 1), re.compile(r"\bb").search("ab", 1))
print(re.compile(r"a$").search("ab", 0, 1), re.compile(r"a\Z").search("abc", 0, 1))

# Pattern API
p = re.compile(r"(?P<x>a)(b)(?P<y>c)?", re.I | re.M)
print(p, p.pattern, p.flags, p.groups, p.groupindex, type(p.groupindex).__name__)
print(p == re.compile(r"(?P<x>a)(b)(?P<y>c)?", re.I | re.M), p == re.compile("x"), hash(p) == hash(re.compile(r"(?P<x>a)(b)(?P<y>c)?", re.I | re.M)))
print(re.compile("a") is re.compile("a"), re.compile(p) is p)
try:
    re.compile(p, re.I)
except ValueError as e:
    print("ValueError", e)
print(repr(re.compile("x" * 300))[-30:], re.compile("a", re.A), re.compile(b"a", re.L), re.compile(b"a"), re.compile("a", re.U))
print(re.compile("(?i)x"), re.compile("(?x) a"), re.compile("a", re.X | re.S | re.DEBUG * 0))
print(re.compile("a").search("xa").re.pattern, re.Pattern, re.Match)

# split / findall / sub corner cases
print(re.split(r"(?=b)", "abab"), re.split(r"", "abc"), re.split(r"(a)(x)?", "1a2a3"), re.split(r"\s*", " a b "))
print(re.split(",", "a,b,c", 1), re.split(",", "a,b,c", -1), re.split(",", "a,b,c", maxsplit=0))
print(re.findall(r"(a)|b", "ab"), re.findall(r"", "ab"), re.findall(r"a|", "aba"), re.findall(r"(a)(b)?", "aab"))
print(re.sub(r"a|", "-", "bab"), re.sub(r"", "-", "ab"), re.subn(r"b*", "x", "abba"), re.sub(r"(?=a)", "^", "aa"))
print(re.sub(r"(a)(b)?", r"[\2]", "aab"), re.sub(r"\w", lambda m: m.group().upper(), "ab c"), re.sub("a", r"\n", "bab") == "b\nb")
print(re.sub("a", lambda m: None, "bab") if False else "", re.sub("(?P<n>a)", r"\g<n>\g<n>", "ab"), re.sub("a", "\\\\", "a"))
print(re.sub("x", "y", "xxxx", 2), re.subn("x", "y", "xxxx", count=3), re.sub("a", "b", "aaa", count=-1))
for tmpl in [r"\g<", r"\g<1", r"\g<a-b>", r"\g<-1>", r"\g<3>", r"\9", r"\q", "\\", r"\400", r"\g<>", r"\g<+1>"]:
    try:
        print(repr(re.sub(r"(a)(b)", tmpl, "ab")))
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
try:
    re.sub("a", lambda m: 5, "xa")
except TypeError as e:
    print("TypeError", e)

# bytes
print(re.findall(rb"\w+", b"ab cd\xe9"), re.sub(rb"a", rb"\\x", b"bab"), re.match(rb"(a)", b"ab").group(1), re.split(rb",", b"a,b"))
print(re.search(rb"(?i)A", b"xa"), re.escape(b"a.b"), re.fullmatch(rb"\d+", bytearray(b"123")))
for bad in [(r"a", b"a"), (rb"a", "a"), (r"a", 5)]:
    try:
        re.search(*bad)
    except TypeError as e:
        print("TypeError", e)

# errors
for bad in ["a(?i)b", "(?P<1>x)", r"\8", "[\\w-z]", "a{3,2}", "(?<=a*)", "x{99999999999}", "a\n(b", "(?x)\n\n  (", r"\N{NOPE}"]:
    try:
        re.compile(bad)
    except re.error as e:
        print("error:", e, "|", e.msg, e.pos, e.lineno, e.colno)
    except OverflowError as e:
        print("OverflowError", e)
try:
    re.compile("(", re.L)
except re.error as e:
    print(e)
for pat, fl in [("a", re.L), (b"a", re.U), ("a", re.A | re.U), (b"a", re.A | re.L)]:
    try:
        re.compile(pat, fl)
    except (ValueError, re.error) as e:
        print(type(e).__name__, e)
e = re.error("msg", "pattern", 3)
print(e, e.msg, e.pos, e.lineno, e.colno, re.error.__module__, issubclass(re.error, Exception))

# escape, purge, flags
print(re.escape("a-b c\t~#&"), re.escape("ünï"), re.purge())
print(re.I.value, re.IGNORECASE is re.I, list(re.RegexFlag)[:3], re.A | re.I, type(re.M | re.S).__name__)
print(re.NOFLAG, re.T if hasattr(re, "T") else "", re.compile("a", re.NOFLAG).flags)

# unicode / ignorecase
print(re.findall(r"(?i)[k]", "kK\u212a"), re.findall(r"(?i)\u00e9", "\u00c9\u00e9"), re.findall(r"\d", "1\u0661\u00b2"))
print(re.findall(r"(?i)[a-z]+", "Stra\u00dfe \u0130i"), re.findall(r"\s", " \x1c\xa0\u3000"), re.findall(r"(?a)\s", " \x1c\xa0"))
print(re.match(r"\w+", "\u00e9t\u00e9_1").group(), re.match(r"(?a)\w+", "\u00e9t\u00e9"), re.findall(r"\b\w", "x\u00e9y z"))

# iteration objects
it = re.finditer(r"\d", "a1b2")
print(type(it).__name__, next(it).group(), [m.span() for m in it], list(it))
print([m.span() for m in re.finditer(r"a*", "baaac")], [m.span() for m in re.finditer(r"\b", "ab cd")])
print(re.match(r"(?P<a>x)", "x").groupdict(), re.match(r"x", "x").groupdict(), re.match("(a)(b)", "ab").span(2))
import copy
m = re.match("a", "a")
print(copy.copy(m) is m, copy.deepcopy(p) is p)
