//! Sentiment: a VADER-style lexicon and rules engine for Thai, Hebrew and
//! English, with the evidence behind every score.
//!
//! STUB: types only (issue 3 builds the engine).

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
