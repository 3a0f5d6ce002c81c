//! The reader's words for the coded values the tables carry (a loyalty status, a channel, an
//! RFM segment). The CSV tables keep the codes of SPEC §5.1, which programs read; the
//! workbook, the page and the charts are read by people, so a Russian head of service sees
//! «Ещё один визит» where the contract says `one_away`.

use crate::cli::Lang;

/// (column, code, English, Russian). A code is looked up under the column it appears in,
/// so `other` can be «Прочее» as a category and as a channel without the two meaning one
/// thing. Categories and list names are not here: they are the `col.*` and `sheet.*`
/// words already (see [`value`]).
const VALUES: &[(&str, &str, &str, &str)] = &[
    // Channels (SPEC §2).
    ("channel", "walk_in", "Walk-in", "Самотёк"),
    ("channel", "booking", "Booking", "Запись"),
    ("channel", "home", "At home", "Выезд"),
    ("channel", "subscription", "Subscription", "Абонемент"),
    ("channel", "fleet", "Fleet", "Корпоративные"),
    ("channel", "warranty", "Warranty", "Гарантия"),
    (
        "channel",
        "self_service",
        "Self-service",
        "Самообслуживание",
    ),
    ("channel", "agent", "Agent", "Агент"),
    ("channel", "other", "Other", "Прочее"),
    // Loyalty (SPEC §5.1 `loyalty.csv`) and service reminders (`service_due.csv`).
    ("status", "regular", "Regular", "Постоянный"),
    ("status", "losing", "Losing the status", "Теряет статус"),
    ("status", "one_away", "One visit away", "Ещё один визит"),
    ("status", "overdue", "Overdue", "Просрочено"),
    ("status", "upcoming", "Upcoming", "Скоро"),
    ("brand_group", "domestic", "Domestic", "Отечественные"),
    ("brand_group", "foreign", "Foreign", "Иномарки"),
    // Prices (SPEC §4 *Prices*).
    ("position", "above", "Above", "Выше"),
    ("position", "at", "At the market", "На уровне рынка"),
    ("position", "below", "Below", "Ниже"),
    // RFM segments.
    ("segment", "Champions", "Champions", "Чемпионы"),
    ("segment", "Loyal", "Loyal", "Лояльные"),
    (
        "segment",
        "Potential loyalist",
        "Potential loyalist",
        "Потенциально лояльные",
    ),
    ("segment", "New", "New", "Новые"),
    ("segment", "Promising", "Promising", "Перспективные"),
    (
        "segment",
        "Need attention",
        "Need attention",
        "Требуют внимания",
    ),
    ("segment", "About to sleep", "About to sleep", "Засыпающие"),
    ("segment", "Can't lose", "Can't lose", "Нельзя потерять"),
    ("segment", "At risk", "At risk", "Под угрозой"),
    ("segment", "Hibernating", "Hibernating", "Спящие"),
    ("segment", "Lost", "Lost", "Потерянные"),
    // The forecast's method and the win-back ranking's.
    (
        "method",
        "holt_winters_additive",
        "Holt-Winters, additive season",
        "Хольт — Уинтерс, аддитивная сезонность",
    ),
    (
        "method",
        "holt_winters_additive_trend",
        "Holt-Winters with trend, additive season",
        "Хольт — Уинтерс с трендом, аддитивная сезонность",
    ),
    (
        "method",
        "seasonal_naive (history < 24 months)",
        "Seasonal naive (history under 24 months)",
        "Сезонный наивный (история меньше 24 месяцев)",
    ),
    (
        "method",
        "mean (history < 12 months)",
        "Mean (history under 12 months)",
        "Среднее (история меньше 12 месяцев)",
    ),
    (
        "method",
        "clv",
        "By customer lifetime value",
        "По ценности клиента (CLV)",
    ),
    ("method", "revenue", "By revenue", "По выручке"),
    // Turnaround buckets (hours and days).
    ("bucket", "0-1h", "0–1 h", "0–1 ч"),
    ("bucket", "1-2h", "1–2 h", "1–2 ч"),
    ("bucket", "2-4h", "2–4 h", "2–4 ч"),
    ("bucket", "4-8h", "4–8 h", "4–8 ч"),
    ("bucket", "8-24h", "8–24 h", "8–24 ч"),
    ("bucket", "1-2d", "1–2 days", "1–2 дн."),
    ("bucket", "2-3d", "2–3 days", "2–3 дн."),
    ("bucket", "3-7d", "3–7 days", "3–7 дн."),
    ("bucket", "7d+", "7 days and more", "7 дн. и больше"),
];

