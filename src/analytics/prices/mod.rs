//! The competitor price comparison (SPEC §4 *Competitor prices*, §4.1 *Prices*, §5.1
//! `prices.csv`): where each service of our price list stands against the fresh prices of
//! the competitors, what it sells, and what the difference is worth. Pure functions from
//! the typed model to the section's tables; `crate::report` writes what [`tables`] returns.

use polars::prelude::*;

use crate::analytics::management::{exact_div, facts, ratio, units};
use crate::analytics::period::{date_lit, Period};
use crate::config::Config;
use crate::model::Model;

/// The days of the volume window: (as_of − 365 days, as_of].
pub const VOLUME_DAYS: i64 = 365;
/// Below this price index we are `below` the market.
pub const BELOW: f64 = 95.0;
/// Above this price index we are `above` the market.
pub const ABOVE: f64 = 105.0;

/// Every table of the prices section, named by file stem: `prices`, `prices_summary`,
/// `prices_unmatched`, `prices_competitors`.
pub fn tables(
    model: &Model,
    config: &Config,
    period: Period,
) -> PolarsResult<Vec<(String, DataFrame)>> {
    let obs = matched_observations(model, period).collect()?;
    let prices = prices(model, &obs, config.competitors.max_age_days, period)?;
    Ok(vec![
        ("prices".to_string(), prices.clone()),
        ("prices_summary".to_string(), summary(&prices)?),
        ("prices_unmatched".to_string(), unmatched(&obs)?),
        (
            "prices_competitors".to_string(),
            competitors_over_time(model, &obs)?,
        ),
    ])
}

/// The warning for competitor prices of which none is fresh on the as-of date (every one
/// older than `max_age_days`, or dated after the as-of date): the comparison is then our
/// prices only, which without a word looked like a market with no competitor. None when
/// there are no competitor prices (NO_COMPETITORS says so) or some are fresh.
pub fn freshness_warning(
    model: &Model,
    max_age_days: i64,
    period: Period,
) -> PolarsResult<Option<crate::ingest::Warning>> {
    use crate::ingest::reasons;
    if !model.has(crate::schema::Table::CompetitorPrices) {
        return Ok(None);
    }
    let oldest = crate::analytics::period::days_before(period.as_of, max_age_days);
    let old = col("observed_at").lt(date_lit(oldest));
    let late = col("observed_at").gt(date_lit(period.as_of));
    let counts = model
        .competitor_prices
        .clone()
        .select([
            len().cast(DataType::Int64).alias("all"),
            old.clone().cast(DataType::Int64).sum().alias("old"),
            late.clone().cast(DataType::Int64).sum().alias("late"),
            col("observed_at")
                .filter(old)
                .max()
                .dt()
                .to_string("%Y-%m-%d")
                .alias("latest_old"),
            col("observed_at")
                .filter(late)
                .min()
                .dt()
                .to_string("%Y-%m-%d")
                .alias("earliest_late"),
        ])
        .collect()?;
    let int = |c: &str| -> PolarsResult<i64> { Ok(counts.column(c)?.i64()?.get(0).unwrap_or(0)) };
    let text = |c: &str| -> PolarsResult<String> {
        Ok(counts.column(c)?.str()?.get(0).unwrap_or("").to_string())
    };
    let (all, old, late) = (int("all")?, int("old")?, int("late")?);
    if all == 0 || old + late < all {
        return Ok(None);
    }
    let as_of = period.as_of.to_string();
    let message = match old {
        0 => reasons::fill(
            reasons::LATE_COMPETITORS,
            &[&all.to_string(), &as_of, &text("earliest_late")?],
        ),
        _ => reasons::fill(
            reasons::STALE_COMPETITORS,
            &[
                &all.to_string(),
                &as_of,
                &old.to_string(),
                &max_age_days.to_string(),
                &text("latest_old")?,
                &late.to_string(),
            ],
        ),
    };
    Ok(Some(crate::ingest::Warning {
        table: crate::schema::Table::CompetitorPrices.name().to_string(),
        rows: all as u64,
        message,
    }))
}

