//! Writing a report: every table as CSV in the format of SPEC §5.1, the rendered
//! workbook, charts and page (see [`write_report_with`]) and `manifest.json`, first into a
//! temporary folder inside the output folder, then renamed to `OUT/YYYY-MM/`, so that a failed run never leaves half a report and an older report is replaced only
//! by a complete new one.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use polars::prelude::*;

use super::{Manifest, ReportError, Timing};
use crate::analytics::period::Month;
use crate::cli::Lang;

/// The columns of `tables/rejects.csv` (SPEC §5.1).
pub const REJECT_COLUMNS: [&str; 7] =
    ["table", "file", "sheet", "row", "column", "value", "reason"];

fn write_error(path: &Path, e: impl std::fmt::Display) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Write one table as CSV: UTF-8, comma, header, `.` decimal point, floats in full
/// precision and never in scientific notation, dates `YYYY-MM-DD`, booleans `true`/`false`,
/// empty cells for missing values.
///
/// ```
/// use polars::prelude::*;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("t.csv");
/// let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 3, day);
/// let df = df!(
///     "x" => [0.1f64, 12.0, 1e-7],
///     "ok" => [true, false, true],
///     "on" => [d(1), None, d(31)],
/// )
/// .unwrap();
/// stoa::report::write::write_csv(&path, &df).unwrap();
/// assert_eq!(
///     std::fs::read_to_string(&path).unwrap(),
///     "x,ok,on\n0.1,true,2026-03-01\n12,false,\n0.0000001,true,2026-03-31\n"
/// );
/// ```
pub fn write_csv(path: &Path, df: &DataFrame) -> Result<(), ReportError> {
    write_csv_with(path, df, false, b',')
}

/// [`write_csv`] for a mail-merge list: with a UTF-8 byte-order mark, without which Excel
/// opens the file as the system's 8-bit code page and a marketer sees the clients' names
/// garbled; Word's mail merge reads it too. The tables of `tables/` (the machine-read
/// contract, SPEC §5.1) keep plain UTF-8.
/// The list is written for `lang`'s reader ([`crate::render::lists`]): split by `;` and
/// headed in Russian in a Russian report (Russian Excel splits a double-clicked CSV by
/// `;`), its phones written so that Excel keeps them as text.
pub fn write_list_csv(path: &Path, df: &DataFrame, lang: Lang) -> Result<(), ReportError> {
    let list = crate::render::lists::for_people(df, lang).map_err(|e| write_error(path, e))?;
    write_csv_with(path, &list, true, crate::render::lists::separator(lang))
}

/// The mail-merge lists of a report and the language they are written in.
#[derive(Clone, Copy)]
pub struct Lists<'a> {
    /// (file stem, frame) of every list, already sorted.
    pub frames: &'a [(String, DataFrame)],
    /// The report's language: the lists' separator, headers and phones follow it.
    pub lang: Lang,
}

impl Lists<'_> {
    /// No lists (a report of sections without any).
    pub const NONE: Lists<'static> = Lists {
        frames: &[],
        lang: Lang::En,
    };
}

fn write_csv_with(
    path: &Path,
    df: &DataFrame,
    bom: bool,
    separator: u8,
) -> Result<(), ReportError> {
    // Dates need no format: polars writes `YYYY-MM-DD` by default, directly, where a
    // format string is interpreted anew for every value (a date-heavy table of a chain
    // has hundreds of thousands).
    let file = fs::File::create(path).map_err(|e| write_error(path, e))?;
    CsvWriter::new(file)
        .include_bom(bom)
        .include_header(true)
        .with_separator(separator)
        .with_datetime_format(Some("%Y-%m-%d %H:%M:%S".into()))
        .with_float_scientific(Some(false))
        .finish(&mut df.clone())
        .map_err(|e| write_error(path, e))
}

/// The rejects frame to write: ingest's frame, or an empty one with the contract's
/// columns when ingest had nothing to reject and left the frame without columns.
fn rejects_frame(rejects: &DataFrame) -> DataFrame {
    if rejects.width() == 0 {
        let schema: Schema = REJECT_COLUMNS
            .iter()
            .map(|c| Field::new((*c).into(), DataType::String))
            .collect();
        DataFrame::empty_with_schema(&schema)
    } else {
        rejects.clone()
    }
}

/// Write the report of `month` into `out/YYYY-MM/`: `tables/<stem>.csv` for every table,
/// `lists/<stem>.csv` for every mail-merge list (the folder only when there are lists),
/// `tables/rejects.csv` and `manifest.json` (its `outputs` and a `write` timing filled in
/// here). Returns the report folder.
pub fn write_report(
    out: &Path,
    month: Month,
    tables: &[(String, DataFrame)],
    lists: Lists<'_>,
    rejects: &DataFrame,
    manifest: Manifest,
) -> Result<PathBuf, ReportError> {
    write_report_with(out, month, tables, lists, rejects, manifest, |_| {
        Ok(Vec::new().into())
    })
}

