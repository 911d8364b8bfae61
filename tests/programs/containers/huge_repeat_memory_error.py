for make in (lambda: "s" * 10**18, lambda: [1] * 10**17, lambda: (1,) * 10**17, lambda: b"x" * 10**18, lambda: bytearray(b"xy") * 10**18):
    try:
        make()
    except MemoryError as e:
        print("MemoryError", repr(e))
    except OverflowError as e:
        print("OverflowError", e)
ba = bytearray(b"ab")
try:
    ba *= 10**18
except MemoryError as e:
    print("MemoryError", repr(e))
print(len(ba))
