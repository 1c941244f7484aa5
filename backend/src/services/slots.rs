//! Turning weekly opening rules into real slots. Pure: no database, no clock.
//!
//! Windows are read in the agency's zone and cut into slots in real time, so every slot
//! lasts exactly its length whatever the clocks do: on the spring-forward day the hour
//! that does not exist yields no slot, and on the fall-back day the repeated hour yields
//! two distinct slots (one per offset) rather than one doubled or lost.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc,
};
use chrono_tz::Tz;
use shared::{OpeningRule, TimeRange, Weekday};

/// A rule as the scheduler uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyWindow {
    pub weekday: Weekday,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    pub slot: Duration,
}

/// Parses and checks a week of rules: `HH:MM` times, `opens` before `closes`, a slot
/// length from 5 minutes to the whole window, and no two windows of a day overlapping.
/// Errors are `(field, problem)`.
pub fn parse_rules(rules: &[OpeningRule]) -> Result<Vec<WeeklyWindow>, (String, String)> {
    let mut windows = Vec::with_capacity(rules.len());
    for (index, rule) in rules.iter().enumerate() {
        let field = |name: &str| format!("rules[{index}].{name}");
        let opens = parse_hhmm(&rule.opens)
            .ok_or_else(|| (field("opens"), "Use a time like 09:30.".to_owned()))?;
        let closes = parse_hhmm(&rule.closes)
            .ok_or_else(|| (field("closes"), "Use a time like 17:00.".to_owned()))?;
        if closes <= opens {
            return Err((
                field("closes"),
                "Closing time must be after opening time.".to_owned(),
            ));
        }
        let window_minutes = (closes - opens).num_minutes();
        if rule.slot_minutes < 5 || i64::from(rule.slot_minutes) > window_minutes {
            return Err((
                field("slot_minutes"),
                "A slot is at least 5 minutes and fits inside its window.".to_owned(),
            ));
        }
        windows.push(WeeklyWindow {
            weekday: rule.weekday,
            opens,
            closes,
            slot: Duration::minutes(i64::from(rule.slot_minutes)),
        });
    }
    for (i, a) in windows.iter().enumerate() {
        for b in &windows[i + 1..] {
            if a.weekday == b.weekday && a.opens < b.closes && b.opens < a.closes {
                return Err((
                    "rules".to_owned(),
                    format!("Two windows on {:?} overlap.", a.weekday).to_lowercase(),
                ));
            }
        }
    }
    windows.sort_by_key(|w| (w.weekday, w.opens));
    Ok(windows)
}

/// `HH:MM`, 00:00 to 23:59.
pub fn parse_hhmm(raw: &str) -> Option<NaiveTime> {
    let (hours, minutes) = raw.split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)
}

pub fn format_hhmm(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// A window as the API spells it.
pub fn to_rule(window: &WeeklyWindow) -> OpeningRule {
    OpeningRule {
        weekday: window.weekday,
        opens: format_hhmm(window.opens),
        closes: format_hhmm(window.closes),
        slot_minutes: u32::try_from(window.slot.num_minutes()).unwrap_or(0),
    }
}

/// Every slot the rules give on the days `from..=to` (agency dates), in time order.
pub fn slots_between(
    windows: &[WeeklyWindow],
    from: NaiveDate,
    to: NaiveDate,
    zone: Tz,
) -> Vec<TimeRange> {
    let mut slots = Vec::new();
    let mut day = from;
    while day <= to {
        let weekday = Weekday::from_index(day.weekday().num_days_from_monday() as u8);
        for window in windows.iter().filter(|w| Some(w.weekday) == weekday) {
            let start = resolve(zone, day.and_time(window.opens), Prefer::Earliest);
            let end = resolve(zone, day.and_time(window.closes), Prefer::Latest);
            let mut slot_start = start;
            while slot_start + window.slot <= end {
                if let Ok(slot) = TimeRange::new(slot_start, slot_start + window.slot) {
                    slots.push(slot);
                }
                slot_start += window.slot;
            }
        }
        match day.succ_opt() {
            Some(next) => day = next,
            None => break,
        }
    }
    slots.sort_by_key(TimeRange::start);
    slots
}

#[derive(Clone, Copy)]
enum Prefer {
    Earliest,
    Latest,
}

/// The instant a wall-clock time names. A time the clocks skip (spring forward) moves to
/// the first instant after the gap; a time they repeat (fall back) takes the earlier
/// instant for an opening and the later for a closing, so the window covers the whole
/// wall-clock span.
fn resolve(zone: Tz, local: NaiveDateTime, prefer: Prefer) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(early, late) => match prefer {
            Prefer::Earliest => early.with_timezone(&Utc),
            Prefer::Latest => late.with_timezone(&Utc),
        },
        LocalResult::None => {
            // Gaps are at most a few hours; walk forward minute by minute to their end.
            let mut probe = local;
            for _ in 0..(4 * 60) {
                probe += Duration::minutes(1);
                if let Some(t) = zone.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
            Utc.from_utc_datetime(&local)
        }
    }
}

