class C:
    __x = 1
    def m(self):
        return self.__y + __z