/// The word for the code `code` of the column `column` in `lang`, or `None` when the code
/// has none (a name, an id, or a value the data brought, which is shown as it is).
///
/// Categories (`category`) take the words of the demand table's category columns
/// (`col.maintenance` …), list names (`list`) the sheet names of their lists, and the
/// greetings' occasions (`holiday`, `occasion`) the words of
/// [`crate::analytics::clients::greetings::OCCASIONS`].
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::render::i18n::value;
/// assert_eq!(value(Lang::Ru, "status", "one_away"), Some("Ещё один визит"));
/// assert_eq!(value(Lang::Ru, "category", "tires"), Some("Шиномонтаж"));
/// assert_eq!(value(Lang::En, "list", "service_due"), Some("Service due"));
/// assert_eq!(value(Lang::Ru, "client_id", "КЛ-000001"), None);
/// assert_eq!(value(Lang::Ru, "occasion", "birthday"), Some("День рождения"));
/// assert_eq!(value(Lang::En, "holiday", "День станции"), None); // the station's own
/// ```
pub fn value(lang: Lang, column: &str, code: &str) -> Option<&'static str> {
    match column {
        "category" => super::lookup(lang, &format!("col.{code}")),
        "list" => super::lookup(lang, &format!("sheet.{code}")),
        "holiday" | "occasion" => crate::analytics::clients::greetings::occasion_word(lang, code),
        _ => VALUES
            .iter()
            .find(|(c, k, _, _)| *c == column && *k == code)
            .map(|(_, _, en, ru)| match lang {
                Lang::En => *en,
                Lang::Ru => *ru,
            }),
    }
}

/// Whether the column carries codes that [`value`] has words for.
pub(super) fn is_coded(column: &str) -> bool {
    matches!(column, "category" | "list" | "holiday" | "occasion")
        || VALUES.iter().any(|(c, _, _, _)| *c == column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_with_both_words() {
        for (i, (column, code, en, ru)) in VALUES.iter().enumerate() {
            assert!(
                !VALUES[..i]
                    .iter()
                    .any(|(c, k, _, _)| c == column && k == code),
                "{column}.{code} twice"
            );
            assert!(!en.is_empty() && !ru.is_empty(), "{column}.{code}");
        }
    }

    #[test]
    fn the_codes_of_the_analytics_all_have_words() {
        use crate::analytics::management::quality::TURNAROUND_BUCKETS;
        for (_, _, bucket) in TURNAROUND_BUCKETS {
            assert!(value(Lang::Ru, "bucket", bucket).is_some(), "{bucket}");
        }
        use crate::ingest::normalize::canonical_values;
        use crate::schema::EnumKind;
        for category in canonical_values(EnumKind::Category) {
            assert!(
                value(Lang::Ru, "category", category).is_some(),
                "{category}"
            );
        }
        for channel in canonical_values(EnumKind::Channel) {
            assert!(value(Lang::Ru, "channel", channel).is_some(), "{channel}");
        }
        use crate::analytics::demand::forecast::Method;
        let methods = [
            Method::HoltWinters { trend: true },
            Method::HoltWinters { trend: false },
            Method::SeasonalNaive,
            Method::Mean,
        ];
        for method in methods {
            assert!(
                value(Lang::Ru, "method", method.label()).is_some(),
                "{method:?}"
            );
        }
        for list in [
            "loyalty",
            "service_due",
            "greetings",
            "winback",
            "declined_work",
        ] {
            assert!(value(Lang::Ru, "list", list).is_some(), "{list}");
        }
    }

    #[test]
    fn a_code_is_read_under_its_own_column() {
        assert_eq!(value(Lang::Ru, "channel", "other"), Some("Прочее"));
        assert_eq!(value(Lang::Ru, "status", "other"), None);
        assert_eq!(value(Lang::En, "segment", "Can't lose"), Some("Can't lose"));
        assert!(is_coded("segment") && is_coded("category") && !is_coded("name"));
    }
}
