//! The failures that stop ingest, and the exit code each deserves: a wrong `--data` is
//! usage, a file the system would not open is I/O, anything else found in the data is bad
//! data (rejected rows are not failures; they are accounted).

use std::path::{Path, PathBuf};

use polars::prelude::PolarsError;

use crate::config::{Config, ConfigError};
use crate::error::ExitCode;
use crate::schema::Table;

/// A failure that stops ingest (rejected rows are not failures; they are accounted).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The data folder does not exist.
    #[error("the data folder {path} does not exist: pass the folder of the exports with --data (the default is ./data)")]
    NoDataDir { path: PathBuf },
    /// `--data` names a file.
    #[error("{path} is a file, not the data folder: pass the folder that holds the exports with --data (the default is ./data)")]
    DataIsFile { path: PathBuf },
    /// The data folder cannot be listed.
    #[error("cannot read the data folder {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A required table is not in the data folder.
    #[error("the required table `{table}` was not found in {dir}: add a file named {table}.xlsx, {table}.csv or {table}.parquet (or a sheet named `{table}` / `{russian}` in a workbook, or a folder `{table}` of such files, an export a month), or name the file in stoa.toml under [files]")]
    MissingTable {
        table: Table,
        russian: &'static str,
        dir: PathBuf,
    },
    /// An optional table's file is a symbolic link to nothing (a drive not connected): the
    /// user put the table there, and the report went on without it, without a word.
    #[error("the table `{table}` is in {path}, a link to {target}, which does not exist: restore the file it points to (connect its drive), put the table's file itself in place of the link, or remove the link to go without the table")]
    OptionalLinkedAway {
        table: Table,
        /// The link.
        path: PathBuf,
        /// What it points to.
        target: PathBuf,
    },
    /// A required table is there only as a file of a kind stoa does not read.
    #[error("the required table `{table}` is in {path}, a file of a kind stoa does not read{hint}: save it as .xlsx or .csv (in Excel: File → Save As; in Numbers: File → Export To → Excel) and run again")]
    UnreadKind {
        table: Table,
        path: PathBuf,
        /// What the file is, when its extension says (`, an Apple Numbers file`).
        hint: &'static str,
    },
    /// A table was found in two places.
    #[error("the table `{table}` was found twice, in {first} and in {second}: keep one of them, or name the one to read under [files] in stoa.toml (e.g. `{example}`)")]
    DuplicateTable {
        table: Table,
        first: String,
        second: String,
        /// The `[files]` line that reads the first.
        example: String,
    },
    /// A file could not be read as a table (damaged, of an unknown kind, protected).
    #[error("cannot read {path}: {message}")]
    Read { path: PathBuf, message: String },
    /// `[files]` names a sheet the workbook does not have. Said by a run as the settings'
    /// mistake, in their file and at the entry's place ([`IngestError::in_settings`]).
    #[error("[files] names the sheet «{sheet}» of {path} for `{table}`, but the workbook has no such sheet; its sheets are {sheets}: correct the name after the #")]
    NoSheet {
        table: Table,
        path: PathBuf,
        sheet: String,
        sheets: String,
    },
    /// `[files]` names a file or folder that is not there: a mistake of the settings, not
    /// of the data (it was "cannot read …: does not exist", exit 1).
    #[error("`{table} = \"{spec}\"` under [files] names {path}, which does not exist: there is no {name} in the folder {folder}; correct the name, relative to the data folder{closest}, or remove the line for stoa to find the table by its file's name")]
    NamedMissing {
        table: Table,
        /// The value as written in stoa.toml.
        spec: String,
        /// The path it makes beside the data folder.
        path: PathBuf,
        /// The last part of `path`, quoted.
        name: String,
        /// The folder looked in (the data folder, or a folder of `spec` in it).
        folder: PathBuf,
        /// ` (did you mean `x`?)` of a name in `folder` close to `name`, or nothing.
        closest: String,
    },
    /// `[files]` names a symbolic link to nothing: the system says only that there is no
    /// such file, of a file the user sees in the folder.
    #[error("`{table} = \"{spec}\"` under [files] names {path}, a link to {target}, which does not exist: restore the file it points to, or name the file itself")]
    NamedBrokenLink {
        table: Table,
        /// The value as written in the settings.
        spec: String,
        /// The link, beside the data folder.
        path: PathBuf,
        /// Where it points (from the link's folder when relative).
        target: PathBuf,
    },
    /// `[files]` names a folder of files with a sheet after its `#`.
    #[error("`{table} = \"{spec}\"` under [files] names the folder {path} with a sheet, but a folder has no sheets: name a workbook with `#sheet`, or the folder alone to read all its files")]
    NamedFolderSheet {
        table: Table,
        /// The value as written in the settings.
        spec: String,
        /// The folder, beside the data folder.
        path: PathBuf,
    },
    /// `[files]` names a CSV or Parquet file with a sheet after its `#`: such a file has no
    /// sheets, and the sheet was passed over without a word, the whole file read.
    #[error("`{table} = \"{spec}\"` under [files] names {path} with the sheet «{sheet}», but {kind} has no sheets: remove `#{sheet}` from the entry to read the file whole, or name a workbook (.xlsx, .xls, .ods) with `#sheet`")]
    NamedFlatSheet {
        table: Table,
        /// The value as written in the settings.
        spec: String,
        /// The file, beside the data folder.
        path: PathBuf,
        /// The sheet written after the `#`.
        sheet: String,
        /// `a CSV file` or `a Parquet file`.
        kind: &'static str,
    },
    /// A mistake of a `[files]` entry ([`IngestError::NamedMissing`], `NamedBrokenLink`,
    /// `NamedFolderSheet`, `NoSheet`) said as the settings' own: with the file the run read
    /// (`--config`, or the data folder's `stoa.toml`) and the entry's line and column
    /// ([`ConfigError::At`]). Until session 30 ingest named `stoa.toml` whatever file it
    /// was, and the commands reworded its errors after the fact.
    #[error("{placed}")]
    Settings {
        /// The mistake where the settings file writes it.
        placed: Box<ConfigError>,
        /// The mistake itself, for a caller that wants its parts.
        #[source]
        mistake: Box<IngestError>,
    },
    /// The data folder is a symbolic link to nothing.
    #[error("the data folder {path} is a link to {target}, which does not exist: restore the folder it points to, or pass the folder of the exports itself with --data")]
    DataDirBrokenLink { path: PathBuf, target: PathBuf },
    /// A required table whose file is there only as a link to nothing: "add the file
    /// visits.xlsx" was said of a file the user sees in the folder.
    #[error("the required table `{table}` was not found in {dir}: {link} is a link to {target}, which does not exist; restore the file it points to, or put the table's file itself in place of the link")]
    LinkedAway {
        table: Table,
        dir: PathBuf,
        /// The link named for the table.
        link: PathBuf,
        /// Where it points.
        target: PathBuf,
    },
    /// The system refused to open or read a file: an I/O failure, not bad data.
    #[error("cannot open {path}: {reason}; check that the file is there and that you may read it, and close it in any program that holds it (Excel locks a file it has open), then run again")]
    Open { path: PathBuf, reason: String },
    /// No header row was recognised.
    #[error("no header row was found in {place}: none of the first 200 rows names a column of `{table}` (such as {examples}); check that this is the right file or add synonyms under [columns.{table}] in stoa.toml")]
    NoHeader {
        table: Table,
        place: String,
        examples: String,
    },
    /// stoa.toml names a cell by its place among cells of one name (`Сумма#3`) that the
    /// header does not have.
    #[error("stoa.toml names {column} = \"{name}\" under [columns.{table}], but the header of {place} has {count} {cells} named «{base}»: give a place from 1 to {count} after the #", cells = crate::ingest::reasons::counted(*.count, ["cell", "cells"]))]
    MisplacedName {
        table: Table,
        place: String,
        column: &'static str,
        name: String,
        base: String,
        count: usize,
    },
    /// Required columns are missing. Named as exports name them (`«Make»`, a Russian
    /// export's `«Марка»`) with headers that would be read as them: until session 31 the
    /// message said stoa's own names («нет столбца для brand»).
    #[error("{}", .lacking.in_file(.place, *.table, .found))]
    MissingColumns {
        table: Table,
        place: String,
        /// The header's cells, quoted.
        found: String,
        lacking: Box<Lacking>,
    },
    /// A sheet of a workbook read from several that looks like the table's (its header
    /// names most of its columns, rows below it) but lacks a required column: read from
    /// the other sheets alone, its rows were lost without a word (until session 29).
    #[error("{}", .lacking.in_sheet(.place, *.table, .named, .found, .example))]
    SheetLacksColumns {
        table: Table,
        place: String,
        /// The header's cells of the table's columns it names, in «».
        named: String,
        found: String,
        example: String,
        lacking: Box<Lacking>,
    },
    /// A competitor price file in the wide layout (one column of prices per competitor),
    /// which stoa does not read: the competitors' columns, quoted.
    #[error("{place} has one column of prices per competitor ({competitors}) and the services down its rows; stoa reads competitor prices one observation a row: the competitor, the service's code (or its description), the price and the date it was seen, as columns `Конкурент;Код работы;Цена;Дата наблюдения` (or competitor, service_code, price, observed_at). Turn the table into such rows, one per service and competitor with the date of the prices, and run again")]
    WideCompetitorPrices { place: String, competitors: String },
    /// Visit numbers repeat across the stations of a chain (numbered apart) and the order
    /// lines name no station: whose visit a line is cannot be told.
    #[error("the visit numbers repeat across stations: {count} {numbers} on visits of more than one station (e.g. {example}, at {stations}), and the order lines in {path} do not say their station, so their visits cannot be told apart; export the order lines with the station's column («Филиал»), or make the numbers unique across the stations (e.g. a prefix for each station), or report each station from a data folder of its own exports (stoa split reads the chain as one and cannot part them either)", numbers = crate::ingest::reasons::counted(*.count, ["number is", "numbers are each"]))]
    SharedNumbers {
        count: usize,
        example: String,
        stations: String,
        path: String,
    },
    /// polars failed on a frame.
    #[error("processing the table `{table}` failed: {source}")]
    Polars {
        table: Table,
        #[source]
        source: PolarsError,
    },
}

