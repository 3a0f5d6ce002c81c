//! RFM segmentation: every client scored 1–5 on recency, frequency and monetary value by
//! quintile and named by segment (the mapping is in `docs/clients.md`), so the owner sees
//! at a glance who the champions are and whom the station is losing.

use chrono::NaiveDate;
use polars::prelude::*;

use super::client_days;
use crate::analytics::management::units;
use crate::analytics::period::to_days;
use crate::model::Model;

/// The quintile score 1..5 of a column: 1 + ⌊5 (rank − 1) / n⌋ with the `min` rank, so tied
/// clients share a score; `descending` ranks the largest value first (score 1 then goes to
/// the largest).
fn quintile(x: Expr, descending: bool) -> Expr {
    let rank = x
        .rank(
            RankOptions {
                method: RankMethod::Min,
                descending,
            },
            None,
        )
        .cast(DataType::Int64);
    (lit(1i64) + (lit(5i64) * (rank - lit(1i64))).floor_div(len().cast(DataType::Int64)))
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
            quintile(col("recency_days"), true).alias("r"),
            quintile(col("frequency"), false).alias("f"),
            quintile(col("kopecks"), false).alias("m"),
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
}
