//! The monthly management report (SPEC §4 *Management KPIs*, on-time, turnaround,
//! comebacks, managers, mechanics, channels, agents; §4.1): pure functions from the typed
//! model and the report period to the section's tables. No I/O here; `crate::report`
//! writes what [`tables`] returns.
//!
//! The per-visit figures are computed once ([`facts::visit_facts`] over M, M−1 and M−12)
//! and every table aggregates them, so all tables share one reading of the definitions.

use polars::prelude::*;

use crate::analytics::period::{Month, Period};
use crate::config::Config;
use crate::model::Model;

pub mod agents;
pub mod channels;
pub mod facts;
pub mod feedback;
pub mod kpi;
pub mod load;
pub mod quality;
pub mod staff;

/// The collected facts the tables of the section share: the visit facts and the no-show
/// visits of M, M−1 and M−12 (each with a `month` column).
pub struct Facts {
    /// The report period.
    pub period: Period,
    /// [`facts::visit_facts`] of the three compared months.
    pub visits: DataFrame,
    /// [`facts::window_lines`] of the three compared months.
    pub lines: DataFrame,
    /// [`facts::no_show_visits`] of the three compared months.
    pub no_shows: DataFrame,
    /// The month of the data's first visit: a compared month before it (M−12 of a data
    /// set of a few months) has figures that cannot be computed, not zeros.
    pub first_month: Option<Month>,
    /// Each compared month's feedback scales, station by station ([`feedback::scales`]).
    pub scales: Vec<feedback::MonthScale>,
}

impl Facts {
    /// Compute the facts of a period (the one heavy pass over the model).
    pub fn compute(model: &Model, period: Period) -> PolarsResult<Facts> {
        let months = period.compared();
        let lines = facts::window_lines(model, &months).collect()?;
        let visits = facts::visit_facts_with(model, &months, lines.clone().lazy())?.collect()?;
        let group = feedback::scale_group(model)?;
        let scales = feedback::scales_by(model, &months, &group)?;
        // Each visit carries its station's scale, for the mean of any group
        // of visits.
        let ten_point = feedback::ten_point_visits(model, &scales, group.0)?;
        let visits = visits
            .lazy()
            .left_join(ten_point.lazy(), col("visit_id"), col("visit_id"))
            .with_column(col("ten_point").fill_null(lit(false)))
            .sort(["visit_id"], SortMultipleOptions::default())
            .collect()?;
        Ok(Facts {
            period,
            visits,
            scales,
            lines,
            no_shows: facts::no_show_visits(model, &months).collect()?,
            first_month: crate::analytics::period::data_start(model)?.map(Month::of),
        })
    }

    /// Whether `month` lies before the data's first visit: its figures are unknown.
    pub fn before_data(&self, month: Month) -> bool {
        self.first_month.is_some_and(|first| month < first)
    }

    /// The feedback scale of a compared month: `Some(true)` for 0–10, `Some(false)` for
    /// 1–5, None without scores or when the stations of a chain read theirs on
    /// different scales ([`Facts::mixed_scales`]).
    pub fn scale_of(&self, month: Month) -> Option<bool> {
        self.scales
            .iter()
            .find(|m| m.month == month)
            .and_then(feedback::MonthScale::ten)
    }

    /// Whether the stations of a chain read `month`'s scores on different scales.
    pub fn mixed_scales(&self, month: Month) -> bool {
        self.scales.iter().any(|m| m.month == month && m.mixed())
    }

    /// The visit facts of one month.
    pub fn visits_of(&self, month: Month) -> LazyFrame {
        self.visits
            .clone()
            .lazy()
            .filter(col("month").eq(lit(month.to_string())))
    }

    /// The no-show visits of one month.
    pub fn no_shows_of(&self, month: Month) -> LazyFrame {
        self.no_shows
            .clone()
            .lazy()
            .filter(col("month").eq(lit(month.to_string())))
    }
}

/// Every table of the management section, named by file stem, in a fixed order.
///
/// The per-staff, channel and agent tables cover the report month M; `kpi`, `quality` and
/// `feedback` cover M, M−1 and M−12; `turnaround`, `comebacks`, `no_shows` and
/// `load_weekly` cover M.
pub fn tables(
    model: &Model,
    config: &Config,
    period: Period,
) -> PolarsResult<Vec<(String, DataFrame)>> {
    let f = Facts::compute(model, period)?;
    let named = |name: &str, df: DataFrame| (name.to_string(), df);
    let hours = crate::model::norm_hours_known(model)?;
    let kpi = kpi::kpi_table(&f)?;
    let kpi = match hours {
        true => kpi,
        false => kpi
            .lazy()
            .with_column(
                when(col("metric").eq(lit("hours_per_visit")))
                    .then(lit(NULL).cast(DataType::Float64))
                    .otherwise(col("value"))
                    .alias("value"),
            )
            .collect()?,
    };
    let unknown = crate::model::hours_unknown;
    Ok(vec![
        named("kpi", kpi),
        named("managers", staff::managers(model, &f)?),
        named(
            "mechanics",
            unknown(staff::mechanics(&f)?, hours, &["norm_hours"])?,
        ),
        named("channels", channels::channels(&f)?),
        named("agents", agents::agents(model, &f)?),
        named("quality", quality::quality(&f)?),
        named("turnaround", quality::turnaround(&f)?),
        named("comebacks", quality::comebacks(model, &f)?),
        named("no_shows", quality::no_shows(&f)?),
        named(
            "load_weekly",
            unknown(
                load::load_weekly(&f, &config.capacity)?,
                hours,
                &["norm_hours", "load"],
            )?,
        ),
        named("feedback", feedback::feedback(model, &f)?),
    ])
}

