//! Tokens: what the lexer produces and the parser consumes.
//!
//! A [`Token`] is a kind plus its place in the source (byte offsets and
//! line/column positions, columns being UTF-8 byte offsets as in CPython's
//! AST). The text is not copied: `&source[tok.start..tok.end]`. Keywords and
//! each operator get their own [`TokenKind`] so the parser matches on one
//! enum; [`TokenKind::type_name`] gives the name Python's `tokenize` module
//! would print (`NAME`, `OP`'s exact type such as `LPAR`, ...).

/// The kind of a token. Keywords are separate kinds (their `tokenize` type is
/// `NAME`); soft keywords (`match`, `case`, `type`, `_`) are plain `Name`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Name,
    Number,
    String,
    FStringStart,
    FStringMiddle,
    FStringEnd,
    Newline,
    Nl,
    Indent,
    Dedent,
    Comment,
    EndMarker,
    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // Operators and delimiters.
    LPar,
    RPar,
    LSqb,
    RSqb,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    LBrace,
    RBrace,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
    Exclamation,
    /// A character that starts no token (`$`, `?`): CPython's generic OP, which
    /// the parser rejects with "invalid syntax".
    Unknown,
}

use TokenKind::*;

/// Keywords, in the order of `keyword.kwlist`.
pub const KEYWORDS: &[(&str, TokenKind)] = &[
    ("False", False),
    ("None", None),
    ("True", True),
    ("and", And),
    ("as", As),
    ("assert", Assert),
    ("async", Async),
    ("await", Await),
    ("break", Break),
    ("class", Class),
    ("continue", Continue),
    ("def", Def),
    ("del", Del),
    ("elif", Elif),
    ("else", Else),
    ("except", Except),
    ("finally", Finally),
    ("for", For),
    ("from", From),
    ("global", Global),
    ("if", If),
    ("import", Import),
    ("in", In),
    ("is", Is),
    ("lambda", Lambda),
    ("nonlocal", Nonlocal),
    ("not", Not),
    ("or", Or),
    ("pass", Pass),
    ("raise", Raise),
    ("return", Return),
    ("try", Try),
    ("while", While),
    ("with", With),
    ("yield", Yield),
];

/// The keyword kind of an identifier, if it is one.
pub fn keyword_kind(text: &[u8]) -> Option<TokenKind> {
    if text.len() < 2 || text.len() > 8 {
        return Option::None;
    }
    // A direct match (length, then bytes) instead of scanning [`KEYWORDS`]:
    // this runs for every identifier in the source.
    match text {
        b"False" => Some(False),
        b"None" => Some(None),
        b"True" => Some(True),
        b"and" => Some(And),
        b"as" => Some(As),
        b"assert" => Some(Assert),
        b"async" => Some(Async),
        b"await" => Some(Await),
        b"break" => Some(Break),
        b"class" => Some(Class),
        b"continue" => Some(Continue),
        b"def" => Some(Def),
        b"del" => Some(Del),
        b"elif" => Some(Elif),
        b"else" => Some(Else),
        b"except" => Some(Except),
        b"finally" => Some(Finally),
        b"for" => Some(For),
        b"from" => Some(From),
        b"global" => Some(Global),
        b"if" => Some(If),
        b"import" => Some(Import),
        b"in" => Some(In),
        b"is" => Some(Is),
        b"lambda" => Some(Lambda),
        b"nonlocal" => Some(Nonlocal),
        b"not" => Some(Not),
        b"or" => Some(Or),
        b"pass" => Some(Pass),
        b"raise" => Some(Raise),
        b"return" => Some(Return),
        b"try" => Some(Try),
        b"while" => Some(While),
        b"with" => Some(With),
        b"yield" => Some(Yield),
        _ => Option::None,
    }
}

