//! Workbooks (xlsx, xls, ods through calamine; web pages and XML Spreadsheet 2003 laid
//! out by stoa): one pass over the sheet's cells builds the matched columns as text; date
//! cells become ISO text, numbers in text columns the integer's text; blank rows are
//! skipped and the total row ends the table.

use calamine::Data;
use polars::prelude::*;

mod book;
mod cells;
mod looked;
mod percent;
mod rows;

use super::totals::{Required, Subtotal};
pub use cells::cell_text;
pub(super) use cells::is_blank;
use cells::{cell_number, cell_str};
pub use percent::is_percent_format;

use super::finish::wide;
use super::sniff::Content;
use super::{finish, merged, no_header, place, refuse_empty, HeaderRepeat, RawTable, Source, ROW};
use crate::ingest::header::{Synonyms, HEAD_ROWS};
use crate::ingest::IngestError;
use crate::schema::{fold, Kind, Table};
use book::Book;
use looked::Looked;
use rows::{below, header_repeats, totals};

/// The sheet names of a workbook (of a file that [`Content`] holds), in order, each with
/// whether Excel hides it.
pub fn sheet_names(
    path: &std::path::Path,
    content: Content,
) -> Result<Vec<(String, bool)>, IngestError> {
    refuse_empty(path)?;
    let book = Book::open(path, content)?;
    let hidden = book.hidden_sheets();
    Ok(book
        .sheet_names()
        .into_iter()
        .map(|n| {
            let h = hidden.contains(&n);
            (n, h)
        })
        .collect())
}

/// Whether the sheet `name` of a workbook (of a file that [`Content`] holds) names every
/// required column of the table of `synonyms`: a sheet named after a table in a workbook
/// named after another (`Работы` in `price_list.xlsx`, the price list of works) is that
/// table's only then. A sheet that cannot be read holds nothing.
pub fn holds(
    path: &std::path::Path,
    content: Content,
    name: &str,
    synonyms: &Synonyms,
) -> Result<bool, IngestError> {
    let mut book = Book::open(path, content)?;
    let Ok(range) = book.range(name) else {
        return Ok(false);
    };
    let head = head_rows(&range);
    Ok(synonyms
        .find_header(&head)
        .is_some_and(|h| synonyms.missing_required(&h).is_empty()))
}

/// The sheet that holds `table`: the named one, else the one named after the table, else
/// the first not named after another table (that sheet is the other table's: `Визиты`
/// first in `clients.xlsx` was read as clients too until session 31), else the first.
fn choose_sheet(names: &[String], wanted: Option<&str>, table: Table) -> Option<String> {
    if let Some(w) = wanted {
        return names.iter().find(|n| fold(n) == fold(w)).cloned();
    }
    names
        .iter()
        .find(|n| Table::from_name(n) == Some(table))
        .or_else(|| names.iter().find(|n| Table::from_name(n).is_none()))
        .or_else(|| names.first())
        .cloned()
}

/// The first rows of a sheet as text, where its header is looked for.
fn head_rows(range: &calamine::Range<Data>) -> Vec<Vec<String>> {
    range
        .rows()
        .take(HEAD_ROWS)
        .map(|r| r.iter().map(|c| cell_text(c).unwrap_or_default()).collect())
        .collect()
}

