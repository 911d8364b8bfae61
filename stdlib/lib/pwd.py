"""The password database (/etc/passwd): getpwnam, getpwuid, getpwall."""

__all__ = ["getpwall", "getpwnam", "getpwuid", "struct_passwd"]

_FIELDS = ('pw_name', 'pw_passwd', 'pw_uid', 'pw_gid', 'pw_gecos', 'pw_dir', 'pw_shell')


class struct_passwd(tuple):
    """pwd.struct_passwd: (pw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell)."""

    n_fields = 7
    n_sequence_fields = 7
    n_unnamed_fields = 0

    def __new__(cls, seq):
        seq = tuple(seq)
        if len(seq) != 7:
            raise TypeError("pwd.struct_passwd() takes a 7-sequence (%d-sequence given)" % len(seq))
        self = tuple.__new__(cls, seq)
        return self

    pw_name = property(lambda self: self[0])
    pw_passwd = property(lambda self: self[1])
    pw_uid = property(lambda self: self[2])
    pw_gid = property(lambda self: self[3])
    pw_gecos = property(lambda self: self[4])
    pw_dir = property(lambda self: self[5])
    pw_shell = property(lambda self: self[6])

    def __repr__(self):
        return 'pwd.struct_passwd(%s)' % ', '.join('%s=%r' % (n, v) for n, v in zip(_FIELDS, self))


struct_passwd.__module__ = 'pwd'


def getpwall():
    """All entries of the password database."""
    out = []
    try:
        f = open('/etc/passwd', encoding='utf-8', errors='surrogateescape')
    except OSError:
        return out
    with f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            parts = line.split(':')
            if len(parts) != 7:
                continue
            try:
                parts[2] = int(parts[2])
                parts[3] = int(parts[3])
            except ValueError:
                continue
            out.append(struct_passwd(parts))
    return out


def getpwnam(name, /):
    if not isinstance(name, str):
        raise TypeError("getpwnam() argument must be str, not %s" % type(name).__name__)
    for entry in getpwall():
        if entry[0] == name:
            return entry
    raise KeyError("getpwnam(): name not found: %r" % (name,))


def getpwuid(uid, /):
    if not isinstance(uid, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(uid).__name__)
    for entry in getpwall():
        if entry[2] == uid:
            return entry
    raise KeyError("getpwuid(): uid not found: %d" % uid)
