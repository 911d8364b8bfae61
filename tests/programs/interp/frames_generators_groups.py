import sys, traceback
def g():
    x = 41
    yield sys._getframe().f_code.co_name
    raise KeyError("k")
it = g()
print(next(it), it.gi_frame.f_locals, it.gi_frame.f_lineno)
try:
    next(it)
except KeyError as e:
    tb = e.__traceback__
    while tb.tb_next: tb = tb.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_locals, tb.tb_frame.f_lineno)
def f(a, b=2):
    c = a + b
    return sys._getframe().f_locals
print(f(1))
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
except* ValueError as eg:
    print("v", repr(sys.exception()), sys.exc_info()[0].__name__)
except* TypeError as eg:
    print("t", repr(eg))
print(sys.exception())
def rec(n):
    if n == 0:
        return [fr.f_code.co_name for fr in iter_frames(sys._getframe())]
    return rec(n - 1)
def iter_frames(fr):
    while fr is not None:
        yield fr
        fr = fr.f_back
print(rec(3))
print(traceback.extract_stack()[-1].name if hasattr(traceback, "extract_stack") else "-")
class C:
    print(sys._getframe().f_code.co_name, sorted(sys._getframe().f_locals))
