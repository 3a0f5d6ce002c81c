//! `stoa split`: a chain's data cut into one data folder per station, so that each
//! station's report can run alone, on any machine (docs/scaling.md, "Beyond one machine").
//! A station's folder holds its visits, their order lines and feedback, the clients of
//! those visits, the chain's price list, competitor prices and agents, and the chain's
//! `stoa.toml` made the station's (its name, its own capacity: [`folder_config`]);
//! `stoa report --data FOLDER`, with `--station NAME` or without, then gives the same
//! tables as the station's report out of the whole chain.
//!
//! Nothing is lost: visits without a station, and clients with no visit at all, go to a
//! folder of their own (`_no-station`); rejected rows are in `rejects.csv`; `split.json`
//! counts every table's rows per folder, and the run fails rather than write folders
//! whose rows do not add up to what ingest accepted.
//!
//! Nothing of the user's is lost either: the split replaces or removes in the output
//! folder only what an earlier split wrote there (`earlier.rs`), and refuses to run
//! otherwise.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;
use polars::prelude::{col, PlSmallStr, PolarsResult};
use serde::Serialize;

use crate::analytics::period::DataSpan;
use crate::cli::{Format, Lang, SplitArgs};
use crate::config::Config;
use crate::error::{Classified, ExitCode};
use crate::generate::write::Sink;
use crate::ingest::reasons::fill;
use crate::ingest::InputReport;
use crate::model::Model;
use crate::schema::Table;
use crate::stations::{self, Station};

mod earlier;
mod whole;

pub use earlier::SplitError;

/// The folder of what belongs to no station ([`crate::stations::NO_STATION`]).
pub use crate::stations::NO_STATION;

/// The tables cut by station; the others are the chain's and copied whole.
const CUT: [Table; 4] = [
    Table::Visits,
    Table::OrderLines,
    Table::Clients,
    Table::Feedback,
];

/// One output folder in `split.json`.
#[derive(Debug, Serialize)]
pub struct Folder {
    /// The station's name as spelled in the data; empty for [`NO_STATION`].
    pub station: String,
    /// The folder, relative to the output folder.
    pub folder: String,
    /// Rows written per table (every table in the folder, the copied ones too).
    pub rows: BTreeMap<String, u64>,
}

/// `split.json`: what was read and where every row went.
#[derive(Debug, Serialize)]
pub struct SplitManifest {
    /// stoa's version.
    pub version: String,
    /// The data folder split.
    pub data: String,
    /// The files' format.
    pub format: String,
    /// Ingest's accounting of every input table (as `stoa check --json`).
    pub inputs: Vec<InputReport>,
    /// Rejected input rows, in no folder (listed in `rejects.csv`).
    pub rows_rejected: u64,
    /// One entry per station, in station order, then [`NO_STATION`] when it has rows.
    pub folders: Vec<Folder>,
}

