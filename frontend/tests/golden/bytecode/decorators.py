@dec
@dec2(1)
def f():
    pass
@cls_dec
class C:
    pass
