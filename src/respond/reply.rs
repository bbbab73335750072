//! The reply check: reads the brand's draft answer to a customer's post and
//! says whether it will calm the situation or pour fuel on it.
//!
//! Cues are phrases in `data/reply/{en,th,he}.txt` (one `kind<TAB>phrase`
//! per line), matched on normalised tokens (see the cue matcher's rules:
//! English stems, Thai substrings over whole Thai runs, Hebrew words with
//! proclitic prefixes tolerated and final letters folded).
//!
//! **Flags** (faults): [`ReplyFlag::Threatening`] (lawsuits, police,
//! blocking), [`ReplyFlag::Legalistic`] (terms of service, clauses, lawyers),
//! [`ReplyFlag::Blaming`] (the customer's fault), [`ReplyFlag::Dismissive`]
//! (nothing we can do, not our problem), [`ReplyFlag::Defensive`] (our
//! systems are fine, our staff are trained), [`ReplyFlag::Canned`] (a
//! template: "we apologise for any inconvenience", "please DM us", with no
//! concrete action, or a reply that shares nothing with the customer's post
//! and offers neither action nor ownership).
//!
//! **Credits**: [`ReplyCredit::Apology`], [`ReplyCredit::Ownership`] ("our
//! mistake"), [`ReplyCredit::Action`] (refunded, rebooked, sent an engineer;
//! also found by form: `I`/`we` + a past verb in English, a first-person
//! past verb in Hebrew),
//! [`ReplyCredit::TimeCommitment`] (today, within 24 hours, by 5pm),
//! [`ReplyCredit::Specific`] (refers to what the customer wrote: shares
//! content words with the post). A credit cue just after a negation (`not
//! our fault`, `ไม่ใช่ความผิด`, `לא באחריותנו`) does not count.
//!
//! **Score** (0–100): 40, plus 12 for an apology, 15 ownership, 20 action,
//! 13 time commitment, 10 specific; minus 45 threatening, 35 legalistic,
//! 35 blaming, 25 dismissive, 20 defensive, 20 canned; clamped.
//! **Verdict**: [`Verdict::Harmful`] when the reply threatens, hides behind
//! legal terms or blames the customer, or both denies and brushes the
//! complaint off (defensive and dismissive: "ignore or deny") — the answers
//! that turn a complaint into a story; [`Verdict::NeedsWork`] for any other flag or a score below 60;
//! [`Verdict::Good`] otherwise.
//!
//! ```
//! use backlash::{check_reply, Verdict, ReplyFlag};
//! let post = "@SkyJet my flight was cancelled and nobody told me";
//! let bad = check_reply(post, "As stated in our terms of service, flights may be cancelled.");
//! assert_eq!(bad.verdict, Verdict::Harmful);
//! assert!(bad.flags.contains(&ReplyFlag::Legalistic));
//! let good = check_reply(post, "We're sorry, that's on us. I've rebooked you on the 18:40 flight and will confirm your seat within the hour.");
//! assert_eq!(good.verdict, Verdict::Good);
//! ```

use std::collections::HashSet;
use std::sync::LazyLock;

use super::cues::{Fold, Index, Pattern, View};
use crate::lang::{Lang, Script};
use crate::tokenize::{english, Span, Token, TokenKind};
use crate::Error;

/// The overall judgement on a draft reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// Fine to send.
    Good,
    /// Not harmful, but weak: a template, defensive, or without action.
    NeedsWork,
    /// Likely to make things worse: threats, legalese, blaming the customer.
    Harmful,
}

impl Verdict {
    /// `good`, `needs_work` or `harmful`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::NeedsWork => "needs_work",
            Verdict::Harmful => "harmful",
        }
    }

    /// Parses [`Verdict::as_str`] names.
    pub fn parse(s: &str) -> Option<Verdict> {
        match s {
            "good" => Some(Verdict::Good),
            "needs_work" => Some(Verdict::NeedsWork),
            "harmful" => Some(Verdict::Harmful),
            _ => None,
        }
    }
}

/// A fault found in a draft reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReplyFlag {
    /// Threatens the customer (legal action, police, blocking).
    Threatening,
    /// Hides behind terms, clauses, policy or lawyers.
    Legalistic,
    /// Blames the customer.
    Blaming,
    /// Brushes the complaint off.
    Dismissive,
    /// Defends the company instead of addressing the problem.
    Defensive,
    /// A generic template with nothing of the customer's case.
    Canned,
}

