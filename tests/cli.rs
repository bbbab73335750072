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

/// Standard error as text.
fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Odd but valid lines, and bad ones, for `score`: each bad line is reported
/// with its number and reason, every good one is scored in order.
#[test]
fn score_odd_lines() {
    let mut input = Vec::new();
    let mut add = |line: &[u8]| {
        input.extend_from_slice(line);
        input.push(b'\n');
    };
    add(b"\xEF\xBB\xBF{\"id\": 1, \"text\": \"a byte-order mark first\"}"); // 1 good
    add(b"{\"id\": 2, \"text\": \"crlf line\"}\r"); // 2 good
    add(b"[1, 2]"); // 3 bad: array
    add(b"{\"id\": {\"a\": 1}, \"text\": \"x\"}"); // 4 bad: id is an object
    add(b"{\"id\": 5, \"text\": \"x\", \"text\": \"y\"}"); // 5 bad: duplicate
    add(b"{\"id\": 6, \"text\": \"\"}"); // 6 good: empty text
    add(b"{\"id\": 7, \"text\": \" \\t \\n \"}"); // 7 good: whitespace text
    add(b"   "); // 8 blank: skipped, no report
    add(b"{\"id\": 9, \"text\": \"nested ok\", \"extra\": {\"a\": [1, {\"b\": null}]}}"); // 9 good
    add(b"{\"id\": 10, \"text\": \"bad \xC3\x28 utf8\"}"); // 10 bad: UTF-8
    add(b"{\"id\": 11, \"text\": \"x\", \"followers\": NaN}"); // 11 bad: not JSON
    add(b"{\"id\": 12, \"text\": \"x\", \"likes\": 2.5}"); // 12 bad: fractional
    add(b"{\"id\": 13, \"text\": \"x\", \"shares\": 1e30}"); // 13 bad: huge
    add(b"{\"id\": 14, \"text\": \"x\", \"replies\": \"12\"}"); // 14 bad: string number
    add(b"{\"id\": 15, \"text\": \"x\", \"age\": -5}"); // 15 bad: negative age
    add(b"{\"id\": 16, \"text\": \"x\", \"followers\": 18446744073709551615, \"age\": 90.5}"); // 16 good
    add(b"\"just a string\""); // 17 bad
    add(b"{\"id\": \"s\", \"text\": \"x\"} trailing"); // 18 bad
    add(b"{\"id\": true, \"text\": \"x\"}"); // 19 bad: id bool
    add(b"{\"id\": 20.5, \"text\": \"float ids are echoed\"}"); // 20 good
    let out = run("score", &[], &input);
    assert_eq!(out.status.code(), Some(1));
    let rows = lines(&out.stdout);
    let ids: Vec<String> = rows.iter().map(|r| r["id"].to_string()).collect();
    assert_eq!(ids, ["1", "2", "6", "7", "9", "16", "20.5"]);
    assert_eq!(rows[2]["label"], "neu", "empty text is neutral");
    assert_eq!(rows[3]["label"], "neu", "whitespace text is neutral");
    let err = stderr(&out);
    let reports: Vec<&str> = err.lines().filter(|l| l.starts_with("line ")).collect();
    let expect = [
        "line 3: not a JSON object",
        "line 4: invalid `id`: must be a string or a number, not an object",
        "line 5: invalid `text`: given more than once",
        "line 10: invalid UTF-8 after byte 24",
        "line 11: not JSON: ",
        "line 12: invalid `likes`: must be a non-negative integer, not 2.5",
        "line 13: invalid `shares`: must be a non-negative integer, not 1e30",
        "line 14: invalid `replies`: must be a non-negative integer (a JSON number), not the string \"12\"",
        "line 15: invalid `age`: -5 is not a non-negative finite number of seconds",
        "line 17: not a JSON object",
        "line 18: not JSON: trailing characters",
        "line 19: invalid `id`: must be a string or a number, not true",
    ];
    assert_eq!(reports.len(), expect.len(), "{err}");
    for (got, want) in reports.iter().zip(expect) {
        assert!(got.starts_with(want), "got {got:?}, want {want:?}");
    }
    assert!(err.contains("score: 7 lines scored, 12 rejected"), "{err}");
}

/// A 5 MB line is scored like any other, with `--jobs 2` too, and the
/// lines around it keep their numbers. (The text has no complaint cue:
/// `assess` is quadratic in cue matches for now; see tests/limits.rs.)
#[test]
fn score_five_megabyte_line() {
    let big = "ฝนตกที่เชียงใหม่ the river runs by the old town 🌧 ".repeat(5_000_000 / 60);
    assert!(big.len() >= 5_000_000);
    let mut input = String::new();
    input.push_str("{\"id\": 1, \"text\": \"before\"}\n");
    input.push_str(&format!("{}\n", serde_json::json!({"id": 2, "text": big})));
    input.push_str("not json\n");
    input.push_str("{\"id\": 4, \"text\": \"after\"}\n");
    for jobs in ["1", "2"] {
        let out = run("score", &["--jobs", jobs], input.as_bytes());
        assert_eq!(out.status.code(), Some(1));
        let rows = lines(&out.stdout);
        let ids: Vec<u64> = rows.iter().map(|r| r["id"].as_u64().unwrap()).collect();
        assert_eq!(ids, [1, 2, 4]);
        assert_eq!(rows[1]["lang"], "en");
        assert!(
            stderr(&out).starts_with("line 3: not JSON"),
            "{}",
            stderr(&out)
        );
    }
}

