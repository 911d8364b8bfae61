//! Character predicates of the regex engine: the `\d \w \s` categories
//! (Unicode rules of `str.isdecimal`/`isalnum`/`isspace`, or ASCII rules
//! for `re.ASCII` and bytes patterns), simple case mappings for
//! `IGNORECASE`, and [`CharSet`], a compiled `[...]` class with a
//! precomputed bitmap for the first 256 code points.

use egret_vm::builtins::str_unicode_tables as tables;
use egret_vm::builtins::str_util;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cat {
    Digit,
    NotDigit,
    Space,
    NotSpace,
    Word,
    NotWord,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SetItem {
    Char(u32),
    Range(u32, u32),
    Cat(Cat),
}

fn to_char(c: u32) -> Option<char> {
    char::from_u32(c)
}

pub fn is_word(c: u32, ascii: bool) -> bool {
    if c < 128 {
        let b = c as u8;
        return b.is_ascii_alphanumeric() || b == b'_';
    }
    if ascii {
        return false;
    }
    match to_char(c) {
        Some(ch) => str_util::is_alpha(ch) || str_util::is_decimal(ch) || str_util::is_digit(ch) || str_util::is_numeric(ch),
        None => false,
    }
}

pub fn is_digit(c: u32, ascii: bool) -> bool {
    if c < 128 {
        return (c as u8).is_ascii_digit();
    }
    !ascii && to_char(c).map_or(false, str_util::is_decimal)
}

pub fn is_space(c: u32, ascii: bool) -> bool {
    if c < 128 {
        return matches!(c, 9..=13 | 32) || (!ascii && (0x1c..=0x1f).contains(&c));
    }
    !ascii && to_char(c).map_or(false, str_util::is_space)
}

pub fn cat_matches(cat: Cat, c: u32, ascii: bool) -> bool {
    match cat {
        Cat::Digit => is_digit(c, ascii),
        Cat::NotDigit => !is_digit(c, ascii),
        Cat::Space => is_space(c, ascii),
        Cat::NotSpace => !is_space(c, ascii),
        Cat::Word => is_word(c, ascii),
        Cat::NotWord => !is_word(c, ascii),
    }
}

fn map_simple(table: &'static [(u32, &'static str)], c: u32) -> u32 {
    match table.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => {
            let mut it = table[i].1.chars();
            match (it.next(), it.next()) {
                (Some(x), None) => x as u32,
                // Multi-char full mappings: the simple mapping is the first
                // char only for U+0130 (lower 'i'); others map to themselves.
                (Some(x), Some(_)) if c == 0x130 => x as u32,
                _ => c,
            }
        }
        Err(_) => c,
    }
}

/// Simple lowercase mapping (ASCII-only when `ascii`).
#[inline]
pub fn lower(c: u32, ascii: bool) -> u32 {
    if c < 128 {
        return (c as u8).to_ascii_lowercase() as u32;
    }
    if ascii {
        return c;
    }
    map_simple(tables::LOWER_MAP, c)
}

/// Simple uppercase mapping (ASCII-only when `ascii`).
#[inline]
pub fn upper(c: u32, ascii: bool) -> u32 {
    if c < 128 {
        return (c as u8).to_ascii_uppercase() as u32;
    }
    if ascii {
        return c;
    }
    map_simple(tables::UPPER_MAP, c)
}

/// Case-insensitive equality of two code points.
#[inline]
pub fn eq_ignore(a: u32, b: u32, ascii: bool) -> bool {
    a == b || lower(a, ascii) == lower(b, ascii) || upper(a, ascii) == upper(b, ascii)
}

/// Every code point equal to `c` ignoring case (small; includes `c`).
pub fn case_variants(c: u32, ascii: bool) -> Vec<u32> {
    let mut v = vec![c];
    let l = lower(c, ascii);
    let u = upper(c, ascii);
    for x in [l, u, lower(u, ascii), upper(l, ascii)] {
        if !v.contains(&x) {
            v.push(x);
        }
    }
    // Characters whose upper or lower form coincides with c's but are not reached above.
    for &(a, b) in EXTRA_FOLDS {
        if eq_ignore(a, c, ascii) && !v.contains(&b) && eq_ignore(b, c, ascii) {
            v.push(b);
        }
        if eq_ignore(b, c, ascii) && !v.contains(&a) && eq_ignore(a, c, ascii) {
            v.push(a);
        }
    }
    v
}

