//! Order lines repeated by exports that overlap. A station that exports January to June
//! and June to December and pastes the two into one file has June's visits twice: the
//! second of each is rejected as a duplicate visit_id (SPEC §4.1), but the order lines
//! have no key, so June's lines were all kept twice and its revenue doubled without a word.
//! Lines that repeat another line of their visit cell for cell, where the visit itself is
//! in the visits more than once, are that; they are said with the money they add.

use polars::prelude::*;

/// Lines that repeat another line of a visit the visits hold more than once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeated {
    /// The repeats (a line there three times is two).
    pub rows: u64,
    /// Their amounts in kopecks: what they add to the revenue.
    pub money: i64,
    /// A visit with such lines.
    pub example: String,
}

/// The visit ids that `rejects` (of the visits) holds as duplicates, trimmed.
pub fn duplicated_visits(rejects: &DataFrame) -> PolarsResult<Series> {
    // Every such reason is the template up to its row (or sheet) around the column's
    // header, the visits' only key.
    use crate::ingest::reasons::{DUPLICATE, DUPLICATE_IN_FILE, DUPLICATE_ON_SHEET};
    let begins = |template: &str| {
        let pieces: Vec<&str> = template.split("{}").collect();
        let reason = || col("reason").str();
        reason()
            .starts_with(lit(pieces[0]))
            .and(reason().contains_literal(lit(pieces[1])))
    };
    Ok(rejects
        .clone()
        .lazy()
        .filter(
            begins(DUPLICATE)
                .or(begins(DUPLICATE_ON_SHEET))
                .or(begins(DUPLICATE_IN_FILE)),
        )
        .select([col("value").str().strip_chars(lit(NULL)).alias("visit_id")])
        .unique_stable(None, UniqueKeepStrategy::First)
        .collect()?
        .column("visit_id")?
        .as_materialized_series()
        .clone())
}

/// The accepted order `lines` that repeat another line of their visit cell for cell, among
/// the visits in `duplicated`; None when there are none.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::overlap::repeated_lines;
/// let lines = df!(
///     "visit_id" => ["A", "A", "A", "B", "B"],
///     "description" => ["Масло", "Масло", "Фильтр", "Масло", "Масло"],
///     "amount" => [150_000i64, 150_000, 40_000, 150_000, 150_000],
/// ).unwrap();
/// let duplicated = Series::new("visit_id".into(), ["A"]);
/// let r = repeated_lines(&lines, &duplicated).unwrap().unwrap();
/// // B's two equal lines are two items: its visit is in the visits once.
/// assert_eq!((r.rows, r.money, r.example.as_str()), (1, 150_000, "A"));
/// ```
pub fn repeated_lines(lines: &DataFrame, duplicated: &Series) -> PolarsResult<Option<Repeated>> {
    if duplicated.is_empty() {
        return Ok(None);
    }
    let every: Vec<Expr> = lines
        .get_column_names()
        .iter()
        .map(|c| col(c.as_str()))
        .collect();
    let found = lines
        .clone()
        .lazy()
        .filter(col("visit_id").is_in(lit(duplicated.clone()).implode(true), false))
        .group_by_stable(every)
        .agg([len().alias("__n")])
        .filter(col("__n").gt(lit(1)))
        .select([
            (col("__n") - lit(1))
                .sum()
                .cast(DataType::UInt64)
                .alias("rows"),
            ((col("__n") - lit(1)).cast(DataType::Int64) * col("amount"))
                .sum()
                .alias("money"),
            col("visit_id").first().alias("example"),
        ])
        .collect()?;
    let rows = found.column("rows")?.u64()?.get(0).unwrap_or(0);
    if rows == 0 {
        return Ok(None);
    }
    Ok(Some(Repeated {
        rows,
        money: found.column("money")?.i64()?.get(0).unwrap_or(0),
        example: found
            .column("example")?
            .str()?
            .get(0)
            .unwrap_or_default()
            .to_string(),
    }))
}

/// Order lines repeated as a block with the visits clean: an order-lines export pasted
/// twice into one file doubled the revenue and no visit was repeated to tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedExport {
    /// The repeats (a line there three times is two).
    pub rows: u64,
    /// The visits whose every line is repeated.
    pub visits: u64,
    /// Their amounts in kopecks: what they add to the revenue.
    pub money: i64,
    /// The first such visit.
    pub example: String,
}

