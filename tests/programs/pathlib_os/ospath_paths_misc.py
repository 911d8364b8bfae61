import os, sys, pathlib
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
print(repr(PureWindowsPath("c:/a/b")), repr(PurePath("a")), repr(Path("a/b")))
print(PureWindowsPath("c:/a") / "b", PureWindowsPath("a", "b").parts)
p = PurePosixPath("/a/b/c.tar.gz")
print(p.parents[0], list(p.parents), p.anchor, p.with_suffix(".zip"))
print(PurePosixPath("a") == PurePosixPath("a"), PurePosixPath("a") != "a")
print(sorted([PurePosixPath("b"), PurePosixPath("a/c"), PurePosixPath("a")]))
print(PurePosixPath("a/b").is_relative_to("a"), PurePosixPath("a/b").relative_to("a"))
print(str(PurePosixPath("//a/b")), PurePosixPath("//a/b").parts, PurePosixPath("///a").parts)
print(PurePosixPath("a").joinpath("b", "c"), PurePosixPath("/").joinpath("x"))
print(hash(PurePosixPath("a")) == hash(PurePosixPath("a")))
print(PurePosixPath("a/b.py").match("*.py"), PurePosixPath("/a/b.py").match("/a/*.py"))
print(Path("x").absolute() == Path(os.getcwd()) / "x", Path.cwd() == Path(os.getcwd()))
print(Path("~").expanduser() == Path(os.path.expanduser("~")), Path.home() == Path(os.path.expanduser("~")))
print(Path("/tmp/../tmp/./").resolve(), Path("/tmp").exists(), Path("/tmp").is_dir())
print(os.path.normpath("a//b/../c/."), os.path.join("/a", "b/", "c"), os.path.split("a/b/"), os.path.splitext(".a.b"))
print(os.path.abspath("/a/../b"), os.path.relpath("a/b", "a/c"), os.path.commonprefix(["abc", "abd"]))
print(os.path.expandvars("$HOME/x") == os.environ["HOME"] + "/x", os.path.expandvars("${NOPE_X}/y $ z"))
print(os.path.basename("/a/b/"), os.path.dirname("/a/b/"), os.path.isabs("a"), os.path.ismount("/"))
print(os.sep, os.pathsep, os.linesep == "\n", os.name, os.curdir, os.devnull)
print(type(os.environ).__name__, "PATH" in os.environ, isinstance(os.getpid(), int), len(os.urandom(5)))
print(os.fspath(Path("a/b")), os.fsencode(Path("a")), str(Path("a/b")), bytes(PurePosixPath("a")))
st = os.stat("/tmp")
print(type(st).__name__, st.st_mode == st[0], len(st), isinstance(st.st_mtime, float), isinstance(st.st_mtime_ns, int))
import stat
print(stat.S_ISDIR(st.st_mode))
try:
    os.stat("/nonexistent/x")
except FileNotFoundError as e:
    print(e, e.errno, e.strerror, e.filename, e.args)
try:
    os.listdir("/nonexistent")
except OSError as e:
    print(type(e).__name__, e)
import tempfile
with tempfile.TemporaryDirectory() as _d:
    open(os.path.join(_d, "f"), "w").close()
    try:
        os.rmdir(_d)
    except OSError as e:
        print(type(e).__name__, e.errno)
try:
    os.fspath(1)
except TypeError as e:
    print(e)
try:
    os.stat(1.5)
except TypeError as e:
    print(e)
try:
    Path("/tmp").mkdir()
except FileExistsError as e:
    print(e)
print(os.getcwd() == str(Path.cwd()), os.path.exists(os.getcwd()))
print(PurePath("a", "b") / "c", PurePosixPath("a")._flavour is os.path if hasattr(PurePosixPath("a"), "_flavour") else None)
import errno
print(errno.ENOENT, errno.errorcode[2], errno.EEXIST, os.strerror(2))
print(repr(os.environ.get("NOPE_NOT_SET")), os.getenv("NOPE", 1))
print(list(PurePosixPath("a/b").parents), PurePosixPath("a/b").parents)
