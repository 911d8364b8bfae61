name = "x"
s = f"hello {name}!"
t = f"{value!r:>{width}} {x=}"
u = f""