impl ReplyFlag {
    /// All flags.
    pub const ALL: [ReplyFlag; 6] = [
        ReplyFlag::Threatening,
        ReplyFlag::Legalistic,
        ReplyFlag::Blaming,
        ReplyFlag::Dismissive,
        ReplyFlag::Defensive,
        ReplyFlag::Canned,
    ];

    /// The snake-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReplyFlag::Threatening => "threatening",
            ReplyFlag::Legalistic => "legalistic",
            ReplyFlag::Blaming => "blaming",
            ReplyFlag::Dismissive => "dismissive",
            ReplyFlag::Defensive => "defensive",
            ReplyFlag::Canned => "canned",
        }
    }

    /// Parses [`ReplyFlag::as_str`] names.
    pub fn parse(s: &str) -> Option<ReplyFlag> {
        ReplyFlag::ALL.into_iter().find(|f| f.as_str() == s)
    }

    const fn penalty(self) -> f32 {
        match self {
            ReplyFlag::Threatening => 45.0,
            ReplyFlag::Legalistic => 35.0,
            ReplyFlag::Blaming => 35.0,
            ReplyFlag::Dismissive => 25.0,
            ReplyFlag::Defensive => 20.0,
            ReplyFlag::Canned => 20.0,
        }
    }

    const fn harmful(self) -> bool {
        matches!(
            self,
            ReplyFlag::Threatening | ReplyFlag::Legalistic | ReplyFlag::Blaming
        )
    }
}

/// Something a draft reply does well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReplyCredit {
    /// Apologises.
    Apology,
    /// Owns the mistake.
    Ownership,
    /// Names a concrete action taken or booked.
    Action,
    /// Commits to a time.
    TimeCommitment,
    /// Refers to the specifics of the customer's post.
    Specific,
}

impl ReplyCredit {
    /// All credits.
    pub const ALL: [ReplyCredit; 5] = [
        ReplyCredit::Apology,
        ReplyCredit::Ownership,
        ReplyCredit::Action,
        ReplyCredit::TimeCommitment,
        ReplyCredit::Specific,
    ];

    /// The snake-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ReplyCredit::Apology => "apology",
            ReplyCredit::Ownership => "ownership",
            ReplyCredit::Action => "action",
            ReplyCredit::TimeCommitment => "time_commitment",
            ReplyCredit::Specific => "specific",
        }
    }

    const fn bonus(self) -> f32 {
        match self {
            ReplyCredit::Apology => 12.0,
            ReplyCredit::Ownership => 15.0,
            ReplyCredit::Action => 20.0,
            ReplyCredit::TimeCommitment => 13.0,
            ReplyCredit::Specific => 10.0,
        }
    }
}

/// What a cue marks: a fault, a credit, or a phrase that cancels the
/// fault cues inside it (`you should have been told` is not blaming).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CueKind {
    /// A fault.
    Flag(ReplyFlag),
    /// A credit.
    Credit(ReplyCredit),
    /// Not a fault: fault cues whose span lies inside this cue's span are
    /// dropped.
    Ignore,
}

impl CueKind {
    /// Parses a cue-file kind name (`legalistic`, `apology`, `time`...).
    pub fn parse(s: &str) -> Option<CueKind> {
        if s == "ignore" {
            return Some(CueKind::Ignore);
        }
        if let Some(f) = ReplyFlag::parse(s) {
            return Some(CueKind::Flag(f));
        }
        let c = match s {
            "apology" => ReplyCredit::Apology,
            "ownership" => ReplyCredit::Ownership,
            "action" => ReplyCredit::Action,
            "time" | "time_commitment" => ReplyCredit::TimeCommitment,
            _ => return None,
        };
        Some(CueKind::Credit(c))
    }

    /// The kind's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            CueKind::Flag(f) => f.as_str(),
            CueKind::Credit(c) => c.as_str(),
            CueKind::Ignore => "ignore",
        }
    }
}

/// One cue found in the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CueHit {
    /// What the cue marks.
    pub kind: CueKind,
    /// Byte span in the draft.
    pub span: Span,
    /// Whether a negation just before it voided it (`not our fault`).
    pub negated: bool,
}

