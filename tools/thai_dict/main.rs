//! Builds `data/thai/dict.bin`, the Thai dictionary of the segmenter.
//!
//! ```text
//! cargo run --release --example thai_dict -- \
//!     --pythainlp /work/pkgs/pythainlp/pythainlp/corpus \
//!     [--fit ../shared/data/th-wisesight/train.jsonl \
//!      --exclude ../shared/data/th-tokenize/wisesight-dev.jsonl] \
//!     [--out data/thai/dict.bin]
//! ```
//!
//! See `tools/thai_dict/README.md` for the method.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use backlash::tokenize::thai::ThaiSegmenter;
use backlash::TokenFlags;

struct Opts {
    pythainlp: PathBuf,
    fit: Option<PathBuf>,
    exclude: Vec<PathBuf>,
    out: PathBuf,
    /// Count given to a listed word with no frequency.
    floor: f64,
    /// Minimum TNC+TTC count for a word outside the word list to be added.
    extra_min: f64,
    /// Weight of the prior (TNC/TTC) distribution in the re-estimated one.
    prior_weight: f64,
    /// Rounds of Viterbi re-estimation.
    rounds: usize,
    /// Minimum count of a new word learnt from unknown stretches.
    new_min: usize,
    /// Added to every word's cost (negative: favour more, shorter words).
    word_bonus: f64,
    /// Dump the final word list with costs here (for inspection).
    dump: Option<PathBuf>,
}

fn main() {
    let mut o = Opts {
        pythainlp: PathBuf::from("/work/pkgs/pythainlp/pythainlp/corpus"),
        fit: None,
        exclude: Vec::new(),
        out: PathBuf::from("data/thai/dict.bin"),
        floor: 0.5,
        extra_min: f64::INFINITY,
        prior_weight: 0.8,
        rounds: 3,
        new_min: 5,
        dump: None,
        word_bonus: -4.5,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || {
            args.next()
                .unwrap_or_else(|| die(&format!("{a} needs a value")))
        };
        match a.as_str() {
            "--pythainlp" => o.pythainlp = val().into(),
            "--fit" => o.fit = Some(val().into()),
            "--exclude" => o.exclude.push(val().into()),
            "--out" => o.out = val().into(),
            "--dump" => o.dump = Some(val().into()),
            "--floor" => o.floor = num(&val()),
            "--extra-min" => o.extra_min = num(&val()),
            "--prior-weight" => o.prior_weight = num(&val()),
            "--rounds" => o.rounds = num(&val()) as usize,
            "--word-cost" => o.word_bonus = num(&val()),
            "--new-min" => o.new_min = num(&val()) as usize,
            _ => die(&format!("unknown argument {a}")),
        }
    }
    run(&o);
}

fn num(s: &str) -> f64 {
    s.parse()
        .unwrap_or_else(|_| die(&format!("not a number: {s}")))
}

fn die(msg: &str) -> ! {
    eprintln!("thai_dict: {msg}");
    std::process::exit(2)
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| die(&format!("{}: {e}", path.display())))
}

/// Thai letters (and dots inside abbreviations) only.
fn is_thai_word(w: &str) -> bool {
    !w.is_empty()
        && w.chars().count() <= backlash::tokenize::thai::MAX_WORD_CHARS
        && w.chars()
            .all(|c| matches!(c as u32, 0x0E01..=0x0E3A | 0x0E40..=0x0E4E) || c == '.')
        && !w.starts_with('.')
}

