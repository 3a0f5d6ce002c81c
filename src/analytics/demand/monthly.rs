//! Visits, revenue and norm hours by category × month (SPEC §4 *Demand*, §5.1
//! `demand_monthly.csv`): the base series the seasonality, year-over-year and forecast
//! tables are built from.

use polars::prelude::*;

use super::{month_between, sold_lines, visits_to_date};
use crate::analytics::clients::{month_index, month_label};
use crate::analytics::management::units;
use crate::analytics::period::{Month, Period};
use crate::model::Model;

/// Per (month, category) with at least one sold line, every month up to M: `month,
/// category, visits` (distinct done visits with a sold line of the category), `revenue`
/// (Σ amount of those lines, kopecks, Int64) and `norm_hours` (their Σ). Sorted by month,
/// category. Collected once and shared by the section's tables.
///
/// The chain's 7.3 M sold lines are the section's one big step. Grouping them by a date
/// and a text, and counting the distinct visits of each group, took most of its time;
/// the few categories are numbered instead, a line's day and category make one integer
/// key, and a visit is counted by the first of its lines of each category
/// ([`first_of_visit_and_category`]), so that the groups only add up.
pub fn category_months(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let mut lines = sold_lines(model, period)
        .select([
            col("visit_row"),
            col("date"),
            col("category"),
            col("amount"),
            // Hours go as exact integer thousandths through both steps below.
            crate::model::milli(col("norm_hours")).alias("milli"),
        ])
        .collect()?;
    let (categories, number) = match category_numbers(lines.column("category")?.str()?) {
        Some((categories, number)) => (categories, number.into_column()),
        None => {
            let categories = lines
                .column("category")?
                .as_materialized_series()
                .unique()?
                .sort(SortOptions::default())?;
            let n = categories.len() as u32;
            let numbers = Series::new("number".into(), (0..n).collect::<Vec<_>>());
            let number = col("category").replace_strict(
                lit(categories.clone()).implode(true),
                lit(numbers).implode(true),
                None,
                Some(DataType::UInt32),
            );
            let number = lines
                .clone()
                .lazy()
                .select([number.alias(NUMBER)])
                .collect()?;
            (categories, number.column(NUMBER)?.clone())
        }
    };
    let n = categories.len().max(1) as u64;
    lines.with_column(number.with_name(NUMBER.into()))?;
    let first = first_of_visit_and_category(&lines, n)?;
    lines.with_column(first)?;
    // The day, shifted to be non-negative, times the categories, plus the category.
    let day = (col("date").cast(DataType::Int32).cast(DataType::Int64) + lit(1i64 << 31))
        .cast(DataType::UInt64);
    let key = day * lit(n) + col(NUMBER).cast(DataType::UInt64);
    // Added up by day first, then the days by month: a visit has one date, so its month's
    // distinct visits are the sum of its days', and the month of a date is then taken for
    // a few thousand days instead of for millions of lines.
    // Only sums are taken per key: the day and the category are read back from the key
    // of each of the few thousand groups, not carried through millions of lines.
    // As many numbers as categories: none when no line is sold (n is then 1 for the key).
    let numbers = lit(Series::new(
        "number".into(),
        (0..categories.len() as u32).collect::<Vec<_>>(),
    ))
    .implode(true);
    let key_col = col("__day_category");
    let date = ((key_col.clone() / lit(n)).cast(DataType::Int64) - lit(1i64 << 31))
        .cast(DataType::Int32)
        .cast(DataType::Date);
    let category = (key_col % lit(n)).cast(DataType::UInt32).replace_strict(
        numbers,
        lit(categories.clone()).implode(true),
        None,
        Some(DataType::String),
    );
    lines
        .lazy()
        .group_by([key.alias("__day_category")])
        .agg([
            col(FIRST).sum().cast(DataType::Int64).alias("visits"),
            col("amount").sum().alias("revenue"),
            col("milli").sum(),
        ])
        .with_columns([date.alias("date"), category.alias("category")])
        .group_by([
            month_index(col("date")).alias("month_index"),
            col("category"),
        ])
        .agg([
            col("visits").sum(),
            col("revenue").sum(),
            crate::model::from_milli(col("milli").sum()).alias("norm_hours"),
        ])
        .select([
            month_label(col("month_index")).alias("month"),
            col("category"),
            col("visits"),
            col("revenue"),
            col("norm_hours"),
        ])
        .sort(["month", "category"], SortMultipleOptions::default())
        .collect()
}

