//! Reasons that a rejected cell's own text tells better than the rule that caught its
//! row: a header written again, a formula's error value, a date of a day that does not
//! exist, a slash date written in the other order than its column's.

use polars::prelude::*;

use super::is_spreadsheet_error;
use crate::ingest::reasons;

/// The `reason` of a rejects frame (`column, value, reason`), told again by the cell where
/// its text says more than the rule.
pub(super) fn told_by_the_cell() -> Expr {
    // A cell that is its column's header text is the header written again (a paged
    // export repeats it): the reason says so, whatever rule caught the row.
    when(
        col("column").neq(lit("")).and(
            col("value")
                .str()
                .to_lowercase()
                .eq(col("column").str().to_lowercase()),
        ),
    )
    .then(lit(reasons::REPEATED_HEADER))
    // A typed column's cell that a formula left as an error is not a typo (a row's
    // fields past its header, of no column, are not a cell).
    .when(
        col("column")
            .neq(lit(""))
            .and(is_spreadsheet_error(col("value")).fill_null(lit(false))),
    )
    .then(lit(reasons::SPREADSHEET_ERROR))
    // `31.02.2026` is a date's form with no such day: "expected dd.mm.yyyy" puzzled the
    // user who had written just that.
    .when(
        col("reason")
            .is_in(
                lit(Series::new("d".into(), [reasons::DATE, reasons::DATE_TIME])).implode(true),
                false,
            )
            .and(crate::ingest::cells::no_such_day(col("value")).fill_null(lit(false))),
    )
    .then(lit(reasons::NO_SUCH_DAY))
    // `09/17/2026` in a column read day first, as its `16/09/2026` shows: no such month
    // is not what is wrong, the order is.
    .when(
        col("reason")
            .is_in(
                lit(Series::new("d".into(), [reasons::DATE, reasons::DATE_TIME])).implode(true),
                false,
            )
            .and(crate::ingest::cells::against_day_first(col("value")).fill_null(lit(false))),
    )
    .then(lit(reasons::AGAINST_ORDER))
    .otherwise(col("reason"))
}
