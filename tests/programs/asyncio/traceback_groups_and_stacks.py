# traceback: stack extraction, locals capture, negative limits, walk_tb/walk_stack, chained and grouped exceptions drawn as CPython does.
import sys, traceback, io
def inner():
    st = traceback.extract_stack()
    print([(f.name, f.line) for f in st][-3:])
    print(traceback.format_stack(limit=2)[-1].split(",", 1)[1])
    buf = io.StringIO(); traceback.print_stack(limit=1, file=buf); print(buf.getvalue().split(",", 1)[1], end="")
    print([(f.f_code.co_name, n) for f, n in traceback.walk_stack(None)][:2])
def outer():
    inner()
outer()
def boom(x):
    y = x * 2
    raise ValueError(y)
try:
    boom(21)
except ValueError as e:
    print(traceback.format_exc().splitlines()[-1])
    buf = io.StringIO(); traceback.print_exc(file=buf); print(len(buf.getvalue().splitlines()))
    te = traceback.TracebackException.from_exception(e, capture_locals=True)
    print(te.stack[-1].locals)
    print([l.split(",", 1)[1] for l in traceback.format_exception(e, limit=-1)[1:2]])
    print([(f.f_code.co_name, n) for f, n in traceback.walk_tb(e.__traceback__)])
try:
    raise ExceptionGroup("grp", [ValueError(1), TypeError("t")])
except ExceptionGroup as e:
    out = traceback.format_exception(e)
    print("".join(out).replace(__file__, "F"))
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("b")
except ValueError as e:
    s = "".join(traceback.format_exception(e)).replace(__file__, "F")
    print(s)
    print(traceback.format_exception_only(e))
print(traceback.format_exception(ValueError, ValueError("v"), None))
try:
    raise ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [KeyError(2), TypeError(3)]), OSError(4)])
except ExceptionGroup as e:
    import traceback
    print("".join(traceback.format_exception(e)).replace(__file__, "F"))
raise ExceptionGroup("big", [ValueError(i) for i in range(17)])
