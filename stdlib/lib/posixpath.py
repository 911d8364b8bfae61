"""POSIX path operations (os.path on Linux): pure string functions plus the
file-system queries (exists, isdir, getsize, realpath, ...)."""

import os
import stat

curdir = '.'
pardir = '..'
extsep = '.'
sep = '/'
pathsep = ':'
defpath = '/bin:/usr/bin'
altsep = None
devnull = '/dev/null'
supports_unicode_filenames = False

__all__ = ["normcase", "isabs", "join", "splitdrive", "splitroot", "split", "splitext",
           "basename", "dirname", "commonprefix", "getsize", "getmtime", "getatime",
           "getctime", "islink", "exists", "lexists", "isdir", "isfile", "ismount",
           "expanduser", "expandvars", "normpath", "abspath", "samefile", "sameopenfile",
           "samestat", "curdir", "pardir", "sep", "pathsep", "defpath", "altsep",
           "extsep", "devnull", "realpath", "supports_unicode_filenames", "relpath",
           "commonpath", "isjunction", "isdevdrive"]


def _seps(p):
    return b'/' if isinstance(p, bytes) else '/'


def _check_arg_types(funcname, *args):
    hasstr = hasbytes = False
    for s in args:
        if isinstance(s, str):
            hasstr = True
        elif isinstance(s, bytes):
            hasbytes = True
        else:
            raise TypeError(f'{funcname}() argument must be str, bytes, or '
                            f'os.PathLike object, not {s.__class__.__name__!r}') from None
    if hasstr and hasbytes:
        raise TypeError("Can't mix strings and bytes in path components") from None


# ----- generic queries ---------------------------------------------------

