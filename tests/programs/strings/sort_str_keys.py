# Sorting strs and (int, str) / (str, int) tuples, whose str parts are
# ordered by a 16-byte big-endian head before the full text: shared
# prefixes longer than 16 bytes, embedded NULs, prefixes of each other,
# non-ASCII text (UTF-8 byte order is code point order), stability.
base = "abcdefghijklmnop"            # exactly 16 bytes
words = ["", "a", "a\0", "a\0b", "ab", "b", base, base + "a", base + "\0", base[:15], base[:15] + "\0",
         base + "q" * 5, base + "p", "é", "e\u0301", "日本", "😀", "\uffff", "z" * 40, "z" * 39 + "a",
         "Zebra", "zebra", "ZEBRA", "a" * 17, "a" * 16, "\x7f", "\x80", "\U0010ffff"]
seed = 12345
shuffled = list(words)
for i in range(len(shuffled) - 1, 0, -1):
    seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
    j = seed % (i + 1)
    shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
print([repr(w) for w in sorted(shuffled)])
print([repr(w) for w in sorted(shuffled, reverse=True)])
pairs = [(len(w) % 3, w) for w in shuffled] + [(1, "dup"), (1, "dup")]
print(sorted(pairs) == sorted(pairs, key=lambda p: (p[0], p[1].encode("utf-8", "surrogatepass"))))
print(sorted(pairs)[:6])
counts = [(w, (len(w) * 7) % 4) for w in shuffled]
print(sorted(counts, key=lambda kv: (-kv[1], kv[0]))[:8])
print(sorted([(w, i) for i, w in enumerate(shuffled)])[:5])
tagged = [(1, "same", i) for i in range(5)]
print(sorted(tagged, key=lambda t: (t[0], t[1])))
print(sorted(["b", "a", "c"], key=str.upper), sorted(shuffled, key=len)[:5])