/// Read a table from a workbook. Returns the table and the sheet (or sheets) read.
///
/// A named sheet (`[files]`'s `#sheet`) and a workbook of one sheet are read as they are.
/// Otherwise the sheets that hold the table's header with every required column are read,
/// in the workbook's order, into one table (`Физлица` and `Юрлица`, a sheet a quarter);
/// sheets named after another table are that table's. When no sheet holds it, the sheet
/// named after the table, else the first, is read and its header's fault reported.
///
/// A web page's tables are one sheet of no name, returned as no sheet.
pub fn read(
    source: &Source,
    synonyms: &Synonyms,
    content: Content,
) -> Result<(RawTable, Option<String>), IngestError> {
    let path = &source.path;
    let err = |message: String| IngestError::Read {
        path: path.clone(),
        message,
    };
    let mut wb = Book::open(path, content)?;
    let names = wb.sheet_names();
    let sheet =
        choose_sheet(&names, source.sheet.as_deref(), synonyms.table()).ok_or_else(|| {
            match &source.sheet {
                // Only `[files]` names a sheet: its mistake is the configuration's.
                Some(s) => IngestError::NoSheet {
                    table: synonyms.table(),
                    path: path.clone(),
                    sheet: s.clone(),
                    sheets: names
                        .iter()
                        .map(|n| format!("«{n}»"))
                        .collect::<Vec<_>>()
                        .join(", "),
                },
                None => err("the workbook has no sheets".to_string()),
            }
        })?;
    let range_of = |wb: &mut Book, name: &str| {
        wb.range(name)
            .map_err(|e| err(format!("sheet \"{name}\" cannot be read ({e})")))
    };
    if source.sheet.is_some() || names.len() == 1 {
        let range = range_of(&mut wb, &sheet)?;
        let table = read_sheet(&mut wb, range, path, &sheet, synonyms)?;
        return Ok((table, Some(sheet).filter(|s| !s.is_empty())));
    }
    // Before session 19 the first such sheet was read and the others' rows were lost
    // (until session 18 without a word, then as an error asking for one sheet).
    let hidden = wb.hidden_sheets();
    // A workbook `[files]` names whole as this table's is its own as one named after it.
    let own_file = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(Table::from_name)
        == Some(synonyms.table())
        || synonyms.names_file(path);
    let mut holding = Vec::new();
    let mut chosen = None;
    let mut lacking = None;
    let mut skipped = Vec::new();
    for name in &names {
        // A sheet named after another table is that table's; one named after this table
        // (`Работы (2)`, Excel's name for a copy) may hold it too. In a workbook named
        // after this table, one named after another that does not hold that table's
        // columns is this table's (`Работы` of `price_list.xlsx`), as `locate` found.
        let other = Table::from_name(name).filter(|t| *name != sheet && *t != synonyms.table());
        if other.is_some() && !own_file {
            continue;
        }
        // Another sheet that calamine cannot read as cells holds no table: passed over.
        let range = match range_of(&mut wb, name) {
            Ok(range) => range,
            Err(e) if *name == sheet => return Err(e),
            Err(_) => continue,
        };
        // By that table's names in stoa.toml too (by the built-in ones until session 32).
        if let Some(t) = other {
            let theirs = synonyms.of(t);
            let head = head_rows(&range);
            if theirs
                .find_header(&head)
                .is_some_and(|h| theirs.missing_required(&h).is_empty())
            {
                continue;
            }
        }
        let looked = looked::look(synonyms, &range, &head_rows(&range));
        if matches!(looked, Looked::Holds) {
            holding.push((name.clone(), range));
            continue;
        }
        // Excel shows no hidden sheet: one that does not hold the table is nobody's data.
        if !hidden.contains(name) {
            match looked {
                Looked::Lacks(lacks) => {
                    lacking.get_or_insert((name.clone(), lacks));
                }
                Looked::Other { missing, cells } => skipped.push(super::Skipped {
                    file: path.display().to_string(),
                    sheet: name.clone(),
                    missing,
                    cells,
                    aside: None,
                }),
                Looked::Aside { named, like } => skipped.push(super::Skipped {
                    file: path.display().to_string(),
                    sheet: name.clone(),
                    missing: Vec::new(),
                    cells: Vec::new(),
                    aside: Some(super::Aside { named, like }),
                }),
                Looked::Holds | Looked::Empty => {}
            }
        }
        if *name == sheet {
            chosen = Some(range);
        }
    }
    // A sheet of the table that lacks a column stops the run, naming it: read from the
    // other sheets alone, its rows were lost without a word (until session 29).
    if let Some((name, lacks)) = lacking {
        let file = path
            .file_name()
            .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
        let read = holding.first().map_or(name.as_str(), |(n, _)| n.as_str());
        let example = format!("{} = \"{file}#{read}\"", synonyms.table());
        return Err(lacks.error(synonyms.table(), place(path, Some(&name)), example));
    }
    // Excel does not show hidden sheets (old data, lookups), so they are read only when no
    // sheet in view holds the table; otherwise they are named in a warning.
    let (out_of_view, in_view): (Vec<_>, Vec<_>) =
        holding.into_iter().partition(|(n, _)| hidden.contains(n));
    let (mut holding, passed) = match in_view.is_empty() {
        true => (out_of_view, Vec::new()),
        false => (in_view, out_of_view),
    };
    let (mut table, sheet) = match (holding.len(), chosen) {
        // A sheet set aside as no sheet of the table is still read when no other holds it.
        (0, Some(range)) => {
            skipped.retain(|s| s.aside.is_none() || s.sheet != sheet);
            (
                read_sheet(&mut wb, range, path, &sheet, synonyms)?,
                Some(sheet),
            )
        }
        (0, None) => unreachable!("the chosen sheet is either holding or kept"),
        (1, _) => {
            let (name, range) = holding.remove(0);
            (
                read_sheet(&mut wb, range, path, &name, synonyms)?,
                Some(name),
            )
        }
        _ => {
            let mut pieces = Vec::with_capacity(holding.len());
            for (name, range) in holding {
                let table = read_sheet(&mut wb, range, path, &name, synonyms)?;
                pieces.push(super::combine::Piece {
                    file: None,
                    place: place(path, Some(&name)),
                    sheet: Some(name),
                    table,
                });
            }
            let sheets: Vec<&str> = pieces.iter().filter_map(|p| p.sheet.as_deref()).collect();
            let sheets = sheets.join(", ");
            let table = super::combine::combine(pieces, synonyms.table()).map_err(|source| {
                IngestError::Polars {
                    table: synonyms.table(),
                    source,
                }
            })?;
            (table, Some(sheets))
        }
    };
    // The chosen sheet, read when no sheet holds the table, said its fault as an error.
    table.skipped = skipped;
    if !passed.is_empty() {
        table.hidden.push(super::Hidden {
            file: path.display().to_string(),
            sheets: passed.into_iter().map(|(n, _)| n).collect(),
        });
    }
    Ok((table, sheet))
}

