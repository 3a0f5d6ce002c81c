//! RFM segmentation: every client scored 1–5 on recency, frequency and monetary value by
//! quintile and named by segment (the mapping is in `docs/clients.md`), so the owner sees
//! at a glance who the champions are and whom the station is losing.

use chrono::NaiveDate;
use polars::prelude::*;

use super::client_days;
use crate::analytics::management::units;
use crate::analytics::period::to_days;
use crate::model::Model;

/// The quintile score 1..5 of a column: 5 − ⌊5 (rank − 1) / n⌋, the rank counted from the
/// best value (1 = best; `higher_is_better` tells which end that is) with the `min` rank of
/// ties, so that tied clients share the score of their group's best position, and a
/// client alone, or every client tied, scores 5. Equivalently ⌈5 k / n⌉, k the clients
/// whose value is no better than the client's own. Until session 30 the formula was
/// 1 + ⌊5 (rank − 1) / n⌋ with ranks counted from the worst, with the `min` rank: a group
/// tied at the best value took its lowest position (five of ten clients seen on the as-of
/// date scored R = 3, "About to sleep"), and a client alone scored 1, "Lost".
fn quintile(x: Expr, higher_is_better: bool) -> Expr {
    let rank = x
        .rank(
            RankOptions {
                method: RankMethod::Min,
                descending: higher_is_better,
            },
            None,
        )
        .cast(DataType::Int64);
    (lit(5i64) - (lit(5i64) * (rank - lit(1i64))).floor_div(len().cast(DataType::Int64)))
        .alias("score")
}

/// The segment of R and F scores (M refines Champions): see `docs/clients.md`.
fn segment() -> Expr {
    let r = || col("r");
    let f = || col("f");
    when(
        r().gt_eq(lit(4))
            .and(f().gt_eq(lit(4)))
            .and(col("m").gt_eq(lit(4))),
    )
    .then(lit("Champions"))
    .when(r().gt_eq(lit(3)).and(f().gt_eq(lit(4))))
    .then(lit("Loyal"))
    .when(r().gt_eq(lit(4)).and(f().gt_eq(lit(2))))
    .then(lit("Potential loyalist"))
    .when(r().eq(lit(5)))
    .then(lit("New"))
    .when(r().eq(lit(4)))
    .then(lit("Promising"))
    .when(r().eq(lit(3)).and(f().gt_eq(lit(2))))
    .then(lit("Need attention"))
    .when(r().eq(lit(3)))
    .then(lit("About to sleep"))
    .when(f().eq(lit(5)))
    .then(lit("Can't lose"))
    .when(f().gt_eq(lit(3)))
    .then(lit("At risk"))
    .when(r().eq(lit(2)))
    .then(lit("Hibernating"))
    .otherwise(lit("Lost"))
}

/// `rfm.csv`: `client_id, recency_days, frequency, monetary, r, f, m, segment`, sorted by
/// client. Recency = days from the last done visit to as-of; frequency = done visits;
/// monetary = revenue in currency units; all over the visits up to as-of. A higher score
/// is better on every axis (recent, frequent, valuable).
pub fn rfm(model: &Model, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    client_days(model, as_of)?
        .group_by([col("client_id")])
        .agg([
            (lit(to_days(as_of)) - col("day").max())
                .cast(DataType::Int64)
                .alias("recency_days"),
            col("visits").sum().alias("frequency"),
            col("revenue").sum().alias("kopecks"),
        ])
        .with_columns([
            quintile(col("recency_days"), false).alias("r"),
            quintile(col("frequency"), true).alias("f"),
            quintile(col("kopecks"), true).alias("m"),
        ])
        .with_column(segment().alias("segment"))
        .select([
            col("client_id"),
            col("recency_days"),
            col("frequency"),
            units(col("kopecks")).alias("monetary"),
            col("r"),
            col("f"),
            col("m"),
            col("segment"),
        ])
        .sort(["client_id"], SortMultipleOptions::default())
        .collect()
}

