//! The cells merged over others in an OpenDocument spreadsheet, and its hidden columns.
//! calamine 0.38 reads an ods sheet's values but not its merged regions (its xlsx and xls
//! readers give them), so a visit's number merged over its lines in LibreOffice left the
//! lines under it empty and rejected where the same sheet saved as xlsx was read whole;
//! nor does it say which columns are hidden (`table:visibility="collapse"`), which a header
//! named twice needs (`super::hidden_columns`). Both are read here from `content.xml` as a
//! stream, in one pass, in the coordinates calamine gives the sheet's cells: rows and
//! columns counted with their repeats (`table:number-rows-repeated`,
//! `table:number-columns-repeated`), covered cells counted as cells.

use std::io::{BufRead, BufReader};
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

/// The most columns a sheet has: a hidden column repeated past it is cut there.
const MAX_COLUMNS: u32 = 16_384;

/// The regions of the sheet `sheet` of the ods file at `path` that span more than one cell
/// (`table:number-rows-spanned`, `table:number-columns-spanned`), as absolute
/// (row, column) from 0.
pub(super) fn merged(path: &Path, sheet: &str) -> Result<Vec<Dimensions>, String> {
    scan_file(path, sheet, Upto::Cells).map(|l| l.merged)
}

/// The hidden columns of the sheet `sheet` of the ods file at `path`, absolute from 0,
/// ascending. The sheet's columns come before its rows, which are not read.
pub(super) fn hidden_columns(path: &Path, sheet: &str) -> Result<Vec<u32>, String> {
    scan_file(path, sheet, Upto::Columns).map(|l| l.hidden)
}

/// Scan the sheet `sheet` of the ods file at `path`, streaming its `content.xml`.
fn scan_file(path: &Path, sheet: &str, upto: Upto) -> Result<Layout, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    scan(BufReader::new(content), sheet, upto)
}

/// How far into the sheet a scan reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Upto {
    /// Its columns: the scan stops at its first row.
    Columns,
    /// Its cells, every row.
    Cells,
}

/// What a scan found of one sheet.
#[derive(Debug, Default, PartialEq)]
struct Layout {
    /// Regions over more than one cell.
    merged: Vec<Dimensions>,
    /// Hidden columns, from 0, ascending.
    hidden: Vec<u32>,
}

