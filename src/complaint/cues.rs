//! Cue lists: parsing the per-language TSV files and finding cues in tokens.
//!
//! A cue list line is `kind<TAB>label<TAB>weight<TAB>phrase`; `#` starts a
//! comment line. Kinds:
//!
//! - `category` — label is a [`Category`] name (`waiting`, `safety`, ...);
//! - `intent` — label is an [`Intent`] name (`churn`, `legal`, ...);
//! - `marker` — label is `complaint` (generic grievance words), `anger`,
//!   `intensifier`, `praise`, `question`, `news` (reporting, not a
//!   grievance), or `shield` (a phrase that cancels
//!   every cue inside it: "no problem", "ไม่มีปัญหา", "אין בעיה");
//! - `unit` — label is `hours` (weight = hours per unit: `week` → 168),
//!   `usd` (weight = US dollars per unit: `baht` → 0.028), both counted only
//!   after a number, or `duration` (a whole duration in hours needing no
//!   number: `שעתיים` → 2);
//! - `number` — a number word (label `-`, weight = its value: `two` → 2).
//!
//! English and Hebrew phrases are matched word by word on normalised tokens
//! (English: Snowball stems, so `cancelled`/`cancelling` match `cancel`;
//! Hebrew: final letters folded and the one-letter prefixes ו ה ב כ ל מ ש
//! stripped as needed); up to two other words may stand between the words of
//! a phrase. A word ending in `*` matches any word it starts. Thai phrases are
//! matched as character strings over the concatenated Thai text, so they are
//! found however the segmenter cut the words.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::{Category, Intent};
use crate::error::Error;
use crate::lang::Lang;
use crate::tokenize::{english, Span, Token, TokenKind};

/// A small, fast hasher for short keys (cue words, characters): the
/// multiply-rotate scheme of rustc's FxHasher. The keys are the crate's own
/// cue words, so flooding resistance is not needed.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxBuild = BuildHasherDefault<FxHasher>;
type FxMap<K, V> = HashMap<K, V, FxBuild>;

/// What a cue signals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum CueKind {
    Category(Category),
    Intent(Intent),
    Marker(Marker),
    /// Hours per unit.
    Hours,
    /// US dollars per unit.
    Usd,
    /// A whole duration in hours, needing no number (`שעתיים`, `fortnight`).
    Duration,
    /// A number word.
    Number,
}

/// Marker cues: evidence that is neither a category nor an intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Complaint,
    Anger,
    Intensifier,
    Praise,
    Question,
    Shield,
    /// Reporting about a company rather than a grievance with it.
    News,
}

/// One parsed cue.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub kind: CueKind,
    pub weight: f32,
    /// The phrase as written in the list (for reasons).
    pub phrase: String,
    /// Lookup words (stemmed / folded), each with a wildcard flag.
    words: Vec<(String, bool)>,
}

/// A cue found in a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub cue: u32,
    pub span: Span,
    /// Which cue set: 0 English, 1 Hebrew, 2 Thai.
    pub set: u8,
}

/// The cues of one language, indexed for matching.
#[derive(Debug, Clone, Default)]
pub(crate) struct CueSet {
    pub cues: Vec<Cue>,
    /// First word (exact) → cue ids.
    exact: FxMap<String, Vec<u32>>,
    /// First character of a wildcard first word → cue ids.
    wild: FxMap<char, Vec<u32>>,
    /// Thai: first two characters → cue ids, longest phrase first.
    chars: FxMap<(char, char), Vec<u32>>,
    /// First three characters of every cue word (gate before stemming).
    heads: HashSet<(char, char, char), FxBuild>,
    /// First two characters of cue words shorter than three characters.
    short: HashSet<(char, char), FxBuild>,
}

