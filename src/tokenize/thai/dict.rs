//! The Thai dictionary: a double-array trie over Thai characters mapped to
//! one byte each (U+0E00..U+0E7F -> 0x00..0x7F, `.` -> 0x7F), with a cost
//! (negative log probability) on every state that ends a word.
//!
//! The trie is built once by the converter (`tools/thai_dict`) and shipped as
//! `data/thai/dict.bin`; loading it is a single pass over the bytes.
//!
//! File layout (little endian): magic `BKTHDA01`, `u32` slot count `n`, then
//! `n` slots of `base: u32`, `check: u32`, `cost: u16` (hundredths of a nat;
//! `0xFFFF` = not the end of a word).

use std::collections::BTreeMap;

/// Code of a character in the trie alphabet, or `None` outside it.
#[inline]
pub(crate) fn code_of(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x0E01..=0x0E7E).contains(&u) {
        Some((u - 0x0E00) as u8)
    } else if c == '.' {
        Some(DOT)
    } else {
        None
    }
}

/// The code of `.`.
pub(crate) const DOT: u8 = 0x7F;

const MAGIC: &[u8; 8] = b"BKTHDA01";
const FREE: u32 = u32::MAX;
const NO_COST: u16 = u16::MAX;
/// The root's `check`: no state has this id.
const ROOT_CHECK: u32 = u32::MAX - 1;
/// Costs are stored in hundredths of a nat.
const COST_SCALE: f32 = 100.0;

#[derive(Clone, Copy)]
struct Slot {
    base: u32,
    check: u32,
    cost: f32,
}

/// A double-array trie with a cost per word. Each slot is packed in a
/// `u64`: base (24 bits), check (24 bits), cost in hundredths of a nat (16
/// bits, `0xFFFF` = no word ends here), so a transition reads one word.
#[derive(Clone)]
pub(crate) struct Dict {
    slots: Vec<u64>,
    words: usize,
}

const MASK24: u64 = 0xFF_FFFF;
/// `check` of a free slot, packed.
const FREE24: u32 = 0xFF_FFFF;
/// `check` of the root, packed.
const ROOT24: u32 = 0xFF_FFFE;
/// At most this many slots (state ids must stay below `ROOT24`).
const MAX_SLOTS: usize = 0xFF_FFF0;

#[inline]
fn pack(base: u32, check: u32, cost: u16) -> u64 {
    (base as u64 & MASK24) | ((check as u64 & MASK24) << 24) | ((cost as u64) << 48)
}

#[inline]
fn cost_of(v: u64) -> f32 {
    let c = (v >> 48) as u16;
    if c == NO_COST {
        f32::INFINITY
    } else {
        c as f32 * (1.0 / COST_SCALE)
    }
}

fn quantize(cost: f32) -> u16 {
    if cost.is_finite() {
        (cost * COST_SCALE).round().clamp(0.0, (NO_COST - 1) as f32) as u16
    } else {
        NO_COST
    }
}

impl core::fmt::Debug for Dict {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Dict")
            .field("slots", &self.slots.len())
            .field("words", &self.words)
            .finish()
    }
}

/// Why dictionary bytes did not load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadDict(pub &'static str);

