//! The hidden columns of an xlsx sheet. calamine 0.38 reads a sheet's cells but not which
//! columns Excel hides, and a header named twice whose first copy was a hidden column (an
//! old `Сумма` kept out of sight beside the one in view) was read from the hidden one: the
//! figures nobody sees, with only the warning of a column named twice (session 32). They
//! are read here from the workbook's XML: the sheet's part found through `xl/workbook.xml`
//! and its relationships, and its `<cols>`, which come before its cells, read up to
//! `<sheetData>` (the cells are calamine's, and are not parsed twice). An ods sheet's hidden
//! columns are read with its merged cells (`super::ods`), an XML Spreadsheet 2003
//! worksheet's with its cells (`super::xml2003`).

use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;

use super::HiddenColumn;
use crate::ingest::header::{Header, Synonyms};

/// The most columns a sheet has (Excel's `XFD`): a `<col max=…>` past it is cut there.
const MAX_COLUMNS: u32 = 16_384;

/// Read, of the cells of a sheet's `header` that name one column, one in view where the
/// first is hidden ([`Synonyms::prefer_visible`]); `hidden` are the sheet's hidden columns
/// and `first_column` the column of the header's first cell (both absolute, from 0).
/// Returns the hidden columns passed over, for their warning (their rows read are the
/// reader's to fill in).
pub(super) fn prefer_visible(
    synonyms: &Synonyms,
    header: &mut Header,
    hidden: &[u32],
    first_column: u32,
    place: &str,
) -> Vec<HiddenColumn> {
    let column = |p: usize| first_column + p as u32;
    let passed = synonyms.prefer_visible(header, |p| hidden.binary_search(&column(p)).is_ok());
    passed
        .into_iter()
        .map(|h| HiddenColumn {
            place: place.to_string(),
            column: h.column,
            hidden: (letter(column(h.hidden)), header.cells[h.hidden].clone()),
            read: (letter(column(h.read)), header.cells[h.read].clone()),
            name: h.name,
            rows: 0,
        })
        .collect()
}

/// The hidden columns of the sheet `sheet` of the xlsx file at `path`, absolute from 0
/// (`A` is 0), ascending.
pub(super) fn xlsx(path: &Path, sheet: &str) -> Result<Vec<u32>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| e.to_string())?;
    let workbook = read_part(&mut zip, "xl/workbook.xml")?;
    let rels = read_part(&mut zip, "xl/_rels/workbook.xml.rels")?;
    let Some(part) = sheet_part(&workbook, &rels, sheet)? else {
        return Ok(Vec::new());
    };
    let xml = zip.by_name(&part).map_err(|e| e.to_string())?;
    hidden_cols(BufReader::new(xml))
}

/// The text of the part `name` of the archive.
fn read_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Result<String, String> {
    let mut text = String::new();
    zip.by_name(name)
        .map_err(|e| e.to_string())?
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    Ok(text)
}

/// The part (its path in the archive) of the sheet `sheet`, by the sheet's relationship id
/// in `workbook.xml` and its target in `workbook.xml.rels`: `worksheets/sheet2.xml` is
/// `xl/worksheets/sheet2.xml`, and a target from the root (`/xl/…`) is as written. None
/// when the workbook has no such sheet.
fn sheet_part(workbook: &str, rels: &str, sheet: &str) -> Result<Option<String>, String> {
    let mut id = None;
    each_element(workbook, |e| {
        if e.local_name().into_inner() == "sheet" && attr(e, "name")?.as_deref() == Some(sheet) {
            // `r:id`, whatever the prefix of the relationships' namespace.
            id = attr(e, "id")?;
            return Ok(true);
        }
        Ok(false)
    })?;
    let Some(id) = id else {
        return Ok(None);
    };
    let mut target = None;
    each_element(rels, |e| {
        if e.local_name().into_inner() == "Relationship" && attr(e, "Id")?.as_deref() == Some(&id) {
            target = attr(e, "Target")?;
            return Ok(true);
        }
        Ok(false)
    })?;
    Ok(target.map(|t| match t.strip_prefix('/') {
        Some(root) => root.to_string(),
        None => resolve("xl", &t),
    }))
}

/// `target` relative to the folder `base` of the archive (`../` going up a folder).
fn resolve(base: &str, target: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Call `visit` on each start or empty element of `xml` until it returns true.
fn each_element(
    xml: &str,
    mut visit: impl FnMut(&BytesStart) -> Result<bool, String>,
) -> Result<(), String> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) if visit(&e)? => return Ok(()),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The columns a sheet's XML hides (`<col min="2" max="4" hidden="1"/>` hides B to D),
/// absolute from 0 and ascending, read from its `<cols>` up to `<sheetData>`.
fn hidden_cols<R: BufRead>(xml: R) -> Result<Vec<u32>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut hidden = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "sheetData" => break,
                "col" if is_true(attr(e, "hidden")?.as_deref()) => {
                    let min = index(attr(e, "min")?.as_deref())?;
                    let max = index(attr(e, "max")?.as_deref())?.max(min);
                    hidden.extend(min..=max.min(MAX_COLUMNS));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // `min` and `max` count from 1; a column named twice is hidden once.
    let mut hidden: Vec<u32> = hidden
        .into_iter()
        .filter(|&c| c > 0)
        .map(|c| c - 1)
        .collect();
    hidden.sort_unstable();
    hidden.dedup();
    Ok(hidden)
}

