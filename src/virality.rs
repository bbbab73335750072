//! Virality risk: how likely a post is to spread and pull others in, from
//! its text and from whatever the caller knows of it ([`Post`]).
//!
//! # The model
//!
//! A logistic score, `risk = σ(z − 3)`, where `z` sums the contributions
//! below (each reported as a [`Factor`] when it is not zero). The offset 3
//! puts a post with no signal at all at `σ(−3) ≈ 0.05`, and a post needs
//! several signals together to pass 0.5. Constants were set by hand to rank
//! the cases of `tests/virality.rs` sensibly; they are not fitted.
//!
//! **Text** ([`TextSignals`], counted from tokens; cues in `data/reply/*.txt`
//! under `share`, `boycott`, `exposure`, `exec`, `humour`):
//!
//! | factor | contribution |
//! |---|---|
//! | call to share (`share`, `RT`, `แชร์`, `שתפו`) | 1.2 per call, at most 2 |
//! | boycott language (`boycott`, `never again`, `แบน`, `חרם`) | 1.5 |
//! | exposure (press, regulator, reviews, `viral`, `ดราม่า`, `תקשורת`) | 0.6 |
//! | hashtags | 0.5 each, at most 3 |
//! | @mentions | 0.4 each, at most 3 |
//! | an executive named (`CEO`, `ผู้บริหาร`, `מנכ"ל`) | 0.8 |
//! | outrage (0–1) | 1.6 × outrage |
//! | humour that travels (laughter, `lol`, `555`, 😂) | 0.5 |
//!
//! `outrage = min(1, 0.6·max(0, −compound) + 0.2·min(1, 3·caps share) +
//! 0.12·min(1, strong punctuation / 2) + 0.08·min(1, elongated words / 2))`,
//! where strong punctuation is a run with two or more `!`/`?` or an angry
//! emoji (😡 🤬 😠 💢 👿 🖕).
//!
//! **Metadata** (each only when known):
//!
//! | factor | contribution |
//! |---|---|
//! | channel | public social +0.5, forum +0.3, review site +0.1, unknown 0, private message or e-mail −1.5 |
//! | reach | `0.45 · (log10(1 + followers) − 3)` (1,000 followers is neutral) |
//! | verified author | +0.5 |
//! | engagement velocity | `0.6 · (log10(1 + e/h) − 1)`, `e = shares + replies/3 + likes/10`, `h` = hours at counting (≥ 0.25) |
//! | engagement, no time known | `0.4 · (log10(1 + e) − 1)` |
//! | unanswered in public | `+0.4 · min(1, hours / 6)` while the brand has not answered |
//! | brand has answered | −0.3 |
//! | old post | `−0.5 · min(1, (hours − 72) / 72)` after three days |
//!
//! Levels: [`RiskLevel::Low`] below 0.3, [`RiskLevel::Medium`] below 0.55,
//! [`RiskLevel::High`] below 0.8, [`RiskLevel::Critical`] from 0.8.
//! The risk is non-decreasing in followers, likes, shares and replies
//! (property-tested), always finite and in [0, 1].
//!
//! ```
//! use backlash::{virality, Channel, Post, TextSignals};
//! let text = "@SkyJet lost my bag AGAIN!!! #boycottskyjet #neverflyskyjet please share";
//! let signals = TextSignals::from_text(text, -0.7);
//! let v = virality(&Post::new(text).channel(Channel::PublicSocial).followers(200_000), &signals);
//! assert!(v.risk > 0.8);
//! let calm = "the coffee on board was a bit cold";
//! let v2 = virality(&Post::new(calm).channel(Channel::PrivateMessage), &TextSignals::from_text(calm, -0.2));
//! assert!(v2.risk < 0.1);
//! ```

use std::sync::LazyLock;

use crate::lang::Script;
use crate::post::{Channel, Post};
use crate::respond::{Fold, Index, Pattern, View};
use crate::tokenize::{Token, TokenKind};

