//! The weekday × hour load and the monthly bay load (SPEC §4 *Demand*: bay load = norm
//! hours / capacity hours): when clients arrive and how full the workshop is, for staffing
//! the reception and the bays.

use polars::prelude::*;

use super::{known_from, last_12m, last_months};
use crate::analytics::management::load::working_days;
use crate::analytics::management::ratio;
use crate::analytics::period::{Month, Period};
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
///
/// A visit opened on a date alone (its time 0:00, [`crate::model::date_only`]) is left
/// out: its hour is not known, and until session 35 it was counted at midnight, a rush
/// at 0:00 of every day typed in by hand. When no visit of the 12 months has a time, every
/// cell is empty, not zero (the sheet and the page say the export has no times);
/// [`untimed`] counts those left out, for the report's warning.
pub fn weekday_hour(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    // One pass over the visits: counted by weekday, hour and whether the time is known,
    // a frame of at most 7 × 24 × 2 rows.
    let counts = last_12m(model, period)
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
            crate::model::date_only(col("opened_at")).alias("untimed"),
        ])
        .agg([len().cast(DataType::Int64).alias("visits")])
        .collect()?;
    let timed = counts.clone().lazy().filter(col("untimed").not()).select([
        col("weekday"),
        col("hour"),
        col("visits"),
    ]);
    // Visits there are, and none has a time: the hours are unknown, not none.
    let unknown = counts.height() > 0 && counts.column("untimed")?.bool()?.all();
    let grid = df!(
        "weekday" => (1..=7).flat_map(|d| std::iter::repeat_n(d, 24)).collect::<Vec<i32>>(),
        "hour" => (0..7).flat_map(|_| 0..24).collect::<Vec<i32>>(),
    )?;
    grid.lazy()
        .join(
            timed,
            [col("weekday"), col("hour")],
            [col("weekday"), col("hour")],
            JoinArgs::new(JoinType::Left),
        )
        .with_column(match unknown {
            false => col("visits").fill_null(lit(0i64)),
            true => lit(NULL).cast(DataType::Int64).alias("visits"),
        })
        .sort(["weekday", "hour"], SortMultipleOptions::default())
        .collect()
}

/// The done visits of M−11 … M (those of [`weekday_hour`]) opened on a date alone, which
/// the weekday × hour load leaves out, and all of them: `None` when none is.
pub fn untimed(model: &Model, period: Period) -> PolarsResult<Option<(u64, u64)>> {
    let counted = last_12m(model, period)
        .select([
            crate::model::date_only(col("opened_at"))
                .cast(DataType::UInt64)
                .sum()
                .alias("untimed"),
            len().cast(DataType::UInt64).alias("all"),
        ])
        .collect()?;
    let get =
        |name: &str| -> PolarsResult<u64> { Ok(counted.column(name)?.u64()?.get(0).unwrap_or(0)) };
    let (untimed, all) = (get("untimed")?, get("all")?);
    Ok((untimed > 0).then_some((untimed, all)))
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

    /// Done visits opened at `opened` (`YYYY-MM-DD HH:MM`), without lines.
    fn opened(opened: &[&str]) -> Model {
        let n = opened.len();
        let visits = df!(
            "visit_id" => (0..n).map(|i| format!("V{i}")).collect::<Vec<_>>(),
            "opened_at" => opened.iter().map(|t| ms(t)).collect::<Vec<_>>(),
            "client_id" => vec!["C1"; n],
            "brand" => vec!["Kia"; n],
            "vehicle" => vec!["VIN1"; n],
        )
        .unwrap();
        Model::empty().with(
            crate::schema::Table::Visits,
            typed(crate::schema::Table::Visits, visits),
        )
    }

    #[test]
    fn regression_a_visit_opened_on_a_date_alone_is_left_out_of_the_hour_grid() {
        // 2026-03-02 is a Monday, 03-04 a Wednesday. The two visits typed in by hand on a
        // date alone (0:00) were a rush at Monday and Wednesday midnight; they are left out,
        // and counted for the warning. 2025-03-30 is before M−11 and counts nowhere.
        let m = opened(&[
            "2026-03-02 09:00",
            "2026-03-02 00:00",
            "2026-03-04 00:00",
            "2026-03-04 14:00",
            "2025-03-30 00:00",
        ]);
        let t = weekday_hour(&m, period()).unwrap();
        let visits = f64s(&t, "visits");
        let cell = |d: usize, h: usize| visits[(d - 1) * 24 + h];
        assert_eq!((cell(1, 9), cell(3, 14)), (Some(1.0), Some(1.0)));
        assert_eq!((cell(1, 0), cell(3, 0)), (Some(0.0), Some(0.0)));
        assert_eq!(visits.iter().flatten().sum::<f64>(), 2.0);
        assert_eq!(untimed(&m, period()).unwrap(), Some((2, 4)));
        assert_eq!(untimed(&station(), period()).unwrap(), None);
    }

    #[test]
    fn regression_without_any_time_of_day_every_cell_of_the_hour_grid_is_empty() {
        // An export of dates alone: the hours are unknown, not 0 visits in every hour but
        // midnight (where they all were). A year without visits is 0 in every cell.
        let m = opened(&["2026-03-02 00:00", "2026-03-04 00:00", "2025-06-10 00:00"]);
        let t = weekday_hour(&m, period()).unwrap();
        assert_eq!(t.height(), 7 * 24);
        assert_eq!(t.column("visits").unwrap().null_count(), 7 * 24);
        assert_eq!(untimed(&m, period()).unwrap(), Some((3, 3)));
        let none = opened(&["2024-03-02 10:00"]);
        let t = weekday_hour(&none, period()).unwrap();
        assert_eq!(t.column("visits").unwrap().null_count(), 0);
        assert_eq!(f64s(&t, "visits").iter().flatten().sum::<f64>(), 0.0);
        assert_eq!(untimed(&none, period()).unwrap(), None);
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
