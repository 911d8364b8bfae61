x: int = 1
y: "str"
obj.attr: int