/// `rfm_segments.csv`: `segment, clients, share`, sorted by segment.
pub fn segments(rfm: &DataFrame) -> PolarsResult<DataFrame> {
    let total = rfm.height() as f64;
    rfm.clone()
        .lazy()
        .group_by([col("segment")])
        .agg([len().cast(DataType::Int64).alias("clients")])
        .with_column(
            crate::analytics::management::exact_div(col("clients"), lit(total)).alias("share"),
        )
        .sort(["segment"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    #[test]
    fn scores_are_quintiles_and_segments_follow_the_mapping() {
        // Five clients, each rank its own quintile. R: fewest days since → 5.
        // A: 1 day, 5 visits, 500 → 5,5,5 Champions. B: 10 days, 4 visits, 400 → 4,4,4
        // Champions. C: 100 days, 1 visit, 300 → 3,1,3 About to sleep. D: 400 days,
        // 3 visits, 200 → 2,3,2 At risk. E: 800 days, 2 visits, 100 → 1,2,1 Lost.
        let mut visits = Vec::new();
        let mut lines = Vec::new();
        let plan: [(&str, &[&'static str], i64); 5] = [
            ("A", &["A1", "A2", "A3", "A4", "A5"], 500),
            ("B", &["B1", "B2", "B3", "B4"], 400),
            ("C", &["C1"], 300),
            ("D", &["D1", "D2", "D3"], 200),
            ("E", &["E1", "E2"], 100),
        ];
        let last = [
            "2026-03-30",
            "2026-03-21",
            "2025-12-21",
            "2025-02-24",
            "2024-01-21",
        ];
        for ((client, ids, total), date) in plan.iter().zip(last) {
            for id in ids.iter() {
                visits.push((*id, date, *client, "X", "Kia", None));
            }
            lines.push((ids[0], None, "work", total * 100, false));
        }
        let m = model(&visits, &lines, &[], &[]);
        let t = rfm(&m, period(2026, 3).as_of).unwrap();
        assert_eq!(
            csv(&t),
            "client_id,recency_days,frequency,monetary,r,f,m,segment\n\
             A,1,5,500,5,5,5,Champions\n\
             B,10,4,400,4,4,4,Champions\n\
             C,100,1,300,3,1,3,About to sleep\n\
             D,400,3,200,2,3,2,At risk\n\
             E,800,2,100,1,2,1,Lost\n"
        );
        let s = segments(&t).unwrap();
        assert_eq!(
            csv(&s),
            "segment,clients,share\nAbout to sleep,1,0.2\nAt risk,1,0.2\nChampions,2,0.4\nLost,1,0.2\n"
        );
    }

    #[test]
    fn regression_clients_tied_at_the_best_value_share_the_top_score() {
        // Ten clients of one visit of 1000 each: five on the as-of date (30 June 2026),
        // the others 100, 200, 300, 400 and 500 days before. R counted from the most
        // recent: the five share rank 1 → 5; then ranks 6 … 10 → 5 − ⌊5·5/10⌋ = 3,
        // 5 − 3 = 2, 5 − ⌊3.5⌋ = 2, 5 − 4 = 1, 5 − ⌊4.5⌋ = 1. F and M: every client tied,
        // rank 1 → 5. Before, the five scored R = 3 ("About to sleep") and F = M = 1.
        let days = [0, 0, 0, 0, 0, 100, 200, 300, 400, 500];
        let as_of = period(2026, 6).as_of;
        let ids: Vec<String> = (1..=10).map(|i| format!("V{i:02}")).collect();
        let clients: Vec<String> = (1..=10).map(|i| format!("C{i:02}")).collect();
        let dates: Vec<String> = days
            .iter()
            .map(|d| (as_of - chrono::Days::new(*d)).to_string())
            .collect();
        let visits: Vec<_> = (0..10)
            .map(|i| {
                (
                    ids[i].as_str(),
                    dates[i].as_str(),
                    clients[i].as_str(),
                    "X",
                    "Kia",
                    None,
                )
            })
            .collect();
        let lines: Vec<_> = ids
            .iter()
            .map(|id| (id.as_str(), None, "wash", 100_000, false))
            .collect();
        let t = rfm(&model(&visits, &lines, &[], &[]), as_of).unwrap();
        let scores = |t: &DataFrame, name: &str| -> Vec<i64> {
            let c = t.column(name).unwrap().cast(&DataType::Int64).unwrap();
            c.i64().unwrap().into_no_null_iter().collect()
        };
        assert_eq!(scores(&t, "r"), [5, 5, 5, 5, 5, 3, 2, 2, 1, 1]);
        assert_eq!(scores(&t, "f"), [5; 10]);
        assert_eq!(scores(&t, "m"), [5; 10]);
        // One client alone scores 5 on every axis, not 1 ("Lost").
        let t = rfm(&model(&visits[9..], &lines[9..], &[], &[]), as_of).unwrap();
        assert_eq!(
            csv(&t),
            "client_id,recency_days,frequency,monetary,r,f,m,segment\n\
             C10,500,1,1000,5,5,5,Champions\n"
        );
        // Every client on one day: all tied on every axis, all 5.
        let same: Vec<_> = visits
            .iter()
            .map(|v| (v.0, dates[0].as_str(), v.2, v.3, v.4, v.5))
            .collect();
        let t = rfm(&model(&same, &lines, &[], &[]), as_of).unwrap();
        for name in ["r", "f", "m"] {
            assert_eq!(scores(&t, name), [5; 10], "{name}");
        }
    }
}
