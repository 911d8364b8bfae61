# differential fuzz of fnmatch.fnmatchcase/translate and glob.has_magic (seeded)
import random, fnmatch, glob
random.seed(5)
alpha = ["a", "b", "-", "]", "[", "!", "*", "?", ".", "\\", "^", "z"]
pats = sorted({"".join(random.choice(alpha) for _ in range(random.randint(0, 6))) for _ in range(400)})
names = sorted({"".join(random.choice(["a", "b", "-", "]", "[", "!", ".", "\\", "^", "z", "c"]) for _ in range(random.randint(0, 5))) for _ in range(60)})
for p in pats:
    hits = [n for n in names if fnmatch.fnmatchcase(n, p)]
    print(repr(p), fnmatch.translate(p), glob.has_magic(p), hits)
