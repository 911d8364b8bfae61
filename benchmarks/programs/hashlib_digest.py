"""hashlib_digest: hashlib throughput (sha256, sha3_256, md5, blake2b).

Hashes large buffers in one call and in chunks with update(), and uses
copy() of a running hash. Native hashing code dominates; the result is the
hex digests, which are fixed by the algorithms' specifications."""

import hashlib

import _harness


def make_buffer(size):
    """``size`` bytes (a multiple of 256) cycling through 0..255, built in one copy."""
    return bytes(range(256)) * (size // 256)


def workload(megabytes):
    data = make_buffer(megabytes * 1024 * 1024)
    digests = []
    for name in ("sha256", "sha3_256", "md5", "blake2b"):
        digests.append(hashlib.new(name, data).hexdigest())
    chunked = hashlib.sha256()
    step = 64 * 1024
    for start in range(0, len(data), step):
        chunked.update(data[start:start + step])
    prefix = chunked.copy()
    prefix.update(b"tail")
    digests.append(chunked.hexdigest())
    digests.append(prefix.hexdigest()[:16])
    return tuple(digests)


SIZES = {
    "default": (96, ('5a310b10d915ba9166406006738169f7e56e1e6525cc8ee0a2e608f013c49d57', '7aa9d42ac8a2a79901f6ebeef0cb01cdfee737f3a3c50b22684a8022c55a96b9', 'dfbe2e8a977ca1556f80f5abe1b7e218', '719c4cfe67718613bde44388074ce2383c868e8c90236141bb82127f0196dd58cbe08258a4f81395795b0884be6c86a5e4d453c0dbae67eb1abbc6db275b1ee7', '5a310b10d915ba9166406006738169f7e56e1e6525cc8ee0a2e608f013c49d57', '10c1b8285d365063')),
    "small": (2, ('91d3beb88a9b2f778a6c44a1c53b63d3c79931845a9aef84b3fb414610bd1938', 'af542bd8dc97a22126445bee8a6acdf333eacf88baa4100abc03d92f46fe155e', 'db1f7d786f6e0317456fac1628349973', '77403cc47303c7e09c1fbd04e37797ed33365fc3abc42d9c2975205a35876168277bbfeccc449fb6e11503810182769a0bc749dd19c14cfe3cb1aaa1895e60f8', '91d3beb88a9b2f778a6c44a1c53b63d3c79931845a9aef84b3fb414610bd1938', '5871383e059abb34')),
}

if __name__ == "__main__":
    _harness.main("hashlib_digest", workload, SIZES)
