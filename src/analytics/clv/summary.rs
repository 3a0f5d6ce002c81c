//! The per-customer summary (frequency, recency, T, monetary) of a transaction log: the only
//! input both models need, built by the rules of the CDNOW data set so that the published
//! estimates can be reproduced exactly.

use chrono::NaiveDate;
use polars::prelude::*;

/// Days from 1970-01-01 to `date`: polars stores a Date as exactly this Int32.
pub(crate) fn epoch_days(date: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a valid date");
    // Every NaiveDate is within ±262 143 years of the epoch, so the day count fits an i32.
    (date - epoch).num_days() as i32
}

/// Summarise a transaction log per customer, in weeks, as of the calibration end `end`.
///
/// `tx` needs the columns `client_id` (any type, cast to String), `date` (Date or Datetime)
/// and `amount` (numeric, cast to Float64). Rules (those of the CDNOW data set):
/// rows dated after `end` are left out; all purchases of one day are one purchase with their
/// amounts added; `frequency` = distinct purchase days − 1 (the repeat purchases);
/// `recency` = (last day − first day) / 7; `T` = (`end` − first day) / 7; `monetary` = mean
/// of the daily totals of the repeat days (the first day excluded), 0 when `frequency` = 0.
///
/// Returns `client_id` (String), `frequency` (Int64), `recency`, `T`, `monetary` (Float64),
/// one row per customer with a purchase on or before `end`, sorted by `client_id`.
///
/// ```
/// use chrono::NaiveDate;
/// use polars::prelude::*;
/// let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
/// let tx = df!(
///     "client_id" => ["a", "a", "a", "a"],
///     "date" => [d("2024-01-01"), d("2024-01-08"), d("2024-01-08"), d("2024-01-15")],
///     "amount" => [10.0, 5.0, 7.0, 30.0],
/// )
/// .unwrap();
/// let end = d("2024-01-29");
/// let s = stoa::analytics::clv::summarize(tx.lazy(), end).unwrap();
/// // Two repeat days (12 and 30, mean 21), last repeat 2 weeks after the first purchase.
/// assert_eq!(s.column("frequency").unwrap().i64().unwrap().get(0), Some(2));
/// assert_eq!(s.column("recency").unwrap().f64().unwrap().get(0), Some(2.0));
/// assert_eq!(s.column("T").unwrap().f64().unwrap().get(0), Some(4.0));
/// assert_eq!(s.column("monetary").unwrap().f64().unwrap().get(0), Some(21.0));
/// ```
pub fn summarize(tx: LazyFrame, end: NaiveDate) -> PolarsResult<DataFrame> {
    let end_day = epoch_days(end);
    let daily = tx
        .select([
            col("client_id").cast(DataType::String),
            // Date → Int32 is the day number, so differences are whole days.
            col("date")
                .cast(DataType::Date)
                .cast(DataType::Int32)
                .alias("day"),
            col("amount").cast(DataType::Float64),
        ])
        .filter(col("day").lt_eq(lit(end_day)))
        .group_by([col("client_id"), col("day")])
        .agg([col("amount").sum()])
        // The days in order, grouped in order below: a customer's mean repeat spend then
        // adds the same days in the same order every run. In a group-by's hash order the
        // sum's last bit changed from run to run, and with it the Gamma-Gamma fit and every
        // CLV of `stoa clv` (the report's summary adds exact kopecks instead).
        .sort(["client_id", "day"], SortMultipleOptions::default());
    summarize_days(daily, end)
}

/// [`summarize`] of purchase days that are already one row per customer and day:
/// `client_id` (String), `day` (days since 1970-01-01, Int32) and the day's `amount`
/// (Float64), none after `end`. The report's client days come this way, so grouping them
/// by customer and day again is skipped.
pub(crate) fn summarize_days(daily: LazyFrame, end: NaiveDate) -> PolarsResult<DataFrame> {
    let end_day = epoch_days(end);
    daily
        .group_by_stable([col("client_id")])
        .agg([
            col("day").min().alias("first"),
            col("day").max().alias("last"),
            len().cast(DataType::Int64).alias("days"),
            col("amount")
                .filter(col("day").gt(col("day").min()))
                .mean()
                .alias("repeat_mean"),
        ])
        .select([
            col("client_id"),
            (col("days") - lit(1i64)).alias("frequency"),
            ((col("last") - col("first")).cast(DataType::Float64) / lit(7.0)).alias("recency"),
            ((lit(end_day) - col("first")).cast(DataType::Float64) / lit(7.0)).alias("T"),
            col("repeat_mean").fill_null(lit(0.0)).alias("monetary"),
        ])
        .sort(["client_id"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn merges_days_drops_late_rows_and_excludes_the_first_day_from_spend() {
        let tx = df!(
            "client_id" => ["b", "a", "a", "a", "b", "c", "b"],
            "date" => [
                d("2024-01-10"), d("2024-01-01"), d("2024-01-01"), d("2024-01-22"),
                d("2024-01-17"), d("2024-02-01"), d("2024-02-15"),
            ],
            "amount" => [4.0, 10.0, 2.0, 9.0, 6.0, 1.0, 100.0],
        )
        .unwrap();
        let s = summarize(tx.lazy(), d("2024-01-29")).unwrap();
        // c buys only after the end: gone. a: days 01-01 (12) and 01-22 (9) → frequency 1,
        // recency 21/7 = 3, T = 28/7 = 4, monetary 9. b: 01-10 (4), 01-17 (6), 02-15 after
        // the end → frequency 1, recency 1, T = 19/7, monetary 6.
        let ids: Vec<_> = s
            .column("client_id")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        assert_eq!(ids, ["a", "b"]);
        let f = |c: &str| -> Vec<f64> {
            s.column(c)
                .unwrap()
                .cast(&DataType::Float64)
                .unwrap()
                .f64()
                .unwrap()
                .into_no_null_iter()
                .collect()
        };
        assert_eq!(f("frequency"), [1.0, 1.0]);
        assert_eq!(f("recency"), [3.0, 1.0]);
        // (polars may divide by 7 as a multiplication by 1/7: equal to the last bit or so)
        let t = f("T");
        assert!(t[0] == 4.0 && (t[1] - 19.0 / 7.0).abs() < 1e-12, "{t:?}");
        assert_eq!(f("monetary"), [9.0, 6.0]);
    }

    #[test]
    fn a_one_day_customer_has_zero_frequency_recency_and_monetary() {
        // Two purchases on one day are one purchase: nothing repeats.
        let tx = df!(
            "client_id" => ["x", "x"],
            "date" => [d("2024-03-01"), d("2024-03-01")],
            "amount" => [5.0, 6.0],
        )
        .unwrap();
        let s = summarize(tx.lazy(), d("2024-03-08")).unwrap();
        assert_eq!(
            s.column("frequency").unwrap().i64().unwrap().get(0),
            Some(0)
        );
        assert_eq!(
            s.column("recency").unwrap().f64().unwrap().get(0),
            Some(0.0)
        );
        assert_eq!(s.column("T").unwrap().f64().unwrap().get(0), Some(1.0));
        assert_eq!(
            s.column("monetary").unwrap().f64().unwrap().get(0),
            Some(0.0)
        );
    }
}
