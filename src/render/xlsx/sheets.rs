//! The table sheets of the workbook: one sheet per table (title, header, cells in their
//! column's format, heat maps, native charts), built two at a time because on a chain
//! they hold millions of cells.

use std::path::Path;

use polars::prelude::DataFrame;
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormat3ColorScale, ExcelDateTime, Format, Worksheet, XlsxError,
};

use super::{xlsx_error, Formats, Sheet, FIRST_ROW};
use crate::render::charts::{Kind, SPECS};
use crate::render::{i18n, ids_as_text, table_cells, Cell, ColumnKind, RenderError, RenderInput};

/// Columns whose values the workbook colours as a heat map (table, column).
const HEAT: [(&str, &str); 4] = [
    ("load_weekly", "load"),
    ("cohorts", "retained"),
    ("demand_load", "visits"),
    ("demand_bay_load", "load"),
];

/// The width in characters a column needs for its longest text, within sensible bounds.
pub(super) fn width(header: &str, cells: &[Cell]) -> f64 {
    let longest = cells
        .iter()
        .take(500)
        .map(|c| match c {
            Cell::Empty => 0,
            Cell::Number(v) => format!("{v:.2}").len() + 2,
            Cell::Date(..) => 10,
            Cell::Text(s) => s.chars().count(),
        })
        .max()
        .unwrap_or(0);
    (longest.max(header.chars().count().min(24)) as f64 + 2.0).clamp(8.0, 60.0)
}

/// Write one cell in `format`, or in its column's format when that is none.
fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: Cell,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    match (cell, format) {
        (Cell::Empty, _) => {}
        (Cell::Number(v), Some(format)) => {
            ws.write_number_with_format(row, col, v, format)?;
        }
        (Cell::Number(v), None) => {
            ws.write_number(row, col, v)?;
        }
        // Excel's dates run from 1900 to 9999: a date outside them (a mistyped year in
        // an export, which ingest accepts as the date it is) is shown as its ISO text
        // instead of failing the whole workbook.
        (Cell::Date(y, m, d), _) if !(1900..=9999).contains(&y) => {
            ws.write_string(row, col, format!("{y:04}-{m:02}-{d:02}"))?;
        }
        (Cell::Date(y, m, d), format) => {
            let date = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
            match format {
                Some(format) => ws.write_date_with_format(row, col, &date, format)?,
                None => ws.write_datetime(row, col, &date)?,
            };
        }
        // The byte length bounds the UTF-16 length Excel counts, so only a long text pays
        // for the exact count.
        (Cell::Text(s), _) if s.len() > EXCEL_TEXT => {
            ws.write_string(row, col, clip_text(&s))?;
        }
        (Cell::Text(s), _) => {
            ws.write_string(row, col, s)?;
        }
    }
    Ok(())
}

/// Excel's longest text in a cell, in UTF-16 units.
const EXCEL_TEXT: usize = 32_767;

/// A text cut to what an Excel cell holds, ending in `…` where it was cut: a cell past
/// Excel's limit fails the whole workbook otherwise. `tables/` keeps the whole text.
fn clip_text(text: &str) -> String {
    if text.encode_utf16().count() <= EXCEL_TEXT {
        return text.to_string();
    }
    let mut units = 0;
    let mut clipped = String::new();
    for c in text.chars() {
        units += c.len_utf16();
        // One unit is left for the ellipsis.
        if units > EXCEL_TEXT - 1 {
            break;
        }
        clipped.push(c);
    }
    clipped.push('…');
    clipped
}

