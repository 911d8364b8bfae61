"""Cache of source lines, for tracebacks and inspect (Egret's own
implementation). Sources come from files on disk, from what the
interpreter compiled, or from the embedded library."""

import sys

try:
    import _egret_traceback
except ImportError:
    _egret_traceback = None

__all__ = ["getline", "clearcache", "checkcache", "lazycache"]

# filename -> (size, mtime, lines, fullname), or a 1-tuple holding a
# function that returns the source (lazycache).
cache = {}


def clearcache():
    """Forget every cached source."""
    cache.clear()


def getline(filename, lineno, module_globals=None):
    """Line `lineno` (1-based) of the file, with its newline; '' if absent."""
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ''


def getlines(filename, module_globals=None):
    """All lines of the file (from the cache when possible)."""
    if filename in cache:
        entry = cache[filename]
        if len(entry) != 1:
            return cache[filename][2]
    try:
        return updatecache(filename, module_globals)
    except MemoryError:
        clearcache()
        return []


def checkcache(filename=None):
    """Drop cache entries whose file changed on disk (sizes and times are
    not tracked by Egret's cache, so entries read from disk are re-read)."""
    if filename is None:
        filenames = list(cache.keys())
    elif filename in cache:
        filenames = [filename]
    else:
        return
    for filename in filenames:
        entry = cache[filename]
        if len(entry) == 1:
            continue
        size, mtime, lines, fullname = entry
        if mtime is None:
            continue
        cache.pop(filename, None)


def _read_source(filename):
    if _egret_traceback is not None:
        return _egret_traceback.source_lines(filename)
    return None


def updatecache(filename, module_globals=None):
    """Read the source of `filename` into the cache; return its lines."""
    if filename in cache:
        if len(cache[filename]) != 1:
            cache.pop(filename, None)
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return []
    if filename in cache and len(cache[filename]) == 1:
        data = cache[filename][0]()
        if data is None:
            return []
        lines = data.splitlines(True)
        if lines and not lines[-1].endswith('\n'):
            lines[-1] += '\n'
        cache[filename] = (len(data), None, lines, filename)
        return lines
    lines = _read_source(filename)
    if lines is None and lazycache(filename, module_globals):
        return updatecache(filename, module_globals)
    if lines is None:
        return []
    size = sum(len(line) for line in lines)
    cache[filename] = size, 1.0, lines, filename
    return lines


def lazycache(filename, module_globals):
    """Remember a way to get the source from a module's loader, if any."""
    if filename in cache:
        if len(cache[filename]) == 1:
            return True
        return False
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return False
    if module_globals and '__name__' in module_globals:
        name = module_globals['__name__']
        loader = module_globals.get('__loader__')
        if loader is None:
            spec = module_globals.get('__spec__')
            loader = getattr(spec, 'loader', None)
        get_source = getattr(loader, 'get_source', None)
        if name and get_source:
            def get_lines(name=name, *args, **kwargs):
                return get_source(name, *args, **kwargs)
            cache[filename] = (get_lines,)
            return True
    return False
