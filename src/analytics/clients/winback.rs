//! Win-back (SPEC §4 *Win-back*): clients overdue by their own rhythm — no visit for more
//! than max(the minimum gap, twice their median gap between visits), or 365 days for a
//! client seen once. Unlike the `lapsed` activity bucket this adapts to each client: a
//! monthly washer is missed sooner than a once-a-year service client.

use chrono::NaiveDate;
use polars::prelude::*;

use super::{client_vehicle, days, days_text, mail_list, visit_revenue, visits_upto, MailList};
use crate::analytics::management::units;
use crate::analytics::period::to_days;
use crate::cli::Lang;
use crate::config::Config;
use crate::model::Model;

/// The gap used for a client with a single visit day (SPEC §4).
pub const ONE_VISIT_GAP_DAYS: i64 = 365;

/// `winback.csv`: `client_id, name, visits, last_visit, median_gap_days, threshold_days,
/// days_since, revenue`, sorted by client. Visits of one day count once for the rhythm;
/// `visits` is the number of visit days, `revenue` the lifetime revenue in currency units.
pub fn winback(model: &Model, config: &Config, as_of: NaiveDate) -> PolarsResult<DataFrame> {
    let min_gap = config.reminders.winback_min_gap_days as f64;
    let visits = visits_upto(model, as_of);
    let revenue = visits
        .clone()
        .select([col("visit_id"), col("client_id")])
        .left_join(visit_revenue(model), col("visit_id"), col("visit_id"))
        .group_by([col("client_id")])
        .agg([col("revenue").fill_null(lit(0i64)).sum()]);
    let d = days(col("date"));
    let per_client = visits
        .select([col("client_id"), d.alias("d")])
        .unique(None, UniqueKeepStrategy::Any)
        .group_by([col("client_id")])
        .agg([
            len().cast(DataType::Int64).alias("visits"),
            col("d").max().alias("last"),
            col("d")
                .sort(SortOptions::default())
                .diff(lit(1), Default::default())
                .median()
                .alias("median_gap_days"),
        ]);
    let threshold = when(col("visits").eq(lit(1i64)))
        .then(lit(ONE_VISIT_GAP_DAYS as f64))
        .otherwise(
            when((col("median_gap_days") * lit(2.0)).gt(lit(min_gap)))
                .then(col("median_gap_days") * lit(2.0))
                .otherwise(lit(min_gap)),
        );
    let clients = model
        .clients
        .clone()
        .select([col("client_id"), col("name")]);
    per_client
        .with_columns([
            threshold.alias("threshold_days"),
            (lit(to_days(as_of)) - col("last")).cast(DataType::Int64).alias("days_since"),
        ])
        .filter(col("days_since").cast(DataType::Float64).gt(col("threshold_days")))
        .left_join(clients, col("client_id"), col("client_id"))
        .left_join(revenue, col("client_id"), col("client_id"))
        .select([
            col("client_id"),
            col("name").fill_null(lit("")),
            col("visits"),
            col("last").cast(DataType::Date).alias("last_visit"),
            col("median_gap_days").cast(DataType::Float64),
            col("threshold_days"),
            col("days_since"),
            units(col("revenue").fill_null(lit(0i64))).alias("revenue"),
        ])
        .sort(["client_id"], SortMultipleOptions::default())
        .collect()
}

/// The win-back call list: «Не был(а) у нас 400 дней (обычно раз в 90 дней)» /
/// "No visit for 400 days (usually every 90 days)".
pub fn list(model: &Model, config: &Config, as_of: NaiveDate, table: &DataFrame) -> PolarsResult<MailList> {
    let lang = config.language;
    let since = days_text(lang, col("days_since"));
    let rhythm = days_text(lang, col("median_gap_days").round(0, Default::default()));
    let reason = match lang {
        Lang::Ru => concat_str(
            [
                lit("Не был(а) у нас "),
                since,
                when(col("visits").eq(lit(1i64)))
                    .then(lit(" (был(а) один раз)"))
                    .otherwise(concat_str([lit(" (обычно раз в "), rhythm, lit(")")], "", false)),
            ],
            "",
            false,
        ),
        Lang::En => concat_str(
            [
                lit("No visit for "),
                since,
                when(col("visits").eq(lit(1i64)))
                    .then(lit(" (one visit only)"))
                    .otherwise(concat_str([lit(" (usually every "), rhythm, lit(")")], "", false)),
            ],
            "",
            false,
        ),
    };
    let vehicles = client_vehicle(visits_upto(model, as_of)).select([col("client_id"), col("vehicle")]);
    let candidates = table
        .clone()
        .lazy()
        .left_join(vehicles, col("client_id"), col("client_id"))
        .select([col("client_id"), col("vehicle"), reason.alias("reason")]);
    mail_list(model, as_of, "winback", candidates)
}
