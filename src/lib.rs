//! # backlash
//!
//! Early warning of customer backlash in Thai, Hebrew and English social text.
//!
//! ```
//! let tokens: Vec<_> = backlash::tokenize("รอสายมา 2 ชั่วโมง แย่มาก!!!").collect();
//! assert!(!tokens.is_empty());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod analyzer;
pub mod complaint;
mod error;
mod lang;
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
