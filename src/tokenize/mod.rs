//! Tokenization of Thai, Hebrew, English and mixed social-media text.
//!
//! [`tokenize`] (or [`Tokenizer::tokens`] for a tokenizer with user words)
//! returns an iterator of [`Token`]s that borrow from the input and carry
//! byte [`Span`]s into it. Whitespace is the only thing ever skipped.
//!
//! - Thai runs are segmented into words by the dictionary segmenter in
//!   [`thai`].
//! - Hebrew words are normalised (points and cantillation removed) and their
//!   proclitic prefixes (ו ה ב כ ל מ ש and chains) found by [`hebrew`].
//! - Latin words are split at English contractions (`don't` → `do` + `n't`)
//!   and lower-cased; [`english::stem`] gives the stem for lexicon lookup.
//! - Social text: URLs, e-mail addresses, `@mentions`, `#hashtags`, emoji as
//!   whole grapheme clusters, emoticons, laughter (`555`, `haha`, `חחח`),
//!   numbers with currency and units (`฿500`, `3hrs`, `12:30`), and runs of
//!   punctuation (`!!!`, `?!`) are single tokens.
//!
//! ```
//! use backlash::{tokenize, TokenKind, Lang};
//! let text = "รอสายมา 2 ชั่วโมง!!! @AcmeTH #บริการแย่ 😡";
//! let tokens: Vec<_> = tokenize(text).collect();
//! assert!(tokens.iter().all(|t| &text[t.span.range()] == t.text));
//! assert!(tokens.iter().any(|t| t.kind == TokenKind::Hashtag && t.lang == Lang::Thai));
//! assert_eq!(tokens.last().unwrap().kind, TokenKind::Emoji);
//! ```

pub mod english;
pub mod hebrew;
mod scan;
pub mod thai;

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::lang::Lang;

pub use scan::Tokens;

/// A half-open byte range `start..end` into the tokenized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span as a `Range`, for slicing.
    #[inline]
    pub const fn range(self) -> core::ops::Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    #[inline]
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    #[inline]
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum TokenKind {
    /// A word in any script (including the clitic halves of a contraction).
    Word,
    /// A number, with its currency sign or unit if attached (`฿500`, `3hrs`,
    /// `12:30`, `1,000.50`, `22/11/2026`).
    Number,
    /// One emoji grapheme cluster (ZWJ sequences, skin tones, flags, keycaps)
    /// or an ASCII emoticon (`:)`, `:-(`, `<3`).
    Emoji,
    /// `#tag`, in any script.
    Hashtag,
    /// `@handle`.
    Mention,
    /// A web address.
    Url,
    /// An e-mail address.
    Email,
    /// A run of punctuation (`!!!`, `?!`, `...`, `,`).
    Punct,
    /// Laughter: `555`, `5555+`, `haha`, `lol`, `חחחח`.
    Laughter,
    /// Any other symbol.
    Symbol,
}

impl TokenKind {
    /// The lower-case name used in JSON output.
    pub const fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Emoji => "emoji",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Punct => "punct",
            TokenKind::Laughter => "laughter",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// Bit flags describing a token's surface form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TokenFlags(u8);

impl TokenFlags {
    /// A letter repeated three or more times (`soooo`, `มากกกก`, `ממממש`).
    pub const ELONGATED: TokenFlags = TokenFlags(1);
    /// Written in capitals, at least two letters (`NEVER`).
    pub const ALL_CAPS: TokenFlags = TokenFlags(2);
    /// Followed by the Thai repetition mark `ๆ` (`ดีๆ`).
    pub const REPEATED: TokenFlags = TokenFlags(4);
    /// The token's text contained characters changed for lookup
    /// (full-width forms, Hebrew points).
    pub const FOLDED: TokenFlags = TokenFlags(8);
    /// Thai: the segmenter found no dictionary word here. Hebrew: the
    /// word's prefix split is guessed (the word list never saw the word),
    /// not known.
    pub const UNKNOWN_WORD: TokenFlags = TokenFlags(16);

    /// No flags.
    pub const fn empty() -> TokenFlags {
        TokenFlags(0)
    }

