//! RFM segmentation: every client scored 1–5 on recency, frequency and monetary value by
//! quintile and named by segment (the mapping is in `docs/clients.md`), so the owner sees
//! at a glance who the champions are and whom the station is losing.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{days, visit_revenue, visits_upto};
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
    when(r().gt_eq(lit(4)).and(f().gt_eq(lit(4))).and(col("m").gt_eq(lit(4))))
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
    visits_upto(model, as_of)
        .select([col("visit_id"), col("client_id"), col("date")])
        .left_join(visit_revenue(model), col("visit_id"), col("visit_id"))
        .group_by([col("client_id")])
        .agg([
            (lit(to_days(as_of)) - days(col("date")).max())
                .cast(DataType::Int64)
                .alias("recency_days"),
            len().cast(DataType::Int64).alias("frequency"),
            col("revenue").fill_null(lit(0i64)).sum().alias("kopecks"),
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
