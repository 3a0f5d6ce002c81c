//! Service codes as people type them. The price list says `TO-1`; an order line typed on
//! another keyboard says `ТО-1` (Cyrillic Т and О), `то-1` or `TO - 1`. Matched exactly,
//! such lines lost their category, their reminders and their place in the price volumes
//! without a word. A code that is not in the price list as written, but is one of its
//! codes once case, spaces and Cyrillic letters that look Latin are set aside, takes the
//! price list's spelling; the table's warning says how many rows and which spellings.

use std::collections::{BTreeMap, HashMap, HashSet};

use polars::prelude::*;

/// The codes of one table that were written another way than in the price list.
#[derive(Debug, Clone, PartialEq)]
pub struct Respelled {
    /// Accepted rows whose code took the price list's spelling.
    pub rows: u64,
    /// Every spelling met and the price-list code it became, sorted by spelling.
    pub spellings: Vec<(String, String)>,
}

/// Cyrillic capitals that look like Latin ones on a keyboard or a printout, and the Latin
/// letter each stands for. One table for codes, plates and VINs (`ingest::derive`), so that
/// the three agree on which letters are one.
pub(crate) const LOOK_ALIKE: [(char, char); 12] = [
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('У', 'Y'),
    ('Х', 'X'),
];

/// The key two spellings of one code share: upper case, no spaces, no dashes or
/// underscores (`P6`, `p 6`, `P–6` and `P_6` are one code: a dash was only made one kind
/// of dash, so `P6` and `p 6` lost their price list's category and volume), `Ё` as `Е`,
/// Cyrillic look-alikes as their Latin letters. Two codes of the price list with one key
/// (`A-11`, `A1-1`) take none of its spellings: respelling needs exactly one.
///
/// ```
/// use stoa::ingest::validate::code_key;
/// assert_eq!(code_key("то - 1"), code_key("TO-1"));
/// assert_eq!(code_key("P6"), code_key("P-6"));
/// assert_ne!(code_key("TO-1"), code_key("TO-2"));
/// ```
pub fn code_key(code: &str) -> String {
    code.chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '-' | '_' | '‐' | '‑' | '‒' | '–' | '—' | '−')
        })
        .flat_map(char::to_uppercase)
        .map(|c| match c {
            'Ё' => 'E',
            c => LOOK_ALIKE
                .iter()
                .find(|(cyr, _)| *cyr == c)
                .map_or(c, |(_, lat)| *lat),
        })
        .collect()
}

/// Give the price list's spelling to every code of `df`'s `service_code` column that is not
/// among `list` (the price list's codes) as written but shares its [`code_key`] with
/// exactly one of them. Rows where `rejected` holds are changed too (their value is then
/// the one the model would have had) but not counted. None when no code needed it, which
/// costs one pass over the column's distinct values.
pub fn respell(
    df: &mut DataFrame,
    list: &Series,
    rejected: Expr,
) -> PolarsResult<Option<Respelled>> {
    let list = list.str()?;
    let exact: HashSet<&str> = list.iter().flatten().collect();
    // A key that two price-list codes share (`TO-1` and `ТО-1` both listed) decides
    // nothing: its spellings stay as written.
    let mut by_key: HashMap<String, Option<&str>> = HashMap::new();
    for code in &exact {
        by_key
            .entry(code_key(code))
            .and_modify(|c| *c = None)
            .or_insert(Some(code));
    }
    let column = df.column("service_code")?.str()?;
    // Codes are short and few: their views key the distinct cells (one integer hash a
    // cell); a column of mostly distinct codes falls back to polars' unique.
    let mut spellings = BTreeMap::new();
    let mut consider = |code: &str| {
        if !exact.contains(code) {
            if let Some(Some(listed)) = by_key.get(&code_key(code)) {
                spellings.insert(code.to_string(), listed.to_string());
            }
        }
    };
    match crate::ingest::cells::distinct_index(column, 16) {
        Some((distinct, _)) => distinct.into_iter().flatten().for_each(&mut consider),
        None => column.unique()?.iter().flatten().for_each(&mut consider),
    }
    replace_spellings(df, "service_code", spellings, rejected)
}

