//! Cells merged over several rows. A workbook kept by hand, or printed from an accounting
//! system, merges a visit's number, date or client over the rows of its lines; Excel shows
//! the value on every row, but the file holds it in the first cell alone, so the other
//! rows came out with an empty visit and were rejected. The value is read on every row of
//! its merged cell, in its own column, for columns of text, dates, yes/no and coded values.
//! Money and quantities are never copied: a sum merged over a visit's lines is the visit's,
//! and copying it to each line would count it once a line.

use calamine::{Data, Dimensions, Range};

use super::sheet::is_blank;

/// Cells of one column read from the cell merged over them, for the warning.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Where, as messages name it.
    pub place: String,
    /// The column's header cell.
    pub column: String,
    /// Cells filled.
    pub cells: u64,
    /// The first merged value.
    pub example: String,
}

/// What was filled in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Filled {
    /// The column's position in the sheet's row (0-based, from the range's first column).
    pub position: usize,
    /// Cells filled.
    pub cells: u64,
    /// The first merged value, as text.
    pub example: String,
}

/// Copy each region's value down the empty cells of its first column, for regions that
/// begin below `header_row` (both absolute, as calamine numbers rows) and whose first
/// column is among `columns` (positions from the range's first column). Returns what was
/// filled, by column, in column order.
pub(super) fn fill_down(
    range: &mut Range<Data>,
    regions: &[Dimensions],
    header_row: u32,
    columns: &[usize],
) -> Vec<Filled> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let mut filled: Vec<Filled> = Vec::new();
    for region in regions {
        let (row, col) = region.start;
        if row <= header_row || col < left {
            continue;
        }
        let position = (col - left) as usize;
        if !columns.contains(&position) {
            continue;
        }
        let value = match range.get_value((row, col)) {
            Some(v) if !is_blank(v) => v.clone(),
            _ => continue,
        };
        let mut cells = 0;
        for r in row + 1..=region.end.0 {
            if r < top || range.get_value((r, col)).is_some_and(|v| !is_blank(v)) {
                continue;
            }
            range.set_value((r, col), value.clone());
            cells += 1;
        }
        if cells == 0 {
            continue;
        }
        match filled.iter_mut().find(|f| f.position == position) {
            Some(f) => f.cells += cells,
            None => filled.push(Filled {
                position,
                cells,
                // As the cell reads (a date as a date, not Excel's serial of it).
                example: super::sheet::cell_text(&value).unwrap_or_else(|| value.to_string()),
            }),
        }
    }
    filled.sort_by_key(|f| f.position);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[[&str; 3]]) -> Range<Data> {
        let mut range = Range::new((0, 0), (rows.len() as u32 - 1, 2));
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    range.set_value((r as u32, c as u32), Data::String(v.to_string()));
                }
            }
        }
        range
    }

    fn region(rows: (u32, u32), cols: (u32, u32)) -> Dimensions {
        Dimensions {
            start: (rows.0, cols.0),
            end: (rows.1, cols.1),
        }
    }

    #[test]
    fn a_merged_value_fills_its_rows_in_its_own_column_only() {
        let mut range = sheet(&[
            ["Номер", "Работа", "Сумма"],
            ["ЗН-1", "ТО", "3000"],
            ["", "Масло", ""],
            ["", "Фильтр", ""],
            ["ЗН-2", "Мойка", "500"],
        ]);
        let regions = [
            // The visit over its three lines, and over the sum's column too.
            region((1, 3), (0, 1)),
            // The visit's sum over its lines: money, never copied.
            region((1, 3), (2, 2)),
        ];
        let filled = fill_down(&mut range, &regions, 0, &[0, 1]);
        assert_eq!(
            filled,
            [Filled {
                position: 0,
                cells: 2,
                example: "ЗН-1".into()
            }]
        );
        let column = |c: u32| -> Vec<String> {
            (0..5)
                .map(|r| {
                    range
                        .get_value((r, c))
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                })
                .collect()
        };
        assert_eq!(column(0), ["Номер", "ЗН-1", "ЗН-1", "ЗН-1", "ЗН-2"]);
        // The second column of a region keeps its own cells.
        assert_eq!(column(1), ["Работа", "ТО", "Масло", "Фильтр", "Мойка"]);
        assert_eq!(column(2), ["Сумма", "3000", "", "", "500"]);
    }

    #[test]
    fn a_merged_date_is_named_as_a_date_in_the_example() {
        // Before, the warning's example was Excel's serial of the date («46098»).
        let mut range = sheet(&[["Дата", "Работа", ""], ["", "ТО", ""], ["", "Масло", ""]]);
        let date =
            calamine::ExcelDateTime::new(46_098.0, calamine::ExcelDateTimeType::DateTime, false);
        range.set_value((1, 0), Data::DateTime(date));
        let filled = fill_down(&mut range, &[region((1, 2), (0, 0))], 0, &[0]);
        assert_eq!(filled[0].example, "2026-03-17");
    }

    #[test]
    fn merges_of_the_header_and_above_it_are_left_alone() {
        let mut range = sheet(&[["Номер", "Работа", ""], ["", "", ""], ["ЗН-1", "ТО", ""]]);
        let filled = fill_down(&mut range, &[region((0, 1), (0, 0))], 0, &[0, 1]);
        assert!(filled.is_empty());
        assert_eq!(range.get_value((1, 0)), Some(&Data::Empty));
    }
}
