//! A client's score as feedback forms and hand-kept sheets write it: `5 из 5`, `4/5`,
//! `5 баллов`, stars `★★★★☆`, or a word (`отлично`, `хорошо`). Read as numbers they were
//! unreadable, and with every score so written all the feedback was rejected.

use polars::prelude::*;

use super::distinct_index;

/// Words for a score on the five-point scale Russian schools and surveys use.
const WORDS: [(&str, &str); 12] = [
    ("отлично", "5"),
    ("отличное", "5"),
    ("хорошо", "4"),
    ("хорошее", "4"),
    ("удовлетворительно", "3"),
    ("нормально", "3"),
    ("неудовлетворительно", "2"),
    ("плохо", "2"),
    ("очень плохо", "1"),
    ("ужасно", "1"),
    ("excellent", "5"),
    ("good", "4"),
];

/// The number a score cell stands for, as text, when it is written in one of the forms
/// above; None for anything else (a plain number included, which the number parser reads).
///
/// ```
/// use stoa::ingest::cells::score_number;
/// assert_eq!(score_number("5 из 5").as_deref(), Some("5"));
/// assert_eq!(score_number("8/10").as_deref(), Some("8"));
/// assert_eq!(score_number("4,5 балла").as_deref(), Some("4,5"));
/// assert_eq!(score_number("★★★★☆").as_deref(), Some("4"));
/// assert_eq!(score_number("Отлично").as_deref(), Some("5"));
/// assert_eq!(score_number("5"), None);
/// assert_eq!(score_number("так себе"), None);
/// ```
pub fn score_number(cell: &str) -> Option<String> {
    let folded = crate::schema::fold(cell);
    let t = folded.trim_end_matches(['.', '!']);
    if let Some((_, n)) = WORDS.iter().find(|(w, _)| *w == t) {
        return Some(n.to_string());
    }
    if !t.is_empty() && t.chars().all(|c| matches!(c, '★' | '☆' | '*' | ' ')) {
        let stars = t.chars().filter(|c| matches!(c, '★' | '*')).count();
        return Some(stars.to_string());
    }
    let number = |s: &str| {
        let s = s.trim();
        (!s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.'))
        .then(|| s.to_string())
    };
    // `5 из 5`, `5 of 5`, `5/5`: the score, whatever the scale (read from the data).
    for sep in [" из ", " of ", "/"] {
        if let Some((n, scale)) = t.split_once(sep) {
            return number(scale).and(number(n));
        }
    }
    // `5 баллов`, `4,5 балла`, `5 б.`
    let (n, unit) = t.split_once(' ')?;
    matches!(unit, "балл" | "балла" | "баллов" | "б" | "points" | "point")
        .then(|| number(n))
        .flatten()
}

/// The score column with every cell written in one of those forms replaced by its
/// number; None when no cell is. Worked out on the distinct cells (scores are a handful of
/// values however many rows).
pub fn score_forms(cells: &Column) -> PolarsResult<Option<Column>> {
    let Some((distinct, idx)) = distinct_index(cells.str()?, 1) else {
        return Ok(None);
    };
    let numbers: Vec<Option<String>> = distinct.iter().map(|d| d.and_then(score_number)).collect();
    if numbers.iter().all(Option::is_none) {
        return Ok(None);
    }
    let replaced: Vec<Option<&str>> = distinct
        .iter()
        .zip(&numbers)
        .map(|(d, n)| n.as_deref().or(*d))
        .collect();
    let replaced = Series::new(cells.name().clone(), replaced);
    let idx = IdxCa::from_vec("idx".into(), idx);
    Ok(Some(replaced.take(&idx)?.into_column()))
}