/// Give the visits' spelling to the visit ids of `df` that `unmatched` marks (no accepted
/// visit has them as written) and that share their [`code_key`] with exactly one of
/// `visits`: `зн-000002` or `ЗН-000002` typed with Latin letters by whoever keyed in the
/// feedback. Looked for only where some id is unmatched, so a clean export costs nothing;
/// a line of a rejected visit stays unmatched, as no accepted visit shares its key.
pub fn respell_unmatched(
    df: &mut DataFrame,
    visits: &StringChunked,
    unmatched: &BooleanChunked,
    rejected: Expr,
) -> PolarsResult<Option<Respelled>> {
    match_unmatched(df, visits, unmatched, rejected, |id| Some(code_key(id)))
}

/// The same for visit numbers that lost their leading zeros, or gained some: `123` where
/// the visits give `000123`, as Excel leaves a number it opened and saved again. Only
/// numbers written in digits alone are matched so.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::validate::unzeroed_unmatched;
/// let visits = StringChunked::from_slice("visit_id".into(), &["000123", "000124"]);
/// let mut lines = df!("visit_id" => ["123", "000124", "125"]).unwrap();
/// let unmatched = BooleanChunked::from_slice("u".into(), &[true, false, true]);
/// let r = unzeroed_unmatched(&mut lines, &visits, &unmatched, lit(false)).unwrap().unwrap();
/// assert_eq!(r.spellings, [("123".to_string(), "000123".to_string())]);
/// assert_eq!(lines.column("visit_id").unwrap().str().unwrap().get(0), Some("000123"));
/// ```
pub fn unzeroed_unmatched(
    df: &mut DataFrame,
    visits: &StringChunked,
    unmatched: &BooleanChunked,
    rejected: Expr,
) -> PolarsResult<Option<Respelled>> {
    let bare = |id: &str| {
        let id = id.trim();
        (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| {
            let bare = id.trim_start_matches('0');
            if bare.is_empty() { "0" } else { bare }.to_string()
        })
    };
    match_unmatched(df, visits, unmatched, rejected, bare)
}

/// Give the visits' spelling to the visit ids of `df` that `unmatched` marks and that
/// share their `key` with exactly one of `visits` (an id without a key matches nothing).
fn match_unmatched(
    df: &mut DataFrame,
    visits: &StringChunked,
    unmatched: &BooleanChunked,
    rejected: Expr,
    key: impl Fn(&str) -> Option<String>,
) -> PolarsResult<Option<Respelled>> {
    let ids = df.column("visit_id")?.str()?.filter(unmatched)?;
    let mut wanted: HashMap<String, Vec<String>> = HashMap::new();
    for id in ids.unique()?.iter().flatten() {
        if let Some(k) = key(id) {
            wanted.entry(k).or_default().push(id.to_string());
        }
    }
    if wanted.is_empty() {
        return Ok(None);
    }
    // A key that two visits share decides nothing.
    let mut by_key: HashMap<String, Option<&str>> = HashMap::new();
    for visit in visits.iter().flatten() {
        let Some(k) = key(visit).filter(|k| wanted.contains_key(k)) else {
            continue;
        };
        by_key
            .entry(k)
            .and_modify(|v| *v = None)
            .or_insert(Some(visit));
    }
    let mut spellings = BTreeMap::new();
    for (key, ids) in wanted {
        if let Some(Some(visit)) = by_key.get(&key) {
            for id in ids {
                spellings.insert(id, visit.to_string());
            }
        }
    }
    replace_spellings(df, "visit_id", spellings, rejected)
}

