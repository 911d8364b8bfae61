# builtin open (text/binary, newline modes, seek/tell, append, errors), shutil, glob, tempfile
import os, io, shutil, glob, tempfile, fnmatch, stat
from pathlib import Path, PurePosixPath

with tempfile.TemporaryDirectory(prefix="egret") as d:
    print(os.path.basename(d).startswith("egret"), os.path.isdir(d))
    p = os.path.join(d, "t.txt")
    with open(p, "w") as f:
        print(f.name == p, f.mode, f.encoding, f.closed)
        print(f.write("one\ntwo\r\nthree\rfour"))
    print(f.closed)
    with open(p) as f:
        print(f.readline(), end="|")
        print(repr(f.read(5)), f.newlines)
        print(f.readlines())
    with open(p, newline="") as f:
        print([line for line in f])
    with open(p, "rb") as f:
        print(f.read(4), f.tell(), f.seek(-4, 2), f.read())
    with open(p, "a", encoding="utf-8") as f:
        f.write("\u00e9\u20ac\U0001f600")
    with open(p, encoding="utf-8") as f:
        data = f.read()
        print(len(data), repr(data[-3:]))
    with open(p, "r+") as f:
        print(repr(f.read(3)), f.tell())
        f.seek(0)
        f.write("ONE")
        f.seek(0)
        print(repr(f.readline()))
    with open(p, "rb") as f:
        print(f.readline(), f.readline(), len(f.read()))
    for mode in ("rw", "rb+t", "q", "bt"):
        try:
            open(p, mode)
        except ValueError as e:
            print("ValueError", e)
    try:
        open(p, "rb", encoding="utf-8")
    except ValueError as e:
        print("ValueError", e)
    try:
        open(os.path.join(d, "missing", "x"))
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.strerror, os.path.basename(e.filename))
    try:
        open(d)
    except IsADirectoryError as e:
        print(type(e).__name__, e.errno, e.strerror)
    try:
        open(1.5)
    except TypeError as e:
        print("TypeError", e)
    with open(p, "x" if False else "w") as f:
        f.writelines(["a\n", "b\n"])
    try:
        open(p, "x")
    except FileExistsError as e:
        print("FileExistsError", e.errno)
    with open(p, "rb", buffering=0) as f:
        print(type(f).__name__, f.read())
    with open(Path(p)) as f:
        print(f.read().split())
    fd = os.open(p, os.O_RDONLY)
    print(os.read(fd, 2), os.fstat(fd).st_size)
    os.close(fd)

    # shutil
    src = Path(d) / "tree"
    (src / "sub" / "deep").mkdir(parents=True)
    (src / "a.txt").write_text("A")
    (src / "sub" / "b.py").write_text("B")
    (src / "sub" / "deep" / "c.py").write_bytes(b"C")
    dst = shutil.copytree(src, Path(d) / "copy")
    print(sorted(str(p.relative_to(dst)) for p in dst.rglob("*")))
    print(shutil.copyfile(src / "a.txt", Path(d) / "a2.txt").name, (Path(d) / "a2.txt").read_text())
    print(os.path.basename(shutil.copy(src / "a.txt", Path(d) / "copy")))
    try:
        shutil.copyfile(src / "a.txt", src / "a.txt")
    except shutil.SameFileError as e:
        print("SameFileError")
    moved = shutil.move(str(Path(d) / "a2.txt"), str(Path(d) / "moved.txt"))
    print(os.path.basename(moved), os.path.exists(os.path.join(d, "a2.txt")))
    shutil.rmtree(dst)
    print(dst.exists())

    # glob
    cwd = os.getcwd()
    os.chdir(src)
    print(sorted(glob.glob("*")), sorted(glob.glob("**/*.py", recursive=True)), sorted(glob.glob("sub/*")))
    print(sorted(glob.glob("*.nothing")), glob.has_magic("a*"), glob.escape("a*b?[c]"))
    print(sorted(glob.glob("*", root_dir="sub")))
    os.chdir(cwd)
    print(sorted(os.path.relpath(x, d) for x in glob.glob(os.path.join(d, "tree", "*", "*.py"))))

    # tempfile helpers
    fd, name = tempfile.mkstemp(suffix=".dat", dir=d)
    os.write(fd, b"xyz")
    os.close(fd)
    print(name.endswith(".dat"), os.path.getsize(name), os.path.dirname(name) == d)
    sub = tempfile.mkdtemp(dir=d)
    print(os.path.isdir(sub), stat.S_IMODE(os.stat(sub).st_mode) == 0o700)
    with tempfile.NamedTemporaryFile("w+", dir=d, suffix=".txt") as tf:
        tf.write("named")
        tf.seek(0)
        print(tf.read(), os.path.exists(tf.name), tf.name.endswith(".txt"))
    print(os.path.exists(tf.name))
    with tempfile.TemporaryFile() as tf:
        tf.write(b"anon")
        tf.seek(0)
        print(tf.read())
    print(tempfile.gettempdir() == os.path.dirname(tempfile.mkdtemp()) or True)
print(os.path.exists(d))
print(fnmatch.fnmatch("File.PY", "*.PY"), fnmatch.filter(["a.c", "b.h", "c.c"], "*.c"), fnmatch.fnmatchcase("x[1]", "x[[]1]"))
print(fnmatch.translate("*.py"), fnmatch.translate("a?[!b-d]"))
print(stat.filemode(0o100755), stat.filemode(0o040700), stat.S_ISDIR(0o040000), stat.S_IMODE(0o104755))
