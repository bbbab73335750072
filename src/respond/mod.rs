//! Respond: how fast to answer a post and what to do first, and a check of
//! the brand's own draft answer ([`check_reply`]).
//!
//! [`respond`] takes primitives (a severity score, a virality risk, whether
//! the post raises a legal or safety matter, whether it is public), so any
//! severity and risk model can feed it.
//!
//! ## Deadline
//!
//! Urgency is `u = 0.55·severity/100 + 0.45·risk`, raised to at least 0.75 for
//! a legal or safety matter, plus 0.05 for a public post (clamped to 0..1).
//! Severity weighs a little more than risk: a severe private complaint still
//! has to be answered the same day, while a mild post going viral is answered
//! fast mostly because of its reach. The deadline is a step function of `u`:
//!
//! | urgency `u` | deadline | typical post |
//! |---|---|---|
//! | ≥ 0.85 | 15 min | critical complaint, public, large account, spreading |
//! | ≥ 0.70 | 30 min | severe public complaint, or legal/safety |
//! | ≥ 0.55 | 1 h | high severity or high risk |
//! | ≥ 0.40 | 4 h | medium complaint in public |
//! | ≥ 0.25 | 12 h | low-to-medium complaint |
//! | < 0.25 | 24 h public, 48 h private | low, private |
//!
//! ## Playbook step (first match wins)
//!
//! 1. legal or safety matter, or severity ≥ 75 with risk ≥ 0.6 →
//!    [`PlaybookStep::Escalate`] to a human, legal or PR;
//! 2. severity < 20 and risk ≥ 0.55 (a post spreading that is not much of a
//!    complaint: a joke, a rumour, praise) → [`PlaybookStep::EngageAdvocates`];
//! 3. public and risk ≥ 0.55 → [`PlaybookStep::AcknowledgePublicly`] (be seen
//!    answering fast, then move to private);
//! 4. severity ≥ 60 → [`PlaybookStep::ApologiseAndOwn`];
//! 5. public and severity ≥ 30 → [`PlaybookStep::MoveToPrivate`] (acknowledge,
//!    then take account details out of public view);
//! 6. severity ≥ 30 → [`PlaybookStep::FixAndReportBack`];
//! 7. otherwise → [`PlaybookStep::Monitor`].
//!
//! [`Response::then`] lists the steps that follow the first one.
//!
//! ```
//! use backlash::{respond, PlaybookStep};
//! let hot = respond(85.0, 0.9, false, true);
//! assert_eq!(hot.deadline.as_secs(), 15 * 60);
//! assert_eq!(hot.step, PlaybookStep::Escalate);
//! let mild = respond(15.0, 0.05, false, false);
//! assert_eq!(mild.deadline.as_secs(), 48 * 3600);
//! assert_eq!(mild.step, PlaybookStep::Monitor);
//! ```

mod cues;
pub mod reply;

pub(crate) use cues::{Fold, Index, Pattern, View};

pub use reply::{
    check_reply, CueHit, CueKind, ReplyCheck, ReplyChecker, ReplyCredit, ReplyFlag, Verdict,
};

use std::time::Duration;

/// What to do first about a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum PlaybookStep {
    /// Answer in public, quickly, so onlookers see the brand responding.
    AcknowledgePublicly,
    /// Acknowledge, then move the conversation (account details) to a
    /// private channel.
    MoveToPrivate,
    /// Apologise sincerely and own the mistake; no defence, no legalese.
    ApologiseAndOwn,
    /// Fix the problem and report back to the customer (in public if the
    /// complaint was public).
    FixAndReportBack,
    /// Let other customers speak: invite advocates, share facts.
    EngageAdvocates,
    /// Hand over to a human lead, legal or PR now.
    Escalate,
    /// Nothing to do yet; keep watching.
    Monitor,
}

impl PlaybookStep {
    /// The snake-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            PlaybookStep::AcknowledgePublicly => "acknowledge_publicly",
            PlaybookStep::MoveToPrivate => "move_to_private",
            PlaybookStep::ApologiseAndOwn => "apologise_and_own",
            PlaybookStep::FixAndReportBack => "fix_and_report_back",
            PlaybookStep::EngageAdvocates => "engage_advocates",
            PlaybookStep::Escalate => "escalate",
            PlaybookStep::Monitor => "monitor",
        }
    }
}

