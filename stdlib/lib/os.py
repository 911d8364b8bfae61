"""Operating-system interfaces (Linux): the `posix` native calls plus the
portable layer CPython's `os` adds on top (environ, fspath, scandir,
walk, makedirs, stat_result, ...)."""

import abc
import sys
import posix as _posix
from posix import (getcwd, getcwdb, chdir, listdir, mkdir, rmdir, unlink, remove, rename,
                   replace, link, symlink, readlink, chmod, access, utime, open, read, write,
                   close, lseek, ftruncate, isatty, fsync, dup, getpid, getppid, getuid,
                   geteuid, getgid, umask, strerror, urandom, cpu_count, getegid, getpgrp,
                   kill, getloadavg, truncate, fchmod, dup2, pipe, system, mkfifo, fdatasync,
                   sync, pread, pwrite, sched_yield, get_inheritable, set_inheritable,
                   get_blocking, set_blocking,
                   O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND,
                   O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC, F_OK, R_OK, W_OK, X_OK,
                   SEEK_SET, SEEK_CUR, SEEK_END)

name = 'posix'
linesep = '\n'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
curdir = '.'
pardir = '..'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
error = OSError
supports_bytes_environ = True

import posixpath as path
sys.modules['os.path'] = path


# ----- fspath ------------------------------------------------------------

def fspath(path):
    """The file-system representation of a path (str or bytes)."""
    if isinstance(path, (str, bytes)):
        return path
    path_type = type(path)
    try:
        path_repr = path_type.__fspath__(path)
    except AttributeError:
        if hasattr(path_type, '__fspath__'):
            raise
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + path_type.__name__)
    if isinstance(path_repr, (str, bytes)):
        return path_repr
    raise TypeError("expected {}.__fspath__() to return str or bytes, not {}"
                    .format(path_type.__name__, type(path_repr).__name__))


class PathLike(abc.ABC):
    """Abstract base class for objects with a file-system path (__fspath__)."""

    @abc.abstractmethod
    def __fspath__(self):
        raise NotImplementedError

    @classmethod
    def __subclasshook__(cls, subclass):
        if cls is PathLike:
            for klass in subclass.__mro__:
                if '__fspath__' in klass.__dict__:
                    return klass.__dict__['__fspath__'] is not None
        return NotImplemented

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


def fsencode(filename):
    filename = fspath(filename)
    if isinstance(filename, str):
        return filename.encode('utf-8', 'surrogateescape')
    return filename


def fsdecode(filename):
    filename = fspath(filename)
    if isinstance(filename, bytes):
        return filename.decode('utf-8', 'surrogateescape')
    return filename


def getfilesystemencoding():
    return 'utf-8'


# ----- environ -----------------------------------------------------------

from collections.abc import Mapping as _Mapping, MutableMapping as _MutableMapping


class _Environ(_MutableMapping):
    """os.environ: a dict of the process environment whose changes reach it."""

    def __init__(self, data):
        self._data = data

    def __getitem__(self, key):
        if not isinstance(key, str):
            raise TypeError("str expected, not %s" % type(key).__name__)
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError("str expected, not %s" % type(key).__name__)
        if not isinstance(value, str):
            raise TypeError("str expected, not %s" % type(value).__name__)
        _posix.putenv(key, value)
        self._data[key] = value

    def __delitem__(self, key):
        if not isinstance(key, str):
            raise TypeError("str expected, not %s" % type(key).__name__)
        _posix.unsetenv(key)
        try:
            del self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        return isinstance(key, str) and key in self._data

    def __repr__(self):
        items = ', '.join('{!r}: {!r}'.format(k, v) for k, v in self._data.items())
        return 'environ({%s})' % items

    def copy(self):
        return dict(self)

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if not isinstance(other, _Mapping):
            return NotImplemented
        new = dict(self)
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, _Mapping):
            return NotImplemented
        new = dict(other)
        new.update(self)
        return new


environ = _Environ(_posix.environ_snapshot())


