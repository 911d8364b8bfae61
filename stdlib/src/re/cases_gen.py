"""Generates cases.txt for the regex engine's table test (tests.rs).

    PYENV_VERSION=3.12.1 python3 stdlib/src/re/cases_gen.py > stdlib/src/re/cases.txt

Each line: kind TAB flags TAB pattern TAB subject TAB result.
kind is 's' (str) or 'b' (bytes, latin-1 code points); strings are
escaped by `esc`.  result is `E<msg>@<pos>` for a compile error (pos `-`
when CPython gives none), `N` for no search match, otherwise
`M<lastindex>|<fullmatch 0/1>|<s,e;s,e;...>` with the spans of every group
of re.search (-1,-1 for groups that did not take part).
"""
import random
import re
import warnings

warnings.simplefilter("ignore")


def esc(s):
    out = []
    for c in s:
        if " " <= c <= "~" and c not in "\\\t":
            out.append(c)
        else:
            out.append("\\u{%x}" % ord(c))
    return "".join(out)


HAND = [
    # literals, classes, escapes
    "abc", "a.c", "a\\.c", "[abc]+", "[^abc]+", "[a-z]+", "[a-]+", "[]a]", "[^]a]", "[\\]]", "[\\d_]+", "[\\w.-]+@[\\w.-]+",
    "\\d+", "\\D+", "\\w+", "\\W+", "\\s+", "\\S+", "\\x41", "\\u00e9", "\\U0001F600", "\\101", "\\0", "\\07", "\\n\\t",
    "[\\x00-\\x1f]", "[\\u00c0-\\u00ff]+", "\\N{EM DASH}", "[\\N{GREEK SMALL LETTER ALPHA}-\\N{GREEK SMALL LETTER OMEGA}]+",
    "\\$", "\\^", "a\\-b", "\\&", "[\\b]", "\\a\\f\\v",
    # anchors
    "^abc", "abc$", "^$", "\\Aa", "a\\Z", "\\bfoo\\b", "\\Bo\\B", "^", "$", "\\b", "\\B", "(?m)^\\w+", "(?m)\\w+$", "x$",
    # quantifiers
    "a*", "a+", "a?", "a{2}", "a{2,}", "a{,2}", "a{1,3}", "a{2,3}?", "a*?", "a+?", "a??", "a*+", "a++", "a?+", "a{1,2}+",
    "(ab)*", "(ab)+", "(ab)?", "(ab){2}", "(ab){1,2}?", "(a|b)*c", "(a|bc)*?d", "(?:ab)*+a", "(a*)*", "(a*)+", "(a|)*",
    "(a*?)*", "(a?)+?b", "x{", "x{a}", "x{1", "x{1,", "x{}", "x{,}", "a{3,3}", "(?:a{2})*", "[ab]{2,3}c",
    # groups and backrefs
    "(a)(b)(c)", "(a)|(b)", "((a)|b)+", "(a)?b", "(?P<x>a)(?P=x)", "(a)\\1", "(a+)\\1", "(?i)(a)\\1", "(\\w)(\\w)?\\2",
    "(?:(a)|b)*", "(?:(a)|(b))*", "((a)(b)?)*", "(a(b(c)))", "(a)|b", "(?P<first>\\w+) (?P<last>\\w+)", "((((((((((a))))))))))\\10",
    "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10", "(a)\\11", "(?:x(y)?)+", "(x)?(?(1)y|z)", "(?P<q>')?\\w+(?(q)')", "(a)?(?(1)b)c",
    "(?(1)a|b)(c)?",
    # lookarounds
    "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(?<=ab)c", "(?<=a|b)c", "(?<=(a))b", "(?<!(a))b", "(?=(a+))a", "(?!(a))\\w",
    "\\w+(?=,)", "(?<=\\$)\\d+", "(?<=\\d{3})x", "(?<!^)x", "(?=a)*", "(?<=a{2})b",
    # atomic
    "(?>a+)b", "(?>a+)a", "(?>(a)|b)+", "(?>x|xy)z", "a(?>bc|b)c",
    # flags
    "(?i)abc", "(?i)[a-c]+", "(?i)[^a]", "(?i)\u00df", "(?i)\u017f", "(?i)s", "(?i)k", "(?i)\u212a", "(?i)\u03c3+", "(?i)[\u03a3]",
    "(?s)a.b", "a.b", "(?x) a b # c", "(?x)[ ]a", "(?x)a\\ b", "(?i:a)b", "a(?i:b)c", "(?-i:a)b", "(?a)\\w+", "(?u)\\w+",
    "(?a)\\d", "(?ims)^a.b$", "(?x: a b )c", "(?a:\\w)\\w", "(?i)caf\u00c9",
    # alternation
    "a|b|c", "ab|a", "a|ab", "(a|ab)(c|bcd)(d*)", "|a", "a|", "(|a)+", "x(a|b|)y",
    # unicode
    "\\w+", "\\d+", "[\u00e0-\u00ff]+", "\u00e9+", "\U0001F600+", ".",
]

