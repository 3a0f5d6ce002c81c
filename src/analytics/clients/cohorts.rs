//! Cohort retention and 12-month retention (SPEC §4 *Cohort retention*, *12-month
//! retention*, §4.1, §5.1 `cohorts.csv`): of the clients who first came in a month, the
//! share seen again k months later, and of last year's clients the share seen this year.

use polars::prelude::*;

use super::{client_months, first_of_client, month_label, month_number};
use crate::analytics::management::exact_div;
use crate::analytics::period::Period;
use crate::model::Model;

/// Cohorts shown: the 24 months up to M.
pub const COHORTS: i32 = 24;
/// The last k of a cohort row.
pub const MAX_K: i32 = 12;

/// `tables/cohorts.csv`: `cohort, size, k, retained`, sorted by cohort and k. Cohort = month
/// of the first visit (among the 24 months up to M; a month without new clients has no
/// rows); retained = share of the cohort with a visit in month cohort + k, k = 0..12 while
/// cohort + k ≤ M (k = 0 is 1 by definition). Clients registered before the data's first
/// month are in no cohort: their first visit was before the data.
pub fn cohorts(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let last = month_number(period.month);
    // The client's cohort is the month of their first row (the months come sorted by
    // client and month), carried down to the client's later rows.
    let cohort = when(first_of_client())
        .then(col("m"))
        .otherwise(lit(NULL).cast(DataType::Int32))
        .fill_null_with_strategy(FillNullStrategy::Forward(None));
    // A client registered before the data's first month came first before the data: the
    // month of their first visit in the data is not their cohort's, whose month is unknown
    // (as they are not new clients, see `facts::registered_before_data`). Counted there,
    // they swelled the data's first cohorts.
    let before = crate::analytics::management::facts::registered_before_data(model)?;
    let cm = client_months(model, period.as_of)?
        .join(
            before,
            [col("client_id")],
            [col("client_id")],
            JoinArgs::new(JoinType::Anti),
        )
        .with_column(cohort.alias("c"))
        .filter(col("c").gt(lit(last - COHORTS)))
        .cache();
    let size = cm
        .clone()
        .filter(col("m").eq(col("c")))
        .group_by([col("c")])
        .agg([len().cast(DataType::Int64).alias("size")]);
    let seen = cm
        .with_column((col("m") - col("c")).alias("k"))
        .filter(col("k").lt_eq(lit(MAX_K)))
        .group_by([col("c"), col("k")])
        .agg([len().cast(DataType::Int64).alias("seen")]);
    let ks = df!("k" => (0..=MAX_K).collect::<Vec<i32>>())?.lazy();
    size.cross_join(ks, None)
        .filter((col("c") + col("k")).lt_eq(lit(last)))
        .join(
            seen,
            [col("c"), col("k")],
            [col("c"), col("k")],
            JoinArgs::new(JoinType::Left),
        )
        .select([
            month_label(col("c")).alias("cohort"),
            col("size"),
            col("k").cast(DataType::Int64),
            exact_div(col("seen").fill_null(lit(0i64)), col("size")).alias("retained"),
        ])
        .sort(["cohort", "k"], SortMultipleOptions::default())
        .collect()
}

/// `retention_12m.csv`: `base_from, base_to, base_clients, returned, retention` — of the
/// clients with a visit in months M−23..M−12, those with a visit in M−11..M and their
/// share (empty when the base is empty). The three figures are empty when the base's
/// months begin before the data's first: clients of its unknown months are missing from
/// it (a base wholly before the data read 0 clients; one half before it, a share of a
/// part of the base), as year over year is empty then.
pub fn retention_12m(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let last = month_number(period.month);
    let unknown = crate::analytics::period::data_start(model)?
        .is_some_and(|d| period.month.shift(-23) < crate::analytics::period::Month::of(d));
    let cm = client_months(model, period.as_of)?;
    let in_range = |lo: i32, hi: i32| {
        cm.clone()
            .filter(col("m").gt_eq(lit(lo)).and(col("m").lt_eq(lit(hi))))
            .select([col("client_id")])
            .unique(None, UniqueKeepStrategy::Any)
    };
    let base = in_range(last - 23, last - 12);
    let recent = in_range(last - 11, last).with_column(lit(true).alias("returned"));
    base.left_join(recent, col("client_id"), col("client_id"))
        .select([
            len().cast(DataType::Int64).alias("base_clients"),
            col("returned")
                .fill_null(lit(false))
                .cast(DataType::Int64)
                .sum()
                .alias("returned"),
        ])
        .with_columns([
            lit(period.month.shift(-23).to_string()).alias("base_from"),
            lit(period.month.shift(-12).to_string()).alias("base_to"),
            crate::analytics::management::ratio(col("returned"), col("base_clients"))
                .alias("retention"),
        ])
        .select([
            col("base_from"),
            col("base_to"),
            known(col("base_clients"), unknown),
            known(col("returned"), unknown),
            known(col("retention"), unknown),
        ])
        .collect()
}

