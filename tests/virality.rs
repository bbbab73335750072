//! Virality risk: sensible ranking with and without metadata, monotonic in
//! reach and engagement, bounded and never NaN.

use std::time::Duration;

use backlash::{virality, Channel, Post, RiskLevel, TextSignals};
use proptest::prelude::*;

fn risk_text(text: &str, compound: f32, channel: Channel) -> f32 {
    let s = TextSignals::from_text(text, compound);
    virality(&Post::new(text).channel(channel), &s).risk
}

#[test]
fn text_alone_ranks_boycotts_above_mild_private_remarks() {
    for (angry, mild) in [
        (
            "BOYCOTT @SkyJet!!! They lost my bag and laughed at me. Share this #neverflyskyjet #skyjetfail",
            "the coffee on my flight was a bit cold",
        ),
        (
            "แบน @SkyJetTH ไปเลย!!! ทำกระเป๋าหายแล้วยังไม่สนใจ ช่วยแชร์ด้วย #แบนสกายเจ็ท",
            "กาแฟบนเครื่องเย็นไปหน่อย",
        ),
        (
            "תחרימו את @SkyJetIL!!! איבדו לי מזוודה ולא אכפת להם. שתפו! #סקייג'ט_בושה",
            "הקפה בטיסה היה קצת קר",
        ),
    ] {
        // Text only, channel unknown: the caller knows nothing else.
        let hi = risk_text(angry, -0.8, Channel::Unknown);
        let lo = risk_text(mild, -0.1, Channel::Unknown);
        assert!(hi > lo + 0.3, "{angry}: {hi} vs {lo}");
        assert!(RiskLevel::of(hi) >= RiskLevel::High, "{angry}: {hi}");
        // And the mild remark in a private message stays low.
        let lo_private = risk_text(mild, -0.1, Channel::PrivateMessage);
        assert!(lo_private < 0.1, "{mild}: {lo_private}");
    }
}

#[test]
fn metadata_large_fast_accounts_rank_above_small_ones() {
    let text = "my parcel is lost again";
    let s = TextSignals::from_text(text, -0.4);
    let big = Post::new(text)
        .channel(Channel::PublicSocial)
        .followers(200_000)
        .shares(400)
        .likes(2_000)
        .counted_at(Duration::from_secs(30 * 60))
        .age(Duration::from_secs(40 * 60));
    let small = Post::new(text)
        .channel(Channel::PublicSocial)
        .followers(50)
        .shares(0)
        .likes(1)
        .counted_at(Duration::from_secs(30 * 60))
        .age(Duration::from_secs(40 * 60));
    let (b, sm) = (virality(&big, &s), virality(&small, &s));
    assert!(b.risk > sm.risk + 0.4, "{} vs {}", b.risk, sm.risk);
    assert!(b.level >= RiskLevel::High);
    assert_eq!(sm.level, RiskLevel::Low);
}

#[test]
fn private_channels_and_answers_lower_the_risk() {
    let text = "Worst bank ever, never again #fail";
    let s = TextSignals::from_text(text, -0.7);
    let public = virality(&Post::new(text).channel(Channel::PublicSocial), &s).risk;
    let dm = virality(&Post::new(text).channel(Channel::PrivateMessage), &s).risk;
    assert!(public > dm);
    let aged = Post::new(text)
        .channel(Channel::PublicSocial)
        .age(Duration::from_secs(6 * 3600));
    let unanswered = virality(&aged, &s).risk;
    let answered = virality(&aged.clone().brand_answered(true), &s).risk;
    assert!(unanswered > answered);
}

/// channel, followers, likes, shares, replies, counted at (s), age (s),
/// verified, answered.
type Parts = (
    Channel,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    Option<u64>,
    bool,
    bool,
);

fn channel() -> impl Strategy<Value = Channel> {
    prop_oneof![
        Just(Channel::PublicSocial),
        Just(Channel::ReviewSite),
        Just(Channel::Forum),
        Just(Channel::PrivateMessage),
        Just(Channel::Email),
        Just(Channel::Unknown),
    ]
}

fn post_parts() -> impl Strategy<Value = Parts> {
    (
        channel(),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(0u64..10_000_000),
        proptest::option::of(0u64..10_000_000),
        any::<bool>(),
        any::<bool>(),
    )
}

fn build((ch, fo, li, sh, re, at, age, ver, ans): Parts) -> Post<'static> {
    let mut p = Post::new("x").channel(ch).verified(ver).brand_answered(ans);
    p.followers = fo;
    p.likes = li;
    p.shares = sh;
    p.replies = re;
    p.counted_at = at.map(Duration::from_secs);
    p.age = age.map(Duration::from_secs);
    p
}

fn signals() -> impl Strategy<Value = TextSignals> {
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        any::<bool>(),
        any::<f32>(),
        any::<bool>(),
    )
        .prop_map(
            |(hashtags, mentions, share_calls, boycott, exposure, outrage, humour)| TextSignals {
                hashtags,
                mentions,
                share_calls,
                boycott,
                exposure,
                exec: boycott && exposure,
                outrage,
                humour,
            },
        )
}

proptest! {
    #[test]
    fn bounded_and_finite(parts in post_parts(), s in signals()) {
        let v = virality(&build(parts), &s);
        prop_assert!(v.risk.is_finite());
        prop_assert!((0.0..=1.0).contains(&v.risk));
        prop_assert!(v.factors.iter().all(|f| f.contribution.is_finite()));
    }

    #[test]
    fn monotonic_in_followers(parts in post_parts(), s in signals(), a in any::<u64>(), b in any::<u64>()) {
        let (lo, hi) = (a.min(b), a.max(b));
        let mut p = build(parts);
        p.followers = Some(lo);
        let r_lo = virality(&p, &s).risk;
        p.followers = Some(hi);
        let r_hi = virality(&p, &s).risk;
        prop_assert!(r_hi >= r_lo, "{} followers: {}, {}: {}", lo, r_lo, hi, r_hi);
    }

    #[test]
    fn monotonic_in_engagement(parts in post_parts(), s in signals(), a in any::<u64>(), b in any::<u64>(), which in 0u8..3) {
        let (lo, hi) = (a.min(b), a.max(b));
        let mut p = build(parts);
        let set = |p: &mut Post<'static>, n: u64| match which {
            0 => p.shares = Some(n),
            1 => p.likes = Some(n),
            _ => p.replies = Some(n),
        };
        set(&mut p, lo);
        let r_lo = virality(&p, &s).risk;
        set(&mut p, hi);
        let r_hi = virality(&p, &s).risk;
        prop_assert!(r_hi >= r_lo);
    }

    #[test]
    fn text_signals_never_panic(text in "\\PC{0,200}", compound in any::<f32>()) {
        let s = TextSignals::from_text(&text, compound);
        prop_assert!((0.0..=1.0).contains(&s.outrage));
    }
}
