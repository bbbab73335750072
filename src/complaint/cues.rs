//! Cue lists: parsing the per-language TSV files and finding cues in tokens.
//!
//! A cue list line is `kind<TAB>label<TAB>weight<TAB>phrase`; `#` starts a
//! comment line. Kinds:
//!
//! - `category` — label is a [`Category`] name (`waiting`, `safety`, ...);
//! - `intent` — label is an [`Intent`] name (`churn`, `legal`, ...);
//! - `marker` — label is `complaint` (generic grievance words), `anger`,
//!   `intensifier`, `praise`, `question`, `news` (reporting, not a
//!   grievance), `shield` (a phrase that cancels
//!   every cue inside it: "no problem", "ไม่มีปัญหา", "אין בעיה"),
//!   `condition` (a word opening a condition clause: `if`, `ถ้า`, `אם`) or
//!   `fact` (a phrase holding a condition word that opens none: `as if`,
//!   `ถ้ารู้ว่า`, `לא ברור אם`);
//! - `unit` — label is `hours` (weight = hours per unit: `week` → 168),
//!   `usd` (weight = US dollars per unit: `baht` → 0.028), both counted only
//!   after a number, `duration` (a whole duration in hours needing no
//!   number: `שעתיים` → 2), or `plural` (a plural time unit, hours per
//!   unit: after a number as `hours`; alone at least two units, so
//!   "waited for hours" is 2 h or more; such a bare unit raises severity
//!   but is no evidence of a complaint or of waiting);
//! - `number` — a number word (label `-`, weight = its value: `two` → 2).
//!
//! English and Hebrew phrases are matched word by word on normalised tokens
//! (English: Snowball stems, so `cancelled`/`cancelling` match `cancel`;
//! Hebrew: final letters folded and the one-letter prefixes ו ה ב כ ל מ ש
//! stripped as needed); up to two other words may stand between the words of
//! a phrase. A word ending in `*` matches any word it starts. ` … ` (or
//! `...`) between two words lets up to [`MAX_LONG_GAP`] tokens stand there,
//! commas included but not a sentence end (`.`, `!`, `?`): `ordered … got`
//! finds "Ordered oat milk, got regular milk". Words joined by `+` must
//! stand side by side (`did+not+work` is not "didn't do any work"). The
//! English clitic `'s` also matches the cue words `is` and `has`
//! (`where is my refund` finds "where's my refund"). A
//! gapped cue ending in `≠` (`ordered … got ≠`) counts only when what was
//! got differs from what was ordered (module `object`). Thai
//! phrases are
//! matched as character strings over the concatenated Thai text, so they are
//! found however the segmenter cut the words.
//!
//! The Thai stream: the Thai words (and Thai hashtags) of the text,
//! concatenated without the spaces between them; a Latin word or a number
//! appears lower-cased with one space each side (`ไซส์ M` → `ไซส์ m `) when
//! some Thai cue holds it, and as one placeholder character otherwise;
//! any other token (punctuation, emoji, link, mention) is a break no phrase
//! crosses. A Thai cue is written as the stream holds it, so a cue may hold
//! Latin words and digits (`COD`, `3 วัน`, `ทัก inbox`), matched only as whole
//! words (`cod` never inside `code`). A match may not start after a leading
//! vowel nor end before a combining mark or a following vowel, and a cue of
//! at most three characters (`รอ`, `ด่า`, `หาย`) must start where the
//! segmenter starts a word (`รอ` is not in `ใคร|อยาก` nor in `ดรอป`).
//!
//! Gapped Thai cues: parts separated by ` … ` (or `...`), such as
//! `สั่ง … ได้ … มา` ("ordered X, got Y"), match the parts in this order, each
//! after at least one and at most [`MAX_THAI_GAP`] characters of the stream
//! after the one before (or just a space between Thai words)
//! (Thai text, Latin words and numbers: `สั่งไซส์ M ได้ไซส์ L มา`), never
//! across a break (punctuation, emoji, link), and crossing at most one space
//! between Thai words in all (one clause boundary, `สั่งสีดำ แต่ได้สีขาว`;
//! a second space starts a new sentence). The hit spans from the first part
//! to the last. Each first part found is joined to the nearest following
//! parts, so matching stays linear in the text length.
//!
//! Condition scope ([`drop_conditional`]): categories and grievance
//! markers inside a condition clause are no reported failure ("if your
//! parcel arrives damaged, we refund you"); intents stay, and a sentence
//! that threatens churn, legal action, exposure or a boycott keeps the
//! clause's cues ("if I don't get my refund by Friday I'm calling my
//! lawyer" is billing and legal). The clause ends at punctuation, `then` /
//! `ก็` / `จะ` / `אז`, a subject pronoun after its first word, a space
//! between Thai words, or [`MAX_CONDITION_TOKENS`] tokens.
//!
//! Negated reassurance ([`drop_negated`]): a praise marker or a shield of
//! positive weight right after a negator ("no thanks to you", `ไม่ค่อยอร่อย`,
//! `לא מעולה`) does not count.
//!
//! Negated subjects ([`pair_nobody`]): a `nobody` marker ("no one",
//! `ไม่มีใคร`, `אף אחד`) followed in the same clause, within
//! [`MAX_NOBODY_GAP`] words, by a `service` marker ("called back", `ตอบ`,
//! `עזר`) is one grievance spanning both; alone it counts for nothing.
//!
//! All three run on the hits of a text before the assessment and do nothing
//! when it holds no condition word, praise, shield or negated subject.
//!
//! Speed: cue words are interned, so a token becomes a short list of word
//! ids (memoised per thread for English and Hebrew words, behind a
//! first-three-letters bit filter) and phrases are compared as integers;
//! Thai phrases (and the parts of gapped ones) sit in a trie walked from
//! each character, its first two levels by table. Nothing is allocated per token once the memo is warm.

use std::collections::HashMap;

use super::{object, Category, Intent};
use crate::error::Error;
use crate::lang::Lang;
use crate::tokenize::hebrew::valid_chain;
use crate::tokenize::{english, Span, Token, TokenFlags, TokenKind};

use crate::hash::{pack16, slot16, FxBuild};
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
    /// A plural time unit, hours per unit: after a number like [`Hours`](CueKind::Hours);
    /// alone it stands for at least two units (`for hours`, `took weeks`).
    Plural,
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
    /// A word opening a condition clause (`if`, `ถ้า`, `אם`): the failure
    /// cues inside the clause are no reported failure (see
    /// [`drop_conditional`]).
    Condition,
    /// A phrase holding a condition word that opens no condition (`as if`,
    /// `asked if`, `ถ้ารู้ว่า`, `לא ברור אם`): the condition word inside it
    /// is ignored.
    Fact,
    /// A negated subject (`nobody`, `no one`, `ไม่มีใคร`, `אף אחד`): a
    /// grievance of its weight when a [`Service`](Marker::Service) word
    /// follows in the same clause ("no one ever called back"), else
    /// nothing (see [`pair_nobody`]).
    Nobody,
    /// What staff do for a customer (`help`, `call back`, `ตอบ`, `עזר`):
    /// evidence only after a [`Nobody`](Marker::Nobody) word.
    Service,
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
    /// Interned ids of `words` (English and Hebrew).
    ids: Vec<u32>,
    /// English and Hebrew: bit `k` set when a long gap (` … ` in the
    /// phrase) may stand before word `k`.
    long_gaps: u32,
    /// English and Hebrew: bit `k` set when word `k` must follow the word
    /// before it directly (`+` in the phrase).
    adjacent: u32,
    /// Written with a trailing `≠`: counts only when what the customer got
    /// differs from what they ordered (see [`super::object`]).
    distinct: bool,
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
    /// Exact cue word → word id.
    exact: FxMap<Box<str>, u32>,
    /// Cue words written `=word`: matched on the text's own (lower-cased,
    /// folded) form only, never on a stem or after stripping a prefix.
    surface: FxMap<Box<str>, u32>,
    /// First character of a wildcard cue word → (prefix, word id).
    wild: FxMap<char, Vec<(Box<str>, u32)>>,
    /// First characters of the wildcard words.
    wild_first: Gate,
    /// Changes whenever a cue is added (keys the per-thread word memo).
    uid: u64,
    /// Word id → the cues whose first word it is: (cue id, id of the
    /// cue's second word or `u32::MAX` for a one-word cue), so the
    /// matcher's pre-check reads no other array.
    first: Vec<Vec<(u32, u32)>>,
    /// Thai: a trie over the phrases' characters (node 0 is the root).
    trie: Vec<TrieNode>,
    /// Children of the trie root, by character slot (0: none).
    root: Vec<u32>,
    /// Trie nodes two Thai characters deep, by the two slots (0: none).
    pair: Vec<u32>,
    /// Cues that may be found inside a hashtag (one-word categories and
    /// intents of five bytes or more), by the first two bytes of the word.
    tag_index: FxMap<[u8; 2], Vec<u32>>,
    /// The first two bytes of the `tag_index` words, as a 65,536-bit set.
    tag_pairs: Vec<u64>,
    /// First three characters of every cue word (gate before stemming).
    heads: Gate,
    /// First two characters of cue words shorter than three characters.
    short: Gate,
    /// Whether a one-letter wildcard word exists (it defeats the head gate).
    wild1: bool,
    /// Whether a gapped Thai cue (`สั่ง … ได้ … มา`) exists.
    gapped: bool,
    /// The Latin words and numbers Thai cues hold (`cod`, `3`): only these
    /// are spelt out in the Thai stream; any other stands there as one
    /// placeholder character.
    thai_latin: FxMap<Box<str>, ()>,
    /// English cue words already stemmed while a list is parsed (most
    /// recur: `not`, `my`, `refund`); emptied when the list is done.
    stems: FxMap<Box<str>, Box<str>>,
}

/// Stands in the Thai stream for a Latin word or number no Thai cue holds.
const THAI_OTHER_WORD: char = '\u{1}';

/// Most tokens a long gap (` … ` in an English or Hebrew cue) may hold.
const MAX_LONG_GAP: usize = 8;

/// Most parts of a gapped cue (Thai ` … ` parts; English and Hebrew parts
/// between long gaps).
const MAX_PARTS: usize = 4;

/// Most characters of the Thai stream between two parts of a gapped cue
/// (Thai letters and marks; a Latin word or number with a space each side,
/// spelt out when a cue holds it, else one placeholder character).
pub(crate) const MAX_THAI_GAP: usize = 24;

/// Most spaces between two Thai words a gapped cue may cross (one clause
/// boundary, as in `สั่งสีดำ แต่ได้สีขาว`; two mean a new sentence).
const MAX_THAI_SOFT: usize = 1;

/// The parts of a Thai phrase, split at `…` (or `...`), trimmed.
fn split_gapped(phrase: &str) -> Vec<&str> {
    phrase
        .split('\u{2026}')
        .flat_map(|p| p.split("..."))
        .map(str::trim)
        .collect()
}

