//! The latest done visit of every client and of every vehicle up to the as-of date, worked
//! out once per model and as-of date: the loyalty table, the service reminders and every
//! mail-merge list read a client's vehicle, a vehicle's label or its owner from there,
//! where each used to group the visits by client or vehicle again (SPEC §4.1: the latest
//! visit is the one of the latest date, and of two on one day the larger visit_id).

use chrono::NaiveDate;
use polars::prelude::*;

use super::{at_latest_visit, visits_in_order, visits_upto};
use crate::model::{derived_as_of, Model};

/// Every client with a done visit up to `as_of`, with that latest visit's `vehicle` and
/// `domestic` and its date as `last_visit`: `client_id, vehicle, domestic, last_visit`, one
/// row per client, in no particular order (callers join it).
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::clients::latest_of_clients;
/// use stoa::model::Model;
/// use stoa::schema::Table;
/// let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
/// // K's visits V9 and V10 share a day: V9, the larger visit_id, is the later.
/// let visits = df!(
///     "visit_id" => ["V9", "V10", "V2"],
///     "date" => [day(5), day(5), day(2)],
///     "status" => ["done", "done", "done"],
///     "client_id" => ["K", "K", "K"],
///     "vehicle" => ["Y", "X", "X"],
///     "domestic" => [false, true, true],
///     "brand" => ["Kia", "LADA", "LADA"],
///     "model" => ["Rio", "Vesta", "Vesta"],
///     "plate" => ["A1", "B2", "B2"],
///     "odometer_km" => [None::<i64>, None, None],
/// ).unwrap();
/// let m = Model::empty().with(Table::Visits, visits.lazy());
/// let latest = latest_of_clients(&m, day(31)).unwrap().collect().unwrap();
/// assert_eq!(latest.column("vehicle").unwrap().str().unwrap().get(0), Some("Y"));
/// ```
pub fn latest_of_clients(model: &Model, as_of: NaiveDate) -> PolarsResult<LazyFrame> {
    let compute = || {
        let mut out = latest(model, as_of, "client_id", &["vehicle", "domestic", "date"])?;
        out.rename("date", "last_visit".into())?;
        Ok(out)
    };
    cached(&model.derived.latest_of_clients, as_of, compute)
}

/// Every vehicle with a done visit up to `as_of`, with a readable label of that latest
/// visit (brand, model and plate, the empty ones left out) and its client, the vehicle's
/// owner as the data last saw it: `vehicle, vehicle_label, client_id`, one row per vehicle,
/// in no particular order (callers join it).
pub fn latest_of_vehicles(model: &Model, as_of: NaiveDate) -> PolarsResult<LazyFrame> {
    let compute = || {
        latest(
            model,
            as_of,
            "vehicle",
            &["brand", "model", "plate", "client_id"],
        )?
        .lazy()
        .select([
            col("vehicle"),
            concat_str([col("brand"), col("model"), col("plate")], " ", true)
                .alias("vehicle_label"),
            col("client_id"),
        ])
        .collect()
    };
    cached(&model.derived.latest_of_vehicles, as_of, compute)
}

/// The frame of `cell` for `as_of`, or computed afresh (uncached) for another date.
fn cached(
    cell: &std::sync::OnceLock<(NaiveDate, Result<DataFrame, String>)>,
    as_of: NaiveDate,
    compute: impl Fn() -> PolarsResult<DataFrame>,
) -> PolarsResult<LazyFrame> {
    match derived_as_of(cell, as_of, &compute) {
        Some(df) => Ok(df.lazy()),
        None => Ok(compute()?.lazy()),
    }
}

/// One row per `key` with the `columns` of its latest done visit up to `as_of`. The row of
/// that visit (in the visits table) is found per group and the columns gathered by it,
/// instead of finding each column's value at the latest visit within every group.
fn latest(model: &Model, as_of: NaiveDate, key: &str, columns: &[&str]) -> PolarsResult<DataFrame> {
    let latest = visits_upto(model, as_of)
        .select([col(key), col("visit_row"), col(super::VISIT_SEQ)])
        .group_by([col(key)])
        .agg([at_latest_visit(col("visit_row"))])
        .collect()?;
    let rows = latest.column("visit_row")?.cast(&IDX_DTYPE)?;
    let picked = visits_in_order(model)
        .select(columns.iter().map(|c| col(*c)).collect::<Vec<_>>())
        .collect()?
        .take(rows.idx()?)?;
    latest.select([key])?.hstack(picked.columns())
}
