//! Lone surrogates (U+D800..U+DFFF) in Python strings.
//!
//! Python's `str` may hold any code point, including lone surrogates
//! (`"\ud800"`, the `surrogateescape` error handler's `\udc80`..`\udcff`),
//! but Egret stores strings as Rust `str` (UTF-8), which cannot. Each
//! surrogate is therefore stored as a *stand-in* character from the start of
//! Supplementary Private Use Area-A: U+D800 + k is kept as U+F0000 + k
//! (k < 0x800). Everything that exposes code points (`ord`, `chr`, `repr`,
//! the codecs, the string literal decoder) goes through this module, so a
//! stand-in behaves as the surrogate it represents.
//!
//! The cost: the 2048 real characters U+F0000..U+F07FF cannot be told from
//! surrogates (they read back as U+D800..U+DFFF); they are private-use
//! characters that programs almost never contain.

/// The first surrogate code point.
pub const SURROGATE_FIRST: u32 = 0xD800;
/// The last surrogate code point.
pub const SURROGATE_LAST: u32 = 0xDFFF;
/// The stand-in character of U+D800.
pub const STAND_IN_FIRST: u32 = 0xF0000;
/// The stand-in character of U+DFFF.
pub const STAND_IN_LAST: u32 = STAND_IN_FIRST + (SURROGATE_LAST - SURROGATE_FIRST);

/// The character that stores code point `cp` (a stand-in for surrogates);
/// None when `cp` is beyond U+10FFFF.
#[inline]
pub fn char_for_code_point(cp: u32) -> Option<char> {
    if (SURROGATE_FIRST..=SURROGATE_LAST).contains(&cp) {
        char::from_u32(cp - SURROGATE_FIRST + STAND_IN_FIRST)
    } else {
        char::from_u32(cp)
    }
}

/// The Python code point a stored character stands for.
#[inline]
pub fn code_point(c: char) -> u32 {
    let v = c as u32;
    if (STAND_IN_FIRST..=STAND_IN_LAST).contains(&v) {
        v - STAND_IN_FIRST + SURROGATE_FIRST
    } else {
        v
    }
}

/// Whether a stored character stands for a lone surrogate.
#[inline]
pub fn is_surrogate(c: char) -> bool {
    (STAND_IN_FIRST..=STAND_IN_LAST).contains(&(c as u32))
}

/// Whether text may contain stand-ins (a fast byte scan: every stand-in's
/// UTF-8 form starts with 0xF3).
#[inline]
pub fn may_contain_surrogates(s: &str) -> bool {
    s.as_bytes().contains(&0xF3) && s.chars().any(is_surrogate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for cp in [0u32, 0x41, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0x1F600, 0x10FFFF] {
            assert_eq!(code_point(char_for_code_point(cp).unwrap()), cp);
        }
        assert!(char_for_code_point(0x110000).is_none());
        assert!(is_surrogate(char_for_code_point(0xDC80).unwrap()));
        assert!(may_contain_surrogates("a\u{F0000}b") && !may_contain_surrogates("a\u{F0800}"));
    }
}
