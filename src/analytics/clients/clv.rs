//! The customer-base model applied to the call lists (SPEC §4 *Customer-base model*): the
//! win-back list is ranked by 12-month CLV, the value a client is still expected to bring
//! (P(alive) is in it), and when the model cannot be fitted the list falls back to a rule
//! (lifetime revenue) and says so, instead of failing the report.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{client_days, first_of_client};
use crate::analytics::clv::{self, ScoreOptions};
use crate::analytics::management::exact_div;
use crate::model::Model;

/// P(alive) and 12-month CLV per client (`client_id, p_alive, clv`), or the sentence
/// saying why the model could not be fitted. The report fits the model once and hands
/// the result to both [`rank_winback`] and [`loyalty_clv`].
pub type Scores = Result<DataFrame, String>;

/// Fit the customer-base model on the done visits up to `as_of` and score every client;
/// see [`Scores`].
pub fn scores(model: &Model, as_of: NaiveDate) -> PolarsResult<Scores> {
    let summary = summary(model, as_of)?;
    let fitted = clv::fit(&summary).and_then(|m| m.score(&summary, &ScoreOptions::default()));
    Ok(match fitted {
        Ok(s) => Ok(s.select(["client_id", "p_alive", "clv"])?),
        Err(e) => Err(e.to_string()),
    })
}

/// The customer-base model's summary of every client (the columns of
/// [`clv::summarize`]) from the client days: a client's visits of one day are one purchase
/// (the model's rule), so the visit days with their revenue are the transactions.
///
/// The days come sorted by client and day, so a client's first purchase is their first
/// row and the groups come out in client order; the repeat days' spend is added in exact
/// kopecks and divided once (the mean of the repeat days, correctly rounded), where a
/// filter inside every group and a sort of the clients cost most of this step.
pub fn summary(model: &Model, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    let end_day = crate::analytics::period::to_days(as_of);
    let repeats = col("days") - lit(1i64);
    client_days(model, as_of)?
        .with_column(
            when(first_of_client())
                .then(lit(0i64))
                .otherwise(col("revenue"))
                .alias("repeat_revenue"),
        )
        .group_by_stable([col("client_id")])
        .agg([
            col("day").first().alias("first"),
            col("day").last().alias("last"),
            len().cast(DataType::Int64).alias("days"),
            col("repeat_revenue").sum(),
        ])
        .select([
            col("client_id"),
            repeats.clone().alias("frequency"),
            ((col("last") - col("first")).cast(DataType::Float64) / lit(7.0)).alias("recency"),
            ((lit(end_day) - col("first")).cast(DataType::Float64) / lit(7.0)).alias("T"),
            when(repeats.clone().gt(lit(0i64)))
                .then(exact_div(col("repeat_revenue"), repeats * lit(100i64)))
                .otherwise(lit(0.0))
                .alias("monetary"),
        ])
        .collect()
}

/// Add `p_alive`, `clv` and `priority` (1 = call first) to the win-back table and return
/// the one-row `winback_ranking.csv` (`method, note`: `clv`, or `revenue` with the
/// reason the model could not be fitted). With a fitted model the order is by CLV,
/// largest first; without one, by lifetime revenue, largest first (`p_alive` and `clv`
/// empty). Ties by client id; the
/// table stays sorted by client id.
pub fn rank_winback(table: &DataFrame, scores: &Scores) -> PolarsResult<(DataFrame, DataFrame)> {
    let (with_scores, order, method, note) = match scores {
        Ok(s) => (
            table
                .clone()
                .lazy()
                .left_join(s.clone().lazy(), col("client_id"), col("client_id")),
            // CLV alone, not "P(alive) ≥ 0.5 first": BG/NBD gives every client of one
            // visit P(alive) = 1, so all of them, silent for up to three years, came before
            // a lapsed regular worth twenty times as much. CLV already weighs aliveness.
            vec![col("clv").fill_null(lit(0.0)), col("client_id")],
            "clv",
            None,
        ),
        Err(why) => (
            table.clone().lazy().with_columns([
                lit(NULL).cast(DataType::Float64).alias("p_alive"),
                lit(NULL).cast(DataType::Float64).alias("clv"),
            ]),
            vec![col("revenue"), col("client_id")],
            "revenue",
            Some(why.clone()),
        ),
    };
    let n = order.len();
    let mut descending = vec![true; n];
    descending[n - 1] = false;
    let ranked = with_scores
        .sort_by_exprs(
            order,
            SortMultipleOptions::default().with_order_descending_multi(descending),
        )
        .with_row_index("priority", Some(1))
        .with_column(col("priority").cast(DataType::Int64))
        .sort(["client_id"], SortMultipleOptions::default())
        .collect()?;
    let mut columns: Vec<String> = table
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    columns.extend(["p_alive", "clv", "priority"].map(String::from));
    let ranked = ranked.select(columns)?;
    let summary = df!("method" => [method], "note" => [note])?;
    Ok((ranked, summary))
}

