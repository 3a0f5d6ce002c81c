//! The rejects table of one validated table (SPEC §5.1 `rejects.csv`: table, file, sheet,
//! row, column, value, reason) and the money of a set of its rows, for the accounting.

use polars::prelude::*;

use super::{
    chain, duplicates, raw_name, wording, Rule, SharedNumbers, FIRST_PLACE, FIRST_ROW, RULE,
};
use crate::ingest::read::{FILE, ROW, SHEET};
use crate::ingest::reasons;
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

/// The rejects table of the rows `rejected_rows` of `df` (see [`table_of`]): the reason,
/// column and raw value of the table's own `rules` by their index, then of the rules
/// `validate` numbers after them (a repeated key at `dup_rule`, a visit not found, a state
/// superseded at `superseded_rule`, a visit number of several stations).
pub(super) fn by_rules(
    (rules, dup_rule, superseded_rule): (&[Rule], u32, u32),
    (df, rejected_rows): (&DataFrame, &DataFrame),
    table: Table,
    user: &dyn Fn(&str) -> String,
    has_visit_id: bool,
    shared_numbers: Option<&SharedNumbers>,
    where_from: WhereFrom,
) -> PolarsResult<DataFrame> {
    let (_, _, several_files, several_sheets) = where_from;
    let unknown_what = if table == Table::OrderLines {
        "order line"
    } else {
        // Not the table's name, which a Russian reason would give as «Отзывы» mid-sentence.
        "feedback row"
    };
    let mut by_rule: Vec<(Expr, Expr, Expr)> = rules
        .iter()
        .map(|r| (r.reason.clone(), lit(r.column.clone()), r.value.clone()))
        .collect();
    let mut extra = rejected_rows.clone().lazy();
    if let Some(key) = table.key() {
        let firsts = duplicates::firsts(
            df,
            rejected_rows,
            key,
            (dup_rule, superseded_rule),
            several_files,
            several_sheets,
        );
        extra = extra.join(
            firsts,
            [col(key)],
            [col(key)],
            JoinArgs {
                maintain_order: MaintainOrderJoin::Left,
                nulls_equal: true,
                ..JoinArgs::new(JoinType::Left)
            },
        );
        let named = format!("«{}»", user(key));
        let reason = duplicates::reason(
            &named,
            several_files,
            several_sheets,
            FIRST_ROW,
            FIRST_PLACE,
        );
        by_rule.push((
            reason,
            lit(user(key)),
            col(raw_name(key)).cast(DataType::String),
        ));
    } else {
        by_rule.push((lit(NULL).cast(DataType::String), lit(""), lit("")));
    }
    if has_visit_id {
        by_rule.push((
            lit(reasons::fill(reasons::UNKNOWN_VISIT, &[unknown_what])),
            lit(user("visit_id")),
            col(raw_name("visit_id")).cast(DataType::String),
        ));
    }
    if table == Table::Visits {
        by_rule.push((
            duplicates::superseded(FIRST_ROW, FIRST_PLACE),
            lit(user("visit_id")),
            col(raw_name("visit_id")).cast(DataType::String),
        ));
    }
    if let (Some(shared), true) = (shared_numbers, has_visit_id) {
        if table != Table::Visits {
            // No superseded rows here: the rule's place is kept for the next one.
            by_rule.push((lit(NULL).cast(DataType::String), lit(""), lit("")));
            by_rule.push((
                chain::ambiguous_reason(
                    unknown_what,
                    col(raw_name("visit_id")).cast(DataType::String),
                ),
                lit(user("visit_id")),
                col(raw_name("visit_id")).cast(DataType::String),
            ));
            // Rows of a shared number keep it as written: its stations are joined by it.
            extra = extra.join(
                chain::stations_of(shared),
                [col("visit_id")],
                [col("visit_id")],
                JoinArgs {
                    maintain_order: MaintainOrderJoin::Left,
                    ..JoinArgs::new(JoinType::Left)
                },
            );
        }
    }
    table_of(extra, &by_rule, table, where_from)
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
