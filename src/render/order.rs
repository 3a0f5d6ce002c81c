//! The order of the rows people read: tables whose CSV sorts by a coded column (a channel,
//! a category) sort by its code, which in the workbook and on the page put «Кузовной
//! ремонт» (`body`) before «Диагностика» (`diagnostics`) and «Запись» (`booking`) before
//! «Агент» (`agent`). Shown, they sort by the word shown; `tables/*.csv` keep the codes and
//! their order (SPEC §5.1).

use polars::prelude::*;

use crate::cli::Lang;

/// The tables whose rows sort by a coded column, with their sort keys in the CSV's order
/// (a coded key among them: `channel`, `category`).
const KEYED: &[(&str, &[&str])] = &[
    ("channels", &["channel"]),
    ("demand_monthly", &["month", "category"]),
    ("demand_yoy", &["category"]),
    ("demand_forecast", &["category", "month"]),
    ("demand_seasonality", &["category", "month_of_year"]),
];

/// The columns whose codes are replaced by words in the sort.
const CODED: [&str; 2] = ["channel", "category"];

/// `tables` with the rows of each table of [`KEYED`] in the order of the words shown in
/// `lang` (the same keys, a coded one by its word, compared case-folded with ё as е);
/// other tables as they are.
pub fn shown(tables: &[(String, DataFrame)], lang: Lang) -> PolarsResult<Vec<(String, DataFrame)>> {
    tables
        .iter()
        .map(|(stem, df)| {
            let sorted = match KEYED.iter().find(|(s, _)| s == stem) {
                Some((_, keys)) => by_words(df, keys, lang)?,
                None => df.clone(),
            };
            Ok((stem.clone(), sorted))
        })
        .collect()
}

/// `df` sorted by `keys`, each coded key by the word shown for its code.
fn by_words(df: &DataFrame, keys: &[&str], lang: Lang) -> PolarsResult<DataFrame> {
    if keys
        .iter()
        .any(|k| !df.get_column_names().iter().any(|c| c.as_str() == *k))
    {
        return Ok(df.clone());
    }
    let mut sort_by = Vec::new();
    let mut extra = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if CODED.contains(key) {
            let name = format!("__shown_{i}");
            let words: Vec<Option<String>> = df
                .column(key)?
                .cast(&DataType::String)?
                .str()?
                .iter()
                .map(|code| code.map(|c| folded(&word(lang, key, c))))
                .collect();
            extra.push(Column::new(name.as_str().into(), words));
            sort_by.push(name);
        } else {
            sort_by.push(key.to_string());
        }
    }
    let mut with = df.clone();
    for c in extra {
        with.with_column(c)?;
    }
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|c| c.to_string())
        .collect();
    with.lazy()
        .sort(
            sort_by,
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .select(names.iter().map(|n| col(n.as_str())).collect::<Vec<_>>())
        .collect()
}

/// The word a reader of `lang` sees for a code (the code itself when it has none).
fn word(lang: Lang, column: &str, code: &str) -> String {
    super::i18n::word(lang, column, code).unwrap_or_else(|| code.to_string())
}

/// A word as the sort compares it: lower case, ё as е (a dictionary puts «Ёмкость»
/// among the е).
fn folded(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(df: &DataFrame, name: &str) -> Vec<String> {
        df.column(name)
            .unwrap()
            .cast(&DataType::String)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|s| s.unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn channels_sort_by_the_word_shown() {
        // By code: agent, booking, walk_in. In Russian: Агент, Запись, Самотёк (А < З <
        // С); in English: Agent, Booking, Walk-in, the codes' order.
        let df = df!(
            "channel" => ["walk_in", "agent", "booking"],
            "visits" => [5i64, 1, 3],
        )
        .unwrap();
        let tables = vec![("channels".to_string(), df)];
        let ru = shown(&tables, Lang::Ru).unwrap();
        assert_eq!(column(&ru[0].1, "channel"), ["agent", "booking", "walk_in"]);
        assert_eq!(column(&ru[0].1, "visits"), ["1", "3", "5"]);
        let tables = vec![(
            "channels".to_string(),
            df!("channel" => ["fleet", "warranty", "home"]).unwrap(),
        )];
        // Корпоративные, Гарантия, Выезд → Выезд, Гарантия, Корпоративные.
        let ru = shown(&tables, Lang::Ru).unwrap();
        assert_eq!(column(&ru[0].1, "channel"), ["home", "warranty", "fleet"]);
        let en = shown(&tables, Lang::En).unwrap();
        // At home, Fleet, Warranty.
        assert_eq!(column(&en[0].1, "channel"), ["home", "fleet", "warranty"]);
    }

    #[test]
    fn categories_sort_by_the_word_within_the_leading_keys() {
        // demand_monthly sorts by month, then category: the month stays first.
        let df = df!(
            "month" => ["2026-01", "2026-01", "2026-02", "2026-02"],
            "category" => ["body", "diagnostics", "body", "wash"],
        )
        .unwrap();
        let tables = vec![
            ("demand_monthly".to_string(), df.clone()),
            ("other".to_string(), df),
        ];
        // Диагностика < Кузовной ремонт < Мойка; in English Body < Diagnostics < Wash.
        let ru = shown(&tables, Lang::Ru).unwrap();
        assert_eq!(
            column(&ru[0].1, "category"),
            ["diagnostics", "body", "body", "wash"]
        );
        let en = shown(&tables, Lang::En).unwrap();
        assert_eq!(
            column(&en[0].1, "category"),
            ["body", "diagnostics", "body", "wash"]
        );
        assert_eq!(
            column(&ru[0].1, "month"),
            ["2026-01", "2026-01", "2026-02", "2026-02"]
        );
        // A table not sorted by a code keeps its rows.
        assert_eq!(
            column(&ru[1].1, "category"),
            ["body", "diagnostics", "body", "wash"]
        );
    }
}
