from pathlib import PureWindowsPath as W, PurePosixPath as P, PurePath
cases = ["C:\\a\\b.txt", "c:/A/B/", "\\\\srv\\sh\\x", "//srv/sh", "C:", "C:.", "a\\..\\b", "\\\\?\\UNC\\srv\\sh\\f", "\\\\.\\pipe\\x", ".", "", "C:/", "/x", "C:a/b"]
for c in cases:
    w = W(c)
    print(repr(c), repr(w), str(w), w.parts, repr(w.drive), repr(w.root), w.name, w.suffix, str(w.parent), w.is_absolute())
print(W("C:/a/b").relative_to("C:/a"), W("C:/a/b").relative_to("c:/A"))
try:
    W("C:/a").relative_to("D:/a")
except ValueError as e:
    print(e)
try:
    W("C:/a").relative_to("D:/a", walk_up=True)
except ValueError as e:
    print(e)
print(W("C:/a/b").with_name("c.txt"), W("C:/a/b.x").with_suffix(".y"), W("C:/a/b").with_stem("q"))
for bad in ("a\\b", "C:", "", "c:d"):
    try:
        W("C:/a/b").with_name(bad)
    except ValueError as e:
        print("ValueError", e)
print(W("a/b") == W("A/B"), W("a") < W("B"), sorted([W("b"), W("A")]))
print(W("C:/x") / "..", W("C:/x").joinpath("d:y"), W("//srv/sh") / "x" / "y")
print(W("C:/a b/ü.txt").as_uri(), W("//host/share/a").as_uri())
print(W("c:/x/y").match("C:/X/*"), W("c:/x/y").match("y"), W("c:/x/y").match("*/Y"))
print([str(p) for p in W("C:a/b").parents], [str(p) for p in W("//srv/sh/a").parents])
print(P(W("a\\b")), W(P("a/b")), P("a\\b").parts, W("a/b").as_posix())
print(W("nul.txt").is_reserved(), W("C:/con").is_reserved(), W("a/b").is_reserved(), P("nul").is_reserved())
print(W("C:/a/b").is_relative_to("C:/"), W("C:/a") == W("c:\\A"), hash(W("C:/a")) == hash(W("c:\\A")))
print(W("a", "b", "C:c", "d"), W("C:/a", "/b"), W("C:/a", "D:b"), W("C:/a", "c:b"))
print(repr(W("//server/share/")), W("//server/share/").anchor)
