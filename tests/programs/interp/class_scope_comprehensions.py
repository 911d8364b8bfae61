x = [locals() is globals() for it_var in range(1)]
print(x, 'it_var' in globals())
class B:
    a = 1
    n = [sorted(locals()) for v in range(1)]
    print('v' in locals())
print(B.n, hasattr(B, 'v'))
def factory():
    enclosing = "from function"
    class Inner:
        enclosing = "from class"
        seen = [enclosing for _ in range(2)]
        direct = enclosing
    return Inner.seen, Inner.direct
for c in factory.__code__.co_consts:
    if hasattr(c, 'co_freevars'): print(c.co_name, c.co_freevars, c.co_cellvars, c.co_varnames)
print(factory())