/// What a renderer made: the files it wrote (relative to the report's folder, for the
/// manifest) and, optionally, a last step it leaves for [`write_report_with`] to run while
/// the CSVs are written (the workbook's save: a long compression on one thread).
pub struct Rendered<'a> {
    /// The files written so far.
    pub files: Vec<String>,
    /// The step left to run beside the CSVs; returns the files it wrote.
    pub finish: Option<Finish<'a>>,
}

/// A renderer's last step (see [`Rendered`]).
pub type Finish<'a> = Box<dyn FnOnce() -> Result<Vec<String>, ReportError> + Send + 'a>;

impl From<Vec<String>> for Rendered<'_> {
    /// Files already written, with nothing left to run.
    fn from(files: Vec<String>) -> Self {
        Rendered {
            files,
            finish: None,
        }
    }
}

/// [`write_report`], with `render` writing the files people read (workbook, charts, page)
/// into the temporary folder before the rename, so that a failed render leaves the
/// previous report untouched. `render` returns the files it wrote, relative to the folder,
/// for the manifest.
///
/// `render` runs first, using the cores for the workbook's sheets, the charts and the
/// page; then its [`Rendered::finish`] (the workbook's save, one long compression on one
/// thread) runs while this thread writes the CSVs. Writing the CSVs beside the sheets
/// instead left one core idle through the save at the end.
pub fn write_report_with<'r>(
    out: &Path,
    month: Month,
    tables: &[(String, DataFrame)],
    lists: Lists<'_>,
    rejects: &DataFrame,
    mut manifest: Manifest,
    render: impl FnOnce(&Path) -> Result<Rendered<'r>, ReportError>,
) -> Result<PathBuf, ReportError> {
    let start = Instant::now();
    fs::create_dir_all(out).map_err(|e| write_error(out, e))?;
    // Dropped on any early return: the half-written folder disappears with it. The
    // month's folder is this one renamed: it is made with the permissions of a folder made
    // in place (the umask's), asked for rather than left to a working folder's defaults.
    let (tmp, _interrupted) =
        crate::interrupt::working_output_folder(out, &format!(".stoa-{month}-"))
            .map_err(|e| write_error(out, e))?;
    let Rendered { files, finish } = render(tmp.path())?;
    let (written, finished) = std::thread::scope(|scope| {
        let finished = finish.map(|f| scope.spawn(f));
        let written = write_csvs(tmp.path(), tables, lists, rejects);
        let finished = match finished {
            Some(h) => h.join().unwrap_or_else(|_| {
                Err(write_error(tmp.path(), "the renderer stopped unexpectedly"))
            }),
            None => Ok(Vec::new()),
        };
        (written, finished)
    });
    let rendered = finished.map(|more| files.into_iter().chain(more).collect::<Vec<_>>());
    let mut outputs = written?;
    outputs.extend(rendered?);
    outputs.push("manifest.json".to_string());
    outputs.sort();
    manifest.outputs = outputs;
    manifest.timings.push(Timing::since("write", start));
    let manifest_path = tmp.path().join("manifest.json");
    let json =
        serde_json::to_string_pretty(&manifest).map_err(|e| write_error(&manifest_path, e))?;
    fs::write(&manifest_path, json + "\n").map_err(|e| write_error(&manifest_path, e))?;

    let target = out.join(month.to_string());
    // The old report aside and the new one in its place with no interruption between the
    // two, as every output is put in place (crate::replace); the old one is then removed.
    // On a failure the new folder is dropped with `tmp`, and the old report stays.
    crate::replace::swap(tmp.path(), &target).map_err(|e| write_error(&target, e))?;
    Ok(target)
}

/// Write `tables/<stem>.csv` for every table and for the rejects, and `lists/<stem>.csv`
/// for every list (the folder only when there are lists), into `dir`; returns the files
/// written, relative to `dir`.
fn write_csvs(
    dir: &Path,
    tables: &[(String, DataFrame)],
    lists: Lists<'_>,
    rejects: &DataFrame,
) -> Result<Vec<String>, ReportError> {
    let table_dir = dir.join("tables");
    fs::create_dir(&table_dir).map_err(|e| write_error(&table_dir, e))?;
    let mut outputs = Vec::new();
    let rejects = rejects_frame(rejects);
    for (stem, df) in tables
        .iter()
        .map(|(s, d)| (s.as_str(), d))
        .chain([("rejects", &rejects)])
    {
        write_csv(&table_dir.join(format!("{stem}.csv")), df)?;
        outputs.push(format!("tables/{stem}.csv"));
    }
    if !lists.frames.is_empty() {
        let list_dir = dir.join("lists");
        fs::create_dir(&list_dir).map_err(|e| write_error(&list_dir, e))?;
        for (stem, df) in lists.frames {
            write_list_csv(&list_dir.join(format!("{stem}.csv")), df, lists.lang)?;
            outputs.push(format!("lists/{stem}.csv"));
        }
    }
    Ok(outputs)
}

