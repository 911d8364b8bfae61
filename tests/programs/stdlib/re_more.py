import re

# verbose mode and comments
p = re.compile(r"""
    ^(?P<user>[\w.+-]+)   # user part
    @                      # at sign
    (?P<host>[\w-]+(?:\.[\w-]+)+)$  # host
""", re.VERBOSE)
print(p.match("john.doe+x@mail.example.com").groupdict(), p.match("bad@host"))
print(re.findall(r"(?x) a [ ] b \# c", "a b# c a b#c"), re.findall(r"a(?#comment)b", "ab"))

# quantifier/capture interplay
print(re.match(r"(a|b)*", "abba").group(1), re.match(r"(a|b)*?c", "abc").groups(), re.match(r"(?:(a)|(b))+", "ab").groups())
print(re.match(r"(a)+", "aaa").span(1), re.match(r"(a){2,3}", "aaaa").span(1), re.match(r"((a)|(b))*", "ab").groups())
print(re.match(r"(\d+?)(\d*)", "12345").groups(), re.match(r"(\d{2,}?)(\d+)", "12345").groups(), re.match(r"(.*?),(.*)", "a,b,c").groups())
print(re.match(r"(?>a*)b", "aaab"), re.match(r"(?>a*)a", "aaa"), re.match(r"a*+a", "aaa"), re.match(r"(?:ab)++c", "ababc").group())
print(re.match(r"a{1000}", "a" * 1000).end(), re.match(r"(?:a|b){3,5}?x", "ababx").group(), re.search(r"x{2,}", "axxxb").span())

# conditionals / backrefs
for s in ["<a>", "a", "<a", "a>"]:
    print(repr(s), bool(re.fullmatch(r"(<)?a(?(1)>|)", s)), end="; ")
print()
print(re.sub(r"(?P<w>\w+) (?P=w)", r"\g<w>", "the the cat cat sat"), re.findall(r"(?i)(\w)\1", "aA bb Cc dE"))

# lookarounds
print(re.sub(r"(?<=\d)(?=(\d{3})+$)", ",", "1234567"), re.findall(r"(?<![\w.])\d+(?![\w.])", "12 a3 4.5 67"))
print(re.split(r"(?<=[.!?]) +", "Hi. How are you? Fine!"), re.findall(r"\w+(?=\s*=)", "a = 1, bb=2"))

# anchors and multiline
text = "line one\nline two\n\nlast"
print(re.findall(r"^\w+", text, re.M), re.findall(r"\w+$", text, re.M), re.findall(r"$", "a\nb\n"), re.findall(r"(?m)$", "a\nb\n"))
print(re.search(r"\Alast", text), re.search(r"last\Z", text).span(), re.search(r"two$", text), re.search(r"(?m)two$", text).span())
print(re.sub(r"(?m)^", "> ", "a\nb"), re.sub(r"$", "!", "a\n"), re.split(r"\n", "a\nb\n"))

# unicode classes
s = "Ünïcödé 123 ٣٤ ½ _x αβγ ΑΒΓ"
print(re.findall(r"\w+", s), re.findall(r"\d+", s), re.findall(r"(?a)\w+", s))
print(re.findall(r"(?i)αβγ", s), re.findall(r"[^\W\d_]+", s), re.findall(r"\W+", "a-b c"))
print(re.fullmatch(r"(?i)ǆ", "ǅ"), re.fullmatch(r"(?i)[ǆ]", "Ǆ"), re.findall(r"(?i)ﬀ", "ﬀ FF"))

# escaping round trip
for ch in map(chr, range(32, 127)):
    assert re.fullmatch(re.escape(ch), ch), ch
print(re.escape("".join(map(chr, range(32, 127)))))

# sub corner cases
print(re.sub(r"a", r"\g<0>\g<0>", "banana"), re.sub(r"(b)|(c)", r"[\1\2]", "abcd"), re.subn(r"(?=x)", "-", "xx"))
print(re.sub(r"\s+", " ", "  a  b  ").strip(), re.sub("", "|", ""), re.sub("x*", "|", ""), re.sub(r"(\w)(\w)", r"\2\1", "abcde"))
print(re.sub(b"(a)", br"<\1>", b"banana"), re.sub(r"a", lambda m: str(m.start()), "banana"))
try:
    re.sub("(?P<x>a)", r"\g<y>", "a")
except IndexError as e:
    print("IndexError", e)

# errors with positions over several lines
for pat in ["abc\n(def", "a\nb\n)c", "[a-\\d]", "(?P<x>a)(?P<x>b)", "x++?+"]:
    try:
        re.compile(pat)
    except re.error as e:
        print(repr(str(e)), e.pos, e.lineno, e.colno)

# Match misc
m = re.match(r"(?P<a>a)(?P<b>b)?", "a")
print(m.groupdict("-"), m.span("b"), m.start("b"), m["a"], m.expand(r"[\g<a>][\g<b>]"), m.lastgroup, m.regs)
print(repr(re.search("b", "abc")), repr(re.search(b"b", b"abc")), repr(re.search("", "abc")))
print(re.search(r"(?s).+", "a\nb").group(), re.search(r".+", "a\nb").group(), [m.group() for m in re.finditer(r".", "ab\n")])
print(len(re.findall(r"(?:a|b)*", "ab" * 50000)[0]), re.match(r"(a|b)*c", "ab" * 20000 + "c").end())
print(re.compile(r"\d").search("abc1", 2, 4), re.compile(r"x").match("ax", pos=1), re.compile("a").fullmatch("ab", endpos=1))
print(re.Match[str], re.Pattern[bytes])
