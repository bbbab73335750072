//! Phrase cues matched on normalised tokens, the same way in all three
//! languages, shared by the reply check and the virality text signals.
//!
//! A text is turned into a *view*: one string of lookup forms built from its
//! tokens, with a map back to byte spans of the input.
//!
//! - English words (and other Latin words) become their Snowball stems
//!   (or their lower-case norms, for the cheap view), separated by spaces.
//! - Hebrew words become their normalised form with final letters folded
//!   (ם→מ, ן→נ, ץ→צ, ף→פ, ך→כ), separated by spaces. A cue matches a Hebrew
//!   word when the word is the cue preceded by at most three proclitic
//!   letters (ו ה ב כ ל מ ש), so `ובתנאי` matches the cue `תנאי` whatever the
//!   prefix analyser says.
//! - Thai words are written one after another with no separator, so a Thai
//!   cue is found as a substring over the whole Thai run and word
//!   segmentation cannot hide it.
//! - Numbers become `#` (so `within 24 hours` and `ภายใน 3 วัน` match the cues
//!   `within 1 hour*`... written with any digits), hashtag bodies are words,
//!   punctuation becomes `|` (a phrase never crosses it), and emoji, URLs,
//!   e-mails, mentions and laughter add nothing.
//!
//! Cue phrases are run through the very same tokenizer and view builder, so
//! a cue and the text it should match always agree on spelling. A phrase
//! ending in `*` matches any word starting with its last word (`משפטי*`).

use std::collections::HashMap;

use crate::hash::FxBuild;

use crate::lang::{Lang, Script};
use crate::tokenize::{english, Span, Token, TokenKind};
use crate::Error;

/// How English words enter a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fold {
    /// Snowball stems (allocates when the stem differs from the word).
    Stem,
    /// Lower-case norms only (no allocation per token).
    Norm,
}

/// A text's lookup view.
#[derive(Debug, Default, Clone)]
pub(crate) struct View {
    pub(crate) s: String,
    /// `(view_start, view_end, span in the input)` per token segment.
    segs: Vec<(u32, u32, Span)>,
    /// Which scripts' words the view holds (bit per [`Lang`]).
    langs: u8,
}

const fn lang_bit(l: Lang) -> u8 {
    match l {
        Lang::Thai => 1,
        Lang::Hebrew => 2,
        Lang::English => 4,
        Lang::Unknown => 8,
    }
}

use crate::tokenize::hebrew::fold_final;

#[inline]
fn is_hebrew_prefix_letter(c: char) -> bool {
    matches!(c, 'ו' | 'ה' | 'ב' | 'כ' | 'ל' | 'מ' | 'ש')
}

impl View {
    fn space(&mut self) {
        if !self.s.ends_with(' ') {
            self.s.push(' ');
        }
    }

    /// Appends one token.
    pub(crate) fn push(&mut self, t: &Token<'_>, fold: Fold) {
        if self.s.is_empty() {
            self.s.push(' ');
        }
        let start;
        match t.kind {
            TokenKind::Word | TokenKind::Hashtag => {
                let word = word_form(t);
                if word.is_empty() {
                    return;
                }
                let first = word.chars().next().map_or(Script::None, Script::of);
                self.langs |= lang_bit(first.lang());
                if first == Script::Thai {
                    // Thai: glued to the previous Thai word.
                    if self.s.ends_with('|') || self.s.ends_with('#') {
                        self.s.push(' ');
                    }
                    start = self.s.len();
                    self.s.push_str(word);
                } else {
                    self.space();
                    start = self.s.len();
                    match (first, fold, t.kind) {
                        (Script::Hebrew, _, _) => self.s.extend(word.chars().map(fold_final)),
                        (Script::Latin, Fold::Stem, TokenKind::Word) => {
                            english::with_stem(word, |s| self.s.push_str(s))
                        }
                        // Norms are lower-cased by the tokenizer already.
                        _ => self.s.push_str(word),
                    }
                }
            }
            TokenKind::Number => {
                self.space();
                start = self.s.len();
                self.s.push('#');
            }
            TokenKind::Punct => {
                self.space();
                start = self.s.len();
                self.s.push('|');
            }
            _ => return,
        }
        let end = self.s.len();
        if end > start {
            self.segs.push((start as u32, end as u32, t.span));
        }
    }