/// Pairs of characters that fold together only through a third one.
const EXTRA_FOLDS: &[(u32, u32)] = &[
    (0x73, 0x17f),   // s, long s
    (0x6b, 0x212a),  // k, Kelvin sign
    (0xe5, 0x212b),  // a ring, Angstrom sign
    (0x3b8, 0x3d1),  // theta, theta symbol
    (0x3b2, 0x3d0),  // beta, beta symbol
    (0x3b5, 0x3f5),  // epsilon, lunate epsilon
    (0x3ba, 0x3f0),  // kappa, kappa symbol
    (0x3c0, 0x3d6),  // pi, pi symbol
    (0x3c1, 0x3f1),  // rho, rho symbol
    (0x3c2, 0x3c3),  // final sigma, sigma
    (0x3c6, 0x3d5),  // phi, phi symbol
    (0x3b9, 0x345),  // iota, ypogegrammeni
    (0x3b9, 0x1fbe), // iota, prosgegrammeni
    (0x3bc, 0xb5),   // mu, micro sign
    (0x1e61, 0x1e9b),
    (0x69, 0x131),   // i, dotless i (uppercase I)
    (0x3c9, 0x2126), // omega, ohm sign
    (0x1c6, 0x1c5),  // titlecase digraphs: dz with caron
    (0x1c9, 0x1c8),  // lj
    (0x1cc, 0x1cb),  // nj
    (0x1f3, 0x1f2),  // dz
];

/// A compiled character class.
#[derive(Debug, Clone)]
pub struct CharSet {
    pub items: Vec<SetItem>,
    pub negate: bool,
    pub icase: bool,
    pub ascii: bool,
    /// Membership of code points 0..256 (already including case and negation).
    pub bitmap: [u64; 4],
    /// Whether any code point >= 256 can match.
    pub any_high: bool,
}

impl CharSet {
    pub fn new(items: Vec<SetItem>, negate: bool, icase: bool, ascii: bool) -> CharSet {
        let mut cs = CharSet { items, negate, icase, ascii, bitmap: [0; 4], any_high: true };
        for c in 0..256u32 {
            if cs.slow_contains(c) {
                cs.bitmap[(c >> 6) as usize] |= 1 << (c & 63);
            }
        }
        cs.any_high = negate
            || icase
            || cs.items.iter().any(|it| match it {
                SetItem::Char(c) => *c >= 256,
                SetItem::Range(_, hi) => *hi >= 256,
                SetItem::Cat(_) => true,
            });
        cs
    }
    fn raw(&self, c: u32) -> bool {
        self.items.iter().any(|it| match *it {
            SetItem::Char(x) => x == c,
            SetItem::Range(lo, hi) => lo <= c && c <= hi,
            SetItem::Cat(cat) => cat_matches(cat, c, self.ascii),
        })
    }
    fn slow_contains(&self, c: u32) -> bool {
        let mut hit = self.raw(c);
        if !hit && self.icase {
            let l = lower(c, self.ascii);
            let u = upper(c, self.ascii);
            hit = (l != c && self.raw(l)) || (u != c && self.raw(u));
            if !hit {
                for v in case_variants(c, self.ascii) {
                    if v != c && self.raw(v) {
                        hit = true;
                        break;
                    }
                }
            }
        }
        hit != self.negate
    }
    #[inline]
    pub fn contains(&self, c: u32) -> bool {
        if c < 256 {
            return self.bitmap[(c >> 6) as usize] & (1 << (c & 63)) != 0;
        }
        self.slow_contains(c)
    }
}

/// `\N{NAME}` lookup.
pub fn lookup_char_name(name: &str) -> Option<u32> {
    unicode_names2::character(name).map(|c| c as u32)
}
