//! The marketing demand study (SPEC §4 *Demand*, §4.1, §5.1 `demand_monthly.csv`): what the
//! station sells, when, to whom, and what the next three months will bring. Pure functions
//! from the typed model and the report period to the section's tables; `crate::report`
//! writes what [`tables`] returns.
//!
//! The sold lines up to the as-of date are collected once ([`sold_lines`]) and the monthly
//! category figures once ([`monthly::category_months`]); every table aggregates those.

use polars::prelude::*;

use crate::analytics::management::facts;
use crate::analytics::period::{date_lit, Month, Period};
use crate::config::Config;
use crate::model::Model;

pub mod brands;
pub mod clients;
pub mod forecast;
pub mod load;
pub mod makes;
pub mod monthly;
pub mod seasonality;
pub mod yoy;

/// The sold lines (not declined) of the done visits dated up to the as-of date, with the
/// visit's `date`: `visit_row, date, category, service_code, amount, norm_hours` (an empty
/// `norm_hours` counts 0; an empty category is `other`). The visit is its row in the
/// visits table (see [`facts::dated_lines`]): counting distinct visits of millions of
/// lines by an integer instead of the text id.
pub fn sold_lines(model: &Model, period: Period) -> LazyFrame {
    facts::done_lines(model)
        .filter(col("sold").and(col("date").lt_eq(date_lit(period.as_of))))
        .select([
            col("visit_row"),
            col("date"),
            col("category").fill_null(lit("other")),
            col("service_code"),
            col("amount"),
            col("norm_hours").fill_null(lit(0.0)),
        ])
}

/// The done visits dated up to the as-of date.
pub fn visits_to_date(model: &Model, period: Period) -> LazyFrame {
    facts::done_visits(model).filter(col("date").lt_eq(date_lit(period.as_of)))
}

/// The done visits of M−11 … M (up to the as-of date).
pub fn last_12m(model: &Model, period: Period) -> LazyFrame {
    let start = period.month.shift(-11).first_day();
    visits_to_date(model, period).filter(col("date").gt_eq(date_lit(start)))
}

/// `value` where `month` (a `YYYY-MM` text column) is not before `start`, the month the
/// data begin, else null: a month before the data is unknown, not zero (as `monthly.csv`,
/// `activity.csv` and `kpi.csv` have it). `start` None (no visits) keeps every value.
pub fn known_from(start: Option<Month>, value: Expr) -> Expr {
    match start {
        None => value,
        Some(start) => when(col("month").gt_eq(lit(start.to_string())))
            .then(value)
            .otherwise(lit(NULL)),
    }
}

/// The `n` months ending with M, oldest first.
pub fn last_months(period: Period, n: i32) -> Vec<Month> {
    (0..n).rev().map(|k| period.month.shift(-k)).collect()
}

/// The filter for a `month` text column (`YYYY-MM`) lying in `first..=last`; month texts
/// sort like months.
pub fn month_between(first: Month, last: Month) -> Expr {
    col("month")
        .gt_eq(lit(first.to_string()))
        .and(col("month").lt_eq(lit(last.to_string())))
}

/// Every table of the demand section, named by file stem, in a fixed order.
pub fn tables(
    model: &Model,
    config: &Config,
    period: Period,
) -> PolarsResult<Vec<(String, DataFrame)>> {
    let months = monthly::category_months(model, period)?;
    let first = monthly::first_month(model, period)?;
    // The month the data begin (as `monthly.csv` has it): the months of the 24-month
    // tables before it are unknown, not zero.
    let start = crate::analytics::period::data_start(model)?.map(Month::of);
    let named = |name: &str, df: DataFrame| (name.to_string(), df);
    // Without norm hours in the lines, the hours and the load are unknown, not zero.
    let hours = crate::model::norm_hours_known(model)?;
    let unknown = crate::model::hours_unknown;
    Ok(vec![
        named(
            "demand_monthly",
            unknown(
                monthly::demand_monthly(&months, period)?,
                hours,
                &["norm_hours"],
            )?,
        ),
        named(
            "demand_by_category",
            monthly::demand_by_category(&months, start, period)?,
        ),
        named("demand_load", load::weekday_hour(model, period)?),
        named(
            "demand_bay_load",
            unknown(
                load::bay_load(&months, &config.capacity, start, period)?,
                hours,
                &["norm_hours", "load"],
            )?,
        ),
        named(
            "demand_seasonality",
            seasonality::seasonality(&months, first, period)?,
        ),
        named("demand_yoy", yoy::year_over_year(&months, first, period)?),
        named("demand_brand_mix", brands::brand_mix(model, period)?),
        named("demand_top_makes", brands::top_makes(model, period)?),
        named("demand_clients", clients::new_vs_returning(model, period)?),
        named(
            "demand_forecast",
            forecast::forecast_table(&months, first, period)?,
        ),
    ])
}

#[cfg(test)]
pub(crate) mod testdata;