    /// The form `t` adds to a [`Fold::Norm`] view when that form is ASCII:
    /// `Ok(None)` when it adds nothing, `Err(())` when the form is not
    /// ASCII or holds a space (a Thai, Hebrew or other non-ASCII word), for
    /// which callers build the view instead.
    #[inline(always)]
    pub(crate) fn ascii_norm_form<'t>(t: &'t Token<'_>) -> Result<Option<&'t str>, ()> {
        View::norm_form(t, true)
    }

    /// [`ascii_norm_form`](View::ascii_norm_form) for a token of an
    /// all-ASCII text, whose forms are ASCII without spaces (not checked).
    #[inline]
    pub(crate) fn ascii_text_form<'t>(t: &'t Token<'_>) -> Option<&'t str> {
        View::norm_form(t, false).ok().flatten()
    }

    /// The two above: the form's bytes are checked when `check` is true.
    #[inline(always)]
    fn norm_form<'t>(t: &'t Token<'_>, check: bool) -> Result<Option<&'t str>, ()> {
        match t.kind {
            TokenKind::Word | TokenKind::Hashtag => {
                let word = word_form(t);
                if word.is_empty() {
                    Ok(None)
                } else if !check || word.bytes().all(|b| b.is_ascii() && b != b' ') {
                    Ok(Some(word))
                } else {
                    Err(())
                }
            }
            TokenKind::Number => Ok(Some("#")),
            TokenKind::Punct => Ok(Some("|")),
            _ => Ok(None),
        }
    }

    /// Empties the view, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        self.s.clear();
        self.segs.clear();
        self.langs = 0;
    }

    /// Finishes the view (a trailing space, so every word ends in one).
    pub(crate) fn finish(&mut self) {
        self.space();
    }

    /// Builds a view of `text`. A view reads no Hebrew prefix split (a cue
    /// word matches after any proclitic letters), so the tokens come from
    /// the tokenizer that does not split them and the Hebrew word list is
    /// not loaded to compile a cue.
    pub(crate) fn of(text: &str, fold: Fold) -> View {
        let mut v = View::default();
        for t in crate::tokenize::tokenize_unsplit(text) {
            v.push(&t, fold);
        }
        v.finish();
        v
    }

    /// The input span covered by view bytes `a..b`.
    ///
    /// Segments are in view order and do not overlap, so the first one that
    /// ends after `a` is found by binary search (no scan of the whole view
    /// per match: a text dense with cues stays linear).
    pub(crate) fn span(&self, a: usize, b: usize) -> Span {
        let mut out: Option<Span> = None;
        let first = self.segs.partition_point(|&(_, e, _)| (e as usize) <= a);
        for &(s, e, sp) in self.segs.get(first..).unwrap_or(&[]) {
            if (s as usize) >= b {
                break;
            }
            if (e as usize) > a {
                out = Some(match out {
                    None => sp,
                    Some(o) => Span::new(o.start.min(sp.start), o.end.max(sp.end)),
                });
            }
        }
        out.unwrap_or_default()
    }
}

/// The [`Fold::Stem`] views of the embedded reply cues that hold Thai
/// (`data/reply/th_views.tsv`, `phrase<TAB>view`), so that compiling them
/// does not load the Thai dictionary: the first reply check on an English
/// text never segments Thai. The unit test
/// `embedded_thai_views_are_what_the_phrases_compile_to` checks the file
/// against [`View::of`] and rewrites it when `BACKLASH_WRITE_THAI_VIEWS` is set.
static THAI_VIEWS: std::sync::LazyLock<HashMap<&'static str, &'static str, FxBuild>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../data/reply/th_views.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect()
    });

/// A compiled cue: its pattern in view form and how it matches.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// The pattern (no surrounding spaces).
    pat: String,
    /// Matching rule, by the script of the cue.
    lang: Lang,
    /// The last word may be followed by more letters.
    open_end: bool,
}

