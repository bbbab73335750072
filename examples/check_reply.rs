//! Checks brand draft replies: JSONL `{"id", "post", "reply"}` (optional
//! `lang`) in, one JSON verdict per good line out.
//!
//! ```text
//! cargo run --release --example check_reply -- [FILE]     # stdin without FILE
//! ```
//!
//! Output per good line, same order:
//! `{"id", "verdict": "good"|"needs_work"|"harmful", "score", "flags": [..],
//! "credits": [..], "reasons": [..]}`. A bad line (invalid UTF-8, not JSON,
//! not an object, `id` missing or not a string/number, `post`/`reply` missing
//! or not strings, `lang` not a known code) is reported on stderr as
//! `line N: why` and skipped; blank lines are ignored. A summary goes to
//! stderr; the exit status is 1 if any line was rejected, 0 otherwise.

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

#[path = "common/jsonl.rs"]
mod jsonl;

use backlash::{check_reply, Lang};
use serde::Serialize;
use serde_json::Value;

/// One output line, fields in the documented order.
#[derive(Serialize)]
struct Out {
    id: Value,
    verdict: &'static str,
    score: f32,
    flags: Vec<&'static str>,
    credits: Vec<&'static str>,
    reasons: Vec<String>,
}

/// Parses and checks one input line; `Err(why)` for a bad line.
fn check_line(text: &str) -> Result<Out, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| jsonl::json_error(&e))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let id = match obj.get("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        Some(_) => return Err("`id` must be a string or a number".into()),
        None => return Err("missing `id`".into()),
    };
    let field = |name: &str| -> Result<&str, String> {
        match obj.get(name) {
            Some(Value::String(s)) => Ok(s.as_str()),
            Some(_) => Err(format!("`{name}` must be a string")),
            None => Err(format!("missing `{name}`")),
        }
    };
    let post = field("post")?;
    let reply = field("reply")?;
    match obj.get("lang") {
        None | Some(Value::Null) => {}
        Some(Value::String(code)) => {
            if Lang::from_code(code).is_none() {
                return Err(format!("unknown `lang` {code:?}"));
            }
        }
        Some(_) => return Err("`lang` must be a string".into()),
    }
    let r = check_reply(post, reply);
    Ok(Out {
        id,
        verdict: r.verdict.as_str(),
        score: (r.score * 10.0).round() / 10.0,
        flags: r.flags.iter().map(|f| f.as_str()).collect(),
        credits: r.credits.iter().map(|c| c.as_str()).collect(),
        reasons: r.reasons,
    })
}

/// Processes all lines of `input`, writing results to `out` and complaints
/// to `err`. Returns (processed, rejected).
fn process(
    mut input: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<(usize, usize)> {
    let (mut ok, mut bad) = (0usize, 0usize);
    let mut io_err = None;
    jsonl::for_each_line(&mut input, |n, line| {
        if io_err.is_some() {
            return;
        }
        let done = match line.and_then(check_line) {
            Ok(v) => serde_json::to_writer(&mut *out, &v)
                .map_err(io::Error::from)
                .and_then(|()| out.write_all(b"\n"))
                .map(|()| ok += 1),
            Err(why) => {
                bad += 1;
                writeln!(err, "line {n}: {why}")
            }
        };
        io_err = done.err();
    })?;
    if let Some(e) = io_err {
        return Err(e);
    }
    out.flush()?;
    Ok((ok, bad))
}

fn main() -> ExitCode {
    let path = std::env::args().nth(1);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let input = jsonl::open_input(path.as_deref(), Box::new(io::stdin().lock()));
    let res = process(input, &mut out, &mut err);
    match res {
        Ok((ok, bad)) => {
            eprintln!("check_reply: {ok} processed, {bad} rejected");
            if bad > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("check_reply: I/O error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_bad_lines() {
        let input: &[u8] = b"{\"id\":1,\"post\":\"lost bag\",\"reply\":\"Per our terms of service, no.\"}\n\
not json\n\
{\"id\":\"a\",\"post\":\"x\"}\n\
{\"id\":2,\"post\":\"x\",\"reply\":\"bad \xff utf8\"}\n\
\n\
{\"id\":[1],\"post\":\"x\",\"reply\":\"y\"}\n\
{\"id\":\"t\",\"post\":\"x\",\"reply\":\"y\",\"lang\":5}\n\
{\"id\":\"z\",\"post\":\"late parcel\",\"reply\":\"Sorry, I've refunded you today.\",\"lang\":\"en\"}\r\n";
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let (ok, bad) = process(input, &mut out, &mut err).unwrap();
        assert_eq!((ok, bad), (2, 5));
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["id"], 1);
        assert_eq!(lines[0]["verdict"], "harmful");
        assert!(lines[0]["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "legalistic"));
        assert_eq!(lines[1]["id"], "z");
        assert_eq!(lines[1]["verdict"], "good");
        assert!(
            out.starts_with("{\"id\":1,\"verdict\":\"harmful\",\"score\":"),
            "{out}"
        );
        let err = String::from_utf8(err).unwrap();
        let errs: Vec<&str> = err.lines().collect();
        assert!(errs[0].starts_with("line 2: not JSON"), "{err}");
        assert_eq!(errs[1], "line 3: missing `reply`");
        assert!(errs[2].starts_with("line 4: invalid UTF-8"), "{err}");
        assert_eq!(errs[3], "line 6: `id` must be a string or a number");
        assert_eq!(errs[4], "line 7: `lang` must be a string");
    }
}
