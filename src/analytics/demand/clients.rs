//! Demand of new against returning clients per month (SPEC §4 *New client*, *Demand*):
//! whether the station grows by winning clients or lives on its base.

use polars::prelude::*;

use super::visits_to_date;
use crate::analytics::clients::{month_index, month_label};
use crate::analytics::management::facts;
use crate::analytics::period::{date_lit, Period};
use crate::model::Model;

/// `demand_clients.csv`: `month,new_clients,returning_clients,visits_new,visits_returning`
/// for each month of the 24 up to M that has a done visit. A client is new in the month of
/// their first done visit ever and returning in any later month; `visits_*` count the done
/// visits of each group in the month. Sorted by month.
pub fn new_vs_returning(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    // Months as running indices until the groups are formed: text per visit is dear.
    let firsts = facts::done_visits(model)
        .group_by([col("client_id")])
        .agg([month_index(col("date").min()).alias("first_month")]);
    let is_new = || col("first_month").eq(col("month_index"));
    let count_if = |cond: Expr| cond.cast(DataType::Int64).sum();
    let distinct_if = |cond: Expr| {
        col("client_id")
            .filter(cond)
            .n_unique()
            .cast(DataType::Int64)
    };
    // The 24 months by date first (the visits are dated up to M's last day), so that the
    // month is taken of their visits only.
    let first = period.month.shift(-23).first_day();
    visits_to_date(model, period)
        .filter(col("date").gt_eq(date_lit(first)))
        .with_column(month_index(col("date")).alias("month_index"))
        .left_join(firsts, col("client_id"), col("client_id"))
        .group_by([col("month_index")])
        .agg([
            distinct_if(is_new()).alias("new_clients"),
            distinct_if(is_new().not()).alias("returning_clients"),
            count_if(is_new()).alias("visits_new"),
            count_if(is_new().not()).alias("visits_returning"),
        ])
        .sort(["month_index"], SortMultipleOptions::default())
        .select([
            month_label(col("month_index")).alias("month"),
            col("new_clients"),
            col("returning_clients"),
            col("visits_new"),
            col("visits_returning"),
        ])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::demand::testdata::*;

    #[test]
    fn new_is_the_month_of_the_first_visit_ever() {
        let t = new_vs_returning(&station(), period()).unwrap();
        // 2025-03: V8 of C1, whose first visit was 2024-03 → returning. 2026-03: C1 (V1,
        // V3) returning; C2 (V2) and C3 (V4) new; V5 is cancelled.
        assert_eq!(
            strs(&t, "month"),
            ["2025-03", "2026-03"].map(|s| Some(s.to_string()))
        );
        assert_eq!(f64s(&t, "new_clients"), [0.0, 2.0].map(Some));
        assert_eq!(f64s(&t, "returning_clients"), [1.0, 1.0].map(Some));
        assert_eq!(f64s(&t, "visits_new"), [0.0, 2.0].map(Some));
        assert_eq!(f64s(&t, "visits_returning"), [1.0, 2.0].map(Some));
    }
}