/// A file's header that lacks a required column: the file, the column by its English
/// header, the table, the column by its Russian header, headers read as it, the header's
/// cells, the table, the `[columns.TABLE]` line.
pub const MISSING_COLUMN: &str = "{} has no column {} (required in `{}`; in a Russian export {}); a header such as {} is read as it, and the columns found are: {}. Rename the header or add a synonym under [columns.{}] in stoa.toml ({})";

/// [`MISSING_COLUMN`] for several columns: said in the singular, «нет столбца «Марка»,
/// «Код клиента»» read as one column of two names.
pub const MISSING_COLUMNS: &str = "{} has no columns {} (required in `{}`; in a Russian export {}); headers such as {} are read as them, and the columns found are: {}. Rename the headers or add synonyms under [columns.{}] in stoa.toml ({})";

/// A sheet of a workbook read from several that looks like the table's but lacks a
/// required column: the sheet, the table, its header's cells of the table, the column by
/// its English header, by its Russian, headers read as it, the header's cells, the table,
/// the `[columns.TABLE]` line, the table, a `[files]` line reading another sheet.
pub const SHEET_LACKS_COLUMN: &str = "{} looks like a sheet of `{}` (its header names {}) but has no column {} (required; in a Russian export {}), so its rows cannot be read; a header such as {} is read as it, and the columns found are: {}. Rename the header or add a synonym under [columns.{}] in stoa.toml ({}); if the sheet holds no rows of `{}`, name the sheet that does under [files] in stoa.toml (e.g. `{}`)";

