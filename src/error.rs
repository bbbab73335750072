//! The crate's error type.

use core::fmt;

/// What can go wrong when the crate is given bad input or bad configuration.
///
/// Analysis of text never fails: any `&str`, empty or huge, gets a result.
/// Errors come from the edges: bytes that are not UTF-8, metadata that makes
/// no sense, custom lexicon lines that do not parse, state that does not
/// deserialize.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The input bytes are not valid UTF-8; `valid_up_to` bytes were.
    InvalidUtf8 {
        /// Length of the longest valid prefix.
        valid_up_to: usize,
    },
    /// A metadata value is out of its domain (negative, NaN, infinite).
    InvalidMetadata {
        /// The field's name.
        field: &'static str,
        /// Why the value was refused.
        reason: String,
    },
    /// A required field of a record is absent (or `null`).
    MissingField {
        /// The field's name.
        field: &'static str,
    },
    /// A line of a lexicon or cue list did not parse.
    Lexicon {
        /// 1-based line number.
        line: usize,
        /// What was wrong.
        reason: String,
    },
    /// Saved state could not be restored or merged.
    State(String),
    /// An event arrived later than the monitor's lateness allows; it was
    /// dropped.
    LateEvent {
        /// The dropped event's id.
        id: String,
        /// How far behind its topic's or thread's newest event it was.
        behind_secs: i64,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidUtf8 { valid_up_to } => {
                write!(f, "invalid UTF-8 after byte {valid_up_to}")
            }
            Error::InvalidMetadata { field, reason } => write!(f, "invalid `{field}`: {reason}"),
            Error::MissingField { field } => write!(f, "missing `{field}`"),
            Error::Lexicon { line, reason } => write!(f, "lexicon line {line}: {reason}"),
            Error::State(why) => write!(f, "state: {why}"),
            Error::LateEvent { id, behind_secs } => {
                write!(
                    f,
                    "event {id} dropped: {behind_secs} s behind its topic or thread"
                )
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<core::str::Utf8Error> for Error {
    fn from(e: core::str::Utf8Error) -> Self {
        Error::InvalidUtf8 {
            valid_up_to: e.valid_up_to(),
        }
    }
}

/// Checks that `bytes` are UTF-8 and returns them as text.
///
/// ```
/// assert!(backlash::text_from_bytes(b"ok").is_ok());
/// let err = backlash::text_from_bytes(b"bad \xff").unwrap_err();
/// assert_eq!(err.to_string(), "invalid UTF-8 after byte 4");
/// ```
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, Error> {
    Ok(core::str::from_utf8(bytes)?)
}