SUBJECTS = [
    "", "a", "ab", "abc", "aab", "abab", "ababc", "aaa", "aaaa", "b", "ba", "bab", "abcd", "xyz", "x", "xy", "xyz xyz",
    "foo bar", "a foo b", "foobar", "a\nb", "ab\n", "\nab", "a\nb\nc", "12 345", "a1b2", "$12 $345", "123x", "abcx",
    "ABC", "AbC", "Abc abc", "STRASSE stra\u00dfe", "\u017f s S", "K k \u212a", "\u03a3\u03c3\u03c2", "caf\u00e9 na\u00efve",
    "\u00c9t\u00e9", "\u0661\u0662\u0663", "a\u2014b", "\u03b1\u03b2\u03b3", "x\U0001F600\U0001F600y", "'quoted'", "word",
    "alice@example.com", "John Smith", "xyyx", "zc", "acd", "abcbcd", "aaaaaaaaaa", "a b", " \t\n", "a_b-c.d", "]a]",
    "a-b", "bbb", "cab", "d", "xx", "xay", "xby", "xy", "a,b,", "x{1,", "x{}", "\x00\x1f", "abab\nabab",
]

FLAGS = [0, re.I, re.M, re.S, re.A]


def spans(m):
    return ";".join("%d,%d" % m.span(g) for g in range(m.re.groups + 1))


def case_lines(kind, flags, pattern, subjects):
    try:
        if kind == "b":
            p = re.compile(pattern.encode("latin-1"), flags)
        else:
            p = re.compile(pattern, flags)
    except re.error as e:
        pos = "-" if e.pos is None else str(e.pos)
        return ["%s\t%d\t%s\t\tE%s@%s" % (kind, flags, esc(pattern), esc(e.msg), pos)]
    except (OverflowError, RecursionError, ValueError):
        return []
    out = []
    for s in subjects:
        subj = s
        if kind == "b":
            try:
                subj = s.encode("latin-1")
            except UnicodeEncodeError:
                continue
        try:
            m = p.search(subj)
            full = p.fullmatch(subj)
        except SystemError:  # CPython's own span bug on a few patterns
            continue
        if m is None:
            r = "N"
        else:
            li = m.lastindex if m.lastindex is not None else -1
            r = "M%d|%d|%s" % (li, 1 if full else 0, spans(m))
        out.append("%s\t%d\t%s\t%s\t%s" % (kind, flags, esc(pattern), esc(s), r))
    return out