/// A sheet holding one table: title row, header, data, frozen header and autofilter.
/// `labels` are the column headers; `kinds` the column kinds.
pub(super) fn table_sheet(
    ws: &mut Worksheet,
    title: &str,
    labels: &[String],
    kinds: &[ColumnKind],
    columns: Vec<Vec<Cell>>,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, title, &f.title)?;
    let height = columns.first().map_or(0, Vec::len) as u32;
    for (c, (label, cells)) in labels.iter().zip(&columns).enumerate() {
        let c = c as u16;
        ws.write_string_with_format(FIRST_ROW - 1, c, label, &f.header)?;
        ws.set_column_width(c, width(label, cells))?;
    }
    // A column of numbers or dates takes its format from the column: the writer hashes a
    // format given with a cell (every field of it) to find its index, once per cell, which
    // was a sixth of a chain workbook's time. Text cells are written unformatted, so a
    // column holding any text keeps its format on the cells that need one.
    let mut formats: Vec<Option<&Format>> = kinds.iter().map(|k| Some(f.of(*k))).collect();
    for (c, cells) in columns.iter().enumerate() {
        if !cells.iter().any(|cell| matches!(cell, Cell::Text(_))) {
            if let Some(format) = formats[c].take() {
                ws.set_column_format(c as u16, format)?;
            }
        }
    }
    // Row by row, so that a constant-memory sheet can stream each finished row out; the
    // cells by value, so that the sheet keeps each text without a copy.
    let mut columns: Vec<_> = columns.into_iter().map(Vec::into_iter).collect();
    for r in 0..height {
        for (c, cells) in columns.iter_mut().enumerate() {
            if let Some(cell) = cells.next() {
                // What rounds to zero in the column's format is an unsigned zero: Excel
                // showed −0.001 as `-0.00`.
                let cell = match cell {
                    Cell::Number(v) => Cell::Number(crate::render::settled(v, kinds[c].decimals())),
                    cell => cell,
                };
                write_cell(ws, FIRST_ROW + r, c as u16, cell, formats[c])?;
            }
        }
    }
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    if !labels.is_empty() {
        ws.autofilter(
            FIRST_ROW - 1,
            0,
            FIRST_ROW - 1 + height,
            labels.len() as u16 - 1,
        )?;
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// A native chart of a spec over the table's sheet: one series per value column `ys`
/// (column index and legend name); a single series has no legend.
fn native_chart(
    spec: &crate::render::charts::Spec,
    sheet: &str,
    x: u16,
    ys: &[(u16, String)],
    rows: u32,
    title: &str,
) -> Chart {
    let mut chart = Chart::new(match spec.kind {
        Kind::Line => ChartType::Line,
        Kind::Bars => ChartType::Column,
    });
    let last = FIRST_ROW + rows.max(1) - 1;
    for (y, name) in ys {
        let name = if ys.len() == 1 { title } else { name.as_str() };
        chart
            .add_series()
            .set_categories((sheet, FIRST_ROW, x, last, x))
            .set_values((sheet, FIRST_ROW, *y, last, *y))
            .set_name(name);
    }
    chart.title().set_name(title);
    if ys.len() == 1 {
        chart.legend().set_hidden();
    } else {
        chart
            .legend()
            .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    }
    chart.set_width(720).set_height(320);
    chart
}

/// One table's sheet filled in `ws` (title, header, cells, heat map, its own charts), and
/// the charts of the table that belong on the Summary, in chart order.
pub(super) fn table_worksheet(
    ws: Worksheet,
    sheet: &Sheet,
    input: &RenderInput,
    f: &Formats,
    path: &Path,
) -> Result<(Worksheet, Vec<Chart>), RenderError> {
    let as_text = ids_as_text(&sheet.rows).map_err(|source| RenderError::Table {
        table: sheet.stem.to_string(),
        source,
    })?;
    let df = as_text.as_ref().unwrap_or(&sheet.rows);
    let columns = table_cells(sheet.stem, df, input.lang)?;
    filled_worksheet(ws, sheet, df, columns, input, f).map_err(|e| xlsx_error(path, e))
}

fn filled_worksheet(
    mut ws: Worksheet,
    sheet: &Sheet,
    df: &DataFrame,
    columns: Vec<Vec<Cell>>,
    input: &RenderInput,
    f: &Formats,
) -> Result<(Worksheet, Vec<Chart>), XlsxError> {
    let (stem, name) = (sheet.stem, sheet.name.as_str());
    let lang = input.lang;
    ws.set_name(name)?;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let labels: Vec<String> = names
        .iter()
        .map(|n| i18n::table_column(lang, stem, n, &input.settings))
        .collect();
    let kinds: Vec<ColumnKind> = df
        .columns()
        .iter()
        .map(|c| ColumnKind::of(c.name(), c.dtype()))
        .collect();
    let title = sheet.title(
        format!(
            "{} — {} — {}",
            i18n::sheet(lang, stem),
            input.station,
            input.period.month
        ),
        lang,
    );
    // Rows without a figure (the weekday × hour grid of an export without times) say why
    // in the title, above the empty cells: a sheet written in constant memory cannot go
    // back to a row once past it, and one below the grid would go unseen.
    let title = match i18n::blank_note(lang, stem, df) {
        Some(note) => format!("{title} — {note}"),
        None => title,
    };
    table_sheet(&mut ws, &title, &labels, &kinds, columns, f)?;
    let rows = df.height() as u32;
    // An empty table that can be empty for a reason says it below its header: an empty
    // Seasonality sheet said nothing of why.
    if let (0, Some(note)) = (rows, i18n::empty_note(lang, stem)) {
        ws.write_string(FIRST_ROW, 0, note)?;
    }
    for (table, column) in HEAT {
        if let (true, Some(c)) = (table == stem, names.iter().position(|n| n == column)) {
            if rows > 0 {
                ws.add_conditional_format(
                    FIRST_ROW,
                    c as u16,
                    FIRST_ROW + rows - 1,
                    c as u16,
                    &ConditionalFormat3ColorScale::new(),
                )?;
            }
        }
    }
    let mut on_summary = Vec::new();
    // A table continued over several sheets is charted once, from its first sheet.
    let first = sheet.part.as_ref().is_none_or(|p| p.rows.start == 0);
    for spec in SPECS.iter().filter(|s| first && s.table == stem) {
        let Some(x) = names.iter().position(|n| n == spec.x) else {
            continue;
        };
        let ys: Vec<(u16, String)> = crate::render::charts::value_columns(spec, df)
            .iter()
            .filter_map(|y| {
                let at = names.iter().position(|n| n == y)?;
                Some((
                    at as u16,
                    i18n::table_column(lang, stem, y, &input.settings),
                ))
            })
            .collect();
        if ys.is_empty() {
            continue;
        }
        let key = format!("chart.{}", spec.id);
        let title = i18n::t(lang, &key);
        let chart = native_chart(spec, name, x as u16, &ys, rows, title);
        if spec.on_summary {
            on_summary.push(chart);
        } else {
            ws.insert_chart(1, names.len() as u16 + 1, &chart)?;
        }
    }
    Ok((ws, on_summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Lang;
    use std::io::Read;

    /// The XML of the first sheet of a workbook holding one table sheet of these columns.
    fn sheet_xml(kinds: &[ColumnKind], columns: Vec<Vec<Cell>>) -> String {
        let f = Formats::new(Lang::En, "RUB");
        let labels: Vec<String> = (0..kinds.len()).map(|i| format!("c{i}")).collect();
        let mut wb = rust_xlsxwriter::Workbook::new();
        table_sheet(wb.add_worksheet(), "T", &labels, kinds, columns, &f).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    /// The attribute `name` of the first element that starts with `start`, if it has one.
    fn attr(xml: &str, start: &str, name: &str) -> Option<String> {
        let at = xml.find(start).expect("the element is written");
        let tag = &xml[at..at + xml[at..].find('>').unwrap()];
        let value = tag.split(&format!(" {name}=\"")).nth(1)?;
        Some(value[..value.find('"').unwrap()].to_string())
    }

    /// The style of a cell (None when unformatted).
    fn style(xml: &str, cell: &str) -> Option<String> {
        attr(xml, &format!("<c r=\"{cell}\""), "s")
    }

    /// The style of the n-th column's `<col>` element.
    fn col_style(xml: &str, n: usize) -> Option<String> {
        attr(xml, &format!("<col min=\"{n}\""), "style")
    }

    #[test]
    fn regression_a_text_past_excels_limit_is_clipped_not_a_failed_workbook() {
        let long = "ж".repeat(40_000);
        let clipped = clip_text(&long);
        assert_eq!(clipped.encode_utf16().count(), EXCEL_TEXT);
        assert!(clipped.ends_with('…'));
        // A text at the limit, and one long in bytes but not in UTF-16 units, stay whole.
        let at_limit = "ж".repeat(EXCEL_TEXT);
        assert_eq!(clip_text(&at_limit), at_limit);
        // A character outside the BMP counts twice, and is never cut in half.
        let wide = "😀".repeat(20_000);
        let clipped = clip_text(&wide);
        assert!(clipped.encode_utf16().count() <= EXCEL_TEXT);
        assert!(clipped.ends_with('…'));
        // The workbook is written (`sheet_xml` unwraps its save), with the cell in it.
        let xml = sheet_xml(&[ColumnKind::Text], vec![vec![Cell::Text(long)]]);
        assert!(xml.contains("<c r=\"A3\""));
    }

    #[test]
    fn regression_a_date_before_1900_is_written_as_text_not_a_failed_workbook() {
        use Cell::Date;
        // `sheet_xml` unwraps the save, which failed with "Year: '1850' outside Excel
        // range of 1900-9999".
        let xml = sheet_xml(
            &[ColumnKind::Date],
            vec![vec![Date(1850, 3, 1), Date(2026, 3, 1), Date(10_000, 1, 1)]],
        );
        // The dates Excel holds stay dates (a number in the column's date format); the
        // others are text, in the shared strings.
        let kind = |cell: &str| attr(&xml, &format!("<c r=\"{cell}\""), "t");
        assert_eq!(kind("A3").as_deref(), Some("s"));
        assert_eq!(kind("A4"), None);
        assert!(xml.contains("<v>46082</v>"), "{xml}");
        assert_eq!(kind("A5").as_deref(), Some("s"));
    }

    #[test]
    fn cells_keep_their_column_format_whether_it_is_set_on_the_column_or_the_cell() {
        use Cell::{Date, Empty, Number, Text};
        let xml = sheet_xml(
            &[ColumnKind::Money, ColumnKind::Date, ColumnKind::Money],
            vec![
                vec![Number(1.5), Empty],
                vec![Date(2026, 3, 31), Date(2026, 4, 1)],
                // A number column that also holds text: its numbers are formatted cell by
                // cell, its text stays unformatted.
                vec![Number(2.0), Text("n/a".into())],
            ],
        );
        // Data starts on Excel row 3 (title, header above).
        let money = style(&xml, "A3").expect("the money cell is formatted");
        let date = style(&xml, "B3").expect("the date cell is formatted");
        assert_ne!(money, date);
        assert_eq!(style(&xml, "B4"), Some(date.clone()));
        assert_eq!(style(&xml, "C3"), Some(money.clone()));
        assert_eq!(style(&xml, "C4"), None);
        // The first two columns carry the format; the mixed one does not.
        assert_eq!(col_style(&xml, 1), Some(money));
        assert_eq!(col_style(&xml, 2), Some(date));
        assert_eq!(col_style(&xml, 3), None);
    }
}
