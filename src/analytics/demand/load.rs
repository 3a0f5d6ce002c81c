//! The weekday × hour load (SPEC §4 *Demand*): when clients arrive, for staffing the
//! reception and the bays.

use polars::prelude::*;

use super::visits_to_date;
use crate::analytics::period::{date_lit, Period};
use crate::model::Model;

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
}
