//! Deciding whether a text is a complaint, and how severe it is.
//!
//! Severity is built from non-negative parts, so adding a cue never lowers
//! it: categories (safety and privacy above money above waiting), intents
//! (legal above boycott above exposure above churn above demand), repetition,
//! the longest duration and largest amount mentioned, anger markers and
//! intensifiers, and negative sentiment. Each part is listed in the reasons.

use std::borrow::Cow;

use super::cues::{Cue, CueKind, CueSet, Found, Marker, Scratch};
use super::{Category, Complaint, Hit, Intent, Reason, THRESHOLD};
use crate::sentiment::Sentiment;
use crate::tokenize::{Span, Token, TokenKind};

/// A severity level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum SeverityLevel {
    /// Not a complaint, or nothing to act on (score below 15).
    #[default]
    None,
    /// A mild complaint (15–35).
    Low,
    /// A clear complaint worth a reply (35–60).
    Medium,
    /// A serious complaint: money, danger, escalation (60–80).
    High,
    /// Act now: danger, legal or public threats, repeated failure (80+).
    Critical,
}

impl SeverityLevel {
    /// The level of a score in 0–100.
    pub fn of(score: f32) -> SeverityLevel {
        match score {
            s if s >= 80.0 => SeverityLevel::Critical,
            s if s >= 60.0 => SeverityLevel::High,
            s if s >= 35.0 => SeverityLevel::Medium,
            s if s >= 15.0 => SeverityLevel::Low,
            _ => SeverityLevel::None,
        }
    }

    /// `none`, `low`, `medium`, `high` or `critical`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SeverityLevel::None => "none",
            SeverityLevel::Low => "low",
            SeverityLevel::Medium => "medium",
            SeverityLevel::High => "high",
            SeverityLevel::Critical => "critical",
        }
    }
}

/// How severe a complaint is.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Severity {
    /// Score in 0–100.
    pub score: f32,
    /// The level of the score.
    pub level: SeverityLevel,
    /// What raised the score, in plain words.
    pub reasons: Vec<Cow<'static, str>>,
}

/// Raw severity points per category (before saturation).
fn category_points(c: Category) -> f32 {
    match c {
        Category::Safety => 42.0,
        Category::Privacy => 34.0,
        Category::Billing => 22.0,
        Category::LostDamaged => 20.0,
        Category::Cancellation => 18.0,
        Category::Defect => 18.0,
        Category::Rudeness => 18.0,
        Category::WrongItem => 16.0,
        Category::Unresolved => 16.0,
        Category::PolicyChange => 14.0,
        Category::Waiting => 12.0,
        Category::SocialMedia => 10.0,
    }
}

fn intent_points(i: Intent) -> f32 {
    match i {
        Intent::Legal => 30.0,
        Intent::Boycott => 24.0,
        Intent::PublicExposure => 20.0,
        Intent::Churn => 16.0,
        Intent::Demand => 10.0,
    }
}

/// Raw points every complaint starts with.
const BASE: f32 = 10.0;
/// Saturation scale: score = 100 (1 − e^(−raw/SCALE)).
const SCALE: f32 = 60.0;
/// Non-complaints: score = min(raw × NON_FACTOR, NON_CAP), always level none.
const NON_FACTOR: f32 = 0.3;
const NON_CAP: f32 = 12.0;

/// The spans of the first few durations of half an hour or more.
#[derive(Default)]
struct LongDurations {
    spans: [Span; 4],
    n: usize,
}

impl LongDurations {
    fn note(&mut self, hours: f64, span: Span) {
        if hours >= 0.5 && hours.is_finite() {
            if let Some(slot) = self.spans.get_mut(self.n) {
                *slot = span;
                self.n += 1;
            }
        }
    }

    /// Whether one of the durations stands in the sentence of `span`: no
    /// sentence end (`!`, `?`, a line break, a single full stop) between
    /// them. An ellipsis is a pause, not an end.
    fn in_sentence_of(&self, text: &str, span: Span) -> bool {
        self.spans[..self.n].iter().any(|d| {
            let (a, b) = if d.end <= span.start {
                (d.end, span.start)
            } else if span.end <= d.start {
                (span.end, d.start)
            } else {
                return true;
            };
            let Some(gap) = text.get(a..b) else {
                return false;
            };
            let g = gap.as_bytes();
            !g.iter().enumerate().any(|(i, &c)| match c {
                b'!' | b'?' | b'\n' => true,
                b'.' => !(i > 0 && g[i - 1] == b'.') && g.get(i + 1) != Some(&b'.'),
                _ => false,
            })
        })
    }
}

