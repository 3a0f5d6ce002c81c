//! Activity buckets over time (SPEC §4 *Activity buckets*): at the end of each of the last
//! 24 months, how many clients were active, at risk, lapsed or lost by the time since
//! their last visit — the trend behind the win-back list.

use polars::prelude::*;

use super::{client_months, month_label, month_number};
use crate::analytics::period::Period;
use crate::model::Model;

/// Months shown.
pub const MONTHS: i32 = 24;

/// `activity.csv`: `month, active, at_risk, lapsed, lost`, one row per month M−23..M.
/// A client counts from their first visit on; months since the last visit on or before
/// the month are calendar months: 0–5 active, 6–11 at risk, 12–17 lapsed, 18 + lost. A
/// month before the data's first is empty, unknown, as in `kpi.csv` (it showed 0 active
/// clients for 16 months, then a jump).
pub fn activity(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let last = month_number(period.month);
    let first = last - MONTHS + 1;
    let ends = df!("e" => (first..=last).collect::<Vec<i32>>())?.lazy();
    // Each distinct visit month m of a client is the client's latest visit month for the
    // month ends from m up to the month before their next visit month. Clients with the
    // same m and next month count alike, so they are counted first (a few thousand
    // pairs on a chain, against 1.7 M client months) and each pair is exploded into its
    // month ends with its count as weight: no cross of every client with every month end,
    // nor an explode of millions of rows.
    let same_client = col("client_id").eq(col("client_id").shift(lit(-1)));
    let next = when(same_client)
        .then(col("m").shift(lit(-1)))
        .otherwise(lit(last + 1));
    let from = when(col("m").gt(lit(first)))
        .then(col("m"))
        .otherwise(lit(first));
    let upto = when(next.clone().lt(lit(last + 1)))
        .then(next)
        .otherwise(lit(last + 1));
    let per_end = client_months(model, period.as_of)?
        .select([col("m"), upto.alias("upto")])
        .group_by([col("m"), col("upto")])
        .agg([len().cast(DataType::Int64).alias("n")])
        .select([
            col("n"),
            col("m"),
            int_ranges(from, col("upto"), lit(1i32), DataType::Int32).alias("e"),
        ])
        .explode(
            by_name(["e"], true, false),
            ExplodeOptions {
                empty_as_null: false,
                keep_nulls: false,
            },
        )
        .with_column((col("e") - col("m")).alias("gap"));
    let gap = col("gap");
    let count = |lo: i32, hi: Option<i32>, name: &str| {
        let c = gap.clone().gt_eq(lit(lo));
        let c = match hi {
            Some(h) => c.and(gap.clone().lt(lit(h))),
            None => c,
        };
        (c.cast(DataType::Int64) * col("n")).sum().alias(name)
    };
    let per_end = per_end.group_by([col("e")]).agg([
        count(0, Some(6), "active"),
        count(6, Some(12), "at_risk"),
        count(12, Some(18), "lapsed"),
        count(18, None, "lost"),
    ]);
    let names = ["active", "at_risk", "lapsed", "lost"];
    let start = crate::analytics::period::data_start(model)?.map_or(first, |d| {
        month_number(crate::analytics::period::Month::of(d))
    });
    let mut out = vec![month_label(col("e")).alias("month")];
    out.extend(names.iter().map(|n| {
        when(col("e").lt(lit(start)))
            .then(lit(NULL).cast(DataType::Int64))
            .otherwise(col(*n).fill_null(lit(0i64)))
            .alias(*n)
    }));
    ends.left_join(per_end, col("e"), col("e"))
        .sort(["e"], SortMultipleOptions::default())
        .select(out)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::csv;

    #[test]
    fn buckets_count_months_since_the_last_visit() {
        let m = crate::analytics::clients::cohorts::tests::station();
        let t = activity(&m, crate::analytics::clients::testdata::period(2026, 3)).unwrap();
        let text = csv(&t);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + 24);
        assert_eq!(lines[0], "month,active,at_risk,lapsed,lost");
        // 2024-04: only K0 is known, last seen 2023-01 → 15 months → lapsed.
        assert_eq!(lines[1], "2024-04,0,0,1,0");
        // 2026-03: K1, K2 (2026-01, 2 months), K3 active; K0 (2025-05, 10) at risk;
        // K4 (2025-02, 13) lapsed.
        assert_eq!(lines[24], "2026-03,3,1,1,0");
    }

    #[test]
    fn regression_months_before_the_data_are_empty_not_zero() {
        // The data begin with K0's visit of 2023-01: the 24 months up to 2024-06 begin in
        // 2022-07, whose six months before it read "0,0,0,0", then a jump.
        let m = crate::analytics::clients::cohorts::tests::station();
        let t = activity(&m, crate::analytics::clients::testdata::period(2024, 6)).unwrap();
        let text = csv(&t);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "2022-07,,,,");
        assert_eq!(lines[6], "2022-12,,,,");
        // 2023-01: K0 seen this month → active.
        assert_eq!(lines[7], "2023-01,1,0,0,0");
    }
}
