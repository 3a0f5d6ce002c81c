//! Year-over-year change per category (SPEC §4 *Demand*): the last 12 months against the
//! 12 before, so that a seasonal category is compared with the same seasons.

use polars::prelude::*;

use super::month_between;
use crate::analytics::management::{ratio, units};
use crate::analytics::period::{Month, Period};

/// `demand_yoy.csv`: `category,visits_12m,visits_prev_12m,visits_change,revenue_12m,
/// revenue_prev_12m,revenue_change` — visits and revenue (currency units) of the category in
/// M−11 … M and in M−23 … M−12, and the changes (current − previous) / previous as
/// fractions, empty when the previous figure is 0. One row per category sold in either
/// window, sorted by category.
///
/// When the data start after M−23 (`first`, the month of the first done visit), the
/// previous window is partly before the data: its figures and the changes are empty, as
/// `kpi.csv` leaves a month before the data empty. Before, a window holding 2 months of
/// data was compared with 12 and a steady station "grew" by 556 %.
pub fn year_over_year(
    months: &DataFrame,
    first: Option<Month>,
    period: Period,
) -> PolarsResult<DataFrame> {
    let m = period.month;
    let whole = first.is_some_and(|f| f <= m.shift(-23));
    let known = |e: Expr, dtype: DataType| match whole {
        true => e,
        false => lit(NULL).cast(dtype),
    };
    let cur = month_between(m.shift(-11), m);
    let sum_if = |cond: Expr, value: &str| when(cond).then(col(value)).otherwise(lit(0i64)).sum();
    months
        .clone()
        .lazy()
        .filter(month_between(m.shift(-23), m))
        .group_by([col("category")])
        .agg([
            sum_if(cur.clone(), "visits").alias("visits_12m"),
            sum_if(cur.clone().not(), "visits").alias("visits_prev_12m"),
            sum_if(cur.clone(), "revenue").alias("rev_cur"),
            sum_if(cur.not(), "revenue").alias("rev_prev"),
        ])
        .select([
            col("category"),
            col("visits_12m"),
            known(col("visits_prev_12m"), DataType::Int64).alias("visits_prev_12m"),
            known(
                ratio(
                    col("visits_12m") - col("visits_prev_12m"),
                    col("visits_prev_12m"),
                ),
                DataType::Float64,
            )
            .alias("visits_change"),
            units(col("rev_cur")).alias("revenue_12m"),
            known(units(col("rev_prev")), DataType::Float64).alias("revenue_prev_12m"),
            known(
                ratio(col("rev_cur") - col("rev_prev"), col("rev_prev")),
                DataType::Float64,
            )
            .alias("revenue_change"),
        ])
        .sort(["category"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::demand::monthly::category_months;
    use crate::analytics::demand::testdata::*;

    #[test]
    fn last_twelve_months_against_the_twelve_before() {
        let p = period();
        let first = Month::new(2024, 3);
        let t = year_over_year(&category_months(&station(), p).unwrap(), first, p).unwrap();
        // parts: 1 visit, 500 now, nothing before → change empty. repair: 3 visits, 3000
        // now, none before. wash: V8 (2025-03) is in M−23 … M−12: 0 now vs 1 visit, 100
        // before → change (0 − 1) / 1 = −1; V0 (2024-03) is outside both windows.
        assert_eq!(
            strs(&t, "category"),
            ["parts", "repair", "wash"].map(|s| Some(s.to_string()))
        );
        assert_eq!(f64s(&t, "visits_12m"), [1.0, 3.0, 0.0].map(Some));
        assert_eq!(f64s(&t, "visits_prev_12m"), [0.0, 0.0, 1.0].map(Some));
        assert_eq!(f64s(&t, "visits_change"), [None, None, Some(-1.0)]);
        assert_eq!(f64s(&t, "revenue_12m"), [500.0, 3000.0, 0.0].map(Some));
        assert_eq!(f64s(&t, "revenue_change"), [None, None, Some(-1.0)]);
    }

    #[test]
    fn regression_a_previous_year_partly_before_the_data_is_not_compared() {
        // M = 2026-03, so M−23 = 2024-04. Data from 2024-05: the window M−23 … M−12 lacks
        // a month, so its figures and the changes are empty; the current window's are
        // kept. Before, wash's 0 visits against 1 gave −100 % as if the year before were
        // wholly known.
        let p = period();
        let months = category_months(&station(), p).unwrap();
        let t = year_over_year(&months, Month::new(2024, 5), p).unwrap();
        assert_eq!(f64s(&t, "visits_12m"), [1.0, 3.0, 0.0].map(Some));
        assert_eq!(f64s(&t, "visits_prev_12m"), [None, None, None]);
        assert_eq!(f64s(&t, "visits_change"), [None, None, None]);
        assert_eq!(f64s(&t, "revenue_prev_12m"), [None, None, None]);
        assert_eq!(f64s(&t, "revenue_change"), [None, None, None]);
        // From M−23 itself the window is whole.
        let t = year_over_year(&months, Month::new(2024, 4), p).unwrap();
        assert_eq!(f64s(&t, "visits_change"), [None, None, Some(-1.0)]);
        assert_eq!(
            t.column("visits_prev_12m").unwrap().dtype(),
            &DataType::Int64
        );
    }
}
