//! The rejects table of one validated table (SPEC §5.1 `rejects.csv`: table, file, sheet,
//! row, column, value, reason) and the money of a set of its rows, for the accounting.

use polars::prelude::*;

use super::{wording, RULE};
use crate::ingest::read::{FILE, ROW, SHEET};
use crate::schema::Table;

/// The reason, column and raw value of the rows each rule rejects, by the rule's index.
pub(super) type ByRule = [(Expr, Expr, Expr)];

/// Where a table's rows come from: its file and sheet, and whether the rows name their
/// own (a table read from several files or sheets).
pub(super) type WhereFrom<'a> = (&'a str, Option<&'a str>, bool, bool);

/// The rejected rows `rejected` (with their `__rule`) as rows of `rejects.csv`: each row's
/// reason, column and value are its rule's in `by_rule`, worded as the cell tells it.
pub(super) fn table_of(
    rejected: LazyFrame,
    by_rule: &ByRule,
    table: Table,
    (file, sheet, several_files, several_sheets): WhereFrom,
) -> PolarsResult<DataFrame> {
    let pick = |f: &dyn Fn(&(Expr, Expr, Expr)) -> Expr| {
        let mut e = lit(NULL).cast(DataType::String);
        for (i, r) in by_rule.iter().enumerate().rev() {
            e = when(col(RULE).eq(lit(i as u32))).then(f(r)).otherwise(e);
        }
        e
    };
    rejected
        .select([
            lit(table.name()).alias("table"),
            match several_files {
                true => col(FILE),
                false => lit(file),
            }
            .alias("file"),
            match several_sheets {
                true => col(SHEET),
                false => lit(sheet.unwrap_or("")),
            }
            .alias("sheet"),
            col(ROW).alias("row"),
            pick(&|r| r.1.clone()).alias("column"),
            pick(&|r| r.2.clone()).fill_null(lit("")).alias("value"),
            pick(&|r| r.0.clone()).alias("reason"),
        ])
        .with_column(wording::told_by_the_cell().alias("reason"))
        .collect()
}

/// The money of `rows` in kopecks: the sum of the table's money column (0 where the rows
/// lack it), None for a table without money.
pub(super) fn money(table: Table, rows: &DataFrame) -> PolarsResult<Option<i64>> {
    match table.money_column() {
        Some(m) if rows.column(m).is_ok() => {
            Ok(Some(rows.column(m)?.as_materialized_series().sum::<i64>()?))
        }
        Some(_) => Ok(Some(0)),
        None => Ok(None),
    }
}
