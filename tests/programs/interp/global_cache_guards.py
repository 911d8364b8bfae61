# LoadGlobal's inline cache: names found in the globals are guarded by the
# globals dict alone; names found in the builtins by both dicts.
import builtins


def use_len():
    return len("abc")


def use_g():
    return g


results = []
for i in range(6):
    if i == 2:
        # A global of the same name shadows the builtin from now on.
        def len(x):
            return -1
    if i == 4:
        del len
    results.append(use_len())
print(results)

g = "global"
out = []
for i in range(6):
    if i == 2:
        builtins.g = "builtin"      # changing the builtins does not matter
    if i == 3:
        del g                       # now the builtin shows through
    if i == 5:
        g = "again"
    out.append(use_g())
print(out)
del builtins.g

# The same code run in fresh namespaces sees each namespace's own value.
code = compile("acc.append(x * 2)", "<ns>", "exec")
acc = []
for i in range(50):
    exec(code, {"x": i, "acc": acc})
print(acc == [i * 2 for i in range(50)])


def reassign():
    global counter
    counter = counter + 1
    return counter


counter = 0
for _ in range(5):
    reassign()
print(counter)