/// The result of [`check_reply`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReplyCheck {
    /// The verdict.
    pub verdict: Verdict,
    /// 0 (harmful) to 100 (exemplary).
    pub score: f32,
    /// Faults found, each once, in [`ReplyFlag::ALL`] order.
    pub flags: Vec<ReplyFlag>,
    /// Credits earned, each once, in [`ReplyCredit::ALL`] order.
    pub credits: Vec<ReplyCredit>,
    /// Plain-language reasons, quoting the draft.
    pub reasons: Vec<String>,
    /// Every cue matched in the draft, with its span.
    pub cues: Vec<CueHit>,
    /// The draft's language.
    pub lang: Lang,
}

#[derive(Debug, Clone)]
struct Cue {
    kind: CueKind,
    pattern: Pattern,
}

/// A reply checker: the embedded cue lists plus any custom cues.
///
/// ```
/// use backlash::{ReplyChecker, CueKind, ReplyFlag};
/// let mut checker = ReplyChecker::new();
/// checker.add_cue(CueKind::Flag(ReplyFlag::Dismissive), "computer says no").unwrap();
/// let r = checker.check("my card was refused", "Computer says no.");
/// assert!(r.flags.contains(&ReplyFlag::Dismissive));
/// ```
#[derive(Debug, Clone)]
pub struct ReplyChecker {
    cues: Vec<Cue>,
    index: Index,
}

impl Default for ReplyChecker {
    fn default() -> Self {
        DEFAULT.clone()
    }
}

const DATA: [(&str, &str); 3] = [
    ("data/reply/en.txt", include_str!("../../data/reply/en.txt")),
    ("data/reply/th.txt", include_str!("../../data/reply/th.txt")),
    ("data/reply/he.txt", include_str!("../../data/reply/he.txt")),
];

static DEFAULT: LazyLock<ReplyChecker> = LazyLock::new(|| {
    let mut c = ReplyChecker::empty();
    for (_, text) in DATA {
        // The embedded lists are checked by a unit test; a bad line is skipped.
        let _ = c.add_cue_list(text);
    }
    c
});

impl ReplyChecker {
    /// A checker with the embedded cue lists (parsed once per process).
    pub fn new() -> ReplyChecker {
        ReplyChecker::default()
    }

    /// A checker with no cues at all (only the overlap-based signals).
    pub fn empty() -> ReplyChecker {
        ReplyChecker {
            cues: Vec::new(),
            index: Index::default(),
        }
    }

    /// Adds one cue phrase. A phrase ending in `*` matches any word that
    /// starts with its last word. Fails with [`Error::Lexicon`] when the
    /// phrase has no words.
    pub fn add_cue(&mut self, kind: CueKind, phrase: &str) -> Result<&mut Self, Error> {
        let pattern = Pattern::new(phrase, Fold::Stem)?;
        self.push(kind, pattern);
        Ok(self)
    }

    fn push(&mut self, kind: CueKind, pattern: Pattern) {
        self.index.insert(self.cues.len(), &pattern);
        self.cues.push(Cue { kind, pattern });
    }

