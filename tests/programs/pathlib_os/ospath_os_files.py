import os, shutil, tempfile, time, stat, io
from pathlib import Path
with tempfile.TemporaryDirectory() as d:
    a = os.path.join(d, "a.txt")
    with open(a, "w") as f:
        f.write("data")
    os.utime(a, (1000000000, 1000000000))
    print(os.path.getmtime(a), os.stat(a).st_mtime, os.stat(a).st_mtime_ns, int(os.path.getatime(a)))
    b = shutil.copy2(a, os.path.join(d, "b.txt"))
    print(os.path.getmtime(b), os.path.basename(b))
    os.chmod(a, 0o400)
    print(os.access(a, os.R_OK), os.access(a, os.W_OK) or os.getuid() == 0, stat.filemode(os.stat(a).st_mode))
    os.chmod(a, 0o644)
    os.link(a, os.path.join(d, "hard.txt"))
    print(os.stat(a).st_nlink, os.path.samefile(a, os.path.join(d, "hard.txt")))
    os.symlink("a.txt", os.path.join(d, "sym"))
    print(os.readlink(os.path.join(d, "sym")), os.path.islink(os.path.join(d, "sym")), os.path.realpath(os.path.join(d, "sym")) == os.path.realpath(a))
    print(stat.S_ISLNK(os.lstat(os.path.join(d, "sym")).st_mode), os.stat(os.path.join(d, "sym"), follow_symlinks=False).st_mode == os.lstat(os.path.join(d, "sym")).st_mode)
    os.makedirs(os.path.join(d, "src", "x"))
    for n in ("keep.py", "skip.pyc", "x/inner.py"):
        with open(os.path.join(d, "src", n), "w") as f:
            f.write(n)
    shutil.copytree(os.path.join(d, "src"), os.path.join(d, "dst"), ignore=shutil.ignore_patterns("*.pyc"))
    print(sorted(os.listdir(os.path.join(d, "dst"))), os.listdir(os.path.join(d, "dst", "x")))
    try:
        shutil.copytree(os.path.join(d, "src"), os.path.join(d, "dst"))
    except FileExistsError as e:
        print("FileExistsError", e.strerror)
    shutil.copytree(os.path.join(d, "src"), os.path.join(d, "dst"), dirs_exist_ok=True)
    print(sorted(os.listdir(os.path.join(d, "dst"))))
    print(os.path.basename(shutil.move(os.path.join(d, "dst"), os.path.join(d, "src"))), sorted(os.listdir(os.path.join(d, "src"))))
    print(shutil.which("sh") is not None, shutil.which("definitely-not-a-cmd"))
    nt = tempfile.NamedTemporaryFile(delete=False, dir=d, prefix="pre", suffix=".suf")
    nt.write(b"abc")
    nt.close()
    print(os.path.basename(nt.name).startswith("pre"), nt.name.endswith(".suf"), open(nt.name, "rb").read())
    with tempfile.SpooledTemporaryFile(max_size=10, mode="w+") as sp:
        sp.write("hello")
        sp.seek(0)
        print(sp.read())
    st = os.stat(a)
    print(repr(st).startswith("os.stat_result(st_mode="), st.st_size, st[6], st[stat.ST_SIZE])
    with os.scandir(d) as it:
        e = next(e for e in it if e.name == "a.txt")
    print(e.inode() == st.st_ino, e.stat().st_size)
    fd = os.open(os.path.join(d, "fd.bin"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    print(os.write(fd, b"12345"), os.lseek(fd, 0, os.SEEK_CUR))
    os.close(fd)
    fd = os.open(os.path.join(d, "fd.bin"), os.O_RDWR)
    os.lseek(fd, 2, os.SEEK_SET)
    print(os.read(fd, 10), os.read(fd, 10), os.fstat(fd).st_size)
    os.ftruncate(fd, 3)
    os.close(fd)
    print(open(os.path.join(d, "fd.bin"), "rb").read())
    try:
        os.close(fd)
    except OSError as e:
        print(type(e).__name__, e)
    with open(os.path.join(d, "fd.bin"), "rb") as f:
        print(f.fileno() > 2, f.seekable(), f.readable(), f.writable(), f.isatty())
    f = open(a)
    f.close()
    for op in (f.read, f.readline, lambda: f.write("x"), lambda: next(iter(f))):
        try:
            op()
        except ValueError as e:
            print("ValueError", e)
    with open(a, "w") as f:
        try:
            f.read()
        except io.UnsupportedOperation as e:
            print("UnsupportedOperation", e)
    with open(a, "rb") as f:
        try:
            f.write(b"x")
        except io.UnsupportedOperation as e:
            print("UnsupportedOperation", e)
    with open(a, "w") as f:
        try:
            f.write(b"x")
        except TypeError as e:
            print("TypeError", e)
        print(f.write("abc\n"), f.tell())
        print(repr(f).replace(d, "D"), repr(f).count("TextIOWrapper"))
    with open(a, "ab") as f:
        print(f.write(b"def"), f.tell(), f.mode)
    print(open(a).read())
    with open(a) as f:
        print(f.readlines(), f.read(), f.readline())
    with open(a, "r+") as f:
        f.seek(0, 2)
        f.write("Z")
    print(repr(open(a).read()))
    print(os.listdir(d) == os.listdir(d.encode()) or [type(x).__name__ for x in os.listdir(d.encode())][:1])
print(os.path.exists(d))
