//! The public week of slots is read far more often than anything changes it: every
//! visitor of the widget asks for it, while rules, closures and seats change only with a
//! write. So the serialised answer is kept per space and date range and served again
//! until one of three things happens:
//!
//! - any write request reaches the API (`invalidate`, called by a middleware for every
//!   non-GET request, so no write path can forget it);
//! - the first listed slot reaches its minimum-notice cut-off (it must drop off the list);
//! - [`MAX_AGE`] passes, which bounds what another server instance's writes can hide.
//!
//! A slightly stale list is harmless: booking re-checks everything in its transaction.

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, RwLock,
    },
};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::reusable_body::ReusableBody;

/// How long an answer may be served when nothing local has changed.
pub const MAX_AGE: Duration = Duration::seconds(2);
/// Public callers choose the range, so the number of ranges kept is bounded.
const MAX_ENTRIES: usize = 1024;

type Key = (i64, NaiveDate, NaiveDate);

#[derive(Clone)]
struct Entry {
    generation: u64,
    fresh_until: DateTime<Utc>,
    body: Arc<ReusableBody>,
}

#[derive(Clone, Default)]
pub struct AvailabilityCache {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    generation: AtomicU64,
    entries: RwLock<HashMap<Key, Entry>>,
}

impl AvailabilityCache {
    /// Read this before reading the database for an answer to `put`: a write that lands
    /// meanwhile then makes that answer stale instead of being hidden by it.
    pub fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::Acquire)
    }

    pub fn get(
        &self,
        space_id: i64,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Option<Arc<ReusableBody>> {
        let entries = self.inner.entries.read().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get(&(space_id, from, to))?;
        (entry.generation == self.generation() && now < entry.fresh_until)
            .then(|| Arc::clone(&entry.body))
    }

    /// Keeps `body`, computed from data read after `generation` was taken, until
    /// `fresh_until` (capped at `now + MAX_AGE`).
    pub fn put(
        &self,
        (space_id, from, to): Key,
        generation: u64,
        now: DateTime<Utc>,
        fresh_until: DateTime<Utc>,
        body: Arc<ReusableBody>,
    ) {
        let mut entries = self
            .inner
            .entries
            .write()
            .unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            (space_id, from, to),
            Entry {
                generation,
                fresh_until: fresh_until.min(now + MAX_AGE),
                body,
            },
        );
    }

    /// Something may have changed: no answer computed before now is served again.
    pub fn invalidate(&self) {
        self.inner.generation.fetch_add(1, Ordering::AcqRel);
        self.inner
            .entries
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Bytes;

    use super::*;

    fn body(json: &'static str) -> Arc<ReusableBody> {
        Arc::new(ReusableBody::new(Bytes::from(json), "application/json"))
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn answers_are_served_until_a_write_the_cut_off_or_max_age() {
        let cache = AvailabilityCache::default();
        let now = Utc::now();
        let key = (1, day(23), day(29));
        let generation = cache.generation();
        cache.put(
            key,
            generation,
            now,
            now + Duration::minutes(10),
            body("[1]"),
        );
        assert!(cache.get(1, day(23), day(29), now).is_some());
        assert!(
            cache.get(2, day(23), day(29), now).is_none(),
            "another space"
        );
        assert!(
            cache.get(1, day(23), day(29), now + MAX_AGE).is_none(),
            "too old"
        );

        cache.put(
            key,
            generation,
            now,
            now + Duration::milliseconds(500),
            body("[2]"),
        );
        assert!(cache.get(1, day(23), day(29), now).is_some());
        assert!(
            cache
                .get(1, day(23), day(29), now + Duration::milliseconds(500))
                .is_none(),
            "the first slot reached its cut-off"
        );

        cache.put(key, generation, now, now + MAX_AGE, body("[3]"));
        cache.invalidate();
        assert!(
            cache.get(1, day(23), day(29), now).is_none(),
            "a write happened"
        );
    }

    #[test]
    fn an_answer_read_before_a_write_is_not_kept_after_it() {
        let cache = AvailabilityCache::default();
        let now = Utc::now();
        let generation = cache.generation();
        // A write lands while the answer is being computed from older data.
        cache.invalidate();
        cache.put(
            (1, day(23), day(29)),
            generation,
            now,
            now + MAX_AGE,
            body("[]"),
        );
        assert!(cache.get(1, day(23), day(29), now).is_none());
    }
}
