//! Scores posts: JSONL in, JSONL out.
//!
//! ```text
//! cargo run --release --example score -- [--tokens] [--jobs N] [FILE]
//! ```
//!
//! Reads one JSON object per line from FILE (stdin without it): `{"id": string|number, "text": string}`
//! plus optional metadata. Writes one JSON line per good input line, in order. A bad line (invalid
//! UTF-8, not JSON, no text, wrong types) is reported on stderr as `line N: why` and skipped; the
//! rest is still scored; a summary goes to stderr. Exit status 1 if any line was rejected, 0
//! otherwise. Lines are read and checked by `common/jsonl.rs` and `backlash::post::PostRecord`
//! (the same reader as the `monitor` example). With `--jobs N`, N worker threads parse, assess
//! and serialise chunks of lines while the main thread reads and writes in input order.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufWriter, Write};
use std::sync::{mpsc, Mutex};

use backlash::{Analyzer, Post};
use serde_json::{json, Map, Value};

#[path = "common/jsonl.rs"]
mod jsonl;

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
    let input = jsonl::open_input(
        file.as_deref(),
        Box::new(io::BufReader::new(io::stdin().lock())),
    );
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
#[derive(Default)]
struct Summary {
    scored: usize,
    rejected: usize,
}

/// Lines per chunk, and the byte size at which a chunk is closed early (a
/// chunk holds at least one line, however long).
const CHUNK_LINES: usize = 256;
const CHUNK_BYTES: usize = 1 << 20;

/// Consecutive input lines, read by the main thread.
struct Chunk {
    seq: usize,
    /// Number of the first line (1-based).
    first_line: usize,
    /// The lines' bytes, back to back, line ends included.
    data: Vec<u8>,
    /// End offset of each line in `data`.
    ends: Vec<usize>,
    /// A read error after the last line.
    read_error: Option<String>,
}

/// A chunk scored: output lines and `line N: why` reports, in order.
struct Done {
    seq: usize,
    out: Vec<u8>,
    errors: String,
    summary: Summary,
}

/// Reads up to [`CHUNK_LINES`] lines (or [`CHUNK_BYTES`]) into a chunk;
/// `None` at the end of the input.
fn read_chunk(input: &mut impl BufRead, seq: usize, next_line: &mut usize) -> Option<Chunk> {
    let mut chunk = Chunk {
        seq,
        first_line: *next_line,
        data: Vec::new(),
        ends: Vec::with_capacity(CHUNK_LINES),
        read_error: None,
    };
    while chunk.ends.len() < CHUNK_LINES && chunk.data.len() < CHUNK_BYTES {
        match input.read_until(b'\n', &mut chunk.data) {
            Ok(0) => break,
            Ok(_) => {
                chunk.ends.push(chunk.data.len());
                *next_line += 1;
            }
            Err(e) => {
                chunk.read_error = Some(format!("line {next_line}: read error: {e}"));
                break;
            }
        }
    }
    (!chunk.ends.is_empty() || chunk.read_error.is_some()).then_some(chunk)
}

/// Parses, assesses and serialises every line of a chunk.
fn score_chunk(analyzer: &Analyzer, chunk: Chunk, with_tokens: bool) -> Done {
    let mut done = Done {
        seq: chunk.seq,
        out: Vec::with_capacity(chunk.ends.len() * 512),
        errors: String::new(),
        summary: Summary::default(),
    };
    let mut start = 0;
    for (i, &end) in chunk.ends.iter().enumerate() {
        let n = chunk.first_line + i;
        let result = jsonl::line_text(n, &chunk.data[start..end]).and_then(|line| {
            line.map(|l| score_line(analyzer, l, with_tokens))
                .transpose()
        });
        start = end;
        match result {
            Ok(None) => {}
            Ok(Some(v)) => {
                // Writing a `Value` to a `Vec` cannot fail.
                let _ = serde_json::to_writer(&mut done.out, &v);
                done.out.push(b'\n');
                done.summary.scored += 1;
            }
            Err(why) => {
                done.errors.push_str(&format!("line {n}: {why}\n"));
                done.summary.rejected += 1;
            }
        }
    }
    if let Some(e) = chunk.read_error {
        done.errors.push_str(&e);
        done.errors.push('\n');
        done.summary.rejected += 1;
    }
    done
}

/// Writes a scored chunk; exits with status 2 when the output is closed.
fn emit(done: &Done, out: &mut impl Write, summary: &mut Summary) {
    if out.write_all(&done.out).is_err() {
        eprintln!("score: output closed");
        std::process::exit(2);
    }
    eprint!("{}", done.errors);
    summary.scored += done.summary.scored;
    summary.rejected += done.summary.rejected;
}

/// Scores all of `input`. With `jobs` > 1, the main thread reads chunks of
/// lines and writes the results in input order while `jobs` workers parse,
/// assess and serialise them; at most `2 × jobs` chunks are in flight, so
/// memory stays bounded whatever the input's length.
fn run(mut input: impl BufRead, out: &mut impl Write, with_tokens: bool, jobs: usize) -> Summary {
    let analyzer = Analyzer::default();
    let mut summary = Summary::default();
    let mut next_line = 1;
    if jobs <= 1 {
        let mut seq = 0;
        while let Some(chunk) = read_chunk(&mut input, seq, &mut next_line) {
            seq += 1;
            let stop = chunk.read_error.is_some();
            emit(
                &score_chunk(&analyzer, chunk, with_tokens),
                out,
                &mut summary,
            );
            if stop {
                break;
            }
        }
        return summary;
    }
    let (work_tx, work_rx) = mpsc::channel::<Chunk>();
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (work_rx, done_tx, analyzer) = (&work_rx, done_tx.clone(), &analyzer);
            scope.spawn(move || loop {
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok(chunk) = next else { break };
                let (seq, first, n) = (chunk.seq, chunk.first_line, chunk.ends.len());
                // A panic would lose the chunk and stall the ordered
                // output: report its lines as rejected instead.
                let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    score_chunk(analyzer, chunk, with_tokens)
                }))
                .unwrap_or_else(|_| Done {
                    seq,
                    out: Vec::new(),
                    errors: format!("lines {first}-{}: internal error\n", first + n.max(1) - 1),
                    summary: Summary {
                        scored: 0,
                        rejected: n,
                    },
                });
                if done_tx.send(done).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let max_in_flight = 2 * jobs;
        let (mut sent, mut written, mut eof) = (0usize, 0usize, false);
        let mut ready = BTreeMap::new();
        loop {
            while !eof && sent - written < max_in_flight {
                match read_chunk(&mut input, sent, &mut next_line) {
                    Some(chunk) => {
                        eof = chunk.read_error.is_some();
                        if work_tx.send(chunk).is_err() {
                            eof = true;
                            break;
                        }
                        sent += 1;
                    }
                    None => eof = true,
                }
            }
            if written == sent {
                break;
            }
            let Ok(done) = done_rx.recv() else {
                eprintln!("score: a worker stopped");
                std::process::exit(2);
            };
            ready.insert(done.seq, done);
            while let Some(done) = ready.remove(&written) {
                emit(&done, out, &mut summary);
                written += 1;
            }
        }
        drop(work_tx);
    });
    summary
}

fn score_line(analyzer: &Analyzer, line: &str, with_tokens: bool) -> Result<Value, String> {
    let rec = jsonl::parse_post(line)?;
    let post = Post::from(&rec);
    let text = post.text;
    let report = analyzer.assess(&post);
    let lang = rec.lang.unwrap_or(report.lang);
    let mut out = Map::new();
    out.insert("id".into(), json!(rec.id));
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
