"""The group database (/etc/group): getgrgid, getgrnam, getgrall."""

__all__ = ["getgrall", "getgrgid", "getgrnam", "struct_group"]

_FIELDS = ('gr_name', 'gr_passwd', 'gr_gid', 'gr_mem')


class struct_group(tuple):
    """grp.struct_group: (gr_name, gr_passwd, gr_gid, gr_mem)."""

    n_fields = 4
    n_sequence_fields = 4
    n_unnamed_fields = 0

    def __new__(cls, seq):
        seq = tuple(seq)
        if len(seq) != 4:
            raise TypeError("grp.struct_group() takes a 4-sequence (%d-sequence given)" % len(seq))
        return tuple.__new__(cls, seq)

    gr_name = property(lambda self: self[0])
    gr_passwd = property(lambda self: self[1])
    gr_gid = property(lambda self: self[2])
    gr_mem = property(lambda self: self[3])

    def __repr__(self):
        return 'grp.struct_group(%s)' % ', '.join('%s=%r' % (n, v) for n, v in zip(_FIELDS, self))


struct_group.__module__ = 'grp'


def getgrall():
    """All entries of the group database."""
    out = []
    try:
        f = open('/etc/group', encoding='utf-8', errors='surrogateescape')
    except OSError:
        return out
    with f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            parts = line.split(':')
            if len(parts) != 4:
                continue
            try:
                gid = int(parts[2])
            except ValueError:
                continue
            members = [m for m in parts[3].split(',') if m]
            out.append(struct_group((parts[0], parts[1], gid, members)))
    return out


def getgrgid(id):
    if not isinstance(id, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(id).__name__)
    for entry in getgrall():
        if entry[2] == id:
            return entry
    raise KeyError("getgrgid(): gid not found: %d" % id)


def getgrnam(name):
    if not isinstance(name, str):
        raise TypeError("getgrnam() argument must be str, not %s" % type(name).__name__)
    for entry in getgrall():
        if entry[0] == name:
            return entry
    raise KeyError("getgrnam(): name not found: %r" % (name,))
