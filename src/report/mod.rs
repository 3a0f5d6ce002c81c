//! The report assembly, designed once for every section: a section declares the tables
//! (and, later, the charts) it produces; the registry lists the sections; `--only` picks
//! some; [`build`] runs them and [`write::write_report`] writes `OUT/YYYY-MM/` through a
//! temporary folder. The workbook and HTML renderers will read the same [`Built`] tables.

use std::sync::OnceLock;
use std::time::Instant;

use polars::prelude::*;

use crate::analytics::clients;
use crate::analytics::period::Period;
use crate::config::Config;
use crate::error::{Classified, ExitCode};
use crate::model::Model;

pub mod manifest;
pub mod write;

pub use manifest::{Manifest, Timing};

/// What a section works from.
pub struct Context<'a> {
    /// The typed model.
    pub model: &'a Model,
    /// The configuration (with the `--lang` override applied).
    pub config: &'a Config,
    /// The report period.
    pub period: Period,
    /// The customer-base model's scores, fitted by the first section that needs them
    /// (loyalty or win-back) and shared with the other: the fit is the dearest step of
    /// the client sections on a chain.
    clv: OnceLock<Result<clients::clv::Scores, String>>,
}

impl<'a> Context<'a> {
    /// The context of one report run.
    pub fn new(model: &'a Model, config: &'a Config, period: Period) -> Context<'a> {
        Context {
            model,
            config,
            period,
            clv: OnceLock::new(),
        }
    }

    /// The customer-base model's scores as of the period's end, fitted once per context.
    /// Sections running at the same time wait for the one fit rather than repeat it.
    pub fn clv_scores(&self) -> PolarsResult<&clients::clv::Scores> {
        self.clv
            .get_or_init(|| {
                clients::clv::scores(self.model, self.period.as_of).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|message| PolarsError::ComputeError(message.clone().into()))
    }
}

/// What a section produces. Charts will join the tables here.
#[derive(Default)]
pub struct SectionOutput {
    /// Named tables: (file stem, frame), written as `tables/<stem>.csv`, already sorted.
    pub tables: Vec<(String, DataFrame)>,
    /// Mail-merge lists: (file stem, frame), written as `lists/<stem>.csv`, already sorted.
    pub lists: Vec<(String, DataFrame)>,
    /// Survivable problems of the data the section met (companies' birthdays left out of
    /// the greetings), for the report's warnings.
    pub warnings: Vec<crate::ingest::Warning>,
}

impl From<crate::analytics::clients::Output> for SectionOutput {
    fn from(o: crate::analytics::clients::Output) -> SectionOutput {
        SectionOutput {
            tables: o.tables,
            lists: o.lists.into_iter().map(|l| (l.name, l.list)).collect(),
            warnings: o.warnings,
        }
    }
}

/// A section of the report.
#[derive(Debug)]
pub struct Section {
    /// The name used by `--only` (lower case, e.g. `management`).
    pub name: &'static str,
    /// One line saying what the section holds.
    pub about: &'static str,
    /// Produce the section's output.
    pub build: fn(&Context) -> PolarsResult<SectionOutput>,
}