fn run(o: &Opts) {
    let corpus = &o.pythainlp;
    let words = read(&corpus.join("words_th.txt"));
    let mut prior: HashMap<String, f64> = HashMap::new();
    let mut listed = 0;
    for w in words.lines().map(str::trim).filter(|w| is_thai_word(w)) {
        prior.entry(w.to_string()).or_insert(0.0);
        listed += 1;
    }
    let mut freq: HashMap<String, f64> = HashMap::new();
    for f in ["tnc_freq.txt", "ttc_freq.txt"] {
        for line in read(&corpus.join(f)).lines() {
            let mut it = line.split('\t');
            let (Some(w), Some(c)) = (it.next(), it.next()) else {
                continue;
            };
            let w = w.trim();
            if let Ok(c) = c.trim().parse::<f64>() {
                if is_thai_word(w) {
                    *freq.entry(w.to_string()).or_insert(0.0) += c;
                }
            }
        }
    }
    let mut extra = 0;
    for (w, c) in &freq {
        match prior.get_mut(w) {
            Some(p) => *p = *c,
            None if *c >= o.extra_min => {
                prior.insert(w.clone(), *c);
                extra += 1;
            }
            None => {}
        }
    }
    for c in prior.values_mut() {
        if *c == 0.0 {
            *c = o.floor;
        }
    }
    eprintln!(
        "thai_dict: {listed} listed words, {extra} added from TNC/TTC (count >= {}), {} in all",
        o.extra_min,
        prior.len()
    );
    let mut table = to_costs(&prior);
    if let Some(fit) = &o.fit {
        table = fit_on(o, fit, &prior, table);
    }
    for c in table.values_mut() {
        *c = (*c + o.word_bonus as f32).max(0.0);
    }
    // Sorted, so that the output is the same on every run.
    let mut sorted: Vec<(&String, &f32)> = table.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    let seg = ThaiSegmenter::with_words(sorted.iter().map(|(w, c)| (w.as_str(), **c)));
    let bytes = seg.dict_bytes();
    std::fs::write(&o.out, &bytes).unwrap_or_else(|e| die(&format!("{}: {e}", o.out.display())));
    eprintln!(
        "thai_dict: wrote {} ({} words, {} bytes)",
        o.out.display(),
        seg.dict_len(),
        bytes.len()
    );
    if let Some(d) = &o.dump {
        let mut t: Vec<_> = table.iter().collect();
        t.sort_by(|a, b| a.1.total_cmp(b.1).then(a.0.cmp(b.0)));
        let s: String = t.iter().map(|(w, c)| format!("{w}\t{c:.2}\n")).collect();
        std::fs::write(d, s).unwrap_or_else(|e| die(&format!("{}: {e}", d.display())));
    }
}

/// Negative log probabilities of counts.
fn to_costs(counts: &HashMap<String, f64>) -> HashMap<String, f32> {
    let mut v: Vec<f64> = counts.values().copied().collect();
    v.sort_by(f64::total_cmp);
    let total: f64 = v.iter().sum();
    counts
        .iter()
        .map(|(w, c)| (w.clone(), (-(c / total).ln()) as f32))
        .collect()
}

/// Texts of a JSONL file (`text` field).
fn texts(path: &std::path::Path) -> Vec<String> {
    read(path)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
        .collect()
}

const WINDOW: usize = 20;

/// Longest new word learnt (longer stretches are repeated phrases: ads,
/// product blurbs).
const NEW_MAX_CHARS: usize = 20;

fn windows(t: &str) -> impl Iterator<Item = &str> {
    let idx: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
    (0..idx.len().saturating_sub(WINDOW)).map(move |k| &t[idx[k]..idx[k + WINDOW]])
}

