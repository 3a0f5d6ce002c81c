//! The checks of a `stoa.toml` beyond its form: values a report cannot be computed with
//! (a zero window, tiers out of order, a capacity of no bays) are refused, naming the key.

use super::place::KeyPath;
use super::{closed_date, columns, did_you_mean, values, Capacity, Config, ConfigError};

/// The values each numeric key takes, by the last two parts of its name (a station's
/// `stations."Север".capacity.bays` is `capacity.bays`), in the words of both its errors:
/// the reader's, of a value of the wrong type (`bays = "два"`), and the check's, of one
/// out of range (`bays = 0`). The reader said "a whole number, 0 or more" of every
/// unsigned key, and the check then refused 0 ("at least 1").
const RANGES: [(&str, &str); 13] = [
    ("loyalty.min_visits", "a whole number of visits, 1 or more"),
    (
        "loyalty.window_days",
        "a whole number of days from 1 to 36500",
    ),
    (
        "loyalty.bought_here_bonus",
        "a number of percentage points from 0 to 100",
    ),
    (
        "reminders.horizon_days",
        "a whole number of days from 0 to 36500",
    ),
    (
        "reminders.max_overdue_days",
        "a whole number of days from 0 to 36500",
    ),
    (
        "reminders.winback_min_gap_days",
        "a whole number of days from 0 to 36500",
    ),
    ("reminders.default_km_per_day", "a number of km above 0"),
    (
        "competitors.max_age_days",
        "a whole number of days from 0 to 36500",
    ),
    ("capacity.bays", "a whole number of bays, 1 or more"),
    (
        "capacity.hours_per_day",
        "a number of hours above 0, at most 24",
    ),
    (
        "capacity.days_per_week",
        "a whole number of days from 1 to 7",
    ),
    ("fixed.day", "a day of the month from 1 to 31"),
    ("fixed.month", "a month from 1 to 12"),
];

/// The most days a day-count setting takes: a hundred years. `max_age_days = 99999999` put
/// the oldest fresh date before the first date the calendar has, and the report panicked
/// (exit 101) subtracting it from the as-of date.
pub const MAX_DAYS: i64 = 36500;

/// The values the numeric key `key` takes ([`RANGES`]), if it is one.
///
/// ```text
/// ["stations", "Север", "capacity", "bays"]  →  a whole number of bays, 1 or more
/// ```
pub(super) fn range(key: &[String]) -> Option<&'static str> {
    let [.., parent, name] = key else { return None };
    let short = format!("{parent}.{name}");
    RANGES.iter().find(|(k, _)| *k == short).map(|(_, r)| *r)
}

/// The error of `key` whose `value` is out of its [`range`].
fn out_of_range(key: KeyPath, value: String) -> ConfigError {
    let expected = match range(&key) {
        Some(r) => format!("it must be {r}"),
        None => "it is out of range".to_string(),
    };
    ConfigError::BadValue {
        key,
        value,
        expected,
    }
}

/// `parts` as a key.
fn key(parts: &[&str]) -> KeyPath {
    parts.iter().map(|p| p.to_string()).collect()
}

