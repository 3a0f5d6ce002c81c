//! The rows of a sheet's body that are not the table's rows: header rows repeated below
//! (pages printed or exports pasted together), total rows and the rows below the last one.

use calamine::Data;

use super::super::totals::{split_totals, Below, Required};
use super::cells::{cell_str, cell_text, is_blank, total_word_at};
use crate::ingest::repeated_header::{key_cell, whole_repeats};

/// The rows of a sheet from `first` on (indices in the range) that repeat the header's
/// rows as written (`written`) whole ([`whole_repeats`]); none for a header of one row.
pub(super) fn header_repeats(
    range: &calamine::Range<Data>,
    written: &[Vec<String>],
    first: usize,
) -> Vec<usize> {
    let Some((key, text)) = key_cell(written).filter(|_| written.len() > 1) else {
        return Vec::new();
    };
    let rows: Vec<&[Data]> = range.rows().collect();
    let mut buf = String::new();
    let candidates: Vec<usize> = (first..rows.len())
        .filter(|&i| {
            let cell = rows[i].get(key).and_then(|c| cell_str(c, &mut buf));
            cell.is_some_and(|c| c.trim() == text)
        })
        .collect();
    if candidates.is_empty() {
        return Vec::new();
    }
    let cell = |i: usize, p: usize| {
        let text = rows.get(i)?.get(p).and_then(cell_text)?;
        Some(std::borrow::Cow::Owned(text))
    };
    whole_repeats(written, candidates, rows.len(), range.width(), cell)
}

/// The total rows of a sheet's rows from `first` on ([`crate::ingest::read::totals`]): those inside the
/// table (subtotals, set aside) and the one that ends it, by index in the range.
pub(super) fn totals(
    range: &calamine::Range<Data>,
    first: usize,
    required: &Required,
) -> (Vec<usize>, Option<usize>) {
    let filled = |row: &[Data], p: usize| row.get(p).is_some_and(|c| !is_blank(c));
    let totals: Vec<usize> = range
        .rows()
        .enumerate()
        .skip(first)
        .filter(|(_, row)| match total_word_at(row) {
            Some(word) => required.is_total(word, |p| filled(row, p)),
            None => false,
        })
        .map(|(i, _)| i)
        .collect();
    if totals.is_empty() {
        return (totals, None);
    }
    let last_complete = range
        .rows()
        .enumerate()
        .skip(first)
        .filter(|(i, row)| {
            totals.binary_search(i).is_err() && required.complete(|p| filled(row, p))
        })
        .map(|(i, _)| i)
        .next_back();
    split_totals(&totals, last_complete)
}

/// The rows of a sheet below its total row (at `end` in the range) that are not blank,
/// for the warning, or None when there are none.
pub(super) fn below(
    range: &calamine::Range<Data>,
    end: usize,
    first_row: u32,
    place: &str,
) -> Option<Below> {
    let mut rows = range
        .rows()
        .enumerate()
        .skip(end + 1)
        .filter(|(_, row)| !row.iter().all(is_blank));
    let (first, cells) = rows.next()?;
    let mut buf = String::new();
    let text = cells
        .iter()
        .filter(|c| !is_blank(c))
        .filter_map(|c| cell_str(c, &mut buf).map(|t| t.trim().to_string()))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    Some(Below {
        place: place.to_string(),
        total: first_row + end as u32 + 1,
        rows: rows.count() as u64 + 1,
        first: first_row + first as u32 + 1,
        text,
    })
}