/// What the text says about spreading.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TextSignals {
    /// `#hashtags`.
    pub hashtags: u32,
    /// `@mentions` (the brand, its executives, journalists).
    pub mentions: u32,
    /// Calls to share or spread.
    pub share_calls: u32,
    /// Boycott or leave-the-brand language.
    pub boycott: bool,
    /// Threats or mentions of press, regulators, reviews, going viral.
    pub exposure: bool,
    /// An executive named (CEO, founder, management).
    pub exec: bool,
    /// Outrage, 0..1, from negative sentiment, capitals, `!!!`, angry emoji
    /// and elongation.
    pub outrage: f32,
    /// Humour that travels: laughter, memes, 😂.
    pub humour: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sig {
    Share,
    Boycott,
    Exposure,
    Exec,
    Humour,
}

struct Cues {
    list: Vec<(Sig, Pattern)>,
    index: Index,
}

/// Whether `c` is a Thai letter, vowel or mark.
fn is_thai(c: char) -> bool {
    Script::of(c) == Script::Thai
}

/// The cues of the embedded lists whose phrase has Thai letters (`thai`)
/// or has none.
fn compile(thai: bool) -> Cues {
    let mut v = Vec::new();
    for text in [
        include_str!("../data/reply/en.txt"),
        include_str!("../data/reply/th.txt"),
        include_str!("../data/reply/he.txt"),
    ] {
        for line in text.lines() {
            let Some((k, phrase)) = line.split_once('\t') else {
                continue;
            };
            if phrase.contains(is_thai) != thai {
                continue;
            }
            let sig = match k.trim() {
                "share" => Sig::Share,
                "boycott" => Sig::Boycott,
                "exposure" => Sig::Exposure,
                "exec" => Sig::Exec,
                "humour" => Sig::Humour,
                _ => continue,
            };
            // Checked by a unit test; a phrase with no words is skipped.
            if let Ok(p) = Pattern::new(phrase, Fold::Norm) {
                v.push((sig, p));
            }
        }
    }
    let mut index = Index::default();
    for (i, (_, p)) in v.iter().enumerate() {
        index.insert(i, p);
    }
    Cues { list: v, index }
}

/// Cues without Thai letters.
static CUES: LazyLock<Cues> = LazyLock::new(|| compile(false));

/// Cues with Thai letters: compiling them segments Thai (and so decodes the
/// Thai dictionary), and they can only match a text with Thai letters, so
/// they are built on the first such text.
static THAI_CUES: LazyLock<Cues> = LazyLock::new(|| compile(true));

thread_local! {
    /// The lookup view, reused across posts on this thread.
    static VIEW: std::cell::RefCell<View> = std::cell::RefCell::new(View::default());
}

fn is_angry_emoji(s: &str) -> bool {
    ["😡", "🤬", "😠", "💢", "👿", "🖕"]
        .iter()
        .any(|e| s.starts_with(e))
}

fn is_laughing_emoji(s: &str) -> bool {
    ["😂", "🤣", "😆", "😹"].iter().any(|e| s.starts_with(e))
}

