//! Per agent (SPEC §1: agents such as parking-lot attendants bring clients for a fee):
//! whom they brought this month, what those visits earned and the commission owed.

use polars::prelude::*;

use super::{exact_div, units, Facts};
use crate::model::Model;

/// `agents.csv`: `agent_id, name, visits, referred_clients, revenue, commission_pct,
/// commission`, sorted by agent_id.
///
/// A visit is referred by the agent named in its `agent_id`. Over the done visits of M:
/// `visits` = the agent's visits, `referred_clients` = their distinct clients, `revenue` =
/// the revenue of those visits, `commission` = commission_pct / 100 × revenue. Every agent
/// of the agents table has a row (zeros when they brought nobody); an `agent_id` of a visit
/// that is not in the agents table also has a row, with empty name, percent and commission.
pub fn agents(model: &Model, f: &Facts) -> PolarsResult<DataFrame> {
    let referred = f
        .visits_of(f.period.month)
        .filter(col("agent_id").is_not_null())
        .group_by([col("agent_id")])
        .agg([
            len().cast(DataType::Int64).alias("visits"),
            col("client_id")
                .n_unique()
                .cast(DataType::Int64)
                .alias("referred_clients"),
            col("revenue").sum().alias("revenue_kopecks"),
        ]);
    let known = model
        .agents
        .clone()
        .select([col("agent_id"), col("name"), col("commission_pct")]);
    known
        .join(
            referred,
            [col("agent_id")],
            [col("agent_id")],
            JoinArgs::new(JoinType::Full).with_coalesce(JoinCoalesce::CoalesceColumns),
        )
        .with_columns([
            col("visits").fill_null(lit(0i64)),
            col("referred_clients").fill_null(lit(0i64)),
            units(col("revenue_kopecks").fill_null(lit(0i64))).alias("revenue"),
        ])
        .with_column(
            exact_div(col("revenue") * col("commission_pct"), lit(100.0)).alias("commission"),
        )
        .select([
            col("agent_id"),
            col("name"),
            col("visits"),
            col("referred_clients"),
            col("revenue"),
            col("commission_pct"),
            col("commission"),
        ])
        .sort(["agent_id"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::management::testdata::*;
    use crate::analytics::period::{Month, Period};

    #[test]
    fn agents_of_march() {
        let model = station();
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = agents(&model, &f).unwrap();
        assert_eq!(
            strs(&t, "agent_id"),
            [Some("A1".into()), Some("A2".into()), Some("A9".into())]
        );
        assert_eq!(
            strs(&t, "name"),
            [Some("Parking Pete".into()), Some("Taxi Tom".into()), None]
        );
        // A1 brought C1 (V1, 1500) and C2 (V2, 2000); A9 (unknown) brought C3 (V4, nothing sold).
        assert_eq!(f64s(&t, "visits"), [Some(2.0), Some(0.0), Some(1.0)]);
        assert_eq!(
            f64s(&t, "referred_clients"),
            [Some(2.0), Some(0.0), Some(1.0)]
        );
        assert_eq!(f64s(&t, "revenue"), [Some(3500.0), Some(0.0), Some(0.0)]);
        // 10 % of 3500; 5 % of 0; A9 has no percent.
        assert_eq!(f64s(&t, "commission"), [Some(350.0), Some(0.0), None]);
    }
}
