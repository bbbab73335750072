//! Rebuilds `data/hebrew/prefixes.bin`, the compiled form of the Hebrew
//! prefix table (`data/hebrew/prefixes.tsv`) and whole-word list
//! (`data/hebrew/whole_words.txt`) that the library embeds:
//!
//! ```text
//! cargo run --release --example hebrew_table
//! ```
//!
//! The output is deterministic; a unit test in `src/tokenize/hebrew.rs`
//! fails when the committed file differs from what the text files compile to.

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/hebrew");
    let table = std::fs::read_to_string(dir.join("prefixes.tsv"))?;
    let whole = std::fs::read_to_string(dir.join("whole_words.txt"))?;
    let bytes = backlash::tokenize::hebrew::compile_prefix_table(&table, &whole);
    let out = dir.join("prefixes.bin");
    std::fs::write(&out, &bytes)?;
    println!("{}: {} bytes", out.display(), bytes.len());
    Ok(())
}
