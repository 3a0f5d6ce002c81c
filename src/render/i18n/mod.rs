//! Every word the reader sees, in English and Russian: sheet names, column labels, KPI
//! names, chart titles and the page's headings. One table keyed by a dotted name, so a new
//! section adds its labels here and nowhere else; a key missing from the table falls back
//! to a readable form of the key itself, so a new table still renders.

use crate::cli::Lang;

mod reasons;
mod values;

pub use reasons::{reason, warning};
pub use values::value;

/// Whether the cells of a column are worded by [`word`]: coded values, the rejected rows'
/// reasons, and the tables they come from.
///
/// ```
/// use stoa::render::i18n::is_coded;
/// assert!(is_coded("status") && is_coded("reason"));
/// assert!(!is_coded("client_id"));
/// ```
pub fn is_coded(column: &str) -> bool {
    matches!(column, "reason" | "table") || values::is_coded(column)
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
        "table" if lang == Lang::Ru => crate::schema::Table::ALL
            .into_iter()
            .find(|t| t.name() == text)
            .map(|t| t.russian_name().to_string()),
        "table" => None,
        _ => value(lang, column, text).map(str::to_string),
    }
}

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
    (
        "sheet.demand_by_category",
        "Demand by category",
        "Спрос по видам работ",
    ),
    ("sheet.prices", "Prices", "Цены"),
    ("sheet.cohorts", "Retention", "Удержание"),
    ("sheet.loyalty", "Loyalty", "Лояльность"),
    ("sheet.service_due", "Service due", "Пора на ТО"),
    ("sheet.greetings", "Greetings", "Поздравления"),
    ("sheet.winback", "Win-back", "Возврат клиентов"),
    ("sheet.declined_work", "Declined work", "Отказанные работы"),
    ("sheet.forecast", "Forecast", "Прогноз"),
    ("sheet.activity", "Activity", "Активность"),
    (
        "sheet.demand_bay_load",
        "Bay load by month",
        "Загрузка по месяцам",
    ),
    (
        "sheet.demand_brand_mix",
        "Brand mix",
        "Марки: отеч. и иномарки",
    ),
    (
        "sheet.demand_clients",
        "New and returning",
        "Новые и повторные",
    ),
    ("sheet.demand_forecast", "Forecast", "Прогноз"),
    ("sheet.demand_load", "Weekday x hour", "День недели x час"),
    ("sheet.demand_seasonality", "Seasonality", "Сезонность"),
    ("sheet.demand_top_makes", "Top makes", "Ведущие марки"),
    ("sheet.demand_yoy", "Year over year", "Год к году"),
    ("sheet.holidays", "Holidays", "Праздники"),
    (
        "sheet.lists_greetings",
        "Greetings lists",
        "Списки поздравлений",
    ),
    ("sheet.lists_loyalty", "Loyalty lists", "Списки лояльности"),
    (
        "sheet.lists_service_due",
        "Reminder lists",
        "Списки напоминаний",
    ),
    ("sheet.lists_winback", "Win-back lists", "Списки возврата"),
    ("sheet.loyalty_clv", "Loyalty and CLV", "Лояльность и CLV"),
    ("sheet.loyalty_tiers", "Discount tiers", "Шкала скидок"),
    (
        "sheet.prices_competitors",
        "Competitors over time",
        "Конкуренты по месяцам",
    ),
    ("sheet.prices_summary", "Price index", "Индекс цен"),
    (
        "sheet.prices_unmatched",
        "Unmatched prices",
        "Цены без услуги",
    ),
    ("sheet.rejects", "Rejected rows", "Отклонённые строки"),
    ("sheet.retention_12m", "Retention 12 m", "Удержание 12 мес"),
    ("sheet.rfm", "RFM", "RFM"),
    ("sheet.rfm_segments", "RFM segments", "RFM-сегменты"),
    (
        "sheet.winback_ranking",
        "Win-back ranking",
        "Порядок обзвона",
    ),
    // Columns of the management tables and of the rejects.
    ("col.metric", "Metric", "Показатель"),
    // The categories of SPEC §2, as columns of demand_by_category.
    ("col.wash", "Wash", "Мойка"),
    ("col.maintenance", "Maintenance", "ТО"),
    ("col.diagnostics", "Diagnostics", "Диагностика"),
    ("col.repair", "Repair", "Ремонт"),
    ("col.tires", "Tyres", "Шиномонтаж"),
    ("col.body", "Body", "Кузовной ремонт"),
    ("col.electrical", "Electrical", "Электрика"),
    ("col.parts", "Parts", "Запчасти"),
    ("col.other", "Other", "Прочее"),
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
    // The other words the Definitions sheet defines.
    ("metric.change", "Change", "Изменение"),
    ("metric.empty", "Empty figure", "Пустое значение"),
    ("metric.retention_12m", "Retention 12 m", "Удержание 12 мес"),
    ("metric.load", "Bay load", "Загрузка постов"),
    ("metric.nps", "NPS", "NPS"),
    ("col.active", "Active", "Активные"),
    ("col.amount", "Amount", "Сумма"),
    ("col.at_risk", "At risk", "Под угрозой"),
    (
        "col.avg_order_12m",
        "Average order 12 m",
        "Средний чек 12 мес",
    ),
    ("col.band", "Band", "Диапазон"),
    ("col.base_clients", "Base clients", "Клиенты базы"),
    ("col.base_from", "Base from", "База с"),
    ("col.base_to", "Base to", "База по"),
    ("col.bought_here", "Bought here", "Куплен у нас"),
    ("col.brand", "Brand", "Марка"),
    ("col.brand_group", "Brand group", "Группа марок"),
    ("col.category", "Category", "Категория"),
    ("col.clv", "CLV", "CLV"),
    ("col.cohort", "Cohort", "Когорта"),
    ("col.competitor", "Competitor", "Конкурент"),
    ("col.competitors", "Competitors", "Конкурентов"),
    ("col.consenting", "Consenting", "С согласием"),
    ("col.days_since", "Days since", "Дней прошло"),
    ("col.description", "Description", "Наименование"),
    ("col.discount_pct", "Discount, %", "Скидка, %"),
    ("col.domestic", "Domestic", "Отечественная"),
    ("col.due_date", "Due date", "Срок"),
    ("col.f", "F", "F"),
    ("col.forecast", "Forecast", "Прогноз"),
    ("col.frequency", "Frequency", "Частота"),
    ("col.history_months", "History, months", "История, мес"),
    ("col.holiday", "Holiday", "Праздник"),
    ("col.hour", "Hour", "Час"),
    ("col.index", "Index", "Индекс"),
    ("col.k", "Months after", "Месяцев спустя"),
    ("col.km_per_day", "Km per day", "Км в день"),
    ("col.lapsed", "Lapsed", "Ушедшие"),
    ("col.last_date", "Last date", "Последняя дата"),
    ("col.last_odometer", "Last odometer", "Последний пробег"),
    ("col.last_visit", "Last visit", "Последний визит"),
    ("col.left_out", "Left out (no consent)", "Без согласия"),
    ("col.list", "List", "Список"),
    ("col.lost", "Lost", "Потерянные"),
    ("col.m", "M", "M"),
    ("col.mape", "MAPE", "MAPE"),
    (
        "col.mape_seasonal_naive",
        "MAPE, seasonal naive",
        "MAPE, сезонный наивный",
    ),
    ("col.max", "Max", "Макс."),
    ("col.max_order", "Max order", "Заказ до"),
    ("col.mean_index", "Mean index", "Средний индекс"),
    ("col.mean_visits", "Mean visits", "Среднее визитов"),
    ("col.median", "Median", "Медиана"),
    (
        "col.median_gap_days",
        "Median gap, days",
        "Медианный интервал, дн.",
    ),
    ("col.method", "Method", "Метод"),
    ("col.min", "Min", "Мин."),
    ("col.min_order", "Min order", "Заказ от"),
    ("col.monetary", "Monetary", "Сумма"),
    ("col.month_of_year", "Month of year", "Месяц года"),
    ("col.new_clients", "New clients", "Новые клиенты"),
    ("col.note", "Note", "Примечание"),
    ("col.observations", "Observations", "Наблюдений"),
    ("col.observed_at", "Observed", "Дата наблюдения"),
    ("col.occasion", "Occasion", "Повод"),
    ("col.our_price", "Our price", "Наша цена"),
    ("col.overall_index", "Overall index", "Общий индекс"),
    ("col.p_alive", "P(alive)", "P(активен)"),
    ("col.position", "Position", "Позиция"),
    ("col.price", "Price", "Цена"),
    ("col.price_index", "Price index", "Индекс цены"),
    ("col.priority", "Priority", "Приоритет"),
    ("col.r", "R", "R"),
    ("col.rank", "Rank", "Место"),
    ("col.recency_days", "Recency, days", "Давность, дн."),
    ("col.retained", "Retained", "Удержано"),
    ("col.retention", "Retention", "Удержание"),
    ("col.returned", "Returned", "Вернулись"),
    (
        "col.returning_clients",
        "Returning clients",
        "Повторные клиенты",
    ),
    ("col.revenue_12m", "Revenue 12 m", "Выручка 12 мес"),
    ("col.revenue_change", "Revenue change", "Изменение выручки"),
    ("col.revenue_gap", "Revenue gap", "Разрыв выручки"),
    (
        "col.revenue_prev_12m",
        "Revenue, previous 12 m",
        "Выручка, пред. 12 мес",
    ),
    ("col.segment", "Segment", "Сегмент"),
    ("col.service_code", "Service code", "Код работы"),
    ("col.services", "Services", "Услуг"),
    ("col.services_priced", "Services priced", "Услуг с ценами"),
    ("col.size", "Size", "Размер"),
    ("col.status", "Status", "Статус"),
    ("col.threshold_days", "Threshold, days", "Порог, дн."),
    ("col.visits_12m", "Visits 12 m", "Визиты 12 мес"),
    ("col.visits_change", "Visits change", "Изменение визитов"),
    ("col.visits_new", "Visits of new clients", "Визиты новых"),
    (
        "col.visits_prev_12m",
        "Visits, previous 12 m",
        "Визиты, пред. 12 мес",
    ),
    (
        "col.visits_returning",
        "Visits of returning clients",
        "Визиты повторных",
    ),
    ("col.volume_12m", "Volume 12 m", "Объём 12 мес"),
    ("col.weekday", "Weekday", "День недели"),
    ("col.with_bonus_pct", "With bonus, %", "С бонусом, %"),
    ("col.years", "Years", "Лет"),
    // Charts.
    (
        "chart.demand_by_category",
        "Visits by category and month",
        "Визиты по видам работ и месяцам",
    ),
    (
        "chart.demand_bay_load",
        "Bay load by month",
        "Загрузка постов по месяцам",
    ),
    (
        "chart.price_index",
        "Price index by service (100 = market median)",
        "Индекс цен по услугам (100 = медиана рынка)",
    ),
    (
        "chart.demand_yoy",
        "Visits by category, change year over year",
        "Визиты по категориям: изменение за год",
    ),
    (
        "chart.activity",
        "Active clients by month",
        "Активные клиенты по месяцам",
    ),
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
    // `stoa check`'s readable accounting (its English is the tool's own, lower case).
    ("check.table", "table", "таблица"),
    ("check.source", "source", "источник"),
    ("check.read", "read", "прочитано"),
    ("check.accepted", "accepted", "принято"),
    ("check.rejected", "rejected", "отклонено"),
    ("check.money_read", "money read", "сумма прочитанных"),
    (
        "check.money_rejected",
        "money rejected",
        "сумма отклонённых",
    ),
    ("check.sheet", "sheet", "лист"),
    ("check.row", "row", "строка"),
    ("check.column", "column", "столбец"),
    ("check.value", "value", "значение"),
    ("check.reason", "reason", "причина"),
    ("check.warnings", "Warnings:", "Предупреждения:"),
    (
        "check.no_rejects",
        "No rows were rejected.",
        "Отклонённых строк нет.",
    ),
    (
        "check.rejected_first",
        "{} row(s) rejected; the first {}:",
        "Отклонено строк: {}; первые {}:",
    ),
    (
        "check.every_in",
        "Every rejected row is in {}.",
        "Все отклонённые строки записаны в {}.",
    ),
    (
        "check.hint",
        "Run with --rejects FILE to write every rejected row to a CSV file.",
        "Запустите с --rejects ФАЙЛ, чтобы записать все отклонённые строки в CSV-файл.",
    ),
    ("ui.warnings", "Warnings", "Предупреждения"),
    ("ui.none", "None.", "Нет."),
    ("ui.top", "Back to contents", "К содержанию"),
    ("ui.pp", "pp", "п.п."),
    ("ui.rows_shown", "rows shown of", "строк показано из"),
    ("ui.rows", "rows", "строки"),
    ("ui.yes", "yes", "да"),
    ("ui.no", "no", "нет"),
    ("ui.of", "of", "из"),
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
