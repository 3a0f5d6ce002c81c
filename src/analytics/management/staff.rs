//! Per manager and per mechanic tables (SPEC §4 *Managers, mechanics*): each manager keeps
//! their own clientele and each mechanic their own work, so the owner compares people on
//! the same definitions as the station's KPIs. The window is the report month M.

use polars::prelude::*;

use super::facts::done_visits;
use super::{figure, ratio, units, Facts};
use crate::analytics::period::date_lit;
use crate::model::Model;

/// `managers.csv`: `manager, visits, clients, revenue, aro, retention_12m, on_time_rate,
/// comeback_rate, feedback_mean`, one row per manager with a done visit in M (visits
/// without a manager are nobody's clientele and are left out), sorted by manager.
///
/// `retention_12m` is [`manager_retention`]; the other figures are the KPIs of the same
/// name over the manager's visits of M.
pub fn managers(model: &Model, f: &Facts) -> PolarsResult<DataFrame> {
    f.visits_of(f.period.month)
        .filter(col("manager").is_not_null())
        .group_by([col("manager")])
        .agg([
            figure::visits(),
            figure::clients("clients"),
            figure::revenue(),
            figure::aro(),
            figure::on_time_rate(),
            figure::comeback_rate(),
            figure::feedback_mean(),
        ])
        .left_join(manager_retention(model, f), col("manager"), col("manager"))
        .select([
            col("manager"),
            col("visits"),
            col("clients"),
            col("revenue"),
            col("aro"),
            col("retention_12m"),
            col("on_time_rate"),
            col("comeback_rate"),
            col("feedback_mean"),
        ])
        .sort(["manager"], SortMultipleOptions::default())
        .collect()
}

/// 12-month retention of each manager's clientele (SPEC §4 *12-month retention*): of the
/// clients whose done visits the manager handled in the 12 months before the last 12
/// (M−23 … M−12), the share with a done visit (with any manager) in the last 12 months
/// (M−11 … M). Columns `manager, retention_12m`; a manager with no such clients has no row.
///
/// When those base months begin before the data's first, no manager has a row: the
/// clientele of the unknown months is missing from each base, so the share would be one
/// of a part of it, as the station's `retention_12m.csv` is empty then
/// ([`crate::analytics::clients::cohorts::retention_12m`]).
pub fn manager_retention(model: &Model, f: &Facts) -> LazyFrame {
    let period = f.period;
    let m = period.month;
    let base_known = !f.before_data(m.shift(-23));
    let between = |from: chrono::NaiveDate, to: chrono::NaiveDate| {
        col("date")
            .gt_eq(date_lit(from))
            .and(col("date").lt_eq(date_lit(to)))
    };
    let base = done_visits(model)
        .filter(
            col("manager")
                .is_not_null()
                .and(between(m.shift(-23).first_day(), m.shift(-12).last_day()))
                .and(lit(base_known)),
        )
        .select([col("manager"), col("client_id")])
        .unique(None, UniqueKeepStrategy::Any);
    let again = done_visits(model)
        .filter(between(m.shift(-11).first_day(), period.as_of))
        .select([col("client_id")])
        .unique(None, UniqueKeepStrategy::Any)
        .with_column(lit(true).alias("again"));
    base.left_join(again, col("client_id"), col("client_id"))
        .group_by([col("manager")])
        .agg([ratio(
            col("again")
                .fill_null(lit(false))
                .cast(DataType::Int64)
                .sum(),
            len(),
        )
        .alias("retention_12m")])
}

