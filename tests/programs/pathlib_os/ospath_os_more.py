import os, tempfile
print(os.getegid() == os.getgid(), isinstance(os.getpgrp(), int), len(os.getloadavg()))
r, w = os.pipe()
print(os.write(w, b"pipe data"), os.read(r, 100), os.get_inheritable(r), os.get_blocking(r))
os.set_blocking(r, False); print(os.get_blocking(r)); os.set_inheritable(r, True); print(os.get_inheritable(r))
os.close(r); os.close(w)
with tempfile.TemporaryDirectory() as d:
    p = os.path.join(d, "f")
    with open(p, "wb") as f:
        f.write(b"0123456789")
    os.truncate(p, 4)
    print(open(p, "rb").read())
    fd = os.open(p, os.O_RDWR)
    print(os.pread(fd, 2, 1), os.pwrite(fd, b"ZZ", 0), os.pread(fd, 10, 0))
    os.fchmod(fd, 0o600); print(oct(os.stat(p).st_mode & 0o777))
    fd2 = os.dup2(fd, 50); print(fd2); os.close(fd2)
    os.close(fd)
    os.mkfifo(os.path.join(d, "fifo"))
    import stat
    print(stat.S_ISFIFO(os.stat(os.path.join(d, "fifo")).st_mode))
    try:
        os.truncate(os.path.join(d, "nope"), 0)
    except FileNotFoundError as e:
        print(e.strerror)
print(os.system("exit 3") >> 8, os.waitstatus_to_exitcode(768), os.waitstatus_to_exitcode(9))
t = os.times(); print(len(t), t.user >= 0, repr(t).startswith("posix.times_result("))
try:
    os.kill(999999, 0)
except ProcessLookupError as e:
    print(type(e).__name__, e)
os.kill(os.getpid(), 0)
print(os.stat in os.supports_fd)