/// Run `stoa split`.
pub fn run(args: &SplitArgs) -> anyhow::Result<()> {
    super::out_is_a_folder(&args.out)?;
    whole::writable(&args.out)?;
    let config = Config::load(args.config.as_deref(), &args.data)?;
    // The terminal speaks the language of the station's reports, as `report` and `check`
    // do; the errors are worded in it by `main` (`terminal_lang`).
    let lang = args.lang.unwrap_or(config.language);
    let spinner =
        crate::render::spinner(crate::render::i18n::t(lang, "ui.stage_ingest"), args.quiet);
    let ingested = crate::ingest::load(&args.data, &config);
    spinner.finish_and_clear();
    let ingested = ingested?;
    // As in the report: from here on freed columns are kept for the next ones.
    let _ = crate::memory::keep_large_buffers();
    let model = &ingested.model;
    // The stations come with the keyed tables: the visits are read for them once.
    let parts = stations::Partition::new(model).context("keying the tables by station failed")?;
    let found = parts.stations();
    if found.is_empty() {
        // Every visit rejected is the verdict of `check` and `report` on the same data; it
        // was "there is no station column", as no visit was left to have one.
        let losses = crate::ingest::losses::losses(&ingested.inputs, &ingested.rejects)
            .context("counting the rejected rows by reason failed")?;
        super::losses::say(&losses, &config, lang, true)?;
        return Err(no_stations(&args.data).into());
    }
    // Two names with one folder would write one station's rows over the other's; checked
    // before anything is written.
    if let Some((b, a)) = stations::shared_folder(found) {
        return Err(shared_folder(b, a, &args.out).into());
    }
    // Whether there is a `_no-station` folder to write is known before anything is written;
    // its rows are taken again after the stations', so as not to be held while those are.
    let unstationed = parts
        .model(None)
        .context("selecting the rows that belong to no station failed")?;
    let no_station = CUT
        .iter()
        .any(|t| height(&unstationed, *t).unwrap_or(0) > 0);
    drop(unstationed);
    let earlier = earlier::check(&args.out, found, no_station, ingested.rejects.height() > 0)
        .map_err(Classified::from)?;
    // A workbook written by the split is dated the day of the latest visit, so that the
    // same data gives the same bytes.
    let span = DataSpan::of(model)?;
    let exported = span.as_ref().map_or(NaiveDate::MIN, |span| span.last);
    // The chain's span, as the chain's report takes its default month (before any
    // mistyped years that end the data), for every station folder's `stoa.toml`; a
    // configuration that already has one (a split folder split again) keeps its own.
    let chain = span.filter(|_| config.chain.is_none()).map(|s| {
        let last = ingested.stray.as_ref().map_or(s.last, |t| t.before);
        (s.first, last)
    });
    let toml = config_file(args);
    // The file's settings, which each station's folder gets with its own name and capacity.
    let settings = match &toml {
        Some(path) => Some(settings_of(path)?),
        None => None,
    };

    // Everything is written into a hidden folder beside the output folder, which takes its
    // place only when every folder is complete: a failed or interrupted run leaves the
    // output folder as it was, never half old, half new (see `whole`).
    let staging = whole::Staged::begin(&args.out)?;

    let mut folders = Vec::new();
    // One step per folder: on a chain each takes about half a second.
    let bar = crate::render::progress(found.len() as u64 + 1, args.quiet);
    let everyone = found.iter().map(Some).chain([None]);
    for station in everyone {
        if station.is_none() && !no_station {
            continue;
        }
        bar.set_message(station.map_or(NO_STATION, |s| s.slug.as_str()).to_string());
        let part = parts.model(station).with_context(|| match station {
            Some(s) => format!("selecting the rows of the station {} failed", s.name),
            None => "selecting the rows that belong to no station failed".to_string(),
        })?;
        let (folder, name) = match station {
            Some(s) => (s.slug.as_str(), s.name.as_str()),
            None => (NO_STATION, ""),
        };
        let text = folder_config(toml.as_deref(), settings.as_ref(), station, &config, chain)?;
        folders.push(write_folder(
            staging.path(),
            folder,
            name,
            &part,
            args.format,
            exported,
            text.as_deref(),
        )?);
        bar.inc(1);
    }
    bar.finish_and_clear();
    reconcile(&ingested.inputs, &folders)?;

    let rows_rejected = ingested.rejects.height() as u64;
    if rows_rejected > 0 {
        crate::report::write::write_csv(&staging.path().join("rejects.csv"), &ingested.rejects)?;
    }
    let tsv: String = found
        .iter()
        .map(|s| format!("{}\t{}\n", s.slug, s.name))
        .collect();
    fs::write(staging.path().join("stations.tsv"), tsv)
        .map_err(|e| io_error(&staging.path().join("stations.tsv"), e))?;
    let manifest = SplitManifest {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data: args.data.display().to_string(),
        format: format_name(args.format).to_string(),
        inputs: ingested.inputs.clone(),
        rows_rejected,
        folders,
    };
    let json = serde_json::to_string_pretty(&manifest)?;
    fs::write(staging.path().join("split.json"), json + "\n")
        .map_err(|e| io_error(&staging.path().join("split.json"), e))?;

    let removed = staging.finish(&manifest.folders, rows_rejected > 0, &earlier)?;
    if !args.quiet {
        super::stdout::print(&summary(&manifest, found, &args.out, lang))?;
        // Removing a closed station's folder is right when the chain was split; when only
        // part of it was (a station's own folder split into the chain's output), the user
        // must see which folders went, to split the whole chain again if they were not
        // closed.
        if !removed.is_empty() {
            let t = |key| crate::render::i18n::t(lang, key);
            super::stderr::println(&format!(
                "{}: {}",
                t("term.note"),
                fill(t("split.removed"), &[&removed.join(", ")])
            ));
        }
    }
    Ok(())
}

