//! Total rows inside a table and at its end. SPEC §4.1 ends the table at the first row
//! whose first cell starts with `Итого`, `Всего` or `Total`; taken literally that drops
//! without a word every row below a subtotal (`Итого по исполнителю Петров` in a report
//! grouped by mechanic) and below a line whose work starts so (`Total Quartz 9000 5W-40`,
//! a motor oil). So a total row is one that also leaves the table's required text columns
//! empty and gives none of a line's own data ([`Required::is_total`]), a total above the
//! table's last complete row is a subtotal, set aside (not read, as the total row is not)
//! with a warning, and the first total below it ends the table.

use polars::prelude::*;

use super::ROW;
use crate::ingest::header::Header;
use crate::schema::{Kind, Table};

/// Where the table's required columns are among the source's columns (the header's
/// positions): they tell a total row from a line that starts with a total word, and the
/// table's last complete row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Required {
    /// Every required column the header found.
    pub all: Vec<usize>,
    /// Those of them that hold text (keys, names, descriptions), which a total row leaves
    /// empty, and a competitor price's service code and description.
    pub text: Vec<usize>,
    /// The columns of a line's own quantity and unit price (order lines), which a line
    /// gives and a total, a sum of amounts, does not.
    pub items: Vec<usize>,
}

impl Required {
    /// The positions of `table`'s required columns in `header`.
    pub(crate) fn of(table: Table, header: &Header) -> Self {
        let mut required = Required::default();
        for c in table.input_columns().iter().filter(|c| c.required) {
            if let Some(&p) = header.mapping.get(c.name) {
                required.all.push(p);
                if c.kind == Kind::Text {
                    required.text.push(p);
                }
            }
        }
        // A competitor's price needs a service code or a description: a row with either is
        // a price (of `Total Auto Service`, say), not a total.
        if table == Table::CompetitorPrices {
            for name in ["service_code", "description"] {
                required.text.extend(header.mapping.get(name).copied());
            }
        }
        for name in ["qty", "unit_price"] {
            required.items.extend(header.mapping.get(name).copied());
        }
        required
    }

    /// Whether a row whose first cell that is not empty (at `word`) starts with a total
    /// word is a total row (`filled` says whether the cell at a position holds anything).
    /// It is not when it fills a required text column but the word's (a line of `Total
    /// Quartz 9000 5W-40` that gives its visit), when it gives both a quantity and a unit
    /// price (no total sums prices), nor when its word stands right of a required text
    /// column, left empty as every cell before the word is, and it gives a quantity or a
    /// unit price: a line of a report grouped by visit, whose lines leave the visit's cell
    /// empty. A total row puts its word in its first column; the grouped report's total
    /// did, and its `Total Quartz` line, having no other required text to give, was taken
    /// for the total and every line below it was lost (session 29).
    pub(crate) fn is_total(&self, word: usize, filled: impl Fn(usize) -> bool) -> bool {
        if self.text.iter().any(|&p| p != word && filled(p)) {
            return false;
        }
        let items = self.items.iter().filter(|&&p| filled(p)).count();
        if items >= 2 {
            return false;
        }
        let after_an_empty_key = self.text.iter().any(|&p| p < word);
        !(after_an_empty_key && items > 0)
    }

    /// Whether a row fills every required column.
    pub(crate) fn complete(&self, filled: impl Fn(usize) -> bool) -> bool {
        !self.all.is_empty() && self.all.iter().all(|&p| filled(p))
    }
}

/// A total row inside a table, set aside: its place, row number and first cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Subtotal {
    /// The file (and sheet) it is in, as messages name it.
    pub place: String,
    /// Its row number, as the user sees it.
    pub row: u32,
    /// Its first cell that is not empty.
    pub text: String,
}

/// The rows below a table's total row that are not blank, not read: SPEC §4.1 ends the
/// table there, yet a line of work typed under the total by hand was lost without a word.
/// They are named (not read, and not counted as read, as the total row is not) in one
/// warning per file or sheet; signatures below the total are among them.
#[derive(Debug, Clone, PartialEq)]
pub struct Below {
    /// The file (and sheet) they are in, as messages name it.
    pub place: String,
    /// The total row's number, as the user sees it.
    pub total: u32,
    /// How many rows below it are not blank.
    pub rows: u64,
    /// The first one's row number.
    pub first: u32,
    /// The first one's cells that are not empty, joined with `; `.
    pub text: String,
}

