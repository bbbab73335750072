//! What the caller knows about a post besides its text: where it was
//! published, who wrote it, how much engagement it has drawn and how old it is.
//!
//! Every field except the text is optional.
//!
//! ## Metadata values: what is refused, what is kept
//!
//! Through the builders, the types rule out most bad values: counts are
//! `u64` (no negative, fractional or NaN count can be written) and ages are
//! [`Duration`]s. Every `u64` is accepted, `u64::MAX` included: the virality
//! model takes logarithms, so huge counts saturate the risk toward 1 and
//! never overflow. The float and string inputs are checked and refused with
//! [`Error::InvalidMetadata`] naming the field: [`Post::age_secs`] and
//! [`Post::counted_at_secs`] (negative, NaN, infinite, or beyond
//! [`Duration`]'s range) and [`Channel::from_str`](core::str::FromStr)
//! (unknown names). A `counted_at` later than `age` is kept as given
//! through the builders (the engagement rate uses `counted_at`).
//!
//! From JSON (or any serde format), `PostRecord` (feature `serde`) checks each field and
//! refuses, never clamps: negative, fractional (`2.5`, and `120.0` too),
//! out-of-range (`1e30`) or quoted (`"120"`) counts, ages that are negative
//! or not numbers, a `counted_at` later than `age`, unknown `lang` or
//! `channel` names, non-boolean flags, a `created` that is not RFC 3339.
//! JSON itself has no NaN or infinity (`NaN` is a syntax error). Clamping
//! would score made-up numbers; an error shows the bad upstream data.
//!
//! ```
//! use std::time::Duration;
//! use backlash::{Channel, Post};
//! let post = Post::new("@SkyJet cancelled my flight again #neverflyskyjet")
//!     .channel("twitter".parse::<Channel>().unwrap())
//!     .followers(120_000)
//!     .shares(340)
//!     .age(Duration::from_secs(600));
//! assert!(post.channel.is_public());
//! assert_eq!(post.followers, Some(120_000));
//! ```

use core::fmt;
use core::str::FromStr;
use std::time::Duration;

use crate::Error;

/// Where a post was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Channel {
    /// A public social network (X/Twitter, Facebook, TikTok, Instagram,
    /// YouTube, Threads, Reddit comments...).
    PublicSocial,
    /// A review site or app-store/maps review.
    ReviewSite,
    /// A public forum or community board (Pantip, a brand community).
    Forum,
    /// A private message to the brand (DM, LINE chat, WhatsApp, web chat).
    PrivateMessage,
    /// E-mail to the brand.
    Email,
    /// Not known.
    #[default]
    Unknown,
}

impl Channel {
    /// Whether other people can see the post (social, review site, forum).
    /// [`Channel::Unknown`] counts as not public.
    pub const fn is_public(self) -> bool {
        matches!(
            self,
            Channel::PublicSocial | Channel::ReviewSite | Channel::Forum
        )
    }

    /// The snake-case name (`public_social`, `review_site`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::PublicSocial => "public_social",
            Channel::ReviewSite => "review_site",
            Channel::Forum => "forum",
            Channel::PrivateMessage => "private_message",
            Channel::Email => "email",
            Channel::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Channel {
    type Err = Error;

    /// Parses a channel or platform name, case-insensitively, ignoring
    /// spaces, `-` and `_`: `twitter`, `x`, `facebook`, `fb`, `tiktok`,
    /// `instagram`, `youtube`, `threads`, `reddit`, `social` →
    /// [`Channel::PublicSocial`]; `review`, `google_maps`, `trustpilot`,
    /// `tripadvisor`, `app_store`, `play_store`, `wongnai` → review site;
    /// `pantip`, `forum`, `community`, `board` → forum; `dm`, `pm`, `line`,
    /// `whatsapp`, `messenger`, `chat`, `private` → private message; `email`,
    /// `mail` → e-mail; `unknown` or empty → unknown. Anything else is
    /// [`Error::InvalidMetadata`].
    ///
    /// ```
    /// use backlash::Channel;
    /// assert_eq!("X".parse::<Channel>(), Ok(Channel::PublicSocial));
    /// assert_eq!("google_maps".parse::<Channel>(), Ok(Channel::ReviewSite));
    /// assert_eq!("LINE".parse::<Channel>(), Ok(Channel::PrivateMessage));
    /// assert!("carrier pigeon".parse::<Channel>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Channel, Error> {
        let mut key = String::with_capacity(s.len());
        for c in s.trim().chars() {
            if !matches!(c, ' ' | '-' | '_' | '.') {
                key.extend(c.to_lowercase());
            }
        }
        let ch = match key.as_str() {
            "twitter" | "x" | "xcom" | "facebook" | "fb" | "tiktok" | "instagram" | "ig"
            | "youtube" | "threads" | "reddit" | "social" | "publicsocial" | "mastodon"
            | "bluesky" | "weibo" | "linkedin" => Channel::PublicSocial,
            "review" | "reviews" | "reviewsite" | "googlemaps" | "google" | "trustpilot"
            | "tripadvisor" | "yelp" | "appstore" | "playstore" | "wongnai" | "zap" => {
                Channel::ReviewSite
            }
            "pantip" | "forum" | "community" | "board" | "webboard" => Channel::Forum,
            "dm" | "pm" | "line" | "whatsapp" | "messenger" | "chat" | "private"
            | "privatemessage" | "telegram" | "sms" => Channel::PrivateMessage,
            "email" | "mail" | "e-mail" => Channel::Email,
            "" | "unknown" => Channel::Unknown,
            _ => {
                return Err(Error::InvalidMetadata {
                    field: "channel",
                    reason: format!("unknown channel {:?}", s.trim()),
                })
            }
        };
        Ok(ch)
    }
}

