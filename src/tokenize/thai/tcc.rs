//! Thai Character Clusters: the units a Thai word boundary may never split.
//!
//! A cluster is a consonant with the marks and following vowels that belong to
//! it, with a leading vowel (เ แ โ ใ ไ) attached to the consonant after it. A
//! few vowel patterns span a consonant letter (เ–ีย, เ–ือ, –ัว), and a
//! silenced consonant (with ์, possibly after ิ or ุ: `ร์`, `ดิ์`) joins the
//! cluster before it. The repetition mark `ๆ` and elongation (`ค่าาา`) stay
//! with what precedes them. A `.` is a cluster of its own.

/// Marks above or below a consonant (and the vowels that combine like them).
#[inline]
pub(crate) fn is_combining(c: u32) -> bool {
    matches!(c, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E)
}

/// Vowels written after their consonant that never start a cluster.
#[inline]
pub(crate) fn is_following_vowel(c: u32) -> bool {
    matches!(c, 0x0E30 | 0x0E32 | 0x0E33 | 0x0E45)
}

/// Vowels written before their consonant.
#[inline]
pub(crate) fn is_leading_vowel(c: u32) -> bool {
    (0x0E40..=0x0E44).contains(&c)
}

/// Thai consonants (with ฤ ฦ).
#[inline]
pub(crate) fn is_consonant(c: u32) -> bool {
    (0x0E01..=0x0E2E).contains(&c)
}

const THANTHAKHAT: u32 = 0x0E4C;
const MAI_YAMOK: u32 = 0x0E46;

/// The byte offsets of `text` where a cluster may start or end, in order,
/// from `0` to `text.len()` (both included; none for empty text). Characters
/// other than Thai letters and marks stand alone.
///
/// ```
/// use backlash::tokenize::thai::tcc::cluster_boundaries;
/// // เ|ขา|ไป: "เขา" and "ไป" are single clusters.
/// assert_eq!(cluster_boundaries("เขาไป"), [0, 9, 15]);
/// ```
pub fn cluster_boundaries(text: &str) -> Vec<usize> {
    let chars: Vec<u32> = text.chars().map(|c| c as u32).collect();
    let mut b = Vec::new();
    boundaries(&chars, &mut b);
    let offs = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    offs.zip(b)
        .filter(|&(_, ok)| ok)
        .map(|(i, _)| i)
        .filter(|_| !text.is_empty())
        .collect()
}

#[inline]
fn is_thai(c: u32) -> bool {
    (0x0E01..=0x0E7E).contains(&c)
}

/// For each char index `i` of `chars` (code points), whether a cluster may
/// start there; writes `chars.len() + 1` flags (the first and last are true).
pub(crate) fn boundaries(chars: &[u32], out: &mut Vec<bool>) {
    out.clear();
    out.reserve(chars.len() + 1);
    let n = chars.len();
    // State of the current cluster.
    let mut lead_e = false;
    let mut saw_ii = false; // ี
    let mut saw_uee = false; // ื
    let mut saw_han = false; // ั
    for i in 0..n {
        let c = chars[i];
        let b = if i == 0 {
            true
        } else {
            let prev = chars[i - 1];
            let dot = !is_thai(c) || !is_thai(prev);
            if dot {
                true
            } else if is_combining(c)
                || is_following_vowel(c)
                || c == MAI_YAMOK
                || is_leading_vowel(prev)
                || (is_consonant(c) && silenced(chars, i))
            {
                false
            } else if (c == 0x0E22 && lead_e && saw_ii) // ย in เ–ีย
                || (c == 0x0E2D && lead_e && saw_uee) // อ in เ–ือ
                || (c == 0x0E27 && saw_han && !lead_e)
            // ว in –ัว
            {
                // The vowel is complete; a final consonant starts anew.
                saw_ii = false;
                saw_uee = false;
                saw_han = false;
                false
            } else {
                true
            }
        };
        if b {
            lead_e = c == 0x0E40;
            saw_ii = false;
            saw_uee = false;
            saw_han = false;
        }
        match c {
            0x0E35 => saw_ii = true,
            0x0E37 => saw_uee = true,
            0x0E31 => saw_han = true,
            _ => {}
        }
        out.push(b);
    }
    out.push(true);
}

/// Whether the consonant at `i` is silenced (`ร์`, `ดิ์`, `ตุ์`).
#[inline]
fn silenced(chars: &[u32], i: usize) -> bool {
    match chars.get(i + 1) {
        Some(&THANTHAKHAT) => true,
        Some(&(0x0E34 | 0x0E38)) => chars.get(i + 2) == Some(&THANTHAKHAT),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(s: &str) -> Vec<String> {
        let chars: Vec<u32> = s.chars().map(|c| c as u32).collect();
        let mut b = Vec::new();
        boundaries(&chars, &mut b);
        let mut out = Vec::new();
        let mut cur = String::new();
        for (i, c) in s.chars().enumerate() {
            if b[i] && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }

    #[test]
    fn clusters_of_words() {
        assert_eq!(clusters("เขา"), ["เขา"]);
        assert_eq!(clusters("แล้ว"), ["แล้", "ว"]);
        assert_eq!(clusters("เรียน"), ["เรีย", "น"]);
        assert_eq!(clusters("เสี่ยง"), ["เสี่ย", "ง"]);
        assert_eq!(clusters("เมือง"), ["เมือ", "ง"]);
        assert_eq!(clusters("ตัว"), ["ตัว"]);
        assert_eq!(clusters("เบียร์"), ["เบียร์"]);
        assert_eq!(clusters("จันทร์"), ["จั", "น", "ทร์"]);
        assert_eq!(clusters("ศักดิ์"), ["ศั", "กดิ์"]);
        assert_eq!(clusters("ดีๆ"), ["ดีๆ"]);
        assert_eq!(clusters("ค่าาาา"), ["ค่าาาา"]);
        assert_eq!(clusters("ชม."), ["ช", "ม", "."]);
        assert_eq!(clusters("กิน"), ["กิ", "น"]);
        assert_eq!(clusters("ไป"), ["ไป"]);
    }

    #[test]
    fn odd_input_never_panics() {
        for s in ["", "ั", "เ", "เเเ", "์์", "ๆๆ", "...", "ร์", "เีย"] {
            let _ = clusters(s);
        }
    }
}