impl Dict {
    /// The root state.
    pub(crate) const ROOT: u32 = 0;

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.words
    }

    /// The state after `code` from `state`, if any.
    #[inline(always)]
    pub(crate) fn next(&self, state: u32, code: u8) -> Option<u32> {
        let base = (*self.slots.get(state as usize)? & MASK24) as u32;
        let t = base.wrapping_add(code as u32);
        match self.slots.get(t as usize) {
            Some(&v) if ((v >> 24) & MASK24) as u32 == state => Some(t),
            _ => None,
        }
    }

    /// The cost of the word ending in `state` (infinite if none does).
    #[inline(always)]
    pub(crate) fn cost(&self, state: u32) -> f32 {
        self.slots
            .get(state as usize)
            .map_or(f32::INFINITY, |&v| cost_of(v))
    }

    /// The highest cost of a word.
    #[cfg(test)]
    pub(crate) fn max_cost(&self) -> f32 {
        self.slots
            .iter()
            .map(|&v| cost_of(v))
            .filter(|c| c.is_finite())
            .fold(f32::NEG_INFINITY, f32::max)
    }

    /// The cost of `word`, if it is in the dictionary.
    pub(crate) fn lookup(&self, word: &str) -> Option<f32> {
        let mut s = Self::ROOT;
        for c in word.chars() {
            s = self.next(s, code_of(c)?)?;
        }
        let cost = self.cost(s);
        cost.is_finite().then_some(cost)
    }

    /// Builds the trie from words (as code strings) and their costs. Words
    /// that are empty are skipped; a repeated word keeps its lowest cost.
    /// Costs are kept to hundredths of a nat.
    pub(crate) fn build(entries: &[(Vec<u8>, f32)]) -> Dict {
        // A plain trie first: children as sorted maps.
        let mut kids: Vec<BTreeMap<u8, u32>> = vec![BTreeMap::new()];
        let mut cost: Vec<f32> = vec![f32::INFINITY];
        let mut words = 0;
        for (w, c) in entries {
            if w.is_empty() || !c.is_finite() {
                continue;
            }
            // Keep state ids within the packed range (far beyond any real
            // word list).
            if kids.len() + w.len() > MAX_SLOTS / 2 {
                break;
            }
            let mut n = 0usize;
            for &b in w {
                let next = kids.len() as u32;
                let e = *kids[n].entry(b).or_insert(next);
                if e == next {
                    kids.push(BTreeMap::new());
                    cost.push(f32::INFINITY);
                }
                n = e as usize;
            }
            if cost[n].is_infinite() {
                words += 1;
            }
            cost[n] = cost[n].min(*c);
        }
        // Place nodes breadth first.
        let mut slots = vec![
            Slot {
                base: 0,
                check: FREE,
                cost: f32::INFINITY
            };
            256
        ];
        slots[0].check = ROOT_CHECK; // root is taken
        slots[0].cost = cost[0];
        let mut queue = std::collections::VecDeque::new();
        queue.push_back((0usize, 0u32));
        let mut first_free = 1usize;
        while let Some((node, slot)) = queue.pop_front() {
            let labels: Vec<u8> = kids[node].keys().copied().collect();
            if labels.is_empty() {
                continue;
            }
            let l0 = labels[0] as usize;
            let span = *labels.last().unwrap_or(&0) as usize - l0;
            let mut p = first_free.max(l0 + 1);
            let mut tries = 0usize;
            let b = loop {
                if p + span + 1 > slots.len() {
                    let len = (p + span + 1).max(slots.len() * 5 / 4);
                    slots.resize(
                        len,
                        Slot {
                            base: 0,
                            check: FREE,
                            cost: f32::INFINITY,
                        },
                    );
                }
                if slots[p].check == FREE {
                    let b = p - l0;
                    if labels.iter().all(|&l| slots[b + l as usize].check == FREE) {
                        break b;
                    }
                    tries += 1;
                }
                p += 1;
            };
            slots[slot as usize].base = b as u32;
            for (&l, &child) in &kids[node] {
                let t = b + l as usize;
                slots[t].check = slot;
                slots[t].cost = cost[child as usize];
                queue.push_back((child as usize, t as u32));
            }
            // Give up on the holes before a crowded stretch (as darts does).
            if tries > 32 {
                first_free = p;
            }
            while first_free < slots.len() && slots[first_free].check != FREE {
                first_free += 1;
            }
        }
        // Trim unused tail.
        while slots.len() > 1 && slots.last().is_some_and(|s| s.check == FREE) {
            slots.pop();
        }
        let packed = slots
            .iter()
            .map(|s| match s.check {
                FREE => pack(0, FREE24, NO_COST),
                ROOT_CHECK => pack(s.base, ROOT24, quantize(s.cost)),
                c => pack(s.base, c, quantize(s.cost)),
            })
            .collect();
        Dict {
            slots: packed,
            words,
        }
    }

    /// Serialises the trie (see the module docs for the layout).
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.slots.len() * 10);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.slots.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.words as u32).to_le_bytes());
        for &v in &self.slots {
            out.extend_from_slice(&((v & MASK24) as u32).to_le_bytes());
        }
        for &v in &self.slots {
            let c = match ((v >> 24) & MASK24) as u32 {
                FREE24 => FREE,
                ROOT24 => ROOT_CHECK,
                c => c,
            };
            out.extend_from_slice(&c.to_le_bytes());
        }
        for &v in &self.slots {
            out.extend_from_slice(&((v >> 48) as u16).to_le_bytes());
        }
        out
    }

    /// Loads a serialised trie.
    pub(crate) fn from_bytes(b: &[u8]) -> Result<Dict, BadDict> {
        if b.len() < 16 || &b[..8] != MAGIC {
            return Err(BadDict("not a Thai dictionary file"));
        }
        let u32_at = |i: usize| -> u32 {
            let mut a = [0u8; 4];
            a.copy_from_slice(&b[i..i + 4]);
            u32::from_le_bytes(a)
        };
        let n = u32_at(8) as usize;
        let words = u32_at(12) as usize;
        if b.len() != 16 + n * 10 {
            return Err(BadDict("truncated Thai dictionary file"));
        }
        let bases = &b[16..16 + 4 * n];
        let checks = &b[16 + 4 * n..16 + 8 * n];
        let costs = &b[16 + 8 * n..];
        if n > MAX_SLOTS {
            return Err(BadDict("Thai dictionary file too large"));
        }
        let mut slots = Vec::with_capacity(n);
        for ((base, check), cost) in bases
            .chunks_exact(4)
            .zip(checks.chunks_exact(4))
            .zip(costs.chunks_exact(2))
        {
            let base = u32::from_le_bytes([base[0], base[1], base[2], base[3]]);
            let check = match u32::from_le_bytes([check[0], check[1], check[2], check[3]]) {
                FREE => FREE24,
                ROOT_CHECK => ROOT24,
                c if (c as usize) < n => c,
                _ => return Err(BadDict("bad state in Thai dictionary file")),
            };
            if base as usize >= MAX_SLOTS {
                return Err(BadDict("bad base in Thai dictionary file"));
            }
            slots.push(pack(base, check, u16::from_le_bytes([cost[0], cost[1]])));
        }
        Ok(Dict { slots, words })
    }

    /// Every word with its cost (for the converter and tests).
    pub(crate) fn entries(&self) -> Vec<(String, f32)> {
        let mut out = Vec::new();
        let mut stack = vec![(Self::ROOT, String::new())];
        while let Some((s, w)) = stack.pop() {
            let c = self.cost(s);
            if c.is_finite() && !w.is_empty() {
                out.push((w.clone(), c));
            }
            for code in 1..=0x7Fu8 {
                if let Some(t) = self.next(s, code) {
                    let ch = if code == DOT {
                        '.'
                    } else {
                        char::from_u32(0x0E00 + code as u32).unwrap_or('\u{FFFD}')
                    };
                    let mut w2 = w.clone();
                    w2.push(ch);
                    stack.push((t, w2));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// Maps a word to trie codes; `None` if it has a character outside the alphabet.
pub(crate) fn codes(word: &str) -> Option<Vec<u8>> {
    word.chars().map(code_of).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(words: &[(&str, f32)]) -> Dict {
        let e: Vec<_> = words
            .iter()
            .map(|(w, c)| (codes(w).expect("thai"), *c))
            .collect();
        Dict::build(&e)
    }

    #[test]
    fn build_lookup_roundtrip() {
        let d = dict(&[("กิน", 5.0), ("กินข้าว", 7.5), ("ข้าว", 6.0), ("ชม.", 9.0)]);
        assert_eq!(d.len(), 4);
        assert_eq!(d.lookup("กิน"), Some(5.0));
        assert_eq!(d.lookup("กินข้าว"), Some(7.5));
        assert_eq!(d.lookup("ชม."), Some(9.0));
        assert_eq!(d.lookup("กินข"), None);
        assert_eq!(d.lookup("ขา"), None);
        assert_eq!(d.lookup("abc"), None);
        let d2 = Dict::from_bytes(&d.to_bytes()).expect("loads");
        assert_eq!(d2.lookup("กินข้าว"), Some(7.5));
        assert_eq!(d2.lookup("ข้าว"), Some(6.0));
        assert_eq!(d2.entries().len(), 4);
    }

    #[test]
    fn bad_bytes_are_refused() {
        assert!(Dict::from_bytes(b"nope").is_err());
        let mut b = dict(&[("กิน", 1.0)]).to_bytes();
        b.pop();
        assert!(Dict::from_bytes(&b).is_err());
    }
}
