"""Temporary files and directories: gettempdir, mkstemp, mkdtemp,
NamedTemporaryFile, TemporaryFile, TemporaryDirectory (CPython 3.12 API)."""

import os as _os
import shutil as _shutil
import errno as _errno
import io as _io

__all__ = ["NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile", "TemporaryDirectory",
           "mkstemp", "mkdtemp", "mktemp", "TMP_MAX", "gettempprefix", "tempdir", "gettempdir",
           "gettempprefixb", "gettempdirb"]

TMP_MAX = 10000
template = "tmp"
tempdir = None

_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_BIN_OPENFLAGS = _os.O_RDWR | _os.O_CREAT | _os.O_EXCL | getattr(_os, 'O_NOFOLLOW', 0) | getattr(_os, 'O_CLOEXEC', 0)
_TEXT_OPENFLAGS = _BIN_OPENFLAGS


def _random_name():
    data = _os.urandom(8)
    return ''.join(_CHARS[b % len(_CHARS)] for b in data)


def _candidate_tempdir_list():
    dirlist = []
    for envname in 'TMPDIR', 'TEMP', 'TMP':
        dirname = _os.getenv(envname)
        if dirname:
            dirlist.append(dirname)
    dirlist.extend(['/tmp', '/var/tmp', '/usr/tmp'])
    try:
        dirlist.append(_os.getcwd())
    except OSError:
        dirlist.append(_os.curdir)
    return dirlist


def _get_default_tempdir():
    for dir in _candidate_tempdir_list():
        if dir != _os.curdir:
            dir = _os.path.abspath(dir)
        if _os.path.isdir(dir) and _os.access(dir, _os.W_OK | _os.X_OK):
            return dir
    raise FileNotFoundError(_errno.ENOENT, "No usable temporary directory found in %s"
                            % _candidate_tempdir_list())


def gettempprefix():
    return _os.fsdecode(template)


def gettempprefixb():
    return _os.fsencode(template)


def gettempdir():
    """The default directory for temporary files."""
    global tempdir
    if tempdir is None:
        tempdir = _get_default_tempdir()
    return _os.fsdecode(tempdir)


def gettempdirb():
    return _os.fsencode(gettempdir())


def _sanitize_params(prefix, suffix, dir):
    types = set()
    for arg in (prefix, suffix, dir):
        if arg is None:
            continue
        if isinstance(arg, _os.PathLike):
            arg = _os.fspath(arg)
        if isinstance(arg, bytes):
            types.add(bytes)
        else:
            types.add(str)
    if len(types) > 1:
        raise TypeError("Can't mix bytes and non-bytes in path components.")
    output_type = types.pop() if types else str
    if suffix is None:
        suffix = output_type()
    if prefix is None:
        prefix = template if output_type is str else _os.fsencode(template)
    if dir is None:
        dir = gettempdir() if output_type is str else gettempdirb()
    return prefix, suffix, dir, output_type


def _mkstemp_inner(dir, pre, suf, flags, output_type):
    dir = _os.path.abspath(dir)
    for seq in range(TMP_MAX):
        name = _random_name()
        if output_type is bytes:
            name = _os.fsencode(name)
        file = _os.path.join(dir, pre + name + suf)
        try:
            fd = _os.open(file, flags, 0o600)
        except FileExistsError:
            continue
        return fd, file
    raise FileExistsError(_errno.EEXIST, "No usable temporary file name found")


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    """Create a new file securely; returns (fd, absolute path)."""
    prefix, suffix, dir, output_type = _sanitize_params(prefix, suffix, dir)
    flags = _TEXT_OPENFLAGS if text else _BIN_OPENFLAGS
    return _mkstemp_inner(dir, prefix, suffix, flags, output_type)


def mkdtemp(suffix=None, prefix=None, dir=None):
    """Create a new directory securely; returns its absolute path."""
    prefix, suffix, dir, output_type = _sanitize_params(prefix, suffix, dir)
    for seq in range(TMP_MAX):
        name = _random_name()
        if output_type is bytes:
            name = _os.fsencode(name)
        file = _os.path.join(dir, prefix + name + suffix)
        try:
            _os.mkdir(file, 0o700)
        except FileExistsError:
            continue
        return _os.path.abspath(file)
    raise FileExistsError(_errno.EEXIST, "No usable temporary directory name found")


def mktemp(suffix="", prefix=template, dir=None):
    """A file name that did not exist when checked (unsafe; use mkstemp)."""
    if dir is None:
        dir = gettempdir()
    for seq in range(TMP_MAX):
        file = _os.path.join(dir, prefix + _random_name() + suffix)
        if not _os.path.lexists(file):
            return file
    raise FileExistsError(_errno.EEXIST, "No usable temporary filename found")