/// [`SHEET_LACKS_COLUMN`] for several columns.
pub const SHEET_LACKS_COLUMNS: &str = "{} looks like a sheet of `{}` (its header names {}) but has no columns {} (required; in a Russian export {}), so its rows cannot be read; headers such as {} are read as them, and the columns found are: {}. Rename the headers or add synonyms under [columns.{}] in stoa.toml ({}); if the sheet holds no rows of `{}`, name the sheet that does under [files] in stoa.toml (e.g. `{}`)";

/// The required columns a header lacks, as the errors name them
/// ([`IngestError::MissingColumns`], [`IngestError::SheetLacksColumns`]); boxed, as its
/// texts would make every `IngestError` large.
#[derive(Debug)]
pub struct Lacking {
    /// Whether more than one column is lacking (a pair of which one is needed, `«Code» or
    /// «Description»`, is one): the message is in the plural.
    pub several: bool,
    /// By stoa's names, joined by commas (for code; not said).
    pub missing: String,
    /// By their English headers ([`crate::schema::labels`]): `«Make»`.
    pub column: String,
    /// By their Russian headers: `«Марка»`.
    pub column_ru: String,
    /// Headers read as each.
    pub accepted: String,
    /// The `[columns.TABLE]` lines that would read the user's own header.
    pub keys: String,
}

