"""Windows path operations (pure string functions), as CPython's ntpath:
what PureWindowsPath builds on, usable on any OS."""

import os

curdir = '.'
pardir = '..'
extsep = '.'
sep = '\\'
pathsep = ';'
altsep = '/'
defpath = '.;C:\\bin'
devnull = 'nul'


def _consts(p):
    if isinstance(p, bytes):
        return b'\\', b'/', b':', b'\\\\?\\UNC\\', b''
    return '\\', '/', ':', '\\\\?\\UNC\\', ''


def normcase(s):
    s = os.fspath(s)
    if isinstance(s, bytes):
        return s.replace(b'/', b'\\').lower()
    return s.replace('/', '\\').lower()


def splitroot(p):
    """(drive, root, tail) of a Windows path."""
    p = os.fspath(p)
    sep_, altsep_, colon, unc_prefix, empty = _consts(p)
    normp = p.replace(altsep_, sep_)
    if normp[:1] == sep_:
        if normp[1:2] == sep_:
            start = 8 if normp[:8].upper() == unc_prefix else 2
            index = normp.find(sep_, start)
            if index == -1:
                return p, empty, empty
            index2 = normp.find(sep_, index + 1)
            if index2 == -1:
                return p, empty, empty
            return p[:index2], p[index2:index2 + 1], p[index2 + 1:]
        return empty, p[:1], p[1:]
    elif normp[1:2] == colon:
        if normp[2:3] == sep_:
            return p[:2], p[2:3], p[3:]
        return p[:2], empty, p[2:]
    return empty, empty, p


def splitdrive(p):
    drive, root, tail = splitroot(p)
    return drive, root + tail


def isabs(s):
    s = os.fspath(s)
    if isinstance(s, bytes):
        sep_, altsep_, colon_sep = b'\\', b'/', b':\\'
    else:
        sep_, altsep_, colon_sep = '\\', '/', ':\\'
    s = s[:3].replace(altsep_, sep_)
    return s.startswith(sep_) or s.startswith(colon_sep, 1)


def join(path, *paths):
    path = os.fspath(path)
    if isinstance(path, bytes):
        sep_, seps, colon_seps = b'\\', b'\\/', b':\\/'
    else:
        sep_, seps, colon_seps = '\\', '\\/', ':\\/'
    result_drive, result_root, result_path = splitroot(path)
    for p in map(os.fspath, paths):
        p_drive, p_root, p_path = splitroot(p)
        if p_root:
            if p_drive or not result_drive:
                result_drive = p_drive
            result_root = p_root
            result_path = p_path
            continue
        elif p_drive and p_drive != result_drive:
            if p_drive.lower() != result_drive.lower():
                result_drive = p_drive
                result_root = p_root
                result_path = p_path
                continue
            result_drive = p_drive
        if result_path and result_path[-1] not in seps:
            result_path = result_path + sep_
        result_path = result_path + p_path
    if (result_path and not result_root and result_drive and
            result_drive[-1:] not in colon_seps):
        return result_drive + sep_ + result_path
    return result_drive + result_root + result_path


def split(p):
    p = os.fspath(p)
    seps = b'\\/' if isinstance(p, bytes) else '\\/'
    d, r, p = splitroot(p)
    i = len(p)
    while i and p[i - 1] not in seps:
        i -= 1
    head, tail = p[:i], p[i:]
    return d + r + head.rstrip(seps), tail


def splitext(p):
    p = os.fspath(p)
    if isinstance(p, bytes):
        sep_, altsep_, dot = b'\\', b'/', b'.'
    else:
        sep_, altsep_, dot = '\\', '/', '.'
    sep_index = max(p.rfind(sep_), p.rfind(altsep_))
    dot_index = p.rfind(dot)
    if dot_index > sep_index:
        i = sep_index + 1
        while i < dot_index:
            if p[i:i + 1] != dot:
                return p[:dot_index], p[dot_index:]
            i += 1
    return p, p[:0]


def basename(p):
    return split(p)[1]


def dirname(p):
    return split(p)[0]


def normpath(path):
    path = os.fspath(path)
    if isinstance(path, bytes):
        sep_, altsep_, curdir_, pardir_ = b'\\', b'/', b'.', b'..'
    else:
        sep_, altsep_, curdir_, pardir_ = '\\', '/', '.', '..'
    path = path.replace(altsep_, sep_)
    drive, root, path = splitroot(path)
    prefix = drive + root
    comps = path.split(sep_)
    i = 0
    while i < len(comps):
        if not comps[i] or comps[i] == curdir_:
            del comps[i]
        elif comps[i] == pardir_:
            if i > 0 and comps[i - 1] != pardir_:
                del comps[i - 1:i + 1]
                i -= 1
            elif i == 0 and root:
                del comps[i]
            else:
                i += 1
        else:
            i += 1
    if not prefix and not comps:
        comps.append(curdir_)
    return prefix + sep_.join(comps)
