//! Formula cells whose values were never saved. Excel stores each formula's last result
//! beside it, and stoa reads that result; a workbook written by a program (openpyxl, a
//! script, some web exports) stores the formula alone, so its cells read as empty and the
//! rows were rejected as "required value is empty" with nothing to say why. Such cells are
//! looked for only where a sheet's reading left a required cell empty, as merged cells are.

use calamine::Range;

/// The unsaved formulas of one column of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsaved {
    /// Where, as messages name it.
    pub place: String,
    /// The column's header cell.
    pub column: String,
    /// How many of its cells hold a formula and no value.
    pub cells: u64,
    /// The first one's address (`I5`).
    pub at: String,
    /// Its formula, without the `=`.
    pub formula: String,
}

/// Excel's name of a column (0-based): A … Z, AA … .
fn column_name(mut c: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// For each column position (0-based from the value range's first column) of `columns`,
/// the cells below `header_row` (absolute) on a row that was read (`read`: the user's row
/// numbers, 1-based; a total row's `=SUM(…)` is not data, and naming it told the user to
/// save a file whose amounts had all been read) that hold a formula and whose value is
/// empty: `(position, count, first address, first formula)`, in the order of `columns`,
/// columns without any left out.
pub fn unsaved(
    values: &Range<calamine::Data>,
    formulas: &Range<String>,
    header_row: u32,
    columns: &[usize],
    read: &std::collections::HashSet<u32>,
) -> Vec<(usize, u64, String, String)> {
    let first_col = values.start().map_or(0, |(_, c)| c);
    let mut out = Vec::new();
    for &p in columns {
        let col = first_col + p as u32;
        let mut found: Option<(u64, String, String)> = None;
        for (r, c, f) in formulas.used_cells() {
            let (row, column) = match formulas.start() {
                Some((r0, c0)) => (r0 + r as u32, c0 + c as u32),
                None => continue,
            };
            if column != col
                || row <= header_row
                || f.trim().is_empty()
                || !read.contains(&(row + 1))
            {
                continue;
            }
            let empty = values
                .get_value((row, column))
                .is_none_or(|v| matches!(v, calamine::Data::Empty));
            if !empty {
                continue;
            }
            match found.as_mut() {
                Some((n, _, _)) => *n += 1,
                None => {
                    let at = format!("{}{}", column_name(column), row + 1);
                    found = Some((1, at, f.trim_start_matches('=').to_string()));
                }
            }
        }
        if let Some((n, at, formula)) = found {
            out.push((p, n, at, formula));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        let names: Vec<String> = [0, 8, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_name)
            .collect();
        assert_eq!(names, ["A", "I", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn a_formula_over_an_empty_value_is_unsaved_and_one_with_its_value_is_not() {
        // Header on row 0; column 2 (C) holds =A2*B2 with no value on row 1 and =A3*B3
        // with its value on row 2; column 1 has a value only.
        let mut values: Range<calamine::Data> = Range::new((0, 0), (2, 2));
        values.set_value((0, 0), calamine::Data::String("qty".into()));
        values.set_value((1, 1), calamine::Data::Float(5.0));
        values.set_value((2, 2), calamine::Data::Float(10.0));
        let mut formulas: Range<String> = Range::new((1, 2), (2, 2));
        formulas.set_value((1, 2), "A2*B2".into());
        formulas.set_value((2, 2), "A3*B3".into());
        let read = [2, 3].into_iter().collect();
        assert_eq!(
            unsaved(&values, &formulas, 0, &[1, 2], &read),
            [(2, 1, "C2".to_string(), "A2*B2".to_string())]
        );
        // Formulas in the header row are not data.
        assert_eq!(unsaved(&values, &formulas, 1, &[2], &read), []);
        // Nor on a row not read as data (a total row's sum).
        assert_eq!(
            unsaved(&values, &formulas, 0, &[2], &[3].into_iter().collect()),
            []
        );
    }
}