/// The sorted distinct categories of the lines and each line's place among them, found
/// in one pass: a handful of categories repeated over millions of lines, where polars'
/// `unique` and `replace_strict` hashed every line's text twice (a quarter of a second on
/// the chain's 7.3 M lines). None with a line without a category or more than 64
/// categories, which are left to polars.
fn category_numbers(categories: &StringChunked) -> Option<(Series, UInt32Chunked)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut found = Vec::with_capacity(categories.len());
    let mut last: Option<(&str, u32)> = None;
    for text in categories.iter() {
        let text = text?;
        let k = match last {
            Some((s, k)) if s == text => k,
            _ => {
                let k = match seen.iter().position(|s| *s == text) {
                    Some(k) => k,
                    None if seen.len() < 64 => {
                        seen.push(text);
                        seen.len() - 1
                    }
                    None => return None,
                } as u32;
                last = Some((text, k));
                k
            }
        };
        found.push(k);
    }
    // Numbered in the texts' byte order, as polars sorts them.
    let mut order: Vec<usize> = (0..seen.len()).collect();
    order.sort_by(|a, b| seen[*a].cmp(seen[*b]));
    let mut place = vec![0u32; seen.len()];
    for (p, &k) in order.iter().enumerate() {
        place[k] = p as u32;
    }
    let sorted: Vec<&str> = order.iter().map(|&k| seen[k]).collect();
    let numbers: UInt32Chunked = found
        .into_iter()
        .map(|k| place[k as usize])
        .collect_ca(NUMBER.into());
    Some((Series::new("category".into(), sorted), numbers))
}

/// Working columns of [`category_months`]: a line's category as a number, and whether it
/// is the first line of its visit in its category.
const NUMBER: &str = "__category_number";
const FIRST: &str = "__first";

/// Whether each line (a frame of `visit_row` and `__category_number`, one of `n`
/// categories) is the first of its visit's lines in its category: the lines that count
/// a visit. Exports list a visit's lines together, and then one pass does it, keeping
/// the categories seen in the current visit as bits of a word; lines out of visit order
/// (or more than 64 categories, or a line without a visit) are left to polars' hashing
/// of each (visit, category) pair, which took half a second on the chain's 7.3 M lines
/// where the pass takes a few milliseconds.
fn first_of_visit_and_category(lines: &DataFrame, n: u64) -> PolarsResult<Column> {
    let visits = lines.column("visit_row")?.cast(&IDX_DTYPE)?;
    let visits = visits.idx()?.rechunk();
    let numbers = lines.column(NUMBER)?.u32()?.rechunk();
    if n <= 64 && visits.null_count() == 0 && numbers.null_count() == 0 {
        let (v, c) = (visits.cont_slice()?, numbers.cont_slice()?);
        if v.windows(2).all(|w| w[0] <= w[1]) {
            let mut visit = None;
            let mut seen = 0u64;
            let first: BooleanChunked = v
                .iter()
                .zip(c)
                .map(|(&row, &number)| {
                    if visit != Some(row) {
                        visit = Some(row);
                        seen = 0;
                    }
                    let bit = 1u64 << number;
                    let first = seen & bit == 0;
                    seen |= bit;
                    Some(first)
                })
                .collect_ca(FIRST.into());
            return Ok(first.into_column());
        }
    }
    let pair =
        col("visit_row").cast(DataType::UInt64) * lit(n) + col(NUMBER).cast(DataType::UInt64);
    let first = lines
        .clone()
        .lazy()
        .select([pair.is_first_distinct().alias(FIRST)])
        .collect()?;
    first.column(FIRST).cloned()
}

/// The month of the first done visit up to the as-of date (the start of the data, a stray
/// visit of a year mistyped into the past left out), `None` when there is none.
pub fn first_month(model: &Model, period: Period) -> PolarsResult<Option<Month>> {
    let df = visits_to_date(model, period)
        .select([col("date").min().dt().to_string("%Y-%m").alias("m")])
        .collect()?;
    let first = df
        .column("m")?
        .str()?
        .get(0)
        .and_then(|m| Month::parse(m).ok());
    // Not from a visit of a year mistyped into the past: seasonality counted nine
    // "whole years" of zeros from one visit of 2016.
    let start = crate::analytics::period::data_start(model)?.map(Month::of);
    Ok(first.map(|f| start.map_or(f, |s| f.max(s))))
}

