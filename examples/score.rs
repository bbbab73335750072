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

use backlash::{Analyzer, Channel, Post};
use serde_json::{json, Map, Value};

fn main() {
    let mut with_tokens = false;
    let mut file = None;
    let mut jobs = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--tokens" => with_tokens = true,
            "--jobs" | "-j" => {
                jobs = match args.next().and_then(|n| n.parse().ok()) {
                    Some(n) if n >= 1 => n,
                    _ => {
                        eprintln!("score: --jobs takes a positive number");
                        std::process::exit(2);
                    }
                }
            }
            "-h" | "--help" => {
                eprintln!("usage: score [--tokens] [--jobs N] [FILE]");
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
    let summary = run(input, &mut out, with_tokens, jobs);
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

fn run(mut input: impl BufRead, out: &mut impl Write, with_tokens: bool, jobs: usize) -> Summary {
    let analyzer = Analyzer::default();
    let mut summary = Summary {
        scored: 0,
        rejected: 0,
    };
    let mut line_no = 0usize;
    // Lines are read in chunks; each chunk is scored by `jobs` threads and
    // written in input order.
    let chunk_len = 256 * jobs;
    let mut chunk: Vec<(usize, Vec<u8>)> = Vec::with_capacity(chunk_len);
    let mut eof = false;
    while !eof {
        chunk.clear();
        while chunk.len() < chunk_len {
            let mut buf = Vec::new();
            match input.read_until(b'\n', &mut buf) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(_) => {
                    line_no += 1;
                    if !buf.iter().all(u8::is_ascii_whitespace) {
                        chunk.push((line_no, buf));
                    }
                }
                Err(e) => {
                    eprintln!("line {}: read error: {e}", line_no + 1);
                    summary.rejected += 1;
                    eof = true;
                    break;
                }
            }
        }
        let results: Vec<Result<Value, String>> = if jobs <= 1 || chunk.len() < 2 {
            chunk
                .iter()
                .map(|(_, l)| score_line(&analyzer, trim_newline(l), with_tokens))
                .collect()
        } else {
            let per = chunk.len().div_ceil(jobs);
            std::thread::scope(|scope| {
                let handles: Vec<_> = chunk
                    .chunks(per)
                    .map(|part| {
                        let analyzer = &analyzer;
                        scope.spawn(move || {
                            part.iter()
                                .map(|(_, l)| score_line(analyzer, trim_newline(l), with_tokens))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| {
                        h.join()
                            .unwrap_or_else(|_| vec![Err("internal error".to_string())])
                    })
                    .collect()
            })
        };
        for ((n, _), result) in chunk.iter().zip(results) {
            match result {
                Ok(v) => {
                    if writeln!(out, "{v}").is_err() {
                        eprintln!("score: output closed");
                        std::process::exit(2);
                    }
                    summary.scored += 1;
                }
                Err(why) => {
                    eprintln!("line {n}: {why}");
                    summary.rejected += 1;
                }
            }
        }
    }
    summary
}

fn trim_newline(b: &[u8]) -> &[u8] {
    let b = b.strip_suffix(b"\n").unwrap_or(b);
    b.strip_suffix(b"\r").unwrap_or(b)
}

fn score_line(analyzer: &Analyzer, line: &[u8], with_tokens: bool) -> Result<Value, String> {
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
    let post = post_from(obj, text)?;
    let report = analyzer.assess(&post);
    let lang = lang.unwrap_or(report.lang);
    let mut out = Map::new();
    out.insert("id".into(), id);
    out.insert("lang".into(), json!(lang.code()));
    out.insert("label".into(), json!(report.sentiment.label.as_str()));
    out.insert(
        "sentiment".into(),
        json!({
            "compound": round3(report.sentiment.compound),
            "pos": round3(report.sentiment.pos),
            "neu": round3(report.sentiment.neu),
            "neg": round3(report.sentiment.neg),
        }),
    );
    let c = &report.complaint;
    out.insert("complaint".into(), json!(c.is_complaint));
    out.insert(
        "categories".into(),
        json!(c
            .categories
            .iter()
            .map(|h| h.what.as_str())
            .collect::<Vec<_>>()),
    );
    out.insert(
        "intents".into(),
        json!(c
            .intents
            .iter()
            .map(|h| h.what.as_str())
            .collect::<Vec<_>>()),
    );
    out.insert(
        "severity".into(),
        json!({"score": round1(c.severity.score), "level": c.severity.level.as_str()}),
    );
    out.insert(
        "virality".into(),
        json!({"risk": round3(report.virality.risk), "level": report.virality.level.as_str()}),
    );
    out.insert(
        "response".into(),
        json!({
            "deadline_minutes": report.response.deadline.as_secs() / 60,
            "step": report.response.step.as_str(),
        }),
    );
    out.insert("reasons".into(), json!(report.reasons()));
    if with_tokens {
        let tokens: Vec<Value> = analyzer
            .tokenizer()
            .tokens(text)
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

fn round3(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

fn round1(x: f32) -> f64 {
    (f64::from(x) * 10.0).round() / 10.0
}

/// The post's metadata, checked: counts must be non-negative integers,
/// flags booleans, `channel` a known channel name, `created` RFC 3339.
fn post_from<'a>(obj: &Map<String, Value>, text: &'a str) -> Result<Post<'a>, String> {
    let count = |key: &str| -> Result<Option<u64>, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| format!("`{key}` must be a non-negative integer")),
        }
    };
    let flag = |key: &str| -> Result<bool, String> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(format!("`{key}` must be true or false")),
        }
    };
    for key in ["author", "topic", "thread"] {
        match obj.get(key) {
            None | Some(Value::Null | Value::String(_) | Value::Number(_)) => {}
            Some(_) => return Err(format!("`{key}` must be a string")),
        }
    }
    if let Some(v) = obj.get("created") {
        match v {
            Value::Null => {}
            Value::String(s) => {
                backlash::monitor::parse_rfc3339(s).map_err(|e| format!("`created`: {e}"))?;
            }
            _ => return Err("`created` must be an RFC 3339 string".into()),
        }
    }
    let mut post = Post::new(text);
    match obj.get("channel") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            post = post.channel(s.parse::<Channel>().map_err(|e| e.to_string())?);
        }
        Some(_) => return Err("`channel` must be a string".into()),
    }
    if let Some(n) = count("followers")? {
        post = post.followers(n);
    }
    if let Some(n) = count("likes")? {
        post = post.likes(n);
    }
    if let Some(n) = count("shares")? {
        post = post.shares(n);
    }
    if let Some(n) = count("replies")? {
        post = post.replies(n);
    }
    let _ = flag("is_brand")?;
    Ok(post.verified(flag("verified")?))
}
