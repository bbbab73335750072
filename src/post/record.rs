//! [`PostRecord`]: one post as a JSON object (a JSONL line), read with serde
//! and checked field by field.

use core::fmt;
use std::time::Duration;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::{duration_from_secs, Channel, Post};
use crate::monitor::{parse_rfc3339, EventId, Timestamp};
use crate::{Error, Lang, StreamPost};

/// A post's id as given: a string or a JSON number.
///
/// Any number is kept (and written back) as it was read; the
/// [`Monitor`](crate::Monitor) needs a string or a non-negative integer
/// ([`EventId`]), so [`StreamPost::try_from`] refuses the others.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordId {
    /// A non-negative integer.
    Num(u64),
    /// A negative integer.
    Neg(i64),
    /// A number with a fraction or an exponent.
    Float(f64),
    /// A string.
    Str(String),
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordId::Num(n) => write!(f, "{n}"),
            RecordId::Neg(n) => write!(f, "{n}"),
            RecordId::Float(x) => write!(f, "{x}"),
            RecordId::Str(s) => f.write_str(s),
        }
    }
}

impl serde::Serialize for RecordId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RecordId::Num(n) => s.serialize_u64(*n),
            RecordId::Neg(n) => s.serialize_i64(*n),
            RecordId::Float(x) => s.serialize_f64(*x),
            RecordId::Str(v) => s.serialize_str(v),
        }
    }
}

impl TryFrom<&RecordId> for EventId {
    type Error = Error;

    /// A string or a non-negative integer; other numbers are refused with
    /// [`Error::InvalidMetadata`] naming `id`.
    fn try_from(id: &RecordId) -> Result<EventId, Error> {
        match id {
            RecordId::Num(n) => Ok(EventId::Num(*n)),
            RecordId::Str(s) => Ok(EventId::from(s.as_str())),
            other => Err(Error::InvalidMetadata {
                field: "id",
                reason: format!("{other} is neither a string nor a non-negative integer"),
            }),
        }
    }
}

/// One post as a JSON object: the line format of the `score` and `monitor`
/// examples, checked field by field.
///
/// | field | accepted | refused ([`Error`] naming the field) |
/// |---|---|---|
/// | `id` | string or number (required) | missing, `null`, bool, array, object |
/// | `text` | string, may be empty (required) | missing, anything else |
/// | `lang` | a code [`Lang::from_code`] knows, or `null` | unknown codes, non-strings |
/// | `channel` | a name [`Channel`]'s `FromStr` knows, or `null` | unknown names, non-strings |
/// | `author`, `topic`, `thread` | string; a number is taken as its decimal text | bool, array, object |
/// | `followers`, `likes`, `shares`, `replies` | integer 0 ..= 2⁶⁴−1 | negative, fractional (`1.5`, also `120.0`), beyond 2⁶⁴−1 (`1e30`), strings (`"120"`) |
/// | `verified`, `is_brand` | `true`, `false`, `null` | strings, numbers |
/// | `created` | RFC 3339 string | other strings, numbers |
/// | `age`, `counted_at` | seconds since publication: finite, ≥ 0, fractions allowed | negative, beyond [`Duration`]'s range, strings; `counted_at` later than `age` |
///
/// `null` means "not given" for every optional field. Unknown fields are
/// ignored; a known field given twice is refused (which one was meant is
/// unclear). Nothing is clamped: a value that cannot be what its field
/// says is an error, so bad upstream data is seen rather than scored.
///
/// [`PostRecord::read`] keeps the two kinds of failure apart: the outer
/// result is the format's own error (not JSON, not an object), the inner one
/// the typed [`Error`] of the first bad field. `Deserialize` folds both into
/// the format's error.
///
/// ```
/// use backlash::post::{PostRecord, RecordId};
/// use backlash::{Error, Post, StreamPost};
///
/// let line = r#"{"id": 7, "text": "still no refund", "followers": 1200, "created": "2026-11-19T08:00:00Z"}"#;
/// let rec: PostRecord = serde_json::from_str(line).unwrap();
/// assert_eq!(rec.id, RecordId::Num(7));
/// let post = Post::from(&rec);
/// assert_eq!(post.followers, Some(1200));
/// let sp = StreamPost::try_from(&rec).unwrap();
/// assert_eq!(sp.at.0, 1_795_075_200);
///
/// let bad = r#"{"id": 8, "text": "x", "likes": -3}"#;
/// let mut de = serde_json::Deserializer::from_str(bad);
/// let err = PostRecord::read(&mut de).unwrap().unwrap_err();
/// assert!(matches!(err, Error::InvalidMetadata { field: "likes", .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PostRecord {
    /// The post's id.
    pub id: RecordId,
    /// The text.
    pub text: String,
    /// The language the caller states, if any.
    pub lang: Option<Lang>,
    /// Where it was published ([`Channel::Unknown`] when not given).
    pub channel: Channel,
    /// The author's handle.
    pub author: Option<String>,
    /// The topic (brand, product, hashtag).
    pub topic: Option<String>,
    /// The conversation thread.
    pub thread: Option<String>,
    /// The author's follower count.
    pub followers: Option<u64>,
    /// Likes or reactions.
    pub likes: Option<u64>,
    /// Shares, retweets, quotes.
    pub shares: Option<u64>,
    /// Replies or comments.
    pub replies: Option<u64>,
    /// Whether the author is verified.
    pub verified: bool,
    /// Whether the brand wrote the post.
    pub is_brand: bool,
    /// When it was published.
    pub created: Option<Timestamp>,
    /// Time since publication, now.
    pub age: Option<Duration>,
    /// Time since publication when the counts were taken.
    pub counted_at: Option<Duration>,
}

