//! `stoa report`: load the configuration and the data once, choose the report month, then
//! for the whole data and / or each station asked for (`--station`, `--by-station`) filter
//! the model, run the sections and write `OUT/YYYY-MM/` or `OUT/stations/<slug>/YYYY-MM/`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;

use crate::analytics::period::Period;
use crate::cli::ReportArgs;
use crate::config::Config;
use crate::error::Classified;
use crate::ingest::reasons::fill;
use crate::ingest::{Ingested, Warning};
use crate::model::Model;
use crate::render::i18n;
use crate::report::{self, write, Context, Manifest, Timing};
use crate::stations::{self, Station};

mod month;
mod targets;

use targets::{by_station, part_capacity, plan};

/// Run `stoa report`.
pub fn run(args: &ReportArgs) -> anyhow::Result<()> {
    // A wrong --only or --out is found before the data is read.
    let sections = report::select(&args.only).map_err(Classified::from)?;
    super::out_is_a_folder(&args.out)?;

    let start = Instant::now();
    let mut config = Config::load(args.config.as_deref(), &args.data)?;
    if let Some(lang) = args.lang {
        config.language = lang;
    }
    // The terminal speaks the report's language, as `stoa check` does.
    let lang = config.language;
    let t = |key: &'static str| i18n::t(lang, key);
    let spinner = crate::render::spinner(t("ui.stage_ingest"), args.quiet);
    let ingested = crate::ingest::load(&args.data, &config);
    spinner.finish_and_clear();
    let mut ingested = ingested?;
    // A table that lost most of its rows is said before anything is computed from it; one
    // required table with no row left, or none to begin with, stops the run (a revenue of
    // 0 is not a report).
    super::losses::say_empty(&ingested.inputs, lang)?;
    let losses = crate::ingest::losses::losses(&ingested.inputs, &ingested.rejects)
        .context("counting the rejected rows by reason failed")?;
    super::losses::say(&losses, &config, lang, args.quiet)?;
    if !args.quiet {
        // A column read by the first words of its header is a guess, and lines that may
        // overstate the revenue are its figures in doubt: said where the person who runs
        // the report sees them, not only among the report's warnings.
        // Two tables read from one sheet (a flat table's visits and lines) can warn of it
        // in the same words: said once.
        let mut said_already = std::collections::HashSet::new();
        for w in ingested.warnings.iter().filter(|w| w.is_for_the_terminal()) {
            let said = i18n::warning(lang, &w.message).unwrap_or_else(|| w.message.clone());
            if said_already.insert(said.clone()) {
                super::stderr::println(&format!("{}: {said}", t("term.warning")));
            }
        }
        if let Some(said) = unsaid(&ingested.warnings, &args.data, lang) {
            super::stderr::println(&format!("{}: {said}", t("term.warning")));
        }
    }
    // The report holds the model to the end: repeated texts of CSV and workbooks are
    // stored once, as Parquet's are.
    ingested.model = crate::ingest::compact::share_model_text(ingested.model)
        .context("storing the model's repeated texts once failed")?;
    let ingest = Timing::since("ingest", start);
    // Ingest's peak is behind: from here on freed columns are kept for the next ones.
    if let Err(why) = crate::memory::keep_large_buffers() {
        if args.verbose {
            super::stderr::println(&format!("note: {why}"));
        }
    }

    // One month for every report of the run, chosen from the whole data.
    let chosen = month::choose_period(args, &config, &ingested.model, ingested.stray)?;
    let period = chosen.period;
    if let (Some(tail), false) = (chosen.stray, args.quiet) {
        // It moved the month: said here as well as among the report's warnings.
        let said = tail.warning();
        let said = i18n::warning(lang, &said).unwrap_or(said);
        super::stderr::println(&format!("{}: {said}", t("term.warning")));
    }
    let found =
        stations::stations(&ingested.model).context("reading the stations of the visits failed")?;
    let by_station = by_station(args, &config);
    let targets = plan(args, &config, &found)?;
    if args.by_station && !by_station && !args.quiet {
        let part = match targets.first().and_then(|t| t.station.as_ref()) {
            Some(s) => args.out.join("stations").join(&s.slug),
            None => args.out.clone(),
        };
        let part = part.join(period.month.to_string()).display().to_string();
        let data = args.data.display().to_string();
        super::stderr::println(&format!(
            "{}: {}",
            t("term.note"),
            fill(t("report.split_folder"), &[&data, &part])
        ));
    }
    if let Some(w) = part_capacity(&config, &found, &targets, &sections) {
        if !args.quiet {
            let said = i18n::warning(lang, &w.message).unwrap_or_else(|| w.message.clone());
            super::stderr::println(&format!("{}: {said}", t("term.warning")));
        }
        ingested.warnings.push(w);
    }
    // Nothing is computed for a folder the run may not replace (not a report; a report
    // with a section --only leaves out).
    let names: Vec<&str> = sections.iter().map(|s| s.name).collect();
    for target in &targets {
        let dir = match &target.station {
            Some(s) => args.out.join("stations").join(&s.slug),
            None => args.out.clone(),
        };
        let target_dir = dir.join(period.month.to_string());
        let station = target.station.as_ref().map(|s| s.name.as_str());
        report::write::same_scope(&target_dir, station, &args.out).map_err(Classified::from)?;
        report::write::may_replace(&target_dir, &names, &args.out).map_err(Classified::from)?;
    }
    // Settings of a station the data does not hold apply to nothing: most likely a
    // misspelt name. A station folder of `stoa split` (with `[chain]`) holds one station
    // of the chain whose settings it copied, so it is not asked.
    let whole_chain = by_station || (args.station.is_some() && config.chain.is_none());
    if whole_chain && !found.is_empty() && !args.quiet {
        let unmatched = stations::unmatched_settings(&config, &found);
        if !unmatched.is_empty() {
            let unmatched: Vec<String> = unmatched.iter().map(|n| format!("{n:?}")).collect();
            let names: Vec<String> = found.iter().map(|s| format!("{:?}", s.name)).collect();
            super::stderr::println(&format!(
                "{}: {}",
                t("term.warning"),
                fill(
                    t("report.unmatched_settings"),
                    &[&unmatched.join(", "), &names.join(", ")]
                )
            ));
        }
    }
    if by_station && !args.quiet {
        if found.is_empty() {
            super::stderr::println(&format!("{}: {}", t("term.note"), t("report.no_stations")));
        } else {
            let orphans = stations::visits_without_station(&ingested.model)
                .context("counting the visits without a station failed")?;
            if orphans > 0 {
                super::stderr::println(&format!(
                    "{}: {}",
                    t("term.note"),
                    fill(t("report.no_station_visits"), &[&orphans.to_string()])
                ));
            }
        }
    }

    let mut chain_stations = None;
    if by_station && !found.is_empty() {
        chain_stations = Some(serde_json::json!(found
            .iter()
            .map(|s| serde_json::json!({
                "name": s.name,
                "folder": format!("stations/{}/{}", s.slug, period.month),
            }))
            .collect::<Vec<_>>()));
    }
    // Every station of --by-station: the tables are keyed by station once, after the
    // chain's report (whose sections' memory is free by then), and each station's rows
    // are then one filter on the key, instead of its visits found by their station text
    // and its lines joined to them, twenty times over a chain (docs/scaling.md).
    let mut partition: Option<stations::Partition> = None;
    for (nth, target) in targets.iter().enumerate() {
        let mut timings = vec![ingest.clone()];
        let filtered;
        let model = match (&target.station, target.filter) {
            (Some(station), true) => {
                let start = Instant::now();
                let failed =
                    || format!("selecting the rows of the station {} failed", station.name);
                filtered = if by_station {
                    if partition.is_none() {
                        partition =
                            Some(stations::Partition::new(&ingested.model).with_context(failed)?);
                    }
                    let keyed = partition.as_ref().expect("made above");
                    keyed.model(Some(station)).with_context(failed)?
                } else {
                    stations::filter(&ingested.model, station).with_context(failed)?
                };
                timings.push(Timing::since("filter", start));
                &filtered
            }
            _ => &ingested.model,
        };
        // Said on the terminal for the run's first report (the chain's, or the one
        // station's of --station); each report keeps its own among its warnings. A month
        // without a done visit is said for every report that has none (each station's of
        // --by-station), and is among its warnings too.
        let start = Instant::now();
        let whose = match (&target.station, target.filter) {
            (Some(station), true) => Some(station.name.as_str()),
            _ => None,
        };
        let empty = month::empty_month(model, period, whose)?;
        let mut said = month_warnings(&chosen, model, &sections, &config)?;
        timings.push(Timing::since("warnings", start));
        if !args.quiet {
            let first: &[Warning] = if nth == 0 { &said } else { &[] };
            for w in empty.iter().chain(first) {
                let text = i18n::warning(lang, &w.message).unwrap_or_else(|| w.message.clone());
                super::stderr::println(&format!("{}: {text}", t("term.warning")));
            }
        }
        if let Some(w) = empty {
            said.insert(0, w);
        }
        let scope = Scope {
            station: target.station.as_ref(),
            stations: if target.station.is_none() {
                chain_stations.clone()
            } else {
                None
            },
        };
        let dir = report_from(
            args,
            &config,
            &ingested,
            &said,
            model,
            &scope,
            period,
            &sections,
            &mut timings,
        )?;

        if args.verbose && !args.quiet {
            if let Some(station) = &target.station {
                let name = match station.is_none() {
                    true => t("split.no_station").to_string(),
                    false => station.name.clone(),
                };
                super::stderr::println(&fill(t("term.station_timings"), &[&name]));
            } else if targets.len() > 1 {
                super::stderr::println(t("term.chain_timings"));
            }
            for timing in &timings {
                super::stderr::println(&format!(
                    "{:>8} {}  {}",
                    timing.ms,
                    t("term.ms"),
                    stage_word(lang, &timing.stage)
                ));
            }
        }
        if !args.quiet {
            let whose = match &target.station {
                Some(s) if s.is_none() => t("report.of_no_station").to_string(),
                Some(s) => fill(t("report.of_station"), &[&s.name]),
                None => String::new(),
            };
            let (month, as_of) = (period.month.to_string(), period.as_of.to_string());
            let dir = dir.display().to_string();
            // After the report is in place: a reader gone from the pipe ends nothing.
            super::stdout::println(&fill(t("report.done"), &[&whose, &month, &as_of, &dir]))?;
        }
    }
    Ok(())
}