/// A response plan for one post.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Response {
    /// Answer within this time of seeing the post.
    pub deadline: Duration,
    /// The urgency the deadline was read from, 0..1.
    pub urgency: f32,
    /// The first step.
    pub step: PlaybookStep,
    /// The steps after it, in order.
    pub then: Vec<PlaybookStep>,
    /// The severity score the plan was made from (0–100; NaN read as 0).
    pub severity: f32,
    /// The virality risk the plan was made from (0–1; NaN read as 0).
    pub risk: f32,
    /// Whether the post raises a legal or safety matter.
    pub legal_or_safety: bool,
    /// Whether the post is public.
    pub public: bool,
}

impl Response {
    /// Why, in plain words: the urgency and where it came from, then
    /// whether a person must handle it and who is watching. Built on
    /// demand (assessing a post writes no text).
    ///
    /// ```
    /// let r = backlash::respond(85.0, 0.9, false, true);
    /// assert_eq!(
    ///     r.reasons()[0],
    ///     "severity 85/100 and risk 0.90 give urgency 0.92: answer within 15 min"
    /// );
    /// ```
    pub fn reasons(&self) -> Vec<String> {
        // `severity {sev:.0}/100 and risk {risk:.2} give urgency {u:.2}:
        // answer within {deadline}`.
        let mut first = String::with_capacity(80);
        first.push_str("severity ");
        push_fixed(&mut first, self.severity, 0);
        first.push_str("/100 and risk ");
        push_fixed(&mut first, self.risk, 2);
        first.push_str(" give urgency ");
        push_fixed(&mut first, self.urgency, 2);
        first.push_str(": answer within ");
        human_into(&mut first, self.deadline);
        let mut reasons = Vec::with_capacity(3);
        reasons.push(first);
        if self.legal_or_safety {
            reasons.push("legal or safety matter: a person must handle it".into());
        }
        if self.public {
            reasons.push("public post: others are watching the answer".into());
        } else {
            reasons.push("private channel: no audience yet".into());
        }
        reasons
    }
}

const MIN: u64 = 60;
const HOUR: u64 = 3600;

/// Plans the response to a post from its severity score (0–100), its
/// virality risk (0–1), whether it raises a legal or safety matter, and
/// whether it is public. Out-of-range or NaN inputs are clamped (NaN counts
/// as 0). See the [module documentation](self) for the tables.
pub fn respond(severity_score: f32, risk: f32, legal_or_safety: bool, public: bool) -> Response {
    let sev = if severity_score.is_nan() {
        0.0
    } else {
        severity_score.clamp(0.0, 100.0)
    };
    let risk = if risk.is_nan() {
        0.0
    } else {
        risk.clamp(0.0, 1.0)
    };
    let mut u = 0.55 * sev / 100.0 + 0.45 * risk;
    if legal_or_safety {
        u = u.max(0.75);
    }
    if public {
        u += 0.05;
    }
    let u = u.clamp(0.0, 1.0);
    let deadline = Duration::from_secs(if u >= 0.85 {
        15 * MIN
    } else if u >= 0.70 {
        30 * MIN
    } else if u >= 0.55 {
        HOUR
    } else if u >= 0.40 {
        4 * HOUR
    } else if u >= 0.25 {
        12 * HOUR
    } else if public {
        24 * HOUR
    } else {
        48 * HOUR
    });

    use PlaybookStep::*;
    let (step, then): (PlaybookStep, &[PlaybookStep]) =
        if legal_or_safety || (sev >= 75.0 && risk >= 0.6) {
            (
                Escalate,
                &[ApologiseAndOwn, MoveToPrivate, FixAndReportBack],
            )
        } else if sev < 20.0 && risk >= 0.55 {
            (EngageAdvocates, &[AcknowledgePublicly, Monitor])
        } else if public && risk >= 0.55 {
            (
                AcknowledgePublicly,
                &[ApologiseAndOwn, MoveToPrivate, FixAndReportBack],
            )
        } else if sev >= 60.0 {
            (ApologiseAndOwn, &[FixAndReportBack])
        } else if public && sev >= 30.0 {
            (MoveToPrivate, &[FixAndReportBack])
        } else if sev >= 30.0 {
            (FixAndReportBack, &[])
        } else {
            (Monitor, &[])
        };

    Response {
        deadline,
        urgency: u,
        step,
        then: then.to_vec(),
        severity: sev,
        risk,
        legal_or_safety,
        public,
    }
}

/// `15 min`, `4 h`, appended to `out`.
fn human_into(out: &mut String, d: Duration) {
    let s = d.as_secs();
    if s < HOUR {
        push_uint(out, s / MIN);
        out.push_str(" min");
    } else {
        push_uint(out, s / HOUR);
        out.push_str(" h");
    }
}