impl Default for RecordId {
    fn default() -> Self {
        RecordId::Str(String::new())
    }
}

impl PostRecord {
    /// Reads one record from `de`. `Err` is the format's error (not valid
    /// syntax, not a map); `Ok(Err(_))` is the first field that failed its
    /// check, as a typed [`Error`] ([`Error::MissingField`] or
    /// [`Error::InvalidMetadata`]) naming the field. The whole object is
    /// read either way, so the deserializer can go on (for example, to check
    /// for trailing characters).
    pub fn read<'de, D: Deserializer<'de>>(de: D) -> Result<Result<PostRecord, Error>, D::Error> {
        de.deserialize_map(RecordVisitor)
    }
}

impl<'de> serde::Deserialize<'de> for PostRecord {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<PostRecord, D::Error> {
        PostRecord::read(de)?.map_err(de::Error::custom)
    }
}

impl<'a> From<&'a PostRecord> for Post<'a> {
    /// The post (text and metadata) the record describes.
    fn from(r: &'a PostRecord) -> Post<'a> {
        Post {
            text: &r.text,
            channel: r.channel,
            followers: r.followers,
            verified: r.verified,
            likes: r.likes,
            shares: r.shares,
            replies: r.replies,
            counted_at: r.counted_at,
            age: r.age,
            brand_answered: false,
        }
    }
}

impl<'a> TryFrom<&'a PostRecord> for StreamPost<'a> {
    type Error = Error;

    /// The record as a monitor event: needs `created`
    /// ([`Error::MissingField`]) and an id the monitor can keep (a string or
    /// a non-negative integer, else [`Error::InvalidMetadata`]).
    fn try_from(r: &'a PostRecord) -> Result<StreamPost<'a>, Error> {
        let at = r.created.ok_or(Error::MissingField { field: "created" })?;
        let mut sp = StreamPost::new(EventId::try_from(&r.id)?, at, Post::from(r));
        sp.topic = r.topic.as_deref();
        sp.thread = r.thread.as_deref();
        sp.author = r.author.as_deref();
        sp.is_brand = r.is_brand;
        Ok(sp)
    }
}

/// A field's value before it is checked.
enum Raw {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Array,
    Object,
}

