//! Visit numbers that name different visits. A chain whose stations number their repair
//! orders apart (`ЗН-000001` at each) gives duplicates: SPEC §4.1 keeps the first visit
//! and rejects the others, and every order line of the number then belongs to the first,
//! so one station's work is counted as another's, for another client on another day. That
//! was said only as "duplicate visit_id", like a row a paged export wrote twice. Such
//! numbers, whose rows disagree on station, client or opening time, are now found and
//! named in a warning that says what it does to the lines.

use polars::prelude::*;

use super::RULE;

/// The visit ids whose rows, among those fine before the duplicate check (rule null or
/// `dup_rule`), disagree on station, client or opening time; None when there are none.
/// Only the ids with a duplicate are grouped, so a table without one costs a filter.
pub(super) fn collided_ids(visits: &DataFrame, dup_rule: u32) -> PolarsResult<Option<Series>> {
    let dups = visits
        .clone()
        .lazy()
        .filter(col(RULE).eq(lit(dup_rule)))
        .select([col("visit_id")])
        .unique(None, UniqueKeepStrategy::Any);
    if dups.clone().collect()?.height() == 0 {
        return Ok(None);
    }
    let differ = |c: &str| col(c).n_unique().gt(lit(1));
    let ids = visits
        .clone()
        .lazy()
        .filter(col(RULE).is_null().or(col(RULE).eq(lit(dup_rule))))
        .semi_join(dups, col("visit_id"), col("visit_id"))
        .group_by([col("visit_id")])
        .agg([differ("station")
            .or(differ("client_id"))
            .or(differ("opened_at"))
            .alias("differ")])
        .filter(col("differ"))
        .select([col("visit_id")])
        .sort(["visit_id"], SortMultipleOptions::default())
        .collect()?;
    if ids.height() == 0 {
        return Ok(None);
    }
    let ids = ids.column("visit_id")?.cast(&DataType::String)?;
    Ok(Some(ids.as_materialized_series().clone()))
}
