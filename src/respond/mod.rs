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
    /// Why, in plain words.
    pub reasons: Vec<String>,
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

    let mut reasons = vec![format!(
        "severity {sev:.0}/100 and risk {risk:.2} give urgency {u:.2}: answer within {}",
        human(deadline)
    )];
    if legal_or_safety {
        reasons.push("legal or safety matter: a person must handle it".into());
    }
    if public {
        reasons.push("public post: others are watching the answer".into());
    } else {
        reasons.push("private channel: no audience yet".into());
    }
    Response {
        deadline,
        urgency: u,
        step,
        then: then.to_vec(),
        reasons,
    }
}

/// `15 min`, `4 h`.
fn human(d: Duration) -> String {
    let s = d.as_secs();
    if s < HOUR {
        format!("{} min", s / MIN)
    } else {
        format!("{} h", s / HOUR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