/// A number of `value` starting at `start`, read together with the number
/// before it when it is the `half` of "N and a half" ("two and a half
/// hours" is 2.5 hours, not half an hour): (value, start).
fn with_and_a_half(text: &str, nums: &[Num], value: f64, start: usize) -> (f64, usize) {
    if value != 0.5 {
        return (value, start);
    }
    let whole = nums.iter().find(|m| {
        m.usd.is_none()
            && m.hours.is_none()
            && m.value >= 1.0
            && m.span.end <= start
            && text.get(m.span.end..start).is_some_and(|gap| {
                let mut w = gap.split_whitespace();
                matches!(
                    (w.next(), w.next(), w.next()),
                    (Some(and), Some(a), None)
                        if and.eq_ignore_ascii_case("and") && a.eq_ignore_ascii_case("a")
                )
            })
    });
    match whole {
        Some(m) => (m.value + 0.5, m.span.start),
        None => (value, start),
    }
}

/// Sum of `points` sorted high to low with weights 1, ½, ⅓ …: more
/// categories add less each, and adding one never lowers the sum. The
/// points are sorted on the stack (one hit per category or intent: at
/// most 16 are read).
fn diminishing(points: impl Iterator<Item = f32>) -> f32 {
    let mut buf = [0.0f32; 16];
    let mut n = 0;
    for (slot, p) in buf.iter_mut().zip(points) {
        *slot = p;
        n += 1;
    }
    let points = &mut buf[..n];
    points.sort_by(|a, b| b.total_cmp(a));
    points
        .iter()
        .enumerate()
        .map(|(i, p)| p / (i as f32 + 1.0))
        .sum()
}

/// `negative sentiment ({compound:.2})` for a negative compound score: one
/// of 101 texts made once (the score rounded as
/// [`push_fixed`](crate::respond::push_fixed) rounds it), so a negative post
/// allocates no text for it; any other value is written out.
fn negative_reason(compound: f32) -> Cow<'static, str> {
    static TEXTS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        (0..=100u16)
            .map(|r| negative_reason_text(-f32::from(r) / 100.0))
            .collect()
    });
    let r = (f64::from(compound.abs()) * 100.0).round_ties_even();
    if compound.is_sign_negative() && compound.is_finite() && r <= 100.0 {
        if let Some(t) = TEXTS.get(r as usize) {
            return Cow::Borrowed(t.as_str());
        }
    }
    Cow::Owned(negative_reason_text(compound))
}

/// `negative sentiment ({compound:.2})`, written out.
fn negative_reason_text(compound: f32) -> String {
    let mut text = String::with_capacity(28);
    text.push_str("negative sentiment (");
    crate::respond::push_fixed(&mut text, compound, 2);
    text.push(')');
    text
}

fn is_topic(k: CueKind) -> bool {
    matches!(k, CueKind::Category(_) | CueKind::Intent(_))
}

/// Cue weight from which a category or intent is reported on its own;
/// weaker cues count half as evidence, and their categories are reported
/// only when no strong one is found (intents: never).
const STRONG: f32 = 0.9;

fn evidence_of(w: f32) -> f32 {
    if w >= STRONG {
        w
    } else {
        0.5 * w
    }
}

fn quote<'t>(text: &'t str, span: Span, cue: &'t Cue) -> &'t str {
    match text.get(span.range()) {
        Some(s) if !s.is_empty() => s,
        _ => &cue.phrase,
    }
}

/// `what: "quote"` in one allocation.
fn labelled(what: &str, q: &str) -> Cow<'static, str> {
    let mut s = String::with_capacity(what.len() + q.len() + 4);
    s.push_str(what);
    s.push_str(": \"");
    s.push_str(q);
    s.push('"');
    Cow::Owned(s)
}

/// A number in the text: its value, span, and what it measures.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: f64,
    span: Span,
    /// US dollars per unit when a currency sign is attached.
    usd: Option<f64>,
    /// Hours per unit when a time unit is attached (`3hrs`).
    hours: Option<f64>,
}

fn currency_rate(c: char) -> Option<f64> {
    Some(match c {
        '฿' => 0.028,
        '₪' => 0.27,
        '$' => 1.0,
        '£' => 1.25,
        '€' => 1.08,
        _ => return None,
    })
}

