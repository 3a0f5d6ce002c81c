//! The weekday × hour load and the monthly bay load (SPEC §4 *Demand*: bay load = norm
//! hours / capacity hours): when clients arrive and how full the workshop is, for staffing
//! the reception and the bays.

use polars::prelude::*;

use super::{known_from, last_months, visits_to_date};
use crate::analytics::management::load::working_days;
use crate::analytics::management::ratio;
use crate::analytics::period::{date_lit, Month, Period};
use crate::config::Capacity;
use crate::model::Model;

/// `demand_bay_load.csv`: `month,norm_hours,capacity_hours,load` for each of the 24 months
/// up to M (zeros included; `norm_hours` and `load` empty in a month before `start`, the
/// data's first month, whose load is unknown: until session 30 they read 0 %, as if the
/// workshop stood empty for the months before its data began): `norm_hours` = Σ norm hours of sold lines (from the
/// [`super::monthly::category_months`] table), `capacity_hours` = bays × hours_per_day ×
/// the month's working days (counted as the weekly load counts them,
/// [`crate::analytics::management::load::is_working_day`]: a month's capacity is the sum
/// of its weeks'), `load` = their ratio (empty without capacity). Sorted by month.
pub fn bay_load(
    months: &DataFrame,
    capacity: &Capacity,
    start: Option<Month>,
    period: Period,
) -> PolarsResult<DataFrame> {
    let calendar = last_months(period, 24);
    let day = capacity.bays as f64 * capacity.hours_per_day;
    let grid = df!(
        "month" => calendar.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
        "days" => calendar
            .iter()
            .map(|m| working_days(capacity, m.first_day(), m.last_day()) as f64)
            .collect::<Vec<_>>(),
    )?;
    let hours = months
        .clone()
        .lazy()
        .group_by([col("month")])
        .agg([crate::model::hours_sum(col("norm_hours"))]);
    grid.lazy()
        .left_join(hours, col("month"), col("month"))
        .select([
            col("month"),
            known_from(start, col("norm_hours").fill_null(lit(0.0))).alias("norm_hours"),
            // To the thousandth, as hours are kept: 2 bays × 10.7 h × 31 days were
            // 663.4 by luck, 3 × 10.7 × 26 were 834.5999999999999.
            crate::model::thousandths(col("days") * lit(day)).alias("capacity_hours"),
        ])
        .with_column(ratio(col("norm_hours"), col("capacity_hours")).alias("load"))
        .sort(["month"], SortMultipleOptions::default())
        .collect()
}

