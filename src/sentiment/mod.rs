//! Sentiment: a VADER-style lexicon and rules engine for Thai, Hebrew and
//! English, with the evidence behind every score.
//!
//! The engine is VADER's design carried to three languages: each word,
//! emoji or laugh found in the language's lexicon gets a valence on the −4..4
//! scale; cue words around it (negators, intensifiers, dampeners, contrast
//! words) and the surface (capitals, drawn-out letters, `!!!`) adjust it; the
//! sum `s` becomes `compound = s / sqrt(s² + 15)`. Every adjustment is kept
//! as [`Evidence`] with the byte span of the token that caused it.
//!
//! Use [`crate::Analyzer`] (or [`crate::analyze`]) to score text.
//!
//! ## Rules
//!
//! | rule | English | Thai | Hebrew |
//! |---|---|---|---|
//! | negation (× −0.74, same clause) | `not`, `n't`, `never`, `no`, `least` (not `at least`)… within 3 words before (`it's` is one word, as in VADER) | `ไม่`, `ไม่ได้`, `ไม่เคย`, `ไม่ค่อย` (× −0.45)… within 2 | `לא`, `אין`, `אף פעם`, `בלי`… right before |
//! | intensifier / dampener (±0.293, decaying) | `very`, `so`, `extremely`, `pretty` (before a sentiment word) / `kinda`, `slightly` before; a dampener never turns a word around | `มาก`, `สุดๆ`, `ที่สุด` after, `โคตร` before / `นิดหน่อย` after | `ממש`, `הכי` before, `מאוד` either side / `קצת` before |
//! | contrast (earlier × 0.5, later × 1.5) | `but`, `however` (not `not only … but also`, `nothing but`) | `แต่` | `אבל`, `אך`, `אולם` |
//! | capitals (±0.733) | a word in capitals among lower-case words | – | – |
//! | elongation (±0.293; boosters × 1.5) | `soooo`, `goooood` | `มากกกก`, `ดีๆ` | drawn-out letters (`ממממש`) |
//! | `!` (+0.292 each, up to 4), `??` | all | all | all |
//! | emoji and emoticons | VADER's emoji descriptions scored by the lexicon; `:)` `:(` | the language's own fitted reading first | same |
//! | laughter (`haha`, `555`, `חחח`) | positive, unless the rest is negative (sarcasm: adds nothing) | same | same |
//! | question (no `!`; ends with `?` or a particle like `ไหม`) | raw score × 0.5 | × factor fitted per language | same |
//! | off-topic (label neutral, compound kept; evidence: the tokens that added most) | – | – | a fitted score over words, stems, character 4-grams, links, English words, the opening word and length reaches a cut (omilab's neutral class is off-topic posts) |
//! | no evidence | a post whose raw score is 0 is neutral whatever the thresholds | same | same |
//!
//! Clauses end at `.`, `,`, `!`, `?`, `;`, `:` (and at spaces in Thai).
//! Words are looked up in their own language's table, so mixed text (a Thai
//! post with an English brand name or an English word) is scored word by
//! word. Hebrew words are looked up whole, then without the prefix the
//! tokenizer found, then without up to three prefix letters; final letters
//! are folded. Thai stretches the segmenter did not know are scanned for the
//! longest lexicon entries.

pub(crate) mod engine;
mod english;
mod hebrew;
mod thai;

pub use engine::LangParams;
#[doc(hidden)]
pub use hebrew::char_grams;
#[doc(hidden)]
pub use hebrew::off_topic_features;
#[doc(hidden)]
pub use hebrew::{LABEL_FEATURES, LABEL_FEATURE_NAMES, LABEL_OFF_TOPIC};

use crate::tokenize::Span;

/// A three-way sentiment label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Label {
    /// Positive.
    Pos,
    /// Neutral.
    #[default]
    Neu,
    /// Negative.
    Neg,
}

impl Label {
    /// `pos`, `neu` or `neg`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Pos => "pos",
            Label::Neu => "neu",
            Label::Neg => "neg",
        }
    }
}

/// Sentiment scores of a text.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sentiment {
    /// Overall score in [-1, 1].
    pub compound: f32,
    /// Share of positive weight, in [0, 1].
    pub pos: f32,
    /// Share of neutral weight, in [0, 1].
    pub neu: f32,
    /// Share of negative weight, in [0, 1].
    pub neg: f32,
    /// The three-way label.
    pub label: Label,
}

/// Why a token moved the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Rule {
    /// A lexicon entry.
    Lexicon,
    /// Negated by a preceding negator.
    Negation,
    /// Strengthened by an intensifier.
    Intensifier,
    /// Weakened by a dampener.
    Dampener,
    /// Weighted by a contrast word (but / แต่ / אבל).
    Contrast,
    /// Emphasised by capitals.
    Caps,
    /// Emphasised by exclamation marks.
    Punctuation,
    /// Emphasised by elongation.
    Elongation,
    /// An emoji or emoticon.
    Emoji,
    /// Laughter.
    Laughter,
    /// Weakened because the post asks a question.
    Question,
    /// Labelled neutral because the post reads as off-topic (Hebrew: links,
    /// spam, quoted text; a fitted score). Weight 0: the raw score is kept.
    /// The span is one of the (up to three) tokens that added most to the
    /// off-topic score, or the whole post when none added.
    OffTopic,
    /// Hebrew: the label was set by the fitted label model
    /// (`data/lexicon/he_label.tsv`, a class-balanced logistic regression
    /// over the post's scores and shape) where it differs from the label
    /// thresholds. The span is the token behind the feature that added most
    /// to the chosen label (the strongest sentiment word, a link, a number,
    /// an emoji, `?`, `!`, a quotation mark, the opening word), or the whole
    /// post for a feature of the whole post (its scores, its length); the
    /// weight is how much that feature added to the chosen label's score
    /// over the thresholds' label (log-odds). When the off-topic score
    /// decided, the evidence is [`Rule::OffTopic`] instead.
    LabelModel,
}

impl Rule {
    /// The snake-case name used in JSON output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Rule::Lexicon => "lexicon",
            Rule::Negation => "negation",
            Rule::Intensifier => "intensifier",
            Rule::Dampener => "dampener",
            Rule::Contrast => "contrast",
            Rule::Caps => "caps",
            Rule::Punctuation => "punctuation",
            Rule::Elongation => "elongation",
            Rule::Emoji => "emoji",
            Rule::Laughter => "laughter",
            Rule::Question => "question",
            Rule::OffTopic => "off_topic",
            Rule::LabelModel => "label_model",
        }
    }
}

/// One piece of evidence: a token span, the rule, and its contribution.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Evidence {
    /// Where in the text.
    pub span: Span,
    /// Which rule.
    pub rule: Rule,
    /// The signed contribution to the raw score (valence units).
    pub weight: f32,
}

/// The fixed held-out split used by the lexicon fitting tool and the eval
/// example: a text is held out when the FNV-1a hash of its words (joined by
/// single spaces) is 0 modulo 5. Equal texts (up to spacing) always fall on
/// the same side, so a duplicate never spans fitting and evaluation.
#[doc(hidden)]
pub fn is_held_out(text: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut first = true;
    for w in text.split_whitespace() {
        if !first {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        first = false;
        for b in w.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h % 5 == 0
}
