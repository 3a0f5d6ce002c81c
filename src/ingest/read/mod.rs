//! Readers: every supported file format turned into one shape — a frame of the table's
//! matched columns (canonical names, raw values) plus `__row`, the row number the user
//! sees (Excel row or CSV line, 1-based, header included) — with title rows, blank rows
//! and the total row already left out. A CSV table whose rows have more fields than its
//! header has [`EXTRA`] and [`EXTRA_REASON`] too.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::ingest::header::{Header, Synonyms};
use crate::ingest::IngestError;
use crate::schema::labels;

pub(crate) use finish::{cleaned, finish, is_total_word};
pub use footer::Footer;
pub use totals::{Below, Subtotal};

mod combine;
pub mod csv;
mod finish;
pub mod folder;
mod footer;
pub mod formulas;
pub mod hidden_columns;
pub mod html;
pub mod merged;
mod ods;
pub mod parquet;
pub mod sheet;
pub mod sniff;
mod totals;
pub mod xml2003;

/// The column holding the user-visible row number.
pub const ROW: &str = "__row";

/// The column holding each row's sheet, in a table read from several sheets.
pub const SHEET: &str = "__sheet";

/// The column holding each row's file, in a table read from a folder of files.
pub const FILE: &str = "__file";

/// The column holding, on a CSV row with more fields than its header, the fields past the
/// header (joined by the delimiter); null on every other row, and absent when no row has
/// any. Validation rejects those rows whole ([`csv`]'s `extra`).
pub const EXTRA: &str = "__extra";

/// The reason of each row of [`EXTRA`], worded by the reader, which knows the row's fields,
/// the header's and the delimiter.
pub const EXTRA_REASON: &str = "__extra_reason";

/// One table as read from its source, before cell parsing.
#[derive(Clone, Default)]
pub struct RawTable {
    /// Matched columns under canonical names (raw values: text, or typed for Parquet) and
    /// `__row`. Columns of the text kind are cleaned ([`clean_text`]); the text of other
    /// kinds is as read, and validation cleans it as it parses it.
    pub frame: DataFrame,
    /// The header that was found.
    pub header: Header,
    /// Columns of typed kinds (money, numbers) whose cells were all stored as numbers in a
    /// workbook, under their canonical names: each cell's number as Float64 (null where the
    /// cell is empty), which is what parsing the cell's text in `frame` gives. Validation
    /// takes the values from here instead of parsing the text back.
    pub numbers: Vec<Column>,
    /// The sheets of a table read from several sheets of one workbook, or the files of a
    /// table read from a folder, each with its own header and rows read, in order (empty
    /// for one source): the frame then has [`SHEET`] (and, from a folder, [`FILE`]), and
    /// `header` names each column as the first part holding it.
    pub parts: Vec<Part>,
    /// Columns of a sheet whose empty cells were read from a cell merged over them.
    pub merged: Vec<merged::Merged>,
    /// Files read by what they hold, which their names do not say.
    pub disguised: Vec<Disguised>,
    /// Hidden sheets that hold the table too and were not read.
    pub hidden: Vec<Hidden>,
    /// Sheets in view that were not read, holding no header of the table.
    pub skipped: Vec<Skipped>,
    /// Total rows inside the table (a subtotal of a group), set aside as the total row is.
    pub subtotals: Vec<Subtotal>,
    /// Rows below the table's total row that are not blank, not read: one per file or
    /// sheet that has any.
    pub below: Vec<Below>,
    /// Rows of one text cell after the table's last blank row (a signature, the time of
    /// the export), not read: one per file or sheet that has any ([`footer`]).
    pub footers: Vec<Footer>,
    /// Columns of a sheet with formulas whose values were never saved (read as empty).
    pub unsaved: Vec<formulas::Unsaved>,
    /// Percentage columns whose cells a workbook formats as percentages, read as Excel
    /// shows them (0,1 as 10) in `numbers`.
    pub percent_formats: Vec<PercentFormat>,
    /// The rows that repeat a header of more than one row whole, cell for cell, as a
    /// report printed by pages does over each page: found by the reader, which has every
    /// cell of a row (`frame` has only the columns read), and set aside with the other
    /// repeats of the header before validation (`crate::ingest::repeated_header`).
    pub header_repeats: Vec<HeaderRepeat>,
    /// Hidden columns of a sheet not read because a column in view names the same column
    /// of the table ([`HiddenColumn`]).
    pub hidden_columns: Vec<HiddenColumn>,
    /// Parquet time stamp columns stored in UTC with a time of day, read as the UTC clock
    /// shows them (a time stamp in any other zone is read in its zone, without a word).
    pub utc: Vec<parquet::UtcTimes>,
}

