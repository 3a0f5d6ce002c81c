//! The reason of a duplicate row: the row it repeats, and in a table read from several
//! sheets or files, where that row is.

use polars::prelude::*;

use super::{FIRST_PLACE, FIRST_ROW, RULE};
use crate::ingest::read::{FILE, ROW, SHEET};
use crate::ingest::reasons;

/// The reason of a row whose key repeats an earlier row's, the key's column named
/// `column` (its header, quoted), from the columns holding that row's number (`first_row`)
/// and place (`first_place`, see [`first_place`]).
pub(super) fn reason(
    column: &str,
    several_files: bool,
    several_sheets: bool,
    first_row: &str,
    first_place: &str,
) -> Expr {
    let elsewhere = match (several_files, several_sheets) {
        (true, _) => reasons::DUPLICATE_IN_FILE,
        (false, true) => reasons::DUPLICATE_ON_SHEET,
        _ => {
            // The row is the template's last argument, from a column.
            return concat_str(
                [
                    lit(reasons::fill(reasons::DUPLICATE, &[column])),
                    col(first_row).cast(DataType::String),
                ],
                "",
                true,
            );
        }
    };
    let pieces: Vec<&str> = elsewhere.split("{}").collect();
    concat_str(
        [
            lit(format!("{}{column}{}", pieces[0], pieces[1])),
            col(first_place),
            lit(pieces[2]),
            col(first_row).cast(DataType::String),
            lit(pieces[3]),
        ],
        "",
        true,
    )
}

/// The reason of a visit's row in progress read over by a later file's row of the same
/// visit ([`super::superseded`]), from the columns holding that row's number and place.
pub(super) fn superseded(first_row: &str, first_place: &str) -> Expr {
    let pieces: Vec<&str> = reasons::SUPERSEDED.split("{}").collect();
    concat_str(
        [
            lit(pieces[0]),
            col(first_place),
            lit(pieces[1]),
            col(first_row).cast(DataType::String),
            lit(pieces[2]),
        ],
        "",
        true,
    )
}

/// Where the row a duplicate repeats is, for its reason: the sheet of a workbook read from
/// several sheets, or the file of a folder (with `#sheet` when it is a workbook's), by its
/// name alone since the folder is the table's.
pub(super) fn first_place(several_files: bool, several_sheets: bool) -> Expr {
    if !several_files {
        return match several_sheets {
            true => col(SHEET).first(),
            false => lit(""),
        };
    }
    let name = col(FILE).first().str().split(lit("/")).list().last();
    let name = name.str().split(lit("\\")).list().last();
    let sheet = col(SHEET).first();
    when(sheet.clone().eq(lit("")))
        .then(name.clone())
        .otherwise(concat_str([name, lit("#"), sheet], "", true))
}

/// The row each duplicate or superseded row of `rejected` repeats: per `key`, the first
/// row of `df` with that key among those that were fine before the duplicate check
/// (`rules` = the duplicate's and the superseded row's rule numbers), as `__first_row`
/// and `__first_place` (see [`first_place`]).
pub(super) fn firsts(
    df: &DataFrame,
    rejected: &DataFrame,
    key: &str,
    rules: (u32, u32),
    several_files: bool,
    several_sheets: bool,
) -> LazyFrame {
    let (dup_rule, superseded_rule) = rules;
    // The row the duplicate repeats: the first row with that key among those that
    // were fine before the duplicate check.
    let dups = rejected
        .clone()
        .lazy()
        .filter(
            col(RULE)
                .eq(lit(dup_rule))
                .or(col(RULE).eq(lit(superseded_rule))),
        )
        .select([col(key)])
        .unique(None, UniqueKeepStrategy::Any);
    // A row read over by a later one is no longer the row the others repeat.
    df.clone()
        .lazy()
        .filter(
            col(RULE).is_null().or(col(RULE)
                .gt_eq(lit(dup_rule))
                .and(col(RULE).neq(lit(superseded_rule)))),
        )
        .join(
            dups,
            [col(key)],
            [col(key)],
            JoinArgs {
                nulls_equal: true,
                ..JoinArgs::new(JoinType::Semi)
            },
        )
        .group_by_stable([col(key)])
        .agg([
            col(ROW).first().alias(FIRST_ROW),
            first_place(several_files, several_sheets).alias(FIRST_PLACE),
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repeated_row_is_placed_by_its_files_name_and_sheet() {
        let rows = df!(
            "k" => ["A", "A", "B"],
            FILE => ["data/visits/2026-05.xlsx", "data/visits/2026-06.csv", r"C:\\exports\\visits\\b.csv"],
            SHEET => ["Заказ-наряды", "", ""],
            "__row" => [2u32, 7, 4],
        )
        .unwrap();
        let got = rows
            .lazy()
            .group_by_stable([col("k")])
            .agg([
                col("__row").first().alias("r"),
                first_place(true, true).alias("p"),
            ])
            .with_column(reason("k", true, true, "r", "p").alias("why"))
            .collect()
            .unwrap();
        let why: Vec<String> = got
            .column("why")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.unwrap_or_default().to_string())
            .collect();
        assert_eq!(
            why,
            [
                reasons::fill(
                    reasons::DUPLICATE_IN_FILE,
                    &["k", "2026-05.xlsx#Заказ-наряды", "2"]
                ),
                reasons::fill(reasons::DUPLICATE_IN_FILE, &["k", "b.csv", "4"]),
            ]
        );
    }
}
