//! The money and the visit days every client list starts from: each visit's revenue, one
//! value per row of the visits table, and each client's visit days with their visits and
//! revenue, sorted by client and day. Both are worked out once per model (the days once
//! per as-of date) and shared by loyalty, win-back, RFM, retention, the customer-base
//! model and the management facts. On a chain they are millions of rows, so they are built
//! from integer keys: a line finds its visit by the visit's row, and a client's days are
//! ordered by one integer made of the client's place among all clients and the day.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{days, month_index, visits_upto, CLIENT_PLACE};
use crate::analytics::management::facts::dated_lines;
use crate::model::Model;

/// Revenue of every visit in kopecks (SPEC §4.1: Σ amount of its sold lines), one value
/// per row of the visits table in its order (`revenue`, Int64; 0 for a visit without sold
/// lines). Computed once per model; [`with_visit_revenue`] puts it beside any frame of
/// visits that carries `visit_row`.
pub fn visit_revenue(model: &Model) -> PolarsResult<Column> {
    let cached = model
        .derived
        .visit_revenue
        .get_or_init(|| revenue_by_visit(model).map_err(|e| e.to_string()));
    match cached {
        Ok(frame) => frame.column("revenue").cloned(),
        // The computation failed: again, for polars' own error.
        Err(_) => revenue_by_visit(model)?.column("revenue").cloned(),
    }
}

/// `visits` (a frame of visits with `visit_row`, their rows in the visits table) with the
/// `revenue` of each visit from [`visit_revenue`], gathered by row.
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::clients::with_visit_revenue;
/// use stoa::model::Model;
/// use stoa::schema::Table;
/// let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
/// let visits = df!(
///     "visit_id" => ["V1", "V2"],
///     "date" => [day, day],
///     "status" => ["done", "done"],
/// ).unwrap();
/// let lines = df!(
///     "visit_id" => ["V2", "V2", "V2"],
///     "amount" => [10_050i64, 2_000, 99_900],
///     "declined" => [false, false, true],
/// ).unwrap();
/// let m = Model::empty()
///     .with(Table::Visits, visits.lazy())
///     .with(Table::OrderLines, lines.lazy());
/// let rows = df!("visit_row" => [1u32, 0]).unwrap();
/// let out = with_visit_revenue(&m, rows).unwrap();
/// let revenue: Vec<_> = out.column("revenue").unwrap().i64().unwrap().iter().collect();
/// assert_eq!(revenue, [Some(12_050), Some(0)]);
/// ```
pub fn with_visit_revenue(model: &Model, mut visits: DataFrame) -> PolarsResult<DataFrame> {
    let rows = visits.column("visit_row")?.cast(&IDX_DTYPE)?;
    let revenue = visit_revenue(model)?.take(rows.idx()?)?;
    visits.with_column(revenue)?;
    Ok(visits)
}

/// The computation of [`visit_revenue`]: the sold lines' amounts added up by visit row,
/// then set into a column of zeros as long as the visits table.
fn revenue_by_visit(model: &Model) -> PolarsResult<DataFrame> {
    let n = model.visits.clone().select([len()]).collect()?;
    let n = n
        .column("len")?
        .cast(&IDX_DTYPE)?
        .idx()?
        .get(0)
        .unwrap_or(0) as usize;
    let sold = dated_lines(model)
        .filter(
            col("declined")
                .fill_null(lit(false))
                .not()
                .and(col("visit_row").is_not_null()),
        )
        .select([
            col("visit_row").cast(IDX_DTYPE),
            col("amount").fill_null(lit(0i64)),
        ])
        .collect()?;
    let by_visit = if in_visit_order(&sold)? {
        // Lines come grouped by visit in most exports: each visit's revenue is then the
        // running total at its last line minus that at the previous visit's, found in
        // a few passes over the column instead of hashing millions of lines into groups.
        let total = col("amount").cum_sum(false);
        sold.lazy()
            .with_column(total.alias("total"))
            .filter(
                col("visit_row")
                    .neq(col("visit_row").shift(lit(-1)))
                    .fill_null(lit(true)),
            )
            .select([
                col("visit_row"),
                (col("total") - col("total").shift(lit(1)).fill_null(lit(0i64))).alias("revenue"),
            ])
            .collect()?
    } else {
        sold.lazy()
            .group_by([col("visit_row")])
            .agg([col("amount").sum().alias("revenue")])
            .collect()?
    };
    let rows = by_visit.column("visit_row")?.idx()?.rechunk();
    let rows = rows.cont_slice()?;
    let revenue = by_visit.column("revenue")?.i64()?;
    let dense = Int64Chunked::full("revenue".into(), 0, n).scatter(rows, revenue.iter())?;
    DataFrame::new(n, vec![dense.into_column()])
}

