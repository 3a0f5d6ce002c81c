//! Bay load per week (SPEC §4 *bay load = norm hours / capacity hours*): how full the
//! workshop was, from the norm hours sold against the capacity in the configuration.

use chrono::Datelike;
use polars::prelude::*;

use super::{ratio, Facts};
use crate::analytics::period::to_days;
use crate::config::Capacity;

/// `load_weekly.csv`: `week, days, working_days, norm_hours, capacity_hours, load`, one row
/// per week (Monday to Sunday, `week` = its Monday) that overlaps M, sorted by week.
///
/// Only the days of the week inside M count: `days` is their number, `working_days` those
/// of them that are working days ([`is_working_day`]), `norm_hours` = Σ norm hours of the
/// sold lines of done visits dated on any of them, `capacity_hours` = bays × hours_per_day
/// × working_days, `load` = norm_hours / capacity_hours (empty when the week has no working
/// day in M). A whole week's capacity is bays × hours_per_day × days_per_week, as before;
/// a partial week's is its working days', where it was its share of calendar days (days /
/// 7), so that the last week of October 2026, Monday to Saturday, the whole working week
/// of a six-day station, had 6/7 of its capacity and a load of 113 %.
pub fn load_weekly(f: &Facts, capacity: &Capacity) -> PolarsResult<DataFrame> {
    let m = f.period.month;
    let days: Vec<_> = m
        .first_day()
        .iter_days()
        .take_while(|d| *d <= m.last_day())
        .collect();
    let calendar = df!(
        "date" => days.iter().map(|d| to_days(*d)).collect::<Vec<_>>(),
        "week" => days.iter().map(|d| to_days(*d) - d.weekday().num_days_from_monday() as i32).collect::<Vec<_>>(),
        "working" => days.iter().map(|d| is_working_day(capacity, *d)).collect::<Vec<_>>(),
    )?
    .lazy()
    .select([
        col("date").cast(DataType::Date),
        col("week").cast(DataType::Date),
        col("working"),
    ]);
    let per_day = f
        .visits_of(m)
        .group_by([col("date")])
        .agg([crate::model::hours_sum(col("norm_hours"))]);
    let day_capacity = capacity.bays as f64 * capacity.hours_per_day;
    calendar
        .left_join(per_day, col("date"), col("date"))
        .group_by([col("week")])
        .agg([
            len().cast(DataType::Int64).alias("days"),
            col("working")
                .cast(DataType::Int64)
                .sum()
                .alias("working_days"),
            crate::model::hours_sum(col("norm_hours").fill_null(lit(0.0))).alias("norm_hours"),
        ])
        .with_column(
            // To the thousandth, as hours are kept: 3 bays × 10.7 h were 32.099999999999994.
            crate::model::thousandths(
                col("working_days").cast(DataType::Float64) * lit(day_capacity),
            )
            .alias("capacity_hours"),
        )
        .with_column(ratio(col("norm_hours"), col("capacity_hours")).alias("load"))
        .sort(["week"], SortMultipleOptions::default())
        .select([
            col("week"),
            col("days"),
            col("working_days"),
            col("norm_hours"),
            col("capacity_hours"),
            col("load"),
        ])
        .collect()
}

/// Whether `day` is a working day of the workshop: `days_per_week` of `[capacity]` counts
/// the working days from Monday (6 = Monday to Saturday, 5 = Monday to Friday, 7 = every
/// day). The weekly and the monthly bay load both count capacity by these days, so that a
/// month's capacity is the sum of its weeks'. A date of `closed` of `[capacity]` is no
/// working day (the holidays of the greetings are not taken off: they say when to greet,
/// not whether the station is open, and many stations work on them).
pub fn is_working_day(capacity: &Capacity, day: chrono::NaiveDate) -> bool {
    day.weekday().num_days_from_monday() < capacity.days_per_week && !capacity.is_closed(day)
}