    /// Adds cues from text in the cue-file format: one `kind<TAB>phrase`
    /// per line, `#` starts a comment line, blank lines and the virality
    /// kinds (`share`, `boycott`, `exposure`, `exec`, `humour`) are skipped. All
    /// good lines are added; the first bad line is reported with its
    /// 1-based number.
    pub fn add_cue_list(&mut self, text: &str) -> Result<&mut Self, Error> {
        let mut first_err = None;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let res = match line.split_once('\t') {
                None => Err(format!("expected kind<TAB>phrase, got {line:?}")),
                Some((k, _)) if VIRALITY_KINDS.contains(&k.trim()) => Ok(()),
                Some((k, phrase)) => match CueKind::parse(k.trim()) {
                    None => Err(format!("unknown cue kind {:?}", k.trim())),
                    Some(kind) => Pattern::new(phrase, Fold::Stem)
                        .map(|pattern| self.push(kind, pattern))
                        .map_err(|e| e.to_string()),
                },
            };
            if let Err(reason) = res {
                first_err.get_or_insert(Error::Lexicon {
                    line: i + 1,
                    reason,
                });
            }
        }
        match first_err {
            Some(e) => Err(e),
            None => Ok(self),
        }
    }

    /// Number of cues loaded.
    pub fn len(&self) -> usize {
        self.cues.len()
    }

    /// Whether no cue is loaded.
    pub fn is_empty(&self) -> bool {
        self.cues.is_empty()
    }

    /// Checks `draft`, the brand's answer to the customer's `original` post.
    pub fn check(&self, original: &str, draft: &str) -> ReplyCheck {
        let tokens: Vec<Token<'_>> = crate::tokenize(draft).collect();
        let mut view = View::default();
        for t in &tokens {
            view.push(t, Fold::Stem);
        }
        view.finish();
        let mut hits: Vec<CueHit> = Vec::new();
        self.index.for_each_match(
            &self.cues,
            |c| &c.pattern,
            &view,
            |i, a, b| {
                if let Some(cue) = self.cues.get(i) {
                    let negated =
                        matches!(cue.kind, CueKind::Credit(_)) && Pattern::negated_at(&view, a);
                    hits.push(CueHit {
                        kind: cue.kind,
                        span: view.span(a, b),
                        negated,
                    });
                }
            },
        );
        if let Some(span) = done_by_us(&tokens) {
            hits.push(CueHit {
                kind: CueKind::Credit(ReplyCredit::Action),
                span,
                negated: false,
            });
        }
        hits.sort_by_key(|h| (h.span.start, h.span.end));
        hits.dedup_by(|a, b| a.kind == b.kind && a.span == b.span);
        // Ignored spans, in start order (hits are sorted), with the furthest
        // end reached so far: a hit lies inside one of them when some
        // ignored span starting at or before it reaches its end (binary
        // search, so a text dense with cues stays linear).
        let ignored: Vec<(usize, usize)> = hits
            .iter()
            .filter(|h| h.kind == CueKind::Ignore)
            .scan(0usize, |reach, h| {
                *reach = (*reach).max(h.span.end);
                Some((h.span.start, *reach))
            })
            .collect();
        if !ignored.is_empty() {
            hits.retain(|h| {
                let k = ignored.partition_point(|&(start, _)| start <= h.span.start);
                let inside = k > 0
                    && ignored
                        .get(k - 1)
                        .is_some_and(|&(_, reach)| reach >= h.span.end);
                h.kind == CueKind::Ignore || matches!(h.kind, CueKind::Credit(_)) || !inside
            });
        }

        let has = |k: CueKind| hits.iter().any(|h| h.kind == k && !h.negated);
        let mut flags: Vec<ReplyFlag> = ReplyFlag::ALL
            .into_iter()
            .filter(|&f| has(CueKind::Flag(f)))
            .collect();
        let mut credits: Vec<ReplyCredit> = ReplyCredit::ALL
            .into_iter()
            .filter(|&c| has(CueKind::Credit(c)))
            .collect();

        let shared = shared_content(original, draft);
        if shared > 0 {
            credits.push(ReplyCredit::Specific);
        }
        let credit = |c: ReplyCredit, credits: &[ReplyCredit]| credits.contains(&c);
        let concrete = credit(ReplyCredit::Action, &credits)
            && (credit(ReplyCredit::TimeCommitment, &credits)
                || credit(ReplyCredit::Specific, &credits));
        let mut reasons = Vec::new();
        if flags.contains(&ReplyFlag::Canned) && concrete {
            // A template phrase inside a concrete answer is not a canned reply.
            flags.retain(|&f| f != ReplyFlag::Canned);
        }
        let generic = flags.is_empty()
            && shared == 0
            && !credit(ReplyCredit::Action, &credits)
            && !credit(ReplyCredit::TimeCommitment, &credits)
            && !credit(ReplyCredit::Ownership, &credits);
        if generic {
            flags.push(ReplyFlag::Canned);
            reasons.push(
                "canned: nothing in the reply refers to what the customer wrote, and it offers no action"
                    .to_string(),
            );
        }
        credits.sort();
        credits.dedup();

        let mut score = 40.0;
        for c in &credits {
            score += c.bonus();
        }
        for f in &flags {
            score -= f.penalty();
        }
        let score = f32::clamp(score, 0.0, 100.0);
        let deny_and_dismiss =
            flags.contains(&ReplyFlag::Defensive) && flags.contains(&ReplyFlag::Dismissive);
        let verdict = if flags.iter().any(|f| f.harmful()) || deny_and_dismiss {
            Verdict::Harmful
        } else if !flags.is_empty() || score < 60.0 {
            Verdict::NeedsWork
        } else {
            Verdict::Good
        };

        for h in &hits {
            let quote = draft.get(h.span.range()).unwrap_or("");
            match h.kind {
                CueKind::Flag(f) if flags.contains(&f) => {
                    reasons.push(format!("{}: \u{201c}{quote}\u{201d}", f.as_str()))
                }
                CueKind::Credit(c) if !h.negated => {
                    reasons.push(format!("credit {}: \u{201c}{quote}\u{201d}", c.as_str()))
                }
                CueKind::Credit(c) => reasons.push(format!(
                    "negated {}: \u{201c}{quote}\u{201d} does not count",
                    c.as_str()
                )),
                CueKind::Flag(_) | CueKind::Ignore => {}
            }
        }
        if credit(ReplyCredit::Specific, &credits) {
            reasons.push(format!(
                "credit specific: shares {shared} content word(s) with the post"
            ));
        }
        if verdict != Verdict::Harmful {
            if !credit(ReplyCredit::Action, &credits) {
                reasons.push("missing: a concrete action (refund, rebook, fix, call back)".into());
            }
            if !credit(ReplyCredit::TimeCommitment, &credits) {
                reasons.push("missing: a time commitment (today, within 24 hours)".into());
            }
        }
        reasons.dedup();
        ReplyCheck {
            verdict,
            score,
            flags,
            credits,
            reasons,
            cues: hits,
            lang: crate::detect_lang(draft),
        }
    }
}

