//! The table sheets of the workbook: one sheet per table (title, header, cells in their
//! column's format, heat maps, native charts), built two at a time because on a chain
//! they hold millions of cells.

use std::path::Path;

use polars::prelude::DataFrame;
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormat3ColorScale, ExcelDateTime, Format, Worksheet, XlsxError,
};

use super::{xlsx_error, Formats, FIRST_ROW};
use crate::render::charts::{Kind, SPECS};
use crate::render::{i18n, table_cells, Cell, ColumnKind, RenderError, RenderInput};

/// Columns whose values the workbook colours as a heat map (table, column).
const HEAT: [(&str, &str); 4] = [
    ("load_weekly", "load"),
    ("cohorts", "retained"),
    ("demand_load", "visits"),
    ("demand_bay_load", "load"),
];

/// The width in characters a column needs for its longest text, within sensible bounds.
fn width(header: &str, cells: &[Cell]) -> f64 {
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

/// Write one cell in its column's format.
fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: Cell,
    format: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Number(v) => {
            ws.write_number_with_format(row, col, v, format)?;
        }
        Cell::Date(y, m, d) => {
            let date = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
            ws.write_date_with_format(row, col, &date, format)?;
        }
        Cell::Text(s) => {
            ws.write_string(row, col, s)?;
        }
    }
    Ok(())
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
    // Row by row, so that a constant-memory sheet can stream each finished row out; the
    // cells by value, so that the sheet keeps each text without a copy.
    let formats: Vec<&Format> = kinds.iter().map(|k| f.of(*k)).collect();
    let mut columns: Vec<_> = columns.into_iter().map(Vec::into_iter).collect();
    for r in 0..height {
        for (c, cells) in columns.iter_mut().enumerate() {
            if let Some(cell) = cells.next() {
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
    stem: &str,
    df: &DataFrame,
    name: &str,
    input: &RenderInput,
    f: &Formats,
    path: &Path,
) -> Result<(Worksheet, Vec<Chart>), RenderError> {
    let columns = table_cells(stem, df)?;
    filled_worksheet(ws, stem, df, columns, name, input, f).map_err(|e| xlsx_error(path, e))
}

fn filled_worksheet(
    mut ws: Worksheet,
    stem: &str,
    df: &DataFrame,
    columns: Vec<Vec<Cell>>,
    name: &str,
    input: &RenderInput,
    f: &Formats,
) -> Result<(Worksheet, Vec<Chart>), XlsxError> {
    let lang = input.lang;
    ws.set_name(name)?;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let labels: Vec<String> = names.iter().map(|n| i18n::column(lang, n)).collect();
    let kinds: Vec<ColumnKind> = df
        .columns()
        .iter()
        .map(|c| ColumnKind::of(c.name(), c.dtype()))
        .collect();
    let title = format!(
        "{} — {} — {}",
        i18n::sheet(lang, stem),
        input.station,
        input.period.month
    );
    table_sheet(&mut ws, &title, &labels, &kinds, columns, f)?;
    let rows = df.height() as u32;
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
    for spec in SPECS.iter().filter(|s| s.table == stem) {
        let Some(x) = names.iter().position(|n| n == spec.x) else {
            continue;
        };
        let ys: Vec<(u16, String)> = crate::render::charts::value_columns(spec, df)
            .iter()
            .filter_map(|y| {
                let at = names.iter().position(|n| n == y)?;
                Some((at as u16, i18n::column(lang, y)))
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