/// The config file the run used, to copy into every folder: `--config`, else the data
/// folder's `stoa.toml` when there is one.
fn config_file(args: &SplitArgs) -> Option<PathBuf> {
    match &args.config {
        Some(path) => Some(path.clone()),
        None => Some(args.data.join("stoa.toml")).filter(|p| p.is_file()),
    }
}

/// The settings of a config file as an editable TOML document, to write again with a
/// station's own values and the file's comments and layout kept.
fn settings_of(path: &Path) -> anyhow::Result<toml_edit::DocumentMut> {
    let text = crate::config::text_of(path).map_err(|e| io_error(path, e))?;
    // `Config::load` has read this file already: it is TOML.
    text.trim_start_matches('\u{feff}')
        .parse()
        .with_context(|| format!("reading {} again failed", path.display()))
}

/// The `stoa.toml` of one folder, None when it needs none. A station's folder is one
/// station's data, reported on with or without `--station`: its `station` is the
/// station's name and its `[capacity]` the station's own `[stations."NAME".capacity]`
/// where the chain's settings give one (else the chain's `[capacity]`, which the report on
/// the folder warns of), the rest as the chain's; `_no-station` keeps the chain's settings.
/// Neither keeps `[files]`: the folder's files are named by their tables
/// (`visits.parquet`), and the chain's names would stop the report on the folder. Both get
/// `[chain]`, the chain's span (see [`crate::config::Config::chain`]).
fn folder_config(
    file: Option<&Path>,
    settings: Option<&toml_edit::DocumentMut>,
    station: Option<&Station>,
    config: &Config,
    chain: Option<(NaiveDate, NaiveDate)>,
) -> anyhow::Result<Option<Vec<u8>>> {
    if station.is_none() && settings.is_none() && chain.is_none() {
        return Ok(None);
    }
    let mut table = settings.cloned().unwrap_or_default();
    table.remove("files");
    let from = file.map_or("the built-in defaults".to_string(), |f| {
        f.display().to_string()
    });
    let mut header = format!("# Written by `stoa split`: the settings of {from}\n");
    match station {
        Some(station) => {
            table["station"] = toml_edit::value(station.name.clone());
            let name = format!("{:?}", station.name);
            let own = stations::own_capacity(config, station);
            if let Some(capacity) = own {
                table["capacity"] = toml_edit::Item::Table(capacity_value(capacity));
            }
            header +=
                &format!("# for the station {name} alone. `station` is the station's name.\n");
            header += &match own {
                Some(_) => {
                    format!("# [capacity] is the station's own, [stations.{name}.capacity].\n")
                }
                None => format!(
                    "# [capacity] is the chain's, whose settings give this station no capacity of its\n\
                     # own: if it is the whole chain's, add [stations.{name}.capacity] with the\n\
                     # station's bays (the station's report warns until then).\n"
                ),
            };
        }
        None => header += "# for the visits without a station and the clients without a visit.\n",
    }
    if let Some((first, last)) = chain {
        let mut span = toml_edit::Table::new();
        span["first_visit"] = toml_edit::value(first.to_string());
        span["last_visit"] = toml_edit::value(last.to_string());
        // First among the tables: at the end it came after the comment that ended the
        // file, which then seemed to be the [chain]'s.
        span.set_position(Some(-1));
        table["chain"] = toml_edit::Item::Table(span);
        header += "# [chain]: the dates the whole chain's visits run over, so that this folder's\n\
                   # report takes the chain's month (and any month of it).\n";
    }
    header += "# The rest is the file as it was, comments and all, but for its [files]: this\n\
               # folder's files are named by their tables.\n\n";
    Ok(Some((header + &table.to_string()).into_bytes()))
}

/// `[capacity]` as a TOML table.
fn capacity_value(capacity: &crate::config::Capacity) -> toml_edit::Table {
    let mut table = toml_edit::Table::new();
    table["bays"] = toml_edit::value(i64::from(capacity.bays));
    // 10 hours as `10`, as a person writes it, not `10.0`.
    table["hours_per_day"] = match capacity.hours_per_day {
        h if h.fract() == 0.0 && h.abs() < 1e15 => toml_edit::value(h as i64),
        h => toml_edit::value(h),
    };
    table["days_per_week"] = toml_edit::value(i64::from(capacity.days_per_week));
    if !capacity.closed.is_empty() {
        let closed: toml_edit::Array = capacity.closed.iter().map(String::as_str).collect();
        table["closed"] = toml_edit::value(closed);
    }
    table
}

