//! Python's hash functions.
//!
//! Numbers hash as in CPython (`sys.hash_info`: modulus 2**61 - 1, `inf`
//! 314159, `hash(-1) == -2`), so that `hash(1) == hash(1.0) == hash(Fraction(1))`.
//! `str` and `bytes` hashes are randomised per process, or fixed by
//! `PYTHONHASHSEED` (0 disables randomisation, as in CPython).

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;
use std::cell::Cell;

pub const MODULUS_BITS: u32 = 61;
pub const MODULUS: u64 = (1u64 << MODULUS_BITS) - 1;
pub const INF: i64 = 314159;

thread_local! {
    static SEED: Cell<(u64, u64)> = const { Cell::new((0x736f6d6570736575, 0x646f72616e646f6d)) };
}

/// Sets the per-process string hash key (called once at start-up).
pub fn set_seed(k0: u64, k1: u64) {
    SEED.with(|s| s.set((k0, k1)));
}

/// SipHash-1-3 of `bytes` with the process key (CPython's default string hash).
pub fn bytes_hash(bytes: &[u8]) -> i64 {
    if bytes.is_empty() {
        return 0;
    }
    let (k0, k1) = SEED.with(|s| s.get());
    let h = siphash13(k0, k1, bytes) as i64;
    if h == -1 { -2 } else { h }
}

/// Hash of a `str`: of its UTF-8 bytes (Egret's strings are UTF-8).
#[inline]
pub fn str_hash(s: &str) -> i64 {
    bytes_hash(s.as_bytes())
}

fn siphash13(k0: u64, k1: u64, m: &[u8]) -> u64 {
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    macro_rules! round {
        () => {
            v0 = v0.wrapping_add(v1);
            v1 = v1.rotate_left(13);
            v1 ^= v0;
            v0 = v0.rotate_left(32);
            v2 = v2.wrapping_add(v3);
            v3 = v3.rotate_left(16);
            v3 ^= v2;
            v0 = v0.wrapping_add(v3);
            v3 = v3.rotate_left(21);
            v3 ^= v0;
            v2 = v2.wrapping_add(v1);
            v1 = v1.rotate_left(17);
            v1 ^= v2;
            v2 = v2.rotate_left(32);
        };
    }
    let len = m.len();
    let mut chunks = m.chunks_exact(8);
    for c in &mut chunks {
        let x = u64::from_le_bytes(c.try_into().unwrap());
        v3 ^= x;
        round!();
        v0 ^= x;
    }
    let last = ((len as u64) << 56) | tail_word(chunks.remainder());
    v3 ^= last;
    round!();
    v0 ^= last;
    v2 ^= 0xff;
    round!();
    round!();
    round!();
    v0 ^ v1 ^ v2 ^ v3
}

/// The last 0..=7 bytes of a message as a little-endian word, read with
/// at most three loads (no byte loop).
#[inline(always)]
fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    if n >= 4 {
        // Two overlapping 4-byte reads; the shared bytes agree.
        crate::strbuf::read_u32_le(rest, 0) | (crate::strbuf::read_u32_le(rest, n - 4) << (8 * (n - 4)))
    } else if n > 0 {
        let mid = n / 2;
        (rest[0] as u64) | ((rest[mid] as u64) << (8 * mid)) | ((rest[n - 1] as u64) << (8 * (n - 1)))
    } else {
        0
    }
}

/// `hash()` of a machine int.
#[inline]
pub fn int_hash(i: i64) -> i64 {
    let m = MODULUS as i64;
    // |i| < modulus (every int but the largest few): the hash is the int
    // itself, no division.
    let mut h = if i > -m && i < m {
        i
    } else if i >= 0 {
        i % m
    } else {
        -((-(i as i128) % m as i128) as i64)
    };
    if h == -1 {
        h = -2;
    }
    h
}

/// `hash()` of a big int.
pub fn bigint_hash(i: &BigInt) -> i64 {
    if let Some(small) = i.to_i64() {
        return int_hash(small);
    }
    let (sign, digits) = i.to_u64_digits();
    // Reduce modulo 2**61 - 1 from the most significant digit down.
    let mut acc: u128 = 0;
    for d in digits.iter().rev() {
        acc = ((acc << 64) | *d as u128) % MODULUS as u128;
    }
    let mut h = acc as i64;
    if sign == Sign::Minus {
        h = -h;
    }
    if h == -1 {
        h = -2;
    }
    h
}

/// `hash()` of a float (CPython's `_Py_HashDouble`); NaN hashes by identity
/// in CPython, which the caller supplies as `nan_id`.
pub fn float_hash(v: f64, nan_id: i64) -> i64 {
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { INF } else { -INF };
        }
        return nan_id;
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (MODULUS_BITS - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % MODULUS_BITS as i32 } else { MODULUS_BITS as i32 - 1 - ((-1 - e) % MODULUS_BITS as i32) };
    x = ((x << e) & MODULUS) | (x >> (MODULUS_BITS as i32 - e));
    let mut h = (x as i64) * sign;
    if h == -1 {
        h = -2;
    }
    h
}

/// `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1` (or m == 0).
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m_bits = (bits & !(0x7ffu64 << 52)) | (1022u64 << 52);
    (f64::from_bits(m_bits), e)
}

/// Combines item hashes as CPython's tuple hash (xxHash-based) does.
pub fn tuple_hash(items: impl ExactSizeIterator<Item = i64>) -> i64 {
    let len = items.len();
    let mut h = TupleHasher::new();
    for x in items {
        h.add(x);
    }
    h.finish(len)
}

/// [`tuple_hash`] one item at a time (for callers whose item hashes can fail).
pub struct TupleHasher(u64);

impl TupleHasher {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;

    #[inline]
    pub fn new() -> TupleHasher {
        TupleHasher(Self::P5)
    }

    #[inline]
    pub fn add(&mut self, h: i64) {
        let acc = self.0.wrapping_add((h as u64).wrapping_mul(Self::P2));
        self.0 = acc.rotate_left(31).wrapping_mul(Self::P1);
    }

    /// The hash of the `len` items added.
    #[inline]
    pub fn finish(self, len: usize) -> i64 {
        let acc = self.0.wrapping_add(len as u64 ^ (Self::P5 ^ 3527539));
        if acc == u64::MAX {
            return 1546275796;
        }
        acc as i64
    }
}

impl Default for TupleHasher {
    fn default() -> TupleHasher {
        TupleHasher::new()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tail_word_matches_a_byte_loop() {
        let bytes: Vec<u8> = (1..=7u8).map(|b| b * 37).collect();
        for n in 0..=7 {
            let mut expected = 0u64;
            for (i, b) in bytes[..n].iter().enumerate() {
                expected |= (*b as u64) << (8 * i);
            }
            assert_eq!(super::tail_word(&bytes[..n]), expected, "length {n}");
        }
    }

    use super::*;

    #[test]
    fn numbers_hash_like_cpython() {
        assert_eq!(int_hash(-1), -2);
        assert_eq!(int_hash(1), 1);
        assert_eq!(int_hash((1 << 61) - 1), 0);
        assert_eq!(float_hash(1.0, 0), 1);
        assert_eq!(float_hash(1.5, 0), 1152921504606846977);
        assert_eq!(float_hash(-0.5, 0), -1152921504606846976);
        assert_eq!(float_hash(f64::INFINITY, 0), 314159);
        let big: BigInt = BigInt::from(1u8) << 100;
        assert_eq!(bigint_hash(&big), 549755813888);
        // hash((1, 2)) in CPython 3.12
        assert_eq!(tuple_hash([1i64, 2].into_iter()), -3550055125485641917);
    }
}