/// The merged regions and hidden columns of the table `sheet` in the XML of `content.xml`,
/// read up to its first row or through its last (`upto`).
fn scan<R: BufRead>(content: R, sheet: &str, upto: Upto) -> Result<Layout, String> {
    let mut reader = Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut skip = Vec::new();
    let mut found = Layout::default();
    // Within the sheet: the row being read (its first) and the next row's index; the next
    // column of `table:table-column`s.
    let mut inside = false;
    let mut row = 0u32;
    let mut next_row = 0u32;
    let mut column = 0u32;
    let mut next_column = 0u32;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::End(e) if inside && e.name().into_inner() == "table:table" => break,
            Event::Eof => break,
            _ => (None, false),
        };
        let Some(e) = start else {
            buf.clear();
            continue;
        };
        match e.name().into_inner() {
            "table:table" if !empty => inside = attr(e, "table:name")?.as_deref() == Some(sheet),
            "table:table-column" if inside => {
                let repeated = number(e, "table:number-columns-repeated")?;
                let end = next_column.saturating_add(repeated).min(MAX_COLUMNS);
                // `collapse` hides a column, `filter` too (a filter's own hiding).
                let visible = attr(e, "table:visibility")?.is_none_or(|v| v.trim() == "visible");
                if !visible {
                    found.hidden.extend(next_column..end);
                }
                next_column = end;
            }
            "table:table-row" if inside && upto == Upto::Columns => break,
            "table:table-row" if inside => {
                row = next_row;
                next_row = row.saturating_add(number(e, "table:number-rows-repeated")?);
                column = 0;
            }
            "table:table-cell" | "table:covered-table-cell" if inside => {
                let rows = number(e, "table:number-rows-spanned")?;
                let columns = number(e, "table:number-columns-spanned")?;
                if rows > 1 || columns > 1 {
                    found.merged.push(Dimensions {
                        start: (row, column),
                        end: (
                            row.saturating_add(rows - 1),
                            column.saturating_add(columns - 1),
                        ),
                    });
                }
                column = column.saturating_add(number(e, "table:number-columns-repeated")?);
                // A cell's text (and any table inside it) is not this table's rows.
                if !empty {
                    let end = e.to_end().into_owned();
                    reader
                        .read_to_end_into(end.name(), &mut skip)
                        .map_err(|e| e.to_string())?;
                    skip.clear();
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(found)
}

/// The text of the attribute `name` of `e`.
fn attr(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    match e.try_get_attribute(name).map_err(|e| e.to_string())? {
        Some(a) => a
            .normalized_value(XmlVersion::Implicit1_0)
            .map(|v| Some(v.into_owned()))
            .map_err(|e| e.to_string()),
        None => Ok(None),
    }
}

/// The count the attribute `name` of `e` gives (1 without it, or for a count below 1).
fn number(e: &BytesStart, name: &str) -> Result<u32, String> {
    match attr(e, name)? {
        Some(v) => v
            .trim()
            .parse::<u32>()
            .map(|n| n.max(1))
            .map_err(|_| format!("{name} is not a count: \"{v}\"")),
        None => Ok(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(start: (u32, u32), end: (u32, u32)) -> Dimensions {
        Dimensions { start, end }
    }

    #[test]
    fn regions_are_placed_by_rows_and_columns_with_their_repeats() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
<table:table table:name="Другой"><table:table-row><table:table-cell table:number-rows-spanned="5"><text:p>x</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="Работы">
<table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Номер</text:p></table:table-cell><table:table-cell/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-header-rows><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string" table:number-rows-spanned="2" table:number-columns-spanned="1"><text:p>ЗН-1</text:p></table:table-cell></table:table-row></table:table-header-rows>
<table:table-row><table:covered-table-cell table:number-columns-repeated="2"/><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>a</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        let got = scan(xml.as_bytes(), "Работы", Upto::Cells).unwrap().merged;
        // Row 3 (after the header and a row repeated twice), column 2 (after two
        // repeated cells), over two rows; then row 5's cell over two columns.
        assert_eq!(got, [dims((3, 2), (4, 2)), dims((5, 0), (5, 1))]);
        assert_eq!(
            scan(xml.as_bytes(), "Нет такого", Upto::Cells).unwrap(),
            Layout::default()
        );
    }

    #[test]
    fn hidden_columns_are_counted_with_their_repeats_up_to_the_first_row() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
<table:table table:name="Другой"><table:table-column table:visibility="collapse"/></table:table>
<table:table table:name="Визиты">
<table:table-column table:style-name="co1" table:number-columns-repeated="2"/>
<table:table-header-columns><table:table-column table:visibility="collapse"/></table:table-header-columns>
<table:table-column table:visibility="visible"/>
<table:table-column table:visibility="collapse" table:number-columns-repeated="2"/>
<table:table-column table:visibility="filter"/>
<table:table-column table:number-columns-repeated="1017"/>
<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>Номер</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        // C; E and F (after D, in view); G, hidden by a filter.
        let columns = scan(xml.as_bytes(), "Визиты", Upto::Columns).unwrap();
        assert_eq!(columns.hidden, [2, 4, 5, 6]);
        // Up to the first row: its merged cell is not read.
        assert!(columns.merged.is_empty());
        let whole = scan(xml.as_bytes(), "Визиты", Upto::Cells).unwrap();
        assert_eq!(whole.hidden, [2, 4, 5, 6]);
        assert_eq!(whole.merged, [dims((0, 0), (1, 0))]);
        // A sheet with no hidden column, and one with no columns at all.
        let plain = r#"<table:table table:name="А"><table:table-column table:number-columns-repeated="3"/><table:table-row/></table:table><table:table table:name="Б"><table:table-row/></table:table>"#;
        assert!(scan(plain.as_bytes(), "А", Upto::Columns)
            .unwrap()
            .hidden
            .is_empty());
        assert!(scan(plain.as_bytes(), "Б", Upto::Columns)
            .unwrap()
            .hidden
            .is_empty());
    }

    #[test]
    fn a_hidden_column_repeated_to_the_sheets_end_is_cut_there() {
        let xml = r#"<table:table table:name="А"><table:table-column table:number-columns-repeated="16383"/><table:table-column table:visibility="collapse" table:number-columns-repeated="1000000"/></table:table>"#;
        let got = scan(xml.as_bytes(), "А", Upto::Columns).unwrap();
        assert_eq!(got.hidden, [16_383]);
    }
}