/// Replace each `from` spelling of `df`'s `column` by its `to`, counting the rows changed
/// where `rejected` does not hold. None when there is nothing to replace.
pub(crate) fn replace_spellings(
    df: &mut DataFrame,
    column: &str,
    spellings: BTreeMap<String, String>,
    rejected: Expr,
) -> PolarsResult<Option<Respelled>> {
    if spellings.is_empty() {
        return Ok(None);
    }
    let from = Series::new("from".into(), spellings.keys().cloned().collect::<Vec<_>>());
    let to = Series::new("to".into(), spellings.values().cloned().collect::<Vec<_>>());
    let hit = col(column).is_in(lit(from.clone()).implode(true), false);
    let out = std::mem::take(df)
        .lazy()
        .with_columns([
            hit.and(rejected.not())
                .cast(DataType::UInt32)
                .alias("__respelled"),
            col(column).replace(lit(from).implode(true), lit(to).implode(true)),
        ])
        .collect()?;
    let rows = out
        .column("__respelled")?
        .as_materialized_series()
        .sum::<u64>()?;
    *df = out.drop("__respelled")?;
    Ok(Some(Respelled {
        rows,
        spellings: spellings.into_iter().collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_set_aside_case_spaces_dashes_and_cyrillic_look_alikes() {
        assert_eq!(code_key("ТО-1"), "TO1"); // Cyrillic Т, О
        assert_eq!(code_key(" to – 1 "), "TO1");
        assert_eq!(code_key("шм-02"), "ШM02"); // Ш has no Latin twin; м does
        assert_ne!(code_key("TO-1"), code_key("TO-10"));
        // Regression: the dash itself is set aside, as spaces are.
        for spelling in ["P6", "p 6", "P_6", "P–6", "р-6"] {
            assert_eq!(code_key(spelling), code_key("P-6"), "{spelling}");
        }
    }

    #[test]
    fn codes_written_another_way_take_the_price_lists_spelling() {
        let list = Series::new("service_code".into(), ["TO-1", "DGN-01", "X-1", "Х-1"]);
        let mut df = df!(
            "service_code" => [Some("TO-1"), Some("то-1"), Some("ТО-1"), Some("dgn - 01"),
                               Some("PART-9"), None, Some("x-1"), Some("то-1")],
            "__rule" => [None, None, None, None, None, None, None, Some("negative qty")],
        )
        .unwrap();
        let got = respell(&mut df, &list, col("__rule").is_not_null())
            .unwrap()
            .unwrap();
        // `x-1` matches both `X-1` and the Cyrillic `Х-1`: left as written. The rejected
        // row's code changes but is not counted.
        assert_eq!(got.rows, 3);
        assert_eq!(
            got.spellings,
            vec![
                ("dgn - 01".to_string(), "DGN-01".to_string()),
                ("ТО-1".to_string(), "TO-1".to_string()), // by bytes: capitals first
                ("то-1".to_string(), "TO-1".to_string()),
            ]
        );
        let codes = crate::ingest::texts_of(&df, "service_code");
        assert_eq!(
            codes,
            vec![
                Some("TO-1"),
                Some("TO-1"),
                Some("TO-1"),
                Some("DGN-01"),
                Some("PART-9"),
                None,
                Some("x-1"),
                Some("TO-1")
            ]
        );
    }

    #[test]
    fn unmatched_visit_numbers_take_the_visits_spelling_when_one_visit_shares_their_key() {
        let visits = StringChunked::from_slice(
            "visit_id".into(),
            &["ЗН-000001", "ЗН-000002", "AB-7", "АВ-7"],
        );
        let mut df = df!(
            "visit_id" => [Some("ЗН-000001"), Some("зн-000002"), Some("3H-000002"),
                           Some("зн - 000001"), Some("ab-7"), None, Some("ЗН-9")],
        )
        .unwrap();
        let found = [true, false, false, false, false, false, false];
        let unmatched = BooleanChunked::from_slice("u".into(), &found.map(|f| !f));
        let got = respell_unmatched(&mut df, &visits, &unmatched, lit(false))
            .unwrap()
            .unwrap();
        // `3H` begins with a digit, not a letter; `ab-7` matches a Latin and a Cyrillic
        // visit alike; `ЗН-9` is no visit at all: all three stay as written.
        assert_eq!(got.rows, 2);
        assert_eq!(
            got.spellings,
            vec![
                ("зн - 000001".to_string(), "ЗН-000001".to_string()),
                ("зн-000002".to_string(), "ЗН-000002".to_string()),
            ]
        );
        let ids = crate::ingest::texts_of(&df, "visit_id");
        assert_eq!(
            ids,
            [
                Some("ЗН-000001"),
                Some("ЗН-000002"),
                Some("3H-000002"),
                Some("ЗН-000001"),
                Some("ab-7"),
                None,
                Some("ЗН-9")
            ]
        );
    }

    #[test]
    fn codes_as_in_the_price_list_change_nothing() {
        let list = Series::new("service_code".into(), ["TO-1"]);
        let mut df = df!("service_code" => [Some("TO-1"), Some("PART-9"), None]).unwrap();
        let before = df.clone();
        assert_eq!(respell(&mut df, &list, lit(false)).unwrap(), None);
        assert!(df.equals_missing(&before));
    }
}