/// The form of a Thai phrase (or part) as the Thai stream holds it: Thai
/// characters with spaces removed, and each run of other characters (Latin
/// words, digits) lower-cased with one space each side (`ไซส์ M` →
/// `ไซส์ m `, `3 วัน` → ` 3 วัน`), so `cod` never matches inside `code`.
/// A dot counts as Thai (abbreviations: `ชม.`, `สคบ.`). Other characters
/// (punctuation, symbols) are an error: the stream never holds them.
fn thai_key(part: &str) -> Result<String, String> {
    let mut out = String::with_capacity(part.len() + 2);
    let mut in_run = false;
    for c in part.chars() {
        if c.is_whitespace() {
            if in_run {
                out.push(' ');
                in_run = false;
            }
        } else if thai_slot(c).is_some() || c == '.' {
            if in_run {
                out.push(' ');
                in_run = false;
            }
            out.push(c);
        } else if c.is_alphanumeric() {
            if !in_run && !out.ends_with(' ') {
                out.push(' ');
            }
            in_run = true;
            out.extend(c.to_lowercase());
        } else {
            return Err(format!(
                "`{c}` cannot be matched in Thai text (Thai, Latin letters, digits and dots only)"
            ));
        }
    }
    if in_run {
        out.push(' ');
    }
    Ok(out)
}

/// A node of the Thai cue trie.
#[derive(Debug, Clone, Default)]
struct TrieNode {
    /// (character, child node), sorted by character.
    next: Vec<(char, u32)>,
    /// Cues whose phrase ends here.
    cues: Vec<u32>,
    /// Gapped cues one of whose parts ends here: (cue, part number).
    parts: Vec<(u32, u8)>,
}

impl TrieNode {
    #[inline]
    fn child(&self, ch: char) -> Option<u32> {
        self.next.iter().find(|&&(c, _)| c == ch).map(|&(_, n)| n)
    }
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
            "condition" => Marker::Condition,
            "fact" => Marker::Fact,
            "nobody" => Marker::Nobody,
            "service" => Marker::Service,
            _ => return Err(format!("unknown marker `{label}`")),
        }),
        "unit" => match label {
            "hours" => CueKind::Hours,
            "usd" => CueKind::Usd,
            "duration" => CueKind::Duration,
            "plural" => CueKind::Plural,
            _ => {
                return Err(format!(
                    "unknown unit `{label}` (hours, usd, duration or plural)"
                ))
            }
        },
        "number" => CueKind::Number,
        _ => return Err(format!("unknown kind `{kind}`")),
    })
}

