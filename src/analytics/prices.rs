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
    let oldest = period.as_of - chrono::Duration::days(max_age_days);
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

/// The competitor observations dated up to the as-of date, in file order (`row`), each with
/// `competitor`: the name its shop is shown by — of the spellings sharing its
/// [`competitor_key`] (trimmed, runs of white space as one), the most frequent, on a tie
/// the first in the file — and `matched`: the price-list service it compares with — its
/// own `service_code` when that is in the price list, else the service whose description
/// has its description's [`text_key`] (when several services share one, the smallest
/// code), else empty (unmatched). Columns `row, competitor, service_code, description,
/// price, observed_at, matched`.
pub fn matched_observations(model: &Model, period: Period) -> LazyFrame {
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
        .agg([col("service_code").min().alias("by_description")]);
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
    let oldest = period.as_of - chrono::Duration::days(max_age_days);
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
/// (index < 95), `above` (> 105), else `at`; volume_12m = sold lines of done visits with
/// the service code dated in (as_of − 365 days, as_of]; revenue_gap = volume_12m × (median
/// − ours). Without fresh prices: competitors 0, rank 1, statistics empty. Money in
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
    let window_start = period.as_of - chrono::Duration::days(VOLUME_DAYS);
    let volume = facts::done_lines(model)
        .filter(
            col("sold")
                .and(col("service_code").is_not_null())
                .and(col("date").gt(date_lit(window_start)))
                .and(col("date").lt_eq(date_lit(period.as_of))),
        )
        .group_by([col("service_code")])
        .agg([len().cast(DataType::Int64).alias("volume_12m")]);
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
mod tests {
    use super::*;
    use crate::analytics::demand::testdata::{f64s, ms, strs, typed};
    use crate::analytics::period::Month;
    use crate::schema::Table;

    fn period() -> Period {
        Period::new(Month::new(2026, 3).unwrap())
    }

    fn days_before_as_of(n: i64) -> String {
        (period().as_of - chrono::Duration::days(n))
            .format("%Y-%m-%d")
            .to_string()
    }

    /// Our prices: A 1000, B 950, C 1050, D 500, E 800. Competitor rows are given as
    /// (competitor, code, description, price, days before the as-of date 2026-03-31).
    fn model(rows: &[(&str, Option<&str>, &str, i64, i64)]) -> Model {
        let list = df!(
            "service_code" => ["A", "B", "C", "D", "E"],
            "description" => ["Oil change", "Brake pads", "Alignment", "Wash", "Diagnostics"],
            "price" => [100_000i64, 95_000, 105_000, 50_000, 80_000],
        )
        .unwrap();
        let obs = df!(
            "competitor" => rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            "service_code" => rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            "description" => rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            "price" => rows.iter().map(|r| r.3 * 100).collect::<Vec<_>>(),
            "observed_at" => rows.iter().map(|r| days_before_as_of(r.4)).collect::<Vec<_>>(),
        )
        .unwrap()
        .lazy()
        .with_column(col("observed_at").str().to_date(StrptimeOptions::default()))
        .collect()
        .unwrap();
        let visits = df!(
            "visit_id" => ["V1", "V2", "V3", "V4"],
            // V1 is exactly 365 days before the as-of date: outside (as_of − 365, as_of].
            "opened_at" => ["2025-03-31 10:00", "2025-04-01 10:00", "2026-03-31 18:00", "2026-03-10 10:00"].map(ms),
            "client_id" => ["C1", "C1", "C2", "C3"],
            "status" => ["done", "done", "done", "cancelled"],
        )
        .unwrap();
        let lines = df!(
            "visit_id" => ["V1", "V2", "V3", "V3", "V3", "V4"],
            "service_code" => ["A", "A", "A", "A", "B", "A"],
            "description" => ["x"; 6],
            "amount" => [1i64; 6],
            "qty" => [1.0, 1.0, 3.0, 1.0, 1.0, 1.0],
            "declined" => [false, false, false, true, false, false],
        )
        .unwrap();
        Model::empty()
            .with(Table::PriceList, typed(Table::PriceList, list))
            .with(Table::CompetitorPrices, typed(Table::CompetitorPrices, obs))
            .with(Table::Visits, typed(Table::Visits, visits))
            .with(Table::OrderLines, typed(Table::OrderLines, lines))
    }

    fn run(m: &Model) -> Vec<(String, DataFrame)> {
        tables(m, &Config::default(), period()).unwrap()
    }

    fn table<'a>(t: &'a [(String, DataFrame)], name: &str) -> &'a DataFrame {
        &t.iter().find(|(n, _)| n == name).unwrap().1
    }

    #[test]
    fn the_boundaries_of_the_spec() {
        let m = model(&[
            // A: X at 180 days is fresh (1100); X at 181 days is older (ignored even though
            // listed later). Y twice on the same day: the later row (900) wins over 800.
            // Z by description (no code), padded and in another case: 1200. W 1000 equal
            // to ours (not below). Fresh: 1100, 900, 1200, 1000 → sorted 900 1000 1100
            // 1200, even count: median (1000 + 1100) / 2 = 1050; index 100 × 1000 / 1050;
            // rank 1 + one price strictly below (900) = 2.
            (" X ", Some("A"), "", 1100, 180),
            ("X", Some("A"), "", 500, 181),
            ("Y", Some("A"), "", 800, 10),
            ("Y", Some("A"), "", 900, 10),
            ("Z", None, "  oil CHANGE ", 1200, 30),
            ("W", Some("A"), "", 1000, 0),
            // B: one price 1000 → index 100 × 950 / 1000 = 95 exactly: `at`.
            ("X", Some("B"), "", 1000, 5),
            // C: one price 1000 → index 105 exactly: `at`.
            ("X", Some("C"), "", 1000, 5),
            // D: 500 vs 1000 → 50, below; E: only 181 days old → no statistics.
            ("X", Some("D"), "", 1000, 5),
            ("X", Some("E"), "", 1000, 181),
            // Unmatched: unknown code with unknown description; one after the as-of date.
            ("Q", Some("ZZ"), "Painting", 3000, 3),
            ("Q", Some("A"), "", 1, -1),
        ]);
        let t = run(&m);
        let p = table(&t, "prices");
        assert_eq!(
            p.get_column_names()
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>(),
            [
                "service_code",
                "description",
                "our_price",
                "competitors",
                "min",
                "median",
                "max",
                "price_index",
                "rank",
                "position",
                "volume_12m",
                "revenue_gap"
            ]
        );
        assert_eq!(f64s(p, "competitors"), [4.0, 1.0, 1.0, 1.0, 0.0].map(Some));
        assert_eq!(f64s(p, "min")[0], Some(900.0));
        assert_eq!(f64s(p, "max")[0], Some(1200.0));
        assert_eq!(f64s(p, "median")[0], Some(1050.0));
        // Ranks: A 2 (900 below 1000); B 1 (1000 is above 950); C 2 (1000 below 1050); D 1;
        // E 1 without fresh prices.
        assert_eq!(f64s(p, "rank"), [2.0, 1.0, 2.0, 1.0, 1.0].map(Some));
        let idx = f64s(p, "price_index");
        assert_eq!(idx[0], Some(100.0 * 1000.0 / 1050.0));
        assert_eq!(&idx[1..], &[Some(95.0), Some(105.0), Some(50.0), None]);
        assert_eq!(
            strs(p, "position"),
            // A: 95.24 is within ±5 %: at.
            [Some("at"), Some("at"), Some("at"), Some("below"), None]
                .map(|s| s.map(str::to_string))
        );
        // A: V2 and V3's sold line (qty 3 counts once); V1 is 365 days old, V3's declined
        // line and cancelled V4 do not count → 2. Gap 2 × (1050 − 1000) = 100. B: V3 → 1,
        // gap 1 × (1000 − 950) = 50.
        assert_eq!(f64s(p, "volume_12m"), [2.0, 1.0, 0.0, 0.0, 0.0].map(Some));
        assert_eq!(
            f64s(p, "revenue_gap"),
            [Some(100.0), Some(50.0), Some(0.0), Some(0.0), None]
        );
        // C sold nothing against a median below its price: 0 × −50 is 0, not −0 (written
        // `-0` before).
        assert!(f64s(p, "revenue_gap")[2].unwrap().is_sign_positive());
        // Overall: (2 × 1000/10.5 + 1 × 95) / 3 over the priced services that sold.
        let s = table(&t, "prices_summary");
        assert_eq!(f64s(s, "services"), [Some(5.0)]);
        assert_eq!(f64s(s, "services_priced"), [Some(4.0)]);
        assert_eq!(f64s(s, "volume_12m"), [Some(3.0)]);
        let overall = f64s(s, "overall_index")[0].unwrap();
        assert!((overall - (2.0 * 100.0 * 1000.0 / 1050.0 + 95.0) / 3.0).abs() < 1e-12);
        let u = table(&t, "prices_unmatched");
        assert_eq!(strs(u, "service_code"), [Some("ZZ".to_string())]);
        assert_eq!(f64s(u, "price"), [Some(3000.0)]);
    }

    #[test]
    fn competitors_over_time_average_their_index() {
        // X in 2026-03: A 1100 vs 1000 → 110, B 1000 vs 950 → 100 × 1000 / 950; mean of
        // the two. X in 2025-10 (171 days before): D 400 vs 500 → 80.
        let m = model(&[
            ("X", Some("A"), "", 1100, 1),
            ("X", Some("B"), "", 1000, 2),
            ("X", Some("D"), "", 400, 171),
        ]);
        let t = run(&m);
        let c = table(&t, "prices_competitors");
        assert_eq!(
            strs(c, "month"),
            [Some("2025-10".to_string()), Some("2026-03".to_string())]
        );
        assert_eq!(f64s(c, "observations"), [Some(1.0), Some(2.0)]);
        let mean = f64s(c, "mean_index");
        assert_eq!(mean[0], Some(80.0));
        assert!((mean[1].unwrap() - (110.0 + 100_000.0 / 950.0) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn regression_no_fresh_competitor_price_is_said() {
        // As-of 2026-03-31, max age 180 days: 181 and 200 days old are too old (the later
        // of them, 181 days before, is 2025-10-01), −3 days is after the as-of date.
        let warn = |m: &Model| freshness_warning(m, 180, period()).unwrap();
        let m = model(&[
            ("X", Some("A"), "", 1000, 181),
            ("Y", Some("A"), "", 1000, 200),
            ("Z", Some("B"), "", 1000, -3),
        ]);
        let w = warn(&m).unwrap();
        assert_eq!(w.rows, 3);
        assert_eq!(
            w.message,
            crate::ingest::reasons::fill(
                crate::ingest::reasons::STALE_COMPETITORS,
                &["3", "2026-03-31", "2", "180", "2025-10-01", "1"]
            )
        );
        // Every one after the as-of date: the earliest is 2026-04-02.
        let m = model(&[
            ("X", Some("A"), "", 1000, -5),
            ("Y", Some("A"), "", 1000, -2),
        ]);
        assert_eq!(
            warn(&m).unwrap().message,
            crate::ingest::reasons::fill(
                crate::ingest::reasons::LATE_COMPETITORS,
                &["2", "2026-03-31", "2026-04-02"]
            )
        );
        // One fresh price (180 days old is fresh) is enough for no warning.
        let m = model(&[
            ("X", Some("A"), "", 1000, 181),
            ("Y", Some("A"), "", 1000, 180),
        ]);
        assert!(warn(&m).is_none());
        // No competitor prices at all: NO_COMPETITORS says so, not this.
        assert!(freshness_warning(&Model::empty(), 180, period())
            .unwrap()
            .is_none());
    }

    #[test]
    fn regression_descriptions_and_competitors_match_as_folded() {
        // Our A is «Oil change»: a non-breaking space (pasted from a web page), a double
        // space, other case and padding all find it. Before, only the last did.
        let m = model(&[
            ("P", None, "Oil\u{a0}change", 1100, 5),
            ("Q", None, "oil  change", 1200, 5),
            ("R", None, " OIL CHANGE ", 1300, 5),
            // One shop typed three ways (case, a space after №, spaces around it): one
            // competitor, its latest price 700 (2 days before) counts. «Гараж №1» is
            // written twice, so it is the name shown.
            ("Гараж №1", Some("B"), "", 500, 40),
            ("гараж №1", Some("B"), "", 550, 20),
            ("Гараж  № 1", Some("B"), "", 700, 2),
            ("Гараж №1", Some("C"), "", 900, 3),
            ("Мотор", Some("B"), "", 600, 2),
        ]);
        let t = run(&m);
        let p = table(&t, "prices");
        // A: 1100, 1200, 1300 → median 1200. B: 700 and 600 → median 650, index 100 ×
        // 950 / 650 = 146.15…; C: 900.
        assert_eq!(f64s(p, "competitors"), [3.0, 2.0, 1.0, 0.0, 0.0].map(Some));
        assert_eq!(
            f64s(p, "median")[..3],
            [Some(1200.0), Some(650.0), Some(900.0)]
        );
        assert_eq!(table(&t, "prices_unmatched").height(), 0);
        let c = table(&t, "prices_competitors");
        // The shop's rows of 2026-02 (40 days before) and 2026-03 under one name.
        let rows: Vec<String> = strs(c, "competitor")
            .into_iter()
            .zip(strs(c, "month"))
            .map(|(n, m)| format!("{} {}", n.unwrap(), m.unwrap()))
            .collect();
        assert_eq!(
            rows,
            [
                "P 2026-03",
                "Q 2026-03",
                "R 2026-03",
                "Гараж №1 2026-02",
                "Гараж №1 2026-03",
                "Мотор 2026-03"
            ]
        );
        // Ё as Е: «Балансировка колес» finds the price list's «Балансировка Колёс».
        let mut m = model(&[("X", None, "Балансировка колес", 1000, 5)]);
        m = m.with(
            crate::schema::Table::PriceList,
            typed(
                crate::schema::Table::PriceList,
                df!(
                    "service_code" => ["T"],
                    "description" => ["Балансировка Колёс"],
                    "price" => [100_000i64],
                )
                .unwrap(),
            ),
        );
        let t = run(&m);
        assert_eq!(f64s(table(&t, "prices"), "competitors"), [Some(1.0)]);
    }
}