    /// Whether all of `other`'s flags are set.
    #[inline]
    pub const fn contains(self, other: TokenFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets `other`'s flags.
    #[inline]
    pub fn insert(&mut self, other: TokenFlags) {
        self.0 |= other.0;
    }

    /// The raw bits.
    pub const fn bits(self) -> u8 {
        self.0
    }
}

impl core::ops::BitOr for TokenFlags {
    type Output = TokenFlags;
    fn bitor(self, rhs: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 | rhs.0)
    }
}

/// One token: a slice of the input with what the tokenizer knows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token's text, exactly `&input[span]`.
    pub text: &'a str,
    /// Byte offsets into the input.
    pub span: Span,
    /// What kind of token this is.
    pub kind: TokenKind,
    /// The token's language, by script ([`Lang::Unknown`] for numbers,
    /// punctuation, emoji and symbols).
    pub lang: Lang,
    /// The form used for lookup: lower-cased, full-width folded, elongation
    /// squeezed, Hebrew points removed. Borrows `text` when nothing changed.
    pub norm: Cow<'a, str>,
    /// Length in bytes of the Hebrew proclitic prefix at the start of
    /// [`norm`](Token::norm) (`ו`, `ה`, `ב`, `כ`, `ל`, `מ`, `ש` and chains);
    /// 0 for other tokens.
    pub prefix_len: u8,
    /// Surface-form flags.
    pub flags: TokenFlags,
}

impl<'a> Token<'a> {
    /// The Hebrew proclitic prefix letters (`"וה"` in `והבית`), or `""`.
    #[inline]
    pub fn prefix(&self) -> &str {
        self.norm.get(..self.prefix_len as usize).unwrap_or("")
    }

    /// The normalised form without its Hebrew prefix (`"בית"` in `והבית`).
    #[inline]
    pub fn stem(&self) -> &str {
        self.norm
            .get(self.prefix_len as usize..)
            .unwrap_or(&self.norm)
    }

    /// Whether the token is a word.
    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether the token is written in capitals.
    #[inline]
    pub fn is_all_caps(&self) -> bool {
        self.flags.contains(TokenFlags::ALL_CAPS)
    }

    /// Whether a letter is drawn out (`soooo`).
    #[inline]
    pub fn is_elongated(&self) -> bool {
        self.flags.contains(TokenFlags::ELONGATED)
    }
}

/// A tokenizer with optional user words (brand names, slang, product words)
/// for the Thai segmenter and the Hebrew prefix analysis.
///
/// Building one is cheap; the embedded dictionaries are shared and parsed
/// once. A `Tokenizer` is `Send + Sync`.
///
/// ```
/// use backlash::Tokenizer;
/// let mut tk = Tokenizer::new();
/// tk.add_thai_word("ไลน์แมน");
/// let words: Vec<_> = tk.tokens("สั่งไลน์แมนมา").map(|t| t.text).collect();
/// assert!(words.contains(&"ไลน์แมน"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Tokenizer {
    thai: thai::ThaiSegmenter,
    hebrew: hebrew::HebrewAnalyzer,
}

impl Tokenizer {
    /// A tokenizer with the embedded dictionaries only.
    pub fn new() -> Tokenizer {
        Tokenizer::default()
    }

    /// Adds a Thai word to the segmenter's dictionary.
    pub fn add_thai_word(&mut self, word: &str) -> &mut Self {
        self.thai.add_word(word);
        self
    }

    /// Adds a Hebrew word, so that prefixes before it are recognised.
    pub fn add_hebrew_word(&mut self, word: &str) -> &mut Self {
        self.hebrew.add_word(word);
        self
    }

    /// Tokenizes `text`.
    pub fn tokens<'t, 'a>(&'t self, text: &'a str) -> Tokens<'t, 'a> {
        Tokens::new(self, text)
    }

    /// The Thai segmenter.
    pub fn thai(&self) -> &thai::ThaiSegmenter {
        &self.thai
    }

    /// The Hebrew prefix analyser.
    pub fn hebrew(&self) -> &hebrew::HebrewAnalyzer {
        &self.hebrew
    }
}

static DEFAULT_TOKENIZER: LazyLock<Tokenizer> = LazyLock::new(Tokenizer::new);

/// The shared tokenizer with the embedded dictionaries.
pub fn default_tokenizer() -> &'static Tokenizer {
    &DEFAULT_TOKENIZER
}

static UNSPLIT_TOKENIZER: LazyLock<Tokenizer> = LazyLock::new(|| Tokenizer {
    hebrew: hebrew::HebrewAnalyzer::unsplit(),
    ..Tokenizer::new()
});

/// [`tokenize`] with no Hebrew prefix split (every `prefix_len` is 0), which
/// never loads the Hebrew word list; the tokens are otherwise the same. For
/// callers that read only kinds, norms and spans (cue phrase views).
pub(crate) fn tokenize_unsplit(text: &str) -> Tokens<'static, '_> {
    UNSPLIT_TOKENIZER.tokens(text)
}

/// Tokenizes `text` with the embedded dictionaries.
///
/// ```
/// let words: Vec<&str> = backlash::tokenize("I don't like it").map(|t| t.text).collect();
/// assert_eq!(words, ["I", "do", "n't", "like", "it"]);
/// ```
pub fn tokenize(text: &str) -> Tokens<'static, '_> {
    DEFAULT_TOKENIZER.tokens(text)
}