/// True when the lines' `visit_row` never decreases: every visit's lines are together.
fn in_visit_order(lines: &DataFrame) -> PolarsResult<bool> {
    let back = lines
        .clone()
        .lazy()
        .select([col("visit_row")
            .lt(col("visit_row").shift(lit(1)))
            .any(true)
            .alias("back")])
        .collect()?;
    Ok(back.column("back")?.bool()?.get(0) != Some(true))
}

/// The visit days of every client: one row per client and day with a done visit up to
/// `as_of` — `client_id`, `day` (days since 1970-01-01, Int32), `visits` (that day's
/// visits) and `revenue` (their revenue in kopecks) — sorted by client, then day.
///
/// RFM, win-back, retention and the customer-base model start from this frame, computed
/// once per model and as-of date (another as-of date is computed afresh, uncached).
pub fn client_days(model: &Model, as_of: NaiveDate) -> PolarsResult<LazyFrame> {
    let days = crate::model::derived_as_of(&model.derived.client_days, as_of, || {
        days_of_clients(model, as_of)
    })?;
    Ok(days.lazy())
}

/// The computation of [`client_days`]. Sorting 1.8 M visits by the text client_id and
/// the day, and grouping them by both, took most of a second on the chain: the visits
/// are sorted and grouped by one integer instead, the client's place among the sorted
/// distinct clients ([`CLIENT_PLACE`], worked out once per model) then the day.
fn days_of_clients(model: &Model, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    const KEY: &str = "__client_day";
    let visits = visits_upto(model, as_of)
        .select([
            col("visit_row"),
            col("client_id"),
            col(CLIENT_PLACE),
            days(col("date")).alias("day"),
        ])
        .collect()?;
    let visits = with_visit_revenue(model, visits)?;
    // The place in the high 32 bits, the day (shifted to be non-negative) in the low ones.
    // A visit without a client (ingest rejects it; a model made by hand may hold one) has
    // no place and sorts first, where polars sorts a null id.
    let place = col(CLIENT_PLACE).cast(DataType::UInt64) + lit(1u64);
    let key = place.fill_null(lit(0u64)) * lit(1u64 << 32)
        + (col("day").cast(DataType::Int64) + lit(1i64 << 31)).cast(DataType::UInt64);
    let mut days = visits
        .lazy()
        .with_column(key.alias(KEY))
        .sort([KEY], SortMultipleOptions::default())
        .group_by_stable([col(KEY)])
        .agg([
            col("client_id").first(),
            col("day").first(),
            len().cast(DataType::Int64).alias("visits"),
            col("revenue").sum(),
        ])
        .select([col("client_id"), col("day"), col("visits"), col("revenue")])
        .collect()?;
    // The places follow the clients' sorted ids, so the ids come out sorted: saying so
    // lets every later group-by by client (win-back, RFM, the customer-base model's
    // summary) take each client's rows as one slice instead of hashing 1.7 M texts.
    let mut ids = days.column("client_id")?.clone();
    ids.set_sorted_flag(polars::series::IsSorted::Ascending);
    days.with_column(ids)?;
    Ok(days)
}

