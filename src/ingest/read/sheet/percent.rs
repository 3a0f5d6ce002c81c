//! Percentages a workbook stores as fractions: a cell formatted as a percentage in Excel
//! (`0%`, `0,00 %`) shows 10 % and holds 0,1. Where the workbook tells its cells' number
//! formats (xlsx), the percentage columns' cells so formatted are read as Excel shows them;
//! elsewhere ingest guesses from the column's values (`crate::ingest::percent_discounts`).

use polars::prelude::*;

use super::book::Book;
use crate::ingest::read::{PercentFormat, RawTable, ROW};
use crate::schema::Table;

/// The columns of percentages that a workbook may store as fractions.
fn percent_columns(table: Table) -> &'static [&'static str] {
    match table {
        Table::OrderLines => &["discount_pct"],
        Table::Agents => &["commission_pct"],
        _ => &[],
    }
}

/// Whether a number format code shows its number as a percentage: a `%` outside quoted
/// text (`"%"`), an escaped character (`\%`) and a bracketed part (`[Red]`, `[$-419]`).
///
/// ```
/// use stoa::ingest::read::sheet::is_percent_format;
/// assert!(is_percent_format("0%"));
/// assert!(is_percent_format("0.00 %;[Red]-0.00 %"));
/// assert!(!is_percent_format("0\"%\""));
/// assert!(!is_percent_format("General"));
/// ```
pub fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => return true,
            '\\' => {
                chars.next();
            }
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// Read the cells of `table`'s percentage columns (those it holds as numbers, `numbers`)
/// that the sheet formats as percentages as Excel shows them: 0,1 as 10, to a hundredth of
/// a per cent. Each such column is named in `percent_formats` with its non-zero cells so
/// read, and ingest guesses no more about it. Only asked where the workbook tells its
/// formats (xlsx) and the column has a non-zero value from −1 to 1 (a fraction a format
/// could show as a percentage): the formats are another pass over the sheet's XML, which
/// a column of whole percentages (`10`, `15`) is spared. `start` is the sheet range's
/// first cell, from which the header's positions count.
pub(super) fn read_as_shown(
    wb: &mut Book,
    start: Option<(u32, u32)>,
    sheet: &str,
    table: &mut RawTable,
    kind: Table,
) {
    let col0 = start.map_or(0, |(_, c)| c);
    for name in percent_columns(kind) {
        let Some(at) = table.numbers.iter().position(|c| c.name() == *name) else {
            continue;
        };
        let Some(&position) = table.header.mapping.get(name) else {
            continue;
        };
        let Ok(values) = table.numbers[at].f64().cloned() else {
            continue;
        };
        let fraction = |v: f64| v != 0.0 && v.abs() <= 1.0;
        if !values.iter().flatten().any(fraction) {
            continue;
        }
        let Some(styles) = wb.styles(sheet) else {
            return;
        };
        let Ok(rows) = table.frame.column(ROW).and_then(|c| c.u32().cloned()) else {
            continue;
        };
        let column = col0 + position as u32;
        let mut converted = 0u64;
        // Each cell read as shown, by its index, with its text as Excel shows it (`150%`),
        // which a rejected line cites.
        let mut shown_text: Vec<(usize, String)> = Vec::new();
        let read: Float64Chunked = values
            .iter()
            .zip(rows.iter())
            .enumerate()
            .map(|(i, (v, row))| {
                let (Some(v), Some(row)) = (v, row) else {
                    return v;
                };
                // `__row` is the sheet's row number, from 1; the styles count from 0.
                let shown = styles
                    .get((row - 1, column))
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|f| is_percent_format(&f.format_code));
                if !shown {
                    return Some(v);
                }
                if v != 0.0 {
                    converted += 1;
                }
                // Rounded to the hundredth of a percent, so 0.07 is 7, not 7.000000000000001.
                let pct = (v * 10_000.0).round() / 100.0;
                let text = super::cell_text(&calamine::Data::Float(pct)).unwrap_or_default();
                shown_text.push((i, format!("{text}%")));
                Some(pct)
            })
            .collect();
        if !shown_text.is_empty() {
            if let Ok(text) = table.frame.column(name).and_then(|c| c.str().cloned()) {
                let mut cells: Vec<Option<String>> =
                    text.iter().map(|t| t.map(str::to_string)).collect();
                for (i, t) in shown_text {
                    if let Some(cell) = cells.get_mut(i) {
                        *cell = Some(t);
                    }
                }
                let _ = table.frame.with_column(Column::new((*name).into(), cells));
            }
            table.numbers[at] = read.with_name((*name).into()).into_column();
            table.percent_formats.push(PercentFormat {
                column: (*name).to_string(),
                cells: converted,
            });
        }
    }
}
