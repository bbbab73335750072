//! Thai word segmentation.
//!
//! STUB: the whole Thai run is one word. To be replaced by the dictionary
//! segmenter (issue 2).

use std::borrow::Cow;
use std::collections::HashSet;

use super::TokenFlags;

/// Dictionary-based Thai word segmenter, with optional user words.
#[derive(Debug, Clone, Default)]
pub struct ThaiSegmenter {
    user: HashSet<String>,
}

impl ThaiSegmenter {
    /// A segmenter over the embedded dictionary.
    pub fn new() -> ThaiSegmenter {
        ThaiSegmenter::default()
    }

    /// Adds a word to the user dictionary.
    pub fn add_word(&mut self, word: &str) {
        self.user.insert(word.to_string());
    }

    /// Segments a run of Thai text (Thai characters, and dots after them),
    /// pushing the end offset (relative to `run`) of each word onto `ends`,
    /// in order; the last pushed value is `run.len()`.
    pub fn segment_into(&self, run: &str, ends: &mut Vec<usize>) {
        if !run.is_empty() {
            ends.push(run.len());
        }
    }

    /// The lookup form of a Thai word (elongation squeezed, `ๆ` removed) and
    /// its flags.
    pub fn normalize<'a>(&self, word: &'a str) -> (Cow<'a, str>, TokenFlags) {
        (Cow::Borrowed(word), TokenFlags::empty())
    }
}
