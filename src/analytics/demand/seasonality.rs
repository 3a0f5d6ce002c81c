//! The seasonality index per category (SPEC §4 *Demand*): how much busier a month of the
//! year is than the category's average month.

use polars::prelude::*;

use crate::analytics::management::ratio;
use crate::analytics::period::{Month, Period};

/// The calendar years wholly inside the data: January of the year is not before the first
/// month of the data and December is not after M. A year whose January is the first, partly
/// covered month of the data counts as whole (months are the unit here).
pub fn whole_years(first: Option<Month>, period: Period) -> Vec<i32> {
    let Some(first) = first else { return vec![] };
    let from = if first.number() == 1 {
        first.year()
    } else {
        first.year() + 1
    };
    let to = if period.month.number() == 12 {
        period.month.year()
    } else {
        period.month.year() - 1
    };
    (from..=to).collect()
}

/// `demand_seasonality.csv`: `category,month_of_year,mean_visits,index,years` — over the
/// whole calendar years of the data up to M ([`whole_years`]): `mean_visits` = the mean
/// monthly visits of the category in that month of the year (a month without a sold line
/// counts 0), `index` = that / the category's mean over all months of those years (1 = an
/// average month), `years` = how many years the means are over. Empty when the data hold no
/// whole year. Categories without a sold line in those years are left out. Sorted by
/// category, month_of_year.
pub fn seasonality(
    months: &DataFrame,
    first: Option<Month>,
    period: Period,
) -> PolarsResult<DataFrame> {
    let years = whole_years(first, period);
    let grid: Vec<String> = years
        .iter()
        .flat_map(|y| (1..=12).map(move |m| format!("{y:04}-{m:02}")))
        .collect();
    let in_years = col("month").is_in(
        lit(Series::new("g".into(), grid.clone())).implode(true),
        false,
    );
    let observed = months.clone().lazy().filter(in_years);
    let categories = observed
        .clone()
        .select([col("category")])
        .unique(None, UniqueKeepStrategy::Any);
    let calendar = df!("month" => grid)?.lazy();
    categories
        .cross_join(calendar, None)
        .join(
            observed.select([col("month"), col("category"), col("visits")]),
            [col("month"), col("category")],
            [col("month"), col("category")],
            JoinArgs::new(JoinType::Left),
        )
        .with_columns([
            col("visits").fill_null(lit(0i64)).cast(DataType::Float64),
            col("month")
                .str()
                .slice(lit(5), lit(2))
                .cast(DataType::Int32)
                .alias("month_of_year"),
        ])
        .with_column(
            col("visits")
                .mean()
                .over([col("category")])?
                .alias("overall"),
        )
        .group_by([col("category"), col("month_of_year")])
        .agg([
            col("visits").mean().alias("mean_visits"),
            col("overall").first(),
            len().cast(DataType::Int64).alias("years"),
        ])
        .with_column(ratio(col("mean_visits"), col("overall")).alias("index"))
        .select([
            col("category"),
            col("month_of_year"),
            col("mean_visits"),
            col("index"),
            col("years"),
        ])
        .sort(
            ["category", "month_of_year"],
            SortMultipleOptions::default(),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_years_are_by_month() {
        let p = Period::new(Month::new(2026, 3).unwrap());
        assert_eq!(whole_years(Month::new(2024, 1), p), [2024, 2025]);
        assert_eq!(whole_years(Month::new(2024, 2), p), [2025]);
        assert_eq!(whole_years(Month::new(2025, 2), p), Vec::<i32>::new());
        let dec = Period::new(Month::new(2025, 12).unwrap());
        assert_eq!(whole_years(Month::new(2025, 1), dec), [2025]);
        assert_eq!(whole_years(None, dec), Vec::<i32>::new());
    }

    #[test]
    fn index_is_month_mean_over_overall_mean() {
        // Wash over 2024 and 2025: January 10 and 14 visits, every other month 6 (2025-06
        // has no row: 0). Overall mean = (10 + 14 + 6 × 21 + 0) / 24 = 150 / 24 = 6.25.
        // January: mean 12, index 12 / 6.25 = 1.92. June: mean (6 + 0) / 2 = 3, index 0.48.
        // 2026-01 lies outside the whole years and is ignored.
        let mut month = vec![];
        let mut visits = vec![];
        for y in [2024, 2025] {
            for m in 1..=12 {
                if (y, m) == (2025, 6) {
                    continue;
                }
                month.push(format!("{y}-{m:02}"));
                visits.push(match (y, m) {
                    (2024, 1) => 10i64,
                    (2025, 1) => 14,
                    _ => 6,
                });
            }
        }
        month.push("2026-01".into());
        visits.push(100);
        let n = month.len();
        let months = df!(
            "month" => month,
            "category" => vec!["wash"; n],
            "visits" => visits,
        )
        .unwrap();
        let p = Period::new(Month::new(2026, 3).unwrap());
        let t = seasonality(&months, Month::new(2024, 1), p).unwrap();
        assert_eq!(t.height(), 12);
        let idx = |c: &str| {
            t.column(c)
                .unwrap()
                .cast(&DataType::Float64)
                .unwrap()
                .f64()
                .unwrap()
                .iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(idx("mean_visits")[0], Some(12.0));
        assert_eq!(idx("index")[0], Some(12.0 / 6.25));
        assert_eq!(idx("index")[5], Some(3.0 / 6.25));
        assert_eq!(idx("index")[1], Some(6.0 / 6.25));
        assert_eq!(idx("years")[0], Some(2.0));
    }
}
