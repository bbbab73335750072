//! JSONL plumbing shared by the `score`, `monitor`, `triage`, `shards` and
//! `check_reply` examples: one rule for what a line is and when it is bad,
//! one post reader.
//!
//! A line ends at `\n` (a `\r` before it is dropped); a UTF-8 byte-order
//! mark at the start of line 1 is dropped; a line of ASCII whitespace only
//! is skipped without a report; a line that is not UTF-8 is rejected with
//! the byte where it goes wrong. Line numbers are 1-based and count every
//! line, blank ones included.
#![allow(dead_code)]

use std::io::{self, BufRead};

use backlash::post::PostRecord;

/// The input of an example: the file at `path`, or `default` (standard
/// input, or an embedded sample) when there is none. A file that cannot be
/// opened ends the program with status 2, as DESIGN.md's contracts say.
pub fn open_input(path: Option<&str>, default: Box<dyn BufRead>) -> Box<dyn BufRead> {
    match path {
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                eprintln!("cannot open {path}: {e}");
                std::process::exit(2);
            }
        },
        None => default,
    }
}

/// The text of input line `line_no` (1-based) given its raw bytes (with or
/// without the line end): `Ok(None)` for a blank line, `Err(why)` for bytes
/// that are not UTF-8.
pub fn line_text(line_no: usize, raw: &[u8]) -> Result<Option<&str>, String> {
    let b = raw.strip_suffix(b"\n").unwrap_or(raw);
    let b = b.strip_suffix(b"\r").unwrap_or(b);
    let b = if line_no == 1 {
        b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
    } else {
        b
    };
    if b.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    backlash::text_from_bytes(b)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Calls `f(line_no, Ok(text))` for every non-blank UTF-8 line of `input`
/// and `f(line_no, Err(why))` for every line that is not UTF-8. Returns the
/// number of lines read; stops at the first read error.
pub fn for_each_line(
    mut input: impl BufRead,
    mut f: impl FnMut(usize, Result<&str, String>),
) -> io::Result<usize> {
    let mut n = 0;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            return Ok(n);
        }
        n += 1;
        match line_text(n, &buf) {
            Ok(Some(text)) => f(n, Ok(text)),
            Ok(None) => {}
            Err(why) => f(n, Err(why)),
        }
    }
}

/// The report for a serde_json error on a line: syntax errors are `not
/// JSON: …`, a value of the wrong shape (array, string, number) is `not a
/// JSON object`.
pub fn json_error(e: &serde_json::Error) -> String {
    if e.is_data() {
        "not a JSON object".to_string()
    } else {
        format!("not JSON: {e}")
    }
}

/// One post line: `{"id", "text", ...metadata}` checked by
/// [`PostRecord`]. `Err(why)` names the bad field.
pub fn parse_post(text: &str) -> Result<PostRecord, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let rec = PostRecord::read(&mut de).map_err(|e| json_error(&e))?;
    de.end().map_err(|e| json_error(&e))?;
    rec.map_err(|e| e.to_string())
}
