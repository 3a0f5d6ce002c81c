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
/// the few categories are numbered instead, and one pass over the lines adds them up by
/// day and category, counting a visit at the first of its lines of each category
/// ([`day_category_sums`]); the months are then taken for a few thousand days.
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
    // Added up by day first, then the days by month: a visit has one date, so its month's
    // distinct visits are the sum of its days', and the month of a date is then taken for
    // a few thousand days instead of for millions of lines.
    let by_day = match day_category_sums(&lines, n)? {
        Some(sums) => sums.lazy(),
        None => day_category_groups(lines, n)?,
    };
    // As many numbers as categories: none when no line is sold (n is then 1 for the key).
    let numbers = lit(Series::new(
        "number".into(),
        (0..categories.len() as u32).collect::<Vec<_>>(),
    ))
    .implode(true);
    let category = col(NUMBER).replace_strict(
        numbers,
        lit(categories.clone()).implode(true),
        None,
        Some(DataType::String),
    );
    by_day
        .with_column(category.alias("category"))
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

/// Per day and category number with a line: `date, __category_number, visits, revenue,
/// milli`, found by polars when [`day_category_sums`] cannot: each line counts its visit
/// when it is the first of its visit's lines in its category
/// ([`first_of_visit_and_category`]), and the day and category make one integer key.
fn day_category_groups(mut lines: DataFrame, n: u64) -> PolarsResult<LazyFrame> {
    let first = first_of_visit_and_category(&lines, n)?;
    lines.with_column(first)?;
    // The day, shifted to be non-negative, times the categories, plus the category.
    let day = (col("date").cast(DataType::Int32).cast(DataType::Int64) + lit(1i64 << 31))
        .cast(DataType::UInt64);
    let key = day * lit(n) + col(NUMBER).cast(DataType::UInt64);
    // Only sums are taken per key: the day and the category are read back from the key
    // of each of the few thousand groups, not carried through millions of lines.
    let key_col = col("__day_category");
    let date = ((key_col.clone() / lit(n)).cast(DataType::Int64) - lit(1i64 << 31))
        .cast(DataType::Int32)
        .cast(DataType::Date);
    let number = (key_col % lit(n)).cast(DataType::UInt32);
    Ok(lines
        .lazy()
        .group_by([key.alias("__day_category")])
        .agg([
            col(FIRST).sum().cast(DataType::Int64).alias("visits"),
            col("amount").sum().cast(DataType::Int64).alias("revenue"),
            col("milli").sum(),
        ])
        .select([
            date.alias("date"),
            number.alias(NUMBER),
            col("visits"),
            col("revenue"),
            col("milli"),
        ]))
}

/// The most days times categories [`day_category_sums`] adds up the lines in (ten
/// categories over 280 years of days), so that its arrays stay under 30 MB whatever the
/// dates; a wider span is left to polars.
const MAX_DAY_CATEGORIES: u64 = 1 << 20;

/// [`day_category_groups`] in one pass over the lines, when exports list each visit's
/// lines together (the lines in visit order), there are at most 64 categories and the
/// days span at most [`MAX_DAY_CATEGORIES`] (with the categories); None otherwise.
/// Each line adds its amount and hours to its day and category, and counts its visit
/// there when its category is new to the visit (the categories seen in the visit kept as
/// bits of a word): grouping the chain's 7.3 M lines by that key took polars most of a
/// second, where the pass takes tens of milliseconds. Rows in day, then category order.
fn day_category_sums(lines: &DataFrame, n: u64) -> PolarsResult<Option<DataFrame>> {
    if n > 64 || lines.height() == 0 {
        return Ok(None);
    }
    let visits = lines.column("visit_row")?.cast(&IDX_DTYPE)?;
    let visits = visits.idx()?.rechunk();
    let numbers = lines.column(NUMBER)?.u32()?.rechunk();
    let days = lines.column("date")?.cast(&DataType::Int32)?;
    let days = days.i32()?.rechunk();
    if visits.null_count() + numbers.null_count() + days.null_count() > 0 {
        return Ok(None);
    }
    let (v, c, d) = (
        visits.cont_slice()?,
        numbers.cont_slice()?,
        days.cont_slice()?,
    );
    if !v.windows(2).all(|w| w[0] <= w[1]) {
        return Ok(None);
    }
    let (Some(&low), Some(&high)) = (d.iter().min(), d.iter().max()) else {
        return Ok(None);
    };
    let buckets = (i64::from(high) - i64::from(low) + 1) as u64 * n;
    if buckets > MAX_DAY_CATEGORIES {
        return Ok(None);
    }
    // A line without an amount or hours adds nothing, as polars' sum skips it.
    let zeros = |name: &str| -> PolarsResult<Int64Chunked> {
        let c = lines.column(name)?.cast(&DataType::Int64)?;
        Ok(c.i64()?.fill_null_with_values(0)?.rechunk().into_owned())
    };
    let (amount, milli) = (zeros("amount")?, zeros("milli")?);
    let (a, h) = (amount.cont_slice()?, milli.cont_slice()?);
    let buckets = buckets as usize;
    let mut lines_in = vec![0u32; buckets];
    let mut visit_counts = vec![0i64; buckets];
    let mut revenue = vec![0i64; buckets];
    let mut hours = vec![0i64; buckets];
    let mut visit = None;
    let mut seen = 0u64;
    for i in 0..v.len() {
        if visit != Some(v[i]) {
            visit = Some(v[i]);
            seen = 0;
        }
        let bit = 1u64 << c[i];
        let b = (d[i] - low) as usize * n as usize + c[i] as usize;
        visit_counts[b] += i64::from(seen & bit == 0);
        seen |= bit;
        revenue[b] += a[i];
        hours[b] += h[i];
        lines_in[b] += 1;
    }
    let used: Vec<usize> = (0..buckets).filter(|&b| lines_in[b] > 0).collect();
    let pick = |values: &[i64]| used.iter().map(|&b| values[b]).collect::<Vec<_>>();
    let date: Vec<i32> = used
        .iter()
        .map(|&b| low + (b / n as usize) as i32)
        .collect();
    let number: Vec<u32> = used.iter().map(|&b| (b % n as usize) as u32).collect();
    let mut sums = df!(
        "date" => date,
        NUMBER => number,
        "visits" => pick(&visit_counts),
        "revenue" => pick(&revenue),
        "milli" => pick(&hours),
    )?;
    let date = sums.column("date")?.cast(&DataType::Date)?;
    sums.with_column(date)?;
    Ok(Some(sums))
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
/// a visit, found by polars' hashing of each (visit, category) pair. Lines in visit
/// order are counted in [`day_category_sums`]' one pass instead; this serves the lines it
/// leaves to polars.
fn first_of_visit_and_category(lines: &DataFrame, n: u64) -> PolarsResult<Column> {
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
mod tests;
