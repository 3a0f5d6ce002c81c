//! The report people read: the workbook, the charts and the HTML page, all drawn from the
//! same tables the CSVs are written from. The renderers are generic over the tables: a
//! table's presentation (sheet name, column labels, number formats) is inferred from its
//! stem, its column names and dtypes, so a new section renders without renderer changes;
//! [`i18n`] holds the words in both languages.

use std::io::IsTerminal;
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use polars::prelude::*;

use crate::analytics::management::{facts, units};
use crate::analytics::period::{Month, Period};
use crate::cli::Lang;
use crate::ingest::Warning;
use crate::model::Model;

mod cell;
pub mod charts;
pub mod definitions;
pub mod html;
pub mod i18n;
pub mod lists;
pub mod order;
pub mod xlsx;

pub use cell::{cells, ids_as_text, names_not_counts, settled, significant, table_cells, Cell};

/// Everything the renderers read.
pub struct RenderInput<'a> {
    /// The report's tables in section order (file stem, frame), as written to `tables/`.
    pub tables: &'a [(String, DataFrame)],
    /// The rejected input rows (`tables/rejects.csv`).
    pub rejects: &'a DataFrame,
    /// The survivable problems of the inputs.
    pub warnings: &'a [Warning],
    /// The report period.
    pub period: Period,
    /// The station's name for the title rows.
    pub station: &'a str,
    /// The currency code shown beside money (e.g. `RUB`).
    pub currency: &'a str,
    /// The settings the report was made with, which its definitions state.
    pub settings: definitions::Settings,
    /// The language of every label.
    pub lang: Lang,
}

impl RenderInput<'_> {
    /// The table of a stem, when the sections produced it.
    pub fn table(&self, stem: &str) -> Option<&DataFrame> {
        self.tables.iter().find(|(s, _)| s == stem).map(|(_, d)| d)
    }
}