/// Appends the decimal digits of `n`.
pub(crate) fn push_uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(char::from(b));
    }
}

/// Appends `x` with `decimals` (at most 3) digits after the point, exactly
/// as `format!("{x:.decimals$}")` does (the decimal nearest to the value,
/// ties to even; `-` for any negative value, `-0.00` included), without
/// the formatting machinery. Values of a million or more, and NaN and
/// infinities, go through `format!`.
pub(crate) fn push_fixed(out: &mut String, x: f32, decimals: u32) {
    let decimals = decimals.min(3);
    if !x.is_finite() || x.abs() >= 1e6 {
        use std::fmt::Write;
        let _ = write!(out, "{:.*}", decimals as usize, x);
        return;
    }
    let scale = 10u64.pow(decimals);
    // Exact: an f32 has 24 significant bits, 10³ adds at most 10, and an
    // f64 holds 53.
    let v = f64::from(x.abs()) * scale as f64;
    let r = v.round_ties_even() as u64;
    if x.is_sign_negative() {
        out.push('-');
    }
    push_uint(out, r / scale);
    if decimals > 0 {
        out.push('.');
        let frac = r % scale;
        let mut div = scale / 10;
        while div > 0 {
            out.push(char::from(b'0' + (frac / div % 10) as u8));
            div /= 10;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(x: f32, d: u32) -> String {
        let mut s = String::new();
        push_fixed(&mut s, x, d);
        s
    }

    #[test]
    fn fixed_point_matches_format() {
        let mut xs: Vec<f32> = vec![
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            0.625,
            0.875,
            0.005,
            0.015,
            0.045,
            -0.125,
            -0.005,
            99.5,
            100.0,
            0.995,
            0.9951,
            1e-9,
            -1e-9,
            999_999.9,
            1e6,
            3e7,
            f32::MAX,
            f32::MIN_POSITIVE,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
        ];
        // Every tie k/8 and k/16 in range, and a stride through the bit
        // patterns of [0, 128).
        for k in 0..2048 {
            xs.push(k as f32 / 16.0);
            xs.push(-(k as f32) / 8.0);
        }
        let mut bits = 0u32;
        while bits < 128f32.to_bits() {
            let x = f32::from_bits(bits);
            xs.push(x);
            xs.push(-x);
            bits += 4099;
        }
        for &x in &xs {
            for d in 0..=3 {
                assert_eq!(fixed(x, d), format!("{x:.*}", d as usize), "{x:e} {d}");
            }
        }
        let mut s = String::new();
        push_uint(&mut s, 0);
        push_uint(&mut s, u64::MAX);
        assert_eq!(s, format!("0{}", u64::MAX));
    }

    #[test]
    fn deadlines_shrink_with_severity_and_risk() {
        let mut last = u64::MAX;
        for i in 0..=20 {
            let x = i as f32 / 20.0;
            let r = respond(100.0 * x, x, false, true);
            assert!(r.deadline.as_secs() <= last, "{x}");
            last = r.deadline.as_secs();
        }
        assert_eq!(last, 15 * MIN);
    }

    #[test]
    fn table_rows() {
        assert_eq!(respond(90.0, 0.9, false, true).deadline.as_secs(), 15 * MIN);
        assert_eq!(
            respond(10.0, 0.1, false, false).deadline.as_secs(),
            48 * HOUR
        );
        assert_eq!(
            respond(10.0, 0.1, false, true).deadline.as_secs(),
            24 * HOUR
        );
        assert_eq!(respond(10.0, 0.1, true, false).deadline.as_secs(), 30 * MIN);
        assert_eq!(
            respond(f32::NAN, f32::INFINITY, false, false)
                .deadline
                .as_secs(),
            4 * HOUR
        );
    }

    #[test]
    fn steps() {
        assert_eq!(respond(50.0, 0.2, true, false).step, PlaybookStep::Escalate);
        assert_eq!(
            respond(5.0, 0.8, false, true).step,
            PlaybookStep::EngageAdvocates
        );
        assert_eq!(
            respond(40.0, 0.7, false, true).step,
            PlaybookStep::AcknowledgePublicly
        );
        assert_eq!(
            respond(70.0, 0.2, false, false).step,
            PlaybookStep::ApologiseAndOwn
        );
        assert_eq!(
            respond(40.0, 0.2, false, true).step,
            PlaybookStep::MoveToPrivate
        );
        assert_eq!(
            respond(40.0, 0.2, false, false).step,
            PlaybookStep::FixAndReportBack
        );
        assert_eq!(respond(10.0, 0.1, false, true).step, PlaybookStep::Monitor);
    }
}