/// `figure`, or empty (of its type) when it is `unknown`.
fn known(figure: Expr, unknown: bool) -> Expr {
    match unknown {
        false => figure,
        true => when(lit(false)).then(figure).otherwise(lit(NULL)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    /// K0 first came in 2023-01 (outside the 24 cohorts up to 2026-03) and again in
    /// 2024-06 and 2025-05; K1 in 2026-01 and 2026-03; K2 in 2026-01; K3 in 2026-03 (twice);
    /// K4 in 2025-02.
    pub(crate) fn station() -> Model {
        model(
            &[
                ("A", "2023-01-15", "K0", "X0", "Kia", None),
                ("B", "2024-06-15", "K0", "X0", "Kia", None),
                ("C", "2025-05-15", "K0", "X0", "Kia", None),
                ("D", "2026-01-05", "K1", "X1", "Kia", None),
                ("E", "2026-03-05", "K1", "X1", "Kia", None),
                ("F", "2026-01-20", "K2", "X2", "Kia", None),
                ("G", "2026-03-01", "K3", "X3", "Kia", None),
                ("H", "2026-03-31", "K3", "X3", "Kia", None),
                ("I", "2025-02-10", "K4", "X4", "Kia", None),
                ("J", "2026-04-01", "K2", "X2", "Kia", None),
            ],
            &[],
            &[],
            &[],
        )
    }

    #[test]
    fn cohorts_have_rows_only_for_months_with_new_clients() {
        let t = cohorts(&station(), period(2026, 3)).unwrap();
        // 2025-02: K4 alone, k = 0..12 (2025-02 + 12 = 2026-02 ≤ M), never back.
        // 2026-01: K1, K2 → k0 = 1, k1 (Feb) = 0, k2 (Mar) = K1 = 0.5 (K2's April visit
        // is after as-of). 2026-03: K3 → k0 = 1. No rows for 2026-02 or K0's 2023-01.
        let text = csv(&t);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "cohort,size,k,retained");
        assert_eq!(lines.len(), 1 + 13 + 3 + 1);
        assert_eq!(lines[1], "2025-02,1,0,1");
        assert_eq!(lines[13], "2025-02,1,12,0");
        assert_eq!(
            lines[14..].join("\n"),
            "2026-01,2,0,1\n2026-01,2,1,0\n2026-01,2,2,0.5\n2026-03,1,0,1"
        );
    }

    #[test]
    fn regression_a_client_registered_before_the_data_is_in_no_cohort() {
        // The data begin in 2023-01 (K0). K1 was registered in 2022-12, before them: their
        // first visit in the data (2026-01) is not their first, and 2026-01 is K2's alone,
        // never back by March (K2's April visit is after as-of). K3, registered in the
        // data's time (2023-05), and K2, without a date, keep the first visit's rule.
        // Before, K1 was in 2026-01 as new clients were before session 26.
        use crate::analytics::management::testdata::typed;
        use crate::schema::Table;
        let day = |s: &str| {
            crate::analytics::period::to_days(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap(),
            )
        };
        let clients = df!(
            "client_id" => ["K1", "K2", "K3"],
            "registered_at" => [Some(day("2022-12-01")), None, Some(day("2023-05-01"))],
        )
        .unwrap();
        let model = station().with(Table::Clients, typed(Table::Clients, clients));
        let t = cohorts(&model, period(2026, 3)).unwrap();
        let text = csv(&t);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 13 + 3 + 1);
        assert_eq!(
            lines[14..].join("\n"),
            "2026-01,1,0,1\n2026-01,1,1,0\n2026-01,1,2,0\n2026-03,1,0,1"
        );
    }

    #[test]
    fn twelve_month_retention_counts_the_base_that_came_back() {
        let t = retention_12m(&station(), period(2026, 3)).unwrap();
        // Base 2024-04..2025-03: K0 (2024-06), K4 (2025-02); back in 2025-04..2026-03: K0.
        assert_eq!(
            csv(&t),
            "base_from,base_to,base_clients,returned,retention\n2024-04,2025-03,2,1,0.5\n"
        );
    }

    #[test]
    fn regression_a_base_beginning_before_the_data_is_empty_not_zero() {
        // The data begin in 2023-01 (K0): the base of 2024-06 is 2022-07 … 2023-06, half
        // of it unknown; of 2025-01, 2023-02 … 2024-01, known.
        let t = retention_12m(&station(), period(2024, 6)).unwrap();
        assert_eq!(
            csv(&t),
            "base_from,base_to,base_clients,returned,retention\n2022-07,2023-06,,,\n"
        );
        let t = retention_12m(&station(), period(2025, 1)).unwrap();
        assert_eq!(
            csv(&t),
            "base_from,base_to,base_clients,returned,retention\n2023-02,2024-01,0,0,\n"
        );
    }
}
