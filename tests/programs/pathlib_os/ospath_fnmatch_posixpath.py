import fnmatch, glob, os.path as op
pats = ["*.py", "a?c", "[abc]x", "[!a-c]*", "*a*b*", "**", "a*", "*", "?", "[", "[]]", "[!]]", "a[b-", "x[z-a]y", "a.b+c(d)", "\\*", "[a-z0-9_]*.txt", "*.[!p]*", "a**b", "[\\]"]
for p in pats:
    print(repr(p), fnmatch.translate(p))
names = ["a.py", "abc", "bx", "dog", "aXbY", "]", "a.b+c(d)", "x.txt", "[", "a-", "q.pyc", "q.c"]
for p in pats:
    print(repr(p), [n for n in names if fnmatch.fnmatchcase(n, p)])
print(fnmatch.filter(["A.PY", "b.py"], "*.py"), fnmatch.fnmatch("A.PY", "*.py"))
print(op.join(b"/a", b"b"), op.split(b"/a/b"), op.basename(b"x/y"), op.normpath(b"/a/./b/.."), op.relpath(b"/a/b", b"/a"))
print(op.splitroot("//a/b"), op.splitroot("///a"), op.splitroot("a"), op.isabs(b"/x"), op.commonpath([b"/a/b", b"/a/c"]))
for args in [(1,), ("a", 1)]:
    try:
        op.join(*args)
    except TypeError as e:
        print(e)
try:
    op.commonpath(["/a", 1])
except TypeError as e:
    print(e)
print(op.normcase("AbC"), op.splitdrive("C:/x"), op.exists(""), op.isdir(""), op.getsize.__name__)
