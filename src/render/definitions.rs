//! The formula behind every figure, in words, for the Definitions sheet and the page: users
//! disagree on KPI definitions, so the report states its own (the same as
//! `docs/definitions.md`), in both languages.

use crate::cli::Lang;

/// (name, English, Russian): the KPIs first, then the words the tables lean on.
const DEFINITIONS: &[(&str, &str, &str)] = &[
    ("visits", "Number of done visits in the month (an empty status counts as done).", "Число выполненных визитов за месяц (пустой статус считается выполненным)."),
    ("car_count", "Number of distinct vehicles among the month's visits (VIN, else normalised plate, else client + brand).", "Число разных автомобилей среди визитов месяца (VIN, иначе нормализованный госномер, иначе клиент + марка)."),
    ("unique_clients", "Number of distinct clients among the month's visits.", "Число разных клиентов среди визитов месяца."),
    ("new_clients", "Clients whose first done visit ever is in the month.", "Клиенты, чей первый выполненный визит за всё время пришёлся на этот месяц."),
    ("revenue", "Sum of the amounts of the sold (not declined) lines of the month's visits.", "Сумма по проданным (не отказанным) строкам заказ-нарядов визитов месяца."),
    ("revenue_labour", "The same over sold labour lines.", "То же по проданным работам."),
    ("revenue_parts", "The same over sold part lines.", "То же по проданным запчастям."),
    ("aro", "Average repair order: revenue / the number of visits with at least one sold line.", "Средний чек: выручка / число визитов хотя бы с одной проданной строкой."),
    ("gross_profit", "Sum of (amount − cost) over the sold lines that have a cost; empty when none has a cost.", "Сумма (сумма − себестоимость) по проданным строкам, у которых указана себестоимость; пусто, если таких нет."),
    ("gp_margin", "Gross profit / the sum of the amounts of the same lines.", "Валовая прибыль / сумма тех же строк."),
    ("elr", "Effective labour rate: labour revenue / the norm hours of all sold lines.", "Эффективная ставка: выручка по работам / нормочасы всех проданных строк."),
    ("hours_per_visit", "Norm hours of the sold lines / visits.", "Нормочасы проданных строк / число визитов."),
    ("close_ratio", "Revenue / (revenue + the amounts of declined lines).", "Выручка / (выручка + сумма отказанных строк)."),
    ("no_shows", "Number of visits with status no_show dated in the month.", "Число визитов месяца со статусом «неявка»."),
    ("on_time_rate", "Of the visits with both a closing and a promised time, the share closed by the promise.", "Из визитов, где известны и время закрытия, и обещанный срок, доля закрытых в срок."),
    ("comeback_rate", "Share of the visits followed by a warranty event on the same vehicle 1 to 30 days later.", "Доля визитов, после которых в течение 1–30 дней на том же автомобиле был гарантийный случай."),
    ("feedback_mean", "Plain mean of the feedback scores of the month's visits, on the data's own scale.", "Простое среднее оценок клиентов по визитам месяца, в шкале данных."),
    ("change", "Change of a count or an amount: M / the compared month − 1; of a rate: the difference in percentage points.", "Изменение количества или суммы: М / месяц сравнения − 1; доли — разность в процентных пунктах."),
    ("empty", "An empty figure has a zero denominator or nothing to compute from.", "Пустое значение: знаменатель равен нулю или не из чего считать."),
    ("retention_12m", "Of a manager's clients of months M−23 … M−12, the share with a done visit in M−11 … M.", "Из клиентов менеджера за месяцы М−23 … М−12 доля тех, кто приезжал в М−11 … М."),
    ("load", "Bay load: norm hours of the week's days in the month / (bays × hours per day × days per week × days / 7).", "Загрузка постов: нормочасы дней недели внутри месяца / (посты × часов в день × дней в неделю × дни / 7)."),
    ("nps", "Net promoter score on a 0–10 scale: 100 × (promoters (9–10) − detractors (0–6)) / responses.", "Индекс NPS по шкале 0–10: 100 × (промоутеры (9–10) − критики (0–6)) / ответы."),
];

/// Every definition as (name, text) in `lang`, in the order above.
pub fn all(lang: Lang) -> Vec<(&'static str, &'static str)> {
    DEFINITIONS
        .iter()
        .map(|(name, en, ru)| (*name, if lang == Lang::En { *en } else { *ru }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_defined_word_has_its_label_in_both_languages() {
        // The Definitions sheet labels each row by `metric.<name>`; without it a Russian
        // workbook showed "Change" and "Nps".
        for (name, _, _) in DEFINITIONS {
            for lang in [Lang::En, Lang::Ru] {
                let key = format!("metric.{name}");
                assert!(crate::render::i18n::lookup(lang, &key).is_some(), "{key}");
            }
        }
    }

    #[test]
    fn every_kpi_is_defined_in_both_languages() {
        for metric in crate::analytics::management::kpi::METRICS {
            for lang in [Lang::En, Lang::Ru] {
                assert!(
                    all(lang).iter().any(|(n, t)| *n == metric && !t.is_empty()),
                    "{metric}"
                );
            }
        }
    }
}