/// A row that repeats the table's header ([`RawTable::header_repeats`]): its file and sheet
/// where the table is read from several (None for one, and as `frame`'s [`FILE`] and
/// [`SHEET`] say it), and its row number ([`ROW`]).
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderRepeat {
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: u32,
}

/// A hidden column of a sheet whose header names a column of the table that a column in
/// view names too: the one in view is read, as Excel shows it (until session 32 the first
/// was, hidden or not, and its figures nobody saw counted).
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenColumn {
    /// Where, as messages name it.
    pub place: String,
    /// The table's column both name.
    pub column: &'static str,
    /// The hidden column's letter and its header cell.
    pub hidden: (String, String),
    /// The letter and header cell of the column read.
    pub read: (String, String),
    /// The name under `[columns.TABLE]` that reads the hidden one instead (`Сумма#1`).
    pub name: String,
    /// The sheet's rows read.
    pub rows: u64,
}

/// A percentage column (`discount_pct`, `commission_pct`) whose cells formatted as
/// percentages in a workbook (which stores 10 % as 0,1) were read as Excel shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct PercentFormat {
    /// The column's canonical name.
    pub column: String,
    /// Its non-zero cells so read.
    pub cells: u64,
}

impl RawTable {
    /// Keep the rows where `keep` is true, setting the others aside as rows of no data (a
    /// grouped report's group rows, a flat table's further lines of a visit): the cells a
    /// workbook stored as numbers go with their rows, and each sheet's or file's rows read
    /// ([`RawTable::parts`]) lose the rows set aside from it, so that its accounting still
    /// adds up.
    pub fn keep_rows(&mut self, keep: &BooleanChunked) -> PolarsResult<()> {
        if !self.parts.is_empty() {
            let place = |name: &str| match self.frame.column(name) {
                Ok(_) => col(name),
                Err(_) => lit(""),
            };
            let set_aside = self
                .frame
                .filter(&!keep)?
                .lazy()
                .group_by([place(FILE).alias("file"), place(SHEET).alias("sheet")])
                .agg([len().cast(DataType::UInt64).alias("n")])
                .collect()?;
            let (files, sheets, n) = (
                set_aside.column("file")?.str()?,
                set_aside.column("sheet")?.str()?,
                set_aside.column("n")?.u64()?,
            );
            for part in &mut self.parts {
                let here = (0..set_aside.height()).find(|&i| {
                    files.get(i) == Some(part.file.as_deref().unwrap_or(""))
                        && sheets.get(i) == Some(part.sheet.as_deref().unwrap_or(""))
                });
                if let Some(i) = here {
                    part.rows -= n.get(i).unwrap_or(0);
                }
            }
        }
        self.frame = self.frame.filter(keep)?;
        self.numbers = self
            .numbers
            .iter()
            .map(|c| c.filter(keep))
            .collect::<PolarsResult<_>>()?;
        Ok(())
    }
}

/// Hidden sheets of a workbook that hold the table's header too, not read because sheets
/// in view hold it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hidden {
    /// The workbook.
    pub file: String,
    /// The hidden sheets, in the workbook's order.
    pub sheets: Vec<String>,
}

/// A sheet in view of a workbook read from several sheets that was not read: it has cells
/// but no header naming every required column, and too few of the table's columns to be
/// taken for its sheet (a cover, notes, a pivot); named in a warning since session 29.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// The workbook.
    pub file: String,
    /// The sheet.
    pub sheet: String,
    /// The required columns it does not name.
    pub missing: Vec<&'static str>,
    /// The cells of its row nearest a header (its first row with a cell when none names a
    /// column of the table).
    pub cells: Vec<String>,
    /// Set when its header names no column of the table but those another table or a
    /// summary has too: it was set aside though it may name every required column.
    pub aside: Option<Aside>,
}

/// Why a sheet was set aside that names columns of the table: only its links to others.
#[derive(Clone, Debug, PartialEq)]
pub struct Aside {
    /// The table's columns its header names ([`Table::link_columns`]).
    pub named: Vec<&'static str>,
    /// The table whose columns its header names more of, if any.
    pub like: Option<crate::schema::Table>,
}

/// A file whose extension says another format than it holds (an HTML page named `.xls`).
#[derive(Clone, Debug, PartialEq)]
pub struct Disguised {
    /// The file.
    pub file: String,
    /// Its extension, as named (empty when it has none).
    pub named: String,
    /// What it holds, as it was read.
    pub content: sniff::Content,
    /// Its data rows.
    pub rows: u64,
}

/// One sheet or file of a table read from several.
#[derive(Clone, Debug)]
pub struct Part {
    /// Where it is, as messages name it ([`place`]).
    pub place: String,
    /// The file, for a table read from a folder of files.
    pub file: Option<String>,
    /// The sheet of a workbook.
    pub sheet: Option<String>,
    /// Its header.
    pub header: Header,
    /// Its data rows.
    pub rows: u64,
}

