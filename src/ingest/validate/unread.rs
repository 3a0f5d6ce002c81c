//! The spellings of a coded column that no vocabulary holds, counted on the accepted rows
//! only: a rejected row is in the rejects with its reason, and its cells were read as
//! nothing. Before, a row rejected for a stray `;` named its shifted value (`дисков` under
//! `Категория`) in the warning, as if a line of that category had been read.

use std::collections::HashMap;

use polars::prelude::*;

use crate::schema::fold;

/// The `spellings` of a coded column (each as written, the value it was read as and its
/// rows; spellings differing in case or spaces are one) counted again over the rows of
/// `text` (the column's cleaned text) that `rejected` does not mark. A spelling left on no
/// row is dropped; one whose first writing is only on rejected rows is named as an
/// accepted row writes it.
pub(super) fn accepted_spellings(
    text: &Column,
    rejected: &BooleanChunked,
    spellings: &[(String, String, u64)],
) -> PolarsResult<Vec<(String, String, u64)>> {
    let kept = text.filter(&!rejected)?;
    let kept = kept.str()?;
    // Distinct cells first: a chain's accepted lines repeat a dozen spellings millions of
    // times, and folding each cell would cost a pass of allocations.
    let mut distinct: HashMap<&str, u64> = HashMap::new();
    for v in kept.iter().flatten() {
        *distinct.entry(v).or_default() += 1;
    }
    let mut by_key: HashMap<String, (Option<&str>, u64)> = spellings
        .iter()
        .map(|(s, _, _)| (fold(s), (None, 0)))
        .collect();
    let mut cells: Vec<(&str, u64)> = distinct.into_iter().collect();
    // The first writing of a key is then the same whatever the hash order.
    cells.sort_unstable();
    for (cell, n) in cells {
        if let Some((first, count)) = by_key.get_mut(&fold(cell)) {
            first.get_or_insert(cell);
            *count += n;
        }
    }
    Ok(spellings
        .iter()
        .filter_map(|(spelling, value, _)| {
            let (first, count) = by_key.get(&fold(spelling))?;
            let shown = match distinct_has(first, spelling) {
                true => spelling.clone(),
                false => first.unwrap_or(spelling).to_string(),
            };
            (*count > 0).then(|| (shown, value.clone(), *count))
        })
        .collect())
}

/// Whether the accepted rows' first writing of a key is `spelling` itself, or the key is
/// written otherwise there (case, spaces) and `spelling` is only on rejected rows.
fn distinct_has(first: &Option<&str>, spelling: &str) -> bool {
    first.is_none_or(|f| f == spelling)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelling(s: &str, v: &str, n: u64) -> (String, String, u64) {
        (s.to_string(), v.to_string(), n)
    }

    #[test]
    fn rejected_rows_are_not_counted() {
        // Rows 2 and 4 rejected: «дисков» is on no accepted row, «Звонок» on one of two,
        // and «звонок» (the same spelling folded) on the third.
        let text = Column::new("c".into(), ["Звонок", "дисков", "звонок", "Звонок", "Шины"]);
        let rejected = BooleanChunked::new("r".into(), [false, true, false, true, false]);
        let spellings = [
            spelling("Звонок", "other", 3),
            spelling("дисков", "tires", 1),
        ];
        assert_eq!(
            accepted_spellings(&text, &rejected, &spellings).unwrap(),
            [spelling("Звонок", "other", 2)]
        );
    }

    #[test]
    fn a_spelling_written_first_on_a_rejected_row_is_named_as_an_accepted_row_writes_it() {
        let text = Column::new("c".into(), ["ЗВОНОК", "звонок", "звонок"]);
        let rejected = BooleanChunked::new("r".into(), [true, false, false]);
        let spellings = [spelling("ЗВОНОК", "other", 3)];
        assert_eq!(
            accepted_spellings(&text, &rejected, &spellings).unwrap(),
            [spelling("звонок", "other", 2)]
        );
    }
}