/// The months in which each client had a done visit up to `as_of`: one row per client and
/// month index (see [`month_index`]), `client_id, m`, sorted by client and month. Taken from
/// the sorted [`client_days`] by keeping the first day of each client's month: no hashing
/// and no sort of the visits, which cohorts, 12-month retention and activity each did.
/// Computed once per model and as-of date, as [`client_days`] is.
pub fn client_months(model: &Model, as_of: NaiveDate) -> PolarsResult<LazyFrame> {
    let months = crate::model::derived_as_of(&model.derived.client_months, as_of, || {
        let changed = |c: &str| col(c).neq(col(c).shift(lit(1))).fill_null(lit(true));
        client_days(model, as_of)?
            .select([
                col("client_id"),
                month_index(col("day").cast(DataType::Date)).alias("m"),
            ])
            .filter(changed("client_id").or(changed("m")))
            .collect()
    })?;
    Ok(months.lazy())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::month_label;
    use crate::analytics::clients::testdata::{csv, model, period};

    fn revenue(lines: &[crate::analytics::clients::testdata::L]) -> Vec<Option<i64>> {
        let m = model(
            &[
                ("V1", "2026-03-01", "K", "X", "Kia", None),
                ("V2", "2026-03-02", "K", "X", "Kia", None),
                ("V3", "2026-03-03", "L", "Y", "Kia", None),
            ],
            lines,
            &[],
            &[],
        );
        visit_revenue(&m).unwrap().i64().unwrap().iter().collect()
    }

    #[test]
    fn revenue_is_the_same_whether_or_not_the_lines_come_visit_by_visit() {
        // V1: 100.50 + 20 and a declined 999; V2 has no lines; V3: 7.
        let grouped = [
            ("V1", None, "oil", 10_050, false),
            ("V1", None, "wash", 2_000, false),
            ("V1", None, "brakes", 99_900, true),
            ("V3", None, "wash", 700, false),
        ];
        assert_eq!(revenue(&grouped), [Some(12_050), Some(0), Some(700)]);
        // The same lines with V3's between V1's: added up by group instead of by runs.
        let mixed = [grouped[0], grouped[3], grouped[2], grouped[1]];
        assert_eq!(revenue(&mixed), [Some(12_050), Some(0), Some(700)]);
        // A visit whose lines are all declined earns nothing; no lines at all, nothing.
        assert_eq!(
            revenue(&[("V2", None, "brakes", 5_000, true)]),
            [Some(0), Some(0), Some(0)]
        );
        assert_eq!(revenue(&[]), [Some(0), Some(0), Some(0)]);
    }

    #[test]
    fn regression_client_days_say_their_ids_are_sorted_and_are() {
        // Rows out of client order, and "K10" < "K9" as text: the ids come out in text
        // order and flagged so, which lets win-back and RFM group by client in slices; a
        // flag on ids out of order would merge or split clients there.
        let m = model(
            &[
                ("V1", "2026-03-02", "K9", "X", "Kia", None),
                ("V2", "2026-03-01", "K10", "Y", "Kia", None),
                ("V3", "2026-03-01", "K9", "X", "Kia", None),
                ("V4", "2026-03-03", "K10", "Y", "Kia", None),
            ],
            &[],
            &[],
            &[],
        );
        let days = client_days(&m, period(2026, 3).as_of)
            .unwrap()
            .collect()
            .unwrap();
        let ids = days.column("client_id").unwrap();
        assert_eq!(
            ids.as_materialized_series().is_sorted_flag(),
            polars::series::IsSorted::Ascending
        );
        let ids: Vec<_> = ids.str().unwrap().iter().flatten().collect();
        assert_eq!(ids, ["K10", "K10", "K9", "K9"]);
        let per_client = crate::analytics::clients::rfm::rfm(&m, period(2026, 3).as_of).unwrap();
        assert_eq!(
            per_client
                .column("frequency")
                .unwrap()
                .i64()
                .unwrap()
                .iter()
                .flatten()
                .collect::<Vec<_>>(),
            [2, 2]
        );
    }

    #[test]
    fn a_client_day_frame_without_visits_is_empty_with_its_columns() {
        // Every visit is after the as-of date: no client days, and no error.
        let m = model(
            &[("V1", "2026-05-01", "K", "X", "Kia", None)],
            &[("V1", None, "oil", 100, false)],
            &[],
            &[],
        );
        let as_of = crate::analytics::clients::testdata::period(2026, 3).as_of;
        let days = client_days(&m, as_of).unwrap().collect().unwrap();
        assert_eq!(days.height(), 0);
        assert_eq!(
            days.get_column_names(),
            ["client_id", "day", "visits", "revenue"]
        );
        assert_eq!(
            client_months(&m, as_of)
                .unwrap()
                .collect()
                .unwrap()
                .height(),
            0
        );
        // Nor latest visits.
        let latest = crate::analytics::clients::latest_of_clients(&m, as_of).unwrap();
        assert_eq!(latest.collect().unwrap().height(), 0);
        let latest = crate::analytics::clients::latest_of_vehicles(&m, as_of).unwrap();
        assert_eq!(latest.collect().unwrap().height(), 0);
    }

    #[test]
    fn client_days_add_a_days_visits_and_revenue_up_to_as_of() {
        // K: two visits on 2026-03-02 (lines 100.50 + 20, and a declined 999 that is not
        // revenue) and one on 2026-01-10 without lines; L: one visit after as-of (left out)
        // and one on 2026-02-01 (50).
        let m = model(
            &[
                ("V1", "2026-03-02", "K", "X1", "Kia", None),
                ("V2", "2026-03-02", "K", "X1", "Kia", None),
                ("V3", "2026-01-10", "K", "X1", "Kia", None),
                ("V4", "2026-04-01", "L", "X2", "Kia", None),
                ("V5", "2026-02-01", "L", "X2", "Kia", None),
            ],
            &[
                ("V1", None, "oil", 10_050, false),
                ("V2", None, "wash", 2_000, false),
                ("V2", None, "brakes", 99_900, true),
                ("V4", None, "wash", 7_000, false),
                ("V5", None, "wash", 5_000, false),
            ],
            &[],
            &[],
        );
        let as_of = period(2026, 3).as_of;
        let days = client_days(&m, as_of)
            .unwrap()
            .with_column(col("day").cast(DataType::Date))
            .collect()
            .unwrap();
        // Days since 1970 shown as dates; sorted by client, then day.
        assert_eq!(
            csv(&days),
            "client_id,day,visits,revenue\n\
             K,2026-01-10,1,0\n\
             K,2026-03-02,2,12050\n\
             L,2026-02-01,1,5000\n"
        );
        // The months: K in 2026-01 and 2026-03 (two visits, one day), L in 2026-02.
        let months = client_months(&m, as_of)
            .unwrap()
            .select([col("client_id"), month_label(col("m")).alias("month")])
            .collect()
            .unwrap();
        assert_eq!(
            csv(&months),
            "client_id,month\nK,2026-01\nK,2026-03\nL,2026-02\n"
        );
        // Another as-of date is not served from the cache.
        let earlier = client_days(&m, period(2026, 1).as_of)
            .unwrap()
            .collect()
            .unwrap();
        assert_eq!(earlier.height(), 1);
        assert_eq!(
            client_days(&m, as_of).unwrap().collect().unwrap().height(),
            3,
            "the first as-of date stays cached"
        );
        // The months too: computed once for the first as-of date, afresh for another.
        let months_at = |as_of| client_months(&m, as_of).unwrap().collect().unwrap();
        assert_eq!(months_at(period(2026, 1).as_of).height(), 1);
        assert_eq!(months_at(as_of).height(), 3);
        assert!(m
            .derived
            .client_months
            .get()
            .is_some_and(|(d, _)| *d == as_of));
    }
}