impl TextSignals {
    /// Counts the signals in `tokens`; `compound` is the text's sentiment
    /// compound score in [-1, 1] (0 when unknown; NaN counts as 0).
    ///
    /// Cues are matched on a lookup view of the tokens (English words by
    /// lower-case form, not stems), built in a reused per-thread buffer and
    /// only when some token could start a cue: no allocation per token.
    pub fn from_tokens(tokens: &[Token<'_>], compound: f32) -> TextSignals {
        TextSignals::scan(tokens, compound, false)
    }

    /// [`from_tokens`](TextSignals::from_tokens) for the tokens of a text
    /// known to be all ASCII when `ascii_text` is true: every word's lookup
    /// form is then ASCII, so it is not checked byte by byte (same result).
    pub(crate) fn scan(tokens: &[Token<'_>], compound: f32, ascii_text: bool) -> TextSignals {
        let mut s = TextSignals::default();
        let cues = &*CUES;
        // When every token's lookup form is ASCII (most English posts), cues
        // are matched on the tokens directly and the lookup view is not
        // built (same matches: see `Index::matches_at_ascii`).
        let mut need_view = !cues.index.ascii_ok();
        // Cue hits found on the tokens directly (dropped if the view is
        // needed after all).
        let mut found = TextSignals::default();
        let hit =
            |s: &mut TextSignals, list: &[(Sig, Pattern)], i: usize| match list.get(i).map(|c| c.0)
            {
                Some(Sig::Share) => s.share_calls += 1,
                Some(Sig::Boycott) => s.boycott = true,
                Some(Sig::Exposure) => s.exposure = true,
                Some(Sig::Exec) => s.exec = true,
                Some(Sig::Humour) => s.humour = true,
                None => {}
            };
        let (mut words, mut caps, mut strong, mut elong) = (0u32, 0u32, 0u32, 0u32);
        for (i, t) in tokens.iter().enumerate() {
            match t.kind {
                TokenKind::Hashtag => s.hashtags += 1,
                TokenKind::Mention => s.mentions += 1,
                TokenKind::Laughter => s.humour = true,
                TokenKind::Emoji if is_laughing_emoji(t.text) => s.humour = true,
                TokenKind::Emoji if is_angry_emoji(t.text) => strong += 1,
                TokenKind::Punct => {
                    let n = t
                        .text
                        .chars()
                        .filter(|&c| matches!(c, '!' | '?' | '！' | '？'))
                        .count();
                    if n >= 2 {
                        strong += 1;
                    }
                }
                TokenKind::Word => {
                    words += 1;
                    if t.is_all_caps() {
                        caps += 1;
                    }
                    if t.is_elongated() {
                        elong += 1;
                    }
                }
                _ => {}
            }
            if need_view {
                continue;
            }
            let form = if ascii_text {
                Ok(View::ascii_text_form(t))
            } else {
                View::ascii_norm_form(t)
            };
            match form {
                Ok(None) => {}
                Ok(Some(w)) => cues.index.matches_at_ascii(
                    &cues.list,
                    |c| &c.1,
                    tokens,
                    i,
                    w,
                    |c| hit(&mut found, &cues.list, c),
                ),
                Err(()) => need_view = true,
            }
        }
        if need_view {
            found = TextSignals::default();
            VIEW.with(|cell| {
                let mut fresh = View::default();
                let mut guard = cell.try_borrow_mut();
                let view = match guard.as_deref_mut() {
                    Ok(v) => v,
                    Err(_) => &mut fresh,
                };
                view.clear();
                for t in tokens {
                    view.push(t, Fold::Norm);
                }
                view.finish();
                cues.index.for_each_match(
                    &cues.list,
                    |c| &c.1,
                    view,
                    |c, _, _| hit(&mut found, &cues.list, c),
                );
                if view.s.contains(is_thai) {
                    let th = &*THAI_CUES;
                    th.index.for_each_match(
                        &th.list,
                        |c| &c.1,
                        view,
                        |c, _, _| hit(&mut found, &th.list, c),
                    );
                }
            });
        }
        s.share_calls += found.share_calls;
        s.boycott |= found.boycott;
        s.exposure |= found.exposure;
        s.exec |= found.exec;
        s.humour |= found.humour;
        let neg = if compound.is_nan() {
            0.0
        } else {
            (-compound).clamp(0.0, 1.0)
        };
        let caps_share = if words == 0 {
            0.0
        } else {
            caps as f32 / words as f32
        };
        s.outrage = (0.6 * neg
            + 0.2 * (3.0 * caps_share).min(1.0)
            + 0.12 * (strong as f32 / 2.0).min(1.0)
            + 0.08 * (elong as f32 / 2.0).min(1.0))
        .clamp(0.0, 1.0);
        s
    }

    /// Tokenizes `text` and counts its signals (see
    /// [`from_tokens`](TextSignals::from_tokens)).
    pub fn from_text(text: &str, compound: f32) -> TextSignals {
        let tokens: Vec<Token<'_>> = crate::tokenize(text).collect();
        TextSignals::from_tokens(&tokens, compound)
    }
}

/// A virality risk level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum RiskLevel {
    /// Below 0.3.
    Low,
    /// 0.3 to 0.55.
    Medium,
    /// 0.55 to 0.8.
    High,
    /// 0.8 and above.
    Critical,
}

impl RiskLevel {
    /// The level of a risk in [0, 1].
    pub fn of(risk: f32) -> RiskLevel {
        if risk >= 0.8 {
            RiskLevel::Critical
        } else if risk >= 0.55 {
            RiskLevel::High
        } else if risk >= 0.3 {
            RiskLevel::Medium
        } else {
            RiskLevel::Low
        }
    }