class _EnvironB(_MutableMapping):
    """os.environb: os.environ with bytes keys and values."""

    def __getitem__(self, key):
        if not isinstance(key, bytes):
            raise TypeError("bytes expected, not %s" % type(key).__name__)
        try:
            return fsencode(environ[fsdecode(key)])
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        if not isinstance(key, bytes):
            raise TypeError("bytes expected, not %s" % type(key).__name__)
        if not isinstance(value, bytes):
            raise TypeError("bytes expected, not %s" % type(value).__name__)
        environ[fsdecode(key)] = fsdecode(value)

    def __delitem__(self, key):
        if not isinstance(key, bytes):
            raise TypeError("bytes expected, not %s" % type(key).__name__)
        try:
            del environ[fsdecode(key)]
        except KeyError:
            raise KeyError(key) from None

    def __iter__(self):
        return iter([fsencode(k) for k in environ])

    def __len__(self):
        return len(environ)

    def __repr__(self):
        items = ', '.join('{!r}: {!r}'.format(fsencode(k), fsencode(v)) for k, v in environ.items())
        return 'environ({%s})' % items

    def copy(self):
        return dict(self)


environb = _EnvironB()


def getenvb(key, default=None):
    return environb.get(key, default)


def getenv(key, default=None):
    """The environment variable `key`, or `default` when it is not set."""
    return environ.get(key, default)


def putenv(key, value):
    _posix.putenv(key, value)


def unsetenv(key):
    _posix.unsetenv(key)


# ----- stat results ------------------------------------------------------

class stat_result(tuple):
    """The result of os.stat(): a 10-tuple with st_* attributes."""

    n_sequence_fields = 10
    n_fields = 19
    n_unnamed_fields = 3
    _fields = ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size')

    def __new__(cls, seq, dict=None):
        seq = tuple(seq)
        if len(seq) < 10:
            raise TypeError("os.stat_result() takes an at least 10-sequence (%d-sequence given)" % len(seq))
        self = tuple.__new__(cls, seq[:10])
        full = seq + (None,) * (19 - len(seq))
        self.st_mode, self.st_ino, self.st_dev, self.st_nlink, self.st_uid, self.st_gid, self.st_size = full[:7]
        self.st_atime = full[10] if full[10] is not None else full[7]
        self.st_mtime = full[11] if full[11] is not None else full[8]
        self.st_ctime = full[12] if full[12] is not None else full[9]
        self.st_atime_ns, self.st_mtime_ns, self.st_ctime_ns = full[13:16]
        self.st_blksize, self.st_blocks, self.st_rdev = full[16:19]
        return self

    def __repr__(self):
        names = ('st_mode', 'st_ino', 'st_dev', 'st_nlink', 'st_uid', 'st_gid', 'st_size',
                 'st_atime', 'st_mtime', 'st_ctime')
        return 'os.stat_result(%s)' % ', '.join('%s=%r' % (n, v) for n, v in zip(names, self))

    def __reduce__(self):
        return (stat_result, (tuple(self),))


def stat(path, *, dir_fd=None, follow_symlinks=True):
    return stat_result(_posix.stat(path, follow_symlinks=follow_symlinks))


def lstat(path, *, dir_fd=None):
    return stat_result(_posix.lstat(path))


def fstat(fd):
    return stat_result(_posix.fstat(fd))


# ----- scandir -----------------------------------------------------------

_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_S_IFLNK = 0o120000


