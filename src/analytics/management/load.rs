//! Bay load per week (SPEC §4 *bay load = norm hours / capacity hours*): how full the
//! workshop was, from the norm hours sold against the capacity in the configuration.

use chrono::Datelike;
use polars::prelude::*;

use super::{exact_div, ratio, Facts};
use crate::analytics::period::to_days;
use crate::config::Capacity;

/// `load_weekly.csv`: `week, days, norm_hours, capacity_hours, load`, one row per week
/// (Monday to Sunday, `week` = its Monday) that overlaps M, sorted by week.
///
/// Only the days of the week inside M count: `days` is their number, `norm_hours` = Σ norm
/// hours of the sold lines of done visits dated on them, `capacity_hours` = bays ×
/// hours_per_day × days_per_week × days / 7 (a partial week at either end of the month gets
/// its share of a week's capacity), `load` = norm_hours / capacity_hours.
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
    )?
    .lazy()
    .select([col("date").cast(DataType::Date), col("week").cast(DataType::Date)]);
    let per_day = f
        .visits_of(m)
        .group_by([col("date")])
        .agg([crate::model::hours_sum(col("norm_hours"))]);
    let week_capacity =
        capacity.bays as f64 * capacity.hours_per_day * capacity.days_per_week as f64;
    calendar
        .left_join(per_day, col("date"), col("date"))
        .group_by([col("week")])
        .agg([
            len().cast(DataType::Int64).alias("days"),
            crate::model::hours_sum(col("norm_hours").fill_null(lit(0.0))).alias("norm_hours"),
        ])
        .with_column(
            exact_div(
                col("days").cast(DataType::Float64) * lit(week_capacity),
                lit(7.0),
            )
            .alias("capacity_hours"),
        )
        .with_column(ratio(col("norm_hours"), col("capacity_hours")).alias("load"))
        .sort(["week"], SortMultipleOptions::default())
        .collect()
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
        // Sold hours: 03-01 V1 2.0; 03-10 V2 1.5; 03-31 V3 0.5.
        assert_eq!(
            f64s(&t, "norm_hours"),
            [2.0, 0.0, 1.5, 0.0, 0.0, 0.5].map(Some)
        );
        // A week holds 4 × 10 × 6 = 240 h; one day of it 240 / 7.
        assert_eq!(f64s(&t, "capacity_hours")[0], Some(240.0 / 7.0));
        assert_eq!(f64s(&t, "capacity_hours")[1], Some(240.0));
        assert_eq!(f64s(&t, "load")[2], Some(1.5 / 240.0));
        assert_eq!(f64s(&t, "load")[0], Some(2.0 / (240.0 / 7.0)));
    }
}