/// `mechanics.csv`: `mechanic, norm_hours, labour_revenue, visits, comebacks,
/// comeback_rate` over the sold lines of M's done visits that name a mechanic, sorted by
/// mechanic. `norm_hours` = Σ norm hours of their sold lines; `labour_revenue` = Σ amount of
/// their sold labour lines; `visits` = distinct visits with a sold line of theirs;
/// `comebacks` = those of the visits that are comebacks; `comeback_rate` = comebacks / visits.
pub fn mechanics(f: &Facts) -> PolarsResult<DataFrame> {
    let visits = f
        .visits_of(f.period.month)
        .select([col("visit_row"), col("comeback")]);
    f.lines
        .clone()
        .lazy()
        .inner_join(visits, col("visit_row"), col("visit_row"))
        .filter(col("sold").and(col("mechanic").is_not_null()))
        .group_by([col("mechanic")])
        .agg([
            crate::model::hours_sum(col("norm_hours").fill_null(lit(0.0))).alias("norm_hours"),
            units(
                when(col("part"))
                    .then(lit(0i64))
                    .otherwise(col("amount"))
                    .sum(),
            )
            .alias("labour_revenue"),
            col("visit_row")
                .n_unique()
                .cast(DataType::Int64)
                .alias("visits"),
            col("visit_row")
                .filter(col("comeback"))
                .n_unique()
                .cast(DataType::Int64)
                .alias("comebacks"),
        ])
        .with_column(ratio(col("comebacks"), col("visits")).alias("comeback_rate"))
        .sort(["mechanic"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::management::testdata::*;
    use crate::analytics::period::{Month, Period};

    fn facts() -> (Model, Facts) {
        let model = station();
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        (model, f)
    }

    #[test]
    fn managers_of_march() {
        let (model, f) = facts();
        let t = managers(&model, &f).unwrap();
        // V3 has no manager: only Anna (V1, V4) and Boris (V2); V5/V6 are not done.
        assert_eq!(
            strs(&t, "manager"),
            [Some("Anna".into()), Some("Boris".into())]
        );
        assert_eq!(f64s(&t, "visits"), [Some(2.0), Some(1.0)]);
        assert_eq!(f64s(&t, "clients"), [Some(2.0), Some(1.0)]);
        assert_eq!(f64s(&t, "revenue"), [Some(1500.0), Some(2000.0)]);
        // Anna's V4 has no sold line, so her ARO is 1500 / 1.
        assert_eq!(f64s(&t, "aro"), [Some(1500.0), Some(2000.0)]);
        // The base 2024-04 … 2025-03 begins before the data (2024-12): unknown, as the
        // station's retention_12m.csv (see manager_retention's tests).
        assert_eq!(f64s(&t, "retention_12m"), [None, None]);
        assert_eq!(f64s(&t, "on_time_rate"), [Some(1.0), Some(0.0)]);
        // Anna: V1 is a comeback, V4 not: 1 / 2. Boris: V2's warranty visit is 31 days later.
        assert_eq!(f64s(&t, "comeback_rate"), [Some(0.5), Some(0.0)]);
        assert_eq!(f64s(&t, "feedback_mean"), [Some(4.0), Some(5.0)]);
    }

    /// Each manager's retention_12m for report month `month` of 2026, by manager.
    fn retention_of(model: &Model, month: u32) -> DataFrame {
        let f = Facts::compute(model, Period::new(Month::new(2026, month).unwrap())).unwrap();
        manager_retention(model, &f)
            .sort(["manager"], SortMultipleOptions::default())
            .collect()
            .unwrap()
    }

    #[test]
    fn manager_retention_counts_the_clientele_that_came_back() {
        let model = station();
        // M = 2026-11: Anna's clientele in 2024-12 … 2025-11 is C5 (V9) and C1 (V8); only
        // C1 came again in 2025-12 … 2026-11 (V0, V1, V3): 1 / 2. Boris had no clientele
        // then, so no row.
        let t = retention_of(&model, 11);
        assert_eq!(strs(&t, "manager"), [Some("Anna".into())]);
        assert_eq!(f64s(&t, "retention_12m"), [Some(0.5)]);
        // M = 2026-12: the base 2025-01 … 2025-12 is C1 alone, who came again: 1.
        assert_eq!(
            f64s(&retention_of(&model, 12), "retention_12m"),
            [Some(1.0)]
        );
    }

    #[test]
    fn regression_a_manager_base_beginning_before_the_data_is_empty_not_a_share_of_part() {
        // The data begin 2024-12-01. M = 2026-10: the base 2024-11 … 2025-10 begins a month
        // before them; Anna's share of the part seen (C5, C1: 1 / 2) was given, while the
        // station's retention_12m.csv is empty then. No manager has a row now, so
        // managers.csv leaves the figure empty.
        let model = station();
        assert_eq!(retention_of(&model, 10).height(), 0);
        let f = Facts::compute(&model, Period::new(Month::new(2026, 10).unwrap())).unwrap();
        let t = crate::analytics::clients::cohorts::retention_12m(&model, f.period).unwrap();
        assert_eq!(f64s(&t, "retention"), [None]);
    }

    #[test]
    fn mechanics_of_march() {
        let (_, f) = facts();
        let t = mechanics(&f).unwrap();
        assert_eq!(
            strs(&t, "mechanic"),
            [Some("Ivan".into()), Some("Petr".into())]
        );
        // Ivan: V1 2.0 h + V3 0.5 h (his declined 1.0 h on V1 is not sold).
        assert_eq!(f64s(&t, "norm_hours"), [Some(2.5), Some(1.5)]);
        // Ivan: 1000 (V1) + 0 (V3 warranty); the declined 300 is not revenue.
        assert_eq!(f64s(&t, "labour_revenue"), [Some(1000.0), Some(2000.0)]);
        assert_eq!(f64s(&t, "visits"), [Some(2.0), Some(1.0)]);
        assert_eq!(f64s(&t, "comebacks"), [Some(1.0), Some(0.0)]);
        assert_eq!(f64s(&t, "comeback_rate"), [Some(0.5), Some(0.0)]);
    }
}
