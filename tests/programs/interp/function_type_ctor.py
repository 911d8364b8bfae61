import types
def f(x, y=2): return x+y
def mk():
    a=1
    def g(): return a
    return g
g=mk()
for args in [(), (f.__code__,), (1,{}), (f.__code__, 1), (f.__code__,{},1), (f.__code__,{},'n',1), (g.__code__,{}), (g.__code__,{},None,None,1), (g.__code__,{},None,None,(1,)), (f.__code__,{},None,None,(1,))]:
    try: r=types.FunctionType(*args); print(r, r.__defaults__, r.__qualname__, r.__module__)
    except Exception as e: print(type(e).__name__, e)
h=types.FunctionType(f.__code__, {'__name__':'zz'}, 'nm', (5,))
print(h(1), h.__name__, h.__qualname__, h.__module__, h.__globals__)
k=types.FunctionType(g.__code__, {}, None, None, g.__closure__)
print(k())