class DirEntry:
    """One entry of os.scandir(): name, path and cached type queries."""

    __slots__ = ('name', 'path', '_kind', '_ino', '_stat', '_lstat')

    def __init__(self, dirpath, name, kind, ino):
        self.name = name
        if dirpath is None:
            self.path = name
        else:
            self.path = path.join(dirpath, name)
        self._kind = kind
        self._ino = ino
        self._stat = None
        self._lstat = None

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)

    def inode(self):
        return self._ino

    def is_symlink(self):
        if self._kind >= 0:
            return self._kind == 3
        try:
            return (self.stat(follow_symlinks=False).st_mode & 0o170000) == _S_IFLNK
        except OSError:
            return False

    def _test(self, bits, follow_symlinks, kind):
        if self._kind >= 0 and not (follow_symlinks and self._kind == 3):
            return self._kind == kind
        try:
            st = self.stat(follow_symlinks=follow_symlinks)
        except FileNotFoundError:
            return False
        return (st.st_mode & 0o170000) == bits

    def is_dir(self, *, follow_symlinks=True):
        return self._test(_S_IFDIR, follow_symlinks, 1)

    def is_file(self, *, follow_symlinks=True):
        return self._test(_S_IFREG, follow_symlinks, 2)

    def is_junction(self):
        return False

    def stat(self, *, follow_symlinks=True):
        if follow_symlinks:
            if self._stat is None:
                if self.is_symlink():
                    self._stat = stat(self.path)
                else:
                    self._stat = self.stat(follow_symlinks=False)
            return self._stat
        if self._lstat is None:
            self._lstat = lstat(self.path)
        return self._lstat

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return '<DirEntry %r>' % (self.name,)


class _ScandirIterator:
    def __init__(self, entries):
        self._it = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)

    def close(self):
        self._it = iter(())

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
        return False


def scandir(path=None):
    """An iterator of DirEntry objects for the entries of a directory."""
    if path is None:
        dirpath = '.'
        shown = '.'
    else:
        dirpath = fspath(path)
        shown = dirpath
    items = _posix.listdir_types(dirpath)
    return _ScandirIterator([DirEntry(shown, n, k, i) for n, k, i in items])


# ----- directory trees ---------------------------------------------------

def makedirs(name, mode=0o777, exist_ok=False):
    """Create a directory and any missing parents."""
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
        cdir = curdir
        if isinstance(tail, bytes):
            cdir = bytes(curdir, 'ASCII')
        if tail == cdir:
            return
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def renames(old, new):
    head, tail = path.split(new)
    if head and tail and not path.exists(head):
        makedirs(head)
    rename(old, new)
    head, tail = path.split(old)
    if head and tail:
        try:
            removedirs(head)
        except OSError:
            pass


def walk(top, topdown=True, onerror=None, followlinks=False):
    """Yield (dirpath, dirnames, filenames) for every directory under top."""
    stack = [fspath(top)]
    islink, join = path.islink, path.join
    while stack:
        top = stack.pop()
        if isinstance(top, tuple):
            yield top
            continue
        dirs = []
        nondirs = []
        walk_dirs = []
        try:
            scandir_it = scandir(top)
        except OSError as error:
            if onerror is not None:
                onerror(error)
            continue
        cont = False
        with scandir_it:
            while True:
                try:
                    try:
                        entry = next(scandir_it)
                    except StopIteration:
                        break
                except OSError as error:
                    if onerror is not None:
                        onerror(error)
                    cont = True
                    break
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False
                if is_dir:
                    dirs.append(entry.name)
                else:
                    nondirs.append(entry.name)
                if not topdown and is_dir:
                    if followlinks:
                        walk_into = True
                    else:
                        try:
                            is_symlink = entry.is_symlink()
                        except OSError:
                            is_symlink = False
                        walk_into = not is_symlink
                    if walk_into:
                        walk_dirs.append(entry.path)
        if cont:
            continue
        if topdown:
            yield top, dirs, nondirs
            for dirname in reversed(dirs):
                new_path = join(top, dirname)
                if followlinks or not islink(new_path):
                    stack.append(new_path)
        else:
            stack.append((top, dirs, nondirs))
            for new_path in reversed(walk_dirs):
                stack.append(new_path)


def fdopen(fd, mode="r", buffering=-1, encoding=None, *args, **kwargs):
    if not isinstance(fd, int):
        raise TypeError("invalid fd type (%s, expected integer)" % type(fd))
    import io
    return io.open(fd, mode, buffering, encoding, *args, **kwargs)


def get_exec_path(env=None):
    if env is None:
        env = environ
    path_list = env.get('PATH', defpath)
    return path_list.split(pathsep)


