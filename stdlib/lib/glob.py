"""Filename globbing: glob(), iglob(), escape(), has_magic() (CPython 3.12
semantics: '**' with recursive=True, hidden files only when the pattern
or include_hidden asks for them)."""

import os
import fnmatch

__all__ = ["glob", "iglob", "escape"]


def glob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """A list of the paths matching a pathname pattern."""
    return list(iglob(pathname, root_dir=root_dir, dir_fd=dir_fd, recursive=recursive,
                      include_hidden=include_hidden))


def iglob(pathname, *, root_dir=None, dir_fd=None, recursive=False, include_hidden=False):
    """An iterator of the paths matching a pathname pattern."""
    if root_dir is not None:
        root_dir = os.fspath(root_dir)
    else:
        root_dir = pathname[:0]
    it = _iglob(pathname, root_dir, recursive, False, include_hidden)
    if not pathname or recursive and _isrecursive(pathname[:2]):
        try:
            s = next(it)
            if s:
                it = _chain([s], it)
        except StopIteration:
            pass
    return it


def _chain(first, rest):
    yield from first
    yield from rest


def _iglob(pathname, root_dir, recursive, dironly, include_hidden):
    dirname, basename = os.path.split(pathname)
    if not has_magic(pathname):
        assert not dironly
        if basename:
            if _lexists(_join(root_dir, pathname)):
                yield pathname
        else:
            if _isdir(_join(root_dir, dirname)):
                yield pathname
        return
    if not dirname:
        if recursive and _isrecursive(basename):
            yield from _glob2(root_dir, basename, dironly, include_hidden)
        else:
            yield from _glob1(root_dir, basename, dironly, include_hidden)
        return
    if dirname != pathname and has_magic(dirname):
        dirs = _iglob(dirname, root_dir, recursive, True, include_hidden)
    else:
        dirs = [dirname]
    if has_magic(basename):
        if recursive and _isrecursive(basename):
            glob_in_dir = _glob2
        else:
            glob_in_dir = _glob1
    else:
        glob_in_dir = _glob0
    for dirname in dirs:
        for name in glob_in_dir(_join(root_dir, dirname), basename, dironly, include_hidden):
            yield os.path.join(dirname, name)


def _glob1(dirname, pattern, dironly, include_hidden):
    names = _listdir(dirname, dironly)
    if not (include_hidden or _ishidden(pattern)):
        names = (x for x in names if not _ishidden(x))
    return fnmatch.filter(list(names), pattern)


def _glob0(dirname, basename, dironly, include_hidden):
    if basename:
        if _lexists(os.path.join(dirname, basename)):
            return [basename]
    else:
        if _isdir(dirname):
            return [basename]
    return []


def _glob2(dirname, pattern, dironly, include_hidden):
    assert _isrecursive(pattern)
    if not dirname or _isdir(dirname):
        yield pattern[:0]
    yield from _rlistdir(dirname, dironly, include_hidden)


def _iterdir(dirname, dironly):
    try:
        arg = dirname or (os.curdir if not isinstance(dirname, bytes) else bytes(os.curdir, 'ASCII'))
        with os.scandir(arg) as it:
            for entry in it:
                try:
                    if not dironly or entry.is_dir():
                        name = entry.name
                        if isinstance(dirname, bytes) and isinstance(name, str):
                            name = os.fsencode(name)
                        yield name
                except OSError:
                    pass
    except OSError:
        return


def _listdir(dirname, dironly):
    return list(_iterdir(dirname, dironly))


def _rlistdir(dirname, dironly, include_hidden):
    names = _listdir(dirname, dironly)
    for x in names:
        if include_hidden or not _ishidden(x):
            yield x
            path = _join(dirname, x) if dirname else x
            for y in _rlistdir(path, dironly, include_hidden):
                yield _join(x, y)


def _lexists(pathname):
    return os.path.lexists(pathname)


def _isdir(pathname):
    return os.path.isdir(pathname)


def _join(dirname, basename):
    if not dirname or not basename:
        return dirname or basename
    return os.path.join(dirname, basename)


def has_magic(s):
    if isinstance(s, bytes):
        return any(c in b'*?[' for c in s)
    return any(c in '*?[' for c in s)


def _ishidden(path):
    return path[0] in ('.', b'.'[0])


def _isrecursive(pattern):
    if isinstance(pattern, bytes):
        return pattern == b'**'
    return pattern == '**'


def escape(pathname):
    """Escape all special characters ('*', '?', '[')."""
    drive, pathname = os.path.splitdrive(pathname)
    if isinstance(pathname, bytes):
        out = b''.join(b'[' + bytes([c]) + b']' if c in b'*?[' else bytes([c]) for c in pathname)
    else:
        out = ''.join('[' + c + ']' if c in '*?[' else c for c in pathname)
    return drive + out


magic_check = None
