//! A workbook as the sheet reader sees it: calamine's, opened by what the file holds and
//! not by its extension (an xls renamed `.xlsx` opens as Excel opens it), or sheets laid
//! out from a web page or an XML Spreadsheet 2003 file, which calamine does not read.

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Dimensions, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx};

use super::super::sniff::{self, Content};
use super::super::{html, unreadable, xml2003, PASSWORD};
use crate::ingest::IngestError;

/// A workbook's sheets.
pub(in crate::ingest::read) enum Book {
    /// xlsx, xlsm, xlsb, xls, ods; and the file, where ods's merged cells are read.
    Calamine(Box<Sheets<BufReader<File>>>, PathBuf),
    /// Sheets laid out by stoa: a web page's tables (one sheet of no name) or the
    /// worksheets of an XML Spreadsheet 2003 file.
    Laid(Vec<Laid>),
}

/// One sheet laid out by stoa.
pub(in crate::ingest::read) struct Laid {
    name: String,
    range: Range<Data>,
    merged: Vec<Dimensions>,
    hidden: bool,
    /// The columns it hides, from 0 and ascending (an XML Spreadsheet 2003 file's; a web
    /// page hides none).
    hidden_columns: Vec<u32>,
}

impl Book {
    /// Open the file at `path`, which holds `content`.
    pub(in crate::ingest::read) fn open(
        path: &Path,
        content: Content,
    ) -> Result<Book, IngestError> {
        let err = |message: String| IngestError::Read {
            path: path.to_path_buf(),
            message,
        };
        match content {
            Content::Html => {
                let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
                let page = html::read(&html::decode(&bytes));
                Ok(Book::Laid(vec![Laid {
                    name: String::new(),
                    range: page.range,
                    merged: page.merged,
                    hidden: false,
                    hidden_columns: Vec::new(),
                }]))
            }
            Content::SpreadsheetXml => {
                let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
                let sheets = xml2003::read(&bytes).map_err(|e| {
                    err(unreadable(
                        "XML Spreadsheet 2003 file",
                        e.trim_end_matches('.'),
                    ))
                })?;
                Ok(Book::Laid(
                    sheets
                        .into_iter()
                        .map(|s| Laid {
                            name: s.name,
                            range: s.range,
                            merged: s.merged,
                            hidden: s.hidden,
                            hidden_columns: s.hidden_columns,
                        })
                        .collect(),
                ))
            }
            _ => open_calamine(path, content)
                .map(|wb| Book::Calamine(Box::new(wb), path.to_path_buf())),
        }
    }

    /// The sheets' names, in order.
    pub(in crate::ingest::read) fn sheet_names(&self) -> Vec<String> {
        match self {
            Book::Calamine(wb, _) => wb.sheet_names(),
            Book::Laid(sheets) => sheets.iter().map(|s| s.name.clone()).collect(),
        }
    }

    /// The sheets Excel does not show (hidden, or very hidden by a macro).
    pub(in crate::ingest::read) fn hidden_sheets(&self) -> Vec<String> {
        match self {
            Book::Calamine(wb, _) => wb
                .sheets_metadata()
                .iter()
                .filter(|s| s.visible != calamine::SheetVisible::Visible)
                .map(|s| s.name.clone())
                .collect(),
            Book::Laid(sheets) => sheets
                .iter()
                .filter(|s| s.hidden)
                .map(|s| s.name.clone())
                .collect(),
        }
    }

    /// The cells of the sheet `name` (a laid-out sheet's are handed over, once).
    pub(in crate::ingest::read) fn range(&mut self, name: &str) -> Result<Range<Data>, String> {
        match self {
            Book::Calamine(wb, _) => wb.worksheet_range(name).map_err(|e| e.to_string()),
            Book::Laid(sheets) => sheets
                .iter_mut()
                .find(|s| s.name == name)
                .map(|s| std::mem::replace(&mut s.range, Range::empty()))
                .ok_or_else(|| format!("there is no sheet \"{name}\"")),
        }
    }

    /// The formulas of the sheet `name` (xlsx, xls, ods, xlsb), each cell's without its `=`;
    /// None for the sheets stoa lays out itself or where they cannot be read. Reading them
    /// parses the sheet's XML once more, so it is asked only of a sheet that needs it.
    pub(in crate::ingest::read) fn formulas(&mut self, name: &str) -> Option<Range<String>> {
        match self {
            Book::Calamine(wb, _) => wb.worksheet_formula(name).ok(),
            Book::Laid(_) => None,
        }
    }