/// `loyalty_clv.csv`: `client_id, p_alive, clv` for every client of the loyalty table
/// (the spec's P(alive) column of the loyalty list, kept out of the exact `loyalty.csv`
/// contract); both empty when the model cannot be fitted.
pub fn loyalty_clv(loyalty: &DataFrame, scores: &Scores) -> PolarsResult<DataFrame> {
    let ids = loyalty.clone().lazy().select([col("client_id")]);
    let scored = match scores {
        Ok(s) => ids.left_join(s.clone().lazy(), col("client_id"), col("client_id")),
        Err(_) => ids.with_columns([
            lit(NULL).cast(DataType::Float64).alias("p_alive"),
            lit(NULL).cast(DataType::Float64).alias("clv"),
        ]),
    };
    scored
        .select([col("client_id"), col("p_alive"), col("clv")])
        .sort(["client_id"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    #[test]
    fn the_summary_counts_visit_days_and_averages_the_repeat_days_in_kopecks() {
        // K: 2026-01-01 (100.50, the first day, not a repeat), 2026-01-15 (two visits:
        // 20.00 + 10.01), 2026-01-29 (0: no lines). L: one day only. As of 2026-03-31.
        let m = model(
            &[
                ("A", "2026-01-01", "K", "X", "Kia", None),
                ("B", "2026-01-15", "K", "X", "Kia", None),
                ("C", "2026-01-15", "K", "X", "Kia", None),
                ("D", "2026-01-29", "K", "X", "Kia", None),
                ("E", "2026-02-01", "L", "Y", "Kia", None),
            ],
            &[
                ("A", None, "w", 10_050, false),
                ("B", None, "w", 2_000, false),
                ("C", None, "w", 1_001, false),
                ("E", None, "w", 5_000, false),
            ],
            &[],
            &[],
        );
        let s = summary(&m, period(2026, 3).as_of).unwrap();
        // K: 3 days → frequency 2; recency 28 days = 4 weeks; T = 89 days / 7; monetary
        // (3001 + 0) / 2 = 1500.5 kopecks = 15.005. L: frequency 0, T = 58 / 7 (as polars
        // divides by 7, through its reciprocal: the last digit is 5, not 6, as in
        // `clv::summarize`, which the CDNOW figures are checked with).
        assert_eq!(
            csv(&s),
            "client_id,frequency,recency,T,monetary\n\
             K,2,4,12.714285714285714,15.005\n\
             L,0,0,8.285714285714285,0\n"
        );
    }

    #[test]
    fn regression_a_lapsed_regular_worth_more_is_called_before_a_one_visit_client() {
        // N came once (P(alive) = 1 under BG/NBD, CLV 1 192); G is a lapsed regular
        // (P(alive) 0.3, CLV 28 589). "P(alive) ≥ 0.5 first" put N first.
        let t = df!("client_id" => ["G", "N"], "revenue" => [162_252.0, 1_500.0]).unwrap();
        let scores: Scores = Ok(df!(
            "client_id" => ["G", "N"],
            "p_alive" => [0.3, 1.0],
            "clv" => [28_589.0, 1_192.0],
        )
        .unwrap());
        let (ranked, how) = rank_winback(&t, &scores).unwrap();
        assert_eq!(
            csv(&ranked),
            "client_id,revenue,p_alive,clv,priority\nG,162252,0.3,28589,1\nN,1500,1,1192,2\n"
        );
        assert!(csv(&how).starts_with("method,note\nclv,"));
    }

    #[test]
    fn without_a_fit_the_win_back_list_is_ranked_by_revenue() {
        // Two clients cannot pin down BG/NBD (it needs at least 4): the rule applies.
        let m = model(
            &[
                ("A", "2024-01-10", "R1", "X1", "Kia", None),
                ("B", "2024-02-10", "R2", "X2", "Kia", None),
            ],
            &[
                ("A", None, "w", 10_000, false),
                ("B", None, "w", 90_000, false),
            ],
            &[],
            &[],
        );
        let p = period(2026, 3);
        let config = crate::config::Config::default();
        let t = super::super::winback::winback(&m, &config, p.as_of).unwrap();
        let (ranked, how) = rank_winback(&t, &scores(&m, p.as_of).unwrap()).unwrap();
        // R2 spent 900, R1 100 → R2 first.
        let text = csv(&ranked);
        assert!(text.starts_with("client_id,name,visits,last_visit,median_gap_days,threshold_days,days_since,revenue,p_alive,clv,priority\n"));
        assert!(
            text.contains("R1,,1,2024-01-10,,365,811,100,,,2\n"),
            "{text}"
        );
        assert!(
            text.contains("R2,,1,2024-02-10,,365,780,900,,,1\n"),
            "{text}"
        );
        let how = csv(&how);
        assert!(how.starts_with("method,note\nrevenue,"), "{how}");
        assert!(how.contains("customer"), "{how}");
        let l = loyalty_clv(&t, &scores(&m, p.as_of).unwrap()).unwrap();
        assert_eq!(csv(&l), "client_id,p_alive,clv\nR1,,\nR2,,\n");
    }
}
