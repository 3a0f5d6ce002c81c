//! The station's own words for coded values (`[values]` of stoa.toml) put in place of its
//! cells, and the spellings of categories and channels that the vocabulary does not hold,
//! counted for their warning. Both are worked out on a column's distinct cells: a chain's
//! order lines repeat a dozen categories five million times.

use polars::prelude::*;

use super::distinct_index;
use crate::ingest::normalize;
use crate::schema::{fold, EnumKind};

/// What [`station_words`] made of a column.
#[derive(Debug, Default)]
pub struct Words {
    /// The column with each cell that is one of the station's words replaced by its
    /// canonical value; None when no cell is.
    pub replaced: Option<Column>,
    /// For a category or channel column: each spelling outside the vocabulary and the
    /// station's words (as written, first seen first), the value it was read as (by its
    /// words, or `other`) and the number of its cells.
    pub unread: Vec<(String, String, u64)>,
}

/// The cells of a text column of `kind` (cleaned or not: cells match trimmed) with the
/// station's `words` (folded word, canonical value; see [`crate::config::words`]) in
/// place, and its spellings that no vocabulary holds. A column of mostly distinct cells is
/// left as it is and reports none (no export writes its categories so).
///
/// ```
/// use polars::prelude::*;
/// use stoa::{ingest::cells::station_words, schema::EnumKind};
/// let c = Column::new("c".into(), ["Развал", "ТО", "Звонок", "Звонок"]);
/// let w = station_words(EnumKind::Channel, &c, &[("развал".into(), "other".into())]).unwrap();
/// let got: Vec<_> = w.replaced.unwrap().str().unwrap().iter().flatten().map(String::from).collect();
/// assert_eq!(got, ["other", "ТО", "Звонок", "Звонок"]);
/// assert_eq!(w.unread, [("ТО".to_string(), "other".to_string(), 1), ("Звонок".into(), "other".into(), 2)]);
/// ```
pub fn station_words(
    kind: EnumKind,
    raw: &Column,
    words: &[(String, String)],
) -> PolarsResult<Words> {
    let report = normalize::unknown_is_other(kind);
    if words.is_empty() && !report {
        return Ok(Words::default());
    }
    let Some((distinct, idx)) = distinct_index(raw.str()?, 2) else {
        return Ok(Words::default());
    };
    let folded: Vec<Option<String>> = distinct.iter().map(|d| d.map(fold)).collect();
    let own = |f: &Option<String>| {
        let f = f.as_deref()?;
        words.iter().find(|(w, _)| w == f).map(|(_, c)| c.as_str())
    };
    let replaced = if folded.iter().any(|f| own(f).is_some()) {
        let cells: Vec<Option<&str>> = distinct
            .iter()
            .zip(&folded)
            .map(|(d, f)| own(f).or(*d))
            .collect();
        let cells = Series::new(raw.name().clone(), cells);
        let idx = IdxCa::from_slice("idx".into(), &idx);
        Some(cells.take(&idx)?.into_column())
    } else {
        None
    };
    let mut unread: Vec<(String, String, u64)> = Vec::new();
    if report {
        let strays: Vec<usize> = (0..distinct.len())
            .filter(|&i| {
                folded[i].as_deref().is_some_and(|f| {
                    !f.is_empty()
                        && own(&folded[i]).is_none()
                        && !normalize::is_known_spelling(kind, f)
                })
            })
            .collect();
        if !strays.is_empty() {
            let mut counts = vec![0u64; distinct.len()];
            for &k in &idx {
                counts[k as usize] += 1;
            }
            let cells: Vec<&str> = strays.iter().filter_map(|&i| distinct[i]).collect();
            let read = df!("c" => &cells)?
                .lazy()
                .select([normalize::canonical(kind, col("c"))])
                .collect()?;
            let read = read.column("c")?.str()?;
            // Spellings that differ only in case or spaces are one, under the first.
            let mut seen: Vec<&str> = Vec::new();
            for (j, &i) in strays.iter().enumerate() {
                let key = folded[i].as_deref().unwrap_or_default();
                match seen.iter().position(|s| *s == key) {
                    Some(at) => unread[at].2 += counts[i],
                    None => {
                        seen.push(key);
                        let value = read.get(j).unwrap_or("other").to_string();
                        unread.push((cells[j].trim().to_string(), value, counts[i]));
                    }
                }
            }
        }
    }
    Ok(Words { replaced, unread })
}