def exists(path):
    """Whether a path exists (False for broken symbolic links)."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def lexists(path):
    """Whether a path exists (True for broken symbolic links)."""
    try:
        os.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def isfile(path):
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(st.st_mode)


def isdir(s):
    try:
        st = os.stat(s)
    except (OSError, ValueError):
        return False
    return stat.S_ISDIR(st.st_mode)


def islink(path):
    try:
        st = os.lstat(path)
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISLNK(st.st_mode)


def isjunction(path):
    os.fspath(path)
    return False


def isdevdrive(path):
    os.fspath(path)
    return False


def ismount(path):
    try:
        s1 = os.lstat(path)
    except (OSError, ValueError):
        return False
    if stat.S_ISLNK(s1.st_mode):
        return False
    path = os.fspath(path)
    parent = join(path, b'..' if isinstance(path, bytes) else '..')
    parent = realpath(parent)
    try:
        s2 = os.lstat(parent)
    except (OSError, ValueError):
        return False
    return s1.st_dev != s2.st_dev or s1.st_ino == s2.st_ino


def getsize(filename):
    return os.stat(filename).st_size


def getmtime(filename):
    return os.stat(filename).st_mtime


def getatime(filename):
    return os.stat(filename).st_atime


def getctime(filename):
    return os.stat(filename).st_ctime


def samestat(s1, s2):
    return s1.st_ino == s2.st_ino and s1.st_dev == s2.st_dev


def samefile(f1, f2):
    return samestat(os.stat(f1), os.stat(f2))


def sameopenfile(fp1, fp2):
    return samestat(os.fstat(fp1), os.fstat(fp2))


def commonprefix(m):
    """The longest common leading string of the items of m (character-wise)."""
    if not m:
        return ''
    if not isinstance(m[0], (list, tuple)):
        m = tuple(map(os.fspath, m))
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


# ----- pure string functions ---------------------------------------------

def normcase(s):
    return os.fspath(s)


def isabs(s):
    s = os.fspath(s)
    return s.startswith(_seps(s))


def join(a, *p):
    """Join path components; an absolute component discards what came before."""
    a = os.fspath(a)
    sep = _seps(a)
    path = a
    try:
        if not p:
            path[:0] + sep
        for b in map(os.fspath, p):
            if b.startswith(sep):
                path = b
            elif not path or path.endswith(sep):
                path += b
            else:
                path += sep + b
    except (TypeError, AttributeError, BytesWarning):
        _check_arg_types('join', a, *p)
        raise
    return path


def split(p):
    """(head, tail) where tail is everything after the final slash."""
    p = os.fspath(p)
    sep = _seps(p)
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def _splitext(p, sep, altsep, extsep):
    sepIndex = p.rfind(sep)
    if altsep:
        sepIndex = max(sepIndex, p.rfind(altsep))
    dotIndex = p.rfind(extsep)
    if dotIndex > sepIndex:
        filenameIndex = sepIndex + 1
        while filenameIndex < dotIndex:
            if p[filenameIndex:filenameIndex + 1] != extsep:
                return p[:dotIndex], p[dotIndex:]
            filenameIndex += 1
    return p, p[:0]


def splitext(p):
    p = os.fspath(p)
    if isinstance(p, bytes):
        return _splitext(p, b'/', None, b'.')
    return _splitext(p, '/', None, '.')


def splitdrive(p):
    p = os.fspath(p)
    return p[:0], p


def splitroot(p):
    p = os.fspath(p)
    if isinstance(p, bytes):
        sep, empty = b'/', b''
    else:
        sep, empty = '/', ''
    if p[:1] != sep:
        return empty, empty, p
    elif p[1:2] != sep or p[2:3] == sep:
        return empty, sep, p[1:]
    else:
        return empty, p[:2], p[2:]


def basename(p):
    p = os.fspath(p)
    i = p.rfind(_seps(p)) + 1
    return p[i:]


def dirname(p):
    p = os.fspath(p)
    sep = _seps(p)
    i = p.rfind(sep) + 1
    head = p[:i]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


def normpath(path):
    """Collapse redundant separators and '.'/'..' components lexically."""
    path = os.fspath(path)
    if isinstance(path, bytes):
        sep, empty, dot, dotdot = b'/', b'', b'.', b'..'
    else:
        sep, empty, dot, dotdot = '/', '', '.', '..'
    if path == empty:
        return dot
    _, initial_slashes, path = splitroot(path)
    comps = path.split(sep)
    new_comps = []
    for comp in comps:
        if comp in (empty, dot):
            continue
        if (comp != dotdot or (not initial_slashes and not new_comps) or
                (new_comps and new_comps[-1] == dotdot)):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = initial_slashes + sep.join(new_comps)
    return path or dot


def abspath(path):
    path = os.fspath(path)
    if not isabs(path):
        cwd = os.getcwdb() if isinstance(path, bytes) else os.getcwd()
        path = join(cwd, path)
    return normpath(path)


def expanduser(path):
    """Replace a leading ~ or ~user by that user's home directory."""
    path = os.fspath(path)
    tilde = b'~' if isinstance(path, bytes) else '~'
    if not path.startswith(tilde):
        return path
    sep = _seps(path)
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i == 1:
        if 'HOME' not in os.environ:
            try:
                import pwd
                userhome = pwd.getpwuid(os.getuid()).pw_dir
            except Exception:
                return path
        else:
            userhome = os.environ['HOME']
    else:
        name = path[1:i]
        if isinstance(name, bytes):
            name = os.fsdecode(name)
        try:
            import pwd
            userhome = pwd.getpwnam(name).pw_dir
        except Exception:
            return path
    if isinstance(path, bytes):
        userhome = os.fsencode(userhome)
    userhome = userhome.rstrip(sep)
    return (userhome + path[i:]) or sep