class uname_result(tuple):
    """os.uname(): (sysname, nodename, release, version, machine)."""

    sysname = property(lambda self: self[0])
    nodename = property(lambda self: self[1])
    release = property(lambda self: self[2])
    version = property(lambda self: self[3])
    machine = property(lambda self: self[4])

    def __repr__(self):
        names = ('sysname', 'nodename', 'release', 'version', 'machine')
        return 'posix.uname_result(%s)' % ', '.join('%s=%r' % p for p in zip(names, self))


def uname():
    return uname_result(_posix.uname())


def getlogin():
    import pwd
    return pwd.getpwuid(getuid()).pw_name


class times_result(tuple):
    """os.times(): (user, system, children_user, children_system, elapsed)."""

    user = property(lambda self: self[0])
    system = property(lambda self: self[1])
    children_user = property(lambda self: self[2])
    children_system = property(lambda self: self[3])
    elapsed = property(lambda self: self[4])

    def __repr__(self):
        names = ('user', 'system', 'children_user', 'children_system', 'elapsed')
        return 'posix.times_result(%s)' % ', '.join('%s=%r' % p for p in zip(names, self))


class statvfs_result(tuple):
    """os.statvfs(): file-system statistics."""

    _names = ('f_bsize', 'f_frsize', 'f_blocks', 'f_bfree', 'f_bavail', 'f_files',
              'f_ffree', 'f_favail', 'f_flag', 'f_namemax')

    def __new__(cls, seq):
        seq = tuple(seq)
        self = tuple.__new__(cls, seq[:10])
        self.f_fsid = seq[10] if len(seq) > 10 else None
        return self

    f_bsize = property(lambda self: self[0])
    f_frsize = property(lambda self: self[1])
    f_blocks = property(lambda self: self[2])
    f_bfree = property(lambda self: self[3])
    f_bavail = property(lambda self: self[4])
    f_files = property(lambda self: self[5])
    f_ffree = property(lambda self: self[6])
    f_favail = property(lambda self: self[7])
    f_flag = property(lambda self: self[8])
    f_namemax = property(lambda self: self[9])

    def __repr__(self):
        return 'os.statvfs_result(%s)' % ', '.join('%s=%r' % p for p in zip(self._names, self))


def statvfs(path):
    return statvfs_result(_posix.statvfs(path))


def times():
    return times_result(_posix.times())


def waitstatus_to_exitcode(status):
    if not isinstance(status, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(status).__name__)
    if status & 0x7f == 0:
        return (status >> 8) & 0xff
    if ((status & 0x7f) + 1) >> 1 > 0 and status & 0xff != 0x7f:
        return -(status & 0x7f)
    raise ValueError("invalid wait status: %d" % status)


def closerange(fd_low, fd_high):
    for fd in range(fd_low, fd_high):
        try:
            close(fd)
        except OSError:
            pass


supports_dir_fd = set()
supports_effective_ids = set()
supports_fd = {stat, truncate}
supports_follow_symlinks = {stat}

SEEK_DATA = 3
SEEK_HOLE = 4
EX_OK = 0
P_WAIT = 0
P_NOWAIT = 1
WNOHANG = 1


class terminal_size(tuple):
    def __new__(cls, seq):
        self = tuple.__new__(cls, seq)
        self.columns, self.lines = self
        return self

    def __repr__(self):
        return 'os.terminal_size(columns=%d, lines=%d)' % (self.columns, self.lines)


def get_terminal_size(fd=1, /):
    """The terminal size of `fd` (Egret has no ioctl: a terminal that is not
    one raises OSError, as on CPython; shutil.get_terminal_size falls back)."""
    if not isatty(fd):
        raise OSError(25, 'Inappropriate ioctl for device')
    try:
        return terminal_size((int(environ['COLUMNS']), int(environ['LINES'])))
    except (KeyError, ValueError):
        return terminal_size((80, 24))

DirEntry.__module__ = 'posix'
uname_result.__module__ = 'posix'
times_result.__module__ = 'posix'
_ScandirIterator.__module__ = 'posix'
_ScandirIterator.__name__ = _ScandirIterator.__qualname__ = 'ScandirIterator'
