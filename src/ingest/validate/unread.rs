//! The spellings of a coded column that no vocabulary holds, counted on the accepted rows
//! only: a rejected row is in the rejects with its reason, and its cells were read as
//! nothing. Before, a row rejected for a stray `;` named its shifted value (`дисков` under
//! `Категория`) in the warning, as if a line of that category had been read.

use std::collections::HashMap;

use polars::prelude::*;

use crate::schema::fold;

/// Each row's spelling among `spellings` (each as written, the value it was read as and
/// its rows; spellings differing in case or spaces are one), by index, null for the other
/// rows, named `name`: what the recount ([`accepted_spellings`]) needs of the column's
/// text, which validation lets go before it knows the rows it rejects (four bytes a row
/// against a chain's millions of cells of text).
pub(super) fn spelling_index(
    text: &Column,
    spellings: &[(String, String, u64)],
    name: &str,
) -> PolarsResult<Column> {
    let keys: Vec<String> = spellings.iter().map(|(s, _, _)| fold(s)).collect();
    // Each distinct cell is folded once: a chain's lines repeat a dozen spellings.
    let mut seen: HashMap<&str, Option<u32>> = HashMap::new();
    let index: UInt32Chunked = text
        .str()?
        .iter()
        .map(|cell| {
            let cell = cell?;
            *seen.entry(cell).or_insert_with(|| {
                let f = fold(cell);
                keys.iter().position(|k| *k == f).map(|i| i as u32)
            })
        })
        .collect();
    Ok(index.with_name(name.into()).into_column())
}

/// The `spellings` counted again over the rows that `rejected` does not mark, by each
/// row's spelling ([`spelling_index`]); a spelling left on no row is dropped.
pub(super) fn accepted_spellings(
    index: &Column,
    rejected: &BooleanChunked,
    spellings: &[(String, String, u64)],
) -> PolarsResult<Vec<(String, String, u64)>> {
    let mut counts = vec![0u64; spellings.len()];
    for i in index.u32()?.iter().zip(rejected.iter()) {
        if let (Some(i), Some(false) | None) = i {
            if let Some(n) = counts.get_mut(i as usize) {
                *n += 1;
            }
        }
    }
    Ok(spellings
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|((spelling, value, _), n)| (spelling.clone(), value.clone(), n))
        .collect())
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
        let text = Column::new(
            "c".into(),
            [
                Some("Звонок"),
                Some("дисков"),
                Some("звонок"),
                Some("Звонок"),
                Some("Шины"),
                None,
            ],
        );
        let rejected = BooleanChunked::new("r".into(), [false, true, false, true, false, false]);
        let spellings = [
            spelling("Звонок", "other", 3),
            spelling("дисков", "tires", 1),
        ];
        let index = spelling_index(&text, &spellings, "i").unwrap();
        let got: Vec<Option<u32>> = index.u32().unwrap().iter().collect();
        assert_eq!(got, [Some(0), Some(1), Some(0), Some(0), None, None]);
        assert_eq!(
            accepted_spellings(&index, &rejected, &spellings).unwrap(),
            [spelling("Звонок", "other", 2)]
        );
    }
}
