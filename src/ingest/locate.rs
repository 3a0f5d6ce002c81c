//! Finding each table's source in the data folder: a file named after the table (English
//! or Russian), a folder named after it (its files read as one table), a sheet named after
//! it in any workbook, or the file or folder the config names.
//! A table found in two places is an error that names both.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::ingest::header::Synonyms;
use crate::ingest::read::folder::data_files;
use crate::ingest::read::sniff::Content;
use crate::ingest::read::{sheet, FileKind, Hidden, Source};
use crate::ingest::IngestError;
use crate::schema::Table;

/// Where the tables are.
#[derive(Debug, Default)]
pub struct Located {
    /// The source of every table that was found.
    pub sources: BTreeMap<Table, Source>,
    /// Hidden sheets named after a table found in view elsewhere, and so not read (a copy
    /// `Работы (2)` Excel made, a lookup sheet `Визиты` hidden in the lines' workbook).
    pub passed: BTreeMap<Table, Vec<Hidden>>,
}

/// Find every table's source.
///
/// A file named after a table is that table's, whatever its sheets are named: its reader
/// takes the sheets that hold the table's header. A sheet named after a table in another
/// workbook is that table's source; a hidden one only when the table is in view nowhere
/// else, as Excel does not show it (an old copy, a lookup).
pub fn locate(dir: &Path, config: &Config) -> Result<Located, IngestError> {
    if dir.is_file() {
        return Err(IngestError::DataIsFile {
            path: dir.to_path_buf(),
        });
    }
    let listing = std::fs::read_dir(dir).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            IngestError::no_data_dir(dir)
        } else {
            IngestError::DataDir {
                path: dir.to_path_buf(),
                source,
            }
        }
    })?;
    // A folder named after a table holds that table's files (an export a month).
    let mut folders: Vec<(PathBuf, Table)> = listing
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter_map(|p| {
            let table = Table::from_name(p.file_name()?.to_str()?)?;
            Some((p, table))
        })
        .collect();
    folders.sort();
    let files = data_files(dir).map_err(|source| IngestError::DataDir {
        path: dir.to_path_buf(),
        source,
    })?;
    no_optional_link_to_nothing(dir)?;

    let mut found: BTreeMap<Table, Vec<Source>> = BTreeMap::new();
    let mut hidden_named: BTreeMap<Table, Vec<Source>> = BTreeMap::new();
    for path in &files {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        // A workbook `[files]` names whole as a table's is that table's as one named after
        // it is: its sheet named after another table is that table's only when it holds
        // its columns (`Работы` of a price list named `Прайс.xlsx` in stoa.toml).
        let by_name = Table::from_name(stem).or_else(|| named_whole(config, dir, path));
        // By what the file holds: a web page named `.xls` has no sheets to look in.
        // A file named for no table that the system will not open (another workbook open
        // in Excel on Windows) holds none of the tables by its name: passed over, where it
        // stopped the run. Its sheets could only be read by opening it.
        let content = match Content::of(path) {
            Ok(c) => c,
            Err(_) if by_name.is_none() => continue,
            Err(e) => return Err(IngestError::open(path, &e)),
        };
        if matches!(
            content.kind().or(FileKind::of(path)),
            Some(FileKind::Workbook | FileKind::SpreadsheetXml)
        ) {
            let sheets = sheet::sheet_names(path, content)?;
            if let Some(t) = by_name {
                // visits.xlsx, its sheet "Лист1", "TDSheet" or "Визиты": the reader
                // takes the sheets that hold the table. Before, a sheet named after the
                // table was read alone, even a hidden copy beside the sheet in view.
                found.entry(t).or_default().push(Source {
                    path: path.clone(),
                    sheet: None,
                });
            }
            for (s, hidden) in sheets {
                let Some(t) = Table::from_name(&s).filter(|t| Some(*t) != by_name) else {
                    continue;
                };
                // In a workbook named after another table, a sheet is the table its name
                // says only when it holds its columns: `Работы` of `price_list.xlsx` is the
                // price of works, and beside `order_lines.csv` it stopped the run as the
                // order lines found twice (until session 31).
                if by_name.is_some() && !sheet::holds(path, content, &s, &Synonyms::new(t, config))?
                {
                    continue;
                }
                let source = Source {
                    path: path.clone(),
                    sheet: Some(s),
                };
                match hidden {
                    false => found.entry(t).or_default().push(source),
                    true => hidden_named.entry(t).or_default().push(source),
                }
            }
        } else if let Some(t) = by_name {
            found.entry(t).or_default().push(Source {
                path: path.clone(),
                sheet: None,
            });
        }
    }

    for (path, t) in folders {
        found
            .entry(t)
            .or_default()
            .push(Source { path, sheet: None });
    }

    // A hidden sheet is a table's source only where the table is nowhere in view.
    let mut passed: BTreeMap<Table, Vec<Hidden>> = BTreeMap::new();
    for (t, sources) in hidden_named {
        if let Entry::Vacant(v) = found.entry(t) {
            v.insert(sources);
            continue;
        }
        for s in sources {
            let file = s.path.display().to_string();
            let sheet = s.sheet.expect("a named sheet");
            let list = passed.entry(t).or_default();
            match list.iter_mut().find(|h| h.file == file) {
                Some(h) => h.sheets.push(sheet),
                None => list.push(Hidden {
                    file,
                    sheets: vec![sheet],
                }),
            }
        }
    }

    // Tables named in the config take precedence over discovery. A mistake of an entry is
    // the settings', said in their file at the entry's place.
    for (name, spec) in &config.files {
        let table = Table::from_name(name).expect("config validated table names");
        let (path, sheet) = named_file(dir, spec);
        // A folder of files, or a file (with its sheet).
        if path.is_dir() && sheet.is_some() {
            return Err(IngestError::NamedFolderSheet {
                table,
                spec: spec.clone(),
                path,
            }
            .in_settings(config));
        }
        if !path.is_file() && !path.is_dir() {
            return Err(named_missing(table, spec, path).in_settings(config));
        }
        if let (Some(sheet), Some(kind @ (FileKind::Csv | FileKind::Parquet))) =
            (&sheet, flat_kind(&path))
        {
            return Err(IngestError::NamedFlatSheet {
                table,
                spec: spec.clone(),
                path,
                sheet: sheet.clone(),
                kind: match kind {
                    FileKind::Csv => "a CSV file",
                    _ => "a Parquet file",
                },
            }
            .in_settings(config));
        }
        found.insert(table, vec![Source { path, sheet }]);
        passed.remove(&table);
    }

    let mut out = BTreeMap::new();
    for (table, sources) in found {
        if sources.len() > 1 {
            let show = |s: &Source| crate::ingest::read::place(&s.path, s.sheet.as_deref());
            // The `[files]` line that reads the first: its path in the data folder.
            let first = &sources[0];
            let file = first.path.strip_prefix(dir).unwrap_or(&first.path);
            let spec = match &first.sheet {
                Some(s) => format!("{}#{s}", file.display()),
                None => file.display().to_string(),
            };
            return Err(IngestError::DuplicateTable {
                table,
                first: show(first),
                second: show(&sources[1]),
                example: format!("{table} = \"{spec}\""),
            });
        }
        out.insert(table, sources.into_iter().next().expect("one source"));
    }
    Ok(Located {
        sources: out,
        passed,
    })
}