/// The key descriptions are matched on: trimmed, lower case, `ё` as `е`, runs of white
/// space (a non-breaking space pasted from a web page, a double space) as one space, as
/// headers are folded. Only trimmed and lower-cased, «Балансировка колес» and «Мойка
/// кузова» with a non-breaking space missed the price list's «колёс» and «Мойка кузова».
fn text_key(e: Expr) -> Expr {
    crate::ingest::normalize::fold_expr(e)
}

/// The key a competitor's name is grouped by: [`text_key`], and no space around `№`
/// («Гараж №1», «гараж №1» and «Гараж № 1» are one shop; each spelling counted as a
/// competitor of its own, and one shop's three visits made the median).
fn competitor_key(e: Expr) -> Expr {
    text_key(e)
        .str()
        .replace_all(lit(r"\s*№\s*"), lit("№"), false)
}

/// The price list's two ways to a service: `service_code, by_code` (a code the list has)
/// and `key, <name>` (a description's [`text_key`] to the smallest code of the services
/// sharing it). Competitors' rows and order lines are matched alike.
fn service_lookups(model: &Model, name: &str) -> (LazyFrame, LazyFrame) {
    let list = model.price_list.clone();
    let by_code = list
        .clone()
        .select([col("service_code"), col("service_code").alias("by_code")]);
    let by_description = list
        .select([
            text_key(col("description")).alias("key"),
            col("service_code"),
        ])
        .group_by([col("key")])
        .agg([col("service_code").min().alias(name)]);
    (by_code, by_description)
}

/// The competitor observations dated up to the as-of date, in file order (`row`), each with
/// `competitor`: the name its shop is shown by — of the spellings sharing its
/// [`competitor_key`] (trimmed, runs of white space as one), the most frequent, on a tie
/// the first in the file — and `matched`: the price-list service it compares with — its
/// own `service_code` when that is in the price list, else the service whose description
/// has its description's [`text_key`] (when several services share one, the smallest
/// code), else empty (unmatched). Columns `row, competitor, service_code, description,
/// price, observed_at, matched`.
pub fn matched_observations(model: &Model, period: Period) -> LazyFrame {
    let (by_code, by_description) = service_lookups(model, "by_description");
    let obs = model
        .competitor_prices
        .clone()
        .with_row_index("row", None)
        .filter(col("observed_at").lt_eq(date_lit(period.as_of)))
        .with_columns([
            col("competitor")
                .str()
                .replace_all(lit(r"\s+"), lit(" "), false)
                .str()
                .strip_chars(lit(NULL)),
            competitor_key(col("competitor")).alias("competitor_key"),
            text_key(col("description")).alias("key"),
        ]);
    let names = obs
        .clone()
        .group_by([col("competitor_key"), col("competitor")])
        .agg([len().alias("n"), col("row").min().alias("first")])
        .group_by([col("competitor_key")])
        .agg([col("competitor")
            .sort_by(
                [col("n"), col("first")],
                SortMultipleOptions::default().with_order_descending_multi([true, false]),
            )
            .first()
            .alias("shown")]);
    obs.left_join(names, col("competitor_key"), col("competitor_key"))
        .left_join(by_code, col("service_code"), col("service_code"))
        .left_join(by_description, col("key"), col("key"))
        .select([
            col("row"),
            col("shown").alias("competitor"),
            col("service_code"),
            col("description"),
            col("price"),
            col("observed_at"),
            coalesce(&[col("by_code"), col("by_description")]).alias("matched"),
        ])
}

/// Per (service, competitor) the latest fresh observation: fresh = as_of − observed_at ≤
/// `max_age_days` (observations after the as-of date are already gone); on the same date
/// the later row of the file. Columns `service_code, competitor, price` (kopecks).
pub fn latest_fresh(obs: &DataFrame, max_age_days: i64, period: Period) -> LazyFrame {
    let oldest = crate::analytics::period::days_before(period.as_of, max_age_days);
    obs.clone()
        .lazy()
        .filter(
            col("matched")
                .is_not_null()
                .and(col("observed_at").gt_eq(date_lit(oldest))),
        )
        .group_by([col("matched").alias("service_code"), col("competitor")])
        .agg([col("price")
            .sort_by(
                [col("observed_at"), col("row")],
                SortMultipleOptions::default(),
            )
            .last()])
}

