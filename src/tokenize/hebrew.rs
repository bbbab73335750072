//! Hebrew word handling: normalisation and proclitic prefixes.
//!
//! STUB: prefixes are not yet analysed (issue 2).

use std::borrow::Cow;
use std::collections::HashSet;

use super::TokenFlags;

/// Finds proclitic prefixes (ו ה ב כ ל מ ש and their chains) of Hebrew words.
#[derive(Debug, Clone, Default)]
pub struct HebrewAnalyzer {
    user: HashSet<String>,
}

impl HebrewAnalyzer {
    /// An analyser over the embedded word list.
    pub fn new() -> HebrewAnalyzer {
        HebrewAnalyzer::default()
    }

    /// Adds a known word (without prefixes).
    pub fn add_word(&mut self, word: &str) {
        self.user.insert(word.to_string());
    }

    /// Byte length of the proclitic prefix at the start of the normalised
    /// word `norm`, or 0 when the word has none.
    pub fn prefix_len(&self, norm: &str) -> usize {
        let _ = norm;
        0
    }
}

/// The lookup form of a Hebrew word: points and cantillation removed, geresh
/// and gershayim written as ASCII `'` and `"`. Returns flags (elongation).
pub fn normalize(word: &str) -> (Cow<'_, str>, TokenFlags) {
    let needs = word
        .chars()
        .any(|c| ('\u{0591}'..='\u{05C7}').contains(&c) || c == '\u{05F3}' || c == '\u{05F4}');
    if !needs {
        return (Cow::Borrowed(word), TokenFlags::empty());
    }
    let s: String = word
        .chars()
        .filter_map(|c| match c {
            '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05C6}' => Some(c),
            '\u{0591}'..='\u{05C7}' => None,
            '\u{05F3}' => Some('\''),
            '\u{05F4}' => Some('"'),
            c => Some(c),
        })
        .collect();
    (Cow::Owned(s), TokenFlags::empty())
}

/// Whether a normalised Hebrew word is laughter (`חחח`, three or more ח).
pub fn is_laughter(norm: &str) -> bool {
    norm.chars().count() >= 3 && norm.chars().all(|c| c == 'ח')
}