def expandvars(path):
    """Expand $name and ${name} from the environment; unknown names are kept."""
    path = os.fspath(path)
    isb = isinstance(path, bytes)
    if isb:
        spath = path.decode('utf-8', 'surrogateescape')
    else:
        spath = path
    if '$' not in spath:
        return path
    out = []
    i = 0
    n = len(spath)
    while i < n:
        c = spath[i]
        if c != '$':
            out.append(c)
            i += 1
            continue
        if i + 1 < n and spath[i + 1] == '{':
            j = spath.find('}', i + 2)
            if j < 0:
                out.append(spath[i:])
                break
            name = spath[i + 2:j]
            end = j + 1
        else:
            j = i + 1
            while j < n and (spath[j].isalnum() or spath[j] == '_') and spath[j].isascii():
                j += 1
            name = spath[i + 1:j]
            end = j
        if name and name in os.environ:
            out.append(os.environ[name])
        else:
            out.append(spath[i:end])
        i = end
    result = ''.join(out)
    return result.encode('utf-8', 'surrogateescape') if isb else result


def realpath(filename, *, strict=False):
    """The canonical path, with symbolic links resolved."""
    filename = os.fspath(filename)
    path, ok = _joinrealpath(filename[:0], filename, strict, {})
    return abspath(path)


def _joinrealpath(path, rest, strict, seen):
    if isinstance(path, bytes):
        sep, curdir_, pardir_ = b'/', b'.', b'..'
    else:
        sep, curdir_, pardir_ = '/', '.', '..'
    if isabs(rest):
        rest = rest[1:]
        path = sep
    while rest:
        name, _, rest = rest.partition(sep)
        if not name or name == curdir_:
            continue
        if name == pardir_:
            if path:
                path, name = split(path)
                if name == pardir_:
                    path = join(path, pardir_, pardir_)
            else:
                path = pardir_
            continue
        newpath = join(path, name)
        try:
            st = os.lstat(newpath)
        except OSError:
            if strict:
                raise
            is_link = False
        else:
            is_link = stat.S_ISLNK(st.st_mode)
        if not is_link:
            path = newpath
            continue
        if newpath in seen:
            path = seen[newpath]
            if path is not None:
                continue
            if strict:
                os.stat(newpath)
            else:
                return join(newpath, rest), False
        seen[newpath] = None
        path, ok = _joinrealpath(path, os.readlink(newpath), strict, seen)
        if not ok:
            return join(path, rest), False
        seen[newpath] = path
    return path, True


def relpath(path, start=None):
    """A relative path to `path` from `start` (default: the current directory)."""
    if not path:
        raise ValueError("no path specified")
    path = os.fspath(path)
    if isinstance(path, bytes):
        curdir_, sep, pardir_ = b'.', b'/', b'..'
    else:
        curdir_, sep, pardir_ = '.', '/', '..'
    if start is None:
        start = curdir_
    else:
        start = os.fspath(start)
    try:
        start_list = [x for x in abspath(start).split(sep) if x]
        path_list = [x for x in abspath(path).split(sep) if x]
        i = len(commonprefix([start_list, path_list]))
        rel_list = [pardir_] * (len(start_list) - i) + path_list[i:]
        if not rel_list:
            return curdir_
        return join(*rel_list)
    except (TypeError, AttributeError, BytesWarning, DeprecationWarning):
        _check_arg_types('relpath', path, start)
        raise


def commonpath(paths):
    """The longest common sub-path of a sequence of paths."""
    paths = tuple(map(os.fspath, paths))
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    if isinstance(paths[0], bytes):
        sep, curdir_ = b'/', b'.'
    else:
        sep, curdir_ = '/', '.'
    try:
        split_paths = [path.split(sep) for path in paths]
        try:
            isabs_, = set(p[:1] == sep for p in paths)
        except ValueError:
            raise ValueError("Can't mix absolute and relative paths") from None
        split_paths = [[c for c in s if c and c != curdir_] for s in split_paths]
        s1 = min(split_paths)
        s2 = max(split_paths)
        common = s1
        for i, c in enumerate(s1):
            if c != s2[i]:
                common = s1[:i]
                break
        prefix = sep if isabs_ else sep[:0]
        return prefix + sep.join(common)
    except (TypeError, AttributeError):
        _check_arg_types('commonpath', *paths)
        raise