/// `prices.csv`: `service_code,description,our_price,competitors,min,median,max,
/// price_index,rank,position,volume_12m,revenue_gap`, one row per price-list service,
/// sorted by service_code. Statistics are over the latest fresh price of each competitor
/// ([`latest_fresh`]); median of an even count = mean of the middle two; price_index = 100
/// × ours / median; rank = 1 + competitor prices strictly below ours; position `below`
/// (index < 95), `above` (> 105), else `at`; volume_12m = sold lines of the service of done
/// visits dated in (as_of − 365 days, as_of] ([`volume_12m`]); revenue_gap = volume_12m ×
/// (median − ours). Without fresh prices: competitors 0, rank 1, statistics empty. Money in
/// currency units.
pub fn prices(
    model: &Model,
    obs: &DataFrame,
    max_age_days: i64,
    period: Period,
) -> PolarsResult<DataFrame> {
    let ours = model.price_list.clone().select([
        col("service_code"),
        col("description"),
        col("price").alias("ours"),
    ]);
    let stats = latest_fresh(obs, max_age_days, period)
        .join(
            ours.clone().select([col("service_code"), col("ours")]),
            [col("service_code")],
            [col("service_code")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("service_code")])
        .agg([
            len().cast(DataType::Int64).alias("competitors"),
            col("price").min().alias("min"),
            col("price")
                .cast(DataType::Float64)
                .median()
                .alias("median"),
            col("price").max().alias("max"),
            col("price")
                .lt(col("ours"))
                .cast(DataType::Int64)
                .sum()
                .alias("below"),
        ]);
    let volume = volume_12m(model, period)?;
    let index = ratio(col("ours") * lit(100i64), col("median"));
    ours.left_join(stats, col("service_code"), col("service_code"))
        .left_join(volume, col("service_code"), col("service_code"))
        .with_columns([
            col("competitors").fill_null(lit(0i64)),
            col("volume_12m").fill_null(lit(0i64)),
            (lit(1i64) + col("below").fill_null(lit(0i64))).alias("rank"),
            index.alias("price_index"),
            exact_div(
                col("volume_12m")
                    .fill_null(lit(0i64))
                    .cast(DataType::Float64)
                    * (col("median") - col("ours").cast(DataType::Float64)),
                lit(100.0),
            )
            .alias("revenue_gap"),
        ])
        .select([
            col("service_code"),
            col("description"),
            units(col("ours")).alias("our_price"),
            col("competitors"),
            units(col("min")).alias("min"),
            units(col("median")).alias("median"),
            units(col("max")).alias("max"),
            col("price_index"),
            col("rank"),
            when(col("price_index").is_null())
                .then(lit(NULL).cast(DataType::String))
                .when(col("price_index").lt(lit(BELOW)))
                .then(lit("below"))
                .when(col("price_index").gt(lit(ABOVE)))
                .then(lit("above"))
                .otherwise(lit("at"))
                .alias("position"),
            col("volume_12m"),
            // No volume against a median below ours is 0 × a negative, −0, which the CSV
            // and the page wrote as `-0` (polars simplifies `+ 0.0` away).
            when(col("revenue_gap").eq(lit(0.0)))
                .then(lit(0.0))
                .otherwise(col("revenue_gap"))
                .alias("revenue_gap"),
        ])
        .sort(["service_code"], SortMultipleOptions::default())
        .collect()
}

