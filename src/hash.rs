//! The crate's one fast hasher for its own short keys (lexicon terms, cue
//! words, characters). The keys are the crate's data, so flooding
//! resistance is not needed.

use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (the Fx multiply-rotate scheme)
/// for lexicon lookups on short keys.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

pub(crate) const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;

/// A word of at most fifteen bytes as two integers: its bytes in order
/// (little-endian), zero-padded, with its length in the top byte. Keys of
/// direct-mapped tables, compared without touching other memory; never all
/// zero for a non-empty word. `None` for a longer word.
#[inline]
pub(crate) fn pack16(w: &str) -> Option<[u64; 2]> {
    let b = w.as_bytes();
    let n = b.len();
    // Overlapping loads instead of a byte loop or a variable-length copy:
    // the bytes a load shares with another land at the same place, so OR
    // joins them.
    let load = |at: usize, k: usize| -> u64 {
        let mut x = [0u8; 8];
        if let (Some(dst), Some(src)) = (x.get_mut(..k), b.get(at..at + k)) {
            dst.copy_from_slice(src);
        }
        u64::from_le_bytes(x)
    };
    let (lo, hi) = match n {
        0 => (0, 0),
        1..=3 => {
            let at = |i: usize| u64::from(b.get(i).copied().unwrap_or(0)) << (8 * i);
            (at(0) | at(n / 2) | at(n - 1), 0)
        }
        4..=7 => (load(0, 4) | load(n - 4, 4) << (8 * (n - 4)), 0),
        8 => (load(0, 8), 0),
        9..=15 => (load(0, 8), load(n - 8, 8) >> (8 * (16 - n))),
        _ => return None,
    };
    Some([lo, hi | (n as u64) << 56])
}

/// The slot of a [`pack16`] key in a table of `1 << bits` slots.
#[inline]
pub(crate) fn slot16(p: [u64; 2], bits: u32) -> usize {
    let h = (p[0].wrapping_mul(FX_SEED).rotate_left(5) ^ p[1]).wrapping_mul(FX_SEED);
    (h >> (64 - bits.clamp(1, 63))) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack16_is_bytes_then_length() {
        // The reference: byte i at bits 8 * (i % 8) of word i / 8.
        let abc = "abcdefghijklmnop";
        let lengths = (0..abc.len()).map(|n| &abc[..n]);
        for w in lengths.chain(["ñandú", "שלום", "zyxwvutsrqponm"]) {
            let b = w.as_bytes();
            let mut x = [0u64, (b.len() as u64) << 56];
            for (i, &c) in b.iter().enumerate() {
                x[i / 8] |= u64::from(c) << (8 * (i % 8));
            }
            assert_eq!(pack16(w), Some(x), "{w}");
        }
        assert_eq!(pack16("abcdefghijklmnop"), None);
        assert_ne!(pack16("ab"), pack16("ab\0"));
        assert!(slot16([1, 2], 7) < 128);
    }
}