/// A post with what the caller knows of it. Built with [`Post::new`] and the
/// builder methods; all metadata is optional.
///
/// `likes`, `shares` and `replies` are counts observed `age` after the post
/// was published (or at [`counted_at`](Post::counted_at) when the counts were
/// taken earlier than the post's current age); with both, the virality model
/// uses engagement per hour.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Post<'a> {
    /// The post's text.
    pub text: &'a str,
    /// Where it was published.
    pub channel: Channel,
    /// The author's follower count.
    pub followers: Option<u64>,
    /// Whether the author's account is verified (blue tick, public figure).
    pub verified: bool,
    /// Likes or reactions.
    pub likes: Option<u64>,
    /// Shares, retweets, quotes.
    pub shares: Option<u64>,
    /// Replies or comments.
    pub replies: Option<u64>,
    /// Time since publication when the engagement counts were taken.
    pub counted_at: Option<Duration>,
    /// Time since publication, now.
    pub age: Option<Duration>,
    /// Whether the brand has already answered the post.
    pub brand_answered: bool,
}

impl<'a> Post<'a> {
    /// A post with text only.
    pub fn new(text: &'a str) -> Post<'a> {
        Post {
            text,
            ..Post::default()
        }
    }

    /// Sets the channel.
    pub fn channel(mut self, channel: Channel) -> Self {
        self.channel = channel;
        self
    }

    /// Sets the author's follower count.
    pub fn followers(mut self, n: u64) -> Self {
        self.followers = Some(n);
        self
    }

    /// Marks the author as verified or not.
    pub fn verified(mut self, yes: bool) -> Self {
        self.verified = yes;
        self
    }

    /// Sets the like count.
    pub fn likes(mut self, n: u64) -> Self {
        self.likes = Some(n);
        self
    }

    /// Sets the share count.
    pub fn shares(mut self, n: u64) -> Self {
        self.shares = Some(n);
        self
    }

    /// Sets the reply count.
    pub fn replies(mut self, n: u64) -> Self {
        self.replies = Some(n);
        self
    }

    /// Sets when (time since publication) the engagement counts were taken.
    pub fn counted_at(mut self, since_published: Duration) -> Self {
        self.counted_at = Some(since_published);
        self
    }

    /// Sets the post's age.
    pub fn age(mut self, age: Duration) -> Self {
        self.age = Some(age);
        self
    }

    /// Sets the post's age from seconds given as a float (as JSON carries
    /// them). Negative, NaN or infinite values are refused with
    /// [`Error::InvalidMetadata`].
    ///
    /// ```
    /// use backlash::Post;
    /// assert!(Post::new("hi").age_secs(90.0).is_ok());
    /// assert!(Post::new("hi").age_secs(-1.0).is_err());
    /// assert!(Post::new("hi").age_secs(f64::NAN).is_err());
    /// ```
    pub fn age_secs(self, secs: f64) -> Result<Self, Error> {
        let d = duration_from_secs("age", secs)?;
        Ok(self.age(d))
    }

    /// Sets when the counts were taken from seconds given as a float.
    /// Negative, NaN or infinite values are refused with
    /// [`Error::InvalidMetadata`] naming `counted_at`.
    ///
    /// ```
    /// use backlash::Post;
    /// assert!(Post::new("hi").counted_at_secs(30.5).is_ok());
    /// assert!(Post::new("hi").counted_at_secs(f64::NEG_INFINITY).is_err());
    /// ```
    pub fn counted_at_secs(self, secs: f64) -> Result<Self, Error> {
        let d = duration_from_secs("counted_at", secs)?;
        Ok(self.counted_at(d))
    }

    /// Marks whether the brand has answered.
    pub fn brand_answered(mut self, yes: bool) -> Self {
        self.brand_answered = yes;
        self
    }

    /// Engagement counts summed with weights: a share counts as much as
    /// three replies or ten likes (shares put the post in front of new
    /// audiences; replies make it rank; likes are cheap).
    /// `None` when no count is known.
    pub fn weighted_engagement(&self) -> Option<f64> {
        if self.likes.is_none() && self.shares.is_none() && self.replies.is_none() {
            return None;
        }
        let f = |n: Option<u64>| n.unwrap_or(0) as f64;
        Some(f(self.shares) + f(self.replies) / 3.0 + f(self.likes) / 10.0)
    }
}

fn duration_from_secs(field: &'static str, secs: f64) -> Result<Duration, Error> {
    if secs.is_nan() || secs.is_infinite() || secs < 0.0 {
        return Err(Error::InvalidMetadata {
            field,
            reason: format!("{secs} is not a non-negative finite number of seconds"),
        });
    }
    Duration::try_from_secs_f64(secs).map_err(|e| Error::InvalidMetadata {
        field,
        reason: e.to_string(),
    })
}

/// Reading posts from JSON lines (or any serde format): [`PostRecord`].
#[cfg(feature = "serde")]
mod record;
#[cfg(feature = "serde")]
pub use record::{PostRecord, RecordId};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_parsing() {
        for (s, c) in [
            ("twitter", Channel::PublicSocial),
            ("X", Channel::PublicSocial),
            ("TikTok", Channel::PublicSocial),
            ("google maps", Channel::ReviewSite),
            ("Pantip", Channel::Forum),
            ("dm", Channel::PrivateMessage),
            ("line", Channel::PrivateMessage),
            ("E-mail", Channel::Email),
            ("", Channel::Unknown),
        ] {
            assert_eq!(s.parse::<Channel>(), Ok(c), "{s}");
        }
        let err = "fax".parse::<Channel>().unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidMetadata {
                field: "channel",
                ..
            }
        ));
    }

    #[test]
    fn builder_and_validation() {
        let p = Post::new("x").likes(10).shares(2).replies(3);
        let w = p.weighted_engagement().unwrap();
        assert!((w - 4.0).abs() < 1e-9);
        assert_eq!(Post::new("x").weighted_engagement(), None);
        assert!(Post::new("x").age_secs(f64::INFINITY).is_err());
        assert!(Post::new("x").age_secs(1e300).is_err());
        assert_eq!(
            Post::new("x").age_secs(60.0).unwrap().age,
            Some(Duration::from_secs(60))
        );
    }

    #[test]
    fn huge_counts_saturate() {
        let m = u64::MAX;
        let post = Post::new("worst airline ever, boycott them")
            .channel(Channel::PublicSocial)
            .followers(m)
            .likes(m)
            .shares(m)
            .replies(m)
            .counted_at(Duration::ZERO)
            .age(Duration::MAX);
        let w = post.weighted_engagement().unwrap();
        assert!(w.is_finite() && w > 1e18);
        let r = crate::Analyzer::default().assess(&post);
        assert!(
            (0.0..=1.0).contains(&r.virality.risk),
            "{}",
            r.virality.risk
        );
        for f in &r.virality.factors {
            assert!(f.contribution.is_finite(), "{f:?}");
        }
        let zero = Post::new("x")
            .followers(0)
            .likes(0)
            .counted_at(Duration::ZERO);
        let r = crate::Analyzer::default().assess(&zero);
        assert!((0.0..=1.0).contains(&r.virality.risk));
    }

    #[test]
    fn float_seconds_are_checked() {
        for bad in [
            -1.0,
            -0.001,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
        ] {
            for (field, res) in [
                ("age", Post::new("x").age_secs(bad)),
                ("counted_at", Post::new("x").counted_at_secs(bad)),
            ] {
                match res {
                    Err(Error::InvalidMetadata { field: f, .. }) => assert_eq!(f, field),
                    other => panic!("{field} {bad}: {other:?}"),
                }
            }
        }
        let p = Post::new("x").age_secs(0.25).unwrap();
        assert_eq!(p.age, Some(Duration::from_millis(250)));
        let p = Post::new("x").counted_at_secs(0.0).unwrap();
        assert_eq!(p.counted_at, Some(Duration::ZERO));
        // -0.0 is zero, not negative.
        assert_eq!(
            Post::new("x").age_secs(-0.0).unwrap().age,
            Some(Duration::ZERO)
        );
    }
}