/// Folds Hebrew final letters to their ordinary forms, appending to `out`.
pub(crate) fn fold_hebrew_into(s: &str, out: &mut String) {
    for c in s.chars() {
        out.push(match c {
            '\u{05F4}' => '"',
            '\u{05F3}' => '\'',
            c => crate::tokenize::hebrew::fold_final(c),
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
        let added = self.add_lines(lang, tsv);
        self.stems = FxMap::default();
        added
    }

    fn add_lines(&mut self, lang: Lang, tsv: &str) -> Result<(), Error> {
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
        let (phrase, distinct) = match phrase.strip_suffix('\u{2260}') {
            Some(p) if p.contains(['\u{2026}', '.']) => (p.trim_end(), true),
            Some(_) => return Err("`≠` needs a gapped cue (`ordered … got ≠`)".into()),
            None => (phrase, false),
        };
        let mut words = Vec::new();
        let mut ids = Vec::new();
        let mut long_gaps = 0u32;
        let mut adjacent = 0u32;
        if lang == Lang::Thai {
            // Character matching over the Thai stream (see `thai_key`); a
            // phrase of parts separated by ` … ` is a gapped cue.
            let parts = split_gapped(phrase);
            if parts.len() > MAX_PARTS {
                return Err(format!("a gapped Thai cue has at most {MAX_PARTS} parts"));
            }
            let gapped = parts.len() > 1;
            for (p, part) in parts.iter().enumerate() {
                let s = thai_key(part)?;
                let mut it = s.chars();
                let (Some(a), Some(b)) = (it.next(), it.next()) else {
                    return Err(if gapped {
                        "every part of a gapped Thai cue needs text".into()
                    } else {
                        "a Thai cue needs at least two characters".into()
                    });
                };
                if thai_slot(a).is_none() && a != ' ' {
                    return Err(
                        "a Thai cue must start with a Thai character, a Latin letter or a digit"
                            .into(),
                    );
                }
                self.insert_thai(&s, a, b, id, gapped.then_some(p as u8))?;
                for w in s.split(' ') {
                    if w.chars().next().is_some_and(|c| thai_slot(c).is_none()) {
                        self.thai_latin.insert(w.into(), ());
                    }
                }
                words.push((s, false));
            }
        } else {
            // English contractions and hyphenated words split as the
            // tokenizer splits them, so a cue written with one matches
            // (`don't` → `do` `not`, the clitic's normal form; `no-show` →
            // `no` `show`, the hyphen being transparent in texts).
            // ` … ` between words lets up to `MAX_LONG_GAP` tokens stand
            // there, commas included (`ordered … got`).
            let parts = if phrase.contains(['\u{2026}', '.']) {
                split_gapped(phrase)
            } else {
                vec![phrase]
            };
            if parts.len() > MAX_PARTS {
                return Err(format!("a gapped cue has at most {MAX_PARTS} parts"));
            }
            if parts.iter().any(|p| p.is_empty()) {
                return Err("every part of a gapped cue needs a word".into());
            }
            let mut pieces: Vec<std::borrow::Cow<'_, str>> = Vec::new();
            for (p, part) in parts.iter().enumerate() {
                if p > 0 {
                    long_gaps |= 1 << pieces.len().min(31);
                }
                // Words joined by `+` must be adjacent (`did+not+work`).
                for (k, w) in part
                    .split_whitespace()
                    .flat_map(|c| c.split('+').enumerate())
                {
                    if w.is_empty() {
                        return Err("`+` needs a word on each side".into());
                    }
                    if k > 0 {
                        adjacent |= 1 << pieces.len().min(31);
                    }
                    let split = w.contains(['\'', '\u{2019}']) || w.trim_matches('-').contains('-');
                    if lang == Lang::English && !w.ends_with('*') && !w.starts_with('=') && split {
                        pieces.extend(
                            crate::tokenize(w)
                                .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
                                .map(|t| std::borrow::Cow::Owned(t.norm.into_owned())),
                        );
                    } else {
                        pieces.push(std::borrow::Cow::Borrowed(w));
                    }
                }
            }
            if pieces.len() > 32 {
                return Err("a cue has at most 32 words".into());
            }
            for w in pieces.iter().map(|w| &**w) {
                let (w, surface) = match w.strip_prefix('=') {
                    Some(p) if !p.is_empty() && !p.ends_with('*') => (p, true),
                    Some(_) => return Err(format!("{w:?}: `=` needs a word, without `*`")),
                    None => (w, false),
                };
                let (w, wild) = match w.strip_suffix('*') {
                    Some(p) if !p.is_empty() => (p, true),
                    _ => (w, false),
                };
                let key = if wild || surface {
                    let mut s = String::new();
                    if lang == Lang::Hebrew {
                        fold_hebrew_into(w, &mut s);
                    } else {
                        s = w.to_lowercase();
                    }
                    s
                } else if lang == Lang::English {
                    match self.stems.get(w) {
                        Some(k) => k.to_string(),
                        None => {
                            let k = lookup_word(lang, w);
                            self.stems.insert(w.into(), k.as_str().into());
                            k
                        }
                    }
                } else {
                    lookup_word(lang, w)
                };
                // The gate sees a token's own form before it is stemmed, so
                // an English word whose stem changes its first letters
                // (`cry` → `cri`) opens the gate by its own letters too.
                let lower = (lang == Lang::English && !wild).then(|| w.to_lowercase());
                for k in [Some(key.as_str()), lower.as_deref()].into_iter().flatten() {
                    if k.chars().nth(2).is_some() {
                        let (a, b, c) = head3(k);
                        self.heads.insert(a, b, c);
                    } else {
                        let (a, b) = head2(k);
                        self.short.insert(a, b, ' ');
                    }
                }
                if wild && key.chars().nth(1).is_none() {
                    self.wild1 = true;
                }
                let wid = if surface {
                    self.intern_surface(&key)?
                } else {
                    self.intern(&key, wild)?
                };
                ids.push(wid);
                words.push((key, wild));
            }
            let &first = ids.first().ok_or("empty phrase")?;
            let second = ids.get(1).copied().unwrap_or(u32::MAX);
            self.first[first as usize].push((id, second));
        }
        if lang != Lang::Thai
            && words.len() == 1
            && matches!(kind, CueKind::Category(_) | CueKind::Intent(_))
            && words[0].0.len() >= 5
        {
            if let [a, b, ..] = *words[0].0.as_bytes() {
                self.tag_index.entry([a, b]).or_default().push(id);
                if self.tag_pairs.is_empty() {
                    self.tag_pairs = vec![0; 1024];
                }
                let i = usize::from(a) << 8 | usize::from(b);
                self.tag_pairs[i / 64] |= 1 << (i % 64);
            }
        }
        self.cues.push(Cue {
            kind,
            weight,
            phrase: phrase.to_string(),
            words,
            ids,
            long_gaps,
            adjacent,
            distinct,
        });
        self.uid = NEXT_UID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// Inserts one Thai key (see [`thai_key`]) into the trie: a whole cue,
    /// or part `part` of a gapped one.
    fn insert_thai(
        &mut self,
        s: &str,
        a: char,
        b: char,
        id: u32,
        part: Option<u8>,
    ) -> Result<(), String> {
        if self.trie.is_empty() {
            self.trie.push(TrieNode::default());
            self.root = vec![0; 128];
        }
        let mut node = 0usize;
        for c in s.chars() {
            let child = match thai_slot(c) {
                Some(slot) if node == 0 => self.root.get(slot).copied().filter(|&n| n != 0),
                _ => self.trie[node].child(c),
            };
            node = match child {
                Some(n) => n as usize,
                None => {
                    let n = self.trie.len();
                    let n32 = u32::try_from(n).map_err(|_| "too many Thai cues".to_string())?;
                    self.trie.push(TrieNode::default());
                    match thai_slot(c) {
                        Some(slot) if node == 0 => {
                            if let Some(r) = self.root.get_mut(slot) {
                                *r = n32;
                            }
                        }
                        _ => {
                            let list = &mut self.trie[node].next;
                            let at = list.partition_point(|&(x, _)| x < c);
                            list.insert(at, (c, n32));
                        }
                    }
                    n
                }
            };
        }
        match part {
            Some(p) => self.trie[node].parts.push((id, p)),
            None => self.trie[node].cues.push(id),
        }
        if part.is_some() {
            self.gapped = true;
        }
        // Index the node two characters deep for the matcher.
        if let (Some(sa), Some(sb)) = (thai_slot(a), thai_slot(b)) {
            if self.pair.is_empty() {
                self.pair = vec![0; 128 * 128];
            }
            let n1 = self.root.get(sa).copied().unwrap_or(0);
            let n2 = self.trie.get(n1 as usize).and_then(|n| n.child(b));
            if let (Some(n2), Some(slot)) = (n2, self.pair.get_mut(sa * 128 + sb)) {
                *slot = n2;
            }
        }
        Ok(())
    }

    /// The id of a cue word, allocating one if new.
    /// The id of surface cue word `key` (see [`CueSet::surface`]).
    fn intern_surface(&mut self, key: &str) -> Result<u32, String> {
        if let Some(&id) = self.surface.get(key) {
            return Ok(id);
        }
        let id = u32::try_from(self.first.len()).map_err(|_| "too many cue words".to_string())?;
        self.first.push(Vec::new());
        self.surface.insert(key.into(), id);
        Ok(id)
    }

    fn intern(&mut self, key: &str, wild: bool) -> Result<u32, String> {
        let found = if wild {
            let c = key.chars().next().ok_or("empty word")?;
            self.wild
                .get(&c)
                .and_then(|l| l.iter().find(|(w, _)| &**w == key))
                .map(|&(_, id)| id)
        } else {
            self.exact.get(key).copied()
        };
        if let Some(id) = found {
            return Ok(id);
        }
        let id = u32::try_from(self.first.len()).map_err(|_| "too many cue words".to_string())?;
        self.first.push(Vec::new());
        if wild {
            let c = key.chars().next().ok_or("empty word")?;
            self.wild_first.insert(c, ' ', ' ');
            self.wild.entry(c).or_default().push((key.into(), id));
        } else {
            self.exact.insert(key.into(), id);
        }
        Ok(id)
    }
}

/// Reusable buffers for one analysis.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Lookup forms of the current word token.
    forms: String,
    /// Per token: the cue words it matches.
    /// One per token: where its cue words are in `hits`.
    keys: Vec<KeyRef>,
    /// Thai text of the Thai tokens, concatenated.
    thai: String,
    /// The characters of `thai`, and the byte offset of each.
    thai_chars: Vec<(char, u32)>,
    /// Thai segments: (start in `thai`, end in `thai`, token span, exact).
    thai_segs: Vec<(usize, usize, Span, bool)>,
    /// Offsets in `thai` where a space stood between two Thai words.
    thai_soft: Vec<u32>,
    /// Parts of gapped cues found: (cue, part, first char, end char), as
    /// indices into `thai_chars`.
    thai_parts: Vec<(u32, u8, u32, u32)>,
    pub found: Vec<Found>,
    /// Bit set of the cue words present in the text (by word id).
    present: Vec<u64>,
    /// Every (key number, cue word id) of the text, in key order: the
    /// tokens that match some cue word (most tokens match none).
    hits: Vec<(u32, u32)>,
    /// Per hit in `found`: whether it counts (used by the assessment).
    pub keep: Vec<bool>,
    /// Hit numbers in span order (start, then longest first), for the
    /// assessment's containment checks.
    pub order: Vec<u32>,
    /// Word → the cue words it matches (bounded by `MEMO_CACHE`).
    memo: FxMap<Box<str>, Memo>,
    /// English words of up to fifteen bytes matching at most [`SMALL_IDS`]
    /// cue words, by [`pack16`], in a direct-mapped table (a word may
    /// evict another; empty until first used).
    small: Vec<SmallMemo>,
    /// [`CueSet::uid`] of the set `small` belongs to.
    small_set: u64,
}

/// Most cue words one token is matched against (its forms' exact words
/// and the wildcard words they start).
const KEY_IDS: usize = 12;

/// The cue words of one token while they are looked up (on the stack;
/// [`KeyRef`] is what is kept).
#[derive(Debug, Clone, Copy)]
struct Key {
    /// Ids of the cue words this token matches.
    ids: [u32; KEY_IDS],
    n: u8,
    /// Whether a phrase may continue over this token as a gap.
    gap_ok: bool,
}

impl Key {
    #[inline]
    fn ids(&self) -> &[u32] {
        &self.ids[..usize::from(self.n).min(KEY_IDS)]
    }

    #[inline]
    fn push(&mut self, id: u32) {
        let n = usize::from(self.n);
        if n < KEY_IDS && !self.ids[..n].contains(&id) {
            self.ids[n] = id;
            self.n += 1;
        }
    }
}

/// A token's cue words as kept for phrase matching: `hits[at..at + n]`
/// (eight bytes per token).
#[derive(Debug, Clone, Copy)]
struct KeyRef {
    at: u32,
    n: u8,
    /// Whether a phrase may continue over this token as a gap.
    gap_ok: bool,
    /// A hyphen joining two words (`no-show`, `1-star`): phrases pass over
    /// it as if it were not there.
    joins: bool,
    /// Punctuation that ends a sentence (`.`, `!`, `?`): no gap crosses it.
    stop: bool,
}

impl KeyRef {
    /// Whether the token matches cue word `w`.
    #[inline]
    fn has(&self, hits: &[(u32, u32)], w: u32) -> bool {
        let at = self.at as usize;
        hits.get(at..at + usize::from(self.n))
            .unwrap_or(&[])
            .iter()
            .any(|h| h.1 == w)
    }
}

/// Entries of the small-word table: `1 << SMALL_BITS` (8,192 entries of
/// 24 bytes, 192 KiB per thread: a tweet stream's common words rarely
/// collide, so the hashed memo is seldom reached).
const SMALL_BITS: u32 = 13;

/// Most cue words kept per small-word entry.
const SMALL_IDS: usize = 3;

/// An unused slot of [`SmallMemo::ids`].
const NO_ID: u16 = u16::MAX;

/// The cue words of one short English word (see [`Scratch::small`]), in
/// 24 bytes so the table stays small.
#[derive(Debug, Clone, Copy, Default)]
struct SmallMemo {
    /// [`pack16`] of the word (all zero: empty).
    word: [u64; 2],
    ids: [u16; SMALL_IDS],
}

/// Stores the cue words of `key` (a short word, packed as `p`) in the
/// small-word table when there are few enough.
fn remember_small(s: &mut Scratch, p: [u64; 2], set: u64, key: &Key) {
    let ids = key.ids();
    if ids.len() > SMALL_IDS || ids.iter().any(|&id| id >= u32::from(NO_ID)) {
        return;
    }
    // The table holds the words of one cue set at a time.
    if s.small.is_empty() || s.small_set != set {
        s.small.clear();
        s.small.resize(1 << SMALL_BITS, SmallMemo::default());
        s.small_set = set;
    }
    if let Some(e) = s.small.get_mut(slot16(p, SMALL_BITS)) {
        e.word = p;
        e.ids = [NO_ID; SMALL_IDS];
        for (slot, &id) in e.ids.iter_mut().zip(ids) {
            *slot = id as u16;
        }
    }
}

/// Most words kept in the per-thread word memo before it is cleared.
const MEMO_CACHE: usize = 8192;

/// Most cue words one memoised word may match.
const MEMO_IDS: usize = 8;

/// The cue words one word matches, for the cue set `set`.
#[derive(Debug, Clone, Copy)]
struct Memo {
    /// [`CueSet::uid`] of the set the ids belong to.
    set: u64,
    ids: [u32; MEMO_IDS],
    n: u8,
}

/// Stores the cue words of `key` (one word token) in the bounded memo.
fn remember(memo: &mut FxMap<Box<str>, Memo>, word: Box<str>, set: u64, key: &Key) {
    let ids = key.ids();
    if ids.len() > MEMO_IDS {
        return;
    }
    if memo.len() >= MEMO_CACHE {
        memo.clear();
    }
    let mut m = Memo {
        set,
        ids: [0; MEMO_IDS],
        n: key.n,
    };
    m.ids[..ids.len()].copy_from_slice(ids);
    memo.insert(word, m);
}

/// Source of [`CueSet::uid`] values.
static NEXT_UID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

const PREFIX_LETTERS: [char; 7] = ['ו', 'ה', 'ב', 'כ', 'ל', 'מ', 'ש'];

/// Runs all matching for the tokens of one text, leaving hits in
/// `scratch.found`.
#[cfg(test)]
pub(crate) fn find_all(
    en: &CueSet,
    he: &CueSet,
    th: &CueSet,
    tokens: &[Token<'_>],
    scratch: &mut Scratch,
) {
    find_all_in(langs_present(tokens), en, he, th, tokens, scratch);
}

/// The languages of `tokens` as a bit set (see [`has_lang`]), without a
/// branch per token; a hashtag of no script counts as English.
pub(crate) fn langs_present(tokens: &[Token<'_>]) -> u8 {
    let mut langs = 0u8;
    for t in tokens {
        let tag = u8::from(t.lang == Lang::Unknown) & u8::from(t.kind == TokenKind::Hashtag);
        langs |= (1 << (t.lang as u8 & 7)) | (tag << (Lang::English as u8));
    }
    langs
}

/// Whether `lang` is in the bit set `langs` of [`langs_present`].
pub(crate) fn has_lang(langs: u8, lang: Lang) -> bool {
    langs & (1 << (lang as u8 & 7)) != 0
}

/// `find_all` (the test-only entry point) given the languages present (`langs_present(tokens)`).
pub(crate) fn find_all_in(
    langs: u8,
    en: &CueSet,
    he: &CueSet,
    th: &CueSet,
    tokens: &[Token<'_>],
    scratch: &mut Scratch,
) {
    scratch.found.clear();
    let has = |l: Lang| has_lang(langs, l);
    let (has_en, has_he, has_th) = (has(Lang::English), has(Lang::Hebrew), has(Lang::Thai));
    for (n, (lang, set, present)) in [(Lang::English, en, has_en), (Lang::Hebrew, he, has_he)]
        .into_iter()
        .enumerate()
    {
        if !present || set.cues.is_empty() {
            continue;
        }
        let start = scratch.found.len();
        if build_keys(lang, set, tokens, scratch) {
            match_words(set, tokens, scratch);
        }
        tag(&mut scratch.found, start, n as u8);
    }
    if has_th && !th.trie.is_empty() {
        let start = scratch.found.len();
        build_thai(th, tokens, scratch);
        match_thai(th, tokens, scratch);
        tag(&mut scratch.found, start, 2);
    }
}

/// The lookup form of the English clitic `'s` (`it's` → `it` `'s`).
const CLITIC_S: &str = "'s";

/// The cue behind hit `f` (`sets`: English, Hebrew, Thai).
fn cue_of<'s>(sets: [&'s CueSet; 3], f: &Found) -> Option<&'s Cue> {
    sets.get(usize::from(f.set))
        .and_then(|set| set.cues.get(f.cue as usize))
}

/// The kind of the cue behind hit `f`.
fn kind_of(sets: [&CueSet; 3], f: &Found) -> Option<CueKind> {
    cue_of(sets, f).map(|c| c.kind)
}

/// Applies the scope rules to the hits of a text, between matching and the
/// assessment: [`drop_conditional`], [`drop_negated`], [`pair_nobody`].
/// One look at each hit finds which of them have anything to do.
pub(crate) fn apply_scope(text: &str, tokens: &[Token<'_>], s: &mut Scratch, sets: [&CueSet; 3]) {
    let (mut condition, mut reassure, mut nobody) = (false, false, false);
    for f in &s.found {
        match kind_of(sets, f) {
            Some(CueKind::Marker(Marker::Condition | Marker::Fact)) => condition = true,
            Some(CueKind::Marker(Marker::Praise | Marker::Shield)) => reassure = true,
            Some(CueKind::Marker(Marker::Nobody)) => nobody = true,
            _ => {}
        }
    }
    if condition {
        drop_conditional(text, tokens, s, sets);
    }
    if reassure {
        drop_negated(text, tokens, s, sets);
    }
    if nobody {
        pair_nobody(text, tokens, s, sets);
    }
}

/// Most condition clauses one text is scoped for (further ones count as
/// plain words).
const MAX_CONDITIONS: usize = 8;

/// Most tokens a condition clause runs over after its condition word when
/// nothing ends it sooner.
const MAX_CONDITION_TOKENS: usize = 14;

/// Condition scope: drops from `s.found` the failure cues (categories and
/// grievance markers) that start inside a condition clause, and the
/// condition and fact markers themselves. Intents stay: "if I don't get my
/// refund by Friday I'm calling my lawyer" keeps its legal threat but
/// reports no billing failure, and "if your parcel arrives damaged, we
/// refund you" reports nothing.
///
/// A condition word inside a longer cue of another kind (a `fact` such as
/// `as if` or `ถ้ารู้ว่า`, or a category phrase that quotes a condition)
/// opens no clause. A clause runs from its condition word to the first of:
/// a clause or sentence punctuation mark, an emoji or link, a line break,
/// `then` / `אז` / Thai `ก็` or `จะ`, a main-clause subject pronoun after
/// at least one word (`I`, `we`, `they`, `he`, `she`; `אני`, `אנחנו`,
/// `אנו`), a space between two Thai words after at least one word, or
/// [`MAX_CONDITION_TOKENS`] tokens.
///
/// Run by [`apply_scope`] only when a condition word was found: one short
/// token walk per condition (binary search to its first token), no
/// allocation.
fn drop_conditional(text: &str, tokens: &[Token<'_>], s: &mut Scratch, sets: [&CueSet; 3]) {
    let kind_of = |f: &Found| kind_of(sets, f);
    let is_scope =
        |k: Option<CueKind>| matches!(k, Some(CueKind::Marker(Marker::Condition | Marker::Fact)));
    let mut scopes = [(0usize, 0usize); MAX_CONDITIONS];
    let mut n = 0;
    for f in &s.found {
        if n == MAX_CONDITIONS {
            break;
        }
        if kind_of(f) != Some(CueKind::Marker(Marker::Condition)) {
            continue;
        }
        // Part of a longer cue of another kind: no condition.
        let covered = s.found.iter().any(|g| {
            g.span.start <= f.span.start
                && f.span.end <= g.span.end
                && g.span.len() > f.span.len()
                && kind_of(g) != Some(CueKind::Marker(Marker::Condition))
        });
        // A Thai condition word is a whole word of the segmenter: `หาก`
        // is no condition in `ตาม|หา|กระเป๋า` ("look for the bag").
        let whole = f.set != 2 || {
            let k = tokens.partition_point(|t| t.span.end < f.span.end);
            tokens.get(k).is_some_and(|t| t.span.end == f.span.end)
        };
        if covered || !whole {
            continue;
        }
        let (a, b) = (f.span.start, condition_end(text, tokens, f.span.end));
        // A threat made on the condition ("if the deposit isn't back by
        // Friday I'm going to small claims") states the grievance it is
        // about: the clause keeps its cues.
        let (from, to) = sentence_around(tokens, a, b);
        let threat = s.found.iter().any(|g| {
            (g.span.start < a || g.span.start >= b)
                && from <= g.span.start
                && g.span.start < to
                && matches!(
                    kind_of(g),
                    Some(CueKind::Intent(
                        Intent::Churn | Intent::Legal | Intent::PublicExposure | Intent::Boycott
                    ))
                )
        });
        if !threat {
            scopes[n] = (a, b);
            n += 1;
        }
    }
    let scopes = &scopes[..n];
    s.found.retain(|f| {
        let k = kind_of(f);
        if is_scope(k) {
            return false;
        }
        let failure = matches!(
            k,
            Some(CueKind::Category(_) | CueKind::Marker(Marker::Complaint))
        );
        !(failure
            && scopes
                .iter()
                .any(|&(a, b)| a <= f.span.start && f.span.start < b))
    });
}

/// Negated reassurance: drops from `s.found` every praise marker and every
/// shield of positive weight that a negator stands right before, in the
/// same clause ("not resolved", "no thanks to you", `ไม่ค่อยอร่อย`,
/// `לא בסדר`): negated, it reassures no one. English and Hebrew: the word
/// before, or up to two degree words before that (`not very friendly`,
/// `לא כל כך נחמד`) — negators as in the sentiment engine (`not`, `n't`,
/// `no`, `never`; `לא`, `אין`, `בלי`), without `nothing` ("nothing but
/// love"); Thai: the stream just before ends in `ไม่`, `ไม่ค่อย`, `ไม่ได้`,
/// `ไม่เคย`, `ไม่มีความ` or `ไม่ได้รับการ`. Zero-weight shields (word
/// guards) stay. A praise phrase written with its negator (`can not thank`)
/// carries it inside and is not negated.
///
/// Run by [`apply_scope`] only when a praise or shield was found; reads
/// the tokens before such hits only.
fn drop_negated(text: &str, tokens: &[Token<'_>], s: &mut Scratch, sets: [&CueSet; 3]) {
    let reassures = |f: &Found| {
        cue_of(sets, f).is_some_and(|c| {
            c.kind == CueKind::Marker(Marker::Praise)
                || c.kind == CueKind::Marker(Marker::Shield) && c.weight > 0.0
        })
    };
    s.found
        .retain(|f| !(reassures(f) && negated_before(text, tokens, f.span.start, f.set)));
}

/// Most words between a negated subject and the service word it pairs
/// with ("no one from the store ever called back").
const MAX_NOBODY_GAP: usize = 4;

/// Negated subjects: "nobody would help", "no one ever called back",
/// `ไม่มีใครหันมาแล`, `אף אחד לא עזר` — complaints whose words read neutral.
/// A `nobody` hit followed in the same clause (no clause punctuation, emoji,
/// link or line break between, at most [`MAX_NOBODY_GAP`] words) by a
/// `service` hit becomes one grievance spanning both; a `nobody` hit with
/// no service word after it is dropped ("nobody talks like that", "no one
/// should go into debt"). Service hits count for nothing themselves.
///
/// Run by [`apply_scope`] only when a negated subject was found.
fn pair_nobody(text: &str, tokens: &[Token<'_>], s: &mut Scratch, sets: [&CueSet; 3]) {
    let kind_of = |f: &Found| kind_of(sets, f);
    const NOBODY: Option<CueKind> = Some(CueKind::Marker(Marker::Nobody));
    const SERVICE: Option<CueKind> = Some(CueKind::Marker(Marker::Service));
    for i in 0..s.found.len() {
        let Some(&f) = s.found.get(i) else { break };
        if kind_of(&f) != NOBODY {
            continue;
        }
        // The nearest service word after it (hits are in text order per
        // cue set; a set's hits are contiguous).
        let pair = s
            .found
            .iter()
            .filter(|g| g.set == f.set && g.span.start >= f.span.end && kind_of(g) == SERVICE)
            .map(|g| g.span)
            .min_by_key(|sp| sp.start)
            .filter(|sp| same_clause_near(text, tokens, f.span.end, sp.start));
        if let Some(found) = s.found.get_mut(i) {
            match pair {
                Some(sp) => found.span = Span::new(f.span.start, sp.end),
                // Marked for removal below.
                None => found.span = Span::new(usize::MAX, usize::MAX),
            }
        }
    }
    s.found.retain(|f| f.span.start != usize::MAX);
}

/// Whether bytes `a..b` of the text hold no clause break and at most
/// [`MAX_NOBODY_GAP`] words.
fn same_clause_near(text: &str, tokens: &[Token<'_>], a: usize, b: usize) -> bool {
    if text.get(a..b).map_or(true, |g| g.contains(['\n', '\r'])) {
        return false;
    }
    let first = tokens.partition_point(|t| t.span.start < a);
    let mut words = 0;
    for t in tokens.get(first..).unwrap_or(&[]) {
        if t.span.end > b {
            break;
        }
        match t.kind {
            TokenKind::Punct if ends_clause(t.text) => return false,
            TokenKind::Emoji | TokenKind::Url => return false,
            TokenKind::Word => words += 1,
            _ => {}
        }
        if words > MAX_NOBODY_GAP {
            return false;
        }
    }
    true
}

/// Thai negators, as the text before a praise or shield ends in them.
const THAI_NEGATORS: [&str; 6] = ["ไม่", "ไม่ค่อย", "ไม่ได้", "ไม่เคย", "ไม่มีความ", "ไม่ได้รับการ"];

/// Whether a negator stands right before byte `at` (see [`drop_negated`]);
/// `set` is the cue set of the hit (0 English, 1 Hebrew, 2 Thai).
fn negated_before(text: &str, tokens: &[Token<'_>], at: usize, set: u8) -> bool {
    if set == 2 {
        let before = text.get(..at).unwrap_or("");
        return THAI_NEGATORS.iter().any(|n| before.ends_with(n));
    }
    let i = tokens.partition_point(|t| t.span.start < at);
    for t in tokens.get(..i).unwrap_or(&[]).iter().rev().take(3) {
        if t.kind != TokenKind::Word {
            return false;
        }
        let w = t.stem();
        let (negator, degree) = if set == 0 {
            (
                matches!(
                    w,
                    "not" | "no" | "never" | "hardly" | "without" | "nor" | "neither"
                ),
                matches!(
                    w,
                    "very"
                        | "so"
                        | "too"
                        | "that"
                        | "really"
                        | "all"
                        | "quite"
                        | "exactly"
                        | "particularly"
                        | "especially"
                        | "overly"
                        | "a"
                        | "the"
                        | "even"
                ),
            )
        } else {
            (
                matches!(
                    w,
                    "לא" | "אין"
                        | "בלי"
                        | "ללא"
                        | "אינו"
                        | "אינה"
                        | "אינם"
                        | "אינני"
                        | "איננו"
                ),
                matches!(
                    w,
                    "ממש" | "כל" | "כך" | "מאוד" | "כזה" | "כזאת" | "בכלל" | "הכי"
                ),
            )
        };
        if negator {
            return true;
        }
        if !degree {
            return false;
        }
    }
    false
}

/// Where the condition clause whose condition word ends at byte `from`
/// ends (see [`drop_conditional`]).
fn condition_end(text: &str, tokens: &[Token<'_>], from: usize) -> usize {
    let first = tokens.partition_point(|t| t.span.start < from);
    let mut end = from;
    let mut words = 0usize;
    let mut prev: Option<&Token<'_>> = None;
    for t in tokens.iter().skip(first).take(MAX_CONDITION_TOKENS) {
        let gap = text.get(prev.map_or(from, |p| p.span.end)..t.span.start);
        if gap.is_some_and(|g| g.contains(['\n', '\r'])) {
            return t.span.start;
        }
        match t.kind {
            TokenKind::Punct if ends_clause(t.text) => return t.span.start,
            TokenKind::Emoji | TokenKind::Url => return t.span.start,
            TokenKind::Word => {
                let norm: &str = &t.norm;
                let ends = match t.lang {
                    Lang::English => {
                        norm == "then"
                            || words > 0 && matches!(norm, "i" | "we" | "they" | "he" | "she")
                    }
                    Lang::Hebrew => {
                        matches!(norm, "אז" | "ואז")
                            || words > 0 && matches!(norm, "אני" | "אנחנו" | "אנו")
                    }
                    Lang::Thai => {
                        norm == "ก็"
                            || words > 0
                                && (norm == "จะ"
                                    || prev.is_some_and(|p| p.lang == Lang::Thai)
                                        && gap.is_some_and(|g| g.contains(char::is_whitespace)))
                    }
                    Lang::Unknown => false,
                };
                if ends {
                    return t.span.start;
                }
                words += 1;
            }
            _ => {}
        }
        end = t.span.end;
        prev = Some(t);
    }
    end
}

/// The byte range of the sentence holding the clause `a..b`: from the end
/// of the sentence end mark before `a` to the start of the one after `b`.
fn sentence_around(tokens: &[Token<'_>], a: usize, b: usize) -> (usize, usize) {
    let is_end = |t: &&Token<'_>| t.kind == TokenKind::Punct && ends_sentence(t.text);
    let before = tokens.partition_point(|t| t.span.start < a);
    let from = tokens
        .get(..before)
        .unwrap_or(&[])
        .iter()
        .rev()
        .find(is_end)
        .map_or(0, |t| t.span.end);
    let after = tokens.partition_point(|t| t.span.start < b);
    let to = tokens
        .get(after..)
        .unwrap_or(&[])
        .iter()
        .find(is_end)
        .map_or(usize::MAX, |t| t.span.start);
    (from, to)
}

/// Whether a punctuation token ends a clause (a comma, a colon, a dash, a
/// bracket, or a sentence end); quotes and apostrophes do not.
fn ends_clause(p: &str) -> bool {
    ends_sentence(p)
        || p.contains([
            ',', ';', ':', '(', ')', '\u{2013}', '\u{2014}', '\u{FF0C}', '\u{3001}',
        ])
}

fn tag(found: &mut Vec<Found>, start: usize, set: u8) {
    let Some(new) = found.get_mut(start..) else {
        return;
    };
    for f in new.iter_mut() {
        f.set = set;
    }
    // Keep hits in text order, one per (span, cue).
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

/// Adds to `key` the ids of the cue words `form` matches.
#[inline]
fn add_form(set: &CueSet, form: &str, key: &mut Key) {
    if !set.wild1 && !could_match(set, form) {
        return;
    }
    if let Some(&id) = set.exact.get(form) {
        key.push(id);
    }
    if set.wild.is_empty() {
        return;
    }
    let Some(first) = form.chars().next() else {
        return;
    };
    if !set.wild_first.contains(first, ' ', ' ') {
        return;
    }
    if let Some(list) = set.wild.get(&first) {
        for (w, id) in list {
            if form.starts_with(&**w) {
                key.push(*id);
            }
        }
    }
}

/// Computes the cue words of every token; false when no token matches any.
fn build_keys(lang: Lang, set: &CueSet, tokens: &[Token<'_>], s: &mut Scratch) -> bool {
    s.keys.clear();
    s.hits.clear();
    s.present.clear();
    s.present.resize(set.first.len().div_ceil(64), 0);
    let mut any = false;
    for (i, t) in tokens.iter().enumerate() {
        let mut key = Key {
            ids: [0; KEY_IDS],
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
                    // Words whose first letters open no cue word match none
                    // (words of one or two letters are their own stems).
                    // A short word failing the gate matches nothing either:
                    // `add_form` applies the same gate.
                    let packed = pack16(norm);
                    if let Some(e) = packed
                        .filter(|_| s.small_set == set.uid)
                        .and_then(|p| s.small.get(slot16(p, SMALL_BITS)).filter(|e| e.word == p))
                    {
                        // A short word seen before (with or without cue
                        // words): one probe, no gate, no stemming.
                        for &id in e.ids.iter().take_while(|&&id| id != NO_ID) {
                            key.push(u32::from(id));
                        }
                    } else if !(set.wild1 || could_match(set, norm) || norm == CLITIC_S) {
                        // No cue word here; remembered as such.
                        if let Some(p) = packed {
                            remember_small(s, p, set.uid, &key);
                        }
                    } else if let Some(m) = s.memo.get(norm).filter(|m| m.set == set.uid) {
                        for &id in &m.ids[..usize::from(m.n).min(MEMO_IDS)] {
                            key.push(id);
                        }
                        if let Some(p) = packed {
                            remember_small(s, p, set.uid, &key);
                        }
                    } else {
                        let short = match *norm.as_bytes() {
                            [a, b, c, ..] if a.is_ascii() && b.is_ascii() && c.is_ascii() => false,
                            _ => norm.chars().nth(2).is_none(),
                        };
                        if short || !could_match(set, norm) {
                            add_form(set, norm, &mut key);
                        } else {
                            let stem = english::stem(norm);
                            add_form(set, &stem, &mut key);
                            if *stem != *norm {
                                add_form(set, norm, &mut key);
                            }
                        }
                        if let Some(&id) = set.surface.get(norm) {
                            key.push(id);
                        }
                        if norm == CLITIC_S {
                            // `it's`, `where's`, `nothing's`: the clitic also
                            // stands for `is` and `has`, so "where is my
                            // refund" finds "where's my refund".
                            add_form(set, "is", &mut key);
                            add_form(set, "has", &mut key);
                        }
                        // A bounded memo: a frequent word is stemmed and
                        // looked up once per thread, not once per occurrence.
                        // Short words are also kept in the small
                        // direct-mapped table (compact, no hashing of text).
                        remember(&mut s.memo, norm.into(), set.uid, &key);
                        if let Some(p) = packed {
                            remember_small(s, p, set.uid, &key);
                        }
                    }
                }
                _ => {
                    // Hebrew: the word, then one to three prefix letters
                    // stripped, and the analyser's stem (cue words may be
                    // listed with their prefixes, as in `לחברה אחרת`).
                    // Memoised by the word and its prefix length.
                    // Prefix letters are stripped blindly only from words
                    // whose split the analyser guessed: a word it knows
                    // (`כבלי`, cables of; `בתור`, as) keeps its own split.
                    let guessed = t.flags.contains(TokenFlags::UNKNOWN_WORD);
                    s.forms.clear();
                    s.forms.push_str(&t.norm);
                    s.forms
                        .push(char::from(t.prefix_len | u8::from(guessed) << 7));
                    if let Some(m) = s.memo.get(s.forms.as_str()).filter(|m| m.set == set.uid) {
                        for &id in &m.ids[..usize::from(m.n).min(MEMO_IDS)] {
                            key.push(id);
                        }
                    } else {
                        let memo_key: Box<str> = s.forms.as_str().into();
                        s.forms.clear();
                        fold_hebrew_into(&t.norm, &mut s.forms);
                        let f = s.forms.as_str();
                        add_form(set, f, &mut key);
                        if let Some(&id) = set.surface.get(f) {
                            key.push(id);
                        }
                        if t.prefix_len > 0 {
                            if let Some(stem) = f.get(usize::from(t.prefix_len)..) {
                                add_form(set, stem, &mut key);
                            }
                        }
                        let mut off = 0;
                        for _ in 0..if guessed { 3 } else { 0 } {
                            let Some(c) = f[off..].chars().next() else {
                                break;
                            };
                            if !PREFIX_LETTERS.contains(&c) {
                                break;
                            }
                            off += c.len_utf8();
                            // Keep at least three letters (בוקר is not ב+ו+קר).
                            if f[off..].chars().nth(2).is_none() {
                                break;
                            }
                            // Only a grammatical chain is a prefix: the
                            // doubled vav of a loanword is not two (ווליום,
                            // volume, is not ו+ו+ל+יום).
                            if valid_chain(&f[..off]) {
                                add_form(set, &f[off..], &mut key);
                            }
                        }
                        remember(&mut s.memo, memo_key, set.uid, &key);
                    }
                }
            },
            TokenKind::Number if lang == Lang::English => {
                add_form(set, &t.norm, &mut key);
                // `=3rd`: a number cue word as written.
                if let Some(&id) = set.surface.get(&*t.norm) {
                    key.push(id);
                }
            }
            TokenKind::Hashtag
                if same_lang || (lang == Lang::English && t.lang == Lang::Unknown) =>
            {
                let body = t.norm.trim_start_matches('#');
                s.forms.clear();
                if lang == Lang::Hebrew {
                    fold_hebrew_into(body, &mut s.forms);
                } else {
                    s.forms.push_str(body);
                }
                let tag = s.forms.as_str();
                add_form(set, tag, &mut key);
                key.gap_ok = false;
                // Hashtags: any one-word category/intent cue inside the tag
                // (looked up by the two bytes at each position; a cue found
                // twice in one tag is one hit after `tag`).
                let bytes = tag.as_bytes();
                for (p, pair) in bytes.windows(2).enumerate() {
                    let i = usize::from(pair[0]) << 8 | usize::from(pair[1]);
                    let present = set
                        .tag_pairs
                        .get(i / 64)
                        .is_some_and(|w| w & (1 << (i % 64)) != 0);
                    if !present {
                        continue;
                    }
                    let Some(list) = set.tag_index.get(&[pair[0], pair[1]]) else {
                        continue;
                    };
                    for &ci in list {
                        let Some(cue) = set.cues.get(ci as usize) else {
                            continue;
                        };
                        if bytes[p..].starts_with(cue.words[0].0.as_bytes()) {
                            s.found.push(Found {
                                cue: ci,
                                span: t.span,
                                set: 0,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        any |= key.n > 0;
        let k = s.keys.len() as u32;
        s.keys.push(KeyRef {
            at: s.hits.len() as u32,
            n: key.n,
            gap_ok: key.gap_ok,
            joins: t.kind == TokenKind::Punct && joins_words(tokens, i),
            stop: t.kind == TokenKind::Punct && ends_sentence(t.text),
        });
        for &w in key.ids() {
            s.hits.push((k, w));
            if let Some(b) = s.present.get_mut(w as usize / 64) {
                *b |= 1 << (w % 64);
            }
        }
    }
    any
}

/// Whether a punctuation token ends a sentence.
fn ends_sentence(p: &str) -> bool {
    p.contains([
        '.', '!', '?', '\u{2026}', '\u{3002}', '\u{FF01}', '\u{FF1F}',
    ])
}

/// Whether phrases pass over `tokens[i]` as if it were not there: a hyphen
/// (or Hebrew maqaf) with a word or number touching it on both sides
/// (`no-show`), or quote marks touching a word on one side (`'cancelled'`).
fn joins_words(tokens: &[Token<'_>], i: usize) -> bool {
    let Some(t) = tokens.get(i) else {
        return false;
    };
    let wordlike = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j))
            .filter(|n| matches!(n.kind, TokenKind::Word | TokenKind::Number))
    };
    let before = wordlike(i.checked_sub(1)).filter(|p| p.span.end == t.span.start);
    let after = wordlike(Some(i + 1)).filter(|n| t.span.end == n.span.start);
    if matches!(t.text, "-" | "\u{2010}" | "\u{2011}" | "\u{05BE}") {
        return before.is_some() && after.is_some();
    }
    let quotes = !t.text.is_empty()
        && t.text.chars().all(|c| {
            matches!(
                c,
                '\'' | '"'
                    | '\u{2018}'
                    | '\u{2019}'
                    | '\u{201C}'
                    | '\u{201D}'
                    | '\u{AB}'
                    | '\u{BB}'
            )
        });
    quotes && (before.is_some() || after.is_some())
}

/// A set of up to three leading characters as a 4096-bit filter: no false
/// negatives, rare false positives (which only cost a lookup).
#[derive(Debug, Clone)]
struct Gate(Box<[u64; 64]>);

impl Default for Gate {
    fn default() -> Self {
        Gate(Box::new([0; 64]))
    }
}

impl Gate {
    #[inline]
    fn bit(a: char, b: char, c: char) -> usize {
        let h = (u64::from(a).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ u64::from(b).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ u64::from(c).wrapping_mul(0x1656_67B1_9E37_79F9))
        .wrapping_mul(crate::hash::FX_SEED);
        (h >> 52) as usize
    }

    fn insert(&mut self, a: char, b: char, c: char) {
        let i = Gate::bit(a, b, c);
        self.0[i / 64] |= 1 << (i % 64);
    }

    #[inline]
    fn contains(&self, a: char, b: char, c: char) -> bool {
        let i = Gate::bit(a, b, c);
        self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

fn head2(w: &str) -> (char, char) {
    let mut c = w.chars();
    (c.next().unwrap_or(' '), c.next().unwrap_or(' '))
}

#[inline]
fn head3(w: &str) -> (char, char, char) {
    if let [a, b, c, ..] = *w.as_bytes() {
        if a.is_ascii() && b.is_ascii() && c.is_ascii() {
            return (char::from(a), char::from(b), char::from(c));
        }
    }
    let mut c = w.chars();
    (
        c.next().unwrap_or(' '),
        c.next().unwrap_or(' '),
        c.next().unwrap_or(' '),
    )
}

/// Whether `form` could equal an exact cue word or start a wildcard one of
/// two or more letters: its first three (or, for short words, two) letters
/// must open some cue word.
#[inline]
fn could_match(set: &CueSet, form: &str) -> bool {
    let (a, b, c) = head3(form);
    (c != ' ' && set.heads.contains(a, b, c)) || set.short.contains(a, b, ' ')
}

fn match_words(set: &CueSet, tokens: &[Token<'_>], s: &mut Scratch) {
    const MAX_GAP: usize = 2;
    let mut found = std::mem::take(&mut s.found);
    // The cue words present anywhere in the text (`s.present`, built with
    // the keys): a phrase with a word not among them cannot match, so it
    // is not tried (common first words such as `no`, `not`, `my` open many
    // phrases).
    let has = |w: u32| {
        s.present
            .get(w as usize / 64)
            .is_some_and(|b| b & (1 << (w % 64)) != 0)
    };
    for &(i, w) in &s.hits {
        for &(id, second) in set.first.get(w as usize).map_or(&[][..], Vec::as_slice) {
            // The second word must occur (`try_phrase` checks the rest,
            // in order).
            if second == u32::MAX || has(second) {
                try_phrase(set, s, tokens, i as usize, id, MAX_GAP, &mut found);
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
    let Some(cue) = set.cues.get(id as usize) else {
        return;
    };
    let mut pos = i;
    // The last two long gaps, as token ranges (for a cue marked `≠`).
    let mut gaps = [(0usize, 0usize); 2];
    let mut n_gaps = 0;
    for (n, w) in cue.ids.iter().enumerate().skip(1) {
        let bit = 1 << n.min(31);
        let long = cue.long_gaps & bit != 0;
        let limit = if cue.adjacent & bit != 0 { 0 } else { max_gap };
        let mut gap = 0;
        let mut next = pos + 1;
        loop {
            let Some(k) = s.keys.get(next) else {
                return;
            };
            if k.has(&s.hits, *w) {
                break;
            }
            if k.joins {
                next += 1;
                continue;
            }
            // A long gap crosses words and commas, not a sentence end.
            let blocked = if long {
                k.stop || gap >= MAX_LONG_GAP
            } else {
                !k.gap_ok || gap >= limit
            };
            if blocked {
                return;
            }
            gap += 1;
            next += 1;
        }
        if long && cue.distinct {
            gaps = [gaps[1], (pos + 1, next)];
            n_gaps += 1;
        }
        pos = next;
    }
    if n_gaps > 0 {
        let range = |(a, b): (usize, usize)| tokens.get(a..b).unwrap_or(&[]);
        let same = if n_gaps >= 2 {
            object::same_thing(range(gaps[0]), range(gaps[1]), false)
        } else {
            let after = tokens.get(pos + 1..).unwrap_or(&[]);
            object::same_thing(range(gaps[1]), after, true)
        };
        if same {
            return;
        }
    }
    // One key per token: key numbers are token numbers.
    let (Some(a), Some(b)) = (tokens.get(i), tokens.get(pos)) else {
        return;
    };
    found.push(Found {
        cue: id,
        span: Span::new(a.span.start, b.span.end),
        set: 0,
    });
}

fn build_thai(set: &CueSet, tokens: &[Token<'_>], s: &mut Scratch) {
    s.thai.clear();
    s.thai_segs.clear();
    s.thai_soft.clear();
    // End of the previous token when it was a Thai word.
    let mut prev_thai: Option<usize> = None;
    for t in tokens {
        let is_thai =
            t.lang == Lang::Thai && matches!(t.kind, TokenKind::Word | TokenKind::Hashtag);
        if !is_thai {
            prev_thai = None;
            if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                // A Latin (or other) word or a number: lower-cased, with a
                // space each side, so cues like ` cod ` or ` 3 วัน` match it
                // as a whole word; one placeholder when no cue holds it.
                if !s.thai.ends_with(' ') {
                    s.thai.push(' ');
                }
                let a = s.thai.len();
                if set.thai_latin.contains_key(&*t.norm) {
                    s.thai.push_str(&t.norm);
                } else {
                    s.thai.push(THAI_OTHER_WORD);
                }
                let exact = *t.norm == *t.text && t.norm.len() == t.span.len();
                s.thai_segs.push((a, s.thai.len(), t.span, exact));
                s.thai.push(' ');
            } else if !s.thai.is_empty() && !s.thai.ends_with('|') {
                // Any other token (punctuation, emoji, link) breaks phrases.
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
        if prev_thai.is_some_and(|end| end < t.span.start) {
            s.thai_soft.push(a as u32);
        }
        prev_thai = Some(t.span.end);
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

/// Most characters of a Thai cue (or part) that may start inside a word:
/// a shorter one must start where the segmenter starts a word, so `รอ` (wait)
/// is not found across `ใคร|อยาก` nor inside `ดรอป`. Longer cues are specific
/// enough to be found however the words were cut.
const MAX_THAI_UNALIGNED: usize = 3;

/// Whether the Thai stream's character `i` starts a word (or is the space
/// before a Latin word or number).
fn starts_word(s: &Scratch, i: usize) -> bool {
    match s.thai_chars.get(i) {
        Some(&(' ', _)) => true,
        Some(&(_, o)) => s
            .thai_segs
            .binary_search_by_key(&(o as usize), |g| g.0)
            .is_ok(),
        None => false,
    }
}

/// The text span of the Thai stream's characters `from..to` (indices into
/// `thai_chars`), without the spaces around Latin words at its ends.
fn thai_span(s: &Scratch, from: usize, to: usize) -> Option<Span> {
    let chars = s.thai_chars.as_slice();
    let off = |i: usize| chars.get(i).map_or(s.thai.len(), |&(_, o)| o as usize);
    let from = from + usize::from(chars.get(from).is_some_and(|&(c, _)| c == ' '));
    let to = to - usize::from(to > from && chars.get(to - 1).is_some_and(|&(c, _)| c == ' '));
    if from >= to {
        return None;
    }
    let (a, b) = (
        thai_to_text(s, off(from), false)?,
        thai_to_text(s, off(to), true)?,
    );
    (a <= b).then(|| Span::new(a, b))
}

fn match_thai(set: &CueSet, tokens: &[Token<'_>], s: &mut Scratch) {
    if s.thai.is_empty() || set.trie.is_empty() {
        return;
    }
    let mut found = std::mem::take(&mut s.found);
    s.thai_parts.clear();
    s.thai_chars.clear();
    s.thai_chars
        .extend(s.thai.char_indices().map(|(i, c)| (c, i as u32)));
    let at = |i: usize| s.thai_chars.get(i).map(|&(c, _)| c);
    let mut after_leading = false;
    for (i, &(c, _)) in s.thai_chars.iter().enumerate() {
        let skip = after_leading;
        after_leading = is_thai_leading_vowel(c);
        if skip {
            continue;
        }
        // Walk the trie from here (the first two characters by table): every
        // node with cues is a phrase ending. Cues have two or more characters.
        // Cues starting with a Latin word or a number start at its space.
        let sa = thai_slot(c);
        let n1 = match sa {
            Some(sa) => set.root.get(sa).copied().unwrap_or(0),
            None if c == ' ' => set.trie[0].child(' ').unwrap_or(0),
            None => 0,
        };
        if n1 == 0 {
            continue;
        }
        let Some(c2) = at(i + 1) else {
            continue;
        };
        let n2 = match (sa, thai_slot(c2)) {
            (Some(sa), Some(sb)) => set.pair.get(sa * 128 + sb).copied().filter(|&n| n != 0),
            _ => set.trie.get(n1 as usize).and_then(|n| n.child(c2)),
        };
        let Some(mut node) = n2 else {
            continue;
        };
        let mut j = i + 2;
        while let Some(nd) = set.trie.get(node as usize) {
            let next = at(j);
            if (!nd.cues.is_empty() || !nd.parts.is_empty())
                && !next.is_some_and(is_thai_follower)
                && (j - i > MAX_THAI_UNALIGNED || starts_word(s, i))
            {
                if !nd.cues.is_empty() {
                    if let Some(span) = thai_span(s, i, j) {
                        for &id in &nd.cues {
                            found.push(Found {
                                cue: id,
                                span,
                                set: 2,
                            });
                        }
                    }
                }
                for &(id, part) in &nd.parts {
                    s.thai_parts.push((id, part, i as u32, j as u32));
                }
            }
            let Some(nc) = next else {
                break;
            };
            let Some(child) = nd.child(nc) else {
                break;
            };
            node = child;
            j += 1;
        }
    }
    if !s.thai_parts.is_empty() {
        s.thai_parts.sort_unstable();
        chain_gapped(set, tokens, s, &mut found);
    }
    s.found = found;
}

/// Joins the parts of gapped Thai cues found in `s.thai_parts` (sorted):
/// each part must follow the one before after at least one character (or a
/// space between Thai words) and at most [`MAX_THAI_GAP`] characters,
/// with no phrase break (`|`) between them, and the whole match may cross
/// at most [`MAX_THAI_SOFT`] spaces between Thai words. Each first part is
/// joined to the nearest following parts, so the work is linear in the
/// number of parts found.
fn chain_gapped(set: &CueSet, tokens: &[Token<'_>], s: &Scratch, found: &mut Vec<Found>) {
    let hits = s.thai_parts.as_slice();
    let chars = s.thai_chars.as_slice();
    let off = |i: usize| chars.get(i).map_or(s.thai.len(), |&(_, o)| o as usize);
    let mut g = 0;
    while let Some(&(cue, ..)) = hits.get(g) {
        let group = &hits[g..];
        let group = &group[..group.partition_point(|h| h.0 == cue)];
        g += group.len();
        let Some((nparts, distinct)) = set
            .cues
            .get(cue as usize)
            .map(|c| (c.words.len(), c.distinct))
        else {
            continue;
        };
        let part = |p: usize| {
            let a = group.partition_point(|h| usize::from(h.1) < p);
            let b = group.partition_point(|h| usize::from(h.1) <= p);
            group.get(a..b).unwrap_or(&[])
        };
        'first: for &(_, _, start, end0) in part(0) {
            let mut end = end0 as usize;
            // The last two gaps, as character ranges (for a cue marked `≠`).
            let mut gaps = [(0usize, 0usize); 2];
            for p in 1..nparts {
                let list = part(p);
                let k = list.partition_point(|h| (h.2 as usize) < end);
                let Some(&(_, _, a, b)) = list.get(k) else {
                    continue 'first;
                };
                let a = a as usize;
                // The gap holds something: a character, or a space between
                // two Thai words (`สั่งชาได้มา` is not "ordered X, got Y").
                let empty = a == end && s.thai_soft.binary_search(&(off(a) as u32)).is_err();
                if empty
                    || a - end > MAX_THAI_GAP
                    || chars
                        .get(end..a)
                        .map_or(true, |gap| gap.iter().any(|&(c, _)| c == '|'))
                {
                    continue 'first;
                }
                gaps = [gaps[1], (end, a)];
                end = b as usize;
            }
            if distinct && thai_same_thing(s, tokens, nparts, gaps, end) {
                continue;
            }
            let (bs, be) = (off(start as usize), off(end));
            let soft = s.thai_soft.partition_point(|&x| (x as usize) < be)
                - s.thai_soft.partition_point(|&x| (x as usize) <= bs);
            if soft > MAX_THAI_SOFT {
                continue;
            }
            if let Some(span) = thai_span(s, start as usize, end) {
                found.push(Found { cue, span, set: 2 });
            }
        }
    }
}

/// [`object::same_thing`] for a gapped Thai cue marked `≠`: `gaps` holds
/// its last two gaps as ranges of `s.thai_chars`; with two parts, the
/// received object is read after `end`, up to a break, a space between
/// Thai words or [`object::GOT_WINDOW`] words.
fn thai_same_thing(
    s: &Scratch,
    tokens: &[Token<'_>],
    nparts: usize,
    gaps: [(usize, usize); 2],
    end: usize,
) -> bool {
    let chars = s.thai_chars.as_slice();
    let off = |i: usize| chars.get(i).map_or(s.thai.len(), |&(_, o)| o as usize);
    // Adds the words of stream bytes `a..b` to `out`, each as the stream
    // holds it, or as its token's normal form where the stream has a
    // placeholder for it; in a `window`, a space between Thai words, a
    // boundary word or `GOT_WINDOW` words end the object.
    let words = |a: usize, b: usize, window: bool, out: &mut object::Object| {
        let first = s.thai_segs.partition_point(|seg| seg.1 <= a);
        for (n, seg) in s.thai_segs.get(first..).unwrap_or(&[]).iter().enumerate() {
            if seg.0 >= b || window && n >= object::GOT_WINDOW {
                break;
            }
            if window && n > 0 && s.thai_soft.binary_search(&(seg.0 as u32)).is_ok() {
                break;
            }
            let piece = s.thai.get(seg.0.max(a)..seg.1.min(b)).unwrap_or("").trim();
            if piece.is_empty() {
                continue;
            }
            let more = if piece.contains(THAI_OTHER_WORD) {
                let k = tokens.partition_point(|t| t.span.start < seg.2.start);
                tokens.get(k).map_or(true, |t| out.push(&t.norm, 0, window))
            } else {
                out.push(piece, 0, window)
            };
            if !more {
                break;
            }
        }
    };
    let mut ordered = object::Object::default();
    let mut got = object::Object::default();
    if nparts >= 3 {
        words(off(gaps[0].0), off(gaps[0].1), false, &mut ordered);
        words(off(gaps[1].0), off(gaps[1].1), false, &mut got);
    } else {
        words(off(gaps[1].0), off(gaps[1].1), false, &mut ordered);
        // Up to the next break in the stream.
        let from = off(end);
        let to = s
            .thai
            .get(from..)
            .and_then(|r| r.find('|'))
            .map_or(s.thai.len(), |k| from + k);
        words(from, to, true, &mut got);
    }
    got.names(&ordered)
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
        let empty = CueSet::default();
        assert_eq!(
            hit_texts(&set, &empty, "They cancelled my flight"),
            ["cancelled my flight"]
        );
    }

    #[test]
    fn english_contractions_in_cues_match() {
        let set = CueSet::parse(
            Lang::English,
            "intent\tboycott\t1\tdon't give\nintent\tchurn\t1\twon\u{2019}t be back",
        )
        .unwrap();
        assert_hits(
            &set,
            &[
                ("Don't give them a penny.", 1),
                ("I won't be back", 1),
                ("I wont be back", 0),
                ("do give them a chance", 0),
            ],
        );
    }

    #[test]
    fn clitic_s_stands_for_is_and_has() {
        let set = CueSet::parse(
            Lang::English,
            "category\tbilling\t1\twhere is my refund\ncategory\tunresolved\t1\tnothing has been done",
        )
        .unwrap();
        assert_hits(
            &set,
            &[
                ("where's my refund?", 1),
                ("Where\u{2019}s my refund?", 1),
                ("where is my refund?", 1),
                ("nothing's been done", 1),
                ("where was my refund", 0),
                ("where my refund went", 0),
            ],
        );
    }

    /// Checks the number of hits of English cue set `set` in each text.
    #[test]
    fn long_gaps_cross_commas_not_sentences() {
        let set = CueSet::parse(
            Lang::English,
            "category\twrong_item\t1\tordered … got\ncategory\twrong_item\t1\tasked for...got sent",
        )
        .unwrap();
        assert_hits(
            &set,
            &[
                ("Ordered oat milk, got regular milk", 1),
                ("ordered the large blue one and got a tiny red one", 1),
                ("Ordered oat milk. Got home late", 0),
                (
                    "ordered one two three four five six seven eight nine got",
                    0,
                ),
                ("asked for a window seat, got sent to the back", 1),
                ("got what I ordered", 0),
            ],
        );
        // The short gap inside a part is unchanged: `sent` must follow
        // `got` within two words.
        assert_eq!(
            english_hits(&set, "asked for tea, got a refund and then sent it back"),
            0
        );
        for bad in ["… got", "ordered …", "ordered … … got"] {
            let line = format!("category\twrong_item\t1\t{bad}");
            assert!(CueSet::parse(Lang::English, &line).is_err(), "{bad}");
        }
        // Hebrew alike: `הזמנתי … קיבלתי` ("I ordered … I got").
        let he = CueSet::parse(Lang::Hebrew, "category\twrong_item\t1\tהזמנתי … קיבלתי").unwrap();
        assert_eq!(
            hit_texts(&CueSet::default(), &he, "הזמנתי מקרר לבן, קיבלתי שחור"),
            ["הזמנתי מקרר לבן, קיבלתי"]
        );
    }

    #[test]
    fn plus_joins_adjacent_words() {
        let set = CueSet::parse(Lang::English, "category\tdefect\t1\tdid+not+work").unwrap();
        assert_hits(
            &set,
            &[
                ("the charger did not work", 1),
                ("the charger didn't work", 1),
                ("they didn't do any work", 0),
                ("did not really work", 0),
            ],
        );
        let loose = CueSet::parse(Lang::English, "category\tdefect\t1\tdid not work").unwrap();
        assert_eq!(english_hits(&loose, "they didn't do any work"), 1);
        for bad in ["did+", "+did", "did++not", "did … +not"] {
            let line = format!("category\tdefect\t1\t{bad}");
            assert!(CueSet::parse(Lang::English, &line).is_err(), "{bad}");
        }
        let he = CueSet::parse(Lang::Hebrew, "intent\tboycott\t1\tלא+להזמין").unwrap();
        let empty = CueSet::default();
        assert_eq!(hit_texts(&empty, &he, "לא לשכוח להזמין אותנו").len(), 0);
        assert_eq!(hit_texts(&empty, &he, "לא להזמין מהם"), ["לא להזמין"]);
    }

    /// The text of every cue hit of the English set `en` and the Hebrew
    /// set `he` in `text`.
    fn hit_texts<'t>(en: &CueSet, he: &CueSet, text: &'t str) -> Vec<&'t str> {
        let toks: Vec<_> = crate::tokenize(text).collect();
        let mut s = Scratch::default();
        let empty = CueSet::default();
        find_all(en, he, &empty, &toks, &mut s);
        s.found
            .iter()
            .filter_map(|f| text.get(f.span.range()))
            .collect()
    }

    fn assert_hits(set: &CueSet, cases: &[(&str, usize)]) {
        for &(text, n) in cases {
            assert_eq!(english_hits(set, text), n, "{text}");
        }
    }

    /// The number of hits of English cue set `set` in `text`.
    fn english_hits(set: &CueSet, text: &str) -> usize {
        let empty = CueSet::default();
        let toks: Vec<_> = crate::tokenize(text).collect();
        let mut s = Scratch::default();
        find_all(set, &empty, &empty, &toks, &mut s);
        s.found.len()
    }

    #[test]
    fn hyphens_and_quotes_join_words() {
        let set = CueSet::parse(
            Lang::English,
            "intent\tpublic_exposure\t1\t1-star review\ncategory\twaiting\t1\tno-show",
        )
        .unwrap();
        assert_hits(
            &set,
            &[
                ("Leaving a 1-star review today", 1),
                ("a 1 star review", 1),
                ("Driver was a no-show again", 1),
                ("no - show", 0),
                ("No. Show me the money", 0),
                ("1 star.", 0),
            ],
        );
        // Quote marks touching a word are transparent too.
        let set = CueSet::parse(Lang::English, "category\tlost_damaged\t1\tlost our").unwrap();
        assert_hits(
            &set,
            &[
                ("they 'lost' our documents", 1),
                ("they \u{201C}lost\u{201D} our documents", 1),
                ("they lost \" our", 0),
                ("they lost. Our", 0),
            ],
        );
    }

    #[test]
    fn surface_words_are_not_stemmed() {
        let set = CueSet::parse(Lang::English, "category\tbilling\t1\t=fined me").unwrap();
        assert_hits(
            &set,
            &[
                ("They fined me twice", 1),
                ("They FINED me", 1),
                ("That is fine with me", 0),
                ("fining me", 0),
            ],
        );
        let plain = CueSet::parse(Lang::English, "category\tbilling\t1\tfined me").unwrap();
        assert_eq!(english_hits(&plain, "That is fine with me"), 1);
        for bad in ["=", "=*", "=fine*"] {
            let line = format!("category\tbilling\t1\t{bad}");
            assert!(CueSet::parse(Lang::English, &line).is_err(), "{bad}");
        }
        let he = CueSet::parse(Lang::Hebrew, "intent\tlegal\t1\t=תביעה").unwrap();
        let empty = CueSet::default();
        for (text, n) in [("אגיש תביעה", 1), ("בתביעה הזאת", 0)] {
            let toks: Vec<_> = crate::tokenize(text).collect();
            let mut s = Scratch::default();
            find_all(&empty, &he, &empty, &toks, &mut s);
            assert_eq!(s.found.len(), n, "{text}");
        }
    }

    #[test]
    fn known_hebrew_words_keep_their_own_split() {
        // `כבלי` (cables of) and `בתור` (as) are words the analyser knows
        // whole: no prefix letter is stripped to find `בלי` or `תור`. A
        // word it has to guess (`לזגזגון`) is still tried without them.
        let set = CueSet::parse(
            Lang::Hebrew,
            "category\twaiting\t1\tבלי מענה\ncategory\twaiting\t1\tתור\ncategory\tdefect\t1\tזגזגון",
        )
        .unwrap();
        let empty = CueSet::default();
        let hits = |text: &str| hit_texts(&empty, &set, text).len();
        assert_eq!(hits("כבלי מענה חדשים"), 0);
        assert_eq!(hits("בתור נשיא"), 0);
        assert_eq!(hits("נשארתי בלי מענה"), 1);
        assert_eq!(hits("התור ארוך"), 1);
        assert_eq!(hits("ולזגזגון"), 1);
    }

    #[test]
    fn guessed_hebrew_prefixes_form_a_chain() {
        // Blind stripping keeps to grammatical prefix chains: the doubled
        // vav of a loanword (ווליום, volume) is no ו+ו, so no `יום` (day)
        // is found in it; ו+ל before an unknown word still is.
        let set = CueSet::parse(Lang::Hebrew, "category\twaiting\t1\tכל יום").unwrap();
        let empty = CueSet::default();
        let hits = |text: &str| hit_texts(&empty, &set, text).len();
        assert_eq!(hits("בכל ווליום הוא נשמע רע"), 0);
        assert_eq!(hits("מתקשר כל יום"), 1);
        let set = CueSet::parse(Lang::Hebrew, "category\tdefect\t1\tזגזגון").unwrap();
        let hits = |text: &str| hit_texts(&empty, &set, text).len();
        assert_eq!(hits("ולזגזגון"), 1);
        assert_eq!(hits("וולזגזגון"), 0);
    }

    #[test]
    fn hebrew_prefixes_and_finals() {
        let set = CueSet::parse(Lang::Hebrew, "intent\tlegal\t1\tעורך דין").unwrap();
        assert_eq!(
            hit_texts(&CueSet::default(), &set, "אני הולך לעורך דין"),
            ["לעורך דין"]
        );
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

    #[test]
    fn short_thai_cues_start_at_a_word() {
        let cue = "category\twaiting\t0.7\tรอ";
        assert!(thai_hits(cue, "ใครอยากไปบ้าง").is_empty());
        assert!(thai_hits(cue, "เกมลดเรตดรอปไอเทม").is_empty());
        assert_eq!(thai_hits(cue, "ยังรอของอยู่"), ["รอ"]);
        // Longer cues are found inside words too.
        let cue = "category\twaiting\t1\tรอสาย";
        assert_eq!(thai_hits(cue, "ผมรอสายนานมาก"), ["รอสาย"]);
    }

    fn thai_hits(cues: &str, text: &str) -> Vec<String> {
        let set = CueSet::parse(Lang::Thai, cues).unwrap();
        let toks: Vec<_> = crate::tokenize(text).collect();
        let mut s = Scratch::default();
        let empty = CueSet::default();
        find_all(&empty, &empty, &set, &toks, &mut s);
        s.found
            .iter()
            .map(|f| text[f.span.range()].to_string())
            .collect()
    }

    const ORDERED: &str = "category\twrong_item\t1\tสั่ง … ได้ … มา";

    #[test]
    fn thai_gapped_cue_spans_the_whole_match() {
        let text = "สั่งน้ำส้มได้น้ำมะนาวมา";
        assert_eq!(thai_hits(ORDERED, text), [text]);
        // One space between Thai words (a clause boundary) is crossed, and
        // the span starts and ends with the outer parts.
        let text = "เมื่อวานสั่งกาแฟร้อน ได้กาแฟเย็นมาแทน";
        assert_eq!(thai_hits(ORDERED, text), ["สั่งกาแฟร้อน ได้กาแฟเย็นมา"]);
        // `...` also separates parts.
        let set = "category\twrong_item\t1\tสั่ง...แต่ได้";
        assert_eq!(thai_hits(set, "สั่งสีดำ แต่ได้สีขาว"), ["สั่งสีดำ แต่ได้"]);
    }

    #[test]
    fn thai_gap_may_hold_latin_words_and_numbers() {
        let text = "สั่งไซส์ M ได้ไซส์ L มา";
        assert_eq!(thai_hits(ORDERED, text), [text]);
        let text = "สั่งเคสไอโฟน 15 ได้เคสไอโฟน 13 มา";
        assert_eq!(thai_hits(ORDERED, text), [text]);
    }

    #[test]
    fn thai_gap_limits() {
        // Too long: more than MAX_THAI_GAP characters between two parts.
        let filler = |n: usize| "กขคงจฉชซ".chars().cycle().take(n).collect::<String>();
        let long = filler(MAX_THAI_GAP + 1);
        assert!(thai_hits(ORDERED, &format!("สั่ง{long}ได้ของมา")).is_empty());
        let ok = filler(MAX_THAI_GAP);
        assert_eq!(thai_hits(ORDERED, &format!("สั่ง{ok}ได้ของมา")).len(), 1);
        // Order matters.
        assert!(thai_hits(ORDERED, "ได้น้ำส้มมา สั่งน้ำมะนาว").is_empty());
        assert!(thai_hits(ORDERED, "มาได้สั่ง").is_empty());
        // A gap holds something: a character or a space between Thai words.
        assert!(thai_hits(ORDERED, "สั่งชาไทยได้มาตามรูป").is_empty());
        assert_eq!(thai_hits(ORDERED, "สั่งชาไทยได้ มา").len(), 1);
        // Punctuation, emoji and links break a match.
        assert!(thai_hits(ORDERED, "สั่งน้ำส้ม! ได้น้ำมะนาวมา").is_empty());
        assert!(thai_hits(ORDERED, "สั่งน้ำส้ม 😀 ได้น้ำมะนาวมา").is_empty());
        // Two spaces between Thai words: a new sentence.
        assert!(thai_hits(ORDERED, "สั่งของไป ได้ของแล้ว ส่งมาไว").is_empty());
    }

    #[test]
    fn thai_cues_with_latin_words_and_digits() {
        let cues = "category\tbilling\t1\tCOD\ncategory\twaiting\t1\t3 วัน\ncategory\tsocial_media\t1\tทักinbox";
        assert_eq!(thai_hits(cues, "โดนเก็บเงิน COD ซ้ำ"), ["COD"]);
        assert!(thai_hits(cues, "ใส่ code ส่วนลด").is_empty());
        assert_eq!(thai_hits(cues, "รอมา 3 วันแล้ว"), ["3 วัน"]);
        assert!(thai_hits(cues, "รอมา 13 วันแล้ว").is_empty());
        assert_eq!(thai_hits(cues, "ทัก inbox ไปแล้ว"), ["ทัก inbox"]);
        assert_eq!(thai_hits(cues, "ทักInboxไปแล้ว"), ["ทักInbox"]);
    }

    #[test]
    fn thai_cue_syntax_errors() {
        for bad in [
            "category\twrong_item\t1\tสั่ง … ",
            "category\twrong_item\t1\t… ได้",
            "category\twrong_item\t1\tสั่ง … ได้ … ก … ข … ค",
            "category\twrong_item\t1\t!!",
            "category\twrong_item\t1\tก",
        ] {
            assert!(CueSet::parse(Lang::Thai, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn thai_gapped_edge_cases_do_not_panic() {
        let cues = "category\twrong_item\t1\tสั่ง … ได้ … มา\ncategory\twaiting\t1\tรอ … รอ\ncategory\tbilling\t1\tcod … cod";
        for text in [
            "",
            "…",
            "สั่ง",
            "สั่ง สั่ง สั่ง ได้ ได้ มา มา",
            "รอรอรอรอรอรอรอรอ",
            "cod cod cod COD",
            "\u{0E31}\u{0E48}\u{0E33}",
            "เ",
            "สั่ง#ได้มา",
            "สั่ง@x ได้ https://x.y มา",
            "ได้มาสั่ง a 1 ได้ 2 มา",
        ] {
            for f in thai_hits(cues, text) {
                assert!(!f.is_empty());
            }
        }
        // Repeated parts: each match starts at a first part and the spans stay
        // inside the text.
        let text = "รอนะ".repeat(1000);
        let hits = thai_hits(cues, &text);
        assert!(!hits.is_empty() && hits.len() <= 1000);
    }
}
