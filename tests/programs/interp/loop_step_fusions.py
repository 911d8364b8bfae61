# for-loops over each kind of iterator: the back edge, the next step and
# the loop variable's store run as one step in the interpreter.
def gen(n):
    for i in range(n):
        yield i * i

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n

def loops():
    out = []
    for i in range(3):
        out.append(i)
    for x in [10, 20, 30]:
        out.append(x)
    for t in ("a", "b"):
        out.append(t)
    for g in gen(4):
        out.append(g)
    for a, b in zip("xyz", range(3)):
        out.append(a * (b + 1))
    for c in Countdown(3):
        out.append(c)
    for k in {"p": 1, "q": 2}:
        out.append(k)
    total = 0
    for i in range(5):
        for j in gen(i):
            total += j
        else:
            total += 100
    out.append(total)
    for i in range(10):
        if i == 4:
            break
    else:
        out.append("no break")
    out.append(i)
    for last in []:
        pass
    try:
        last
    except UnboundLocalError as e:
        out.append(str(e))
    return out

print(loops())

def binops(a, b, s):
    r = []
    x = 2 ** 62
    r.append(x + x)          # overflows to a big int
    r.append(a * b - b)
    r.append(s + s)
    r.append(1.5 * a)
    r.append([1] * b)
    return r

print(binops(3, 4, "ab"))

def unbound():
    y = 1
    if False:
        z = 2
    return y + z

try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)

def raising_gen():
    yield 1
    raise ValueError("inside")

try:
    for v in raising_gen():
        print("got", v)
except ValueError as e:
    print("ValueError:", e)

def mutate_during():
    xs = [1, 2, 3]
    seen = []
    for x in xs:
        seen.append(x)
        if x == 1:
            xs.append(4)
    return seen

print(mutate_during())