ERRORS = [
    "(unclosed", "*start", "a{2,1}", "(?P<n>a)(?P<n>b)", "[z-a]", "a**", "a*??", "+", "?", "{1}a", "a{1}{2}", "(?", "(?P", "(?Px)",
    "(?P<", "(?P<>a)", "(?P<1a>x)", "(?P<a", "(?P=", "(?P=x)", "(?P<x>a)(?P=y)", "(?P<x>(?P=x))", "(?<x)", "(?<=a+)b",
    "(?<!a*)b", "(?<=a|bc)d", "(a)\\2", "\\1", "(a\\1)", "\\q", "[\\q]", "\\", "a\\", "[a", "[a-", "[\\d-z]", "[a-\\d]",
    "(?#comment", "(?#ok)a", ")", "a)", "(a))", "(?z)", "(?i", "(?i-", "(?-)", "(?i-i:a)", "(?-a:x)", "(?a-u:x)", "(?L)a",
    "(?au)a", "(?u)(?a)x", "a(?i)b", "(?x", "(?x)(?i)a", "\\x", "\\x4", "\\xg1", "\\u12", "\\U1234567", "\\U00110000",
    "\\N", "\\N{", "\\N{EM DASH", "\\N{NOT A CHAR}", "\\777", "[\\777]", "\\08", "\\8", "(?(1)a|b|c)", "(?(a)b)", "(?(0)a)",
    "(?(-1)a)", "(?(1a)x)", "(?(2)a)(b)", "(?(3)a)(b)", "(?<=(?(1)a|bc))", "(?'x')", "(?P>x)", "x{2}{3}", "^*", "$+", "\\b*",
    "(?:)*", "()*", "a|*", "(*)", "[]", "[^]", "(?P<a>x)|(?P<a>y)", "(?i:(?a)x)", "(?-i)x", "(?i-:x)", "(?i-x", "(?i-$:x)",
    "(?<", "(?<x", "\\g<1>", "(?P<\u00e9>x)", "a{99999999999}", "(?=a)*", "x(?P<n>y", "(a|b", "a]b", "a}b",
]


def random_pattern(rng, depth=0):
    atoms = ["a", "b", "c", ".", "[ab]", "[^a]", "\\w", "\\s", "x", "(?:ab)", "\\b", "^", "$"]
    n = rng.randint(1, 3)
    parts = []
    for _ in range(n):
        r = rng.random()
        if depth < 3 and r < 0.3:
            inner = random_pattern(rng, depth + 1)
            kind = rng.choice(["(%s)", "(?:%s)", "(?:%s|%s)", "(%s|%s)", "(?=%s)", "(?!%s)", "(?>%s)"])
            if kind.count("%s") == 2:
                a = kind % (inner, random_pattern(rng, depth + 1))
            else:
                a = kind % inner
        else:
            a = rng.choice(atoms)
        q = rng.random()
        if q < 0.35 and not a.startswith("(?=") and not a.startswith("(?!") and a not in ("\\b", "^", "$"):
            a += rng.choice(["*", "+", "?", "{1,2}", "*?", "+?", "??", "{0,2}?", "*+", "{2}"])
        parts.append(a)
    if rng.random() < 0.1 and depth == 0:
        parts.append("\\1")
    return "".join(parts)


def main():
    lines = []
    for pat in HAND:
        lines += case_lines("s", 0, pat, SUBJECTS)
        lines += case_lines("s", re.I, pat, SUBJECTS)
        if any(x in pat for x in ("^", "$", "\\Z", "\\A")):
            lines += case_lines("s", re.M, pat, SUBJECTS)
        if "." in pat:
            lines += case_lines("s", re.S, pat, SUBJECTS)
        if any(x in pat for x in ("\\w", "\\W", "\\d", "\\s", "\\b", "\\B")):
            lines += case_lines("s", re.A, pat, SUBJECTS)
        if all(ord(c) < 256 for c in pat):
            lines += case_lines("b", 0, pat, SUBJECTS[::3])
    for pat in ERRORS:
        lines += case_lines("s", 0, pat, [])
        if all(ord(c) < 256 for c in pat):
            lines += case_lines("b", 0, pat, [])
    rng = random.Random(1234)
    alphabet = ["a", "b", "c", "x", " ", "\n", "ab", "ba"]
    for _ in range(400):
        pat = random_pattern(rng)
        subs = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(6)]
        lines += case_lines("s", 0, pat, subs)
    # de-duplicate, keep order
    seen = set()
    for l in lines:
        if l not in seen:
            seen.add(l)
            print(l)


main()