fn parse_kind(kind: &str, label: &str) -> Result<CueKind, String> {
    Ok(match kind {
        "category" => CueKind::Category(
            Category::from_name(label).ok_or_else(|| format!("unknown category `{label}`"))?,
        ),
        "intent" => CueKind::Intent(
            Intent::from_name(label).ok_or_else(|| format!("unknown intent `{label}`"))?,
        ),
        "marker" => CueKind::Marker(match label {
            "complaint" => Marker::Complaint,
            "anger" => Marker::Anger,
            "intensifier" => Marker::Intensifier,
            "praise" => Marker::Praise,
            "question" => Marker::Question,
            "shield" => Marker::Shield,
            "news" => Marker::News,
            _ => return Err(format!("unknown marker `{label}`")),
        }),
        "unit" => match label {
            "hours" => CueKind::Hours,
            "usd" => CueKind::Usd,
            "duration" => CueKind::Duration,
            _ => return Err(format!("unknown unit `{label}` (hours, usd or duration)")),
        },
        "number" => CueKind::Number,
        _ => return Err(format!("unknown kind `{kind}`")),
    })
}

/// Folds Hebrew final letters to their ordinary forms, appending to `out`.
pub(crate) fn fold_hebrew_into(s: &str, out: &mut String) {
    for c in s.chars() {
        out.push(match c {
            'ך' => 'כ',
            'ם' => 'מ',
            'ן' => 'נ',
            'ף' => 'פ',
            'ץ' => 'צ',
            '\u{05F4}' => '"',
            '\u{05F3}' => '\'',
            c => c,
        });
    }
}

fn lookup_word(lang: Lang, w: &str) -> String {
    match lang {
        Lang::English => {
            let lower = w.to_lowercase();
            english::stem(&lower).into_owned()
        }
        Lang::Hebrew => {
            let mut s = String::with_capacity(w.len());
            fold_hebrew_into(w, &mut s);
            s
        }
        _ => w.to_string(),
    }
}

impl CueSet {
    /// Parses a TSV cue list for `lang`.
    pub(crate) fn parse(lang: Lang, tsv: &str) -> Result<CueSet, Error> {
        let mut set = CueSet::default();
        set.add_tsv(lang, tsv)?;
        Ok(set)
    }

    pub(crate) fn add_tsv(&mut self, lang: Lang, tsv: &str) -> Result<(), Error> {
        for (i, line) in tsv.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(4, '\t');
            let (Some(kind), Some(label), Some(weight), Some(phrase)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return Err(Error::Lexicon {
                    line: i + 1,
                    reason: "expected kind<TAB>label<TAB>weight<TAB>phrase".into(),
                });
            };
            let weight: f32 = weight.trim().parse().map_err(|_| Error::Lexicon {
                line: i + 1,
                reason: format!("weight `{weight}` is not a number"),
            })?;
            self.add(lang, kind.trim(), label.trim(), weight, phrase.trim())
                .map_err(|reason| Error::Lexicon {
                    line: i + 1,
                    reason,
                })?;
        }
        Ok(())
    }

    /// Adds one cue.
    pub(crate) fn add(
        &mut self,
        lang: Lang,
        kind: &str,
        label: &str,
        weight: f32,
        phrase: &str,
    ) -> Result<(), String> {
        let kind = parse_kind(kind, label)?;
        if !weight.is_finite() || weight < 0.0 {
            return Err(format!("weight {weight} must be finite and not negative"));
        }
        if phrase.is_empty() {
            return Err("empty phrase".into());
        }
        let id = u32::try_from(self.cues.len()).map_err(|_| "too many cues".to_string())?;
        let mut words = Vec::new();
        if lang == Lang::Thai {
            // Character matching: the phrase without spaces.
            let s: String = phrase.chars().filter(|c| !c.is_whitespace()).collect();
            let mut it = s.chars();
            let (Some(a), Some(b)) = (it.next(), it.next()) else {
                return Err("a Thai cue needs at least two characters".into());
            };
            if thai_slot(a).is_none() {
                return Err("a Thai cue must start with a Thai character".into());
            }
            words.push((s, false));
            self.chars.entry((a, b)).or_default().push(id);
        } else {
            for w in phrase.split_whitespace() {
                let (w, wild) = match w.strip_suffix('*') {
                    Some(p) if !p.is_empty() => (p, true),
                    _ => (w, false),
                };
                let key = if wild {
                    let mut s = String::new();
                    if lang == Lang::Hebrew {
                        fold_hebrew_into(w, &mut s);
                    } else {
                        s = w.to_lowercase();
                    }
                    s
                } else {
                    lookup_word(lang, w)
                };
                if key.chars().nth(2).is_some() {
                    self.heads.insert(head3(&key));
                } else {
                    self.short.insert(head2(&key));
                }
                words.push((key, wild));
            }
            let (first, wild) = words.first().ok_or("empty phrase")?.clone();
            if wild {
                let c = first.chars().next().ok_or("empty phrase")?;
                self.wild.entry(c).or_default().push(id);
            } else {
                self.exact.entry(first).or_default().push(id);
            }
        }
        self.cues.push(Cue {
            kind,
            weight,
            phrase: phrase.to_string(),
            words,
        });
        if lang == Lang::Thai {
            // Keep the list longest first so longer phrases come first.
            let mut it = self.cues[id as usize].words[0].0.chars();
            let first = it.next().zip(it.next());
            if let Some(list) = first.and_then(|k| self.chars.get_mut(&k)) {
                let cues = &self.cues;
                list.sort_by_key(|&i| std::cmp::Reverse(cues[i as usize].words[0].0.len()));
            }
        }
        Ok(())
    }
}

