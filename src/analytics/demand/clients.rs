//! Demand of new against returning clients per month (SPEC §4 *New client*, *Demand*):
//! whether the station grows by winning clients or lives on its base.

use polars::prelude::*;

use crate::analytics::clients::{
    client_days, days, first_of_client, month_index, month_label, month_number,
};
use crate::analytics::period::{data_start, date_lit, Month, Period};
use crate::model::Model;

/// `demand_clients.csv`: `month,new_clients,returning_clients,visits_new,visits_returning`
/// for each month of the 24 up to M from the data's first month on ([`data_start`], as
/// `monthly.csv` counts it), a month without done visits a row of zeros: until session 30
/// only months with a done visit had a row, so a report month without one (visits booked
/// and missed) had none at all. A month before the data is no row: nothing is known of it.
/// A client is new in the month of their first done visit ever and returning in any later
/// month (a client registered before the data's first month is returning from the start);
/// `visits_*` count the done visits of each group in the month. Sorted by month.
pub fn new_vs_returning(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    // From the clients' visit days up to as-of, sorted by client and day, which the client
    // sections share: a client's first row is their first visit ever (no later visit can
    // come first), and the first row of each client's month counts the client once in
    // that month. Flags set along the sorted rows replace a group-by of every visit by
    // client and the distinct counts of clients per month.
    let changed = |c: &str| col(c).neq(col(c).shift(lit(1))).fill_null(lit(true));
    let first_month = when(first_of_client())
        .then(col("month_index"))
        .otherwise(lit(NULL).cast(DataType::Int32))
        .fill_null_with_strategy(FillNullStrategy::Forward(None));
    // A client registered before the data's first month was a client already: their
    // first visit in the data is not their first ever (as in the KPIs' new clients).
    let is_new = || {
        col("first_month")
            .eq(col("month_index"))
            .and(col("registered_before").fill_null(lit(false)).not())
    };
    let count_if = |cond: Expr, what: Expr| when(cond).then(what).otherwise(lit(0i64)).sum();
    let once = || col("first_in_month").cast(DataType::Int64);
    // The 24 months by date (the days run up to M's last day).
    let first = days(date_lit(period.month.shift(-23).first_day()));
    let per_month = client_days(model, period.as_of)?
        .select([
            col("client_id"),
            col("day"),
            col("visits"),
            month_index(col("day").cast(DataType::Date)).alias("month_index"),
        ])
        .with_columns([
            first_month.alias("first_month"),
            changed("client_id")
                .or(changed("month_index"))
                .alias("first_in_month"),
        ])
        .filter(col("day").gt_eq(first))
        // Joined after the flags that need the rows in client and day order.
        .left_join(
            crate::analytics::management::facts::registered_before_data(model)?,
            col("client_id"),
            col("client_id"),
        )
        .group_by([col("month_index")])
        .agg([
            count_if(is_new(), once()).alias("new_clients"),
            count_if(is_new().not(), once()).alias("returning_clients"),
            count_if(is_new(), col("visits")).alias("visits_new"),
            count_if(is_new().not(), col("visits")).alias("visits_returning"),
        ]);
    let counts = [
        "new_clients",
        "returning_clients",
        "visits_new",
        "visits_returning",
    ];
    let mut out = vec![month_label(col("month_index")).alias("month")];
    out.extend(counts.map(|c| col(c).fill_null(lit(0i64))));
    month_grid(model, period)?
        .lazy()
        .left_join(per_month, col("month_index"), col("month_index"))
        .sort(["month_index"], SortMultipleOptions::default())
        .select(out)
        .collect()
}