/// Sold lines of done visits dated in (as_of − 365 days, as_of] per price-list service
/// (`service_code`, `volume_12m`), a line matched to its service as a competitor's price is
/// ([`matched_observations`]): by its `service_code` when that is in the price list, else
/// by its description's [`text_key`] (when several services share one, the smallest code).
/// Lines without a code that name a service of the list (3 % of the sample's labour
/// lines) were left out of the volume and the revenue gap, although a competitor's row
/// without a code is compared by the same description. The lines are counted per distinct
/// (code, description) first, so that a description is folded once, not once a line.
pub fn volume_12m(model: &Model, period: Period) -> PolarsResult<LazyFrame> {
    let window_start = crate::analytics::period::days_before(period.as_of, VOLUME_DAYS);
    let (by_code, by_description) = service_lookups(model, "matched");
    let lines = facts::done_lines(model)
        .filter(
            col("sold")
                .and(col("date").gt(date_lit(window_start)))
                .and(col("date").lt_eq(date_lit(period.as_of))),
        )
        .group_by([col("service_code"), col("description")])
        .agg([len().cast(DataType::Int64).alias("n")])
        .collect()?
        .lazy()
        .left_join(by_code, col("service_code"), col("service_code"));
    let coded = lines
        .clone()
        .filter(col("by_code").is_not_null())
        .select([col("by_code").alias("matched"), col("n")]);
    let described = lines
        .filter(
            col("by_code")
                .is_null()
                .and(col("description").is_not_null()),
        )
        .with_column(text_key(col("description")).alias("key"))
        .join(
            by_description,
            [col("key")],
            [col("key")],
            JoinArgs::new(JoinType::Inner),
        )
        .select([col("matched"), col("n")]);
    Ok(concat([coded, described], UnionArgs::default())?
        .group_by([col("matched").alias("service_code")])
        .agg([col("n").sum().alias("volume_12m")]))
}

/// `prices_summary.csv`: `services,services_priced,volume_12m,overall_index` — price-list
/// services, those with a price index, the 12-month volume of those, and the overall index
/// = Σ volume × index / Σ volume over them (SPEC §4: the volume-weighted mean of the
/// per-service indices; empty when they sold nothing).
pub fn summary(prices: &DataFrame) -> PolarsResult<DataFrame> {
    let priced = col("price_index").is_not_null();
    let vol = || {
        when(priced.clone())
            .then(col("volume_12m"))
            .otherwise(lit(0i64))
    };
    prices
        .clone()
        .lazy()
        .select([
            len().cast(DataType::Int64).alias("services"),
            priced
                .clone()
                .cast(DataType::Int64)
                .sum()
                .alias("services_priced"),
            vol().sum().alias("volume_12m"),
            ratio(
                (vol().cast(DataType::Float64) * col("price_index").fill_null(lit(0.0))).sum(),
                vol().sum(),
            )
            .alias("overall_index"),
        ])
        .collect()
}

/// `prices_unmatched.csv`: `competitor,service_code,description,price,observed_at` — the
/// observations up to the as-of date that match no price-list service (by code or
/// description), whatever their age, sorted by competitor, observed_at, then file order.
pub fn unmatched(obs: &DataFrame) -> PolarsResult<DataFrame> {
    obs.clone()
        .lazy()
        .filter(col("matched").is_null())
        .sort(
            ["competitor", "observed_at", "row"],
            SortMultipleOptions::default(),
        )
        .select([
            col("competitor"),
            col("service_code"),
            col("description"),
            units(col("price")).alias("price"),
            col("observed_at"),
        ])
        .collect()
}

/// `prices_competitors.csv`: `competitor,month,observations,mean_index` — each competitor's
/// price level over time: per month of observation (up to M, any age), the mean over its
/// matched observations of 100 × their price / our price (above 100: dearer than us).
/// Services with a zero or missing price of ours are left out. Sorted by competitor, month.
pub fn competitors_over_time(model: &Model, obs: &DataFrame) -> PolarsResult<DataFrame> {
    let ours = model.price_list.clone().select([
        col("service_code").alias("matched"),
        col("price").alias("ours"),
    ]);
    obs.clone()
        .lazy()
        .filter(col("matched").is_not_null())
        .join(
            ours,
            [col("matched")],
            [col("matched")],
            JoinArgs::new(JoinType::Inner),
        )
        .filter(col("ours").gt(lit(0i64)))
        .group_by([
            col("competitor"),
            col("observed_at").dt().to_string("%Y-%m").alias("month"),
        ])
        .agg([
            len().cast(DataType::Int64).alias("observations"),
            exact_div(col("price") * lit(100i64), col("ours"))
                .mean()
                .alias("mean_index"),
        ])
        .sort(["competitor", "month"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests;