/// Read a table from one sheet ([`read_cells`]), its percentages formatted as such read as
/// Excel shows them ([`percent::read_as_shown`]).
fn read_sheet(
    wb: &mut Book,
    range: calamine::Range<Data>,
    path: &std::path::Path,
    sheet: &str,
    synonyms: &Synonyms,
) -> Result<RawTable, IngestError> {
    let start = range.start();
    let mut table = read_cells(wb, range, path, sheet, synonyms)?;
    percent::read_as_shown(wb, start, sheet, &mut table, synonyms.table());
    Ok(table)
}

/// Read a table from one sheet's cells, a value merged over several rows read on each of
/// them ([`merged`]), of the cells of a header that name one column one in view
/// ([`Synonyms::prefer_visible`]). Only a sheet whose reading left a required cell empty is
/// looked at again: finding its merged cells reads the sheet's XML once more.
fn read_cells(
    wb: &mut Book,
    range: calamine::Range<Data>,
    path: &std::path::Path,
    sheet: &str,
    synonyms: &Synonyms,
) -> Result<RawTable, IngestError> {
    let hidden = wb.hidden_columns(sheet);
    let table = read_range(&range, path, sheet, synonyms, &hidden)?;
    let columns = synonyms.table().input_columns();
    let required_left_empty = columns.iter().filter(|c| c.required).any(|c| {
        table
            .frame
            .column(c.name)
            .is_ok_and(|col| col.null_count() > 0)
    });
    if !required_left_empty {
        return Ok(table);
    }
    let header_row = range.start().map_or(0, |(r, _)| r) + table.header.index as u32;
    let unsaved = unsaved_formulas(wb, &range, path, sheet, &table, header_row);
    let regions = wb.merged(sheet);
    if regions.is_empty() {
        return Ok(RawTable { unsaved, ..table });
    }
    // Text, dates, yes/no and coded values: what a merged cell says of every row under it.
    let fillable: Vec<usize> = table
        .header
        .mapping
        .iter()
        .filter(|(name, _)| {
            columns.iter().any(|c| {
                c.name == **name
                    && matches!(
                        c.kind,
                        Kind::Text | Kind::Date | Kind::DateTime | Kind::Bool | Kind::Enum(_)
                    )
            })
        })
        .map(|(_, &p)| p)
        .collect();
    let mut range = range;
    let filled = merged::fill_down(&mut range, &regions, header_row, &fillable);
    if filled.is_empty() {
        return Ok(RawTable { unsaved, ..table });
    }
    let mut table = read_range(&range, path, sheet, synonyms, &hidden)?;
    table.unsaved = unsaved;
    table.merged = filled
        .into_iter()
        .map(|f| merged::Merged {
            place: place(path, Some(sheet)),
            column: table
                .header
                .cells
                .get(f.position)
                .cloned()
                .unwrap_or_default(),
            cells: f.cells,
            example: f.example,
        })
        .collect();
    Ok(table)
}

