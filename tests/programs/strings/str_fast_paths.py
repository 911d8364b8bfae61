# str methods on their fast paths (ASCII, short results built in place) and
# their general paths, with lengths checked (code points, not bytes).
texts = ["  kaka lo\tmi\n", "Ünïcödé wörds  here", "", "   ", "abcdefghijklmnopqrstuvwxyz " * 2, "ße ǅ ﬁ İ"]
for t in texts:
    parts = t.split()
    print(parts, [len(p) for p in parts], t.split(" "), t.split(None, 1), t.split(maxsplit=1))
    s = t.strip()
    print(repr(s), len(s), repr(t.lstrip()), repr(t.rstrip()), repr(t.strip(" \t\nk")), repr(t.strip("eré ")))
    for f in (str.lower, str.upper, str.capitalize):
        r = f(t)
        print(repr(r), len(r))
print("..ka,;".strip(".,;"), "é.é".strip("é"), ",;".strip(",;") == "", "x".strip(None))
print("zz".lstrip("z"), "abba".rstrip("a"), "Mixed CASE words".capitalize(), "already lower".lower())
for bad in (lambda: "x".strip(1), lambda: "x".strip("a", "b"), lambda: "x".split(1), lambda: "x".split(""),
            lambda: ",".join([1]), lambda: ",".join(5), lambda: "x".lower(1), lambda: "x".join(), lambda: "x".join(iterable=[]), lambda: "xyx".strip(chars="x")):
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
joined = "é-".join(["ab", "çd", "", "long text beyond fifteen bytes"])
print(joined, len(joined), "".join([]), ", ".join(("x",)), "".join(w for w in "abc"), len("".join(["ü"] * 20)))
cat = "héllo" + " " + "wörld"
print(cat, len(cat), len("a" * 10 + "b" * 10), ("ab" + "cd")[1:3], len("日本" + "語"))
class S(str):
    pass
s = S(" sub ")
print(repr(s.strip()), type(s.strip()).__name__, type(S("x").lower()).__name__, type(S("ab").strip("x")).__name__)
w = "Word"
print(w.lower() == "word", hash(w.lower()) == hash("word"), {w.lower(): 1}["word"], w.upper() + w.capitalize())