/// The rows below the total row, for the warning: `(total, count, first)` as
/// `finish::DataRows::below` gives them.
pub(super) fn below_at(
    frame: &DataFrame,
    names: &[PlSmallStr],
    (total, rows, first): (usize, usize, usize),
    place: &str,
) -> PolarsResult<Below> {
    let numbers = frame.column(ROW)?;
    let number = |i: usize| -> PolarsResult<u32> {
        Ok(match numbers.get(i)? {
            AnyValue::UInt32(r) => r,
            v => v.extract::<u32>().unwrap_or(0),
        })
    };
    let mut cells = Vec::new();
    for n in names {
        let t = match frame.column(n.as_str())?.get(first)? {
            AnyValue::Null => continue,
            AnyValue::String(t) => t.trim().to_string(),
            AnyValue::StringOwned(t) => t.trim().to_string(),
            v => v.to_string(),
        };
        if !t.is_empty() {
            cells.push(t);
        }
    }
    Ok(Below {
        place: place.to_string(),
        total: number(total)?,
        rows: rows as u64,
        first: number(first)?,
        text: cells.join("; "),
    })
}

/// Of the total rows (indices, ascending), those above the table's last complete row are
/// subtotals, and the first one below it ends the table (None: the table runs to its last
/// row). Without a complete row at all the first total ends the table, as SPEC §4.1 has it.
///
/// Totals on rows 3, 7 and 9 with the last complete row 8: 3 and 7 are subtotals and 9
/// ends the table (the unit tests below pin it).
pub(crate) fn split_totals(
    totals: &[usize],
    last_complete: Option<usize>,
) -> (Vec<usize>, Option<usize>) {
    let inside = |t: usize| last_complete.is_some_and(|l| t < l);
    let subtotals = totals.iter().copied().filter(|&t| inside(t)).collect();
    let end = totals.iter().copied().find(|&t| !inside(t));
    (subtotals, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_above_the_last_complete_row_are_subtotals() {
        assert_eq!(split_totals(&[3, 7, 9], Some(8)), (vec![3, 7], Some(9)));
        assert_eq!(split_totals(&[3, 7], Some(8)), (vec![3, 7], None));
        assert_eq!(split_totals(&[9, 12], Some(8)), (vec![], Some(9)));
        // No complete row: the first total ends the table, as before.
        assert_eq!(split_totals(&[2, 5], None), (vec![], Some(2)));
        assert_eq!(split_totals(&[], Some(4)), (vec![], None));
    }

    #[test]
    fn a_total_leaves_the_required_text_empty_but_its_own_cell() {
        // Order lines: visit id at 0, description at 1, amount at 3.
        let r = Required {
            all: vec![0, 1, 3],
            text: vec![0, 1],
            items: vec![],
        };
        // `Итого` in the visit's column, the amount beside it: a total.
        assert!(r.is_total(0, |p| p == 0 || p == 3));
        // `Total Quartz 9000` in the description, the visit given: a line.
        assert!(!r.is_total(1, |p| p != 2));
        assert!(r.complete(|p| p != 2));
        assert!(!r.complete(|p| p != 1));
        assert!(!Required::default().complete(|_| true));
    }

    #[test]
    fn regression_a_line_of_total_oil_under_its_visits_row_is_no_total() {
        // A 1C report grouped by visit: `Заказ-наряд | Наименование | Количество | Цена |
        // Сумма`, its lines leaving the visit's cell (0) empty. `Total Quartz 9000 5W-40,
        // 4 л` (at 1) with its quantity was the report's total, and every line below it
        // was lost.
        let r = Required {
            all: vec![0, 1, 4],
            text: vec![0, 1],
            items: vec![2, 3],
        };
        let line = |given: &'static [usize]| move |p: usize| given.contains(&p);
        assert!(!r.is_total(1, line(&[1, 2, 4])));
        assert!(!r.is_total(1, line(&[1, 3, 4])));
        // The report's total stands in the visit's column, the amount (and perhaps the
        // quantity) summed beside it.
        assert!(r.is_total(0, line(&[0, 4])));
        assert!(r.is_total(0, line(&[0, 2, 4])));
        // A total written beside the sums, under the work's column, gives no quantity.
        assert!(r.is_total(1, line(&[1, 4])));
        // A quantity with a price is a line's wherever its word stands: no total sums
        // prices.
        assert!(!r.is_total(0, line(&[0, 2, 3, 4])));
        // Without a quantity's or a price's column, the word's place decides nothing.
        let plain = Required {
            items: vec![],
            ..r.clone()
        };
        assert!(plain.is_total(1, line(&[1, 2, 4])));
    }
}