impl Config {
    /// Refuse a value no report can be computed with, naming its key and the form it takes
    /// (`ConfigError::BadValue`), and an unknown column or vocabulary name.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let bad = |k: &[&str], value: String, expected: &str| {
            Err(ConfigError::BadValue {
                key: key(k),
                value,
                expected: expected.to_string(),
            })
        };
        // An empty name titled the report with nothing and named no station's folder.
        if self.station.trim().is_empty() {
            return bad(
                &["station"],
                format!("{:?}", self.station),
                "it must name the station or the chain: it is the report's title",
            );
        }
        // An empty brand matched every vehicle whose brand cell is empty, as domestic.
        if let Some(empty) = self.domestic_brands.iter().find(|b| b.trim().is_empty()) {
            return bad(
                &["domestic_brands"],
                format!("{empty:?}"),
                "every brand in the list must be named: remove the empty one",
            );
        }
        let l = &self.loyalty;
        // 0 made every client with no visit in the window a regular one, with a discount.
        if l.min_visits == 0 {
            let k = key(&["loyalty", "min_visits"]);
            return Err(out_of_range(k, l.min_visits.to_string()));
        }
        if l.window_days <= 0 || l.window_days > MAX_DAYS {
            let k = key(&["loyalty", "window_days"]);
            return Err(out_of_range(k, l.window_days.to_string()));
        }
        // `nan` and `inf` are TOML numbers: a band of `nan` passed the order's test.
        if l.bands.is_empty()
            || l.bands[0] != 0.0
            || l.bands.iter().any(|b| !b.is_finite())
            || l.bands.windows(2).any(|w| w[0] >= w[1])
        {
            return bad(
                &["loyalty", "bands"],
                format!("{:?}", l.bands),
                "it must start at 0 and increase, e.g. [0, 5000, 20000]",
            );
        }
        for (k, tiers) in [
            (["loyalty", "domestic"], &l.domestic),
            (["loyalty", "foreign"], &l.foreign),
        ] {
            if tiers.len() != l.bands.len() {
                return bad(
                    &k,
                    format!("{tiers:?}"),
                    &format!(
                        "it must have one percent per band ({} bands in loyalty.bands)",
                        l.bands.len()
                    ),
                );
            }
            if tiers.iter().any(|p| !(0.0..=100.0).contains(p)) {
                return bad(
                    &k,
                    format!("{tiers:?}"),
                    "every percent must be between 0 and 100",
                );
            }
        }
        if !(0.0..=100.0).contains(&l.bought_here_bonus) {
            let k = key(&["loyalty", "bought_here_bonus"]);
            return Err(out_of_range(k, l.bought_here_bonus.to_string()));
        }
        if let Some(chain) = &self.chain {
            if chain.dates().is_none_or(|(first, last)| first > last) {
                return bad(
                    &["chain"],
                    format!("{} to {}", chain.first_visit, chain.last_visit),
                    "first_visit and last_visit must be dates written YYYY-MM-DD, the first not after the last (stoa split writes them)",
                );
            }
        }
        let r = &self.reminders;
        // Asked as what it must be, so that `nan` (no number) and `inf` are refused too.
        if !(r.default_km_per_day > 0.0 && r.default_km_per_day.is_finite()) {
            let k = key(&["reminders", "default_km_per_day"]);
            return Err(out_of_range(k, r.default_km_per_day.to_string()));
        }
        for (k, v) in [
            (["reminders", "horizon_days"], r.horizon_days),
            (["reminders", "max_overdue_days"], r.max_overdue_days),
            (
                ["reminders", "winback_min_gap_days"],
                r.winback_min_gap_days,
            ),
            (
                ["competitors", "max_age_days"],
                self.competitors.max_age_days,
            ),
        ] {
            if !(0..=MAX_DAYS).contains(&v) {
                return Err(out_of_range(key(&k), v.to_string()));
            }
        }
        for h in &self.holidays.fixed {
            if chrono::NaiveDate::from_ymd_opt(2024, h.month, h.day).is_none() {
                return bad(
                    &["holidays", "fixed"],
                    format!("{{ day = {}, month = {} }}", h.day, h.month),
                    "day and month must form a real date",
                );
            }
            // An empty name greeted the clients with nothing: «, 23.02.2027».
            if h.name.trim().is_empty() {
                return bad(
                    &["holidays", "fixed"],
                    format!(
                        "{{ day = {}, month = {}, name = {:?} }}",
                        h.day, h.month, h.name
                    ),
                    "every holiday must be named: the greetings list says its name",
                );
            }
        }
        self.capacity.check(key(&["capacity"]))?;
        let names: Vec<String> = self
            .stations
            .keys()
            .map(|n| crate::stations::key(n))
            .collect();
        // Both keys are named: the message named the second only, leaving the reader to find
        // which other key it met.
        for (i, second) in self.stations.keys().enumerate() {
            if let Some(j) = names[..i].iter().position(|n| *n == names[i]) {
                let first = self
                    .stations
                    .keys()
                    .nth(j)
                    .expect("one name per key")
                    .clone();
                let second = second.clone();
                return Err(ConfigError::StationTwice { first, second });
            }
        }
        for (name, settings) in &self.stations {
            if let Some(c) = &settings.capacity {
                c.check(vec!["stations".into(), name.clone(), "capacity".into()])?;
            }
        }
        let sections = [
            ("columns", self.columns.keys().collect::<Vec<_>>()),
            ("files", self.files.keys().collect()),
        ];
        for (section, tables) in sections {
            if let Some(table) = tables
                .into_iter()
                .find(|t| crate::schema::Table::from_name(t).is_none())
            {
                let known: Vec<&str> = crate::schema::Table::ALL.iter().map(|t| t.name()).collect();
                return Err(ConfigError::UnknownName {
                    what: "table",
                    name: table.clone(),
                    section: section.to_string(),
                    closest: did_you_mean(table, known.iter().copied()),
                    known: known.join(", "),
                });
            }
        }
        columns::check(&self.columns)?;
        values::check(&self.values)?;
        Ok(())
    }
}

impl Capacity {
    /// A capacity a bay load can be computed against; `at` is its key (`capacity`, or a
    /// station's `stations."Север".capacity`), each of its keys named in the error.
    pub(super) fn check(&self, at: KeyPath) -> Result<(), ConfigError> {
        let of = |name: &str| {
            let mut k = at.clone();
            k.push(name.to_string());
            k
        };
        if self.bays == 0 {
            return Err(out_of_range(of("bays"), self.bays.to_string()));
        }
        if !(self.hours_per_day > 0.0 && self.hours_per_day <= 24.0) {
            return Err(out_of_range(
                of("hours_per_day"),
                self.hours_per_day.to_string(),
            ));
        }
        if self.days_per_week == 0 || self.days_per_week > 7 {
            return Err(out_of_range(
                of("days_per_week"),
                self.days_per_week.to_string(),
            ));
        }
        if let Some(bad) = self.closed.iter().find(|d| closed_date(d).is_none()) {
            return Err(ConfigError::BadValue {
                key: of("closed"),
                value: format!("{bad:?}"),
                expected: "every closed date must be a real date written YYYY-MM-DD, such as \"2026-01-01\"".to_string(),
            });
        }
        Ok(())
    }
}
