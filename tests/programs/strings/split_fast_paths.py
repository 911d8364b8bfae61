# str.split / splitlines / strip / lower / capitalize / join / concatenation
# on ASCII texts (byte-loop fast paths) and non-ASCII texts (general paths).

texts = [
    "", " ", "a", " a ", "a b  c\\t\\td", "  lead and trail  ", "x\\x1cy\\x1dz\\x1ew\\x1fv",
    "tab\\tnl\\nvt\\x0bff\\x0ccr\\rend", "one\\r\\ntwo\\n\\nthree\\r", "no-break\\xa0space",
    "ideo\\u3000space", "line\\u2028sep\\x85next", "été à l'île", "日本 語", "\\n\\n", "\\r\\n",
]
texts = [t.encode().decode("unicode_escape") if "\\\\" in t else t for t in texts]
for t in texts:
    print(repr(t))
    print("  split()", t.split(), t.split(None, 1), t.split(maxsplit=0))
    print("  split(' ')", t.split(" "), t.split(" ", 1), t.split("\\n"), t.split("a"))
    print("  rsplit", t.rsplit(), t.rsplit(None, 1))
    print("  splitlines", t.splitlines(), t.splitlines(True), t.splitlines(keepends=True))
    print("  strip", repr(t.strip()), repr(t.lstrip()), repr(t.rstrip()), repr(t.strip(" a")), repr(t.strip("é")))
    print("  case", repr(t.lower()), repr(t.upper()), repr(t.capitalize()))

words = "Kaka LOmi, nE ru. shi;".split()
print([w.strip(".,;").lower() for w in words], [w.capitalize() for w in words])
print(" ".join(words), "-".join([]), "".join(["solo"]), ",".join(w for w in words))
pairs = [a + " " + b for a, b in zip(words, words[1:])]
print(pairs, [len(p) for p in pairs])
long_a, long_b = "x" * 10, "é" * 10
print(len(long_a + " " + long_b), (long_a + " " + long_b)[9:12])

class S(str):
    def split(self, *args):
        return ["overridden"]
print(S("a b").split(), str.split(S("a b")), S("q r").splitlines(), type(str.split(S("a b"))[0]).__name__)
print(type(S("abc").strip()).__name__, type(S("abc").lower()).__name__)
try:
    "a b".split("")
except ValueError as e:
    print("ValueError", e)
try:
    "a b".split(1)
except TypeError as e:
    print("TypeError", e)
try:
    "a".splitlines(1, 2)
except TypeError as e:
    print("TypeError", e)
