import glob, os, tempfile
with tempfile.TemporaryDirectory() as d:
    os.chdir(d)
    for p in ["a/b/c.txt", "a/b/d.py", "a/.hid/e.py", "a/f.py", ".top.py", "x.py", "y.txt", "a/b/deep/g.py", "[br].txt"]:
        os.makedirs(os.path.dirname(p) or ".", exist_ok=True)
        open(p, "w").close()
    pats = ["*", "*.py", "**/*.py", "a/**", "a/**/", "**", "a/*/*.py", "?.py", "[xy].*", "a/b/*", "*/", ".*", "a/.*/*.py", "[[]br].txt", "nope/*", "a", "a/", "x.py"]
    for pat in pats:
        print(pat, sorted(glob.glob(pat)), sorted(glob.glob(pat, recursive=True)))
    print(sorted(glob.glob("**/*.py", recursive=True, include_hidden=True)))
    print(sorted(glob.glob("*.py", root_dir="a")), sorted(glob.glob(os.path.join(d, "a", "*.py"))) == [os.path.join(d, "a", "f.py")])
    print(sorted(glob.iglob("a/b/*.py")), glob.escape("[x]*?"), glob.has_magic("abc"), glob.has_magic("a[b"))
    print(sorted(glob.glob(b"*.py")))
    os.chdir("/")
