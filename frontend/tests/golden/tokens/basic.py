x = f"a{{b}}{x!r:>{w}} {y=}" rb'\x' 0x_1 1_0.5e-3j
if x:
    # c
  
	pass
def f(a,
  b): ...