/// Where a table comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The file.
    pub path: PathBuf,
    /// The sheet of a workbook (None: the sheets that hold the table's header, see
    /// [`sheet::read`]).
    pub sheet: Option<String>,
}

/// How a file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// xlsx, xlsm, xlsb, xls, ods (calamine).
    Workbook,
    /// csv, tsv, txt.
    Csv,
    /// parquet.
    Parquet,
    /// htm, html: a web page's tables ([`html`]).
    Html,
    /// xml: XML Spreadsheet 2003 ([`xml2003`]).
    SpreadsheetXml,
}

impl FileKind {
    /// The kind of a file by its extension; None for files stoa does not read.
    pub fn of(path: &Path) -> Option<FileKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(FileKind::Workbook),
            "csv" | "tsv" | "txt" => Some(FileKind::Csv),
            "parquet" => Some(FileKind::Parquet),
            "htm" | "html" => Some(FileKind::Html),
            "xml" => Some(FileKind::SpreadsheetXml),
            _ => None,
        }
    }
}

/// Read a table from its source, each file by what it holds ([`sniff`]); a file whose
/// name says otherwise is noted in [`RawTable::disguised`].
pub fn read(
    source: &Source,
    synonyms: &Synonyms,
) -> Result<(RawTable, Option<String>), IngestError> {
    let path = &source.path;
    if path.is_dir() {
        return folder::read(path, synonyms).map(|t| (t, None));
    }
    refuse_empty(path)?;
    let content = sniff::Content::of(path).map_err(|e| IngestError::open(path, &e))?;
    let named = FileKind::of(path);
    // Bytes of no known kind are read as their name says, to fail in its reader's words
    // (a damaged workbook is "not a readable workbook").
    let Some(kind) = content.kind().or(named) else {
        return Err(IngestError::Read {
            path: path.clone(),
            message: "the file type is not supported: use .xlsx, .xls, .ods, .csv or .parquet"
                .into(),
        });
    };
    let (mut table, sheet) = match kind {
        FileKind::Workbook | FileKind::Html | FileKind::SpreadsheetXml => {
            sheet::read(source, synonyms, content)?
        }
        FileKind::Csv => (csv::read(path, synonyms)?, None),
        FileKind::Parquet => (parquet::read(path, synonyms)?, None),
    };
    if named != Some(kind) {
        table.disguised.push(Disguised {
            file: path.display().to_string(),
            named: path
                .extension()
                .map_or_else(String::new, |e| e.to_string_lossy().into_owned()),
            content,
            rows: table.frame.height() as u64,
        });
    }
    Ok((table, sheet))
}

/// A file of no bytes is an export that failed or was cut short; each reader would
/// otherwise fail on it in words of its own ("no header row", "invalid Zip archive").
pub(crate) fn refuse_empty(path: &Path) -> Result<(), IngestError> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() == 0 => Err(IngestError::Read {
            path: path.to_path_buf(),
            message: "the file is empty (0 bytes): export the table again, or remove the file if the table has no rows and is optional".into(),
        }),
        _ => Ok(()),
    }
}

/// What to do about a file its reader could not open, after the reader's own words.
pub(crate) fn unreadable(what: &str, e: impl std::fmt::Display) -> String {
    format!("not a readable {what} ({e}); the file may be damaged or cut short: export the table again (or open it in Excel and save it again)")
}

/// What to do about a workbook encrypted with a password (Excel's File → Info → Protect
/// Workbook → Encrypt with Password), which no reader opens.
pub(crate) const PASSWORD: &str = "the workbook is protected with a password, which stoa cannot open: open it in Excel, clear the password (File → Info → Protect Workbook → Encrypt with Password) and save it, then run again";

/// The place of a table in messages: `file` or `file, sheet "name"`.
///
/// A web page's tables are read as one sheet of no name.
pub fn place(path: &Path, sheet: Option<&str>) -> String {
    match sheet.filter(|s| !s.is_empty()) {
        Some(s) => format!("{}, sheet \"{s}\"", path.display()),
        None => path.display().to_string(),
    }
}

/// The error for a source where no header row was recognised.
pub(crate) fn no_header(synonyms: &Synonyms, place: &str) -> IngestError {
    let table = synonyms.table();
    let examples = table
        .input_columns()
        .iter()
        .filter(|c| c.required)
        // As exports name them (`«Make» / «Марка»`), not by stoa's names.
        .map(|c| {
            let (en, ru) = (labels::english(&[c.name]), labels::russian(&[c.name]));
            format!("{en} / {ru}")
        })
        .collect::<Vec<_>>()
        .join(", ");
    IngestError::NoHeader {
        table,
        place: place.to_string(),
        examples,
    }
}
