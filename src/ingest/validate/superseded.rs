//! Overlapping exports of visits: a folder of monthly files where an order still in
//! progress when one month was exported is given again, finished, by the next month's.
//! SPEC §4.1 keeps the first row of a duplicate key, which there is the stale one: the
//! order stayed "in progress" for ever and its money never counted (54 710 ₽ of the
//! tester's September). Across files of a folder, a later row that gives the visit no
//! longer in progress is read in place of a first row that gives it in progress.

use polars::prelude::*;

use super::RULE;

const INDEX: &str = "__superseded_index";

/// Moves the acceptance of each visit id whose first row (among the rows fine before the
/// duplicate check: rule null or `dup_rule`) is `open` and a later one is not, to the
/// first such later row: that row's rule is cleared, the first row's becomes
/// `superseded_rule`. Returns how many visits moved. Only the ids with a duplicate are
/// looked at, so a table without one costs a filter.
pub(super) fn prefer_later_states(
    visits: &mut DataFrame,
    dup_rule: u32,
    superseded_rule: u32,
) -> PolarsResult<usize> {
    if visits.column("status").is_err() {
        return Ok(0);
    }
    let dups = visits
        .clone()
        .lazy()
        .filter(col(RULE).eq(lit(dup_rule)))
        .select([col("visit_id")])
        .unique(None, UniqueKeepStrategy::Any);
    if dups.clone().collect()?.height() == 0 {
        return Ok(0);
    }
    let open = col("status").eq(lit("open")).fill_null(lit(false));
    let moves = visits
        .clone()
        .lazy()
        .with_row_index(INDEX, None)
        .filter(col(RULE).is_null().or(col(RULE).eq(lit(dup_rule))))
        .semi_join(dups, col("visit_id"), col("visit_id"))
        .group_by_stable([col("visit_id")])
        .agg([
            col(INDEX).first().alias("first"),
            open.clone().first().alias("first_open"),
            col(INDEX).filter(open.not()).first().alias("later"),
        ])
        .filter(col("first_open").and(col("later").is_not_null()))
        .collect()?;
    if moves.height() == 0 {
        return Ok(0);
    }
    let list = |name: &str| -> PolarsResult<Expr> {
        Ok(lit(moves.column(name)?.as_materialized_series().clone()).implode(true))
    };
    let (first, later) = (list("first")?, list("later")?);
    *visits = visits
        .clone()
        .lazy()
        .with_row_index(INDEX, None)
        .with_column(
            when(col(INDEX).is_in(first, false))
                .then(lit(superseded_rule))
                .when(col(INDEX).is_in(later, false))
                .then(lit(NULL).cast(DataType::UInt32))
                .otherwise(col(RULE))
                .alias(RULE),
        )
        .drop(cols([INDEX]))
        .collect()?;
    Ok(moves.height())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_finished_row_is_read_in_place_of_a_first_row_in_progress() {
        // V1: open in September's file, done in October's → October's row is read.
        // V2: done, then open (an older export named later) → the first stays.
        // V3: no duplicate. V4: open twice → the first stays.
        let dup = 5u32;
        let mut visits = df!(
            "visit_id" => ["V1", "V2", "V3", "V4", "V1", "V2", "V4"],
            "status" => ["open", "done", "done", "open", "done", "open", "open"],
            RULE => [None, None, None, None, Some(dup), Some(dup), Some(dup)],
        )
        .unwrap();
        let moved = prefer_later_states(&mut visits, dup, 9).unwrap();
        assert_eq!(moved, 1);
        let rule: Vec<Option<u32>> = visits.column(RULE).unwrap().u32().unwrap().iter().collect();
        assert_eq!(
            rule,
            [Some(9), None, None, None, None, Some(dup), Some(dup)]
        );
    }
}