/// `--jobs 2` gives the same output and the same reports as one thread on
/// a mix of good and bad lines spanning several chunks.
#[test]
fn score_jobs_same_reports() {
    let mut input = Vec::new();
    for i in 0..1500 {
        match i % 7 {
            3 => input.extend_from_slice(b"{\"id\": 1, \"text\": \"x\", \"likes\": -1}\n"),
            5 => input.extend_from_slice(b"\xFF\xFE\n"),
            _ => input.extend_from_slice(
                format!(
                    "{}\n",
                    serde_json::json!({"id": i, "text": "refund me now!!! 😡"})
                )
                .as_bytes(),
            ),
        }
    }
    let one = run("score", &[], &input);
    let two = run("score", &["--jobs", "2"], &input);
    let three = run("score", &["-j", "3"], &input);
    assert_eq!(one.status.code(), Some(1));
    assert!(one.stdout == two.stdout && one.stdout == three.stdout);
    assert_eq!(stderr(&one), stderr(&two));
    assert_eq!(stderr(&one), stderr(&three));
    assert!(stderr(&one).contains("line 6: invalid UTF-8 after byte 0"));
}

#[test]
fn monitor_odd_lines() {
    let good = |id: &str, extra: &str| {
        format!(
            "{{\"id\": {id}, \"created\": \"2026-11-19T08:00:00Z\", \"text\": \"late again{extra}\"}}"
        )
    };
    let mut input = Vec::new();
    input.extend_from_slice(b"\xEF\xBB\xBF");
    input.extend_from_slice(good("1", "").as_bytes()); // 1 good, after a BOM
    input.extend_from_slice(b"\r\n");
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"no created\"}\n"); // 2 bad
    input.extend_from_slice(format!("{}\n", good("-3", "")).as_bytes()); // 3 bad: id
    input.extend_from_slice(b"[\"array\"]\n"); // 4 bad
    input.extend_from_slice(
        b"{\"id\": 5, \"created\": \"2026-11-19T08:00:01Z\", \"text\": \"\xFF\"}\n",
    ); // 5 bad
    input.extend_from_slice(b"\n"); // 6 blank
    input.extend_from_slice(
        b"{\"id\": 7, \"created\": \"2026-11-19T08:00:02Z\", \"text\": \"x\", \"followers\": -1}\n",
    ); // 7 bad
    input.extend_from_slice(
        b"{\"id\": 8, \"created\": \"2026-11-19T08:00:03Z\", \"text\": \"\", \"thread\": 42}\n",
    ); // 8 good
    let out = run("monitor", &[], &input);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let reports: Vec<&str> = err.lines().filter(|l| l.starts_with("line ")).collect();
    let expect = [
        "line 2: missing `created`",
        "line 3: invalid `id`: -3 is neither a string nor a non-negative integer",
        "line 4: not a JSON object",
        "line 5: invalid UTF-8 after byte 54",
        "line 7: invalid `followers`: must be a non-negative integer, not -1",
    ];
    assert_eq!(reports, expect, "{err}");
    assert!(err.contains("monitor: 2 events, 5 rejected"), "{err}");
}

#[test]
fn check_reply_odd_lines() {
    let mut input = Vec::new();
    input.extend_from_slice(
        b"\xEF\xBB\xBF{\"id\": 1, \"post\": \"late\", \"reply\": \"Sorry, refunded today.\"}\r\n",
    );
    input.extend_from_slice(b"{\"id\": 2, \"post\": \"x\", \"reply\": \"bad \xE0\xB8\"}\n");
    input.extend_from_slice(b"{\"id\": 3, \"post\": \"\", \"reply\": \"   \"}\n");
    input.extend_from_slice(b"7\n");
    // No reply cue in the text: the cue index is quadratic in repeated cue
    // matches for now (see the report of tests/limits.rs).
    let big = "ฝนตกที่เชียงใหม่ the river runs by the old town 🌧 ".repeat(5_000_000 / 60);
    input.extend_from_slice(
        format!(
            "{}\n",
            serde_json::json!({"id": 5, "post": "lost bag", "reply": big})
        )
        .as_bytes(),
    );
    let out = run("check_reply", &[], &input);
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<u64> = lines(&out.stdout)
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [1, 3, 5]);
    let err = stderr(&out);
    let reports: Vec<&str> = err.lines().filter(|l| l.starts_with("line ")).collect();
    assert_eq!(
        reports,
        [
            "line 2: invalid UTF-8 after byte 37",
            "line 4: not a JSON object"
        ],
        "{err}"
    );
    assert!(
        err.contains("check_reply: 3 processed, 2 rejected"),
        "{err}"
    );
}