impl Lacking {
    /// The columns `missing` (stoa's names) of `table`.
    pub fn of(table: Table, missing: &[&str]) -> Box<Lacking> {
        use crate::schema::labels;
        Box::new(Lacking {
            several: missing.len() > 1,
            missing: missing.join(", "),
            column: labels::english(missing),
            column_ru: labels::russian(missing),
            accepted: labels::accepted(table, missing),
            keys: labels::keys(missing),
        })
    }

    /// The error of the file at `place`, whose header's cells are `found`
    /// ([`MISSING_COLUMN`], or [`MISSING_COLUMNS`] for several).
    fn in_file(&self, place: &str, table: Table, found: &str) -> String {
        let template = match self.several {
            true => MISSING_COLUMNS,
            false => MISSING_COLUMN,
        };
        let table = table.to_string();
        let (column, ru) = (self.column.as_str(), self.column_ru.as_str());
        let args = [
            place,
            column,
            &table,
            ru,
            &self.accepted,
            found,
            &table,
            &self.keys,
        ];
        crate::ingest::reasons::fill(template, &args)
    }

    /// The error of the sheet at `place` whose header names `named` of the table's
    /// columns ([`SHEET_LACKS_COLUMN`], or [`SHEET_LACKS_COLUMNS`] for several).
    fn in_sheet(
        &self,
        place: &str,
        table: Table,
        named: &str,
        found: &str,
        example: &str,
    ) -> String {
        let template = match self.several {
            true => SHEET_LACKS_COLUMNS,
            false => SHEET_LACKS_COLUMN,
        };
        let table = table.to_string();
        let (column, ru) = (self.column.as_str(), self.column_ru.as_str());
        let args = [
            place,
            &table,
            named,
            column,
            ru,
            &self.accepted,
            found,
            &table,
            &self.keys,
            &table,
            example,
        ];
        crate::ingest::reasons::fill(template, &args)
    }
}

impl IngestError {
    /// Missing tables and columns and unreadable files are bad data (1); a data folder
    /// that does not exist is a wrong `--data` (2); one that cannot be listed or a failure
    /// of polars is an I/O or internal error (3).
    pub fn exit_code(&self) -> ExitCode {
        match self {
            IngestError::Settings { placed, .. } => placed.exit_code(),
            IngestError::NoDataDir { .. }
            | IngestError::DataDirBrokenLink { .. }
            | IngestError::DataIsFile { .. }
            | IngestError::MisplacedName { .. }
            | IngestError::NamedMissing { .. }
            | IngestError::NamedBrokenLink { .. }
            | IngestError::NamedFolderSheet { .. }
            | IngestError::NamedFlatSheet { .. }
            | IngestError::NoSheet { .. } => ExitCode::Usage,
            IngestError::DataDir { .. } | IngestError::Open { .. } | IngestError::Polars { .. } => {
                ExitCode::Internal
            }
            _ => ExitCode::BadData,
        }
    }
}