/// Rows of a table of the model (0 when the model does not have it).
fn height(model: &Model, table: Table) -> PolarsResult<u64> {
    if !model.has(table) {
        return Ok(0);
    }
    Ok(model.table(table).clone().collect()?.height() as u64)
}

/// Write one folder: every table the model has, in its input columns, and its
/// `stoa.toml` (`config`, see [`folder_config`]).
fn write_folder(
    staging: &Path,
    folder: &str,
    station: &str,
    model: &Model,
    format: Format,
    exported: NaiveDate,
    config: Option<&[u8]>,
) -> anyhow::Result<Folder> {
    let dir = staging.join(folder);
    // Not `create_dir_all`, which made the staging folder anew when an interruption had
    // just removed it (see crate::interrupt).
    match fs::create_dir(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(io_error(&dir, e)),
        _ => Ok(()),
    }?;
    let mut rows = BTreeMap::new();
    for table in Table::ALL {
        if !model.has(table) {
            continue;
        }
        // The model's own columns, without those ingest derives (a visit's date, vehicle,
        // make group): the folder is read by ingest again.
        let names: Vec<PlSmallStr> = table.columns().iter().map(|c| c.name.into()).collect();
        let mut df = model
            .table(table)
            .clone()
            .select(names.iter().map(|n| col(n.clone())).collect::<Vec<_>>())
            .collect()
            .with_context(|| format!("preparing {} of {folder} failed", table.name()))?;
        // One chunk per column, so that the file's row groups, hence its bytes, do not
        // depend on how the rows were gathered.
        df.rechunk_mut_par();
        let mut sink =
            Sink::create_like(&dir, table, format, Lang::En, station, exported, df.clear())?;
        rows.insert(table.name().to_string(), df.height() as u64);
        sink.write(df)?;
        sink.finish()?;
    }
    if let Some(text) = config {
        let to = dir.join("stoa.toml");
        fs::write(&to, text).map_err(|e| io_error(&to, e))?;
    }
    Ok(Folder {
        station: station.to_string(),
        folder: folder.to_string(),
        rows,
    })
}

/// Every accepted row of a cut table is in exactly one folder (clients may be in several:
/// a client who visits two stations is each station's), and every shared table is whole
/// in every folder. Anything else is a bug, and no folder is moved into place.
fn reconcile(inputs: &[InputReport], folders: &[Folder]) -> anyhow::Result<()> {
    for input in inputs {
        let Some(table) = Table::from_name(&input.table) else {
            continue;
        };
        let counts = folders
            .iter()
            .map(|f| f.rows.get(&input.table).copied().unwrap_or(0));
        let ok = match table {
            Table::Clients => {
                counts.clone().sum::<u64>() >= input.rows_accepted
                    && counts.clone().all(|n| n <= input.rows_accepted)
            }
            t if CUT.contains(&t) => counts.sum::<u64>() == input.rows_accepted,
            _ => counts.clone().all(|n| n == input.rows_accepted),
        };
        if !ok {
            return Err(not_reconciled(&input.table, input.rows_accepted).into());
        }
    }
    Ok(())
}

/// Data without stations: nothing to split (bad data, 1).
fn no_stations(data: &Path) -> Classified {
    Classified::data(format!(
        "the visits in {} have no station (no `station` column, or it is empty on every row): the data is one station and there is nothing to split; run `stoa report` on it as it is",
        data.display()
    ))
}

/// Two stations of one folder (bad data, 1).
fn shared_folder(b: &Station, a: &Station, out: &Path) -> Classified {
    Classified::data(format!(
        "the stations {:?} and {:?} would share the folder {}: rename one of them in the visits (or write them the same way, if they are one station)",
        b.name,
        a.name,
        out.join(&a.slug).display()
    ))
}

/// Folders whose rows do not add up to ingest's: a bug (3).
fn not_reconciled(table: &str, accepted: u64) -> Classified {
    Classified {
        code: ExitCode::Internal,
        message: format!(
            "the folders' rows of {table} do not add up to the {accepted} rows ingest accepted; nothing was written; this is a bug of stoa, please report it"
        ),
    }
}