/// Whether a report of `sections` may be written to `target`, checked before any work is
/// done: a folder that is not a stoa report (the exports kept in a folder named by month,
/// say) is never replaced, nor is a report with a section this run does not write (a quick
/// `--only management` would lose the month's lists; `--only demand` after `--only
/// management --only demand` lost the management tables, when only a report of every
/// section was kept). A missing folder, a partial report, or a report whose sections are
/// all among this run's, may be. `out` is the run's `--out`, under which the error
/// suggests a folder of the run's own: a station's report lands in
/// `OUT/stations/<slug>/YYYY-MM/`, so the suggestion is an `--out`, not the report's
/// parent folder (which put the report in `…/stations/yug/loyalty/stations/yug/…`).
///
/// ```
/// use std::path::Path;
/// use stoa::report::write::may_replace;
/// let dir = tempfile::tempdir().unwrap();
/// let target = dir.path().join("2026-10");
/// assert!(may_replace(&target, &["management"], dir.path()).is_ok());
/// std::fs::create_dir(&target).unwrap();
/// std::fs::write(target.join("visits.csv"), "visit_id\n1\n").unwrap();
/// assert!(may_replace(&target, &["management"], dir.path()).is_err());
/// ```
pub fn may_replace(target: &Path, sections: &[&str], out: &Path) -> Result<(), ReportError> {
    if !target.exists() {
        return Ok(());
    }
    let not_a_report = || ReportError::NotAReport {
        path: target.to_path_buf(),
    };
    let manifest: serde_json::Value = fs::read(target.join("manifest.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(not_a_report)?;
    if manifest.get("as_of").is_none() || manifest.get("inputs").is_none() {
        return Err(not_a_report());
    }
    let old: Vec<&str> = manifest["parameters"]["sections"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s.as_str()).collect())
        .unwrap_or_default();
    // Any section of the old report that this run does not write would be lost with it.
    let missing: Vec<&str> = old
        .iter()
        .copied()
        .filter(|s| !sections.contains(s))
        .collect();
    if !missing.is_empty() {
        return Err(ReportError::FewerSections {
            path: target.to_path_buf(),
            old: old.join(", "),
            new: sections.join(", "),
            missing: missing.join(", "),
            path_hint: out.join(sections.join("-")).display().to_string(),
        });
    }
    Ok(())
}

/// Whether the report of `station` (`None`: the whole data; `""`: the part of a chain
/// without a station) may replace the report in
/// `target`, by the old manifest's `parameters.scope` and `parameters.station`: a report
/// of another station, the chain's by a station's or a station's by the chain's, is never
/// replaced (exit code 2), as a station's report out of a `stoa split` folder replaced
/// the chain's. Names are compared as `--station` matches them (trimmed, in any case).
/// A folder with no report, or a report that does not say its scope (an older stoa's),
/// is left to [`may_replace`]. `out` is the run's `--out`, for the suggestion.
///
/// ```
/// use stoa::report::write::same_scope;
/// let dir = tempfile::tempdir().unwrap();
/// let target = dir.path().join("2026-10");
/// std::fs::create_dir(&target).unwrap();
/// let manifest = r#"{"parameters": {"scope": "all", "station": "Сеть"}}"#;
/// std::fs::write(target.join("manifest.json"), manifest).unwrap();
/// assert!(same_scope(&target, None, dir.path()).is_ok());
/// assert!(same_scope(&target, Some("Север"), dir.path()).is_err());
/// ```
pub fn same_scope(target: &Path, station: Option<&str>, out: &Path) -> Result<(), ReportError> {
    let Some(manifest) = fs::read(target.join("manifest.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
    else {
        return Ok(());
    };
    let parameters = &manifest["parameters"];
    let old = match parameters["scope"].as_str() {
        Some("all") => None,
        Some("station") => Some(parameters["station"].as_str().unwrap_or("")),
        // The part of a chain without a station (a `stoa split` folder `_no-station`): no
        // station's name, as [`crate::stations::Station::none`] has none.
        Some("no-station") => Some(""),
        _ => return Ok(()),
    };
    match (old, station) {
        (None, None) => return Ok(()),
        (Some(a), Some(b)) if crate::stations::Station::new(a).matches(b) => return Ok(()),
        _ => {}
    }
    let hint = match station {
        Some("") => crate::stations::NO_STATION.to_string(),
        Some(name) => crate::stations::Station::new(name).slug,
        None => "chain".to_string(),
    };
    Err(ReportError::OtherScope {
        path: target.to_path_buf(),
        old: super::scope_words(old),
        new: super::scope_words(station),
        path_hint: out.join(hint).display().to_string(),
    })
}

#[cfg(test)]
mod tests;