/// Viterbi re-estimation of the unigram costs on raw social text.
fn fit_on(
    o: &Opts,
    fit: &std::path::Path,
    prior: &HashMap<String, f64>,
    mut table: HashMap<String, f32>,
) -> HashMap<String, f32> {
    // Texts to keep out of the fitting: every text sharing a 20-character
    // stretch with an excluded file (or contained in one, if shorter).
    let mut ex_windows: HashSet<String> = HashSet::new();
    let mut ex_texts: Vec<String> = Vec::new();
    for e in &o.exclude {
        for t in texts(e) {
            for w in windows(&t) {
                ex_windows.insert(w.to_string());
            }
            ex_texts.push(t);
        }
    }
    let all = texts(fit);
    let train: Vec<&String> = all
        .iter()
        .filter(|t| {
            let short = t.chars().count() <= WINDOW;
            if short {
                !ex_texts.iter().any(|e| e.contains(t.as_str()))
            } else {
                !windows(t).any(|w| ex_windows.contains(w))
            }
        })
        .collect();
    eprintln!(
        "thai_dict: fitting on {} of {} texts ({} excluded as overlapping {} held-out texts)",
        train.len(),
        all.len(),
        all.len() - train.len(),
        ex_texts.len()
    );
    let runs: Vec<&str> = train.iter().flat_map(|t| thai_runs(t)).collect();
    let mut v: Vec<f64> = prior.values().copied().collect();
    v.sort_by(f64::total_cmp);
    let prior_total: f64 = v.iter().sum();
    for round in 0..o.rounds {
        let mut sorted: Vec<(&String, &f32)> = table.iter().collect();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let seg = ThaiSegmenter::with_words(sorted.iter().map(|(w, c)| (w.as_str(), **c)));
        let mut counts: HashMap<String, f64> = HashMap::new();
        let mut unknown: HashMap<&str, usize> = HashMap::new();
        let mut ends = Vec::new();
        let mut n_tokens = 0.0;
        for run in &runs {
            ends.clear();
            seg.segment_into(run, &mut ends);
            let mut s = 0;
            for &e in &ends {
                let w = &run[s..e];
                s = e;
                if w.bytes().all(|b| b == b'.') {
                    continue;
                }
                n_tokens += 1.0;
                // Elongated or repeated forms count for their word.
                let (norm, flags) = seg.normalize(w);
                if !flags.contains(TokenFlags::UNKNOWN_WORD) {
                    *counts.entry(norm.into_owned()).or_insert(0.0) += 1.0;
                } else {
                    *unknown.entry(w).or_insert(0) += 1;
                }
            }
        }
        // New words: unknown stretches seen often, without elongation.
        let mut learnt = 0;
        let mut extra: HashMap<String, f64> = HashMap::new();
        for (w, c) in &unknown {
            if *c >= o.new_min
                && (2..=NEW_MAX_CHARS).contains(&w.chars().count())
                && !has_triple(w)
                && !w.contains('.')
                && !w.contains('ๆ')
            {
                extra.insert(w.to_string(), *c as f64);
                learnt += 1;
            }
        }
        // Mix: P(w) = a * P_prior(w) + (1 - a) * P_corpus(w).
        let a = o.prior_weight;
        let mut next: HashMap<String, f64> = HashMap::new();
        for (w, p) in prior.iter() {
            let pc = counts.get(w.as_str()).copied().unwrap_or(0.0) / n_tokens;
            next.insert(w.clone(), a * p / prior_total + (1.0 - a) * pc);
        }
        for (w, _) in table.iter() {
            if !prior.contains_key(w) {
                let pc = counts.get(w.as_str()).copied().unwrap_or(0.0) / n_tokens;
                next.insert(w.clone(), (1.0 - a) * pc.max(0.5 / n_tokens));
            }
        }
        for (w, c) in extra {
            next.insert(w, (1.0 - a) * c / n_tokens);
        }
        table = next
            .into_iter()
            .filter(|(_, p)| *p > 0.0)
            .map(|(w, p)| (w, (-p.ln()) as f32))
            .collect();
        eprintln!(
            "thai_dict: round {}: {} tokens, {} distinct unknown, {} words learnt",
            round + 1,
            n_tokens,
            unknown.len(),
            learnt
        );
    }
    table
}

fn has_triple(w: &str) -> bool {
    let c: Vec<char> = w.chars().collect();
    c.windows(3).any(|x| x[0] == x[1] && x[1] == x[2])
}

/// Runs of Thai letters, with dots after them, as the scanner cuts them.
fn thai_runs(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev_thai = false;
    for (i, c) in t.char_indices() {
        let thai = matches!(c as u32, 0x0E01..=0x0E3A | 0x0E40..=0x0E4E);
        let ok = thai || (c == '.' && prev_thai);
        prev_thai = thai;
        match (ok, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&t[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&t[s..]);
    }
    out
}