    /// `low`, `medium`, `high` or `critical`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }
}

/// One term of the virality score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FactorKind {
    /// Calls to share.
    ShareCall,
    /// Boycott language.
    Boycott,
    /// Press, regulator, reviews.
    Exposure,
    /// Hashtags.
    Hashtags,
    /// Mentions.
    Mentions,
    /// An executive named.
    Executive,
    /// Outrage.
    Outrage,
    /// Humour.
    Humour,
    /// The channel.
    Channel,
    /// The author's reach.
    Reach,
    /// A verified author.
    Verified,
    /// Engagement per hour, or engagement.
    Engagement,
    /// Time unanswered in public.
    Unanswered,
    /// The brand has answered.
    Answered,
    /// The post is old.
    Age,
}

impl FactorKind {
    /// The snake-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            FactorKind::ShareCall => "share_call",
            FactorKind::Boycott => "boycott",
            FactorKind::Exposure => "exposure",
            FactorKind::Hashtags => "hashtags",
            FactorKind::Mentions => "mentions",
            FactorKind::Executive => "executive",
            FactorKind::Outrage => "outrage",
            FactorKind::Humour => "humour",
            FactorKind::Channel => "channel",
            FactorKind::Reach => "reach",
            FactorKind::Verified => "verified",
            FactorKind::Engagement => "engagement",
            FactorKind::Unanswered => "unanswered",
            FactorKind::Answered => "answered",
            FactorKind::Age => "age",
        }
    }
}

/// One factor and how much it added to (or took from) the score `z`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Factor {
    /// Which factor.
    pub kind: FactorKind,
    /// Its contribution to `z` (before the logistic).
    pub contribution: f32,
}

/// The virality assessment of a post.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Virality {
    /// Risk in [0, 1].
    pub risk: f32,
    /// The level of the risk.
    pub level: RiskLevel,
    /// The non-zero factors, largest absolute contribution first.
    pub factors: Vec<Factor>,
}

/// Offset of the logistic: `risk = σ(z − OFFSET)`.
pub const OFFSET: f64 = 3.0;

