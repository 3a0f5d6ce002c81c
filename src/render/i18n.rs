//! Every word the reader sees, in English and Russian: sheet names, column labels, KPI
//! names, chart titles and the page's headings. One table keyed by a dotted name, so a new
//! section adds its labels here and nowhere else; a key missing from the table falls back
//! to a readable form of the key itself, so a new table still renders.

use crate::cli::Lang;

/// (key, English, Russian). Keys: `sheet.<stem>` (≤ 31 characters in both languages, the
/// workbook's limit), `col.<column>`, `metric.<kpi>`, `chart.<id>`, `ui.<word>`.
const WORDS: &[(&str, &str, &str)] = &[
    // Sheets, one per table stem, and the fixed ones.
    ("sheet.summary", "Summary", "Сводка"),
    ("sheet.definitions", "Definitions", "Определения"),
    ("sheet.data_issues", "Data issues", "Проблемы данных"),
    ("sheet.monthly", "Monthly", "По месяцам"),
    ("sheet.kpi", "KPI", "Показатели"),
    ("sheet.managers", "Managers", "Менеджеры"),
    ("sheet.mechanics", "Mechanics", "Механики"),
    ("sheet.channels", "Channels", "Каналы"),
    ("sheet.agents", "Agents", "Агенты"),
    ("sheet.quality", "Quality", "Качество"),
    ("sheet.turnaround", "Turnaround", "Срок ремонта"),
    ("sheet.comebacks", "Comebacks", "Возвраты"),
    ("sheet.no_shows", "No-shows", "Неявки"),
    ("sheet.load_weekly", "Load", "Загрузка"),
    ("sheet.feedback", "Feedback", "Отзывы"),
    ("sheet.demand_monthly", "Demand", "Спрос"),
    ("sheet.prices", "Prices", "Цены"),
    ("sheet.cohorts", "Retention", "Удержание"),
    ("sheet.loyalty", "Loyalty", "Лояльность"),
    ("sheet.service_due", "Service due", "Пора на ТО"),
    ("sheet.greetings", "Greetings", "Поздравления"),
    ("sheet.winback", "Win-back", "Возврат клиентов"),
    ("sheet.declined_work", "Declined work", "Отказанные работы"),
    ("sheet.forecast", "Forecast", "Прогноз"),
    // Columns of the management tables and of the rejects.
    ("col.metric", "Metric", "Показатель"),
    ("col.month", "Month", "Месяц"),
    ("col.value", "Value", "Значение"),
    ("col.manager", "Manager", "Менеджер"),
    ("col.mechanic", "Mechanic", "Механик"),
    ("col.channel", "Channel", "Канал"),
    ("col.agent_id", "Agent ID", "Код агента"),
    ("col.name", "Name", "Имя"),
    ("col.visits", "Visits", "Визиты"),
    ("col.clients", "Clients", "Клиенты"),
    (
        "col.referred_clients",
        "Referred clients",
        "Приведённые клиенты",
    ),
    ("col.revenue", "Revenue", "Выручка"),
    ("col.labour_revenue", "Labour revenue", "Выручка по работам"),
    ("col.aro", "Average order", "Средний чек"),
    ("col.retention_12m", "Retention 12 m", "Удержание 12 мес"),
    ("col.on_time_rate", "On time", "Вовремя"),
    ("col.comeback_rate", "Comeback rate", "Доля возвратов"),
    ("col.feedback_mean", "Mean score", "Средняя оценка"),
    ("col.norm_hours", "Norm hours", "Нормочасы"),
    ("col.comebacks", "Comebacks", "Возвраты"),
    ("col.share", "Share", "Доля"),
    ("col.repeat_rate", "Repeat rate", "Доля повторных"),
    ("col.commission_pct", "Commission %", "Комиссия, %"),
    ("col.commission", "Commission", "Комиссия"),
    ("col.with_promise", "With promise", "Со сроком"),
    ("col.on_time", "On time (visits)", "Вовремя (визиты)"),
    ("col.no_shows", "No-shows", "Неявки"),
    ("col.no_show_rate", "No-show rate", "Доля неявок"),
    ("col.closed", "Closed", "Закрыто"),
    (
        "col.turnaround_mean_hours",
        "Mean turnaround, h",
        "Средний срок, ч",
    ),
    (
        "col.turnaround_median_hours",
        "Median turnaround, h",
        "Медианный срок, ч",
    ),
    ("col.bucket", "Turnaround", "Срок"),
    ("col.from_hours", "From, h", "От, ч"),
    ("col.to_hours", "To, h", "До, ч"),
    (
        "col.cumulative_share",
        "Cumulative share",
        "Накопленная доля",
    ),
    ("col.visit_id", "Visit", "Визит"),
    ("col.vehicle", "Vehicle", "Автомобиль"),
    ("col.date", "Date", "Дата"),
    ("col.comeback_visit_id", "Comeback visit", "Визит-возврат"),
    ("col.comeback_date", "Comeback date", "Дата возврата"),
    ("col.days", "Days", "Дней"),
    ("col.client_id", "Client", "Клиент"),
    ("col.week", "Week", "Неделя"),
    ("col.capacity_hours", "Capacity, h", "Мощность, ч"),
    ("col.load", "Load", "Загрузка"),
    ("col.scale", "Scale", "Шкала"),
    ("col.responses", "Responses", "Ответы"),
    ("col.mean", "Mean", "Среднее"),
    ("col.promoters", "Promoters", "Промоутеры"),
    ("col.passives", "Passives", "Нейтральные"),
    ("col.detractors", "Detractors", "Критики"),
    ("col.nps", "NPS", "NPS"),
    ("col.table", "Table", "Таблица"),
    ("col.file", "File", "Файл"),
    ("col.sheet", "Sheet", "Лист"),
    ("col.row", "Row", "Строка"),
    ("col.column", "Column", "Столбец"),
    ("col.reason", "Reason", "Причина"),
    ("col.rows", "Rows", "Строк"),
    ("col.message", "Message", "Сообщение"),
    ("col.definition", "Definition", "Определение"),
    // The KPIs.
    ("metric.visits", "Visits", "Визиты"),
    ("metric.car_count", "Cars", "Автомобили"),
    ("metric.unique_clients", "Clients", "Клиенты"),
    ("metric.new_clients", "New clients", "Новые клиенты"),
    ("metric.revenue", "Revenue", "Выручка"),
    (
        "metric.revenue_labour",
        "Labour revenue",
        "Выручка по работам",
    ),
    (
        "metric.revenue_parts",
        "Parts revenue",
        "Выручка по запчастям",
    ),
    ("metric.aro", "Average repair order", "Средний чек"),
    ("metric.gross_profit", "Gross profit", "Валовая прибыль"),
    ("metric.gp_margin", "Gross margin", "Валовая маржа"),
    (
        "metric.elr",
        "Effective labour rate",
        "Эффективная ставка нормочаса",
    ),
    (
        "metric.hours_per_visit",
        "Norm hours per visit",
        "Нормочасов на визит",
    ),
    (
        "metric.close_ratio",
        "Close ratio",
        "Доля согласованных работ",
    ),
    ("metric.no_shows", "No-shows", "Неявки"),
    (
        "metric.on_time_rate",
        "On-time rate",
        "Доля сданных вовремя",
    ),
    ("metric.comeback_rate", "Comeback rate", "Доля возвратов"),
    (
        "metric.feedback_mean",
        "Mean feedback score",
        "Средняя оценка клиентов",
    ),
    // Charts.
    (
        "chart.revenue_24m",
        "Revenue, last 24 months",
        "Выручка за 24 месяца",
    ),
    (
        "chart.visits_24m",
        "Visits, last 24 months",
        "Визиты за 24 месяца",
    ),
    (
        "chart.load_weekly",
        "Bay load by week",
        "Загрузка постов по неделям",
    ),
    ("chart.turnaround", "Turnaround of visits", "Сроки ремонта"),
    // Page and workbook words.
    ("ui.report", "Management report", "Управленческий отчёт"),
    ("ui.month", "Month", "Месяц"),
    ("ui.as_of", "as of", "на"),
    ("ui.station", "Station", "Станция"),
    ("ui.currency", "Currency", "Валюта"),
    ("ui.change_prev", "Change vs M−1", "Изменение к М−1"),
    ("ui.change_year", "Change vs M−12", "Изменение к М−12"),
    ("ui.contents", "Contents", "Содержание"),
    ("ui.charts", "Charts", "Графики"),
    ("ui.rejects", "Rejected rows", "Отклонённые строки"),
    ("ui.warnings", "Warnings", "Предупреждения"),
    ("ui.none", "None.", "Нет."),
    ("ui.top", "Back to contents", "К содержанию"),
    ("ui.pp", "pp", "п.п."),
    ("ui.rows_shown", "rows shown of", "строк показано из"),
    ("ui.stage_ingest", "reading the data", "чтение данных"),
    (
        "ui.stage_sections",
        "computing the sections",
        "расчёт разделов",
    ),
    ("ui.stage_charts", "charts", "графики"),
    ("ui.stage_workbook", "workbook", "книга Excel"),
    ("ui.stage_html", "page", "страница"),
];

/// The word for `key` in `lang`, or `None` when the table does not have it.
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    WORDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, ru)| match lang {
            Lang::En => *en,
            Lang::Ru => *ru,
        })
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
        for (i, (key, en, ru)) in WORDS.iter().enumerate() {
            assert!(!WORDS[..i].iter().any(|(k, _, _)| k == key), "{key} twice");
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