/// A failure to render.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The workbook could not be written to its file.
    #[error("writing the workbook {path} failed: {message}; check that the output folder is writable and has free space")]
    Workbook {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The workbook refused a value (a bug: values past Excel's limits, such as rows
    /// beyond a sheet, long texts and dates before 1900, are adapted before they reach it).
    #[error("building the workbook {path} failed: {message}; this is a bug of stoa, please report it with the data that caused it (the CSVs in tables/ are not affected)")]
    WorkbookContent {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A chart could not be drawn or saved.
    #[error("drawing the chart {path} failed: {message}")]
    Chart {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {message}; check that the output folder is writable and has free space")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Reading a table to render it failed (a bug: the tables were computed already).
    #[error("reading the table `{table}` to render it failed: {source}")]
    Table {
        /// File stem.
        table: String,
        /// The polars failure.
        #[source]
        source: PolarsError,
    },
}

/// How a column is shown, inferred from its name and dtype (see [`ColumnKind::of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Currency units with two decimals.
    Money,
    /// A fraction shown as a percent.
    Rate,
    /// A calendar date.
    Date,
    /// A whole number.
    Integer,
    /// A number that names a place rather than counts: the row of the user's file where a
    /// rejected row is, written as Excel numbers its rows (1464, not 1 464).
    Ordinal,
    /// Any other number.
    Number,
    /// Text (also months `YYYY-MM` and booleans).
    Text,
}

/// Columns that hold money although their name says nothing of it.
const MONEY_NAMES: [&str; 12] = [
    "aro",
    "commission",
    "gross_profit",
    "elr",
    "our_price",
    "min",
    "median",
    "max",
    "amount",
    "monetary",
    "expected_spend",
    "clv",
];

/// Columns that hold fractions although their name says nothing of it.
const RATE_NAMES: [&str; 9] = [
    "share",
    "load",
    "gp_margin",
    "retained",
    "close_ratio",
    "p_alive",
    "mape",
    "mape_seasonal_naive",
    "retention",
];

impl ColumnKind {
    /// The decimals of one a value of this kind is shown with: money and other numbers
    /// two, a rate one decimal of its percent (three of one), whole numbers none. What
    /// rounds to zero there is shown as an unsigned zero ([`settled`]).
    pub fn decimals(self) -> i32 {
        match self {
            ColumnKind::Money | ColumnKind::Number => 2,
            ColumnKind::Rate => 3,
            _ => 0,
        }
    }

    /// The kind of a column: dates by dtype; money by name (`revenue…`, `…_revenue`,
    /// `avg_…`, `…_price`, `…_gap` and [`MONEY_NAMES`]); rates by name (`…_rate`,
    /// `…_share`, `…_change`, `retention…` and [`RATE_NAMES`]); other numbers by dtype.
    pub fn of(name: &str, dtype: &DataType) -> ColumnKind {
        if matches!(dtype, DataType::Date | DataType::Datetime(_, _)) {
            return ColumnKind::Date;
        }
        // An id held as a number names a row, it counts nothing (see [`ids_as_text`]).
        if !dtype.is_primitive_numeric() || names_not_counts(name) {
            return ColumnKind::Text;
        }
        let money = name.contains("revenue")
            || name.starts_with("avg_")
            || name.ends_with("_price")
            || name.ends_with("_gap")
            || MONEY_NAMES.contains(&name);
        let rate = name.ends_with("_rate")
            || name.ends_with("_share")
            || name.ends_with("_change")
            || name.starts_with("retention")
            || RATE_NAMES.contains(&name);
        if name == "row" {
            ColumnKind::Ordinal
        } else if rate {
            ColumnKind::Rate
        } else if money {
            ColumnKind::Money
        } else if dtype.is_integer() {
            ColumnKind::Integer
        } else {
            ColumnKind::Number
        }
    }
}

/// The kind of a KPI by its metric name (the `value` column of `kpi.csv` mixes kinds).
pub fn metric_kind(metric: &str) -> ColumnKind {
    match ColumnKind::of(metric, &DataType::Float64) {
        ColumnKind::Number if matches!(metric, "hours_per_visit" | "feedback_mean") => {
            ColumnKind::Number
        }
        ColumnKind::Number => ColumnKind::Integer,
        kind => kind,
    }
}

/// The monthly series behind the 24-month charts: `month` (`YYYY-MM`), `visits` (done
/// visits), `revenue` (sum of the sold lines, currency units) for the 24 months up to M,
/// months without visits included with zeros, months before the data's first empty.
/// Written as `tables/monthly.csv`.
pub fn monthly(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let months: Vec<Month> = (0..24).rev().map(|k| period.month.shift(-k)).collect();
    let all = df!("month" => months.iter().map(|m| m.to_string()).collect::<Vec<_>>())?;
    // Added up by day first: the month's text is then made for a few hundred days instead
    // of for each of millions of lines (chrono's formatting, row by row).
    let by_month = |days: LazyFrame, value: &str| {
        days.group_by([col("date").dt().to_string("%Y-%m").alias("month")])
            .agg([col(value).sum()])
    };
    let visits = by_month(
        facts::done_visits(model)
            .filter(facts::in_months(col("date"), &months))
            .group_by([col("date")])
            .agg([len().cast(DataType::Int64).alias("visits")]),
        "visits",
    );
    let revenue = by_month(
        facts::done_lines(model)
            .filter(facts::in_months(col("date"), &months).and(col("sold")))
            .group_by([col("date")])
            .agg([col("amount").sum().alias("kopecks")]),
        "kopecks",
    );
    // A month before the data's first is unknown, not zero (as kpi.csv has it): the
    // Summary's 24-month charts drew a year of zero revenue before the station's data.
    let first = crate::analytics::period::data_start(model)?
        .map_or(String::new(), |d| Month::of(d).to_string());
    let known = |e: Expr| {
        when(col("month").gt_eq(lit(first.clone())))
            .then(e)
            .otherwise(lit(NULL))
    };
    all.lazy()
        .join(
            visits,
            [col("month")],
            [col("month")],
            JoinArgs::new(JoinType::Left),
        )
        .join(
            revenue,
            [col("month")],
            [col("month")],
            JoinArgs::new(JoinType::Left),
        )
        .select([
            col("month"),
            known(col("visits").fill_null(lit(0i64))).alias("visits"),
            known(units(col("kopecks").fill_null(lit(0i64)))).alias("revenue"),
        ])
        .sort(["month"], Default::default())
        .collect()
}

/// A progress bar over the render stages on stderr, hidden when stderr is not a terminal
/// or `quiet` is set (a log file should not fill with redraws).
pub fn progress(stages: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(stages);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}

/// A spinner with a message on stderr for a stage without steps to count (reading the
/// data, computing the sections); hidden like [`progress`].
pub fn spinner(message: &'static str, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner().with_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Render the workbook, the charts and the page into `dir` (the report's temporary
/// folder). Returns the files written, relative to `dir`, sorted, with the workbook's save
/// left to run (see [`crate::report::write::Rendered`]): it is one long compression on one
/// thread, and the CSVs are written beside it.
pub fn render<'a>(
    dir: &Path,
    input: &RenderInput,
    quiet: bool,
) -> Result<crate::report::write::Rendered<'a>, RenderError> {
    let bar = progress(3, quiet);
    let mut outputs = Vec::new();
    // Rows sorted by a code (channels, categories) are shown in the order of their words.
    let shown = order::shown(input.tables, input.lang).map_err(|source| RenderError::Table {
        table: "channels, demand".to_string(),
        source,
    })?;
    let input = &RenderInput {
        tables: &shown,
        ..*input
    };
    // The workbook's sheets are the dearest part on a chain, and they need nothing the
    // charts and the page make: they are built on a thread of their own while this one
    // draws the charts and the page.
    let (workbook, drawn) = std::thread::scope(|scope| {
        let workbook = scope.spawn(|| xlsx::build(&dir.join("report.xlsx"), input));
        bar.set_message(i18n::t(input.lang, "ui.stage_charts"));
        let drawn = charts::draw_all(dir, input).and_then(|drawn| {
            bar.inc(1);
            let page = html::page(input, &drawn)?;
            let path = dir.join("report.html");
            std::fs::write(&path, page).map_err(|e| RenderError::Io {
                path,
                message: e.to_string(),
            })?;
            bar.inc(1);
            bar.set_message(i18n::t(input.lang, "ui.stage_workbook"));
            Ok(drawn)
        });
        let workbook = workbook.join().unwrap_or_else(|_| {
            Err(RenderError::Io {
                path: dir.join("report.xlsx"),
                message: "the workbook writer stopped unexpectedly".to_string(),
            })
        });
        (workbook, drawn)
    });
    let drawn = drawn?;
    let workbook = workbook?;
    for chart in &drawn {
        outputs.push(format!("charts/{}.svg", chart.id));
        outputs.push(format!("charts/{}.png", chart.id));
    }
    outputs.push("report.html".to_string());
    outputs.sort();
    let finish: crate::report::write::Finish<'a> = Box::new(move || {
        let saved = workbook.save().map_err(crate::report::ReportError::Render);
        bar.inc(1);
        bar.finish_and_clear();
        saved.map(|()| vec!["report.xlsx".to_string()])
    });
    Ok(crate::report::write::Rendered {
        files: outputs,
        finish: Some(finish),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_kinds_come_from_names_and_dtypes() {
        let f = DataType::Float64;
        let i = DataType::Int64;
        assert_eq!(ColumnKind::of("revenue", &f), ColumnKind::Money);
        assert_eq!(ColumnKind::of("labour_revenue", &f), ColumnKind::Money);
        assert_eq!(ColumnKind::of("avg_order_12m", &f), ColumnKind::Money);
        assert_eq!(ColumnKind::of("on_time_rate", &f), ColumnKind::Rate);
        assert_eq!(ColumnKind::of("cumulative_share", &f), ColumnKind::Rate);
        assert_eq!(ColumnKind::of("retention_12m", &f), ColumnKind::Rate);
        assert_eq!(ColumnKind::of("visits", &i), ColumnKind::Integer);
        assert_eq!(ColumnKind::of("row", &i), ColumnKind::Ordinal);
        assert_eq!(ColumnKind::of("norm_hours", &f), ColumnKind::Number);
        assert_eq!(ColumnKind::of("week", &DataType::Date), ColumnKind::Date);
        assert_eq!(ColumnKind::of("month", &DataType::String), ColumnKind::Text);
        assert_eq!(metric_kind("visits"), ColumnKind::Integer);
        assert_eq!(metric_kind("aro"), ColumnKind::Money);
        assert_eq!(metric_kind("gp_margin"), ColumnKind::Rate);
        assert_eq!(metric_kind("hours_per_visit"), ColumnKind::Number);
    }

    #[test]
    fn the_monthly_series_has_24_months_with_zeros_and_none_before_the_data() {
        let model = crate::analytics::management::testdata::station();
        let period = Period::new(Month::new(2026, 3).unwrap());
        let m = monthly(&model, period).unwrap();
        assert_eq!(m.height(), 24);
        let month = m.column("month").unwrap().str().unwrap();
        assert_eq!(month.get(0), Some("2024-04"));
        assert_eq!(month.get(23), Some("2026-03"));
        // March 2026 of the test station: 4 done visits, 3 500.00 of revenue (the KPI test);
        // February has no visit, so zeros rather than a gap.
        let visits = m.column("visits").unwrap().i64().unwrap();
        let revenue = m.column("revenue").unwrap().f64().unwrap();
        assert_eq!((visits.get(23), revenue.get(23)), (Some(4), Some(3500.0)));
        assert_eq!((visits.get(22), revenue.get(22)), (Some(0), Some(0.0)));
        // Regression: the months before the first visit (V9, 2024-12) are unknown, not
        // zeros; the Summary's charts drew eight months of nothing before the data.
        assert_eq!((visits.get(7), revenue.get(7)), (None, None));
        assert_eq!((visits.get(8), revenue.get(8)), (Some(1), Some(100.0)));
    }
}