/// One line for the warnings of ingest the terminal does not say in full (a category read
/// by its words or as `other`, clients without consent, a price list without intervals):
/// how many, of which tables, and where they are. The terminal says the figures in doubt
/// in full; the rest are in the report (Data issues, the page, the manifest), and `stoa
/// check` prints every one. Until session 32 the terminal said nothing of them, and a run
/// that `stoa check` warned of five times looked clean.
fn unsaid(warnings: &[Warning], data: &std::path::Path, lang: crate::cli::Lang) -> Option<String> {
    let unsaid: Vec<&Warning> = warnings
        .iter()
        .filter(|w| !w.is_for_the_terminal())
        .collect();
    if unsaid.is_empty() {
        return None;
    }
    let mut tables: Vec<&str> = Vec::new();
    for w in &unsaid {
        if !tables.contains(&w.table.as_str()) {
            tables.push(&w.table);
        }
    }
    Some(fill(
        i18n::t(lang, "report.more_warnings"),
        &[
            &unsaid.len().to_string(),
            &tables.join(", "),
            &data.display().to_string(),
        ],
    ))
}

/// What the month's choice tells of the figures of one report (data ending inside the
/// month, comebacks not yet final, scores off the scale, new clients that may be returning
/// ones, no norm hours, visits without a time left out of the weekday × hour load, no
/// fresh competitor price), from the model it is made of: a
/// station's report counts its own visits, not the chain's.
fn month_warnings(
    chosen: &month::Chosen,
    model: &Model,
    sections: &[report::Section],
    config: &Config,
) -> anyhow::Result<Vec<Warning>> {
    let has = |names: &[&str]| sections.iter().any(|s| names.contains(&s.name));
    let management = has(&["management"]);
    let demand = has(&["management", "demand"]);
    let warnings = [
        month::partial_month(chosen, model)?,
        match management {
            true => month::comebacks_not_final(chosen, model)?,
            false => None,
        },
        match management {
            true => month::off_scale_scores(chosen, model)?,
            false => None,
        },
        match demand {
            true => month::new_clients_unregistered(chosen, model)?,
            false => None,
        },
        match demand {
            true => month::norm_hours_unknown(model)?,
            false => None,
        },
        match has(&["demand"]) {
            true => month::untimed_load(chosen.period, model)?,
            false => None,
        },
        crate::analytics::prices::freshness_warning(
            model,
            config.competitors.max_age_days,
            chosen.period,
        )
        .context("dating the competitor prices failed")?,
    ];
    let mut warnings: Vec<Warning> = warnings.into_iter().flatten().collect();
    if management {
        warnings.extend(month::scale_switches(chosen.period, model)?);
    }
    Ok(warnings)
}