/// `demand_monthly.csv`: `month,category,visits,revenue,norm_hours` for the 24 months up to
/// M, one row per (month, category) with a sold line (no zero rows), revenue in currency
/// units, sorted by month, category.
pub fn demand_monthly(months: &DataFrame, period: Period) -> PolarsResult<DataFrame> {
    months
        .clone()
        .lazy()
        .filter(month_between(period.month.shift(-23), period.month))
        .select([
            col("month"),
            col("category"),
            col("visits"),
            units(col("revenue")).alias("revenue"),
            col("norm_hours"),
        ])
        .sort(["month", "category"], SortMultipleOptions::default())
        .collect()
}

/// `demand_by_category.csv`: the visits of [`demand_monthly`] as one row per month of the
/// 24 up to M (a month without sales is a row of zeros, one before `start`, the data's
/// first month, a row of empty cells: unknown, not zero) and one column per category sold
/// in those months, in the canonical order of SPEC §2: the series of the "demand by
/// category × month" chart, which needs a column per series.
pub fn demand_by_category(
    months: &DataFrame,
    start: Option<Month>,
    period: Period,
) -> PolarsResult<DataFrame> {
    let first = period.month.shift(-23);
    let window = months
        .clone()
        .lazy()
        .filter(month_between(first, period.month))
        .select([col("month"), col("category"), col("visits")])
        .collect()?;
    let sold: Vec<&str> = {
        let present = window.column("category")?.str()?;
        crate::ingest::normalize::categories()
            .filter(|c| present.iter().any(|p| p == Some(*c)))
            .collect()
    };
    let all_months = df!("month" => super::last_months(period, 24)
        .iter()
        .map(|m| m.to_string())
        .collect::<Vec<_>>())?;
    let per_month = window.lazy().group_by([col("month")]).agg(
        sold.iter()
            .map(|c| {
                col("visits")
                    .filter(col("category").eq(lit(*c)))
                    .sum()
                    .alias(*c)
            })
            .collect::<Vec<_>>(),
    );
    let mut out = vec![col("month")];
    out.extend(
        sold.iter()
            .map(|c| super::known_from(start, col(*c).fill_null(lit(0i64))).alias(*c)),
    );
    all_months
        .lazy()
        .left_join(per_month, col("month"), col("month"))
        .select(out)
        .sort(["month"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::demand::testdata::*;

    #[test]
    fn regression_a_month_table_without_sold_lines_is_empty_not_an_error() {
        // No categories, but the key's factor is at least 1: the categories read back
        // from the keys are numbered as many as there are categories.
        let m = station();
        let none = m.order_lines.clone().limit(0);
        let m = m.with(crate::schema::Table::OrderLines, none);
        let months = category_months(&m, period()).unwrap();
        assert_eq!(months.height(), 0);
        let names: Vec<&str> = months
            .get_column_names()
            .iter()
            .map(|n| n.as_str())
            .collect();
        assert_eq!(
            names,
            ["month", "category", "visits", "revenue", "norm_hours"]
        );
    }

    #[test]
    fn categories_are_numbered_in_text_order_as_polars_sorts_them() {
        let lines = StringChunked::new(
            "category".into(),
            ["tires", "body", "tires", "other", "body", "body"],
        );
        let (sorted, numbers) = category_numbers(&lines).unwrap();
        let sorted: Vec<_> = sorted.str().unwrap().iter().flatten().collect();
        assert_eq!(sorted, ["body", "other", "tires"]);
        assert_eq!(
            numbers.to_vec(),
            [Some(2), Some(0), Some(2), Some(1), Some(0), Some(0)]
        );
        // A line without a category, or more categories than a word has bits, is left to
        // polars.
        let with_null = StringChunked::new("category".into(), [Some("body"), None]);
        assert!(category_numbers(&with_null).is_none());
        let many: Vec<String> = (0..65).map(|i| format!("c{i}")).collect();
        let many = StringChunked::new("category".into(), many);
        assert!(category_numbers(&many).is_none());
        let sixty_four = many.slice(0, 64);
        assert_eq!(category_numbers(&sixty_four).unwrap().0.len(), 64);
    }

    #[test]
    fn a_visit_counts_once_per_category_whether_its_lines_are_together_or_not() {
        // Visit 0: repair, parts, repair (the second repair line does not count again);
        // visit 1: parts, parts. In visit order the one pass decides; shuffled, polars'
        // hashing of the pairs; the lines that count are the same.
        let flags = |rows: &[u32], numbers: &[u32]| -> Vec<Option<bool>> {
            let lines = df!("visit_row" => rows, NUMBER => numbers).unwrap();
            let first = first_of_visit_and_category(&lines, 2).unwrap();
            first.bool().unwrap().iter().collect()
        };
        let t = Some(true);
        let f = Some(false);
        assert_eq!(flags(&[0, 0, 0, 1, 1], &[1, 0, 1, 0, 0]), [t, t, f, t, f]);
        assert_eq!(flags(&[1, 0, 0, 1, 0], &[0, 1, 0, 0, 1]), [t, t, t, f, f]);
    }

    #[test]
    fn rows_only_where_a_sold_line_exists() {
        let p = period();
        let t = demand_monthly(&category_months(&station(), p).unwrap(), p).unwrap();
        // 2024-03 is older than 24 months before 2026-03 (2024-04 is the first); V4 has only
        // a declined line, V5 is cancelled, V7 is after the as-of date. 2026-03: V1 and V2
        // sell repair (1000 + 2000, hours 2 + 1.5); V1 sells parts 500 (no hours); V3 a
        // warranty repair line of 0 (0.5 h) makes a third repair visit.
        assert_eq!(
            strs(&t, "month"),
            ["2025-03", "2026-03", "2026-03"].map(|s| Some(s.to_string()))
        );
        assert_eq!(
            strs(&t, "category"),
            ["wash", "parts", "repair"].map(|s| Some(s.to_string()))
        );
        assert_eq!(f64s(&t, "visits"), [1.0, 1.0, 3.0].map(Some));
        assert_eq!(f64s(&t, "revenue"), [100.0, 500.0, 3000.0].map(Some));
        assert_eq!(f64s(&t, "norm_hours"), [0.0, 0.0, 4.0].map(Some));
    }

    #[test]
    fn by_category_has_every_month_and_a_column_per_category_sold() {
        let p = period();
        let t = demand_by_category(&category_months(&station(), p).unwrap(), None, p).unwrap();
        // The rows of demand_monthly above: wash 1 in 2025-03; parts 1 and repair 3 in
        // 2026-03; the other 21 months are zeros. Columns in SPEC order: wash, repair, parts.
        let names: Vec<String> = t.get_column_names().iter().map(|s| s.to_string()).collect();
        assert_eq!(names, ["month", "wash", "repair", "parts"]);
        assert_eq!(t.height(), 24);
        let months = strs(&t, "month");
        assert_eq!(months[0].as_deref(), Some("2024-04"));
        assert_eq!(months[11].as_deref(), Some("2025-03"));
        assert_eq!(months[23].as_deref(), Some("2026-03"));
        let wash = f64s(&t, "wash");
        assert_eq!(wash[11], Some(1.0));
        assert_eq!(wash.iter().flatten().sum::<f64>(), 1.0);
        assert_eq!(f64s(&t, "repair")[23], Some(3.0));
        assert_eq!(f64s(&t, "parts")[23], Some(1.0));
        assert_eq!(f64s(&t, "repair")[0], Some(0.0));
    }

    #[test]
    fn regression_a_month_before_the_data_is_empty_not_zero() {
        // With the data beginning in 2025-03, the 11 months 2024-04 … 2025-02 are empty
        // cells (they were zeros: no visits, as if the station stood idle); 2025-03 on
        // are counted, 0 where nothing was sold.
        let p = period();
        let months = category_months(&station(), p).unwrap();
        let t = demand_by_category(&months, Month::new(2025, 3), p).unwrap();
        assert_eq!(t.height(), 24);
        for c in ["wash", "repair", "parts"] {
            let v = f64s(&t, c);
            assert!(v[..11].iter().all(Option::is_none), "{c}: {v:?}");
            assert!(v[11..].iter().all(Option::is_some), "{c}: {v:?}");
        }
        assert_eq!(f64s(&t, "wash")[11], Some(1.0));
        assert_eq!(f64s(&t, "repair")[11], Some(0.0));
        assert_eq!(f64s(&t, "repair")[23], Some(3.0));
    }
}