/// Parses a number token: `3`, `3,500`, `฿5,000`, `₪200`, `$75`, `3hrs`,
/// `45min`, `5k`. Times, dates, percentages and ordinals give `None`.
fn parse_number(t: &str, span: Span) -> Option<Num> {
    let mut usd = None;
    let mut body = t;
    if let Some(c) = body.chars().next() {
        if let Some(r) = currency_rate(c) {
            usd = Some(r);
            body = &body[c.len_utf8()..];
        }
    }
    if let Some(c) = body.chars().next_back() {
        if let Some(r) = currency_rate(c) {
            usd = Some(r);
            body = &body[..body.len() - c.len_utf8()];
        }
    }
    let digits_end = body
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(body.len(), |(i, _)| i);
    let (num, suffix) = body.split_at(digits_end);
    let num = num.trim_end_matches(['.', ',']);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // The digits without thousands separators, on the stack for the usual
    // short number (`num` is ASCII: digits, `,` and `.`).
    let mut buf = [0u8; 40];
    let mut n = 0;
    let mut value: f64 = if num.len() <= buf.len() {
        for &b in num.as_bytes() {
            if b != b',' {
                buf[n] = b;
                n += 1;
            }
        }
        std::str::from_utf8(&buf[..n]).ok()?.parse().ok()?
    } else {
        let mut clean = String::with_capacity(num.len());
        clean.extend(num.chars().filter(|&c| c != ','));
        clean.parse().ok()?
    };
    let mut hours = None;
    // Unit words in any case (`3HRS`); a one-letter unit in lower case only,
    // so watts, megabytes and millions (`65W`, `100M`) are no durations.
    let is = |names: &[&str]| {
        names.iter().any(|n| {
            if n.len() == 1 {
                suffix == *n
            } else {
                suffix.eq_ignore_ascii_case(n)
            }
        })
    };
    if suffix.is_empty() {
    } else if is(&["h", "hr", "hrs", "hour", "hours"]) {
        hours = Some(1.0);
    } else if is(&["m", "min", "mins"]) {
        hours = Some(1.0 / 60.0);
    } else if is(&["d", "day", "days"]) {
        hours = Some(24.0);
    } else if is(&["w", "wk", "wks"]) {
        hours = Some(168.0);
    } else if is(&["k"]) || suffix == "K" {
        value *= 1000.0;
    } else {
        return None;
    }
    if !value.is_finite() {
        return None;
    }
    Some(Num {
        value,
        span,
        usd,
        hours,
    })
}

/// Whether only spaces (or a dash) stand between `a` and `b` in `text`.
fn adjacent(text: &str, a: usize, b: usize) -> bool {
    a <= b
        && b - a <= 3
        && text
            .get(a..b)
            .is_some_and(|s| s.chars().all(|c| c.is_whitespace() || c == '-'))
}

fn is_angry_emoji(s: &str) -> bool {
    matches!(
        s.trim_end_matches('\u{FE0F}'),
        "😡" | "🤬" | "😠" | "😤" | "💢" | "👎" | "🖕" | "😒" | "🙄"
    )
}

/// Records a hit of `what`, keeping one hit per label: the strongest cue's.
fn keep_strongest<T: PartialEq>(hits: &mut Vec<Hit<T>>, what: T, span: Span, weight: f32) {
    match hits.iter_mut().find(|h| h.what == what) {
        Some(h) if h.weight >= weight => {}
        Some(h) => {
            h.span = span;
            h.weight = weight;
        }
        None => hits.push(Hit { what, span, weight }),
    }
}

struct Parts {
    categories: Vec<Hit<Category>>,
    intents: Vec<Hit<Intent>>,
    reasons: Vec<Reason>,
}

