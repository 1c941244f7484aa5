//! iCalendar (RFC 5545) files for bookings: one event, times in the agency's zone with a
//! VTIMEZONE describing that zone's offsets for the year, a UID stable across changes
//! and a SEQUENCE that grows with them. Never any attendees.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

pub struct CalendarEvent {
    pub uid: String,
    pub sequence: i32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub cancelled: bool,
    pub zone: Tz,
    pub stamp: DateTime<Utc>,
    /// Not even the product's name in the file (for discreet bookings).
    pub discreet: bool,
}

/// `host[:port]` of a URL, for UIDs.
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

pub fn event(event: &CalendarEvent) -> String {
    let zone_name = event.zone.name();
    let local = |at: DateTime<Utc>| {
        at.with_timezone(&event.zone)
            .format("%Y%m%dT%H%M%S")
            .to_string()
    };
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        if event.discreet {
            "PRODID:-//Bookings//EN".to_owned()
        } else {
            "PRODID:-//Peer Lounge//Bookings//EN".to_owned()
        },
        "CALSCALE:GREGORIAN".to_owned(),
        format!(
            "METHOD:{}",
            if event.cancelled { "CANCEL" } else { "PUBLISH" }
        ),
    ];
    lines.extend(vtimezone(
        event.zone,
        event.start.with_timezone(&event.zone).year(),
    ));
    lines.extend([
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape(&event.uid)),
        format!("SEQUENCE:{}", event.sequence),
        format!("DTSTAMP:{}", event.stamp.format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART;TZID={zone_name}:{}", local(event.start)),
        format!("DTEND;TZID={zone_name}:{}", local(event.end)),
        format!("SUMMARY:{}", escape(&event.summary)),
        format!("LOCATION:{}", escape(&event.location)),
        format!("DESCRIPTION:{}", escape(&event.description)),
        format!(
            "STATUS:{}",
            if event.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ),
        "TRANSP:OPAQUE".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ]);
    let mut out = String::new();
    for line in lines {
        fold_into(&mut out, &line);
    }
    out
}

/// The zone's offsets through `year`: each change as its own observance (no recurrence
/// rules to get wrong), or a single STANDARD block for zones without daylight saving.
fn vtimezone(zone: Tz, year: i32) -> Vec<String> {
    let offset_at = |at: DateTime<Utc>| {
        zone.offset_from_utc_datetime(&at.naive_utc())
            .fix()
            .local_minus_utc()
    };
    let format_offset = |seconds: i32| {
        let sign = if seconds < 0 { '-' } else { '+' };
        let seconds = seconds.abs();
        format!("{sign}{:02}{:02}", seconds / 3600, (seconds % 3600) / 60)
    };
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
    ];
    let start = NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|naive| Utc.from_utc_datetime(&naive));
    let Some(start) = start else {
        lines.push("END:VTIMEZONE".to_owned());
        return lines;
    };
    let initial = offset_at(start);
    let mut previous = initial;
    let mut changes = Vec::new();
    let mut at = start;
    while at.year() == year {
        let next = at + Duration::hours(1);
        let offset = offset_at(next);
        if offset != previous {
            // Narrow the change to the minute.
            let mut minute = at;
            while offset_at(minute) == previous {
                minute += Duration::minutes(1);
            }
            changes.push((minute, previous, offset));
            previous = offset;
        }
        at = next;
    }
    let observance = |kind: &str, onset: String, from: i32, to: i32| {
        vec![
            format!("BEGIN:{kind}"),
            format!("DTSTART:{onset}"),
            format!("TZOFFSETFROM:{}", format_offset(from)),
            format!("TZOFFSETTO:{}", format_offset(to)),
            format!("END:{kind}"),
        ]
    };
    if changes.is_empty() {
        lines.extend(observance(
            "STANDARD",
            format!("{year}0101T000000"),
            initial,
            initial,
        ));
    } else {
        let lowest = changes
            .iter()
            .map(|(_, _, to)| *to)
            .chain([initial])
            .min()
            .unwrap_or(initial);
        for (at, from, to) in changes {
            // Onset in the local time before the change, as RFC 5545 wants.
            let onset = (at.naive_utc() + Duration::seconds(i64::from(from)))
                .format("%Y%m%dT%H%M%S")
                .to_string();
            let kind = if to == lowest { "STANDARD" } else { "DAYLIGHT" };
            lines.extend(observance(kind, onset, from, to));
        }
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a character.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(sequence: i32) -> CalendarEvent {
        let start = Utc.with_ymd_and_hms(2026, 11, 24, 21, 0, 0).unwrap();
        CalendarEvent {
            uid: "booking-7@lounge.example.org".into(),
            sequence,
            start,
            end: start + Duration::hours(1),
            summary: "Northside Youth Services: The Lounge".into(),
            location: "The Lounge, 2nd floor; side door".into(),
            description: "Can't make it? https://lounge.example.org/manage#token=abc".into(),
            cancelled: false,
            zone: chrono_tz::America::New_York,
            stamp: start,
            discreet: false,
        }
    }

    #[test]
    fn the_event_is_in_the_agency_zone_with_its_offsets() {
        let ics = event(&sample(2));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("DTSTART;TZID=America/New_York:20261124T160000\r\n"));
        assert!(ics.contains("DTEND;TZID=America/New_York:20261124T170000\r\n"));
        assert!(ics.contains("UID:booking-7@lounge.example.org\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        assert!(ics.contains("LOCATION:The Lounge\\, 2nd floor\\; side door\r\n"));
        // 2026: EDT from 8 March 2:00, EST from 1 November 2:00.
        assert!(ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"));
        assert!(ics.contains("BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"));
        assert!(!ics.contains("ATTENDEE"), "never other attendees");
    }

    #[test]
    fn long_lines_are_folded_at_75_octets() {
        let mut long = sample(0);
        long.description = "é".repeat(100);
        let ics = event(&long);
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", "é".repeat(100))));
    }

    #[test]
    fn zones_without_daylight_saving_have_one_standard_block() {
        let mut event_in_utc = sample(0);
        event_in_utc.zone = chrono_tz::UTC;
        let ics = event(&event_in_utc);
        assert!(ics.contains("BEGIN:STANDARD\r\nDTSTART:20260101T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\n"));
        assert!(!ics.contains("DAYLIGHT"));
    }

    #[test]
    fn host_is_taken_from_the_public_url() {
        assert_eq!(
            host_of("https://lounge.example.org/widget"),
            "lounge.example.org"
        );
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
    }
}