    /// The cells' styles of the sheet `name`, where the workbook tells them (xlsx), for
    /// their number formats; None elsewhere or where they cannot be read. Reading them
    /// parses the sheet's XML once more, so they are asked only where needed.
    pub(in crate::ingest::read) fn styles(&mut self, name: &str) -> Option<calamine::StyleRange> {
        match self {
            Book::Calamine(wb, _) => match wb.as_mut() {
                Sheets::Xlsx(x) => x.worksheet_style(name).ok(),
                _ => None,
            },
            Book::Laid(_) => None,
        }
    }

    /// The columns of the sheet `name` that Excel or LibreOffice hides, absolute from 0 and
    /// ascending (xlsx and ods, read by stoa from their XML as calamine does not tell them;
    /// XML Spreadsheet 2003, gathered as its cells were laid out; none for xls, xlsb and web
    /// pages). Columns that cannot be read are as none: the sheet is read as it was before.
    pub(in crate::ingest::read) fn hidden_columns(&mut self, name: &str) -> Vec<u32> {
        match self {
            Book::Calamine(wb, path) => match wb.as_mut() {
                Sheets::Xlsx(_) => super::super::hidden_columns::xlsx(path, name),
                Sheets::Ods(_) => super::super::ods::hidden_columns(path, name),
                Sheets::Xls(_) | Sheets::Xlsb(_) => Ok(Vec::new()),
            }
            .unwrap_or_default(),
            Book::Laid(sheets) => sheets
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.hidden_columns.clone())
                .unwrap_or_default(),
        }
    }

    /// The regions of the sheet `name` merged over more than one row (xlsx, xls, ods, read
    /// by stoa from its XML as calamine does not, and the sheets stoa lays out; xlsb has
    /// none here). Regions that cannot be read are as none: the sheet is read as it was
    /// before.
    pub(in crate::ingest::read) fn merged(&mut self, name: &str) -> Vec<Dimensions> {
        let all = match self {
            Book::Calamine(wb, path) => match wb.as_mut() {
                Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
                Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
                Sheets::Ods(_) => super::super::ods::merged(path, name).unwrap_or_default(),
                Sheets::Xlsb(_) => Vec::new(),
            },
            Book::Laid(sheets) => sheets
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.merged.clone())
                .unwrap_or_default(),
        };
        all.into_iter().filter(|d| d.end.0 > d.start.0).collect()
    }
}

/// Open a workbook calamine reads: an OLE file as xls, a zip archive as the format its
/// extension names among xlsx, xlsb and ods, else as each in turn.
fn open_calamine(path: &Path, content: Content) -> Result<Sheets<BufReader<File>>, IngestError> {
    let err = |message: String| IngestError::Read {
        path: path.to_path_buf(),
        message,
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if content == Content::Ole {
        return match open_workbook::<Xls<_>, _>(path) {
            Ok(wb) => Ok(Sheets::Xls(wb)),
            Err(_) if sniff::is_encrypted(path) => Err(err(PASSWORD.into())),
            Err(calamine::XlsError::Password) => Err(err(PASSWORD.into())),
            Err(e) => Err(err(unreadable("workbook", e))),
        };
    }
    let xlsx = || {
        open_workbook::<Xlsx<_>, _>(path)
            .map(Sheets::Xlsx)
            .map_err(calamine::Error::from)
    };
    let xlsb = || {
        open_workbook::<Xlsb<_>, _>(path)
            .map(Sheets::Xlsb)
            .map_err(calamine::Error::from)
    };
    let ods = || {
        open_workbook::<Ods<_>, _>(path)
            .map(Sheets::Ods)
            .map_err(calamine::Error::from)
    };
    // The format the extension names first, then the others; the first error is the one
    // reported, as it is the format the file claims to be.
    let (first, rest): (&dyn Fn() -> _, [&dyn Fn() -> _; 2]) = match ext.as_str() {
        "ods" => (&ods, [&xlsx, &xlsb]),
        "xlsb" => (&xlsb, [&xlsx, &ods]),
        _ => (&xlsx, [&xlsb, &ods]),
    };
    first()
        .or_else(|e| rest[0]().or_else(|_| rest[1]()).map_err(|_| e))
        .map_err(|e| err(unreadable("workbook", e)))
}