/// Which report is being written: the whole data or one station.
struct Scope<'a> {
    /// The station, for a station's report.
    station: Option<&'a Station>,
    /// For the chain's report of `--by-station`: the stations and their folders.
    stations: Option<serde_json::Value>,
}

/// Everything after ingest and the station filter: run the sections on `model`, write the
/// report into `OUT/YYYY-MM/` (a station's into `OUT/stations/<slug>/YYYY-MM/`).
/// Returns the report folder; `timings` gains the section and write stages.
#[allow(clippy::too_many_arguments)]
fn report_from(
    args: &ReportArgs,
    config: &Config,
    ingested: &Ingested,
    month_warnings: &[Warning],
    model: &Model,
    scope: &Scope,
    period: Period,
    sections: &[report::Section],
    timings: &mut Vec<Timing>,
) -> anyhow::Result<PathBuf> {
    // A station's report uses the station's own settings of stoa.toml (its capacity).
    let station_config;
    let config = match scope.station {
        Some(s) if !s.is_none() => {
            station_config = crate::stations::config_for(config, s);
            &station_config
        }
        _ => config,
    };
    let ctx = Context::new(model, config, period);
    let spinner = crate::render::spinner(
        crate::render::i18n::t(config.language, "ui.stage_sections"),
        args.quiet,
    );
    let built = report::build(sections, &ctx);
    spinner.finish_and_clear();
    let mut built = built.map_err(Classified::from)?;
    timings.extend(built.timings);
    // The 24-month series behind the Summary charts, a table like the others.
    let start = Instant::now();
    let monthly = crate::render::monthly(model, period)
        .context("computing the monthly revenue and visits failed")?;
    built.tables.push(("monthly".to_string(), monthly));
    timings.push(Timing::since("monthly", start));

    // The title rows and the manifest name the station; the chain's name stays beside it.
    let (title, out) = match scope.station {
        Some(s) if s.is_none() => (
            format!(
                "{} — {}",
                config.title(),
                i18n::t(config.language, "report.no_station_title")
            ),
            args.out.join("stations").join(&s.slug),
        ),
        Some(s) if s.name != config.station => (
            format!("{} — {}", config.title(), s.name),
            args.out.join("stations").join(&s.slug),
        ),
        Some(s) => (s.name.clone(), args.out.join("stations").join(&s.slug)),
        None => (config.title().to_string(), args.out.clone()),
    };
    let mut parameters = serde_json::json!({
        "data": args.data.display().to_string(),
        // The file the settings came from: --config, else the data folder's stoa.toml
        // (null: the defaults).
        "config": args
            .config
            .clone()
            .or_else(|| Some(args.data.join("stoa.toml")).filter(|p| p.is_file()))
            .map(|p| p.display().to_string()),
        "month_requested": args.month,
        "compared_months": period.compared().map(|m| m.to_string()),
        "sections": sections.iter().map(|s| s.name).collect::<Vec<_>>(),
        "language": config.language,
        "station": scope.station.map_or(config.station.as_str(), |s| s.name.as_str()),
        "scope": match scope.station {
            Some(s) if s.is_none() => "no-station",
            Some(_) => "station",
            None => "all",
        },
        "currency": config.currency,
        "capacity": {
            "bays": config.capacity.bays,
            "hours_per_day": config.capacity.hours_per_day,
            "days_per_week": config.capacity.days_per_week,
        },
        "comeback_days": crate::analytics::management::facts::COMEBACK_DAYS,
    });
    // The closed dates taken off the capacity, where there are any.
    if !config.capacity.closed.is_empty() {
        parameters["capacity"]["closed"] = serde_json::json!(config.capacity.closed);
    }
    if let Some(s) = scope.station {
        parameters["chain"] = serde_json::json!(config.station);
        parameters["station_folder"] = serde_json::json!(s.slug);
    }
    if let Some(list) = &scope.stations {
        parameters["stations"] = list.clone();
    }
    // A chain month whose stations survey on different scales has no one mean score: said
    // in the chain's report, whose feedback figures it leaves empty (a station's are on
    // one scale).
    let mut warnings = ingested.warnings.clone();
    warnings.extend_from_slice(month_warnings);
    warnings.extend_from_slice(&built.warnings);
    if scope.station.is_none() && sections.iter().any(|s| s.name == "management") {
        for w in month::mixed_scales(period, model)? {
            if !args.quiet {
                let lang = config.language;
                let said = crate::render::i18n::warning(lang, &w.message)
                    .unwrap_or_else(|| w.message.clone());
                super::stderr::println(&format!(
                    "{}: {said}",
                    crate::render::i18n::t(lang, "term.warning")
                ));
            }
            warnings.push(w);
        }
    }
    let rows_rejected = ingested.inputs.iter().map(|i| i.rows_rejected).sum();
    let manifest = Manifest {
        as_of: period.as_of.format("%Y-%m-%d").to_string(),
        month: period.month.to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        parameters,
        inputs: report::manifest::relative_inputs(&ingested.inputs, &args.data, config),
        rows_rejected,
        warnings: warnings.clone(),
        outputs: Vec::new(),
        timings: timings.clone(),
    };
    let start = Instant::now();
    let input = crate::render::RenderInput {
        tables: &built.tables,
        rejects: &ingested.rejects,
        warnings: &warnings,
        period,
        station: &title,
        currency: &config.currency,
        settings: crate::render::definitions::Settings::of(config),
        lang: config.language,
    };
    // The manifest is written last inside the temporary folder, with the `write` stage
    // (tables, lists, workbook, charts, page) among its timings.
    let dir = write::write_report_with(
        &out,
        period.month,
        &built.tables,
        write::Lists {
            frames: &built.lists,
            lang: config.language,
        },
        &ingested.rejects,
        manifest,
        |tmp| crate::render::render(tmp, &input, args.quiet).map_err(report::ReportError::Render),
    )
    .map_err(Classified::from)?;
    timings.push(Timing::since("write", start));
    Ok(dir)
}

#[cfg(test)]
mod tests;

/// A stage of the timings as `-v` says it in `lang`: its words (`stage.<name>`), else its
/// name as the manifest keeps it (English `-v` shows the manifest's names). Russian `-v`
/// said `section:management` and `ingest`.
fn stage_word(lang: crate::cli::Lang, stage: &str) -> String {
    i18n::lookup(lang, &format!("stage.{stage}"))
        .unwrap_or(stage)
        .to_string()
}
