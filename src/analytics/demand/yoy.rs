//! Year-over-year change per category (SPEC §4 *Demand*): the last 12 months against the
//! 12 before, so that a seasonal category is compared with the same seasons.

use polars::prelude::*;

use super::month_between;
use crate::analytics::management::{ratio, units};
use crate::analytics::period::Period;

/// `demand_yoy.csv`: `category,visits_12m,visits_prev_12m,visits_change,revenue_12m,
/// revenue_prev_12m,revenue_change` — visits and revenue (currency units) of the category in
/// M−11 … M and in M−23 … M−12, and the changes (current − previous) / previous as
/// fractions, empty when the previous figure is 0. One row per category sold in either
/// window, sorted by category.
pub fn year_over_year(months: &DataFrame, period: Period) -> PolarsResult<DataFrame> {
    let m = period.month;
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
            col("visits_prev_12m"),
            ratio(
                col("visits_12m") - col("visits_prev_12m"),
                col("visits_prev_12m"),
            )
            .alias("visits_change"),
            units(col("rev_cur")).alias("revenue_12m"),
            units(col("rev_prev")).alias("revenue_prev_12m"),
            ratio(col("rev_cur") - col("rev_prev"), col("rev_prev")).alias("revenue_change"),
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
        let t = year_over_year(&category_months(&station(), p).unwrap(), p).unwrap();
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
}
