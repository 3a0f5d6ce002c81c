//! The cells merged over others in an OpenDocument spreadsheet. calamine 0.38 reads an
//! ods sheet's values but not its merged regions (its xlsx and xls readers give them), so
//! a visit's number merged over its lines in LibreOffice left the lines under it empty and
//! rejected where the same sheet saved as xlsx was read whole. The regions are read here
//! from `content.xml` as a stream, in the coordinates calamine gives the sheet's cells:
//! rows and columns counted with their repeats (`table:number-rows-repeated`,
//! `table:number-columns-repeated`), covered cells counted as cells.

use std::io::{BufRead, BufReader};
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

/// The regions of the sheet `sheet` of the ods file at `path` that span more than one cell
/// (`table:number-rows-spanned`, `table:number-columns-spanned`), as absolute
/// (row, column) from 0.
pub(super) fn merged(path: &Path, sheet: &str) -> Result<Vec<Dimensions>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    regions(BufReader::new(content), sheet)
}

/// The merged regions of the table `sheet` in the XML of `content.xml`.
fn regions<R: BufRead>(content: R, sheet: &str) -> Result<Vec<Dimensions>, String> {
    let mut reader = Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut skip = Vec::new();
    let mut found = Vec::new();
    // Within the sheet: the row being read (its first) and the next row's index.
    let mut inside = false;
    let mut row = 0u32;
    let mut next_row = 0u32;
    let mut column = 0u32;
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
            "table:table-row" if inside => {
                row = next_row;
                next_row = row.saturating_add(number(e, "table:number-rows-repeated")?);
                column = 0;
            }
            "table:table-cell" | "table:covered-table-cell" if inside => {
                let rows = number(e, "table:number-rows-spanned")?;
                let columns = number(e, "table:number-columns-spanned")?;
                if rows > 1 || columns > 1 {
                    found.push(Dimensions {
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
        let got = regions(xml.as_bytes(), "Работы").unwrap();
        // Row 3 (after the header and a row repeated twice), column 2 (after two
        // repeated cells), over two rows; then row 5's cell over two columns.
        assert_eq!(got, [dims((3, 2), (4, 2)), dims((5, 0), (5, 1))]);
        assert!(regions(xml.as_bytes(), "Нет такого").unwrap().is_empty());
    }
}
