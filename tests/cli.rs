//! End-to-end tests of the command-line examples (`score`, `check_reply`,
//! `monitor`, `triage`): the contracts other programs rely on.
//!
//! `cargo test` builds the examples next to the test binaries; these tests
//! run them as a user would.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// Path of a built example binary (target/<profile>/examples/<name>).
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let path = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} not built; run the tests with `cargo test` (which builds examples)",
        path.display()
    );
    path
}

fn run(name: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(example(name))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn example");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("output line is JSON"))
        .collect()
}

#[test]
fn score_reports_bad_lines_and_keeps_the_rest() {
    let mut input = Vec::new();
    input.extend_from_slice(
        b"{\"id\": 1, \"text\": \"The flight was cancelled and nobody helps!!!\"}\n",
    );
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"bad \xff bytes\"}\n");
    input.extend_from_slice(b"{\"id\": 3}\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": 5}\n");
    input.extend_from_slice(b"{\"id\": 5, \"text\": \"ok\", \"followers\": -3}\n");
    input.extend_from_slice("{\"id\": \"six\", \"text\": \"รอสายมา 2 ชั่วโมง แย่มาก\"}\n".as_bytes());
    let out = run("score", &[], &input);
    assert_eq!(out.status.code(), Some(1));
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 2, "two good lines scored");
    assert_eq!(rows[0]["id"], 1);
    assert_eq!(rows[1]["id"], "six");
    for r in &rows {
        for key in [
            "lang",
            "label",
            "sentiment",
            "complaint",
            "categories",
            "intents",
            "severity",
            "virality",
            "reasons",
        ] {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
        let c = r["sentiment"]["compound"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&c));
    }
    assert_eq!(rows[1]["lang"], "th");
    let err = String::from_utf8_lossy(&out.stderr);
    for n in [2, 3, 4, 5, 6] {
        assert!(
            err.contains(&format!("line {n}: ")),
            "no report for line {n}: {err}"
        );
    }
    assert!(err.contains("invalid UTF-8"));
}

#[test]
fn score_exit_zero_when_all_good_and_tokens_are_spans() {
    let text = "ร้านนี้แย่มาก 😡 @Acme #fail don't";
    let input = format!("{}\n", serde_json::json!({"id": 7, "text": text}));
    let out = run("score", &["--tokens"], input.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let rows = lines(&out.stdout);
    let tokens = rows[0]["tokens"].as_array().expect("tokens");
    assert!(!tokens.is_empty());
    for t in tokens {
        let (s, e) = (
            t["start"].as_u64().unwrap() as usize,
            t["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], t["text"].as_str().unwrap());
    }
}

#[test]
fn score_jobs_keep_order_and_results() {
    let mut input = String::new();
    for i in 0..700 {
        let text = match i % 3 {
            0 => "still waiting for my refund, 3rd time calling",
            1 => "ส่งของเร็วมาก ขอบคุณค่ะ",
            _ => "השירות היה גרוע, אני עוזב",
        };
        input.push_str(&format!("{}\n", serde_json::json!({"id": i, "text": text})));
    }
    let one = run("score", &[], input.as_bytes());
    let two = run("score", &["--jobs", "2"], input.as_bytes());
    assert_eq!(one.status.code(), Some(0));
    assert!(
        one.stdout == two.stdout,
        "--jobs 2 must give the same output"
    );
    assert_eq!(lines(&one.stdout).len(), 700);
}

#[test]
fn check_reply_contract() {
    let input = concat!(
        "{\"id\": 1, \"post\": \"My order never arrived\", \"reply\": \"According to our terms of service we are not liable.\"}\n",
        "{\"id\": 2, \"post\": \"missing reply\"}\n",
        "{\"id\": 3, \"post\": \"Charged twice!\", \"reply\": \"We're so sorry, that's our mistake. I've refunded the second charge and you'll see it within 3 days.\"}\n"
    );
    let out = run("check_reply", &[], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let rows = lines(&out.stdout);
    assert_eq!(rows.len(), 2);
    assert_ne!(rows[0]["verdict"], "good");
    assert_eq!(rows[1]["verdict"], "good");
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2: "));
}

#[test]
fn monitor_emits_alerts_as_jsonl() {
    // A burst of angry complaints on one topic, then a bad line.
    let mut input = String::new();
    for i in 0..300 {
        let t = 1_700_000_000 + i * 20;
        let secs = t % 60;
        let mins = (t / 60) % 60;
        let hours = (t / 3600) % 24;
        let created = format!("2026-11-19T{hours:02}:{mins:02}:{secs:02}Z");
        input.push_str(&format!(
            "{}\n",
            serde_json::json!({
                "id": i, "created": created, "topic": "acme",
                "text": "Flight cancelled again, no refund, worst airline ever! #boycottAcme"
            })
        ));
    }
    input.push_str("{\"id\": 999, \"text\": \"no created field\"}\n");
    let out = run("monitor", &[], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let alerts = lines(&out.stdout);
    assert!(
        !alerts.is_empty(),
        "a burst of 300 complaints raises an alert"
    );
    for a in &alerts {
        for key in [
            "at", "topic", "kind", "level", "score", "reasons", "evidence",
        ] {
            assert!(a.get(key).is_some(), "missing {key} in {a}");
        }
    }
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 301: "));
}

#[test]
fn triage_runs_on_the_embedded_sample() {
    let out = Command::new(example("triage"))
        .stdin(Stdio::null())
        .output()
        .expect("run triage");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ALERT TIMELINE"));
    assert!(text.contains("AcmeAir"));
}
