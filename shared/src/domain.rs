//! Validated newtypes. Input is parsed into these once, at the edge (the widget's form or
//! the server's extractor); code behind the edge trusts them and never re-checks.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why a value was refused, in words a young person can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Invalid {}

fn invalid(message: &str) -> Invalid {
    Invalid(message.to_owned())
}

/// The name or nickname a young person goes by: 1–60 characters after trimming,
/// no control characters. We never ask for a legal name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 60;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(invalid("Please tell us a name or nickname."));
        }
        if trimmed.chars().count() > Self::MAX_CHARS {
            return Err(invalid("Please use 60 characters or fewer."));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(invalid("Please use letters, numbers and punctuation only."));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DisplayName {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}

impl fmt::Display for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An email address, trimmed, with the domain's ASCII letters lower-cased so the same
/// address is recognised however it was typed. Deliberately permissive about the local part
/// (RFC 5321 allows far more than most validators do); strict about shape and length.
/// ASCII-only case handling on purpose: Unicode tables would add ~10 KB to the widget.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub const MAX_CHARS: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        const BAD: &str = "That doesn't look like an email address, like name@example.org.";
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(invalid("Please enter an email address."));
        }
        if trimmed.len() > Self::MAX_CHARS {
            return Err(invalid("That email address is too long."));
        }
        if trimmed
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
        {
            return Err(invalid(BAD));
        }
        let Some((local, domain)) = trimmed.rsplit_once('@') else {
            return Err(invalid(BAD));
        };
        let domain_ok = domain.len() <= 253
            && domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii())
            });
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(invalid(BAD));
        }
        Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A half-open span of real time `[start, end)`, never empty or reversed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawTimeRange", into = "RawTimeRange")]
pub struct TimeRange {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

#[derive(Serialize, Deserialize)]
struct RawTimeRange {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

impl TimeRange {
    pub fn new(start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Self, Invalid> {
        if end <= start {
            return Err(invalid("The end must be after the start."));
        }
        Ok(Self { start, end })
    }

    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    pub fn end(&self) -> DateTime<Utc> {
        self.end
    }

    pub fn duration(&self) -> chrono::Duration {
        self.end - self.start
    }

    /// Whether the two ranges share any instant; touching ends do not overlap.
    pub fn overlaps(&self, other: &TimeRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, instant: DateTime<Utc>) -> bool {
        self.start <= instant && instant < self.end
    }
}

impl TryFrom<RawTimeRange> for TimeRange {
    type Error = Invalid;
    fn try_from(raw: RawTimeRange) -> Result<Self, Self::Error> {
        Self::new(raw.start, raw.end)
    }
}

impl From<TimeRange> for RawTimeRange {
    fn from(range: TimeRange) -> Self {
        Self {
            start: range.start,
            end: range.end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn display_name_is_trimmed() {
        assert_eq!(DisplayName::parse("  Sam  ").unwrap().as_str(), "Sam");
    }

    #[test]
    fn display_name_rejects_blank() {
        assert!(DisplayName::parse("").is_err());
        assert!(DisplayName::parse("   \t ").is_err());
    }

    #[test]
    fn display_name_counts_characters_not_bytes() {
        let sixty_accented = "é".repeat(60);
        assert!(DisplayName::parse(&sixty_accented).is_ok());
        assert!(DisplayName::parse(&"é".repeat(61)).is_err());
        assert!(DisplayName::parse(&"a".repeat(60)).is_ok());
    }

    #[test]
    fn display_name_allows_emoji_and_non_latin_scripts() {
        assert!(DisplayName::parse("Jo 🌈").is_ok());
        assert!(DisplayName::parse("明").is_ok());
    }

    #[test]
    fn display_name_rejects_control_characters() {
        assert!(DisplayName::parse("Sam\nsmith").is_err());
        assert!(DisplayName::parse("Sam\u{0007}").is_err());
        assert!(DisplayName::parse("Sam\u{009b}").is_err());
    }

    #[test]
    fn display_name_deserialises_through_the_same_rules() {
        let ok: DisplayName = serde_json::from_str("\" Ana \"").unwrap();
        assert_eq!(ok.as_str(), "Ana");
        assert!(serde_json::from_str::<DisplayName>("\"\"").is_err());
    }

    #[test]
    fn email_accepts_ordinary_addresses_and_lowercases_the_domain() {
        assert_eq!(
            Email::parse(" Sam.Lee+lounge@Example.ORG ")
                .unwrap()
                .as_str(),
            "Sam.Lee+lounge@example.org"
        );
        assert!(Email::parse("a@b.co").is_ok());
        assert!(Email::parse("jo@sub.domain-name.org").is_ok());
        assert!(
            Email::parse("jo@bücher.example").is_ok(),
            "internationalised domains"
        );
    }

    #[test]
    fn email_rejects_malformed_addresses() {
        for bad in [
            "",
            "plainaddress",
            "@example.org",
            "sam@",
            "sam@localhost",
            "sam@example..org",
            "sam@-example.org",
            "sam@exa mple.org",
            "sam smith@example.org",
            "sam@@example.org",
            "sam@example.org,other@example.org",
            "<sam@example.org>",
            "sam@example.org\r\nBcc: x@y.z",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn email_rejects_overlong_parts() {
        let long_local = format!("{}@example.org", "a".repeat(65));
        assert!(Email::parse(&long_local).is_err());
        let long_label = format!("sam@{}.org", "a".repeat(64));
        assert!(Email::parse(&long_label).is_err());
        let too_long = format!("{}@{}.org", "a".repeat(64), "b.".repeat(100));
        assert!(Email::parse(&too_long).is_err());
    }

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, hour, minute, 0).unwrap()
    }

    #[test]
    fn time_range_must_move_forward() {
        assert!(TimeRange::new(at(10, 0), at(11, 0)).is_ok());
        assert!(TimeRange::new(at(10, 0), at(10, 0)).is_err());
        assert!(TimeRange::new(at(11, 0), at(10, 0)).is_err());
    }

    #[test]
    fn time_ranges_that_touch_do_not_overlap() {
        let morning = TimeRange::new(at(9, 0), at(10, 0)).unwrap();
        let next = TimeRange::new(at(10, 0), at(11, 0)).unwrap();
        let straddling = TimeRange::new(at(9, 30), at(10, 30)).unwrap();
        assert!(!morning.overlaps(&next));
        assert!(morning.overlaps(&straddling));
        assert!(next.overlaps(&straddling));
        assert!(morning.contains(at(9, 0)));
        assert!(!morning.contains(at(10, 0)));
        assert_eq!(morning.duration(), chrono::Duration::hours(1));
    }

    #[test]
    fn time_range_deserialisation_refuses_reversed_ranges() {
        let reversed = r#"{"start":"2026-11-23T11:00:00Z","end":"2026-11-23T10:00:00Z"}"#;
        assert!(serde_json::from_str::<TimeRange>(reversed).is_err());
        let fine = r#"{"start":"2026-11-23T10:00:00Z","end":"2026-11-23T11:00:00Z"}"#;
        assert!(serde_json::from_str::<TimeRange>(fine).is_ok());
    }

    #[test]
    fn booking_kind_and_status_round_trip_their_wire_names() {
        use crate::{BookingKind, BookingStatus};
        for kind in BookingKind::ALL {
            assert_eq!(BookingKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        for status in BookingStatus::ALL {
            assert_eq!(BookingStatus::parse(status.as_str()), Some(status));
            assert_eq!(
                serde_json::to_string(&status).unwrap(),
                format!("\"{}\"", status.as_str())
            );
        }
        assert_eq!(BookingKind::parse("no_show"), None);
    }
}