/// Scores the virality risk of `post` given its text signals. Never NaN;
/// always in [0, 1].
pub fn virality(post: &Post<'_>, signals: &TextSignals) -> Virality {
    // Factors are gathered on the stack (there are fewer kinds than
    // slots) and copied out once: a post with none allocates nothing.
    let mut buf = [Factor {
        kind: FactorKind::Channel,
        contribution: 0.0,
    }; 24];
    let mut n = 0;
    let mut z = 0.0f64;
    let mut add = |kind: FactorKind, c: f64| {
        if c != 0.0 && c.is_finite() {
            z += c;
            if let Some(slot) = buf.get_mut(n) {
                *slot = Factor {
                    kind,
                    contribution: c as f32,
                };
                n += 1;
            }
        }
    };
    let s = signals;
    add(FactorKind::ShareCall, 1.2 * s.share_calls.min(2) as f64);
    add(FactorKind::Boycott, if s.boycott { 1.5 } else { 0.0 });
    add(FactorKind::Exposure, if s.exposure { 0.6 } else { 0.0 });
    add(FactorKind::Hashtags, 0.5 * s.hashtags.min(3) as f64);
    add(FactorKind::Mentions, 0.4 * s.mentions.min(3) as f64);
    add(FactorKind::Executive, if s.exec { 0.8 } else { 0.0 });
    let outrage = if s.outrage.is_nan() {
        0.0
    } else {
        s.outrage.clamp(0.0, 1.0) as f64
    };
    add(FactorKind::Outrage, 1.6 * outrage);
    add(FactorKind::Humour, if s.humour { 0.5 } else { 0.0 });

    add(
        FactorKind::Channel,
        match post.channel {
            Channel::PublicSocial => 0.5,
            Channel::Forum => 0.3,
            Channel::ReviewSite => 0.1,
            Channel::Unknown => 0.0,
            Channel::PrivateMessage | Channel::Email => -1.5,
        },
    );
    if let Some(f) = post.followers {
        add(FactorKind::Reach, 0.45 * ((1.0 + f as f64).log10() - 3.0));
    }
    add(FactorKind::Verified, if post.verified { 0.5 } else { 0.0 });
    if let Some(e) = post.weighted_engagement() {
        let at = post.counted_at.or(post.age);
        match at {
            Some(d) => {
                let hours = (d.as_secs_f64() / 3600.0).max(0.25);
                add(
                    FactorKind::Engagement,
                    0.6 * ((1.0 + e / hours).log10() - 1.0),
                );
            }
            None => add(FactorKind::Engagement, 0.4 * ((1.0 + e).log10() - 1.0)),
        }
    }
    let age_h = post.age.map(|d| d.as_secs_f64() / 3600.0);
    if post.brand_answered {
        add(FactorKind::Answered, -0.3);
    } else if let Some(h) = age_h {
        if post.channel.is_public() {
            add(FactorKind::Unanswered, 0.4 * (h / 6.0).min(1.0));
        }
    }
    if let Some(h) = age_h {
        if h > 72.0 {
            add(FactorKind::Age, -0.5 * ((h - 72.0) / 72.0).min(1.0));
        }
    }
    let risk = 1.0 / (1.0 + (-(z - OFFSET)).exp());
    let risk = if risk.is_finite() {
        risk.clamp(0.0, 1.0) as f32
    } else {
        0.0
    };
    let mut factors = buf.get(..n).unwrap_or(&[]).to_vec();
    factors.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()));
    Virality {
        risk,
        level: RiskLevel::of(risk),
        factors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_scan_matches_checked_scan() {
        let mut texts: Vec<String> = [
            "RT @acme: please share!! #boycottAcme never again",
            "Spread the word: tell your friends, DON'T BUY from @AcmeCEO lol",
            "going viral on the news... journalists called :) 3 hours",
            "ratio'd haha, meme of the year #fail",
            "",
            "!!! ??? 123 $5",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Generated ASCII texts from a fixed sequence.
        let alphabet = b"share boycott news ceo lol RT #@!?.'0123 Never AGAIN viral";
        let mut r = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..(r >> 59) {
                r = r.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                t.push(char::from(alphabet[(r >> 33) as usize % alphabet.len()]));
            }
            texts.push(t);
        }
        for t in &texts {
            assert!(t.is_ascii());
            let tokens: Vec<_> = crate::tokenize(t).collect();
            assert_eq!(
                TextSignals::scan(&tokens, -0.4, true),
                TextSignals::scan(&tokens, -0.4, false),
                "{t}"
            );
        }
    }

    #[test]
    fn cues_compile() {
        let all: Vec<&(Sig, Pattern)> = CUES.list.iter().chain(&THAI_CUES.list).collect();
        assert!(all.len() > 60, "{}", all.len());
        assert!(!THAI_CUES.list.is_empty() && !CUES.list.is_empty());
        for kind in [
            Sig::Share,
            Sig::Boycott,
            Sig::Exposure,
            Sig::Exec,
            Sig::Humour,
        ] {
            assert!(all.iter().any(|(k, _)| *k == kind), "{kind:?}");
        }
    }

    #[test]
    fn signals_in_three_languages() {
        let s = TextSignals::from_text("Boycott @SkyJet!!! RT and share #neverfly", -0.8);
        assert!(s.boycott && s.share_calls >= 2 && s.hashtags == 1 && s.mentions == 1);
        assert!(s.outrage > 0.5);
        let s = TextSignals::from_text("ช่วยแชร์ด้วย แบนร้านนี้ไปเลย 555", -0.5);
        assert!(s.boycott && s.share_calls >= 1 && s.humour, "{s:?}");
        let s = TextSignals::from_text("שתפו! תחרימו את החברה, פניתי למנכ\"ל", -0.5);
        assert!(s.boycott && s.share_calls >= 1 && s.exec, "{s:?}");
        let s = TextSignals::from_text("thanks, all good", 0.6);
        assert_eq!(s, TextSignals::default());
    }

    #[test]
    fn levels() {
        assert_eq!(RiskLevel::of(0.0), RiskLevel::Low);
        assert_eq!(RiskLevel::of(0.3), RiskLevel::Medium);
        assert_eq!(RiskLevel::of(0.6), RiskLevel::High);
        assert_eq!(RiskLevel::of(0.95), RiskLevel::Critical);
    }

    #[test]
    fn factors_explain_the_score() {
        let post = Post::new("x")
            .channel(Channel::PublicSocial)
            .followers(1_000_000);
        let v = virality(&post, &TextSignals::default());
        assert_eq!(v.factors[0].kind, FactorKind::Reach);
        let z: f32 = v.factors.iter().map(|f| f.contribution).sum();
        let expect = 1.0 / (1.0 + (-(z as f64 - OFFSET)).exp());
        assert!((v.risk as f64 - expect).abs() < 1e-4);
    }
}
