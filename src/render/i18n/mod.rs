//! Every word the reader sees, in English and Russian: sheet names, column labels, KPI
//! names, chart titles and the page's headings. One table keyed by a dotted name, so a new
//! section adds its labels here and nowhere else; a key missing from the table falls back
//! to a readable form of the key itself, so a new table still renders.

use crate::cli::Lang;

mod errors;
pub mod plural;
mod reasons;
mod values;
mod words;

pub use errors::error;
pub use reasons::{place, reason, warning};
pub use values::value;
use words::words;

/// Whether the cells of a column are worded by [`word`]: coded values, the rejected rows'
/// reasons, and the tables they come from.
///
/// ```
/// use stoa::render::i18n::is_coded;
/// assert!(is_coded("status") && is_coded("reason"));
/// assert!(!is_coded("client_id"));
/// ```
pub fn is_coded(column: &str) -> bool {
    matches!(column, "reason" | "table" | "note") || values::is_coded(column)
}

/// The reader's words for a cell of a coded column (see [`is_coded`]): [`value`] for a code,
/// [`reason`] for a rejected row's reason, a table's own name for the table; `None` to show
/// the text as it is.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::render::i18n::word;
/// assert_eq!(word(Lang::Ru, "table", "order_lines").as_deref(), Some("Работы"));
/// assert_eq!(word(Lang::Ru, "reason", "not a number").as_deref(), Some("не число"));
/// assert_eq!(word(Lang::Ru, "channel", "walk_in").as_deref(), Some("Самотёк"));
/// ```
pub fn word(lang: Lang, column: &str, text: &str) -> Option<String> {
    match column {
        "reason" => reason(lang, text),
        // Why the customer-base model was not used (`winback_ranking`): its error.
        "note" => error(lang, text),
        "table" if lang == Lang::Ru => crate::schema::Table::ALL
            .into_iter()
            .find(|t| t.name() == text)
            .map(|t| t.russian_name().to_string()),
        "table" => None,
        _ => value(lang, column, text).map(str::to_string),
    }
}

/// The word for `key` in `lang`, or `None` when the table does not have it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    words()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, ru)| match lang {
            Lang::En => *en,
            Lang::Ru => *ru,
        })
}

/// Why the table `stem` can be empty, for its sheet and the page when it is (`empty.<stem>`),
/// or `None` for a table whose emptiness needs no word.
pub fn empty_note(lang: Lang, stem: &str) -> Option<&'static str> {
    lookup(lang, &format!("empty.{stem}"))
}

/// The tables whose rows can all be there without a figure, and the column that is then
/// empty in every row: the weekday × hour grid of an export without times keeps its
/// 7 × 24 cells, each empty (session 35; they read 0, all the visits at midnight).
const BLANK: [(&str, &str); 1] = [("demand_load", "visits")];

/// Why the table `stem` of rows `df` shows no figure though it has rows, for its sheet and
/// the page (`blank.<stem>`): when every cell of its [`BLANK`] column is empty. `None` for
/// any other table, one with no row ([`empty_note`] says why) or with a figure.
pub fn blank_note(lang: Lang, stem: &str, df: &polars::prelude::DataFrame) -> Option<&'static str> {
    let (_, column) = BLANK.iter().find(|(table, _)| *table == stem)?;
    let c = df.column(column).ok()?;
    (df.height() > 0 && c.null_count() == df.height())
        .then(|| lookup(lang, &format!("blank.{stem}")))
        .flatten()
}

/// The word for `key` in `lang`; the key itself when missing (a bug the tests catch for
/// fixed keys; tables and columns go through [`column`] and [`sheet`] instead).
pub fn t(lang: Lang, key: &str) -> &str {
    lookup(lang, key).unwrap_or(key)
}