impl IngestError {
    /// A mistake of a `[files]` entry said where the settings write it
    /// ([`IngestError::Settings`]); any other error, or one of settings read from no file
    /// (the defaults, or a `Config` made in code), as it is.
    ///
    /// ```
    /// use stoa::ingest::IngestError;
    /// let config = stoa::config::Config::from_toml("[files]\nvisits = \"zn.cvs\"\n", "my.toml").unwrap();
    /// let e = IngestError::NamedFolderSheet {
    ///     table: stoa::schema::Table::Visits,
    ///     spec: "zn#Лист1".into(),
    ///     path: "data/zn".into(),
    /// };
    /// let said = e.in_settings(&config).to_string();
    /// assert!(said.starts_with("in the configuration file my.toml, line 2, column 10: `visits = \"zn#Лист1\"` under [files]"), "{said}");
    /// ```
    pub fn in_settings(self, config: &Config) -> IngestError {
        let table = match &self {
            IngestError::NamedMissing { table, .. }
            | IngestError::NamedBrokenLink { table, .. }
            | IngestError::NamedFolderSheet { table, .. }
            | IngestError::NamedFlatSheet { table, .. }
            | IngestError::NoSheet { table, .. } => *table,
            _ => return self,
        };
        // The entry as the file names it (`визиты = …` is the visits' too).
        let name = config
            .files
            .keys()
            .find(|k| Table::from_name(k) == Some(table))
            .map_or_else(|| table.name().to_string(), String::clone);
        match config.at(&["files".to_string(), name], self.to_string()) {
            Some(placed) => IngestError::Settings {
                placed: Box::new(placed),
                mistake: Box::new(self),
            },
            None => self,
        }
    }

    /// The error of a required table not found in `dir`: said as a link to nothing when a
    /// file named for the table is one ([`IngestError::LinkedAway`]), since ingest looks
    /// past it as past a file that is not there.
    pub fn missing_table(table: Table, dir: &Path) -> IngestError {
        match linked_away(table, dir) {
            Some((link, target)) => IngestError::LinkedAway {
                table,
                dir: dir.to_path_buf(),
                link,
                target,
            },
            None => IngestError::MissingTable {
                table,
                russian: table.russian_name(),
                dir: dir.to_path_buf(),
            },
        }
    }

    /// The error of a data folder that is not there: said as a link to nothing when it is
    /// one.
    pub fn no_data_dir(path: &Path) -> IngestError {
        match crate::error::broken_link(path) {
            Some(target) => IngestError::DataDirBrokenLink {
                path: path.to_path_buf(),
                target,
            },
            None => IngestError::NoDataDir {
                path: path.to_path_buf(),
            },
        }
    }

    /// The error of a file the system would not open or read, its cause said in words a
    /// user acts on (the system's own are English: "Permission denied (os error 13)").
    ///
    /// ```
    /// use stoa::ingest::IngestError;
    /// let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    /// let said = IngestError::open("data/visits.xlsx".as_ref(), &e).to_string();
    /// assert!(said.starts_with("cannot open data/visits.xlsx: access is denied;"));
    /// ```
    pub fn open(path: &Path, e: &std::io::Error) -> IngestError {
        // Windows' sharing and lock violations: the file is open in Excel.
        const SHARING_VIOLATION: i32 = 32;
        const LOCK_VIOLATION: i32 = 33;
        let reason = match e.kind() {
            std::io::ErrorKind::PermissionDenied => "access is denied".to_string(),
            std::io::ErrorKind::NotFound => "the file is no longer there".to_string(),
            _ if cfg!(windows)
                && matches!(e.raw_os_error(), Some(SHARING_VIOLATION | LOCK_VIOLATION)) =>
            {
                "another program has it open".to_string()
            }
            _ => e.to_string(),
        };
        IngestError::Open {
            path: path.to_path_buf(),
            reason,
        }
    }
}

