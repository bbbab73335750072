//! # backlash
//!
//! Early warning of customer backlash in Thai, Hebrew and English social
//! text: which complaints are severe, which are about to spread, and when a
//! wave of them is turning into a revolt.
//!
//! ```
//! use backlash::{Analyzer, Channel, Label, Post};
//!
//! let analyzer = Analyzer::default(); // built once, shared by threads
//! let report = analyzer.assess(
//!     &Post::new("รอสายมา 2 ชั่วโมง ไม่มีใครรับเลย แย่มาก จะร้องเรียน สคบ.")
//!         .channel(Channel::PublicSocial)
//!         .followers(120_000),
//! );
//! assert_eq!(report.sentiment.label, Label::Neg);
//! assert!(report.complaint.is_complaint);
//! assert!(!report.reasons().is_empty());
//! ```
//!
//! ## Contents
//!
//! | module | what it is |
//! |---|---|
//! | [`tokenize`](mod@tokenize) | tokens with byte spans: Thai segmentation, Hebrew prefixes, English contractions, social-media tokens |
//! | [`sentiment`], [`lexicon`] | VADER-style scoring per language, with evidence; the lexicons |
//! | [`Analyzer`] | the entry point: [`Analyzer::analyze`], [`Analyzer::assess`], [`Analyzer::check_reply`] |
//! | [`complaint`] | complaint, categories, escalation intents, severity |
//! | [`post`], [`virality`](mod@virality) | what the caller knows of a post; virality risk and its factors |
//! | [`respond`](mod@respond) | response deadline, playbook step, reply check |
//! | [`monitor`] | stream alerts per topic and thread, advocates, checkpoint/restore, merge |
//!
//! Bad input never panics: any `&str` gets a result; metadata and saved
//! state are checked and refused with an [`Error`] (see [`post`] for what
//! each metadata field accepts).
//!
//! ## Huge texts
//!
//! There is no length cap. Tokenizing and sentiment take time linear in the
//! text, with no quadratic path, on any shape of input (tested up to 10 MB
//! per text in `tests/limits.rs`: long Thai runs with no dictionary word, `!`
//! runs, ZWJ chains, alternating scripts, one huge word, whitespace, mark
//! stacks, texts dense with complaint phrases, hashtags or apologies), and
//! so do [`Analyzer::assess`] and [`Analyzer::check_reply`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analyzer;
pub mod complaint;
mod error;
mod hash;
mod lang;
mod lazy;
pub mod lexicon;
pub mod monitor;
pub mod post;
mod report;
pub mod respond;
pub mod sentiment;
pub mod tokenize;
pub mod virality;

pub use analyzer::{analyze, Analysis, Analyzer, AnalyzerBuilder};
pub use complaint::{
    Category, Complaint, ComplaintAnalyzer, ComplaintAnalyzerBuilder, Hit, Intent, Reason,
    Severity, SeverityLevel,
};
pub use error::{text_from_bytes, Error};
pub use lang::{detect_lang, Lang, Script, ScriptTally};
pub use monitor::{Alert, AlertKind, Level, Monitor, MonitorConfig, Observation, Timestamp};
pub use post::{Channel, Post};
pub use report::{Report, StreamPost};
pub use respond::{
    check_reply, respond, CueKind, PlaybookStep, ReplyCheck, ReplyChecker, ReplyCredit, ReplyFlag,
    Response, Verdict,
};
pub use sentiment::{Evidence, Label, Rule, Sentiment};
pub use tokenize::{tokenize, Span, Token, TokenFlags, TokenKind, Tokenizer, Tokens};
pub use virality::{virality, Factor, FactorKind, RiskLevel, TextSignals, Virality};

/// The README's code blocks, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
