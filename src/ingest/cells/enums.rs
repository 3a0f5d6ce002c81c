//! Coded columns (channel, status, category, kinds) parsed by their distinct cells in one
//! pass: the station's own words (`[values]` of stoa.toml) put in place of the cells they
//! name, the vocabulary and the words' stems read, and the spellings of categories and
//! channels that the vocabulary does not hold counted for their warning. A chain's order
//! lines repeat a dozen categories five million times.

use polars::prelude::*;

use super::{distinct_index, plan_value, Currency};
use crate::ingest::normalize;
use crate::ingest::read::cleaned;
use crate::schema::{fold, EnumKind, Kind};

/// What [`parse_enum`] made of a column.
#[derive(Debug)]
pub struct EnumCells {
    /// The canonical values, named as the model column (null where unknown or empty).
    pub values: Column,
    /// The column's text cleaned (trimmed, empty as null) where some cell needed it.
    pub cleaned: Option<Column>,
    /// For a category or channel column: each spelling outside the vocabulary and the
    /// station's words (as first written; spellings differing in case or spaces are one),
    /// the value it was read as (by its words, or `other`) and its number of cells. Not
    /// worked out for a column of mostly distinct cells, which no export writes.
    pub unread: Vec<(String, String, u64)>,
}

/// Parse the text column `raw` of `kind` into the model column `name`, the station's
/// `words` (folded word, canonical value; see [`crate::config::words`]) first.
///
/// ```
/// use polars::prelude::*;
/// use stoa::{ingest::cells::parse_enum, schema::EnumKind};
/// let c = Column::new("c".into(), ["Развал", "Шины", "Звонок", "звонок "]);
/// let p = parse_enum(EnumKind::Category, &c, "category", &[("развал".into(), "tires".into())]).unwrap();
/// let got: Vec<_> = p.values.str().unwrap().iter().flatten().map(String::from).collect();
/// assert_eq!(got, ["tires", "tires", "other", "other"]);
/// assert_eq!(p.unread, [("Звонок".to_string(), "other".to_string(), 2)]);
/// ```
pub fn parse_enum(
    kind: EnumKind,
    raw: &Column,
    name: &str,
    words: &[(String, String)],
) -> PolarsResult<EnumCells> {
    let Some((distinct, idx)) = distinct_index(raw.str()?, 2) else {
        return whole_column(kind, raw, name, words);
    };
    if distinct
        .iter()
        .flatten()
        .any(|v| v.trim() != *v || v.is_empty())
    {
        let clean = cleaned(raw)?.unwrap_or_else(|| raw.clone());
        let parsed = parse_enum(kind, &clean, name, words)?;
        return Ok(EnumCells {
            cleaned: Some(clean),
            ..parsed
        });
    }
    let folded: Vec<Option<String>> = distinct.iter().map(|d| d.map(fold)).collect();
    let own = |f: &Option<String>| {
        let f = f.as_deref()?;
        words.iter().find(|(w, _)| w == f).map(|(_, c)| c.as_str())
    };
    let cells: Vec<Option<&str>> = distinct
        .iter()
        .zip(&folded)
        .map(|(d, f)| own(f).or(*d))
        .collect();
    let values_of_distinct = plan_value(
        Kind::Enum(kind),
        Column::new(raw.name().clone(), &cells),
        name,
        // A coded value names no currency.
        &Currency::Rub,
    )?;
    let unread = if normalize::unknown_is_other(kind) {
        unread(kind, &distinct, &folded, &idx, &values_of_distinct, own)?
    } else {
        Vec::new()
    };
    let idx = IdxCa::from_vec("idx".into(), idx);
    Ok(EnumCells {
        values: values_of_distinct.take(&idx)?,
        cleaned: None,
        unread,
    })
}

/// The spellings among `distinct` (folded as `folded`, each cell's index in `idx`) that
/// are neither the station's words nor the vocabulary's, with their values and counts.
fn unread<'a>(
    kind: EnumKind,
    distinct: &[Option<&str>],
    folded: &'a [Option<String>],
    idx: &[IdxSize],
    values: &Column,
    own: impl Fn(&Option<String>) -> Option<&'a str>,
) -> PolarsResult<Vec<(String, String, u64)>> {
    let strays: Vec<usize> = (0..distinct.len())
        .filter(|&i| {
            folded[i].as_deref().is_some_and(|f| {
                own(&folded[i]).is_none() && !normalize::is_known_spelling(kind, f)
            })
        })
        .collect();
    let mut unread: Vec<(String, String, u64)> = Vec::new();
    if strays.is_empty() {
        return Ok(unread);
    }
    let mut counts = vec![0u64; distinct.len()];
    for &k in idx {
        counts[k as usize] += 1;
    }
    let values = values.str()?;
    let mut seen: Vec<&str> = Vec::new();
    for i in strays {
        let key = folded[i].as_deref().unwrap_or_default();
        match seen.iter().position(|s| *s == key) {
            Some(at) => unread[at].2 += counts[i],
            None => {
                seen.push(key);
                let value = values.get(i).unwrap_or("other").to_string();
                let spelling = distinct[i].unwrap_or_default().to_string();
                unread.push((spelling, value, counts[i]));
            }
        }
    }
    Ok(unread)
}

/// A column of mostly distinct cells, parsed by the plan over every cell with the
/// station's words first; its spellings are not counted.
fn whole_column(
    kind: EnumKind,
    raw: &Column,
    name: &str,
    words: &[(String, String)],
) -> PolarsResult<EnumCells> {
    let clean = cleaned(raw)?;
    let text = clean.as_ref().unwrap_or(raw);
    let r = || col(text.name().clone());
    let own = normalize::fold_expr(r()).replace_strict(
        lit(Series::new(
            "w".into(),
            words.iter().map(|w| w.0.as_str()).collect::<Vec<_>>(),
        ))
        .implode(true),
        lit(Series::new(
            "c".into(),
            words.iter().map(|w| w.1.as_str()).collect::<Vec<_>>(),
        ))
        .implode(true),
        Some(lit(NULL).cast(DataType::String)),
        Some(DataType::String),
    );
    let values = DataFrame::new(text.len(), vec![text.clone()])?
        .lazy()
        .select([coalesce(&[own, normalize::canonical(kind, r())]).alias(name)])
        .collect()?;
    Ok(EnumCells {
        values: values.column(name)?.clone(),
        cleaned: clean,
        unread: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_with_spaces_and_a_column_of_mostly_distinct_cells_take_the_stations_words() {
        let words = [("мой канал".to_string(), "booking".to_string())];
        let c = Column::new("c".into(), [Some(" Мой  канал "), Some(""), Some("агент")]);
        let p = parse_enum(EnumKind::Channel, &c, "channel", &words).unwrap();
        let got: Vec<_> = p.values.str().unwrap().iter().collect();
        assert_eq!(got, [Some("booking"), None, Some("agent")]);
        assert!(p.cleaned.is_some());
        // 70 000 cells, all distinct but one repeated: parsed cell by cell.
        let mut cells: Vec<String> = (0..70_000).map(|i| format!("канал {i}")).collect();
        cells[5] = "Мой канал".into();
        let c = Column::new("c".into(), cells);
        let p = parse_enum(EnumKind::Channel, &c, "channel", &words).unwrap();
        let v = p.values.str().unwrap();
        assert_eq!((v.get(5), v.get(6)), (Some("booking"), Some("other")));
        assert!(p.unread.is_empty());
    }
}