impl Raw {
    fn what(&self) -> String {
        match self {
            Raw::Null => "null".into(),
            Raw::Bool(b) => b.to_string(),
            Raw::U64(n) => n.to_string(),
            Raw::I64(n) => n.to_string(),
            Raw::F64(x) => format!("{x:?}"),
            Raw::Str(s) => match s.char_indices().nth(40) {
                None => format!("the string {s:?}"),
                Some((cut, _)) => format!("the string {:?}…", &s[..cut]),
            },
            Raw::Array => "an array".into(),
            Raw::Object => "an object".into(),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Raw, D::Error> {
        de.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<Raw, D::Error> {
        de.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::U64(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(if v >= 0 {
            Raw::U64(v as u64)
        } else {
            Raw::I64(v)
        })
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::F64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Raw::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Raw::Object)
    }
}

/// The known fields, in the order of [`KEYS`].
const KEYS: [&str; 16] = [
    "id",
    "text",
    "lang",
    "channel",
    "author",
    "topic",
    "thread",
    "followers",
    "likes",
    "shares",
    "replies",
    "verified",
    "is_brand",
    "created",
    "age",
    "counted_at",
];

/// A key: the index of a known field, or `None` for any other.
struct Key(Option<usize>);

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E>(self, v: &str) -> Result<Key, E> {
                Ok(Key(KEYS.iter().position(|k| *k == v)))
            }
        }
        de.deserialize_identifier(KeyVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Result<PostRecord, Error>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object (one post)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut raw: [Option<Raw>; KEYS.len()] = Default::default();
        let mut duplicate = None;
        while let Some(Key(k)) = map.next_key::<Key>()? {
            match k {
                Some(i) => {
                    let v = map.next_value::<Raw>()?;
                    if raw[i].is_some() {
                        duplicate.get_or_insert(KEYS[i]);
                    }
                    raw[i] = Some(v);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(field) = duplicate {
            return Ok(Err(bad(field, "given more than once".into())));
        }
        Ok(check(raw))
    }
}

fn bad(field: &'static str, reason: String) -> Error {
    Error::InvalidMetadata { field, reason }
}

/// Takes field `i` out of `raw`, `None` when absent or `null`.
fn take(raw: &mut [Option<Raw>; KEYS.len()], i: usize) -> Option<Raw> {
    match raw[i].take() {
        None | Some(Raw::Null) => None,
        some => some,
    }
}

fn check(mut raw: [Option<Raw>; KEYS.len()]) -> Result<PostRecord, Error> {
    let mut field = |i: usize| (KEYS[i], take(&mut raw, i));
    let id = match field(0) {
        (f, None) => return Err(Error::MissingField { field: f }),
        (_, Some(Raw::U64(n))) => RecordId::Num(n),
        (_, Some(Raw::I64(n))) => RecordId::Neg(n),
        (_, Some(Raw::F64(x))) => RecordId::Float(x),
        (_, Some(Raw::Str(s))) => RecordId::Str(s),
        (f, Some(v)) => {
            return Err(bad(
                f,
                format!("must be a string or a number, not {}", v.what()),
            ))
        }
    };
    let text = match field(1) {
        (f, None) => return Err(Error::MissingField { field: f }),
        (_, Some(Raw::Str(s))) => s,
        (f, Some(v)) => return Err(bad(f, format!("must be a string, not {}", v.what()))),
    };
    let lang = match field(2) {
        (_, None) => None,
        (f, Some(Raw::Str(s))) => {
            Some(Lang::from_code(&s).ok_or_else(|| bad(f, format!("unknown language {s:?}")))?)
        }
        (f, Some(v)) => return Err(bad(f, format!("must be a string, not {}", v.what()))),
    };
    let channel = match field(3) {
        (_, None) => Channel::Unknown,
        (_, Some(Raw::Str(s))) => s.parse::<Channel>()?,
        (f, Some(v)) => return Err(bad(f, format!("must be a string, not {}", v.what()))),
    };
    let name = |(f, v): (&'static str, Option<Raw>)| -> Result<Option<String>, Error> {
        match v {
            None => Ok(None),
            Some(Raw::Str(s)) => Ok(Some(s)),
            Some(Raw::U64(n)) => Ok(Some(n.to_string())),
            Some(Raw::I64(n)) => Ok(Some(n.to_string())),
            Some(Raw::F64(x)) => Ok(Some(x.to_string())),
            Some(v) => Err(bad(f, format!("must be a string, not {}", v.what()))),
        }
    };
    let author = name(field(4))?;
    let topic = name(field(5))?;
    let thread = name(field(6))?;
    let count = |(f, v): (&'static str, Option<Raw>)| -> Result<Option<u64>, Error> {
        match v {
            None => Ok(None),
            Some(Raw::U64(n)) => Ok(Some(n)),
            Some(v @ (Raw::I64(_) | Raw::F64(_))) => Err(bad(
                f,
                format!("must be a non-negative integer, not {}", v.what()),
            )),
            Some(v) => Err(bad(
                f,
                format!(
                    "must be a non-negative integer (a JSON number), not {}",
                    v.what()
                ),
            )),
        }
    };
    let followers = count(field(7))?;
    let likes = count(field(8))?;
    let shares = count(field(9))?;
    let replies = count(field(10))?;
    let flag = |(f, v): (&'static str, Option<Raw>)| -> Result<bool, Error> {
        match v {
            None => Ok(false),
            Some(Raw::Bool(b)) => Ok(b),
            Some(v) => Err(bad(f, format!("must be true or false, not {}", v.what()))),
        }
    };
    let verified = flag(field(11))?;
    let is_brand = flag(field(12))?;
    let created = match field(13) {
        (_, None) => None,
        (_, Some(Raw::Str(s))) => Some(parse_rfc3339(&s)?),
        (f, Some(v)) => {
            return Err(bad(
                f,
                format!("must be an RFC 3339 string, not {}", v.what()),
            ))
        }
    };
    let secs = |(f, v): (&'static str, Option<Raw>)| -> Result<Option<Duration>, Error> {
        let x = match v {
            None => return Ok(None),
            Some(Raw::U64(n)) => n as f64,
            Some(Raw::I64(n)) => n as f64,
            Some(Raw::F64(x)) => x,
            Some(v) => {
                return Err(bad(
                    f,
                    format!("must be a number of seconds, not {}", v.what()),
                ))
            }
        };
        duration_from_secs(f, x).map(Some)
    };
    let age = secs(field(14))?;
    let counted_at = secs(field(15))?;
    if let (Some(a), Some(c)) = (age, counted_at) {
        if c > a {
            return Err(bad(
                "counted_at",
                format!(
                    "{} s is later than the post's age ({} s)",
                    c.as_secs_f64(),
                    a.as_secs_f64()
                ),
            ));
        }
    }
    Ok(PostRecord {
        id,
        text,
        lang,
        channel,
        author,
        topic,
        thread,
        followers,
        likes,
        shares,
        replies,
        verified,
        is_brand,
        created,
        age,
        counted_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Result<PostRecord, Error> {
        let mut de = serde_json::Deserializer::from_str(line);
        let r = PostRecord::read(&mut de).expect("a JSON object");
        de.end().expect("nothing after the object");
        r
    }

    /// The field a line is refused for.
    fn refused(line: &str) -> &'static str {
        match read(line) {
            Err(Error::InvalidMetadata { field, .. } | Error::MissingField { field }) => field,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn every_field_read() {
        let r = read(
            r#"{"id": "p1", "text": "late again", "lang": "EN", "channel": "twitter",
                "author": 42, "topic": "acme", "thread": 7, "followers": 0, "likes": 3,
                "shares": 18446744073709551615, "replies": null, "verified": true,
                "is_brand": false, "created": "2026-11-19T08:00:00+07:00", "age": 90.5,
                "counted_at": 60, "unknown": {"deep": [1, 2, {"x": null}]}}"#,
        )
        .unwrap();
        assert_eq!(r.id, RecordId::Str("p1".into()));
        assert_eq!(r.lang, Some(Lang::English));
        assert_eq!(r.channel, Channel::PublicSocial);
        assert_eq!(r.author.as_deref(), Some("42"));
        assert_eq!(r.thread.as_deref(), Some("7"));
        assert_eq!(r.followers, Some(0));
        assert_eq!(r.shares, Some(u64::MAX));
        assert_eq!(r.replies, None);
        assert!(r.verified && !r.is_brand);
        assert_eq!(r.created, Some(Timestamp(1_795_050_000)));
        assert_eq!(r.age, Some(Duration::from_millis(90_500)));
        assert_eq!(r.counted_at, Some(Duration::from_secs(60)));
        let p = Post::from(&r);
        assert_eq!(
            (p.text, p.likes, p.shares),
            ("late again", Some(3), Some(u64::MAX))
        );
        let sp = StreamPost::try_from(&r).unwrap();
        assert_eq!(sp.id, EventId::from("p1"));
        assert_eq!(
            (sp.topic, sp.thread, sp.author),
            (Some("acme"), Some("7"), Some("42"))
        );
    }

    #[test]
    fn minimal_and_odd_ids() {
        let r = read(r#"{"text": "", "id": 5}"#).unwrap();
        assert_eq!((r.id.clone(), r.text.as_str()), (RecordId::Num(5), ""));
        assert_eq!(r.channel, Channel::Unknown);
        assert_eq!(
            StreamPost::try_from(&r).unwrap_err(),
            Error::MissingField { field: "created" }
        );
        let r = read(r#"{"id": -5, "text": "x", "created": "2026-11-19T08:00:00Z"}"#).unwrap();
        assert_eq!(r.id, RecordId::Neg(-5));
        assert!(matches!(
            StreamPost::try_from(&r),
            Err(Error::InvalidMetadata { field: "id", .. })
        ));
        let r = read(r#"{"id": 2.5, "text": "x"}"#).unwrap();
        assert_eq!(r.id, RecordId::Float(2.5));
        assert_eq!(serde_json::to_string(&r.id).unwrap(), "2.5");
        assert_eq!(serde_json::to_string(&RecordId::Neg(-5)).unwrap(), "-5");
    }

    #[test]
    fn each_bad_value_names_its_field() {
        for (line, field) in [
            (r#"{"text": "x"}"#, "id"),
            (r#"{"id": null, "text": "x"}"#, "id"),
            (r#"{"id": [1], "text": "x"}"#, "id"),
            (r#"{"id": true, "text": "x"}"#, "id"),
            (r#"{"id": 1}"#, "text"),
            (r#"{"id": 1, "text": 5}"#, "text"),
            (r#"{"id": 1, "text": "x", "text": "y"}"#, "text"),
            (r#"{"id": 1, "id": 2, "text": "y"}"#, "id"),
            (r#"{"id": 1, "text": "x", "lang": "fr"}"#, "lang"),
            (r#"{"id": 1, "text": "x", "lang": 1}"#, "lang"),
            (r#"{"id": 1, "text": "x", "channel": "fax"}"#, "channel"),
            (r#"{"id": 1, "text": "x", "channel": {}}"#, "channel"),
            (r#"{"id": 1, "text": "x", "author": false}"#, "author"),
            (r#"{"id": 1, "text": "x", "topic": ["a"]}"#, "topic"),
            (r#"{"id": 1, "text": "x", "thread": {}}"#, "thread"),
            (r#"{"id": 1, "text": "x", "followers": -1}"#, "followers"),
            (r#"{"id": 1, "text": "x", "followers": 1.5}"#, "followers"),
            (r#"{"id": 1, "text": "x", "followers": 120.0}"#, "followers"),
            (r#"{"id": 1, "text": "x", "followers": 1e30}"#, "followers"),
            (
                r#"{"id": 1, "text": "x", "followers": 18446744073709551616}"#,
                "followers",
            ),
            (r#"{"id": 1, "text": "x", "followers": "120"}"#, "followers"),
            (r#"{"id": 1, "text": "x", "likes": -0.5}"#, "likes"),
            (r#"{"id": 1, "text": "x", "shares": true}"#, "shares"),
            (r#"{"id": 1, "text": "x", "replies": [3]}"#, "replies"),
            (r#"{"id": 1, "text": "x", "verified": "true"}"#, "verified"),
            (r#"{"id": 1, "text": "x", "is_brand": 1}"#, "is_brand"),
            (
                r#"{"id": 1, "text": "x", "created": "yesterday"}"#,
                "created",
            ),
            (
                r#"{"id": 1, "text": "x", "created": 1795050000}"#,
                "created",
            ),
            (r#"{"id": 1, "text": "x", "age": -1}"#, "age"),
            (r#"{"id": 1, "text": "x", "age": 1e300}"#, "age"),
            (r#"{"id": 1, "text": "x", "age": "60"}"#, "age"),
            (r#"{"id": 1, "text": "x", "counted_at": -3}"#, "counted_at"),
            (
                r#"{"id": 1, "text": "x", "age": 60, "counted_at": 61}"#,
                "counted_at",
            ),
        ] {
            assert_eq!(refused(line), field, "{line}");
        }
    }

    #[test]
    fn format_errors_stay_apart() {
        for line in ["[1, 2]", "\"text\"", "5", "null"] {
            let mut de = serde_json::Deserializer::from_str(line);
            assert!(PostRecord::read(&mut de).is_err(), "{line}");
        }
        // `Deserialize` folds a field error into the format's error.
        let e = serde_json::from_str::<PostRecord>(r#"{"id": 1, "text": "x", "likes": -2}"#)
            .unwrap_err();
        assert!(e.to_string().contains("invalid `likes`"), "{e}");
        let ok: PostRecord = serde_json::from_str(r#"{"id": 1, "text": "x"}"#).unwrap();
        assert_eq!(ok.text, "x");
    }
}
