//! Scores posts: JSONL in, JSONL out.
//!
//! ```text
//! cargo run --release --example score -- [--tokens] [FILE]
//! ```
//!
//! Reads one JSON object per line from FILE (stdin without it): `{"id": string|number, "text": string}`
//! plus optional metadata. Writes one JSON line per good input line, in order. A bad line (invalid
//! UTF-8, not JSON, no text, wrong types) is reported on stderr as `line N: why` and skipped; the
//! rest is still scored. Exit status 1 if any line was rejected, 0 otherwise.

use std::io::{self, BufRead, BufWriter, Write};

use serde_json::{json, Map, Value};

fn main() {
    let mut with_tokens = false;
    let mut file = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--tokens" => with_tokens = true,
            "-h" | "--help" => {
                eprintln!("usage: score [--tokens] [FILE]");
                return;
            }
            _ if file.is_none() && !arg.starts_with("--") => file = Some(arg),
            _ => {
                eprintln!("score: unexpected argument `{arg}`");
                std::process::exit(2);
            }
        }
    }
    let input: Box<dyn BufRead> = match &file {
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                eprintln!("score: cannot open {path}: {e}");
                std::process::exit(2);
            }
        },
        None => Box::new(io::BufReader::new(io::stdin().lock())),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let summary = run(input, &mut out, with_tokens);
    if let Err(e) = out.flush() {
        eprintln!("score: cannot write output: {e}");
        std::process::exit(2);
    }
    eprintln!(
        "score: {} lines scored, {} rejected",
        summary.scored, summary.rejected
    );
    if summary.rejected > 0 {
        std::process::exit(1);
    }
}

/// Counts of what happened.
struct Summary {
    scored: usize,
    rejected: usize,
}

fn run(mut input: impl BufRead, out: &mut impl Write, with_tokens: bool) -> Summary {
    let mut summary = Summary {
        scored: 0,
        rejected: 0,
    };
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("line {}: read error: {e}", line_no + 1);
                summary.rejected += 1;
                break;
            }
        }
        line_no += 1;
        let line = trim_newline(&buf);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match score_line(line, with_tokens) {
            Ok(v) => {
                if writeln!(out, "{v}").is_err() {
                    eprintln!("score: output closed");
                    std::process::exit(2);
                }
                summary.scored += 1;
            }
            Err(why) => {
                eprintln!("line {line_no}: {why}");
                summary.rejected += 1;
            }
        }
    }
    summary
}

fn trim_newline(b: &[u8]) -> &[u8] {
    let b = b.strip_suffix(b"\n").unwrap_or(b);
    b.strip_suffix(b"\r").unwrap_or(b)
}

fn score_line(line: &[u8], with_tokens: bool) -> Result<Value, String> {
    let text = std::str::from_utf8(line)
        .map_err(|e| format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()))?;
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let id = match obj.get("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        Some(_) => return Err("`id` must be a string or a number".into()),
        None => return Err("missing `id`".into()),
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.as_str(),
        Some(_) => return Err("`text` must be a string".into()),
        None => return Err("missing `text`".into()),
    };
    let lang = match obj.get("lang") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => {
            Some(backlash::Lang::from_code(s).ok_or_else(|| format!("unknown `lang` {s:?}"))?)
        }
        Some(_) => return Err("`lang` must be a string".into()),
    };
    let lang = lang.unwrap_or_else(|| backlash::detect_lang(text));
    let mut out = Map::new();
    out.insert("id".into(), id);
    out.insert("lang".into(), json!(lang.code()));
    if with_tokens {
        let tokens: Vec<Value> = backlash::tokenize(text)
            .map(|t| {
                let mut m = Map::new();
                m.insert("text".into(), json!(t.text));
                m.insert("start".into(), json!(t.span.start));
                m.insert("end".into(), json!(t.span.end));
                m.insert("kind".into(), json!(t.kind.as_str()));
                m.insert("lang".into(), json!(t.lang.code()));
                if t.lang == backlash::Lang::Hebrew && t.kind == backlash::TokenKind::Word {
                    m.insert("prefixes".into(), json!(t.prefix()));
                }
                if t.norm != t.text {
                    m.insert("norm".into(), json!(t.norm));
                }
                Value::Object(m)
            })
            .collect();
        out.insert("tokens".into(), Value::Array(tokens));
    }
    Ok(Value::Object(out))
}