class _TemporaryFileWrapper:
    """A file object whose file is removed when it is closed (if delete)."""

    def __init__(self, file, name, delete=True, delete_on_close=True):
        self.file = file
        self.name = name
        self.delete = delete
        self._delete_on_close = delete_on_close
        self._removed = False

    def _cleanup(self):
        if self.delete and not self._removed:
            self._removed = True
            try:
                _os.unlink(self.name)
            except FileNotFoundError:
                pass

    def __getattr__(self, name):
        return getattr(self.__dict__['file'], name)

    def __enter__(self):
        self.file.__enter__()
        return self

    def __exit__(self, exc, value, tb):
        result = self.file.__exit__(exc, value, tb)
        self._cleanup()
        return result

    def close(self):
        try:
            self.file.close()
        finally:
            if self._delete_on_close:
                self._cleanup()

    def __iter__(self):
        for line in self.file:
            yield line

    def __repr__(self):
        return '<tempfile._TemporaryFileWrapper object at 0x%x>' % id(self)


def NamedTemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None,
                       prefix=None, dir=None, delete=True, *, errors=None, delete_on_close=True):
    """A temporary file with a visible name (removed on close when delete)."""
    prefix, suffix, dir, output_type = _sanitize_params(prefix, suffix, dir)
    if "b" not in mode:
        encoding = _io.text_encoding(encoding)
    fd, name = _mkstemp_inner(dir, prefix, suffix, _BIN_OPENFLAGS, output_type)
    try:
        file = _io.open(name, mode, buffering=buffering, newline=newline,
                        encoding=encoding, errors=errors, opener=lambda *args: fd)
    except BaseException:
        _os.unlink(name)
        _os.close(fd)
        raise
    return _TemporaryFileWrapper(file, name, delete, delete_on_close)


def TemporaryFile(mode='w+b', buffering=-1, encoding=None, newline=None, suffix=None,
                  prefix=None, dir=None, *, errors=None):
    """An unnamed temporary file (its name is removed at once)."""
    prefix, suffix, dir, output_type = _sanitize_params(prefix, suffix, dir)
    if "b" not in mode:
        encoding = _io.text_encoding(encoding)
    fd, name = _mkstemp_inner(dir, prefix, suffix, _BIN_OPENFLAGS, output_type)
    try:
        _os.unlink(name)
        return _io.open(fd, mode, buffering=buffering, newline=newline,
                        encoding=encoding, errors=errors)
    except BaseException:
        _os.close(fd)
        raise


class SpooledTemporaryFile(_io.IOBase):
    """A temporary file kept in memory until it grows past max_size."""

    def __init__(self, max_size=0, mode='w+b', buffering=-1, encoding=None, newline=None,
                 suffix=None, prefix=None, dir=None, *, errors=None):
        if 'b' in mode:
            self._file = _io.BytesIO()
        else:
            self._file = _io.StringIO(newline="\n")
        self._max_size = max_size
        self._rolled = False
        self._TemporaryFileArgs = {'mode': mode, 'buffering': buffering, 'suffix': suffix,
                                   'prefix': prefix, 'encoding': encoding, 'newline': newline,
                                   'dir': dir, 'errors': errors}

    def _check(self, file):
        if self._rolled:
            return
        max_size = self._max_size
        if max_size and file.tell() > max_size:
            self.rollover()

    def rollover(self):
        if self._rolled:
            return
        file = self._file
        newfile = self._file = TemporaryFile(**self._TemporaryFileArgs)
        del self._TemporaryFileArgs
        pos = file.tell()
        newfile.write(file.getvalue())
        newfile.seek(pos, 0)
        self._rolled = True

    def __enter__(self):
        if self._file.closed:
            raise ValueError("Cannot enter context with closed file")
        return self

    def __exit__(self, exc, value, tb):
        self._file.close()

    def __iter__(self):
        return self._file.__iter__()

    def close(self):
        self._file.close()

    @property
    def closed(self):
        return self._file.closed

    def fileno(self):
        self.rollover()
        return self._file.fileno()

    def flush(self):
        self._file.flush()

    def read(self, *args):
        return self._file.read(*args)

    def readline(self, *args):
        return self._file.readline(*args)

    def readlines(self, *args):
        return self._file.readlines(*args)

    def seek(self, *args):
        return self._file.seek(*args)

    def tell(self):
        return self._file.tell()

    def truncate(self, size=None):
        if size is None:
            return self._file.truncate()
        if size > self._max_size:
            self.rollover()
        return self._file.truncate(size)

    def write(self, s):
        file = self._file
        rv = file.write(s)
        self._check(file)
        return rv

    def writelines(self, iterable):
        file = self._file
        rv = file.writelines(iterable)
        self._check(file)
        return rv


class TemporaryDirectory:
    """A directory removed (with its contents) on cleanup() or at the end
    of a with block; entering the block gives its name."""

    def __init__(self, suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False, *, delete=True):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore_cleanup_errors = ignore_cleanup_errors
        self._delete = delete
        self._closed = False

    def __repr__(self):
        return "<{} {!r}>".format(self.__class__.__name__, self.name)

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        if self._delete:
            self.cleanup()

    def cleanup(self):
        if not self._closed and _os.path.lexists(self.name):
            self._closed = True
            _shutil.rmtree(self.name, ignore_errors=self._ignore_cleanup_errors)
        self._closed = True

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)