/// The table whose `[files]` entry names the file at `path` of `dir` whole (no sheet; a
/// file whose own name holds a `#` is named whole by its name).
fn named_whole(config: &Config, dir: &Path, path: &Path) -> Option<Table> {
    config
        .files
        .iter()
        .find(|(_, spec)| named_file(dir, spec) == (path.to_path_buf(), None))
        .and_then(|(t, _)| Table::from_name(t))
}

/// The file (in `dir`) and sheet a `[files]` entry names: `export.xlsx#Лист1` is the sheet
/// `Лист1` of `export.xlsx`; an entry that names a file or folder as it is written is that
/// file whole, a `#` in its name and all (`Заказ-наряды #2.csv`, which was taken for the
/// sheet `2.csv` of a file `Заказ-наряды ` that is not there).
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("zn #2.csv"), "a\n").unwrap();
/// use stoa::ingest::locate::named_file;
/// assert_eq!(named_file(dir.path(), "zn #2.csv"), (dir.path().join("zn #2.csv"), None));
/// assert_eq!(named_file(dir.path(), "v.xlsx#Лист1"), (dir.path().join("v.xlsx"), Some("Лист1".into())));
/// assert_eq!(named_file(dir.path(), "v.xlsx"), (dir.path().join("v.xlsx"), None));
/// ```
pub fn named_file(dir: &Path, spec: &str) -> (PathBuf, Option<String>) {
    let whole = dir.join(spec);
    if whole.exists() {
        return (whole, None);
    }
    match spec.rsplit_once('#') {
        Some((file, sheet)) => (dir.join(file), Some(sheet.to_string())),
        None => (whole, None),
    }
}

