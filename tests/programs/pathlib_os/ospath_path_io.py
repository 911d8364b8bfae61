import os, tempfile, shutil
from pathlib import Path
with tempfile.TemporaryDirectory() as t:
    r = Path(t)
    (r / "a" / "b").mkdir(parents=True)
    (r / "a" / "f.txt").write_text("hello\nworld\n")
    (r / "a" / "b" / "g.py").write_text("x = 1\n")
    (r / ".hidden").write_text("h")
    (r / "link").symlink_to(r / "a")
    print((r / "link").is_symlink(), (r / "link").is_dir(), (r / "link").readlink() == r / "a")
    print(sorted(str(p.relative_to(r)) for p in r.glob("**")))
    print(sorted(str(p.relative_to(r)) for p in r.glob("**/*")))
    print(sorted(str(p.relative_to(r)) for p in r.glob("a/**/*.py")))
    print(sorted(str(p.relative_to(r)) for p in r.rglob("*.txt")))
    print(sorted(str(p.relative_to(r)) for p in r.glob(".*")))
    print(sorted(str(p.relative_to(r)) for p in r.glob("*")))
    print(sorted(str(p.relative_to(r)) for p in r.glob("a/*/")))
    for dirpath, dirs, files in sorted((r / "a").walk()):
        print(dirpath.relative_to(r), sorted(dirs), sorted(files))
    for dirpath, dirs, files in (r / "a").walk(top_down=False):
        print("bu", dirpath.relative_to(r), sorted(dirs), sorted(files))
    with os.scandir(r / "a") as it:
        for e in sorted(it, key=lambda e: e.name):
            print(e.name, e.is_file(), e.is_dir(), e.is_symlink(), e.path == str(r / "a" / e.name), repr(e), os.fspath(e) == e.path, e.stat().st_size > 0)
    f = r / "a" / "f.txt"
    print(f.read_text().splitlines(), f.stat().st_size, f.lstat().st_size)
    with f.open() as fh:
        print(fh.readline(), fh.read())
    with f.open("rb") as fh:
        print(fh.read())
    g = f.rename(r / "moved.txt")
    print(type(g).__name__, g.name, f.exists(), g.exists())
    g.touch()
    (r / "new.txt").touch()
    print((r / "new.txt").read_bytes())
    try:
        (r / "new.txt").touch(exist_ok=False)
    except FileExistsError as e:
        print("FileExistsError", e.errno)
    print(g.samefile(str(g)), g.replace(r / "moved2.txt").name)
    print(os.path.getsize(r / "moved2.txt"), os.path.isfile(r / "moved2.txt"))
    (r / "moved2.txt").chmod(0o600)
    print(oct((r / "moved2.txt").stat().st_mode & 0o777))
    try:
        (r / "nope" / "x").mkdir()
    except FileNotFoundError as e:
        print("FNF", e.filename == str(r / "nope" / "x"))
    try:
        (r / "nope.txt").read_text()
    except FileNotFoundError as e:
        print("FNF", os.path.basename(e.filename), e.strerror)
    print(list(os.walk(r / "nope")))
    errs = []
    list(os.walk(r / "nope", onerror=errs.append))
    print(type(errs[0]).__name__)
    print(sorted(os.listdir(r)))
    os.makedirs(r / "x" / "y", exist_ok=True)
    os.removedirs(r / "x" / "y")
    print((r / "x").exists())
    shutil.rmtree(r / "a")
    print(sorted(os.listdir(r)))
    print(Path(t).is_mount(), os.path.lexists(r / "link"), os.path.exists(r / "link"))
    (r / "w.txt").write_text("a\nb", newline="\r\n")
    print((r / "w.txt").read_bytes())
    print((r / "w.txt").read_text(), repr(open(r / "w.txt", newline="").read()))
    try:
        (r / "w.txt").write_text(b"x")
    except TypeError as e:
        print(e)
    with open(r / "w.txt", "w", encoding="latin-1") as fh:
        fh.write("caf\xe9")
    print((r / "w.txt").read_bytes(), (r / "w.txt").read_text(encoding="latin-1"))
    try:
        (r / "w.txt").read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e.reason)
    print(repr((r / "w.txt").read_text(encoding="utf-8", errors="replace")))