/// `num / den` as Float64, correctly rounded.
///
/// polars 0.55 divides a float column by a broadcast scalar by multiplying with the
/// scalar's reciprocal, which is off by one unit in the last place for about one value in
/// seven (`123456 / 100` would print as `1234.5600000000002`). Giving the divisor the
/// numerator's length (`num × 0 + den`, exact for finite numbers) makes polars divide
/// element by element, which IEEE rounds correctly.
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::management::exact_div;
/// let df = df!("k" => [123_456i64, 7]).unwrap();
/// let out = df.lazy().select([exact_div(col("k"), lit(100.0))]).collect().unwrap();
/// let v: Vec<_> = out.column("k").unwrap().f64().unwrap().iter().flatten().collect();
/// assert_eq!(v, [1234.56, 0.07]);
/// ```
pub fn exact_div(num: Expr, den: Expr) -> Expr {
    let num = num.cast(DataType::Float64);
    num.clone() / (num * lit(0.0) + den.cast(DataType::Float64))
}

/// Kopecks (Int64) to currency units, exactly: [`crate::model::rub`].
pub fn units(kopecks: Expr) -> Expr {
    crate::model::rub(kopecks)
}

/// `num / den` as Float64, empty when the denominator is zero or empty (SPEC §4.1: a
/// figure with a zero denominator is empty).
pub fn ratio(num: Expr, den: Expr) -> Expr {
    when(den.clone().eq(lit(0)))
        .then(lit(NULL).cast(DataType::Float64))
        .otherwise(exact_div(num, den))
}

/// The figures shared by the KPI, manager and channel tables, as aggregations over visit
/// facts (they work in `select` for a whole month and in `agg` for a group).
pub mod figure {
    use super::*;

    /// Number of done visits.
    pub fn visits() -> Expr {
        len().cast(DataType::Int64).alias("visits")
    }

    /// Distinct clients.
    pub fn clients(name: &str) -> Expr {
        col("client_id")
            .n_unique()
            .cast(DataType::Int64)
            .alias(name)
    }

    /// Revenue in currency units: Σ amount of sold lines.
    pub fn revenue() -> Expr {
        units(col("revenue").sum()).alias("revenue")
    }

    /// Average repair order: revenue / visits with at least one sold line.
    pub fn aro() -> Expr {
        let with_sold = col("sold_lines").gt(lit(0)).cast(DataType::Int64).sum();
        ratio(units(col("revenue").sum()), with_sold).alias("aro")
    }

    /// On-time rate: visits closed by the promised time / visits with both times.
    pub fn on_time_rate() -> Expr {
        ratio(
            col("on_time").cast(DataType::Int64).sum(),
            col("on_time").count(),
        )
        .alias("on_time_rate")
    }

    /// Comeback rate: visits followed by a warranty event within 30 days / visits.
    pub fn comeback_rate() -> Expr {
        ratio(col("comeback").cast(DataType::Int64).sum(), len()).alias("comeback_rate")
    }

    /// Plain mean of the feedback scores of the visits; of a station read on 1–5, of the
    /// scores within 1–5 (as `feedback.csv`'s `mean`). Empty when the visits' scores are
    /// read on different scales (the stations of a chain month, one on 1–5 and one on
    /// 0–10): 4.5 of 5 and 8.2 of 10 have no mean.
    pub fn feedback_mean() -> Expr {
        let scored_on = |ten: Expr| {
            when(ten)
                .then(col("score_n"))
                .otherwise(lit(0i64))
                .sum()
                .gt(lit(0))
        };
        let on_ten = scored_on(col("ten_point"));
        when(on_ten.clone().and(scored_on(col("ten_point").not())))
            .then(lit(NULL).cast(DataType::Float64))
            .when(on_ten)
            .then(ratio(col("score_sum").sum(), col("score_n").sum()))
            .otherwise(ratio(col("scale_sum").sum(), col("scale_n").sum()))
            .alias("feedback_mean")
    }
}

/// `row` (one month's figures) with every column but `keep` empty, of the same type: the
/// figures of a month before the data's first, which are unknown, not zero.
pub(crate) fn unknown_but(row: LazyFrame, keep: &str) -> LazyFrame {
    let names: Vec<String> = match row.clone().collect_schema() {
        Ok(schema) => schema.iter_names().map(|n| n.to_string()).collect(),
        Err(_) => return row,
    };
    row.select(
        names
            .iter()
            .map(|n| match n.as_str() == keep {
                true => col(n.as_str()),
                false => when(lit(false))
                    .then(col(n.as_str()))
                    .otherwise(lit(NULL))
                    .alias(n.as_str()),
            })
            .collect::<Vec<_>>(),
    )
}

#[cfg(test)]
pub(crate) mod testdata;
