//! Order lines and feedback of a visit that was itself rejected. Their reason said "of an
//! unknown visit: no accepted visit has this visit_id", and a manager who found the visit
//! in the file was puzzled; the reason now names the visit's own row, where its fault is.

use polars::prelude::*;

use super::read::{FILE, ROW, SHEET};
use super::reasons;

/// The columns of the visits read (before validation, which lets the raw text go) that
/// name each row's visit: its row, file and sheet where present, and `visit_id`. Column
/// handles, not copies.
pub(super) fn keys(raw: &DataFrame) -> Option<DataFrame> {
    let names: Vec<&str> = [ROW, FILE, SHEET, "visit_id"]
        .into_iter()
        .filter(|c| raw.column(c).is_ok())
        .collect();
    raw.select(names)
        .ok()
        .filter(|k| k.column("visit_id").is_ok())
}

/// The rejected visits' ids (trimmed) with their row and place as the rejects name them
/// (`visit_id, row, place`), from the [`keys`] of the visits read and their rejects; None
/// when no visit was rejected.
pub(super) fn of(raw: &DataFrame, rejects: &DataFrame) -> PolarsResult<Option<DataFrame>> {
    if rejects.height() == 0 {
        return Ok(None);
    }
    let has = |c: &str| raw.column(c).is_ok();
    // The rejects name a row by the file (and sheet) it is in where the table was read
    // from several; `row` alone otherwise.
    let mut keys = vec![ROW];
    let mut on_rejects = vec![col("row")];
    for (raw_col, reject_col) in [(FILE, "file"), (SHEET, "sheet")] {
        if has(raw_col) {
            keys.push(raw_col);
            on_rejects.push(col(reject_col));
        }
    }
    let mut columns: Vec<Expr> = keys.iter().map(|k| col(*k)).collect();
    columns.push(
        col("visit_id")
            .cast(DataType::String)
            .str()
            .strip_chars(lit(NULL)),
    );
    let ids = raw.clone().lazy().select(columns);
    let out = rejects
        .clone()
        .lazy()
        .filter(col("table").eq(lit("visits")))
        .join(
            ids,
            on_rejects,
            keys.iter().map(|k| col(*k)).collect::<Vec<_>>(),
            JoinArgs::new(JoinType::Inner),
        )
        .filter(
            col("visit_id")
                .is_not_null()
                .and(col("visit_id").neq(lit(""))),
        )
        .select([
            col("visit_id"),
            col("row"),
            // As `read::place` names a file's sheet, which the Russian reason reads.
            when(col("sheet").eq(lit("")))
                .then(col("file"))
                .otherwise(concat_str(
                    [col("file"), lit(", sheet \""), col("sheet"), lit("\"")],
                    "",
                    false,
                ))
                .alias("place"),
        ])
        .unique_stable(Some(cols(["visit_id"])), UniqueKeepStrategy::First)
        .collect()?;
    Ok(Some(out).filter(|o| o.height() > 0))
}

/// `rejects` (of order lines or feedback, whose rows are `what`) with the reason of each
/// row of a rejected visit naming that visit's row instead of "an unknown visit".
pub(super) fn name(
    rejects: DataFrame,
    rejected: &DataFrame,
    what: &str,
) -> PolarsResult<DataFrame> {
    let unknown = reasons::fill(reasons::UNKNOWN_VISIT, &[what]);
    // The template around its row and place, so that polars writes each row's reason.
    let filled = reasons::fill(reasons::VISIT_REJECTED, &[what, "\u{1}", "\u{2}"]);
    let (head, rest) = filled.split_once('\u{1}').expect("the row's mark");
    let (middle, tail) = rest.split_once('\u{2}').expect("the place's mark");
    let names: Vec<PlSmallStr> = rejects.get_column_names_owned();
    rejects
        .lazy()
        .with_column(col("value").str().strip_chars(lit(NULL)).alias("__visit"))
        .join(
            rejected.clone().lazy().select([
                col("visit_id").alias("__visit"),
                col("row").alias("__visit_row"),
                col("place").alias("__visit_place"),
            ]),
            [col("__visit")],
            [col("__visit")],
            JoinArgs {
                maintain_order: MaintainOrderJoin::Left,
                ..JoinArgs::new(JoinType::Left)
            },
        )
        .with_column(
            when(
                col("reason")
                    .eq(lit(unknown))
                    .and(col("__visit_row").is_not_null()),
            )
            .then(concat_str(
                [
                    lit(head.to_string()),
                    col("__visit_row").cast(DataType::String),
                    lit(middle.to_string()),
                    col("__visit_place"),
                    lit(tail.to_string()),
                ],
                "",
                false,
            ))
            .otherwise(col("reason"))
            .alias("reason"),
        )
        .select(names.into_iter().map(col).collect::<Vec<_>>())
        .collect()
}
