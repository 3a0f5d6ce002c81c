//! The latest done visit of every client and of every vehicle up to the as-of date, worked
//! out once per model and as-of date: the loyalty table, the service reminders and every
//! mail-merge list read a client's vehicle, a vehicle's label or its owner from there,
//! where each used to group the visits by client or vehicle again (SPEC §4.1: the latest
//! visit is the one of the latest date; of two on one day, the later opened, and of two
//! opened together the larger visit_id, its trailing number compared as a number: see
//! [`visits_in_order`]).

use chrono::NaiveDate;
use polars::prelude::*;

use super::{rows_by_seq, visits_in_order, visits_upto, CLIENT_PLACE, VEHICLE_PLACE, VISIT_SEQ};
use crate::model::{derived_as_of, Model};

/// Every client with a done visit up to `as_of`, with that latest visit's `vehicle` and
/// `domestic`, its date as `last_visit` and the car as that visit saw it (`vehicle_label`:
/// brand, model and plate, the empty ones left out): `client_id, vehicle, domestic,
/// last_visit, vehicle_label`, one row per client, in no particular order (callers join
/// it). The label is the client's own: a car sold on keeps its VIN, and the vehicle's
/// latest visit may show the next owner's plate.
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::clients::latest_of_clients;
/// use stoa::model::Model;
/// use stoa::schema::Table;
/// let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
/// // K's visits V9 and V10 share a day and a time: V10, the larger visit_id (10 > 9), is
/// // the later.
/// let at = |d| day(d).and_hms_opt(10, 0, 0).unwrap();
/// let visits = df!(
///     "visit_id" => ["V9", "V10", "V2"],
///     "opened_at" => [at(5), at(5), at(2)],
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
/// assert_eq!(latest.column("vehicle").unwrap().str().unwrap().get(0), Some("X"));
/// ```
pub fn latest_of_clients(model: &Model, as_of: NaiveDate) -> PolarsResult<LazyFrame> {
    let compute = || {
        latest(
            model,
            as_of,
            CLIENT_PLACE,
            &[
                "client_id",
                "vehicle",
                "domestic",
                "date",
                "brand",
                "model",
                "plate",
            ],
        )?
        .lazy()
        .select([
            col("client_id"),
            col("vehicle"),
            col("domestic"),
            col("date").alias("last_visit"),
            label(),
        ])
        .collect()
    };
    Ok(derived_as_of(&model.derived.latest_of_clients, as_of, compute)?.lazy())
}

/// Every vehicle with a done visit up to `as_of`, with a readable label of that latest
/// visit (brand, model and plate, the empty ones left out) and its client, the vehicle's
/// owner as the data last saw it: `vehicle_place, vehicle, vehicle_label, client_id`, one
/// row per vehicle, in no particular order (callers join it, by [`VEHICLE_PLACE`] where
/// they have it).
pub fn latest_of_vehicles(model: &Model, as_of: NaiveDate) -> PolarsResult<LazyFrame> {
    let compute = || {
        latest(
            model,
            as_of,
            VEHICLE_PLACE,
            &["vehicle", "brand", "model", "plate", "client_id"],
        )?
        .lazy()
        .select([
            col(VEHICLE_PLACE),
            col("vehicle"),
            label(),
            col("client_id"),
        ])
        .collect()
    };
    Ok(derived_as_of(&model.derived.latest_of_vehicles, as_of, compute)?.lazy())
}

/// A car as a visit names it: brand, model and plate, the empty ones left out.
fn label() -> Expr {
    concat_str([col("brand"), col("model"), col("plate")], " ", true).alias("vehicle_label")
}

/// One row per `key` (a number of [`visits_upto`], [`CLIENT_PLACE`] or [`VEHICLE_PLACE`],
/// which groups faster than the texts it stands for) with the `columns` of its latest
/// done visit up to `as_of`. The place
/// of that visit in visit order is the group's largest `visit_seq`; its row in the visits
/// table comes from [`rows_by_seq`] and the columns are gathered by it, instead of finding
/// each column's value at the latest visit within every group.
fn latest(model: &Model, as_of: NaiveDate, key: &str, columns: &[&str]) -> PolarsResult<DataFrame> {
    let latest = visits_upto(model, as_of)
        .select([col(key), col(VISIT_SEQ)])
        .group_by([col(key)])
        .agg([col(VISIT_SEQ).max()])
        .collect()?;
    let seqs = latest.column(VISIT_SEQ)?.cast(&IDX_DTYPE)?;
    let rows = rows_by_seq(model)?.take(seqs.idx()?)?;
    let picked = visits_in_order(model)
        .select(columns.iter().map(|c| col(*c)).collect::<Vec<_>>())
        .collect()?
        .take(&rows)?;
    latest.select([key])?.hstack(picked.columns())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    #[test]
    fn a_clients_vehicle_and_a_vehicles_label_come_from_its_latest_visit() {
        // Rows out of visit order. K's latest visit is V10 (same day and time as V9, and
        // 10 > 9: the later of the two, though "V10" < "V9" as text), so K's vehicle is
        // X, the Skoda; X's latest is V10, not V2, which is the last row of X; Y's is V9.
        let m = model(
            &[
                ("V10", "2026-01-05", "K", "X", "Skoda", None),
                ("V9", "2026-01-05", "K", "Y", "Lada", None),
                ("V2", "2026-01-02", "K", "X", "Kia", None),
            ],
            &[],
            &[],
            &[],
        );
        let as_of = period(2026, 1).as_of;
        let clients = latest_of_clients(&m, as_of).unwrap().collect().unwrap();
        assert_eq!(
            csv(&clients),
            "client_id,vehicle,domestic,last_visit,vehicle_label\nK,X,false,2026-01-05,Skoda P-X\n"
        );
        let vehicles = latest_of_vehicles(&m, as_of)
            .unwrap()
            .sort(["vehicle"], SortMultipleOptions::default())
            .collect()
            .unwrap();
        assert_eq!(
            csv(&vehicles),
            "vehicle_place,vehicle,vehicle_label,client_id\n0,X,Skoda P-X,K\n1,Y,Lada P-Y,K\n"
        );
        // Another as-of date is worked out afresh, not served from the first one's cache:
        // before 2026-01-05 only V2 (X) is seen.
        let earlier = chrono::NaiveDate::from_ymd_opt(2026, 1, 3).unwrap();
        let before = latest_of_clients(&m, earlier).unwrap().collect().unwrap();
        assert_eq!(
            csv(&before),
            "client_id,vehicle,domestic,last_visit,vehicle_label\nK,X,false,2026-01-02,Kia P-X\n"
        );
    }
}
