//! Languages and scripts: what language a token or a whole text is in.
//!
//! The crate works with three languages, told apart by script: Thai script is
//! Thai, Hebrew script is Hebrew, Latin script is English. A text's language is
//! the script with the largest share of its letters.

use core::fmt;

/// A language the crate knows, or [`Lang::Unknown`] for script-neutral tokens
/// (numbers, punctuation, emoji) and texts with no Thai, Hebrew or Latin letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Lang {
    /// Thai (`th`).
    #[cfg_attr(feature = "serde", serde(rename = "th"))]
    Thai,
    /// Hebrew (`he`).
    #[cfg_attr(feature = "serde", serde(rename = "he"))]
    Hebrew,
    /// English, or any Latin-script text (`en`).
    #[cfg_attr(feature = "serde", serde(rename = "en"))]
    English,
    /// No language: a script-neutral token, or a text without letters of the
    /// three scripts (`und`).
    #[default]
    #[cfg_attr(feature = "serde", serde(rename = "und"))]
    Unknown,
}

impl Lang {
    /// The BCP 47 code: `th`, `he`, `en`, or `und`.
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Thai => "th",
            Lang::Hebrew => "he",
            Lang::English => "en",
            Lang::Unknown => "und",
        }
    }

    /// Parses a BCP 47 code or an English language name (case-insensitive).
    ///
    /// ```
    /// use backlash::Lang;
    /// assert_eq!(Lang::from_code("TH"), Some(Lang::Thai));
    /// assert_eq!(Lang::from_code("iw"), Some(Lang::Hebrew));
    /// assert_eq!(Lang::from_code("klingon"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Lang> {
        let c = code.trim();
        let eq = |s: &str| c.eq_ignore_ascii_case(s);
        if eq("th") || eq("tha") || eq("thai") {
            Some(Lang::Thai)
        } else if eq("he") || eq("iw") || eq("heb") || eq("hebrew") {
            Some(Lang::Hebrew)
        } else if eq("en") || eq("eng") || eq("english") {
            Some(Lang::English)
        } else if eq("und") || eq("unknown") {
            Some(Lang::Unknown)
        } else {
            None
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The writing system of a character, as far as the crate cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// Thai letters, vowels, tone marks and signs (U+0E00–U+0E7F, without digits).
    Thai,
    /// Hebrew letters and points (U+0590–U+05FF, presentation forms U+FB1D–U+FB4F).
    Hebrew,
    /// Latin letters, including full-width forms.
    Latin,
    /// Letters of any other script.
    OtherLetter,
    /// Anything that is not a letter.
    None,
}

impl Script {
    /// The script of one character.
    #[inline]
    pub fn of(c: char) -> Script {
        let u = c as u32;
        if u < 0x80 {
            return if c.is_ascii_alphabetic() {
                Script::Latin
            } else {
                Script::None
            };
        }
        match u {
            0x0E01..=0x0E3A | 0x0E40..=0x0E4E => Script::Thai,
            0x0591..=0x05C7 | 0x05D0..=0x05EA | 0x05EF..=0x05F2 | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x00C0..=0x024F | 0x1E00..=0x1EFF | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
                if c.is_alphabetic() {
                    Script::Latin
                } else {
                    Script::None
                }
            }
            _ if c.is_alphabetic() => Script::OtherLetter,
            _ => Script::None,
        }
    }

    /// The language a word in this script is taken to be in.
    pub const fn lang(self) -> Lang {
        match self {
            Script::Thai => Lang::Thai,
            Script::Hebrew => Lang::Hebrew,
            Script::Latin => Lang::English,
            Script::OtherLetter | Script::None => Lang::Unknown,
        }
    }
}

/// Tallies letters per script to decide the language of a whole text.
///
/// Each letter of Thai, Hebrew or Latin script counts once; the largest
/// share wins, ties go to Thai, then Hebrew, then English (the scripts whose
/// presence is the stronger signal in mixed social text, where English brand
/// names are common).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptTally {
    /// Thai letters seen.
    pub thai: usize,
    /// Hebrew letters seen.
    pub hebrew: usize,
    /// Latin letters seen.
    pub latin: usize,
}

impl ScriptTally {
    /// Counts the letters of `text`.
    pub fn of(text: &str) -> ScriptTally {
        let mut t = ScriptTally::default();
        t.add(text);
        t
    }

    /// Adds the letters of `text` to the tally. Links (`http://…`,
    /// `https://…`, `www.…`, up to the next space) are not counted: their
    /// Latin letters say nothing of the language of the text around them.
    pub fn add(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        while let Some(rest) = text.get(i..) {
            let Some(c) = rest.chars().next() else {
                break;
            };
            if let Some(n) = link_len(&b[i..]) {
                i += n;
                continue;
            }
            match Script::of(c) {
                Script::Thai => self.thai += 1,
                Script::Hebrew => self.hebrew += 1,
                Script::Latin => self.latin += 1,
                _ => {}
            }
            i += c.len_utf8();
        }
    }

    /// The winning language, or [`Lang::Unknown`] when no letter was seen.
    pub fn lang(&self) -> Lang {
        let best = self.thai.max(self.hebrew).max(self.latin);
        if best == 0 {
            Lang::Unknown
        } else if self.thai == best {
            Lang::Thai
        } else if self.hebrew == best {
            Lang::Hebrew
        } else {
            Lang::English
        }
    }
}

/// The length of the link starting at `b[0]` (`http://`, `https://` or
/// `www.`, any case, up to the next ASCII space or the end), if one does.
#[inline]
pub(crate) fn link_len(b: &[u8]) -> Option<usize> {
    if !matches!(b.first(), Some(b'h' | b'H' | b'w' | b'W')) {
        return None;
    }
    let starts = |p: &[u8]| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    Some(
        b.iter()
            .position(|c| c.is_ascii_whitespace())
            .unwrap_or(b.len()),
    )
}

/// The language of a whole text, by the script share of its letters
/// (letters of links not counted).
///
/// ```
/// use backlash::{detect_lang, Lang};
/// assert_eq!(detect_lang("รอสายมา 2 ชั่วโมง"), Lang::Thai);
/// assert_eq!(detect_lang("השירות של Apple גרוע"), Lang::Hebrew);
/// assert_eq!(detect_lang("still waiting"), Lang::English);
/// assert_eq!(detect_lang("!!! 123"), Lang::Unknown);
/// assert_eq!(detect_lang("גרוע https://example.com/a-very-long-english-path"), Lang::Hebrew);
/// ```
pub fn detect_lang(text: &str) -> Lang {
    ScriptTally::of(text).lang()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(Script::of('ก'), Script::Thai);
        assert_eq!(Script::of('ๆ'), Script::Thai);
        assert_eq!(Script::of('๕'), Script::None);
        assert_eq!(Script::of('ש'), Script::Hebrew);
        assert_eq!(Script::of('\u{05B8}'), Script::Hebrew);
        assert_eq!(Script::of('é'), Script::Latin);
        assert_eq!(Script::of('Ａ'), Script::Latin);
        assert_eq!(Script::of('Ж'), Script::OtherLetter);
        assert_eq!(Script::of('7'), Script::None);
    }

    #[test]
    fn mixed_text_language() {
        assert_eq!(detect_lang("ซื้อ iPhone ที่ร้านนี้"), Lang::Thai);
        assert_eq!(detect_lang(""), Lang::Unknown);
    }
}