impl TokenKind {
    pub fn is_keyword(self) -> bool {
        (self as u8) >= (False as u8) && (self as u8) <= (Yield as u8)
    }
    pub fn is_operator(self) -> bool {
        (self as u8) >= (LPar as u8)
    }
    /// The token type name Python's `tokenize` module prints with `-e`.
    pub fn type_name(self) -> &'static str {
        if self.is_keyword() {
            return "NAME";
        }
        match self {
            Name => "NAME",
            Number => "NUMBER",
            String => "STRING",
            FStringStart => "FSTRING_START",
            FStringMiddle => "FSTRING_MIDDLE",
            FStringEnd => "FSTRING_END",
            Newline => "NEWLINE",
            Nl => "NL",
            Indent => "INDENT",
            Dedent => "DEDENT",
            Comment => "COMMENT",
            EndMarker => "ENDMARKER",
            LPar => "LPAR",
            RPar => "RPAR",
            LSqb => "LSQB",
            RSqb => "RSQB",
            Colon => "COLON",
            Comma => "COMMA",
            Semi => "SEMI",
            Plus => "PLUS",
            Minus => "MINUS",
            Star => "STAR",
            Slash => "SLASH",
            VBar => "VBAR",
            Amper => "AMPER",
            Less => "LESS",
            Greater => "GREATER",
            Equal => "EQUAL",
            Dot => "DOT",
            Percent => "PERCENT",
            LBrace => "LBRACE",
            RBrace => "RBRACE",
            EqEqual => "EQEQUAL",
            NotEqual => "NOTEQUAL",
            LessEqual => "LESSEQUAL",
            GreaterEqual => "GREATEREQUAL",
            Tilde => "TILDE",
            Circumflex => "CIRCUMFLEX",
            LeftShift => "LEFTSHIFT",
            RightShift => "RIGHTSHIFT",
            DoubleStar => "DOUBLESTAR",
            PlusEqual => "PLUSEQUAL",
            MinEqual => "MINEQUAL",
            StarEqual => "STAREQUAL",
            SlashEqual => "SLASHEQUAL",
            PercentEqual => "PERCENTEQUAL",
            AmperEqual => "AMPEREQUAL",
            VBarEqual => "VBAREQUAL",
            CircumflexEqual => "CIRCUMFLEXEQUAL",
            LeftShiftEqual => "LEFTSHIFTEQUAL",
            RightShiftEqual => "RIGHTSHIFTEQUAL",
            DoubleStarEqual => "DOUBLESTAREQUAL",
            DoubleSlash => "DOUBLESLASH",
            DoubleSlashEqual => "DOUBLESLASHEQUAL",
            At => "AT",
            AtEqual => "ATEQUAL",
            RArrow => "RARROW",
            Ellipsis => "ELLIPSIS",
            ColonEqual => "COLONEQUAL",
            Exclamation => "EXCLAMATION",
            Unknown => "OP",
            _ => "NAME",
        }
    }
}

/// The operator token for the longest operator at the start of `s`, with its length.
pub fn operator_at(s: &[u8]) -> Option<(TokenKind, usize)> {
    let c0 = *s.first()?;
    let c1 = s.get(1).copied().unwrap_or(0);
    let c2 = s.get(2).copied().unwrap_or(0);
    let three = match (c0, c1, c2) {
        (b'*', b'*', b'=') => Some(DoubleStarEqual),
        (b'.', b'.', b'.') => Some(Ellipsis),
        (b'/', b'/', b'=') => Some(DoubleSlashEqual),
        (b'<', b'<', b'=') => Some(LeftShiftEqual),
        (b'>', b'>', b'=') => Some(RightShiftEqual),
        _ => Option::None,
    };
    if let Some(k) = three {
        return Some((k, 3));
    }
    let two = match (c0, c1) {
        (b'!', b'=') => Some(NotEqual),
        (b'%', b'=') => Some(PercentEqual),
        (b'&', b'=') => Some(AmperEqual),
        (b'*', b'*') => Some(DoubleStar),
        (b'*', b'=') => Some(StarEqual),
        (b'+', b'=') => Some(PlusEqual),
        (b'-', b'=') => Some(MinEqual),
        (b'-', b'>') => Some(RArrow),
        (b'/', b'/') => Some(DoubleSlash),
        (b'/', b'=') => Some(SlashEqual),
        (b':', b'=') => Some(ColonEqual),
        (b'<', b'<') => Some(LeftShift),
        (b'<', b'=') => Some(LessEqual),
        (b'<', b'>') => Some(NotEqual),
        (b'=', b'=') => Some(EqEqual),
        (b'>', b'=') => Some(GreaterEqual),
        (b'>', b'>') => Some(RightShift),
        (b'@', b'=') => Some(AtEqual),
        (b'^', b'=') => Some(CircumflexEqual),
        (b'|', b'=') => Some(VBarEqual),
        _ => Option::None,
    };
    if let Some(k) = two {
        return Some((k, 2));
    }
    let one = match c0 {
        b'(' => LPar,
        b')' => RPar,
        b'[' => LSqb,
        b']' => RSqb,
        b':' => Colon,
        b',' => Comma,
        b';' => Semi,
        b'+' => Plus,
        b'-' => Minus,
        b'*' => Star,
        b'/' => Slash,
        b'|' => VBar,
        b'&' => Amper,
        b'<' => Less,
        b'>' => Greater,
        b'=' => Equal,
        b'.' => Dot,
        b'%' => Percent,
        b'{' => LBrace,
        b'}' => RBrace,
        b'~' => Tilde,
        b'^' => Circumflex,
        b'@' => At,
        b'!' => Exclamation,
        _ => return Option::None,
    };
    Some((one, 1))
}

/// One token: kind, byte span in the source, and start/end positions
/// (1-based lines, 0-based UTF-8 byte columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start as usize..self.end as usize]
    }
}