/// A snake_case name made readable: `revenue_gap` → `Revenue gap`.
pub fn humanize(name: &str) -> String {
    let text = name.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The label of a column.
pub fn column(lang: Lang, name: &str) -> String {
    lookup(lang, &format!("col.{name}")).map_or_else(|| humanize(name), str::to_string)
}

/// The label of the column `name` of the table `stem` in a report made with `settings`:
/// [`column`], but for the loyalty table's counts of its window (`visits_12m`,
/// `avg_order_12m`: `loyalty.window_days` up to as-of), which say "12 months" only for the
/// default window of 365 days and its length in days for any other (`Visits, 180 days`,
/// `Визиты за 180 дн.`); they said «12 мес» whatever the window was.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::render::definitions::Settings;
/// use stoa::render::i18n::table_column;
/// let year = Settings::default();
/// let half = Settings { window_days: 180, ..Settings::default() };
/// assert_eq!(table_column(Lang::Ru, "loyalty", "visits_12m", &year), "Визиты 12 мес");
/// assert_eq!(table_column(Lang::Ru, "loyalty", "visits_12m", &half), "Визиты за 180 дн.");
/// assert_eq!(table_column(Lang::En, "loyalty", "avg_order_12m", &half), "Average order, 180 days");
/// // Another table's 12 months are twelve months.
/// assert_eq!(table_column(Lang::En, "demand_yoy", "visits_12m", &half), "Visits 12 m");
/// ```
pub fn table_column(
    lang: Lang,
    stem: &str,
    name: &str,
    settings: &crate::render::definitions::Settings,
) -> String {
    let days = settings.window_days;
    match lookup(lang, &format!("window.{name}")) {
        Some(text) if stem == "loyalty" && days != 365 => text.replace("{}", &days.to_string()),
        _ => column(lang, name),
    }
}

/// The label of a KPI.
pub fn metric(lang: Lang, name: &str) -> String {
    lookup(lang, &format!("metric.{name}")).map_or_else(|| humanize(name), str::to_string)
}

/// The sheet (and heading) name of a table, cut to the workbook's 31 characters.
pub fn sheet(lang: Lang, stem: &str) -> String {
    let name =
        lookup(lang, &format!("sheet.{stem}")).map_or_else(|| humanize(stem), str::to_string);
    // Excel forbids these in sheet names; stems are snake_case, so this only guards.
    let name: String = name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .collect();
    name.chars().take(31).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_sheet_names_fit() {
        let all: Vec<_> = words().collect();
        for (i, (key, en, ru)) in all.iter().enumerate() {
            assert!(!all[..i].iter().any(|(k, _, _)| k == key), "{key} twice");
            assert!(!en.is_empty() && !ru.is_empty(), "{key}");
            if key.starts_with("sheet.") {
                assert!(
                    en.chars().count() <= 31 && ru.chars().count() <= 31,
                    "{key}"
                );
            }
        }
    }

    #[test]
    fn regression_an_hour_grid_without_any_figure_says_why() {
        use polars::prelude::*;
        let grid = |visits: Vec<Option<i64>>| df!("hour" => [0i32, 1], "visits" => visits).unwrap();
        let blank = grid(vec![None, None]);
        let said = blank_note(Lang::En, "demand_load", &blank).unwrap();
        assert!(said.contains("no time of day"), "{said}");
        assert!(blank_note(Lang::Ru, "demand_load", &blank)
            .unwrap()
            .contains("нет времени суток"));
        // A grid with a figure, a zero among them, says nothing; nor does another table.
        assert_eq!(
            blank_note(Lang::En, "demand_load", &grid(vec![Some(0), None])),
            None
        );
        let empty = df!("hour" => Vec::<i32>::new(), "visits" => Vec::<Option<i64>>::new());
        assert_eq!(blank_note(Lang::En, "demand_load", &empty.unwrap()), None);
        assert_eq!(blank_note(Lang::En, "kpi", &blank), None);
    }

    #[test]
    fn labels_fall_back_to_a_readable_name() {
        assert_eq!(column(Lang::Ru, "revenue"), "Выручка");
        assert_eq!(column(Lang::En, "revenue_gap"), "Revenue gap");
        assert_eq!(sheet(Lang::Ru, "load_weekly"), "Загрузка");
        assert_eq!(
            sheet(Lang::En, "a_very_long_table_name_beyond_the_limit"),
            "A very long table name beyond t"
        );
        assert_eq!(t(Lang::En, "ui.contents"), "Contents");
    }

    #[test]
    fn every_management_column_and_kpi_has_both_languages() {
        let model = crate::analytics::management::testdata::station();
        let period = crate::analytics::period::Period::new(
            crate::analytics::period::Month::new(2026, 3).unwrap(),
        );
        let config = crate::config::Config::default();
        let tables = crate::analytics::management::tables(&model, &config, period).unwrap();
        for (stem, df) in &tables {
            assert!(
                lookup(Lang::Ru, &format!("sheet.{stem}")).is_some(),
                "sheet.{stem}"
            );
            for name in df.get_column_names() {
                assert!(
                    lookup(Lang::Ru, &format!("col.{name}")).is_some(),
                    "col.{name}"
                );
            }
        }
        for metric in crate::analytics::management::kpi::METRICS {
            assert!(
                lookup(Lang::Ru, &format!("metric.{metric}")).is_some(),
                "{metric}"
            );
        }
    }
}