/// Whether an XML boolean says true (`1` or `true`).
fn is_true(v: Option<&str>) -> bool {
    matches!(v.map(str::trim), Some("1" | "true"))
}

/// A column's number from 1 (`min`, `max`), 0 when it is missing.
fn index(v: Option<&str>) -> Result<u32, String> {
    match v {
        Some(v) => v
            .trim()
            .parse::<u32>()
            .map_err(|_| format!("a column's number is not a number: \"{v}\"")),
        None => Ok(0),
    }
}

/// The text of the attribute of `e` whose local name is `name` (`r:id` is `id`).
fn attr(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if a.key.local_name().into_inner() == name {
            return a
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|v| Some(v.into_owned()))
                .map_err(|e| e.to_string());
        }
    }
    Ok(None)
}

/// The letter of a column counted from 0, as Excel names it: 0 is `A`, 26 `AA`.
///
/// ```
/// use stoa::ingest::read::hidden_columns::letter;
/// assert_eq!(letter(0), "A");
/// assert_eq!(letter(25), "Z");
/// assert_eq!(letter(26), "AA");
/// assert_eq!(letter(16_383), "XFD");
/// ```
pub fn letter(column: u32) -> String {
    let mut n = column as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(xml: &str) -> Vec<u32> {
        hidden_cols(xml.as_bytes()).unwrap()
    }

    #[test]
    fn a_range_of_hidden_columns_is_each_of_its_columns() {
        let xml = r#"<worksheet><cols><col min="2" max="4" width="0" hidden="1" customWidth="1"/></cols><sheetData/></worksheet>"#;
        assert_eq!(cols(xml), [1, 2, 3]);
    }

    #[test]
    fn several_col_elements_give_only_the_hidden_ones() {
        let xml = r#"<x:worksheet xmlns:x="main"><x:sheetViews/><x:cols>
<x:col min="1" max="1" width="12" customWidth="1"/>
<x:col min="3" max="3" hidden="true"/>
<x:col min="5" max="6" hidden="0"/>
<x:col min="8" max="8" hidden="1"/>
<x:col min="3" max="3" hidden="1"/>
</x:cols><x:sheetData><x:row r="1"/></x:sheetData></x:worksheet>"#;
        assert_eq!(cols(xml), [2, 7]);
    }

    #[test]
    fn a_sheet_without_cols_hides_no_column() {
        let xml = r#"<worksheet><dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(cols(xml).is_empty());
        assert!(cols("<worksheet/>").is_empty());
    }

    #[test]
    fn the_cells_are_not_read() {
        // Reading stops at `<sheetData>`: a `<col>` (or anything) past it is not looked at.
        let xml = r#"<worksheet><sheetData><row><c><col min="1" max="1" hidden="1"/></c></row></sheetData></worksheet>"#;
        assert!(cols(xml).is_empty());
    }

    #[test]
    fn a_range_past_the_last_column_is_cut_there() {
        let xml = r#"<worksheet><cols><col min="16384" max="99999" hidden="1"/></cols><sheetData/></worksheet>"#;
        assert_eq!(cols(xml), [16_383]);
    }

    #[test]
    fn a_sheet_is_found_by_its_relationship() {
        let workbook = r#"<workbook xmlns:r="rels"><sheets>
<sheet name="Лист1" sheetId="1" r:id="rId2"/>
<sheet name="Визиты &amp; работы" sheetId="2" r:id="rId1"/>
<sheet name="Корень" sheetId="3" r:id="rId3"/>
</sheets></workbook>"#;
        let rels = r#"<Relationships>
<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId2" Type="worksheet" Target="./worksheets/../worksheets/sheet1.xml"/>
<Relationship Id="rId3" Type="worksheet" Target="/xl/worksheets/sheet3.xml"/>
</Relationships>"#;
        let part = |s| sheet_part(workbook, rels, s).unwrap();
        assert_eq!(
            part("Визиты & работы").as_deref(),
            Some("xl/worksheets/sheet2.xml")
        );
        assert_eq!(part("Лист1").as_deref(), Some("xl/worksheets/sheet1.xml"));
        assert_eq!(part("Корень").as_deref(), Some("xl/worksheets/sheet3.xml"));
        assert_eq!(part("Нет такого"), None);
    }
}
