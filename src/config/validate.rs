//! The checks of a `stoa.toml` beyond its form: values a report cannot be computed with
//! (a zero window, tiers out of order, a capacity of no bays) are refused, naming the key.

use super::{closed_date, columns, did_you_mean, values, Capacity, Config, ConfigError};

impl Config {
    /// Refuse a value no report can be computed with, naming its key and the form it takes
    /// (`ConfigError::BadValue`), and an unknown column or vocabulary name.
    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        let bad = |key: &str, value: String, expected: &str| {
            Err(ConfigError::BadValue {
                key: key.to_string(),
                value,
                expected: expected.to_string(),
            })
        };
        let l = &self.loyalty;
        // 0 made every client with no visit in the window a regular one, with a discount.
        if l.min_visits == 0 {
            return bad(
                "loyalty.min_visits",
                l.min_visits.to_string(),
                "it must be 1 or more visits",
            );
        }
        if l.window_days <= 0 {
            return bad(
                "loyalty.window_days",
                l.window_days.to_string(),
                "it must be a positive number of days",
            );
        }
        if l.bands.is_empty() || l.bands[0] != 0.0 || l.bands.windows(2).any(|w| w[0] >= w[1]) {
            return bad(
                "loyalty.bands",
                format!("{:?}", l.bands),
                "it must start at 0 and increase, e.g. [0, 5000, 20000]",
            );
        }
        for (key, tiers) in [
            ("loyalty.domestic", &l.domestic),
            ("loyalty.foreign", &l.foreign),
        ] {
            if tiers.len() != l.bands.len() {
                return bad(
                    key,
                    format!("{tiers:?}"),
                    &format!(
                        "it must have one percent per band ({} bands in loyalty.bands)",
                        l.bands.len()
                    ),
                );
            }
            if tiers.iter().any(|p| !(0.0..=100.0).contains(p)) {
                return bad(
                    key,
                    format!("{tiers:?}"),
                    "every percent must be between 0 and 100",
                );
            }
        }
        if !(0.0..=100.0).contains(&l.bought_here_bonus) {
            return bad(
                "loyalty.bought_here_bonus",
                l.bought_here_bonus.to_string(),
                "it must be percentage points between 0 and 100",
            );
        }
        if let Some(chain) = &self.chain {
            if chain.dates().is_none_or(|(first, last)| first > last) {
                return bad(
                    "chain",
                    format!("{} to {}", chain.first_visit, chain.last_visit),
                    "first_visit and last_visit must be dates written YYYY-MM-DD, the first not after the last (stoa split writes them)",
                );
            }
        }
        let r = &self.reminders;
        if r.default_km_per_day <= 0.0 {
            return bad(
                "reminders.default_km_per_day",
                r.default_km_per_day.to_string(),
                "it must be a positive number of km",
            );
        }
        for (key, v) in [
            ("reminders.horizon_days", r.horizon_days),
            ("reminders.max_overdue_days", r.max_overdue_days),
            ("reminders.winback_min_gap_days", r.winback_min_gap_days),
            ("competitors.max_age_days", self.competitors.max_age_days),
        ] {
            if v < 0 {
                return bad(
                    key,
                    v.to_string(),
                    "it must be zero or a positive number of days",
                );
            }
        }
        for h in &self.holidays.fixed {
            if chrono::NaiveDate::from_ymd_opt(2024, h.month, h.day).is_none() {
                return bad(
                    "holidays.fixed",
                    format!("{{ day = {}, month = {} }}", h.day, h.month),
                    "day and month must form a real date",
                );
            }
        }
        self.capacity.check("capacity")?;
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
                c.check(&format!("stations.{name:?}.capacity"))?;
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
    /// A capacity a bay load can be computed against; `key` names it in the error.
    pub(super) fn check(&self, key: &str) -> Result<(), ConfigError> {
        if self.bays == 0
            || self.hours_per_day <= 0.0
            || self.hours_per_day > 24.0
            || self.days_per_week == 0
            || self.days_per_week > 7
        {
            return Err(ConfigError::BadValue {
                key: key.to_string(),
                value: format!(
                    "bays = {}, hours_per_day = {}, days_per_week = {}",
                    self.bays, self.hours_per_day, self.days_per_week
                ),
                expected:
                    "bays must be at least 1, hours_per_day in (0, 24] and days_per_week in 1..=7"
                        .to_string(),
            });
        }
        if let Some(bad) = self.closed.iter().find(|d| closed_date(d).is_none()) {
            return Err(ConfigError::BadValue {
                key: format!("{key}.closed"),
                value: format!("{bad:?}"),
                expected: "every closed date must be a real date written YYYY-MM-DD, such as \"2026-01-01\"".to_string(),
            });
        }
        Ok(())
    }
}