/// A link in `dir` named for `table` (`visits.xlsx`, `Визиты.csv`) whose target does not
/// exist, and that target.
fn linked_away(table: Table, dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let mut links: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            stem.and_then(|s| Table::from_name(&s)) == Some(table)
        })
        .filter_map(|p| crate::error::broken_link(&p).map(|t| (p, t)))
        .collect();
    links.sort();
    links.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_the_system_refuses_is_an_io_error_worded_for_the_user() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let err = IngestError::open(Path::new("data/visits.xlsx"), &e);
        assert_eq!(err.exit_code(), ExitCode::Internal);
        assert!(!err.to_string().contains("os error"), "{err}");
        // A damaged file is bad data, not I/O.
        let damaged = IngestError::Read {
            path: "data/visits.xlsx".into(),
            message: "not a readable workbook".into(),
        };
        assert_eq!(damaged.exit_code(), ExitCode::BadData);
    }

    fn no_sheet() -> IngestError {
        IngestError::NoSheet {
            table: Table::Visits,
            path: "data/v.xlsx".into(),
            sheet: "Заказы".into(),
            sheets: "«Лист1»".into(),
        }
    }

    #[test]
    fn regression_a_files_mistake_is_said_in_the_settings_file_read_at_its_place() {
        // Ingest said `stoa.toml` of whatever file `--config` named, and no place in it;
        // the commands reworded its errors after `load` returned, and a library caller
        // still got the old words.
        let text = "station = \"x\"\n[files]\nvisits = \"v.xlsx#Заказы\"\n";
        let config = Config::from_toml(text, "my cfg/s.toml").unwrap();
        let placed = no_sheet().in_settings(&config);
        assert_eq!(placed.exit_code(), ExitCode::Usage);
        assert_eq!(
            placed.to_string(),
            "in the configuration file my cfg/s.toml, line 3, column 10: [files] names the sheet «Заказы» of data/v.xlsx for `visits`, but the workbook has no such sheet; its sheets are «Лист1»: correct the name after the #"
        );
        // The mistake itself is in it, its parts there for a caller.
        assert!(matches!(
            &placed,
            IngestError::Settings { mistake, .. } if matches!(**mistake, IngestError::NoSheet { .. })
        ));
        // Placed once: placing it again changes nothing.
        let again = placed.in_settings(&config).to_string();
        assert!(again.starts_with("in the configuration file my cfg/s.toml, line 3"));
        assert_eq!(again.matches("in the configuration file").count(), 1);
    }

    #[test]
    fn a_files_entry_written_by_its_russian_name_is_placed_at_itself() {
        let text = "[files]\n\"Визиты\" = \"v.xlsx#Заказы\"\n";
        let config = Config::from_toml(text, "s.toml").unwrap();
        let said = no_sheet().in_settings(&config).to_string();
        assert!(
            said.starts_with("in the configuration file s.toml, line 2, column 12: "),
            "{said}"
        );
    }

    #[test]
    fn settings_read_from_no_file_leave_the_mistake_as_it_is_and_name_no_file() {
        let said = no_sheet().in_settings(&Config::default());
        assert!(matches!(said, IngestError::NoSheet { .. }));
        assert!(!said.to_string().contains("stoa.toml"), "{said}");
        // Other errors are never the settings'.
        let other = IngestError::NoDataDir {
            path: "data".into(),
        };
        let config = Config::from_toml("[files]\nvisits = \"v.xlsx\"\n", "s.toml").unwrap();
        assert!(matches!(
            other.in_settings(&config),
            IngestError::NoDataDir { .. }
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_nothing_is_said_to_be_one() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        assert!(matches!(
            IngestError::no_data_dir(&gone),
            IngestError::NoDataDir { .. }
        ));
        let link = dir.path().join("data");
        std::os::unix::fs::symlink(&gone, &link).unwrap();
        assert!(matches!(
            IngestError::no_data_dir(&link),
            IngestError::DataDirBrokenLink { ref target, .. } if *target == gone
        ));
        assert!(matches!(
            IngestError::missing_table(Table::Visits, dir.path()),
            IngestError::MissingTable { .. }
        ));
        std::os::unix::fs::symlink(dir.path().join("x.xlsx"), dir.path().join("Визиты.xlsx"))
            .unwrap();
        let said = IngestError::missing_table(Table::Visits, dir.path());
        assert!(
            matches!(said, IngestError::LinkedAway { ref link, .. } if link.ends_with("Визиты.xlsx")),
            "{said}"
        );
        assert_eq!(said.exit_code(), ExitCode::BadData);
    }
}
