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
mod error;
mod lang;
pub mod lexicon;
pub mod sentiment;
pub mod tokenize;

pub use analyzer::{analyze, Analysis, Analyzer, AnalyzerBuilder};
pub use error::{text_from_bytes, Error};
pub use lang::{detect_lang, Lang, Script, ScriptTally};
pub use sentiment::{Evidence, Label, Rule, Sentiment};
pub use tokenize::{tokenize, Span, Token, TokenFlags, TokenKind, Tokenizer, Tokens};
