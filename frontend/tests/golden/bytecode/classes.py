class A(Base, metaclass=Meta):
    "A class."
    x: int = 1
    def method(self):
        return super().method()
    def other(self):
        return __class__
class B(*bases, **kw):
    __slots__ = ()