/// Checks a draft reply with the embedded cue lists.
///
/// See the [module documentation](self) for the flags, credits, score and
/// verdict. Never panics; any text gets a result.
pub fn check_reply(original: &str, draft: &str) -> ReplyCheck {
    DEFAULT.check(original, draft)
}

/// English irregular past forms that report a done action.
const EN_IRREGULAR_DONE: &[&str] = &[
    "sent", "paid", "made", "put", "set", "found", "given", "gave", "took", "taken", "spoke",
    "spoken", "rang", "got", "built", "brought",
];
/// Hebrew words ending like first-person past verbs (-תי, -נו) that are not.
const HE_NOT_VERBS: &[&str] = &[
    "אותנו",
    "עלינו",
    "אלינו",
    "איתנו",
    "אתנו",
    "היינו",
    "אצלנו",
    "בשבילנו",
    "ממנו",
    "כולנו",
    "שלנו",
    "לנו",
    "בנו",
    "אנו",
    "אמיתי",
    "לדעתי",
    "בעיניי",
    "מתי",
    "אישתי",
    "ביתי",
    "חברתי",
    "אנחנו",
    "רצינו",
    "ממני",
    "עבורנו",
    "לצערנו",
    "לצערי",
];

/// The brand reporting something it did: an action credit found by form,
/// not by word list, so unseen verbs count too.
///
/// - English: `I`/`we` followed (after an optional `have`, `'ve`, `just`,
///   `already`, `also`) by a past form (`-ed`, five letters or more, or an
///   irregular like `sent`); or `has/have been` + `-ed` (`your refund has
///   been approved`).
/// - Hebrew: a first-person past verb: a word of five letters or more
///   (without a leading ו) ending in `תי` or `נו` (`הסרתי`, `ביטלנו`), except
///   pronouns and adverbs with those endings (`אותנו`, `אמיתי`).
/// - Thai is covered by the cue list (`ให้แล้ว`, `เรียบร้อยแล้ว`).
fn done_by_us(tokens: &[Token<'_>]) -> Option<Span> {
    let words: Vec<&Token<'_>> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .collect();
    let is_past = |w: &str| {
        (w.len() >= 5 && w.ends_with("ed") && w.is_ascii()) || EN_IRREGULAR_DONE.contains(&w)
    };
    for (i, t) in words.iter().enumerate() {
        let w: &str = &t.norm;
        match Script::of(w.chars().next().unwrap_or(' ')) {
            Script::Latin if w == "i" || w == "we" => {
                let mut j = i + 1;
                while let Some(n) = words.get(j) {
                    let nw: &str = &n.norm;
                    if matches!(nw, "have" | "just" | "already" | "also" | "now") && j < i + 3 {
                        j += 1;
                        continue;
                    }
                    if is_past(nw) {
                        return Some(Span::new(t.span.start, n.span.end));
                    }
                    break;
                }
            }
            Script::Latin if matches!(w, "has" | "have") => {
                if let (Some(b), Some(v)) = (words.get(i + 1), words.get(i + 2)) {
                    if b.norm == "been" && is_past(&v.norm) {
                        return Some(Span::new(t.span.start, v.span.end));
                    }
                }
            }
            Script::Hebrew => {
                let body = w.strip_prefix('ו').unwrap_or(w);
                // `-ינו` is also "our" on plural nouns (`לקוחותינו`,
                // `מאורחינו`): not a verb after a preposition letter or a
                // plural `-ות`.
                let possessive = body.ends_with("ינו")
                    && (body.ends_with("ותינו") || body.starts_with(['מ', 'ב', 'ל', 'כ', 'ש']));
                if body.chars().count() >= 5
                    && (body.ends_with("תי") || body.ends_with("נו"))
                    && !possessive
                    && !HE_NOT_VERBS.contains(&body)
                    && !HE_NOT_VERBS.contains(&w)
                {
                    return Some(t.span);
                }
            }
            _ => {}
        }
    }
    None
}

/// Cue kinds in the shared cue files that belong to the virality model.
const VIRALITY_KINDS: [&str; 5] = ["share", "boycott", "exposure", "exec", "humour"];

const EN_STOP: &[&str] = &[
    "your", "you", "that", "this", "with", "have", "been", "from", "they", "them", "what", "when",
    "will", "would", "there", "their", "about", "just", "into", "also", "very", "sorri", "pleas",
    "thank", "thanks", "hello", "here", "were", "our", "the", "and", "for", "not", "are", "but",
    "can", "did", "get", "got", "all", "now", "how", "why", "who", "has", "had", "was", "abl",
    "need", "even", "it'", "time", "issu", "problem",
];
const HE_STOP: &[&str] = &[
    "של",
    "את",
    "על",
    "זה",
    "לא",
    "אנו",
    "אנחנו",
    "שלכמ",
    "שלכ",
    "שלי",
    "אני",
    "אתה",
    "את",
    "גמ",
    "כי",
    "אבל",
    "היה",
    "יש",
    "אינ",
    "כל",
    "עמ",
    "אלינו",
    "אליכ",
    "מה",
    "למה",
    "עוד",
    "כבר",
];

/// Content keys of a text: English stems (4+ letters, not stop words),
/// Hebrew words without a leading proclitic letter (3+ letters), Thai
/// character 4-grams within Thai words.
fn content_keys(text: &str) -> HashSet<String> {
    let mut keys = HashSet::new();
    for t in crate::tokenize(text) {
        if t.kind != TokenKind::Word && t.kind != TokenKind::Hashtag {
            continue;
        }
        let w: &str = t.norm.trim_start_matches('#');
        let first = w.chars().next().map_or(Script::None, Script::of);
        match first {
            Script::Latin => {
                let s = english::stem(w);
                if s.chars().count() >= 4 && !EN_STOP.contains(&s.as_ref()) {
                    keys.insert(s.into_owned());
                }
            }
            Script::Hebrew => {
                let folded: String = w.chars().map(crate::tokenize::hebrew::fold_final).collect();
                let n = folded.chars().count();
                let body = match folded.chars().next() {
                    Some(c) if n >= 4 && matches!(c, 'ו' | 'ה' | 'ב' | 'כ' | 'ל' | 'מ' | 'ש') => {
                        &folded[c.len_utf8()..]
                    }
                    _ => folded.as_str(),
                };
                if body.chars().count() >= 3 && !HE_STOP.contains(&body) {
                    keys.insert(body.to_string());
                }
            }
            Script::Thai => {
                let chars: Vec<char> = w.chars().collect();
                for win in chars.windows(4) {
                    keys.insert(win.iter().collect());
                }
            }
            _ => {}
        }
    }
    keys
}

/// How many content keys the draft shares with the original (Thai 4-grams
/// count as a quarter each, rounded down, since one shared word yields
/// several).
fn shared_content(original: &str, draft: &str) -> usize {
    let a = content_keys(original);
    if a.is_empty() {
        return 0;
    }
    let b = content_keys(draft);
    let mut words = 0;
    let mut grams = 0;
    for k in b.intersection(&a) {
        if k.chars()
            .next()
            .is_some_and(|c| Script::of(c) == Script::Thai)
        {
            grams += 1;
        } else {
            words += 1;
        }
    }
    words + grams / 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_parse() {
        for (name, text) in DATA {
            let mut c = ReplyChecker::empty();
            assert!(
                c.add_cue_list(text).is_ok(),
                "{name}: {:?}",
                c.add_cue_list(text).err()
            );
            assert!(c.len() > 20, "{name}");
        }
    }

    #[test]
    fn bad_cue_lines_are_reported() {
        let mut c = ReplyChecker::empty();
        let err = c
            .add_cue_list("apology\tsorry\nnonsense line\n")
            .unwrap_err();
        assert_eq!(
            err,
            Error::Lexicon {
                line: 2,
                reason: "expected kind<TAB>phrase, got \"nonsense line\"".into()
            }
        );
        assert_eq!(c.len(), 1);
        assert!(c.add_cue_list("bogus\tx").is_err());
        assert!(c
            .add_cue(CueKind::Flag(ReplyFlag::Canned), " !!! ")
            .is_err());
    }

    #[test]
    fn threats_are_harmful_in_three_languages() {
        for draft in [
            "Remove your post or we will take legal action.",
            "หากยังโพสต์ต่อ บริษัทจะดำเนินคดีตามกฎหมาย",
            "אם תמשיך נגיש נגדך תביעה",
        ] {
            let r = check_reply("bad service", draft);
            assert_eq!(r.verdict, Verdict::Harmful, "{draft}: {r:?}");
            assert!(r.flags.contains(&ReplyFlag::Threatening), "{draft}: {r:?}");
        }
    }

    #[test]
    fn actions_found_by_form() {
        let span_of = |d: &str| done_by_us(&crate::tokenize(d).collect::<Vec<_>>());
        let d = "Thanks. We've just reinstated your account.";
        assert_eq!(
            span_of(d).map(|s| &d[s.range()]),
            Some("We've just reinstated")
        );
        let d = "Your refund has been approved.";
        assert_eq!(span_of(d).map(|s| &d[s.range()]), Some("has been approved"));
        assert_eq!(span_of("We need more details."), None);
        assert_eq!(span_of("I red it"), None);
        let d = "סליחה, הסרתי את החיוב";
        assert_eq!(span_of(d).map(|s| &d[s.range()]), Some("הסרתי"));
        assert_eq!(span_of("זה השירות שלנו, עלינו לבדוק"), None);
        assert_eq!(span_of("אנו מעריכים כל משוב מאורחינו ומלקוחותינו"), None);
        assert!(span_of("זיכינו אותך").is_some());
    }

    #[test]
    fn negated_ownership_is_not_credited() {
        let r = check_reply("my bill is wrong", "It is not our fault.");
        assert!(!r.credits.contains(&ReplyCredit::Ownership), "{r:?}");
        assert!(r.verdict != Verdict::Good);
    }

    #[test]
    fn canned_template_without_specifics() {
        let r = check_reply(
            "my parcel never arrived",
            "We apologise for any inconvenience caused. Please DM us.",
        );
        assert!(r.flags.contains(&ReplyFlag::Canned), "{r:?}");
        assert_eq!(r.verdict, Verdict::NeedsWork);
    }

    #[test]
    fn spans_point_into_the_draft() {
        let draft = "Per our Terms of Service, no refund.";
        let r = check_reply("refund please", draft);
        let quotes: Vec<&str> = r
            .cues
            .iter()
            .filter(|h| h.kind == CueKind::Flag(ReplyFlag::Legalistic))
            .map(|h| &draft[h.span.range()])
            .collect();
        assert!(quotes.contains(&"Terms of Service"), "{quotes:?}");
    }

    #[test]
    fn empty_and_odd_inputs() {
        for (o, d) in [
            ("", ""),
            ("x", "!!!"),
            ("😡", "🙏"),
            ("a", "\u{0301}\u{05B8}ก"),
        ] {
            let r = check_reply(o, d);
            assert!((0.0..=100.0).contains(&r.score));
            assert!(r.verdict != Verdict::Good);
        }
    }
}