/// Reusable buffers for one analysis.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Lookup forms of word tokens, concatenated.
    forms: String,
    /// Per token: (token index, up to 4 form ranges in `forms`, count).
    keys: Vec<Key>,
    /// Thai text of the Thai tokens, concatenated.
    thai: String,
    /// Thai segments: (start in `thai`, end in `thai`, token span, exact).
    thai_segs: Vec<(usize, usize, Span, bool)>,
    pub found: Vec<Found>,
    /// English word → stem memo (bounded by `STEM_CACHE`).
    stems: FxMap<Box<str>, Box<str>>,
}

#[derive(Debug, Clone, Copy)]
struct Key {
    /// Index of the token in the input slice.
    tok: u32,
    forms: [(u32, u32); 4],
    n: u8,
    /// Whether a phrase may continue over this token as a gap.
    gap_ok: bool,
}

/// Most words kept in the per-thread stem memo before it is cleared.
const STEM_CACHE: usize = 8192;

const PREFIX_LETTERS: [char; 7] = ['ו', 'ה', 'ב', 'כ', 'ל', 'מ', 'ש'];

/// Runs all matching for the tokens of one text, leaving hits in
/// `scratch.found`.
pub(crate) fn find_all(
    en: &CueSet,
    he: &CueSet,
    th: &CueSet,
    tokens: &[Token<'_>],
    scratch: &mut Scratch,
) {
    scratch.found.clear();
    for (n, (lang, set)) in [(Lang::English, en), (Lang::Hebrew, he)]
        .into_iter()
        .enumerate()
    {
        let start = scratch.found.len();
        build_keys(lang, set, tokens, scratch);
        match_words(set, tokens, scratch);
        tag(&mut scratch.found, start, n as u8);
    }
    let start = scratch.found.len();
    build_thai(tokens, scratch);
    match_thai(th, scratch);
    tag(&mut scratch.found, start, 2);
}

fn tag(found: &mut Vec<Found>, start: usize, set: u8) {
    let Some(new) = found.get_mut(start..) else {
        return;
    };
    for f in new.iter_mut() {
        f.set = set;
    }
    // A cue may be reached through two forms of one token: keep one.
    new.sort_unstable_by_key(|f| (f.span.start, f.cue, f.span.end));
    let mut w = start;
    for r in start..found.len() {
        if w > start && (found[w - 1].span, found[w - 1].cue) == (found[r].span, found[r].cue) {
            continue;
        }
        found[w] = found[r];
        w += 1;
    }
    found.truncate(w);
}

fn build_keys(lang: Lang, set: &CueSet, tokens: &[Token<'_>], s: &mut Scratch) {
    s.forms.clear();
    s.keys.clear();
    for (i, t) in tokens.iter().enumerate() {
        let mut key = Key {
            tok: i as u32,
            forms: [(0, 0); 4],
            n: 0,
            gap_ok: matches!(
                t.kind,
                TokenKind::Word | TokenKind::Mention | TokenKind::Number
            ),
        };
        let same_lang = t.lang == lang;
        match t.kind {
            TokenKind::Word if same_lang => match lang {
                Lang::English => {
                    let norm: &str = &t.norm;
                    // Stem only words whose first letters could start a cue.
                    if could_start(set, norm) {
                        let a = s.forms.len();
                        match s.stems.get(norm) {
                            Some(stem) => s.forms.push_str(stem),
                            None => {
                                let stem = english::stem(norm);
                                s.forms.push_str(&stem);
                                // A bounded memo: frequent words are stemmed
                                // once per thread, not once per occurrence.
                                if s.stems.len() >= STEM_CACHE {
                                    s.stems.clear();
                                }
                                s.stems.insert(norm.into(), stem.into());
                            }
                        }
                        key.forms[0] = (a as u32, s.forms.len() as u32);
                        key.n = 1;
                    }
                    let a = s.forms.len();
                    s.forms.push_str(norm);
                    key.forms[key.n as usize] = (a as u32, s.forms.len() as u32);
                    key.n += 1;
                }
                _ => {
                    // Hebrew: the analyser's stem, then one to three
                    // prefix letters stripped.
                    let a = s.forms.len();
                    fold_hebrew_into(t.stem(), &mut s.forms);
                    let b = s.forms.len();
                    key.forms[0] = (a as u32, b as u32);
                    key.n = 1;
                    let mut off = a;
                    for _ in 0..3 {
                        let Some(c) = s.forms[off..b].chars().next() else {
                            break;
                        };
                        if !PREFIX_LETTERS.contains(&c) {
                            break;
                        }
                        off += c.len_utf8();
                        // Keep at least three letters (בוקר is not ב+ו+קר).
                        if s.forms[off..b].chars().count() < 3 {
                            break;
                        }
                        key.forms[key.n as usize] = (off as u32, b as u32);
                        key.n += 1;
                    }
                }
            },
            TokenKind::Number if lang == Lang::English => {
                let a = s.forms.len();
                s.forms.push_str(&t.norm);
                key.forms[0] = (a as u32, s.forms.len() as u32);
                key.n = 1;
            }
            TokenKind::Hashtag
                if same_lang || (lang == Lang::English && t.lang == Lang::Unknown) =>
            {
                let body = t.norm.trim_start_matches('#');
                let a = s.forms.len();
                if lang == Lang::Hebrew {
                    fold_hebrew_into(body, &mut s.forms);
                } else {
                    s.forms.push_str(body);
                }
                key.forms[0] = (a as u32, s.forms.len() as u32);
                key.n = 1;
                key.gap_ok = false;
                // Hashtags: any one-word category/intent cue inside the tag.
                let tag = &s.forms[a..];
                for (ci, cue) in set.cues.iter().enumerate() {
                    if cue.words.len() == 1
                        && matches!(cue.kind, CueKind::Category(_) | CueKind::Intent(_))
                        && cue.words[0].0.len() >= 5
                        && tag.contains(cue.words[0].0.as_str())
                    {
                        s.found.push(Found {
                            cue: ci as u32,
                            span: t.span,
                            set: 0,
                        });
                    }
                }
            }
            _ => {}
        }
        s.keys.push(key);
    }
}

fn head2(w: &str) -> (char, char) {
    let mut c = w.chars();
    (c.next().unwrap_or(' '), c.next().unwrap_or(' '))
}

fn head3(w: &str) -> (char, char, char) {
    let mut c = w.chars();
    (
        c.next().unwrap_or(' '),
        c.next().unwrap_or(' '),
        c.next().unwrap_or(' '),
    )
}

fn could_start(set: &CueSet, norm: &str) -> bool {
    // Stemming changes only the end of a word, so a word whose first three
    // letters open no cue word cannot match one: skip the stemmer for it.
    // Words of one or two letters are their own stems.
    norm.chars().nth(2).is_some()
        && (set.heads.contains(&head3(norm)) || set.short.contains(&head2(norm)))
}

fn key_matches(s: &Scratch, k: &Key, word: &str, wild: bool) -> bool {
    (0..k.n as usize).any(|j| {
        let (a, b) = k.forms[j];
        let f = &s.forms[a as usize..b as usize];
        if wild {
            f.starts_with(word)
        } else {
            f == word
        }
    })
}

fn match_words(set: &CueSet, tokens: &[Token<'_>], s: &mut Scratch) {
    const MAX_GAP: usize = 2;
    let mut found = std::mem::take(&mut s.found);
    for i in 0..s.keys.len() {
        let k = s.keys[i];
        if k.n == 0 {
            continue;
        }
        // Candidates: exact first word among the forms, wildcard by first char.
        for j in 0..k.n as usize {
            let (a, b) = k.forms[j];
            let f = &s.forms[a as usize..b as usize];
            if let Some(ids) = set.exact.get(f) {
                for &id in ids {
                    try_phrase(set, s, tokens, i, id, MAX_GAP, &mut found);
                }
            }
            if let Some(c) = f.chars().next() {
                if let Some(ids) = set.wild.get(&c) {
                    for &id in ids {
                        let (w, _) = &set.cues[id as usize].words[0];
                        if f.starts_with(w.as_str()) {
                            try_phrase(set, s, tokens, i, id, MAX_GAP, &mut found);
                        }
                    }
                }
            }
        }
    }
    s.found = found;
}

fn try_phrase(
    set: &CueSet,
    s: &Scratch,
    tokens: &[Token<'_>],
    i: usize,
    id: u32,
    max_gap: usize,
    found: &mut Vec<Found>,
) {
    let cue = &set.cues[id as usize];
    let mut pos = i;
    for (w, wild) in cue.words.iter().skip(1) {
        let mut gap = 0;
        let mut next = pos + 1;
        loop {
            let Some(k) = s.keys.get(next) else {
                return;
            };
            if key_matches(s, k, w, *wild) {
                break;
            }
            if !k.gap_ok || gap >= max_gap {
                return;
            }
            gap += 1;
            next += 1;
        }
        pos = next;
    }
    let (Some(a), Some(b)) = (
        s.keys.get(i).and_then(|k| tokens.get(k.tok as usize)),
        s.keys.get(pos).and_then(|k| tokens.get(k.tok as usize)),
    ) else {
        return;
    };
    found.push(Found {
        cue: id,
        span: Span::new(a.span.start, b.span.end),
        set: 0,
    });
}

fn build_thai(tokens: &[Token<'_>], s: &mut Scratch) {
    s.thai.clear();
    s.thai_segs.clear();
    for t in tokens {
        let is_thai =
            t.lang == Lang::Thai && matches!(t.kind, TokenKind::Word | TokenKind::Hashtag);
        if !is_thai {
            // Any other token (number, punctuation, Latin word) breaks phrases.
            if !s.thai.is_empty() && !s.thai.ends_with('|') {
                s.thai.push('|');
            }
            continue;
        }
        let (body, span, exact): (&str, Span, bool) = if t.kind == TokenKind::Hashtag {
            let body = t.norm.trim_start_matches('#');
            let skip = t.text.len().saturating_sub(body.len()).min(t.span.len());
            let exact = t.text.get(skip..) == Some(body);
            (body, Span::new(t.span.start + skip, t.span.end), exact)
        } else {
            (&t.norm, t.span, *t.norm == *t.text)
        };
        // Offsets map one to one only when the text is byte-identical.
        let exact = exact && body.len() == span.len();
        let a = s.thai.len();
        s.thai.push_str(body);
        s.thai_segs.push((a, s.thai.len(), span, exact));
    }
}

fn thai_slot(c: char) -> Option<usize> {
    let u = c as u32;
    (0x0E00..0x0E80).contains(&u).then(|| (u - 0x0E00) as usize)
}

fn is_thai_follower(c: char) -> bool {
    matches!(c, '\u{0E30}'..='\u{0E3A}' | '\u{0E45}' | '\u{0E47}'..='\u{0E4E}')
}

fn is_thai_leading_vowel(c: char) -> bool {
    matches!(c, '\u{0E40}'..='\u{0E44}')
}

fn thai_to_text(s: &Scratch, off: usize, is_end: bool) -> Option<usize> {
    // Segment containing `off` (for an end offset, the one ending at or after it).
    let idx = s
        .thai_segs
        .partition_point(|seg| if is_end { seg.1 < off } else { seg.1 <= off });
    let &(a, b, span, exact) = s.thai_segs.get(idx)?;
    if off < a || off > b {
        return None;
    }
    if exact {
        Some(span.start + (off - a))
    } else if is_end {
        Some(span.end)
    } else {
        Some(span.start)
    }
}

fn match_thai(set: &CueSet, s: &mut Scratch) {
    if s.thai.is_empty() || set.chars.is_empty() {
        return;
    }
    let text = s.thai.as_str();
    let mut prev: Option<char> = None;
    let mut found = std::mem::take(&mut s.found);
    for (pos, c) in text.char_indices() {
        let after_leading = prev.is_some_and(is_thai_leading_vowel);
        prev = Some(c);
        if after_leading {
            continue;
        }
        let rest = &text[pos..];
        let mut two = rest.chars();
        let Some(ids) = two.next().zip(two.next()).and_then(|k| set.chars.get(&k)) else {
            continue;
        };
        for &id in ids {
            let w = &set.cues[id as usize].words[0].0;
            if !rest.starts_with(w.as_str()) {
                continue;
            }
            let end = pos + w.len();
            if text[end..].chars().next().is_some_and(is_thai_follower) {
                continue;
            }
            if let (Some(a), Some(b)) = (thai_to_text(s, pos, false), thai_to_text(s, end, true)) {
                if a <= b {
                    found.push(Found {
                        cue: id,
                        span: Span::new(a, b),
                        set: 2,
                    });
                }
            }
        }
    }
    s.found = found;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_typed_errors() {
        let e = CueSet::parse(Lang::English, "category\twaiting\tx\twait").unwrap_err();
        assert!(matches!(e, Error::Lexicon { line: 1, .. }));
        let e = CueSet::parse(Lang::English, "# c\ncategory\tnope\t1\twait").unwrap_err();
        assert!(matches!(e, Error::Lexicon { line: 2, .. }));
        let e = CueSet::parse(Lang::English, "intent\tchurn\t1").unwrap_err();
        assert!(matches!(e, Error::Lexicon { line: 1, .. }));
        assert!(CueSet::parse(Lang::English, "marker\tanger\t-1\tgrr").is_err());
    }

    #[test]
    fn english_stems_and_gaps() {
        let set = CueSet::parse(Lang::English, "category\tcancellation\t1\tcancel flight").unwrap();
        let text = "They cancelled my flight";
        let toks: Vec<_> = crate::tokenize(text).collect();
        let mut s = Scratch::default();
        let empty = CueSet::default();
        find_all(&set, &empty, &empty, &toks, &mut s);
        assert_eq!(s.found.len(), 1);
        assert_eq!(&text[s.found[0].span.range()], "cancelled my flight");
    }

    #[test]
    fn hebrew_prefixes_and_finals() {
        let set = CueSet::parse(Lang::Hebrew, "intent\tlegal\t1\tעורך דין").unwrap();
        let text = "אני הולך לעורך דין";
        let toks: Vec<_> = crate::tokenize(text).collect();
        let mut s = Scratch::default();
        let empty = CueSet::default();
        find_all(&empty, &set, &empty, &toks, &mut s);
        assert_eq!(s.found.len(), 1);
        assert_eq!(&text[s.found[0].span.range()], "לעורך דין");
    }

    #[test]
    fn thai_substrings_map_to_spans() {
        let set = CueSet::parse(Lang::Thai, "category\twaiting\t1\tรอสาย").unwrap();
        let text = "ผม รอสายมา 2 ชั่วโมง";
        let toks: Vec<_> = crate::tokenize(text).collect();
        let mut s = Scratch::default();
        let empty = CueSet::default();
        find_all(&empty, &empty, &set, &toks, &mut s);
        assert_eq!(s.found.len(), 1);
        assert_eq!(&text[s.found[0].span.range()], "รอสาย");
        // A cue must not end inside a character cluster, nor start after a
        // leading vowel.
        let toks: Vec<_> = crate::tokenize("เสีย").collect();
        for cue in ["category\tdefect\t1\tเส", "category\tdefect\t1\tสีย"] {
            let set = CueSet::parse(Lang::Thai, cue).unwrap();
            find_all(&empty, &empty, &set, &toks, &mut s);
            assert!(s.found.is_empty(), "{cue}");
        }
        let set = CueSet::parse(Lang::Thai, "category\tdefect\t1\tเสีย").unwrap();
        find_all(&empty, &empty, &set, &toks, &mut s);
        assert_eq!(s.found.len(), 1);
    }
}
