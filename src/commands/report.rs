//! `stoa report`: load the configuration and the data, choose the report month, run the
//! sections and write `OUT/YYYY-MM/`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;

use crate::analytics::period::{self, DataSpan, Period};
use crate::cli::ReportArgs;
use crate::config::Config;
use crate::error::Classified;
use crate::ingest::Ingested;
use crate::report::{self, write, Context, Manifest, Timing};

/// Run `stoa report`.
pub fn run(args: &ReportArgs) -> anyhow::Result<()> {
    // A wrong --only is found before the data is read.
    let sections = report::select(&args.only).map_err(Classified::from)?;
    let mut timings = Vec::new();

    let start = Instant::now();
    let mut config = Config::load(args.config.as_deref(), &args.data)?;
    if let Some(lang) = args.lang {
        config.language = lang;
    }
    let spinner = crate::render::spinner(
        crate::render::i18n::t(config.language, "ui.stage_ingest"),
        args.quiet,
    );
    let ingested = crate::ingest::load(&args.data, &config);
    spinner.finish_and_clear();
    let ingested = ingested?;
    timings.push(Timing::since("ingest", start));
    let (dir, period) = report_from(args, &config, &ingested, &sections, &mut timings)?;

    if args.verbose && !args.quiet {
        for t in &timings {
            eprintln!("{:>8} ms  {}", t.ms, t.stage);
        }
    }
    if !args.quiet {
        println!(
            "The report for {} (as of {}) is in {}",
            period.month,
            period.as_of,
            dir.display()
        );
    }
    Ok(())
}

/// Everything after ingest: choose the period, run the sections, write the report.
/// Returns the report folder and the period; `timings` gains the section and write stages.
fn report_from(
    args: &ReportArgs,
    config: &Config,
    ingested: &Ingested,
    sections: &[report::Section],
    timings: &mut Vec<Timing>,
) -> anyhow::Result<(PathBuf, Period)> {
    let span = DataSpan::of(&ingested.model).context("reading the dates of the visits failed")?;
    let period = period::choose(span, args.month.as_deref()).map_err(|e| Classified {
        code: e.exit_code(),
        message: e.to_string(),
    })?;

    let ctx = Context::new(&ingested.model, config, period);
    let spinner = crate::render::spinner(
        crate::render::i18n::t(config.language, "ui.stage_sections"),
        args.quiet,
    );
    let built = report::build(sections, &ctx);
    spinner.finish_and_clear();
    let mut built = built.map_err(Classified::from)?;
    timings.extend(built.timings);
    // The 24-month series behind the Summary charts, a table like the others.
    let monthly = crate::render::monthly(&ingested.model, period)
        .context("computing the monthly revenue and visits failed")?;
    built.tables.push(("monthly".to_string(), monthly));

    let rows_rejected = ingested.inputs.iter().map(|i| i.rows_rejected).sum();
    let manifest = Manifest {
        as_of: period.as_of.format("%Y-%m-%d").to_string(),
        month: period.month.to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        parameters: serde_json::json!({
            "data": args.data.display().to_string(),
            "config": args.config.as_ref().map(|p| p.display().to_string()),
            "month_requested": args.month,
            "compared_months": period.compared().map(|m| m.to_string()),
            "sections": sections.iter().map(|s| s.name).collect::<Vec<_>>(),
            "language": config.language,
            "station": config.station,
            "currency": config.currency,
            "capacity": {
                "bays": config.capacity.bays,
                "hours_per_day": config.capacity.hours_per_day,
                "days_per_week": config.capacity.days_per_week,
            },
            "comeback_days": crate::analytics::management::facts::COMEBACK_DAYS,
        }),
        inputs: ingested.inputs.clone(),
        rows_rejected,
        warnings: ingested.warnings.clone(),
        outputs: Vec::new(),
        timings: timings.clone(),
    };
    let start = Instant::now();
    let input = crate::render::RenderInput {
        tables: &built.tables,
        rejects: &ingested.rejects,
        warnings: &ingested.warnings,
        period,
        station: &config.station,
        currency: &config.currency,
        lang: config.language,
    };
    let dir = write::write_report_with(
        &args.out,
        period.month,
        &built.tables,
        &built.lists,
        &ingested.rejects,
        manifest,
        |tmp| {
            crate::render::render(tmp, &input, args.quiet).map_err(|e| report::ReportError::Write {
                path: tmp.to_path_buf(),
                message: e.to_string(),
            })
        },
    )
    .map_err(Classified::from)?;
    timings.push(Timing::since("write", start));
    Ok((dir, period))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{exit_code_of, ExitCode};
    use polars::prelude::DataFrame;
    use std::path::Path;

    fn args(out: &Path, month: Option<&str>) -> ReportArgs {
        ReportArgs {
            data: PathBuf::from("data"),
            config: None,
            month: month.map(str::to_string),
            out: out.to_path_buf(),
            lang: None,
            only: vec![],
            quiet: true,
            verbose: false,
        }
    }

    fn ingested() -> Ingested {
        Ingested {
            model: crate::analytics::management::testdata::station(),
            inputs: vec![],
            rejects: DataFrame::empty(),
            warnings: vec![],
        }
    }

    #[test]
    fn the_default_month_and_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let sections = report::select(&[]).unwrap();
        let mut timings = vec![];
        let (out, period) = report_from(
            &args(dir.path(), None),
            &Config::default(),
            &ingested(),
            &sections,
            &mut timings,
        )
        .unwrap();
        // The latest visit (V7) opened on 2026-04-10, not April's last day: March it is.
        assert_eq!(period.month.to_string(), "2026-03");
        assert_eq!(out, dir.path().join("2026-03"));
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap())
                .unwrap();
        assert_eq!(m["as_of"], "2026-03-31");
        assert_eq!(m["month"], "2026-03");
        assert_eq!(
            m["parameters"]["compared_months"],
            serde_json::json!(["2026-03", "2026-02", "2025-03"])
        );
        assert!(m["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o == "tables/kpi.csv"));
        // One timing per registered section, in report order, then the write.
        let stages: Vec<_> = timings.iter().map(|t| t.stage.clone()).collect();
        let expected: Vec<String> = sections
            .iter()
            .map(|s| format!("section:{}", s.name))
            .chain(["write".to_string()])
            .collect();
        assert_eq!(stages, expected);
        assert_eq!(stages[0], "section:management");
    }

    #[test]
    fn a_month_outside_the_data_exits_with_2() {
        let dir = tempfile::tempdir().unwrap();
        let sections = report::select(&[]).unwrap();
        let err = report_from(
            &args(dir.path(), Some("2027-01")),
            &Config::default(),
            &ingested(),
            &sections,
            &mut vec![],
        )
        .unwrap_err();
        assert_eq!(exit_code_of(&err), ExitCode::Usage);
        // The data runs from V9 (2024-12) to V7 (2026-04).
        assert!(err.to_string().contains("from 2024-12 to 2026-04"), "{err}");
        assert!(!dir.path().join("2027-01").exists());
    }
}