/// The `month_index` of each month of the 24 up to M that is not before the data's first
/// month; none without visits.
fn month_grid(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let last = month_number(period.month);
    let first = match data_start(model)? {
        Some(start) => month_number(Month::of(start)).max(last - 23),
        None => last + 1,
    };
    df!("month_index" => (first..=last).collect::<Vec<i32>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::demand::testdata::*;

    /// The values of `name` in the rows of 2025-03 and 2026-03 (of the 24 from 2024-04),
    /// and the sum of the other 22 rows.
    fn at_visits(t: &DataFrame, name: &str) -> ([Option<f64>; 2], f64) {
        let v = f64s(t, name);
        let rest = v
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 11 && *i != 23)
            .map(|(_, x)| x.unwrap_or(f64::NAN))
            .sum();
        ([v[11], v[23]], rest)
    }

    #[test]
    fn new_is_the_month_of_the_first_visit_ever() {
        let t = new_vs_returning(&station(), period()).unwrap();
        // 2025-03: V8 of C1, whose first visit was 2024-03 → returning. 2026-03: C1 (V1,
        // V3) returning; C2 (V2) and C3 (V4) new; V5 is cancelled. Every other month of
        // the 24 (the data begin in 2024-03) is a row of zeros.
        let months = strs(&t, "month");
        assert_eq!(t.height(), 24);
        assert_eq!(months[0].as_deref(), Some("2024-04"));
        assert_eq!(months[11].as_deref(), Some("2025-03"));
        assert_eq!(months[23].as_deref(), Some("2026-03"));
        assert_eq!(at_visits(&t, "new_clients"), ([0.0, 2.0].map(Some), 0.0));
        assert_eq!(
            at_visits(&t, "returning_clients"),
            ([1.0, 1.0].map(Some), 0.0)
        );
        assert_eq!(at_visits(&t, "visits_new"), ([0.0, 2.0].map(Some), 0.0));
        assert_eq!(
            at_visits(&t, "visits_returning"),
            ([1.0, 2.0].map(Some), 0.0)
        );
    }

    #[test]
    fn regression_every_month_from_the_datas_first_has_a_row_even_without_visits() {
        // The data from 2026-01 (V0 moved there): January C1 new (V0); February nothing
        // done; March as in the station. Before, February had no row, and a report month
        // without done visits no row at all. Months before January are unknown: no rows.
        let visits = station()
            .visits
            .with_column(
                when(col("visit_id").eq(lit("V0")))
                    .then(lit(ms("2026-01-15 10:00")))
                    .otherwise(col("opened_at").cast(DataType::Int64))
                    .cast(DataType::Datetime(TimeUnit::Milliseconds, None))
                    .alias("opened_at"),
            )
            .with_column(col("opened_at").dt().date().alias("date"))
            .filter(col("visit_id").neq(lit("V8")));
        let m = station().with(crate::schema::Table::Visits, visits);
        let t = new_vs_returning(&m, period()).unwrap();
        assert_eq!(
            strs(&t, "month"),
            ["2026-01", "2026-02", "2026-03"].map(|s| Some(s.to_string()))
        );
        assert_eq!(f64s(&t, "new_clients"), [1.0, 0.0, 2.0].map(Some));
        assert_eq!(f64s(&t, "returning_clients"), [0.0, 0.0, 1.0].map(Some));
        assert_eq!(f64s(&t, "visits_new"), [1.0, 0.0, 2.0].map(Some));
        assert_eq!(f64s(&t, "visits_returning"), [0.0, 0.0, 2.0].map(Some));
        // February as the report month: its row of zeros, not an empty table.
        let feb = Period::new(Month::new(2026, 2).unwrap());
        let t = new_vs_returning(&m, feb).unwrap();
        assert_eq!(
            strs(&t, "month"),
            ["2026-01", "2026-02"].map(|s| Some(s.to_string()))
        );
        assert_eq!(f64s(&t, "new_clients"), [1.0, 0.0].map(Some));
        assert_eq!(f64s(&t, "visits_returning"), [0.0, 0.0].map(Some));
    }

    #[test]
    fn regression_a_client_registered_before_the_data_is_returning_from_the_start() {
        // The data begin in 2024-03 (V0). C2 registered 2023-05-01 (19_478 days after
        // 1970-01-01), before that month: a client already, so returning in 2026-03, not
        // new; C3 (no registration date) stays new.
        let clients = df!(
            "client_id" => ["C2", "C3"],
            "registered_at" => [Some(19_478i32), None],
        )
        .unwrap();
        let m = station().with(
            crate::schema::Table::Clients,
            typed(crate::schema::Table::Clients, clients),
        );
        let t = new_vs_returning(&m, period()).unwrap();
        assert_eq!(at_visits(&t, "new_clients"), ([0.0, 1.0].map(Some), 0.0));
        assert_eq!(
            at_visits(&t, "returning_clients"),
            ([1.0, 2.0].map(Some), 0.0)
        );
        assert_eq!(at_visits(&t, "visits_new"), ([0.0, 1.0].map(Some), 0.0));
        assert_eq!(
            at_visits(&t, "visits_returning"),
            ([1.0, 3.0].map(Some), 0.0)
        );
    }
}
