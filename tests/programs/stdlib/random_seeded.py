# random: seeded sequences must equal CPython's (Mersenne Twister, randbelow, sample/shuffle/choices/gauss)
import random
for seed in (0, 1, 12345, 2**64 + 1, -3, "text seed", b"bytes"):
    random.seed(seed)
    print(seed, [round(random.random(), 12) for _ in range(3)], random.getrandbits(70), random.randint(1, 6), random.randrange(0, 100, 5))
    items = list(range(10))
    random.shuffle(items)
    print(items, random.sample(range(50), 5), random.choice("abcdef"), random.choices([1, 2, 3], weights=[5, 1, 1], k=4))
    print(round(random.uniform(-1, 1), 12), round(random.gauss(0, 1), 12), round(random.normalvariate(10, 2), 12), round(random.expovariate(0.5), 12), random.randbytes(4))
r = random.Random(99)
state = r.getstate()
first = [r.random() for _ in range(5)]
r.setstate(state)
print(first == [r.random() for _ in range(5)], len(state[1]), state[0])
for bad in (lambda: random.randrange(0), lambda: random.randrange(3, 3), lambda: random.choice([]), lambda: random.sample([1, 2], 3), lambda: random.sample({1, 2}, 1)):
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