/// The accepted order `lines` of visits whose every line is there the same number of
/// times, at least twice, cell for cell; None unless two visits or more are so. A visit
/// with one filter written on two lines is one such visit and can be right, so one is not
/// enough; an export pasted twice repeats every visit it holds.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::overlap::repeated_export;
/// let lines = df!(
///     "visit_id" => ["A", "A", "B", "A", "A", "B", "C", "C", "C"],
///     "description" => ["Масло", "Фильтр", "Мойка", "Масло", "Фильтр", "Мойка", "Фильтр", "Фильтр", "Масло"],
///     "amount" => [150_000i64, 40_000, 70_000, 150_000, 40_000, 70_000, 40_000, 40_000, 150_000],
/// ).unwrap();
/// let r = repeated_export(&lines).unwrap().unwrap();
/// // C's two filters are not all of C: its oil is there once.
/// assert_eq!((r.rows, r.visits, r.money, r.example.as_str()), (3, 2, 260_000, "A"));
/// ```
pub fn repeated_export(lines: &DataFrame) -> PolarsResult<Option<RepeatedExport>> {
    if lines.height() < 2 {
        return Ok(None);
    }
    // A visit whose every line is there twice or more has each of its amounts twice or
    // more, so at least twice as many lines as amounts; grouping the visit number alone
    // finds the few visits that have, where grouping every column of every line took
    // the chain's check 12 s and 3.5 GB (session 30). Only those are looked at cell for
    // cell below, which decides.
    let candidates = lines
        .clone()
        .lazy()
        .select([col("visit_id"), col("amount")])
        .filter(col("visit_id").is_not_null())
        .group_by([col("visit_id")])
        .agg([
            len().alias("__lines"),
            col("amount").n_unique().alias("__amounts"),
        ])
        .filter(col("__lines").gt_eq(col("__amounts").cast(DataType::UInt64) * lit(2u64)))
        .select([col("visit_id")])
        .collect()?;
    if candidates.height() < 2 {
        return Ok(None);
    }
    let ids = candidates
        .column("visit_id")?
        .as_materialized_series()
        .clone();
    let lines = lines
        .clone()
        .lazy()
        .filter(col("visit_id").is_in(lit(ids).implode(true), false))
        .collect()?;
    let every: Vec<Expr> = lines
        .get_column_names()
        .iter()
        .map(|c| col(c.as_str()))
        .collect();
    let extra = (col("__n") - lit(1)).cast(DataType::Int64);
    let found = lines
        .clone()
        .lazy()
        .group_by_stable(every)
        .agg([len().alias("__n")])
        .group_by_stable([col("visit_id")])
        .agg([
            col("__n").min().alias("__lo"),
            col("__n").max().alias("__hi"),
            extra.clone().sum().alias("__rows"),
            (extra * col("amount").fill_null(lit(0)))
                .sum()
                .alias("__money"),
        ])
        .filter(
            col("__lo")
                .eq(col("__hi"))
                .and(col("__lo").gt(lit(1)))
                .and(col("visit_id").is_not_null()),
        )
        .select([
            col("__rows").sum().alias("rows"),
            len().cast(DataType::UInt64).alias("visits"),
            col("__money").sum().alias("money"),
            col("visit_id").first().alias("example"),
        ])
        .collect()?;
    let visits = found.column("visits")?.u64()?.get(0).unwrap_or(0);
    if visits < 2 {
        return Ok(None);
    }
    Ok(Some(RepeatedExport {
        rows: found.column("rows")?.i64()?.get(0).unwrap_or(0) as u64,
        visits,
        money: found.column("money")?.i64()?.get(0).unwrap_or(0),
        example: found
            .column("example")?
            .str()?
            .get(0)
            .unwrap_or_default()
            .to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(visits: &[&str], descriptions: &[&str], amounts: &[i64]) -> DataFrame {
        df!(
            "visit_id" => visits,
            "description" => descriptions,
            "amount" => amounts,
        )
        .unwrap()
    }

    #[test]
    fn an_order_lines_export_pasted_twice_is_said_with_the_money_it_adds() {
        // The tester's file: V1 (1500 + 3600), V2 (700), V3 (1500), then all again.
        let l = lines(
            &["V1", "V1", "V2", "V3", "V1", "V1", "V2", "V3"],
            &["Замена масла", "Масло", "Мойка", "Диагностика"].repeat(2),
            &[150_000, 360_000, 70_000, 150_000].repeat(2),
        );
        let r = repeated_export(&l).unwrap().unwrap();
        assert_eq!(
            r,
            RepeatedExport {
                rows: 4,
                visits: 3,
                money: 730_000,
                example: "V1".into()
            }
        );
    }

    #[test]
    fn two_of_the_same_filter_on_two_lines_of_one_visit_are_not_a_repeated_export() {
        let l = lines(
            &["V1", "V1", "V2"],
            &["Фильтр", "Фильтр", "Мойка"],
            &[40_000, 40_000, 70_000],
        );
        assert_eq!(repeated_export(&l).unwrap(), None);
    }

    #[test]
    fn regression_visits_whose_amounts_repeat_but_not_their_lines_are_no_repeated_export() {
        // V1 and V2 each have every amount twice (so they pass the cheap look by amounts),
        // but their lines differ in the description: nothing was pasted twice.
        let l = lines(
            &["V1", "V1", "V1", "V1", "V2", "V2"],
            &[
                "Масло",
                "Фильтр",
                "Масло 5W",
                "Фильтр салона",
                "Мойка",
                "Мойка днища",
            ],
            &[150_000, 40_000, 150_000, 40_000, 70_000, 70_000],
        );
        assert_eq!(repeated_export(&l).unwrap(), None);
    }

    #[test]
    fn lines_each_there_once_are_not_a_repeated_export() {
        let l = lines(&["V1", "V2"], &["Масло", "Мойка"], &[150_000, 70_000]);
        assert_eq!(repeated_export(&l).unwrap(), None);
    }
}