/// `demand_load.csv`: `weekday,hour,visits` — done visits of the 12 months up to M (M−11 to
/// M) by ISO weekday of `opened_at` (1 = Monday … 7 = Sunday) and its hour (0–23). The full
/// 7 × 24 grid is written, zeros included, so that a heat map needs no gap filling; sorted
/// by weekday, hour.
pub fn weekday_hour(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let start = period.month.shift(-11).first_day();
    let counts = visits_to_date(model, period)
        .filter(col("date").gt_eq(date_lit(start)))
        .group_by([
            col("opened_at")
                .dt()
                .weekday()
                .cast(DataType::Int32)
                .alias("weekday"),
            col("opened_at")
                .dt()
                .hour()
                .cast(DataType::Int32)
                .alias("hour"),
        ])
        .agg([len().cast(DataType::Int64).alias("visits")]);
    let grid = df!(
        "weekday" => (1..=7).flat_map(|d| std::iter::repeat_n(d, 24)).collect::<Vec<i32>>(),
        "hour" => (0..7).flat_map(|_| 0..24).collect::<Vec<i32>>(),
    )?;
    grid.lazy()
        .join(
            counts,
            [col("weekday"), col("hour")],
            [col("weekday"), col("hour")],
            JoinArgs::new(JoinType::Left),
        )
        .with_column(col("visits").fill_null(lit(0i64)))
        .sort(["weekday", "hour"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::demand::testdata::*;

    #[test]
    fn bay_load_per_month() {
        let p = period();
        let months = crate::analytics::demand::monthly::category_months(&station(), p).unwrap();
        let cap = Capacity {
            bays: 2,
            hours_per_day: 10.0,
            days_per_week: 7,
            closed: Vec::new(),
        };
        let t = bay_load(&months, &cap, None, p).unwrap();
        // 24 months 2024-04 … 2026-03. March 2026: sold hours 2 + 1.5 + 0.5 = 4; capacity
        // 2 × 10 × 31 working days = 620; load 4 / 620. February 2026: 0 of 2 × 10 × 28.
        assert_eq!(t.height(), 24);
        assert_eq!(strs(&t, "month")[23].as_deref(), Some("2026-03"));
        assert_eq!(f64s(&t, "norm_hours")[23], Some(4.0));
        assert_eq!(f64s(&t, "capacity_hours")[23], Some(620.0));
        assert_eq!(f64s(&t, "load")[23], Some(4.0 / 620.0));
        assert_eq!(f64s(&t, "capacity_hours")[22], Some(560.0));
        assert_eq!(f64s(&t, "load")[22], Some(0.0));
    }

    #[test]
    fn regression_a_months_capacity_counts_its_working_days_as_the_weeks_do() {
        // Six days a week, Monday to Saturday: March 2026 has 31 days, 5 of them Sundays
        // (1, 8, 15, 22, 29), so 26 working days × 2 × 10 = 520 h, not 31 × 6 / 7 × 20 =
        // 531.4 h; February 2026, 4 Sundays: 24 × 20 = 480 h.
        let p = period();
        let months = crate::analytics::demand::monthly::category_months(&station(), p).unwrap();
        let cap = Capacity {
            bays: 2,
            hours_per_day: 10.0,
            days_per_week: 6,
            closed: Vec::new(),
        };
        let t = bay_load(&months, &cap, None, p).unwrap();
        assert_eq!(f64s(&t, "capacity_hours")[23], Some(520.0));
        assert_eq!(f64s(&t, "load")[23], Some(4.0 / 520.0));
        assert_eq!(f64s(&t, "capacity_hours")[22], Some(480.0));
    }

    #[test]
    fn regression_capacity_hours_are_written_to_the_thousandth_without_float_noise() {
        // 3 bays × 10.7 h × 26 working days (March 2026, six days a week) is 834.6 h;
        // in floats 834.5999999999999, and so it was written.
        let p = period();
        let months = crate::analytics::demand::monthly::category_months(&station(), p).unwrap();
        let cap = Capacity {
            bays: 3,
            hours_per_day: 10.7,
            days_per_week: 6,
            closed: Vec::new(),
        };
        assert_eq!(3.0 * 10.7 * 26.0, 834.5999999999999, "the noise this pins");
        let t = bay_load(&months, &cap, None, p).unwrap();
        assert_eq!(f64s(&t, "capacity_hours")[23], Some(834.6));
    }

    #[test]
    fn regression_a_month_before_the_data_has_no_load_not_zero() {
        // The data begin in 2025-03 (say): 2024-04 … 2025-02 are unknown, their norm
        // hours and load empty (they read 0 %), their capacity still the calendar's
        // (April 2024: 30 days × 2 × 10). 2025-03 has a visit without hours: 0, a known 0.
        let p = period();
        let months = crate::analytics::demand::monthly::category_months(&station(), p).unwrap();
        let cap = Capacity {
            bays: 2,
            hours_per_day: 10.0,
            days_per_week: 7,
            closed: Vec::new(),
        };
        let start = Month::new(2025, 3);
        let t = bay_load(&months, &cap, start, p).unwrap();
        assert_eq!(t.height(), 24);
        let (hours, load) = (f64s(&t, "norm_hours"), f64s(&t, "load"));
        assert!(hours[..11].iter().all(Option::is_none), "{hours:?}");
        assert!(load[..11].iter().all(Option::is_none), "{load:?}");
        assert_eq!(f64s(&t, "capacity_hours")[0], Some(600.0));
        assert_eq!((hours[11], load[11]), (Some(0.0), Some(0.0)));
        assert_eq!((hours[23], load[23]), (Some(4.0), Some(4.0 / 620.0)));
    }

    #[test]
    fn counts_visits_by_iso_weekday_and_hour() {
        let t = weekday_hour(&station(), period()).unwrap();
        assert_eq!(t.height(), 7 * 24);
        // In 2025-04 … 2026-03: V1 Mon 09, V2 Tue 14, V3 Tue 11, V4 Fri 09. V8 (2025-03)
        // is older, V5 cancelled, V7 after the as-of date.
        let cell = |d: i32, h: i32| f64s(&t, "visits")[((d - 1) * 24 + h) as usize];
        assert_eq!(cell(1, 9), Some(1.0));
        assert_eq!(cell(2, 14), Some(1.0));
        assert_eq!(cell(2, 11), Some(1.0));
        assert_eq!(cell(5, 9), Some(1.0));
        assert_eq!(cell(3, 10), Some(0.0));
        let total: f64 = f64s(&t, "visits").into_iter().flatten().sum();
        assert_eq!(total, 4.0);
    }

    #[test]
    fn a_months_capacity_leaves_out_its_closed_working_days() {
        // March 2026, six days a week: 26 working days, less 9 March (a Monday) closed;
        // 8 March is a Sunday, off anyway: 25 × 2 × 10 = 500 h. February keeps 480 h.
        let p = period();
        let months = crate::analytics::demand::monthly::category_months(&station(), p).unwrap();
        let cap = Capacity {
            bays: 2,
            hours_per_day: 10.0,
            days_per_week: 6,
            closed: vec!["2026-03-08".into(), "2026-03-09".into()],
        };
        let t = bay_load(&months, &cap, None, p).unwrap();
        assert_eq!(f64s(&t, "capacity_hours")[23], Some(500.0));
        assert_eq!(f64s(&t, "load")[23], Some(4.0 / 500.0));
        assert_eq!(f64s(&t, "capacity_hours")[22], Some(480.0));
    }
}