/// Decides and scores one text from the cues in `s.found`.
pub(super) fn assess(
    text: &str,
    tokens: &[Token<'_>],
    sentiment: &Sentiment,
    s: &mut Scratch,
    sets: [&CueSet; 3],
) -> Complaint {
    let cue_of = |f: &Found| -> Option<&Cue> { sets.get(f.set as usize)?.cues.get(f.cue as usize) };
    let found = &s.found;
    let keep = &mut s.keep;
    keep.clear();
    keep.resize(found.len(), true);
    // Hits in span order: start, then longest first. A hit that contains
    // `f` starts at or before it and is at most `longest` bytes long, so
    // only the hits just before `f` in this order (and those with its very
    // span) need comparing; at most `NEAREST` of them are, which keeps a
    // text dense with cues linear. Real posts have a handful of hits.
    const NEAREST: usize = 64;
    let order = &mut s.order;
    order.clear();
    order.extend(0..found.len() as u32);
    let span_of = |k: u32| found.get(k as usize).map_or(Span::default(), |f| f.span);
    order.sort_unstable_by_key(|&k| {
        let sp = span_of(k);
        (sp.start, std::cmp::Reverse(sp.end), k)
    });
    let longest = found.iter().map(|f| f.span.len()).max().unwrap_or(0);

    // Shields ("no problem", "ไม่มีปัญหา") cancel every cue inside them;
    // a cue inside a longer cue of the same kind counts once.
    for (p, &oi) in order.iter().enumerate() {
        let i = oi as usize;
        let Some(f) = found.get(i) else { continue };
        let Some(cf) = cue_of(f) else {
            keep[i] = false;
            continue;
        };
        // Same span after `f` in the order, then earlier hits back to
        // `longest` bytes before it.
        let same_after = order
            .get(p + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&k| span_of(k) == f.span)
            .take(NEAREST);
        let before = order
            .get(..p)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take_while(|&&k| span_of(k).start + longest >= f.span.end)
            .take(NEAREST);
        for &oj in same_after.chain(before) {
            let j = oj as usize;
            let Some(g) = found.get(j) else { continue };
            let Some(cg) = cue_of(g) else { continue };
            let inside = g.span.start <= f.span.start && f.span.end <= g.span.end;
            if !inside {
                continue;
            }
            let shielded = cg.kind == CueKind::Marker(Marker::Shield)
                && cf.kind != CueKind::Marker(Marker::Shield);
            let longer = g.span.len() > f.span.len();
            // Same kind: the longer cue counts; on the same words, the
            // heavier (or, equal, the first listed). A category or
            // intent inside a longer intent cue, or a weaker one inside a
            // longer category cue, is that cue's part ("cancelling" in
            // "cancelling my subscription"); praise inside a grievance
            // phrase ("thanks a lot") is sarcasm, and inside a category or
            // intent phrase it is that phrase's word ("never credited").
            let covered = cg.kind == cf.kind
                && (longer && cg.weight >= cf.weight
                    || g.span == f.span
                        && (cg.weight > cf.weight || cg.weight == cf.weight && j < i))
                || is_topic(cf.kind)
                    && is_topic(cg.kind)
                    && cg.kind != cf.kind
                    && longer
                    && (matches!(cg.kind, CueKind::Intent(_)) || cf.weight < 1.0)
                || cf.kind == CueKind::Marker(Marker::Praise)
                    && (cg.kind == CueKind::Marker(Marker::Complaint) || is_topic(cg.kind))
                    && longer
                // A reassurance inside a longer grievance phrase is that
                // phrase's part ("got back" in "nobody got back to me").
                || cf.kind == CueKind::Marker(Marker::Shield)
                    && (is_topic(cg.kind) || cg.kind == CueKind::Marker(Marker::Complaint))
                    && longer;
            if shielded || covered {
                keep[i] = false;
                break;
            }
        }
    }

    let mut parts = Parts {
        categories: Vec::new(),
        intents: Vec::new(),
        // Room for every cue and a few surface signals; nothing allocated
        // for a text without cues until a reason comes.
        reasons: if found.is_empty() {
            Vec::new()
        } else {
            Vec::with_capacity(found.len() + 4)
        },
    };
    let mut evidence = 0.0f32;
    let mut cue_evidence = false;
    let mut anger = 0u32;
    let mut intens = 0u32;
    let mut complaint_markers = 0.0f32;
    let mut praise = 0.0f32;
    // Strong category and intent hits that count (a reassurance or praise
    // offsets one grievance, not several: see `evidence -= ...` below).
    let mut strong_hits = 0u32;
    let mut question = 0.0f32;
    let mut repeats = 0u32;
    let mut cat_sum = [0.0f32; 12];
    let mut nums: Vec<Num> = Vec::new();
    let mut units: Vec<(Span, CueKind, f32)> = Vec::new();

    for (i, f) in found.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let Some(cue) = cue_of(f) else { continue };
        let q = quote(text, f.span, cue);
        match cue.kind {
            CueKind::Category(c) => {
                strong_hits += u32::from(cue.weight >= STRONG);
                cat_sum[c as usize] += cue.weight;
                if c == Category::Unresolved {
                    repeats += 1;
                }
                keep_strongest(&mut parts.categories, c, f.span, cue.weight);
                parts.reasons.push(Reason {
                    text: labelled(c.describe(), q),
                    span: Some(f.span),
                });
            }
            CueKind::Intent(it) => {
                strong_hits += u32::from(cue.weight >= STRONG);
                keep_strongest(&mut parts.intents, it, f.span, cue.weight);
                parts.reasons.push(Reason {
                    text: labelled(it.describe(), q),
                    span: Some(f.span),
                });
            }
            CueKind::Marker(m) => {
                let what = match m {
                    // A negated subject reaches here paired with a service
                    // word (`cues::pair_nobody`).
                    Marker::Complaint | Marker::Nobody => {
                        complaint_markers += cue.weight;
                        "grievance"
                    }
                    Marker::Anger => {
                        anger += 1;
                        "anger"
                    }
                    Marker::Intensifier => {
                        intens += 1;
                        "intensifier"
                    }
                    Marker::Praise => {
                        praise += cue.weight;
                        "praise"
                    }
                    Marker::Question => {
                        question = question.max(cue.weight);
                        "question"
                    }
                    // Dropped by `cues::drop_conditional` before this.
                    Marker::Condition | Marker::Fact | Marker::Service => continue,
                    Marker::News => {
                        question = question.max(cue.weight);
                        "news report"
                    }
                    Marker::Shield => {
                        praise += cue.weight;
                        if cue.weight <= 0.0 {
                            // A word guard ("รองเท้า" is not "รอ"): no reason.
                            continue;
                        }
                        "reassurance"
                    }
                };
                parts.reasons.push(Reason {
                    text: labelled(what, q),
                    span: Some(f.span),
                });
            }
            CueKind::Hours | CueKind::Usd | CueKind::Duration | CueKind::Plural => {
                units.push((f.span, cue.kind, cue.weight));
            }
            CueKind::Number => nums.push(Num {
                value: f64::from(cue.weight),
                span: f.span,
                usd: None,
                hours: None,
            }),
        }
    }

    // Surface signals: !!!, CAPS, elongation, angry emoji.
    for t in tokens {
        let (what, n) = match t.kind {
            TokenKind::Punct
                if t.text.bytes().filter(|&b| b == b'!').count() >= 2
                    || t.text.as_bytes().windows(2).any(|w| w == b"?!") =>
            {
                ("anger", &mut anger)
            }
            TokenKind::Word if t.is_all_caps() && t.text.chars().count() >= 3 => {
                ("shouting", &mut anger)
            }
            TokenKind::Word if t.is_elongated() => ("drawn-out word", &mut intens),
            TokenKind::Emoji if is_angry_emoji(t.text) => ("angry emoji", &mut anger),
            TokenKind::Number => {
                if let Some(n) = parse_number(t.text, t.span) {
                    nums.push(n);
                }
                continue;
            }
            _ => continue,
        };
        *n += 1;
        parts.reasons.push(Reason {
            text: labelled(what, t.text),
            span: Some(t.span),
        });
    }

    // Durations and amounts: a unit after a number, or a whole duration.
    let mut best_hours: Option<(f64, Span)> = None;
    let mut best_usd: Option<(f64, Span)> = None;
    // Whether the best duration is a bare plural unit (a lower bound). Such
    // a unit ("for hours") raises severity but is no evidence of a complaint
    // or of waiting ("only two more weeks!"): that takes `measured_hours`,
    // the longest duration with a number or a whole duration word.
    let mut hours_at_least = false;
    let mut measured_hours = 0.0f64;
    // Where the measured durations of half an hour or more stand (the
    // first few): a duration backs a waiting cue in its own sentence only.
    let mut long = LongDurations::default();
    let better = |slot: &mut Option<(f64, Span)>, v: f64, span: Span| {
        let wins = v.is_finite() && v > 0.0 && slot.is_none_or_less(v);
        if wins {
            *slot = Some((v, span));
        }
        wins
    };
    for n in &nums {
        if let Some(r) = n.usd {
            better(&mut best_usd, n.value * r, n.span);
        }
        if let Some(h) = n.hours {
            better(&mut best_hours, n.value * h, n.span);
            measured_hours = measured_hours.max(n.value * h);
            long.note(n.value * h, n.span);
        }
    }
    for &(span, kind, w) in &units {
        let w = f64::from(w);
        let before = nums
            .iter()
            .filter(|n| {
                n.usd.is_none() && n.hours.is_none() && adjacent(text, n.span.end, span.start)
            })
            .map(|n| with_and_a_half(text, &nums, n.value, n.span.start))
            .next();
        match (kind, before) {
            (CueKind::Hours | CueKind::Duration | CueKind::Plural, Some((v, st))) => {
                if better(&mut best_hours, v * w, Span::new(st, span.end)) {
                    hours_at_least = false;
                }
                measured_hours = measured_hours.max(v * w);
                long.note(v * w, Span::new(st, span.end));
            }
            (CueKind::Usd, Some((v, st))) => {
                better(&mut best_usd, v * w, Span::new(st, span.end));
            }
            (CueKind::Duration, None) => {
                if better(&mut best_hours, w, span) {
                    hours_at_least = false;
                }
                measured_hours = measured_hours.max(w);
                long.note(w, span);
            }
            (CueKind::Plural, None) => {
                hours_at_least |= better(&mut best_hours, 2.0 * w, span);
            }
            _ => {}
        }
    }
    if !measured_hours.is_finite() {
        measured_hours = 0.0;
    }
    if let Some((_, span)) = best_hours {
        let q = text.get(span.range()).unwrap_or("");
        parts.reasons.push(Reason {
            text: labelled("duration", q),
            span: Some(span),
        });
    }
    if let Some((_, span)) = best_usd {
        let q = text.get(span.range()).unwrap_or("");
        parts.reasons.push(Reason {
            text: labelled("amount", q),
            span: Some(span),
        });
    }

    // Several cues of one category add up (half weight each after the
    // best); a long duration backs waiting, an amount backs billing.
    for h in parts.categories.iter_mut() {
        let sum = cat_sum[h.what as usize];
        let mut w = h.weight + 0.5 * (sum - h.weight).max(0.0);
        if h.what == Category::Waiting && long.in_sentence_of(text, h.span) {
            w += 0.3;
        }
        if h.what == Category::Billing && best_usd.is_some() {
            w += 0.3;
        }
        h.weight = w.min(1.0);
    }

    // Evidence for the decision.
    for h in &parts.categories {
        evidence += evidence_of(h.weight);
        cue_evidence = true;
    }
    for h in &parts.intents {
        evidence += evidence_of(h.weight);
        cue_evidence = true;
    }
    if complaint_markers > 0.0 {
        evidence += complaint_markers.min(1.5);
        cue_evidence = true;
    }
    evidence += 0.15 * anger.min(3) as f32;
    // "Not late, but it never arrived and I'm still waiting for a refund":
    // one reassurance against several separate grievances is background.
    evidence -= praise / strong_hits.max(1) as f32;
    evidence -= question;
    let topics = !parts.categories.is_empty() || !parts.intents.is_empty();
    if topics && measured_hours >= 0.5 {
        evidence += 0.3;
    }
    let neg = (-sentiment.compound).clamp(0.0, 1.0);
    let pos = sentiment.compound.clamp(0.0, 1.0);
    evidence += 0.4 * neg - 0.3 * pos;
    let is_complaint = cue_evidence && evidence >= THRESHOLD;
    let confidence = if cue_evidence {
        1.0 / (1.0 + (-3.0 * (evidence - THRESHOLD)).exp())
    } else {
        0.0
    };

    // Severity.
    let mut sev_reasons = Vec::new();
    let mut raw = 0.0f32;
    let cat_pts = diminishing(
        parts
            .categories
            .iter()
            .map(|h| category_points(h.what) * h.weight.min(1.0)),
    );
    raw += cat_pts;
    if cat_pts > 0.0 && is_complaint {
        let mut r = String::with_capacity(64);
        r.push_str("complaint about ");
        for (i, h) in parts.categories.iter().enumerate() {
            if i > 0 {
                r.push_str(", ");
            }
            r.push_str(h.what.describe());
        }
        sev_reasons.push(Cow::Owned(r));
    }
    raw += diminishing(
        parts
            .intents
            .iter()
            .map(|h| intent_points(h.what) * h.weight.min(1.0)),
    );
    if is_complaint {
        for h in &parts.intents {
            sev_reasons.push(Cow::Borrowed(h.what.describe()));
        }
    }
    if repeats > 0 {
        raw += 7.0 * repeats.min(3) as f32;
        if is_complaint {
            sev_reasons.push(Cow::Owned(format!(
                "repeated contact or unresolved ({repeats} cues)"
            )));
        }
    }
    if let Some((h, span)) = best_hours {
        raw += (10.0 * (1.0 + h).log10()).min(30.0) as f32;
        if is_complaint {
            let q = text.get(span.range()).unwrap_or("");
            let about = if hours_at_least { "at least " } else { "~" };
            sev_reasons.push(Cow::Owned(format!(
                "duration \"{q}\" ({about}{})",
                human_hours(h)
            )));
        }
    }
    if let Some((usd, span)) = best_usd {
        raw += (6.0 * (1.0 + usd).log10()).min(24.0) as f32;
        if is_complaint {
            let q = text.get(span.range()).unwrap_or("");
            sev_reasons.push(Cow::Owned(format!("amount \"{q}\" (~${usd:.0})")));
        }
    }
    let heat = (5.0 * anger as f32 + 3.0 * intens as f32).min(20.0);
    if heat > 0.0 {
        raw += heat;
        if is_complaint {
            sev_reasons.push(Cow::Owned(format!(
                "anger markers ({anger}) and intensifiers ({intens})"
            )));
        }
    }
    if neg > 0.0 {
        raw += 15.0 * neg;
        let text = negative_reason(sentiment.compound);
        if is_complaint {
            sev_reasons.push(text.clone());
        }
        parts.reasons.push(Reason { text, span: None });
    }

    let score = if is_complaint {
        raw += BASE;
        100.0 * (1.0 - (-raw / SCALE).exp())
    } else {
        (raw * NON_FACTOR).min(NON_CAP)
    };
    let score = if score.is_finite() {
        score.clamp(0.0, 100.0)
    } else {
        0.0
    };
    // Report weak categories only when no strong one was found, and
    // intents only from strong cues.
    if parts.categories.iter().any(|h| h.weight >= STRONG) {
        parts.categories.retain(|h| h.weight >= STRONG);
    }
    parts.intents.retain(|h| h.weight >= STRONG);
    if !is_complaint {
        sev_reasons.push(Cow::Borrowed("not a complaint"));
        parts.categories.clear();
        parts.intents.clear();
    }
    parts.categories.sort_by_key(|h| h.span.start);
    parts.intents.sort_by_key(|h| h.span.start);
    parts
        .reasons
        .sort_by_key(|r| r.span.map_or(usize::MAX, |s| s.start));
    Complaint {
        is_complaint,
        confidence: if confidence.is_finite() {
            confidence
        } else {
            0.0
        },
        categories: parts.categories,
        intents: parts.intents,
        severity: Severity {
            score,
            level: SeverityLevel::of(score),
            reasons: sev_reasons,
        },
        reasons: parts.reasons,
    }
}