/// A failure of the report assembly.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// `--only` named a section that does not exist.
    #[error("there is no report section named {name:?}: the sections are {known}; correct --only")]
    UnknownSection {
        /// The name given.
        name: String,
        /// The known names, comma-separated.
        known: String,
    },
    /// A section failed to compute.
    #[error("computing the report section `{section}` failed: {source}")]
    Section {
        /// The section.
        section: &'static str,
        /// The polars failure.
        #[source]
        source: PolarsError,
    },
    /// Two sections declared the same table.
    #[error("the table `{table}` is produced by both the `{first}` and the `{second}` section; this is a bug of stoa, please report it")]
    DuplicateTable {
        /// File stem.
        table: String,
        /// First section.
        first: &'static str,
        /// Second section.
        second: &'static str,
    },
    /// The workbook, charts or page could not be made; the error says what to do.
    #[error("{0}")]
    Render(#[from] crate::render::RenderError),
    /// The report's folder is taken by something that is not a stoa report, which the
    /// report would replace.
    #[error("{path} exists and is not a stoa report (it has no manifest.json of one), and the report would replace it: move it away, or choose another --out")]
    NotAReport {
        /// The report's folder.
        path: std::path::PathBuf,
    },
    /// A run of some sections would replace a report with a section the run leaves out.
    /// Not "fewer": `--only demand` over `--only management` writes as many sections as
    /// the old report has, but other ones, and was said to write fewer.
    #[error("{path} holds a report with the sections {old}, and this run of --only {new} would replace it with a report without {missing}: choose another --out for it (e.g. --out {path_hint}), or run every section")]
    FewerSections {
        /// The report's folder.
        path: std::path::PathBuf,
        /// The sections of the report there, comma-separated.
        old: String,
        /// The sections of this run, comma-separated.
        new: String,
        /// The old report's sections this run leaves out, comma-separated.
        missing: String,
        /// An --out that would not replace it.
        path_hint: String,
    },
    /// A report of one scope (the whole data, or one station) would replace a report of
    /// another: a station folder of `stoa split` reported on without `--station` replaced
    /// the chain's report of the month.
    #[error("{path} holds the report of {old}, and this run would replace it with the report of {new}: choose another --out for it (e.g. --out {path_hint}), or move that report away first")]
    OtherScope {
        /// The report's folder.
        path: std::path::PathBuf,
        /// Whose report is there: [`scope_words`].
        old: String,
        /// Whose report this run writes: [`scope_words`].
        new: String,
        /// An --out that would not replace it.
        path_hint: String,
    },
    /// Writing the report failed.
    #[error("cannot write {path}: {message}; check that the output folder is writable and has free space")]
    Write {
        /// The file or folder.
        path: std::path::PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// Whose report a manifest's `parameters.station` (`None`: the whole data; `""`: the part
/// of a chain without a station, scope `no-station`) makes, in
/// the words of [`ReportError::OtherScope`] (each has its Russian in
/// `render::i18n::errors`).
pub fn scope_words(station: Option<&str>) -> String {
    match station {
        Some("") => "the visits without a station".to_string(),
        Some(name) => format!("the station {name:?} alone"),
        None => "the whole data (the chain)".to_string(),
    }
}

impl ReportError {
    /// An unknown section or a report folder that may not be replaced is a usage error
    /// (2); anything else is I/O or internal (3).
    pub fn exit_code(&self) -> ExitCode {
        match self {
            ReportError::UnknownSection { .. }
            | ReportError::NotAReport { .. }
            | ReportError::FewerSections { .. }
            | ReportError::OtherScope { .. } => ExitCode::Usage,
            _ => ExitCode::Internal,
        }
    }
}

impl From<ReportError> for Classified {
    fn from(e: ReportError) -> Classified {
        Classified {
            code: e.exit_code(),
            message: e.to_string(),
        }
    }
}

/// Every section of the report, in report order.
///
/// ```
/// let names: Vec<_> = stoa::report::registry().iter().map(|s| s.name).collect();
/// assert!(names.contains(&"management"));
/// ```
pub fn registry() -> Vec<Section> {
    vec![Section {
        name: "management",
        about: "monthly KPIs, managers, mechanics, channels, agents, quality of service, bay load, feedback",
        build: |ctx| {
            Ok(SectionOutput {
                tables: crate::analytics::management::tables(ctx.model, ctx.config, ctx.period)?,
                ..Default::default()
            })
        },
    },
    Section {
        name: "demand",
        about: "demand by category and month, weekday × hour and bay load, seasonality, year over year, brand mix, new vs returning clients, 3-month forecast",
        build: |ctx| {
            Ok(SectionOutput {
                tables: crate::analytics::demand::tables(ctx.model, ctx.config, ctx.period)?,
                ..Default::default()
            })
        },
    },
    Section {
        name: "prices",
        about: "our prices against fresh competitor prices: index, rank, position, volume, revenue gap; unmatched rows; competitors over time",
        build: |ctx| {
            Ok(SectionOutput {
                tables: crate::analytics::prices::tables(ctx.model, ctx.config, ctx.period)?,
                ..Default::default()
            })
        },
    },
    Section {
        name: "loyalty",
        about: "regular clients, losing and one-away clients, the discount tiers and the loyalty list",
        build: |ctx| {
            Ok(
                clients::loyalty_section(ctx.model, ctx.config, ctx.period, || ctx.clv_scores())?
                    .into(),
            )
        },
    },
    Section {
        name: "service_due",
        about: "reminder services due by months or projected kilometres, overdue and upcoming, and the reminder list",
        build: |ctx| Ok(clients::service_due_section(ctx.model, ctx.config, ctx.period)?.into()),
    },
    Section {
        name: "greetings",
        about: "holidays and birthdays of the coming month and the consenting clients to greet",
        build: |ctx| Ok(clients::greetings_section(ctx.model, ctx.config, ctx.period)?.into()),
    },
    Section {
        name: "winback",
        about: "clients overdue by their own rhythm and declined work to follow up, with the call lists",
        build: |ctx| {
            Ok(
                clients::winback_section(ctx.model, ctx.config, ctx.period, || ctx.clv_scores())?
                    .into(),
            )
        },
    },
    Section {
        name: "retention",
        about: "cohort retention, 12-month retention, activity buckets over time and RFM segments",
        build: |ctx| Ok(clients::retention_section(ctx.model, ctx.period)?.into()),
    }]
}

/// The sections to run: all of them, or those named by `--only` (case-insensitive, in
/// report order, each once).
pub fn select(only: &[String]) -> Result<Vec<Section>, ReportError> {
    let all = registry();
    if only.is_empty() {
        return Ok(all);
    }
    let wanted: Vec<String> = only.iter().map(|s| s.trim().to_lowercase()).collect();
    if let Some(bad) = wanted
        .iter()
        .find(|w| !all.iter().any(|s| s.name == w.as_str()))
    {
        let known: Vec<_> = all.iter().map(|s| s.name).collect();
        return Err(ReportError::UnknownSection {
            name: bad.clone(),
            known: known.join(", "),
        });
    }
    Ok(all
        .into_iter()
        .filter(|s| wanted.iter().any(|w| w == s.name))
        .collect())
}

/// The tables of a run and the time each section took.
pub struct Built {
    /// All tables in section order, each with its file stem.
    pub tables: Vec<(String, DataFrame)>,
    /// All mail-merge lists in section order, each with its file stem.
    pub lists: Vec<(String, DataFrame)>,
    /// The sections' warnings, in section order.
    pub warnings: Vec<crate::ingest::Warning>,
    /// One timing per section, named `section:<name>`.
    pub timings: Vec<Timing>,
}

/// Run the sections.
pub fn build(sections: &[Section], ctx: &Context) -> Result<Built, ReportError> {
    let mut tables: Vec<(String, DataFrame)> = Vec::new();
    let mut lists: Vec<(String, DataFrame)> = Vec::new();
    let mut warnings = Vec::new();
    let mut owner: Vec<&'static str> = Vec::new();
    let mut timings = Vec::new();
    for (section, (out, timing)) in sections.iter().zip(run_all(sections, ctx)) {
        let out = out.map_err(|source| ReportError::Section {
            section: section.name,
            source,
        })?;
        for (name, frame) in out.tables {
            if let Some(i) = tables.iter().position(|(n, _)| *n == name) {
                return Err(ReportError::DuplicateTable {
                    table: name,
                    first: owner[i],
                    second: section.name,
                });
            }
            tables.push((name, frame));
            owner.push(section.name);
        }
        lists.extend(out.lists);
        warnings.extend(out.warnings);
        timings.push(timing);
    }
    Ok(Built {
        tables,
        lists,
        warnings,
        timings,
    })
}

/// Sections computed at once: many of polars' steps (sorts of strings, group-bys into
/// many small groups, the model fit) keep one core busy, so sections side by side use
/// both cores of a small machine. Three rather than two: win-back waits for the
/// customer-base model that loyalty fits, and a section in a step of one core leaves the
/// other core to polars, so with two workers a core often stood idle; with a third the
/// Parquet chain's report took 0.25 s less on average over ten pairs on two cores (8 of
/// 10 faster), at a peak no higher (docs/performance.md, session 42). Each output comes
/// back in section order with its time; the outputs are the same as one after the other
/// (the sections only read the context).
const WORKERS: usize = 3;

/// A section's output and its time.
type Ran = (PolarsResult<SectionOutput>, Timing);

/// The order sections are started in: the longest first (as measured on the chain set),
/// so that the workers finish together instead of one waiting on a long section started
/// last. Loyalty starts first because it fits the customer-base model win-back waits for.
const START_ORDER: [&str; 8] = [
    "loyalty",
    "service_due",
    "demand",
    "winback",
    "retention",
    "management",
    "greetings",
    "prices",
];

fn run_all(sections: &[Section], ctx: &Context) -> Vec<Ran> {
    // Earlier in START_ORDER is "larger"; sections not listed start last, in report order.
    let rank = |s: &Section| START_ORDER.iter().position(|n| *n == s.name);
    let size = |s: &Section| START_ORDER.len() - rank(s).unwrap_or(START_ORDER.len());
    crate::parallel::map_largest_first(sections, WORKERS, size, |section| {
        let start = Instant::now();
        let out = (section.build)(ctx);
        (
            out,
            Timing::since(&format!("section:{}", section.name), start),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_run_side_by_side_come_back_in_report_order() {
        let model = crate::analytics::management::testdata::station();
        let config = Config::default();
        let period = Period::new(crate::analytics::period::Month::new(2026, 3).unwrap());
        let all = select(&[]).unwrap();
        let together = build(&all, &Context::new(&model, &config, period)).unwrap();
        // One section at a time, in report order, each in a fresh context.
        let mut one_by_one = Vec::new();
        for section in &all {
            let ctx = Context::new(&model, &config, period);
            let out = (section.build)(&ctx).unwrap();
            one_by_one.extend(out.tables);
        }
        assert_eq!(together.tables.len(), one_by_one.len());
        for ((a, x), (b, y)) in together.tables.iter().zip(&one_by_one) {
            assert_eq!(a, b);
            assert!(x.equals_missing(y), "{a} differs");
        }
        let stages: Vec<_> = together.timings.iter().map(|t| t.stage.clone()).collect();
        let names: Vec<_> = all.iter().map(|s| format!("section:{}", s.name)).collect();
        assert_eq!(stages, names);
    }

    #[test]
    fn the_management_section_writes_the_kpi_contract() {
        let model = crate::analytics::management::testdata::station();
        let config = Config::default();
        let period = Period::new(crate::analytics::period::Month::new(2026, 3).unwrap());
        let ctx = Context::new(&model, &config, period);
        let built = build(&select(&["management".to_string()]).unwrap(), &ctx).unwrap();
        let names: Vec<_> = built.tables.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "kpi",
                "managers",
                "mechanics",
                "channels",
                "agents",
                "quality",
                "turnaround",
                "comebacks",
                "no_shows",
                "load_weekly",
                "feedback"
            ]
        );
        assert_eq!(built.timings[0].stage, "section:management");
        let dir = tempfile::tempdir().unwrap();
        let manifest = Manifest {
            as_of: period.as_of.to_string(),
            month: period.month.to_string(),
            version: "test".into(),
            parameters: serde_json::json!({}),
            inputs: vec![],
            rows_rejected: 0,
            warnings: vec![],
            outputs: vec![],
            timings: built.timings.clone(),
        };
        let out = write::write_report(
            dir.path(),
            period.month,
            &built.tables,
            write::Lists {
                frames: &built.lists,
                lang: crate::cli::Lang::En,
            },
            &DataFrame::empty(),
            manifest,
        )
        .unwrap();
        let kpi = std::fs::read_to_string(out.join("tables/kpi.csv")).unwrap();
        let lines: Vec<&str> = kpi.lines().collect();
        assert_eq!(lines.len(), 1 + 17 * 3);
        assert_eq!(lines[0], "metric,month,value");
        // Values from `testdata::station` (see the KPI tests): empty when not computable,
        // counts without a decimal point, fractions in full precision.
        for row in [
            "aro,2025-03,",
            "aro,2026-03,1166.6666666666667",
            "close_ratio,2026-03,0.7777777777777778",
            "gross_profit,2026-02,",
            "gp_margin,2026-03,0.5333333333333333",
            "revenue,2026-02,0",
            "revenue,2026-03,3500",
            "visits,2026-03,4",
        ] {
            assert!(lines.contains(&row), "{row} missing from\n{kpi}");
        }
        let comebacks = std::fs::read_to_string(out.join("tables/comebacks.csv")).unwrap();
        assert_eq!(comebacks, "visit_id,vehicle,date,comeback_visit_id,comeback_date,days\nV1,VIN1,2026-03-01,V3,2026-03-31,30\n");
        // retention_12m is empty: its base, 2024-04 … 2025-03, begins before the data.
        let managers = std::fs::read_to_string(out.join("tables/managers.csv")).unwrap();
        assert_eq!(
            managers,
            "manager,visits,clients,revenue,aro,retention_12m,on_time_rate,comeback_rate,feedback_mean\n\
             Anna,2,2,1500,1500,,1,0.5,4\n\
             Boris,1,1,2000,2000,,0,0,5\n"
        );
    }

    #[test]
    fn only_filters_and_rejects_unknown_sections() {
        assert_eq!(select(&[]).unwrap().len(), registry().len());
        let picked = select(&[" Management ".to_string()]).unwrap();
        assert_eq!(
            picked.iter().map(|s| s.name).collect::<Vec<_>>(),
            ["management"]
        );
        let err = select(&["managment".to_string()]).unwrap_err();
        assert_eq!(err.exit_code(), ExitCode::Usage);
        let text = err.to_string();
        assert!(
            text.contains("\"managment\"") && text.contains("management"),
            "{text}"
        );
    }
}