/// The read columns of a sheet whose formulas have no saved value (see
/// [`super::formulas`]), each with its header cell.
fn unsaved_formulas(
    wb: &mut Book,
    range: &calamine::Range<Data>,
    path: &std::path::Path,
    sheet: &str,
    table: &RawTable,
    header_row: u32,
) -> Vec<super::formulas::Unsaved> {
    let Some(formulas) = wb.formulas(sheet).filter(|f| !f.is_empty()) else {
        return Vec::new();
    };
    let positions: Vec<usize> = table.header.mapping.values().copied().collect();
    let read: std::collections::HashSet<u32> = table
        .frame
        .column(ROW)
        .and_then(|c| c.u32().map(|r| r.into_no_null_iter().collect()))
        .unwrap_or_default();
    super::formulas::unsaved(range, &formulas, header_row, &positions, &read)
        .into_iter()
        .map(|(p, cells, at, formula)| super::formulas::Unsaved {
            place: place(path, Some(sheet)),
            column: table.header.cells.get(p).cloned().unwrap_or_default(),
            cells,
            at,
            formula,
        })
        .collect()
}

/// Read a table from one sheet's cells, where the columns `hidden` (absolute, from 0) are
/// hidden.
fn read_range(
    range: &calamine::Range<Data>,
    path: &std::path::Path,
    sheet: &str,
    synonyms: &Synonyms,
    hidden: &[u32],
) -> Result<RawTable, IngestError> {
    let place = place(path, Some(sheet));
    let (first_row, first_column) = range.start().unwrap_or((0, 0));

    let mut header = synonyms
        .find_header(&head_rows(range))
        .ok_or_else(|| no_header(synonyms, &place))?;
    let mut hidden_columns =
        super::hidden_columns::prefer_visible(synonyms, &mut header, hidden, first_column, &place);
    // A competitor price file with one column per competitor: only the columns read are
    // built below, so its columns of prices are looked at here.
    let prices = |p: usize| {
        use wide::Sampled;
        wide::holds_prices(
            range
                .rows()
                .skip(header.index + 1)
                .map(|row| match row.get(p) {
                    None | Some(Data::Empty) => Sampled::Blank,
                    Some(Data::Float(_) | Data::Int(_)) => Sampled::Number,
                    Some(Data::String(s)) => Sampled::Text(s),
                    Some(_) => Sampled::Text(""),
                }),
            synonyms.currency(),
        )
    };
    if let Some(e) = wide::wide_layout(synonyms.table(), &header, &place, prices) {
        return Err(e);
    }

    // Only matched columns are built, straight into polars' text arrays (no String per
    // cell); the total row and blank rows are decided on the whole row.
    let positions: Vec<usize> = header.mapping.values().copied().collect();
    let capacity = range.height().saturating_sub(header.index + 1);
    let mut columns: Vec<StringChunkedBuilder> = positions
        .iter()
        .map(|p| StringChunkedBuilder::new(format!("c{p}").into(), capacity))
        .collect();
    let mut rows: Vec<u32> = Vec::with_capacity(capacity);
    let mut buf = String::new();
    // Columns of number kinds also keep their cells as numbers while every cell is one.
    let numeric_kind = |name: &str| {
        synonyms
            .table()
            .input_columns()
            .iter()
            .any(|c| c.name == name && matches!(c.kind, Kind::Money | Kind::Number | Kind::Int))
    };
    let mut numbers: Vec<Option<Vec<Option<f64>>>> = header
        .mapping
        .keys()
        .map(|name| numeric_kind(name).then(|| Vec::with_capacity(capacity)))
        .collect();
    let required = Required::of(synonyms.table(), &header);
    let (inside, end) = totals(range, header.index + 1, &required);
    // Under a total row the footer is among the rows below it, not read either way.
    let footer = match end {
        Some(_) => Vec::new(),
        None => super::footer::sheet_footer(range, header.index + 1, &required),
    };
    let mut subtotals = Vec::new();
    // The header's rows repeated whole (a report printed by pages), told on whole rows.
    let repeats = header_repeats(range, &header.written, header.index + 1);
    let mut header_repeats = Vec::new();
    for (i, row) in range.rows().enumerate().skip(header.index + 1) {
        if end == Some(i) {
            break;
        }
        // Both lists are ascending: a grouped report has a subtotal a group, thousands.
        if inside.binary_search(&i).is_ok() {
            subtotals.push(Subtotal {
                place: place.clone(),
                row: first_row + i as u32 + 1,
                text: row
                    .iter()
                    .find(|c| !is_blank(c))
                    .and_then(|c| cell_str(c, &mut buf).map(str::to_string))
                    .unwrap_or_default(),
            });
            continue;
        }
        if row.iter().all(is_blank) || footer.binary_search(&i).is_ok() {
            continue;
        }
        for ((col, &p), nums) in columns.iter_mut().zip(&positions).zip(&mut numbers) {
            let cell = row.get(p);
            match cell.and_then(|c| cell_str(c, &mut buf)) {
                Some(v) => col.append_value(v),
                None => col.append_null(),
            }
            if let Some(ns) = nums {
                match cell.map_or(Some(None), cell_number) {
                    Some(n) => ns.push(n),
                    None => *nums = None,
                }
            }
        }
        rows.push(first_row + i as u32 + 1);
        if repeats.binary_search(&i).is_ok() {
            header_repeats.push(HeaderRepeat {
                file: None,
                sheet: None,
                row: first_row + i as u32 + 1,
            });
        }
    }
    let numbers: Vec<Column> = header
        .mapping
        .keys()
        .zip(numbers)
        .filter_map(|(name, ns)| ns.map(|ns| Column::new((*name).into(), ns)))
        .collect();
    let mut series: Vec<Column> = columns
        .into_iter()
        .map(|b| b.finish().into_column())
        .collect();
    series.push(Column::new(ROW.into(), rows));
    let frame = DataFrame::new_infer_height(series).map_err(|source| IngestError::Polars {
        table: synonyms.table(),
        source,
    })?;
    // Columns are named by source position, so the header mapping applies unchanged.
    let width = header.cells.len();
    let frame = widen(frame, width).map_err(|source| IngestError::Polars {
        table: synonyms.table(),
        source,
    })?;
    header.cells.resize(width, String::new());
    // `trimmed`: finish() keeps every row, so the numbers stay aligned with the frame.
    let mut table = finish(frame, header, synonyms, &place, true)?;
    table.numbers = numbers;
    table.subtotals = subtotals;
    table.header_repeats = header_repeats;
    for h in &mut hidden_columns {
        h.rows = table.frame.height() as u64;
    }
    table.hidden_columns = hidden_columns;
    table.below = end
        .and_then(|end| below(range, end, first_row, &place))
        .into_iter()
        .collect();
    if let Some(&at) = footer.first() {
        let cell = range
            .rows()
            .nth(at)
            .and_then(|row| row.iter().find(|c| !is_blank(c)));
        table.footers.push(super::Footer {
            place: place.clone(),
            rows: footer.len() as u64,
            first: first_row + at as u32 + 1,
            text: cell
                .and_then(|c| cell_str(c, &mut buf).map(str::to_string))
                .unwrap_or_default(),
        });
    }
    Ok(table)
}

/// Give the frame one column per header cell (`c0..`) so positions match the header;
/// unmatched positions are empty text and cost nothing.
fn widen(frame: DataFrame, width: usize) -> PolarsResult<DataFrame> {
    let h = frame.height();
    let mut cols = Vec::with_capacity(width + 1);
    for i in 0..width {
        let name = format!("c{i}");
        match frame.column(&name) {
            Ok(c) => cols.push(c.clone()),
            Err(_) => cols.push(Column::full_null(name.into(), h, &DataType::String)),
        }
    }
    cols.push(frame.column(ROW)?.clone());
    DataFrame::new(h, cols)
}

#[cfg(test)]
mod tests;