/// Move the staged folders and files into the output folder, each replacing its old copy,
/// which [`earlier::check`] found to be an earlier split's; the earlier split's folders
/// this one does not have are removed, and returned (their paths and stations' names).
/// Only where the output folder cannot be replaced whole (see `whole`): an interruption
/// among the renames leaves it half old, half new.
fn move_into_place(
    staging: &Path,
    out: &Path,
    folders: &[Folder],
    rejects: bool,
    earlier: &earlier::Earlier,
) -> anyhow::Result<Vec<String>> {
    let mut removed = Vec::new();
    for f in folders {
        let target = out.join(&f.folder);
        crate::replace::swap(&staging.join(&f.folder), &target)
            .map_err(|e| io_error(&target, e))?;
    }
    // A station or `_no-station` the earlier split wrote and this one does not have is not
    // left behind to be taken for this one's.
    for old in earlier.folders() {
        let path = out.join(old);
        if !folders.iter().any(|f| f.folder == old) && path.is_dir() {
            fs::remove_dir_all(&path).map_err(|e| io_error(&path, e))?;
            removed.push(match earlier.name_of(old) {
                Some(name) => format!("{} ({name:?})", path.display()),
                None => path.display().to_string(),
            });
        }
    }
    let mut files = vec!["stations.tsv", "split.json"];
    if rejects {
        files.push("rejects.csv");
    } else if earlier.rejects {
        fs::remove_file(out.join("rejects.csv"))
            .map_err(|e| io_error(&out.join("rejects.csv"), e))?;
    }
    for name in files {
        fs::rename(staging.join(name), out.join(name)).map_err(|e| io_error(&out.join(name), e))?;
    }
    Ok(removed)
}

/// The readable account of a split, in `lang`: one line per folder, then where to go
/// next.
fn summary(m: &SplitManifest, found: &[Station], out: &Path, lang: Lang) -> String {
    let t = |key| crate::render::i18n::t(lang, key);
    let mut s = String::new();
    let n = |f: &Folder, t: &str| f.rows.get(t).copied().unwrap_or(0);
    // A table's own name in English (the files' names), its Russian name in Russian.
    let table = |t: Table| match lang {
        Lang::En => t.name(),
        Lang::Ru => t.russian_name(),
    };
    let _ = writeln!(
        s,
        "{:<24} {:<28} {:>10} {:>12} {:>9} {:>9}",
        t("split.folder"),
        t("split.station"),
        table(Table::Visits),
        table(Table::OrderLines),
        table(Table::Clients),
        table(Table::Feedback),
    );
    for f in &m.folders {
        let _ = writeln!(
            s,
            "{:<24} {:<28} {:>10} {:>12} {:>9} {:>9}",
            f.folder,
            if f.station.is_empty() {
                t("split.no_station")
            } else {
                &f.station
            },
            n(f, "visits"),
            n(f, "order_lines"),
            n(f, "clients"),
            n(f, "feedback"),
        );
    }
    let out_shown = out.display().to_string();
    let _ = writeln!(
        s,
        "\n{}",
        fill(t("split.done"), &[&found.len().to_string(), &out_shown])
    );
    if m.folders.iter().any(|f| f.folder == NO_STATION) {
        let _ = writeln!(s, "{}", fill(t("split.no_station_folder"), &[NO_STATION]));
    }
    if m.rows_rejected > 0 {
        let rejected = m.rows_rejected.to_string();
        let _ = writeln!(s, "{}", fill(t("split.rejected"), &[&rejected]));
    }
    if let Some(first) = found.first() {
        let folder = out.join(&first.slug).display().to_string();
        let name = format!("{:?}", first.name);
        let _ = writeln!(s, "{}", fill(t("split.next"), &[&folder, &name]));
    }
    s
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Parquet => "parquet",
        Format::Csv => "csv",
        Format::Xlsx => "xlsx",
    }
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> anyhow::Error {
    Classified {
        code: ExitCode::Internal,
        message: format!(
            "cannot write {}: {e}; check that the output folder is writable and has free space",
            path.display()
        ),
    }
    .into()
}

#[cfg(test)]
mod tests;