impl Pattern {
    /// Compiles a cue phrase with the same view builder as texts.
    pub(crate) fn new(phrase: &str, fold: Fold) -> Result<Pattern, Error> {
        let phrase = phrase.trim();
        let (body, open_end) = match phrase.strip_suffix('*') {
            Some(b) => (b.trim_end(), true),
            None => (phrase, false),
        };
        if fold == Fold::Stem {
            if let Some(&pat) = THAI_VIEWS.get(body) {
                return Ok(Pattern {
                    pat: pat.to_string(),
                    lang: crate::detect_lang(body),
                    open_end,
                });
            }
        }
        let view = View::of(body, fold);
        let pat = view.s.trim().to_string();
        if pat.chars().all(|c| c == '|' || c == ' ') {
            return Err(Error::Lexicon {
                line: 0,
                reason: format!("cue {phrase:?} has no words"),
            });
        }
        let lang = crate::detect_lang(body);
        Ok(Pattern {
            pat,
            lang,
            open_end,
        })
    }

    /// The first match in `view` at or after view byte `from`, as a view
    /// byte range (the reference the [`Index`] is tested against).
    #[cfg(test)]
    pub(crate) fn find(&self, view: &View, mut from: usize) -> Option<(usize, usize)> {
        if self.lang != Lang::Unknown && view.langs & lang_bit(self.lang) == 0 {
            return None;
        }
        let s = view.s.as_str();
        while from < s.len() {
            let rel = s.get(from..)?.find(self.pat.as_str())?;
            let a = from + rel;
            let b = a + self.pat.len();
            if self.boundaries_ok(s, a, b) {
                return Some((a, b));
            }
            from = a + s[a..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    fn boundaries_ok(&self, s: &str, a: usize, b: usize) -> bool {
        if self.lang == Lang::Thai {
            return true;
        }
        let before = &s[..a];
        let after = &s[b..];
        let end_ok = self.open_end || after.starts_with(' ');
        if !end_ok {
            return false;
        }
        if before.ends_with(' ') {
            return true;
        }
        if self.lang != Lang::Hebrew {
            return false;
        }
        // Up to three proclitic letters between the word start and the match.
        for (n, c) in before.chars().rev().enumerate() {
            if c == ' ' {
                return n > 0;
            }
            if !is_hebrew_prefix_letter(c) || n == 3 {
                return false;
            }
        }
        false
    }

    /// Whether the words just before view byte `a` negate the match
    /// (`not`, `no`, `never`, `ไม่`, `לא`, `אין`).
    pub(crate) fn negated_at(view: &View, a: usize) -> bool {
        let before = view.s.get(..a).unwrap_or("");
        let tb = before.trim_end();
        if tb.ends_with("ไม่") || tb.ends_with("ไม่ใช่") || tb.ends_with("มิใช่")
        {
            return true;
        }
        tb.rsplit(' ')
            .take(2)
            .any(|w| matches!(w, "not" | "no" | "never" | "לא" | "אינ" | "אינו" | "אינה"))
    }
}

/// Finds every cue of a set in a view in one pass: cues are indexed by
/// their first two characters, and each position of the view is looked up
/// once, so the cost grows with the text, not with the number of cues.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    by_pair: HashMap<(char, char), Vec<u32>, BuildPairHasher>,
    by_char: HashMap<char, Vec<u32>, BuildPairHasher>,
    /// Whether some pattern may match inside a word starting at an ASCII
    /// letter (only Thai patterns match inside words).
    ascii_inside_words: bool,
    /// Patterns by their first word (the whole pattern when it is one
    /// word without an open end), for matching ASCII forms directly.
    by_first: HashMap<Box<str>, Vec<u32>, FxBuild>,
    /// Patterns of one word with an open end (`legal*`), with their
    /// number, by first byte (insertion order within one first byte, so
    /// the matches of a word come in pattern order).
    open_words: Vec<(Box<str>, u32)>,
    /// Per first byte `b` (127 for any other), `open_words[open_start[b]..
    /// open_start[b + 1]]` are the words starting with it (128 + 1 entries
    /// once an open word exists).
    open_start: Vec<u32>,
    /// A 4,096-bit filter in front of `by_first` and `open_words`: the bit of every
    /// `by_first` word (first two bytes and length) and of every open word
    /// (first two bytes, any length); a word setting neither bit starts no
    /// pattern, which is what most words of a text find out in one test.
    word_gate: Vec<u64>,
    /// Whether some open word has a single byte (it defeats `word_gate`).
    open_short: bool,
    /// Whether some Thai or Hebrew pattern is all ASCII (it could match
    /// inside or across ASCII forms, which
    /// `for_each_match_ascii` (the test-only reference for
    /// [`matches_at_ascii`](Index::matches_at_ascii)) does not look for).
    ascii_anywhere: bool,
}

impl Index {
    /// Adds pattern number `i`.
    pub(crate) fn insert(&mut self, i: usize, p: &Pattern) {
        let mut cs = p.pat.chars();
        let i = i as u32;
        if p.lang == Lang::Thai && p.pat.starts_with(|c: char| c.is_ascii_alphabetic()) {
            self.ascii_inside_words = true;
        }
        if matches!(p.lang, Lang::Thai | Lang::Hebrew) && p.pat.is_ascii() {
            self.ascii_anywhere = true;
        }
        let first = match p.pat.split_once(' ') {
            Some((first, _)) => Some(first),
            None if p.open_end => None,
            None => Some(p.pat.as_str()),
        };
        if let Some(first) = first {
            self.gate_insert(word_bit(first, true));
        }
        match p.pat.split_once(' ') {
            Some((first, _)) => self.add_first(first, i),
            None if p.open_end => {
                let b = first_byte(&p.pat);
                self.open_short |= p.pat.len() < 2;
                self.gate_insert(word_bit(&p.pat, false));
                let at = self.open_words.partition_point(|(w, _)| first_byte(w) <= b);
                self.open_words.insert(at, (p.pat.as_str().into(), i));
                self.open_start = (0..=128)
                    .map(|b| {
                        self.open_words
                            .partition_point(|(w, _)| first_byte(w) < b)
                            .try_into()
                            .unwrap_or(u32::MAX)
                    })
                    .collect();
            }
            None => self.add_first(&p.pat, i),
        }
        match (cs.next(), cs.next()) {
            (Some(a), Some(b)) => self.by_pair.entry((a, b)).or_default().push(i),
            (Some(a), None) => self.by_char.entry(a).or_default().push(i),
            _ => {}
        }
    }

    fn gate_insert(&mut self, bit: usize) {
        if self.word_gate.is_empty() {
            self.word_gate = vec![0; 64];
        }
        if let Some(w) = self.word_gate.get_mut(bit / 64) {
            *w |= 1 << (bit % 64);
        }
    }

    /// Whether `w` may start a pattern (no false negatives).
    #[inline]
    fn may_start(&self, w: &str) -> bool {
        let bit = |i: usize| {
            self.word_gate
                .get(i / 64)
                .is_some_and(|g| g & (1 << (i % 64)) != 0)
        };
        // `|`: one branch for the pair.
        self.open_short | bit(word_bit(w, true)) | bit(word_bit(w, false))
    }

    /// Files pattern `i` under its first word `w`.
    fn add_first(&mut self, w: &str, i: u32) {
        self.by_first.entry(w.into()).or_default().push(i);
    }

    /// The patterns whose first word is `w`.
    #[inline]
    fn first_of(&self, w: &str) -> Option<&[u32]> {
        self.by_first.get(w).map(Vec::as_slice)
    }

    /// Whether matching token by token with
    /// [`matches_at_ascii`](Index::matches_at_ascii) finds
    /// what [`for_each_match`](Index::for_each_match) finds for views made
    /// of ASCII forms only.
    pub(crate) fn ascii_ok(&self) -> bool {
        !(self.ascii_anywhere || self.ascii_inside_words)
    }

    /// Calls `f(pattern number)` for every match of the indexed `patterns`
    /// in the [`Fold::Norm`] view of `tokens`, without building the view.
    /// Only valid when [`ascii_ok`](Index::ascii_ok) holds and every token's
    /// [`View::ascii_norm_form`] is `Ok`; then the matches are exactly
    /// those of [`for_each_match`](Index::for_each_match) (in token order,
    /// not necessarily pattern order within a token). The reference for
    /// [`matches_at_ascii`](Index::matches_at_ascii), which callers use.
    ///
    /// Why: an ASCII view is ` f0 f1 f2 … ` (one space between forms). Thai
    /// and Hebrew patterns hold their own letters and match nowhere in it;
    /// every other pattern needs a space before it, so it starts at some
    /// form `fk` with its words equal to `fk`, `fk+1`, … (the last a prefix
    /// when the pattern is open-ended).
    #[cfg(test)]
    pub(crate) fn for_each_match_ascii<T>(
        &self,
        items: &[T],
        pattern: impl Fn(&T) -> &Pattern,
        tokens: &[Token<'_>],
        mut f: impl FnMut(usize),
    ) {
        for (i, t) in tokens.iter().enumerate() {
            if let Ok(Some(w)) = View::ascii_norm_form(t) {
                self.matches_at_ascii(items, &pattern, tokens, i, w, &mut f);
            }
        }
    }

    /// The part of `for_each_match_ascii` (the test-only reference above)
    /// for the matches starting at token `i`, whose form is `w`.
    #[inline]
    pub(crate) fn matches_at_ascii<T>(
        &self,
        items: &[T],
        pattern: impl Fn(&T) -> &Pattern,
        tokens: &[Token<'_>],
        i: usize,
        w: &str,
        mut f: impl FnMut(usize),
    ) {
        fn form<'t>(t: &'t Token<'_>) -> Option<&'t str> {
            View::ascii_norm_form(t).ok().flatten()
        }
        if !self.may_start(w) {
            return;
        }
        if let Some(ids) = self.first_of(w) {
            for &id in ids {
                let Some(p) = items.get(id as usize).map(&pattern) else {
                    continue;
                };
                let mut words = p.pat.split(' ');
                words.next();
                let mut rest = tokens.get(i + 1..).unwrap_or(&[]).iter().filter_map(form);
                let mut ok = true;
                let mut words = words.peekable();
                while let Some(pw) = words.next() {
                    let last = words.peek().is_none();
                    ok = match rest.next() {
                        Some(tw) if last && p.open_end => tw.starts_with(pw),
                        Some(tw) => tw == pw,
                        None => false,
                    };
                    if !ok {
                        break;
                    }
                }
                if ok {
                    f(id as usize);
                }
            }
        }
        let b = first_byte(w);
        let from = self.open_start.get(b).map_or(0, |&x| x as usize);
        let to = self.open_start.get(b + 1).map_or(0, |&x| x as usize);
        for (pw, id) in self.open_words.get(from..to).unwrap_or(&[]) {
            if w.starts_with(&**pw) {
                f(*id as usize);
            }
        }
    }

    /// Calls `f(pattern number, view start, view end)` for every match of
    /// the indexed `patterns` in `view`, in view order.
    pub(crate) fn for_each_match<T>(
        &self,
        items: &[T],
        pattern: impl Fn(&T) -> &Pattern,
        view: &View,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let s = view.s.as_str();
        let mut it = s.char_indices().peekable();
        let mut prev = ' ';
        while let Some((a, c)) = it.next() {
            let after_space = prev == ' ';
            prev = c;
            if c == ' ' {
                continue;
            }
            // English patterns need a space before them (see
            // `boundaries_ok`): skip the inside of ASCII words.
            if !after_space && c.is_ascii_alphabetic() && !self.ascii_inside_words {
                continue;
            }
            let next = it.peek().map(|&(_, n)| n);
            let pair = next.and_then(|n| self.by_pair.get(&(c, n)));
            for &i in pair
                .into_iter()
                .flatten()
                .chain(self.by_char.get(&c).into_iter().flatten())
            {
                let Some(p) = items.get(i as usize).map(&pattern) else {
                    continue;
                };
                if s[a..].starts_with(p.pat.as_str()) {
                    let b = a + p.pat.len();
                    if p.boundaries_ok(s, a, b) {
                        f(i as usize, a, b);
                    }
                }
            }
        }
    }
}

/// The word a word or hashtag token adds to a view: its normal form, a
/// hashtag's without the `#`.
#[inline(always)]
fn word_form<'t>(t: &'t Token<'_>) -> &'t str {
    let n: &str = &t.norm;
    if t.kind == TokenKind::Hashtag {
        n.get(n.chars().next().map_or(0, char::len_utf8)..)
            .unwrap_or("")
    } else {
        n
    }
}

/// The first byte of a word (127 for a non-ASCII one or none), by which
/// [`Index::open_words`] are grouped.
#[inline]
fn first_byte(w: &str) -> usize {
    usize::from(w.as_bytes().first().map_or(127, |&b| b.min(127)))
}

/// The [`Index::word_gate`] bit of a word: of its first two bytes and,
/// when `with_len`, its length (an exact first word), else of its first two
/// bytes alone (an open word, which any longer word may extend).
#[inline]
fn word_bit(w: &str, with_len: bool) -> usize {
    let b = w.as_bytes();
    let x = u64::from(b.first().copied().unwrap_or(0))
        | u64::from(b.get(1).copied().unwrap_or(0)) << 8
        | if with_len {
            (b.len().min(255) as u64) << 16 | 1 << 24
        } else {
            0
        };
    (x.wrapping_mul(crate::hash::FX_SEED) >> 52) as usize
}

/// A small multiplicative hasher for the character keys of [`Index`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BuildPairHasher;

impl core::hash::BuildHasher for BuildPairHasher {
    type Hasher = PairHasher;
    fn build_hasher(&self) -> PairHasher {
        PairHasher(0)
    }
}

/// See [`BuildPairHasher`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct PairHasher(u64);

impl core::hash::Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view built the way it was before [`View::of`] used the unsplit
    /// tokenizer: with the default tokenizer, which splits Hebrew prefixes.
    fn view_split(text: &str, fold: Fold) -> View {
        let mut v = View::default();
        for t in crate::tokenize(text) {
            v.push(&t, fold);
        }
        v.finish();
        v
    }

    fn same_view(a: &View, b: &View) -> bool {
        a.s == b.s && a.segs == b.segs && a.langs == b.langs
    }

    #[test]
    fn compiled_cues_do_not_depend_on_prefix_splitting() {
        let lists = [
            include_str!("../../data/reply/en.txt"),
            include_str!("../../data/reply/th.txt"),
            include_str!("../../data/reply/he.txt"),
        ];
        let mut n = 0;
        for text in lists {
            for line in text.lines() {
                let Some((_, phrase)) = line.split_once('\t') else {
                    continue;
                };
                if line.trim_start().starts_with('#') {
                    continue;
                }
                let phrase = phrase.trim();
                let body = phrase.strip_suffix('*').map_or(phrase, str::trim_end);
                for fold in [Fold::Stem, Fold::Norm] {
                    let old = view_split(body, fold);
                    assert!(same_view(&View::of(body, fold), &old), "{phrase:?}");
                    if let Ok(p) = Pattern::new(phrase, fold) {
                        assert_eq!(p.pat, old.s.trim(), "{phrase:?}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 1000, "{n}");
        // The two tokenizers do differ on these cues: some Hebrew cue words
        // get a prefix split by the default one, none by the view's.
        let he = include_str!("../../data/reply/he.txt");
        let split = crate::tokenize(he).filter(|t| t.prefix_len > 0).count();
        let unsplit = crate::tokenize::tokenize_unsplit(he)
            .filter(|t| t.prefix_len > 0)
            .count();
        assert!(split > 10 && unsplit == 0, "{split} {unsplit}");
        // Texts with prefixes, finals, elongation, mixed scripts.
        for text in [
            "והשירות שלכם ממממש גרוע, ובתנאי השימוש כתוב אחרת",
            "כשהבית נשרף לא עניתם! @acme #בושה",
            "We'll take this to the press. รอนานมาก 555 ולכן",
        ] {
            for fold in [Fold::Stem, Fold::Norm] {
                assert!(same_view(&View::of(text, fold), &view_split(text, fold)));
            }
        }
    }

    /// The Thai views file as the embedded reply lists compile to it.
    fn thai_views_file() -> String {
        let mut out = String::from(
            "# Generated: the Fold::Stem views of the reply cues that hold Thai (see\n\
             # src/respond/cues.rs, THAI_VIEWS); phrase<TAB>view. Do not edit: run\n\
             # BACKLASH_WRITE_THAI_VIEWS=1 cargo test --lib thai_views\n",
        );
        let mut seen = std::collections::HashSet::new();
        for text in [
            include_str!("../../data/reply/en.txt"),
            include_str!("../../data/reply/th.txt"),
            include_str!("../../data/reply/he.txt"),
        ] {
            for line in text.lines() {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                let Some((_, phrase)) = line.split_once('\t') else {
                    continue;
                };
                let phrase = phrase.trim();
                let body = phrase.strip_suffix('*').map_or(phrase, str::trim_end);
                if !body.chars().any(|c| Script::of(c) == Script::Thai) || !seen.insert(body) {
                    continue;
                }
                let view = View::of(body, Fold::Stem);
                out.push_str(body);
                out.push('\t');
                out.push_str(view.s.trim());
                out.push('\n');
            }
        }
        out
    }

    #[test]
    fn embedded_thai_views_are_what_the_phrases_compile_to() {
        let want = thai_views_file();
        let have = include_str!("../../data/reply/th_views.tsv");
        if want != have && std::env::var_os("BACKLASH_WRITE_THAI_VIEWS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/reply/th_views.tsv");
            std::fs::write(path, &want).unwrap();
            return;
        }
        assert!(
            want == have,
            "data/reply/th_views.tsv is stale: run BACKLASH_WRITE_THAI_VIEWS=1 cargo test --lib thai_views"
        );
        assert!(THAI_VIEWS.len() > 200, "{}", THAI_VIEWS.len());
        // A table entry compiles as the view would.
        for (body, view) in THAI_VIEWS.iter().take(50) {
            let p = Pattern::new(body, Fold::Stem).unwrap();
            assert_eq!(p.pat, *view);
            assert_eq!(p.pat, View::of(body, Fold::Stem).s.trim());
        }
    }

    fn m(cue: &str, text: &str) -> bool {
        let p = Pattern::new(cue, Fold::Stem).unwrap();
        p.find(&View::of(text, Fold::Stem), 0).is_some()
    }

    #[test]
    fn english_stems_and_boundaries() {
        assert!(m(
            "terms of service",
            "As stated in our Terms of Service, no."
        ));
        assert!(m("apologize", "We apologize."));
        assert!(!m("sorry", "sorrylol"));
        assert!(m("within 2 hours", "we'll call within 24 hours"));
        assert!(!m("our fault sorry", "our fault, sorry"));
        assert!(m("legal*", "legally binding"));
    }

    #[test]
    fn hebrew_prefixes_and_finals() {
        assert!(m("תנאי השימוש", "בהתאם לתנאי השימוש שלנו"));
        assert!(m("מתנצלים", "אנו מתנצלים"));
        assert!(m("מתנצלים", "ואנחנו ומתנצלים"));
        assert!(!m("תנאי", "מתנאיםםם"));
        assert!(m("משפטי*", "ננקוט צעדים משפטיים"));
    }

    #[test]
    fn thai_substring() {
        assert!(m("ขออภัย", "ต้องขออภัยอย่างยิ่งค่ะ"));
        assert!(m("ภายใน 24 ชั่วโมง", "จะติดต่อกลับภายใน 48 ชั่วโมงค่ะ"));
        assert!(m("ความผิดพลาด", "เป็น ความผิด พลาดของเรา"));
    }

    #[test]
    fn spans_map_back() {
        let text = "Hi. As per our TERMS of service!";
        let v = View::of(text, Fold::Stem);
        let p = Pattern::new("terms of service", Fold::Stem).unwrap();
        let (a, b) = p.find(&v, 0).unwrap();
        assert_eq!(&text[v.span(a, b).range()], "TERMS of service");
    }

    #[test]
    fn index_finds_what_find_finds() {
        let cues = [
            "terms of service",
            "sorry",
            "ขออภัย",
            "תנאי השימוש",
            "legal*",
            "1 hour*",
            "x",
        ];
        let pats: Vec<Pattern> = cues
            .iter()
            .map(|c| Pattern::new(c, Fold::Stem).unwrap())
            .collect();
        let mut idx = Index::default();
        for (i, p) in pats.iter().enumerate() {
            idx.insert(i, p);
        }
        let text = "Sorry! Per our terms of service (legally) ขออภัยค่ะ ובתנאי השימוש within 2 hours x sorry";
        let v = View::of(text, Fold::Stem);
        let mut got = Vec::new();
        idx.for_each_match(&pats, |p| p, &v, |i, a, b| got.push((i, a, b)));
        let mut want = Vec::new();
        for (i, p) in pats.iter().enumerate() {
            let mut from = 0;
            while let Some((a, b)) = p.find(&v, from) {
                want.push((i, a, b));
                from = b;
            }
        }
        got.sort();
        want.sort();
        assert_eq!(got, want);
        assert_eq!(got.iter().filter(|g| g.0 == 1).count(), 2);
    }

    #[test]
    fn ascii_matching_finds_what_the_view_finds() {
        // Every cue of the three reply lists (as virality indexes them),
        // and texts made of their English words, fillers and non-words.
        let mut pats = Vec::new();
        let mut vocab: Vec<String> = Vec::new();
        for text in [
            include_str!("../../data/reply/en.txt"),
            include_str!("../../data/reply/th.txt"),
            include_str!("../../data/reply/he.txt"),
        ] {
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let Some((_, phrase)) = line.split_once('\t') else {
                    continue;
                };
                if let Ok(p) = Pattern::new(phrase, Fold::Norm) {
                    pats.push(p);
                }
                if phrase.is_ascii() {
                    vocab.extend(phrase.split_whitespace().map(|w| w.replace('*', "")));
                }
            }
        }
        for w in [
            "the",
            "a",
            "Share",
            "sharing",
            "reviewed",
            "LOL",
            "!!",
            "?",
            "3",
            "24h",
            "😂",
            "@bob",
            "#boycott",
            "#tag",
            "http://x.co",
            "don't",
            "won't",
            "RT",
            "ceo's",
            "-",
        ] {
            vocab.push(w.to_string());
        }
        let mut idx = Index::default();
        for (i, p) in pats.iter().enumerate() {
            idx.insert(i, p);
        }
        assert!(idx.ascii_ok());
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut texts, mut with_matches) = (0, 0);
        for _ in 0..4000 {
            let len = 1 + next(10);
            let words: Vec<&str> = (0..len)
                .map(|_| vocab[next(vocab.len())].as_str())
                .collect();
            let text = words.join(" ");
            let tokens: Vec<_> = crate::tokenize(&text).collect();
            if tokens.iter().any(|t| View::ascii_norm_form(t).is_err()) {
                continue;
            }
            texts += 1;
            let mut view = View::default();
            for t in &tokens {
                view.push(t, Fold::Norm);
            }
            view.finish();
            let mut want = Vec::new();
            idx.for_each_match(&pats, |p| p, &view, |i, _, _| want.push(i));
            let mut got = Vec::new();
            idx.for_each_match_ascii(&pats, |p| p, &tokens, |i| got.push(i));
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{text:?}");
            with_matches += usize::from(!got.is_empty());
        }
        assert!(
            texts > 3000 && with_matches > 1000,
            "{texts} {with_matches}"
        );
    }

    #[test]
    fn negation() {
        let v = View::of("it is not our fault", Fold::Stem);
        let p = Pattern::new("our fault", Fold::Stem).unwrap();
        let (a, _) = p.find(&v, 0).unwrap();
        assert!(Pattern::negated_at(&v, a));
    }
}