/// The instant the agency's `day` begins (the first instant after midnight when the
/// clocks skip it).
pub fn local_midnight(day: NaiveDate, zone: Tz) -> DateTime<Utc> {
    use chrono::TimeZone;
    let midnight = day.and_time(NaiveTime::MIN);
    zone.from_local_datetime(&midnight)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(midnight + Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(weekday: Weekday, opens: &str, closes: &str, slot_minutes: u32) -> OpeningRule {
        OpeningRule {
            weekday,
            opens: opens.into(),
            closes: closes.into(),
            slot_minutes,
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn local(slots: &[TimeRange], zone: Tz) -> Vec<String> {
        slots
            .iter()
            .map(|s| {
                s.start()
                    .with_timezone(&zone)
                    .format("%H:%M%:z")
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn an_ordinary_day_is_cut_into_equal_slots() {
        let windows = parse_rules(&[rule(Weekday::Mon, "15:00", "18:00", 60)]).unwrap();
        let zone = chrono_tz::America::New_York;
        let slots = slots_between(&windows, date(2026, 11, 23), date(2026, 11, 23), zone);
        assert_eq!(
            local(&slots, zone),
            ["15:00-05:00", "16:00-05:00", "17:00-05:00"]
        );
        // A window that does not divide evenly drops the part-slot at the end.
        let windows = parse_rules(&[rule(Weekday::Mon, "15:00", "16:40", 45)]).unwrap();
        assert_eq!(
            slots_between(&windows, date(2026, 11, 23), date(2026, 11, 23), zone).len(),
            2
        );
    }

    #[test]
    fn only_the_rules_weekdays_have_slots_and_several_windows_a_day_work() {
        let windows = parse_rules(&[
            rule(Weekday::Tue, "10:00", "12:00", 60),
            rule(Weekday::Tue, "14:00", "15:00", 60),
        ])
        .unwrap();
        let zone = chrono_tz::Europe::London;
        // Mon 23 Nov to Sun 29 Nov 2026: one Tuesday.
        let slots = slots_between(&windows, date(2026, 11, 23), date(2026, 11, 29), zone);
        assert_eq!(
            local(&slots, zone),
            ["10:00+00:00", "11:00+00:00", "14:00+00:00"]
        );
    }

    #[test]
    fn spring_forward_has_no_slot_in_the_missing_hour_new_york() {
        // 8 March 2026, a Sunday: 02:00 EST jumps to 03:00 EDT.
        let windows = parse_rules(&[rule(Weekday::Sun, "00:00", "05:00", 60)]).unwrap();
        let zone = chrono_tz::America::New_York;
        let slots = slots_between(&windows, date(2026, 3, 8), date(2026, 3, 8), zone);
        assert_eq!(
            local(&slots, zone),
            ["00:00-05:00", "01:00-05:00", "03:00-04:00", "04:00-04:00"]
        );
        assert!(slots.iter().all(|s| s.duration() == Duration::hours(1)));
    }

    #[test]
    fn fall_back_repeats_the_hour_once_per_offset_new_york() {
        // 1 November 2026, a Sunday: 02:00 EDT falls back to 01:00 EST.
        let windows = parse_rules(&[rule(Weekday::Sun, "00:00", "03:00", 60)]).unwrap();
        let zone = chrono_tz::America::New_York;
        let slots = slots_between(&windows, date(2026, 11, 1), date(2026, 11, 1), zone);
        assert_eq!(
            local(&slots, zone),
            ["00:00-04:00", "01:00-04:00", "01:00-05:00", "02:00-05:00"]
        );
        assert!(slots.iter().all(|s| s.duration() == Duration::hours(1)));
        for pair in slots.windows(2) {
            assert_eq!(pair[0].end(), pair[1].start(), "no gap and no overlap");
        }
    }

    #[test]
    fn london_changes_at_one_in_the_morning() {
        let zone = chrono_tz::Europe::London;
        let windows = parse_rules(&[rule(Weekday::Sun, "00:00", "03:00", 30)]).unwrap();
        // 29 March 2026: 01:00 GMT jumps to 02:00 BST.
        let spring = slots_between(&windows, date(2026, 3, 29), date(2026, 3, 29), zone);
        assert_eq!(
            local(&spring, zone),
            ["00:00+00:00", "00:30+00:00", "02:00+01:00", "02:30+01:00"]
        );
        // 25 October 2026: 02:00 BST falls back to 01:00 GMT.
        let autumn = slots_between(&windows, date(2026, 10, 25), date(2026, 10, 25), zone);
        assert_eq!(autumn.len(), 8, "three wall-clock hours, four real ones");
        assert!(autumn.iter().all(|s| s.duration() == Duration::minutes(30)));
    }

    #[test]
    fn bad_rules_are_refused_with_the_field_named() {
        let err = |rules: &[OpeningRule]| parse_rules(rules).unwrap_err().0;
        assert_eq!(
            err(&[rule(Weekday::Mon, "9:00", "12:00", 60)]),
            "rules[0].opens"
        );
        assert_eq!(
            err(&[rule(Weekday::Mon, "09:00", "24:00", 60)]),
            "rules[0].closes"
        );
        assert_eq!(
            err(&[rule(Weekday::Mon, "12:00", "09:00", 60)]),
            "rules[0].closes"
        );
        assert_eq!(
            err(&[rule(Weekday::Mon, "09:00", "10:00", 90)]),
            "rules[0].slot_minutes"
        );
        assert_eq!(
            err(&[rule(Weekday::Mon, "09:00", "10:00", 0)]),
            "rules[0].slot_minutes"
        );
        assert_eq!(
            err(&[
                rule(Weekday::Mon, "09:00", "12:00", 60),
                rule(Weekday::Mon, "11:00", "13:00", 60)
            ]),
            "rules"
        );
        // Touching windows and the same hours on different days are fine.
        assert!(parse_rules(&[
            rule(Weekday::Mon, "09:00", "12:00", 60),
            rule(Weekday::Mon, "12:00", "13:00", 60),
            rule(Weekday::Tue, "09:00", "12:00", 60),
        ])
        .is_ok());
    }
}