/// The kind of a file by what it holds, else by its name: a CSV or Parquet file has no
/// sheets for a `#sheet` to choose.
fn flat_kind(path: &Path) -> Option<FileKind> {
    Content::of(path)
        .ok()
        .and_then(|c| c.kind())
        .or_else(|| FileKind::of(path))
}

/// An optional table's file in `dir` that is a symbolic link to nothing (`agents.csv` →
/// `/mnt/usb/agents.csv`, the drive not connected) stops the run (exit 1) naming the link
/// and its target: it was passed over as a file that is not there, and the report went on
/// without the agents, or said the price list was "not found", with exit 0. A required
/// table's link is said by the command, as the table's missing file
/// (`commands::load_data`). Hidden files and Excel's `~$` lock files are not looked at.
fn no_optional_link_to_nothing(dir: &Path) -> Result<(), IngestError> {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut links: Vec<(Table, PathBuf, PathBuf)> = listing
        .flatten()
        .map(|e| e.path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            if name.starts_with('.') || name.starts_with("~$") {
                return None;
            }
            let table = Table::from_name(p.file_stem()?.to_str()?)
                .or_else(|| Table::from_name(name))
                .filter(|t| !t.required())?;
            let target = crate::error::broken_link(&p)?;
            Some((table, p, target))
        })
        .collect();
    links.sort();
    match links.into_iter().next() {
        Some((table, path, target)) => Err(IngestError::OptionalLinkedAway {
            table,
            path,
            target,
        }),
        None => Ok(()),
    }
}

/// The error of a `[files]` entry naming what is not there: the folder looked in, and a
/// name there close to the one written, if any (`visits_2026.xlsx` for `visit_2026.xlsx`);
/// or, when the entry names a link to nothing, the link and where it points.
fn named_missing(table: Table, spec: &str, path: PathBuf) -> IngestError {
    if let Some(target) = crate::error::broken_link(&path) {
        return IngestError::NamedBrokenLink {
            table,
            spec: spec.to_string(),
            path,
            target,
        };
    }
    let name = path
        .file_name()
        .map_or_else(|| spec.to_string(), |n| n.to_string_lossy().into_owned());
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let there: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.') && !n.starts_with("~$"))
                .collect()
        })
        .unwrap_or_default();
    let closest = crate::config::did_you_mean(&name, there.iter().map(String::as_str));
    IngestError::NamedMissing {
        table,
        spec: spec.to_string(),
        path,
        name: format!("{name:?}"),
        folder,
        closest,
    }
}

/// A file of `dir` named after `table` that stoa does not read (`visits.numbers`, an Apple
/// Numbers file; `clients.pdf`), for the error of the missing table: the user sees the file
/// there and was told to add it. Hidden files and Excel's `~$` lock files are not looked at.
pub fn unread_file(dir: &Path, table: Table) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && FileKind::of(p).is_none())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let stem = p.file_stem().and_then(|n| n.to_str()).unwrap_or("");
            !name.starts_with("~$")
                && !name.starts_with('.')
                && Table::from_name(stem) == Some(table)
        })
        .collect();
    found.sort();
    found.into_iter().next()
}