trait NoneOrLess {
    fn is_none_or_less(&self, v: f64) -> bool;
}

impl NoneOrLess for Option<(f64, Span)> {
    fn is_none_or_less(&self, v: f64) -> bool {
        self.map_or(true, |(old, _)| old < v)
    }
}

fn human_hours(h: f64) -> String {
    if h < 1.0 {
        format!("{:.0} min", h * 60.0)
    } else if h < 48.0 {
        format!("{h:.0} h")
    } else if h < 24.0 * 14.0 {
        format!("{:.0} days", h / 24.0)
    } else {
        format!("{:.0} weeks", h / 168.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_reason_matches_push_fixed() {
        let written = |c: f32| format!("negative sentiment ({c:.2})");
        let mut borrowed = 0;
        for i in 0..=200_000u32 {
            let c = -(i as f32) / 200_000.0;
            let r = negative_reason(c);
            borrowed += usize::from(matches!(r, Cow::Borrowed(_)));
            assert_eq!(r, written(c), "{c}");
        }
        assert!(borrowed > 199_000);
        for c in [-0.005f32, -0.015, -0.995, -1.0, f32::NAN, -2.0, 0.3] {
            assert_eq!(negative_reason(c), written(c), "{c}");
        }
    }

    #[test]
    fn numbers() {
        let sp = Span::new(0, 1);
        assert_eq!(parse_number("3,500", sp).map(|n| n.value), Some(3500.0));
        let n = parse_number("฿5,000", sp).unwrap();
        assert_eq!(n.value, 5000.0);
        assert_eq!(n.usd, Some(0.028));
        assert_eq!(parse_number("3hrs", sp).and_then(|n| n.hours), Some(1.0));
        assert_eq!(parse_number("3HRS", sp).and_then(|n| n.hours), Some(1.0));
        assert_eq!(parse_number("2h", sp).and_then(|n| n.hours), Some(1.0));
        assert_eq!(parse_number("5K", sp).map(|n| n.value), Some(5000.0));
        // Watts and megabytes are no weeks and minutes.
        assert!(parse_number("65W", sp).is_none());
        assert!(parse_number("100M", sp).is_none());
        assert!(parse_number("8:15", sp).is_none());
        assert!(parse_number("50%", sp).is_none());
        assert!(parse_number("3rd", sp).is_none());
        assert!(parse_number("$", sp).is_none());
        assert!(parse_number("1.2.3", sp).is_none());
    }

    #[test]
    fn levels_and_diminishing() {
        assert_eq!(SeverityLevel::of(0.0), SeverityLevel::None);
        assert_eq!(SeverityLevel::of(50.0), SeverityLevel::Medium);
        assert_eq!(SeverityLevel::of(99.0), SeverityLevel::Critical);
        assert_eq!(diminishing([10.0, 20.0].into_iter()), 25.0);
        assert!(diminishing([10.0, 20.0, 20.0].into_iter()) >= 25.0);
        assert_eq!(diminishing(std::iter::empty()), 0.0);
    }
}

#[cfg(test)]
mod duration_scope_tests {
    use crate::complaint::{Category, ComplaintAnalyzer};
    use crate::sentiment::Sentiment;

    fn waiting_weight(text: &str) -> f32 {
        // Cue lists alone: the fitted model adds categories of its own.
        let an = ComplaintAnalyzer::builder().fitted_model(false).build();
        let c = an.analyze_text(text, &Sentiment::default());
        c.categories
            .iter()
            .find(|h| h.what == Category::Waiting)
            .map_or(0.0, |h| h.weight)
    }

    #[test]
    fn a_duration_backs_waiting_in_its_own_sentence_only() {
        // A weak waiting cue beside a strong category counts only when a
        // duration backs it, and a duration backs it in its own sentence.
        for (same, other) in [
            (
                "They charged me twice and the delivery is late, 3 weeks now",
                "They charged me twice and the delivery is late. My son is 3 weeks old",
            ),
            (
                "They charged me twice and the delivery is late... 3 weeks now",
                "They charged me twice and the delivery is late!\n3 weeks old puppy in the photo",
            ),
            (
                "חייבו אותי פעמיים וזה לוקח לכם 3 שבועות",
                "חייבו אותי פעמיים וזה לוקח לכם. הבן שלי בן 3 שבועות",
            ),
            (
                "โดนตัดเงินซ้ำสองครั้ง รอ 3 อาทิตย์แล้ว",
                "โดนตัดเงินซ้ำสองครั้ง รอ!\nลูกอายุ 3 อาทิตย์",
            ),
        ] {
            assert!(waiting_weight(same) > 0.0, "{same}");
            assert_eq!(waiting_weight(other), 0.0, "{other}");
        }
    }

    #[test]
    fn n_and_a_half_is_read_whole() {
        let an = ComplaintAnalyzer::builder().fitted_model(false).build();
        let duration = |text: &str| {
            let c = an.analyze_text(text, &Sentiment::default());
            c.reasons
                .iter()
                .find(|r| r.text.starts_with("duration:"))
                .map(|r| r.text.to_string())
        };
        for (text, want) in [
            (
                "I waited two and a half hours on hold",
                "two and a half hours",
            ),
            ("I waited 2 and a half hours on hold", "2 and a half hours"),
            ("I waited half an hour on hold", "half an hour"),
        ] {
            let got = duration(text).unwrap_or_default();
            assert!(got.contains(want), "{text}: {got}");
        }
        // Severity grows with the whole duration: 2.5 hours weighs more than
        // half an hour.
        let sev = |t: &str| an.analyze_text(t, &Sentiment::default()).severity.score;
        assert!(
            sev("I waited two and a half hours on hold") > sev("I waited half an hour on hold")
        );
    }
}