/// The working days ([`is_working_day`]) from `first` to `last`, both included.
pub fn working_days(capacity: &Capacity, first: chrono::NaiveDate, last: chrono::NaiveDate) -> u32 {
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| is_working_day(capacity, *d))
        .count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::management::testdata::*;
    use crate::analytics::period::{Month, Period};

    #[test]
    fn weeks_of_march_2026() {
        let f = Facts::compute(&station(), Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let cap = Capacity {
            bays: 4,
            hours_per_day: 10.0,
            days_per_week: 6,
            closed: Vec::new(),
        };
        let t = load_weekly(&f, &cap).unwrap();
        // 1 March 2026 is a Sunday: its week starts on 23 February; 30–31 March open the
        // week of 30 March. 1 + 7 × 4 + 2 = 31 days.
        assert_eq!(
            strs(&t, "week").into_iter().flatten().collect::<Vec<_>>(),
            [
                "2026-02-23",
                "2026-03-02",
                "2026-03-09",
                "2026-03-16",
                "2026-03-23",
                "2026-03-30"
            ]
        );
        assert_eq!(f64s(&t, "days"), [1.0, 7.0, 7.0, 7.0, 7.0, 2.0].map(Some));
        // A six-day station works Monday to Saturday: 1 March is a Sunday (no working
        // day), the whole weeks have 6, 30–31 March (Monday, Tuesday) 2.
        assert_eq!(
            f64s(&t, "working_days"),
            [0.0, 6.0, 6.0, 6.0, 6.0, 2.0].map(Some)
        );
        // Sold hours: 03-01 V1 2.0; 03-10 V2 1.5; 03-31 V3 0.5.
        assert_eq!(
            f64s(&t, "norm_hours"),
            [2.0, 0.0, 1.5, 0.0, 0.0, 0.5].map(Some)
        );
        // A working day holds 4 bays × 10 h = 40 h: a whole week 240 h, 30–31 March 80 h;
        // the Sunday none, so its week's load (2 h sold on a day off) cannot be computed.
        assert_eq!(
            f64s(&t, "capacity_hours"),
            [0.0, 240.0, 240.0, 240.0, 240.0, 80.0].map(Some)
        );
        assert_eq!(f64s(&t, "load")[0], None);
        assert_eq!(f64s(&t, "load")[2], Some(1.5 / 240.0));
        assert_eq!(f64s(&t, "load")[5], Some(0.5 / 80.0));
    }

    #[test]
    fn regression_a_month_ending_on_a_saturday_gives_its_last_week_a_whole_weeks_capacity() {
        // 26–31 October 2026 is Monday to Saturday, the whole working week of a six-day
        // station: 4 × 10 × 6 = 240 h, where the share of calendar days gave 240 × 6 / 7
        // = 205.7 h and the tester's 233 sold hours a load of 113 %.
        let f = Facts::compute(&station(), Period::new(Month::new(2026, 10).unwrap())).unwrap();
        let cap = Capacity {
            bays: 4,
            hours_per_day: 10.0,
            days_per_week: 6,
            closed: Vec::new(),
        };
        let t = load_weekly(&f, &cap).unwrap();
        let last = t.height() - 1;
        assert_eq!(strs(&t, "week")[last].as_deref(), Some("2026-10-26"));
        assert_eq!(f64s(&t, "days")[last], Some(6.0));
        assert_eq!(f64s(&t, "capacity_hours")[last], Some(240.0));
        // 1 October 2026 is a Thursday: its week has Thursday to Saturday at work (3 days,
        // 120 h) and Sunday off. The weeks' capacities add up to the month's 27 working
        // days × 40 h = 1080 h.
        assert_eq!(f64s(&t, "capacity_hours")[0], Some(120.0));
        let total: f64 = f64s(&t, "capacity_hours").into_iter().flatten().sum();
        assert_eq!(total, 1080.0);
    }

    #[test]
    fn working_days_count_from_monday() {
        let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 10, day).unwrap();
        let cap = |days_per_week| Capacity {
            bays: 1,
            hours_per_day: 8.0,
            days_per_week,
            closed: Vec::new(),
        };
        // 26 October 2026 is a Monday, 1 November a Sunday.
        assert_eq!(working_days(&cap(6), d(26), d(31)), 6);
        assert_eq!(working_days(&cap(5), d(26), d(31)), 5);
        assert_eq!(working_days(&cap(7), d(26), d(31)), 6);
        assert!(!is_working_day(&cap(6), d(25)));
        assert!(is_working_day(&cap(7), d(25)));
        // October 2026: 31 days, 4 Sundays (4, 11, 18, 25) → 27 working days of six a week.
        assert_eq!(working_days(&cap(6), d(1), d(31)), 27);
    }

    #[test]
    fn closed_dates_on_working_days_are_taken_off_the_capacity() {
        // 9 March 2026 (a Monday) closed, and 8 March (a Sunday, no working day of a
        // six-day station, so nothing to take off): the week of 9 March has 5 working
        // days, 200 h.
        let f = Facts::compute(&station(), Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let cap = Capacity {
            bays: 4,
            hours_per_day: 10.0,
            days_per_week: 6,
            closed: vec!["2026-03-08".into(), "2026-03-09".into()],
        };
        let t = load_weekly(&f, &cap).unwrap();
        assert_eq!(
            f64s(&t, "working_days"),
            [0.0, 6.0, 5.0, 6.0, 6.0, 2.0].map(Some)
        );
        assert_eq!(f64s(&t, "capacity_hours")[2], Some(200.0));
        assert_eq!(f64s(&t, "load")[2], Some(1.5 / 200.0));
    }
}
