//! The formula behind every figure, in words, for the Definitions sheet and the page: users
//! disagree on KPI definitions, so the report states its own (the same as
//! `docs/definitions.md`), in both languages, with the settings of `stoa.toml` it was
//! made with: a definition that quoted the defaults ("4 visits … or loyalty.min_visits")
//! misstated every report whose stoa.toml changed them.

use crate::analytics::clients::{loyalty::LOSING_LOOKAHEAD_DAYS, winback::ONE_VISIT_GAP_DAYS};
use crate::analytics::clv::ScoreOptions;
use crate::analytics::prices::VOLUME_DAYS;
use crate::cli::Lang;
use crate::config::Config;

/// The settings of `stoa.toml` the definitions quote, as the report used them (a
/// station's report: the station's capacity).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// `loyalty.window_days`.
    pub window_days: i64,
    /// `loyalty.min_visits`.
    pub min_visits: u32,
    /// `reminders.horizon_days`.
    pub horizon_days: i64,
    /// `reminders.max_overdue_days`.
    pub max_overdue_days: i64,
    /// `reminders.default_km_per_day`.
    pub default_km_per_day: f64,
    /// `reminders.winback_min_gap_days`.
    pub winback_min_gap_days: i64,
    /// `competitors.max_age_days`.
    pub max_age_days: i64,
    /// `capacity.bays`.
    pub bays: u32,
    /// `capacity.hours_per_day`.
    pub hours_per_day: f64,
    /// `capacity.days_per_week`.
    pub days_per_week: u32,
}

impl Settings {
    /// The settings of `config`.
    pub fn of(config: &Config) -> Settings {
        Settings {
            window_days: config.loyalty.window_days,
            min_visits: config.loyalty.min_visits,
            horizon_days: config.reminders.horizon_days,
            max_overdue_days: config.reminders.max_overdue_days,
            default_km_per_day: config.reminders.default_km_per_day,
            winback_min_gap_days: config.reminders.winback_min_gap_days,
            max_age_days: config.competitors.max_age_days,
            bays: config.capacity.bays,
            hours_per_day: config.capacity.hours_per_day,
            days_per_week: config.capacity.days_per_week,
        }
    }

    /// The fields of the texts (`{window}`) and what they say in `lang`.
    fn said(&self, lang: Lang) -> Vec<(&'static str, String)> {
        let days = |n: i64| days_text(lang, n);
        let discount = ScoreOptions::default().monthly_discount * 100.0;
        vec![
            ("{window}", days(self.window_days)),
            ("{min_visits}", visits_text(lang, self.min_visits)),
            ("{losing}", days(LOSING_LOOKAHEAD_DAYS)),
            ("{horizon}", days(self.horizon_days)),
            ("{max_overdue}", days(self.max_overdue_days)),
            ("{km_per_day}", number(lang, self.default_km_per_day)),
            ("{min_gap}", days(self.winback_min_gap_days)),
            ("{one_visit}", days(ONE_VISIT_GAP_DAYS)),
            ("{max_age}", days(self.max_age_days)),
            ("{volume}", days(VOLUME_DAYS)),
            ("{bays}", self.bays.to_string()),
            ("{hours}", number(lang, self.hours_per_day)),
            ("{week}", week_text(lang, self.days_per_week)),
            ("{days_per_week}", self.days_per_week.to_string()),
            // 1% in English, 1 % in Russian.
            (
                "{discount}",
                match lang {
                    Lang::En => format!("{}%", number(lang, discount)),
                    Lang::Ru => format!("{}\u{a0}%", number(lang, discount)),
                },
            ),
        ]
    }
}

impl Default for Settings {
    /// The settings of a report without a `stoa.toml`.
    fn default() -> Settings {
        Settings::of(&Config::default())
    }
}

/// The Russian form of a count: `one` for 1, 21, 31 …, `few` for 2–4, 22–24 …, `many`
/// for the rest (5–20, 25–30 …).
fn russian_form<'w>(n: i64, one: &'w str, few: &'w str, many: &'w str) -> &'w str {
    let (m10, m100) = (n.abs() % 10, n.abs() % 100);
    match (m10, m100) {
        (1, m) if m != 11 => one,
        (2..=4, m) if !(12..=14).contains(&m) => few,
        _ => many,
    }
}

/// `n` days as the texts say them: `365 days`, `1 day`; `365 дней`, `2 дня`, `21 день`.
fn days_text(lang: Lang, n: i64) -> String {
    match lang {
        Lang::En if n == 1 => "1 day".to_string(),
        Lang::En => format!("{n} days"),
        Lang::Ru => format!("{n} {}", russian_form(n, "день", "дня", "дней")),
    }
}

/// `n` visits: `4 visits`, `1 visit`; `4 визита`, `5 визитов`, `1 визит`.
fn visits_text(lang: Lang, n: u32) -> String {
    match lang {
        Lang::En if n == 1 => "1 visit".to_string(),
        Lang::En => format!("{n} visits"),
        Lang::Ru => format!(
            "{n} {}",
            russian_form(i64::from(n), "визит", "визита", "визитов")
        ),
    }
}

/// A setting's number: whole without decimals (`40`), else as written, with the
/// language's decimal mark (`7,5`).
fn number(lang: Lang, v: f64) -> String {
    let text = match v.fract() == 0.0 {
        true => format!("{v:.0}"),
        false => format!("{v}"),
    };
    match lang {
        Lang::En => text,
        Lang::Ru => text.replace('.', ","),
    }
}

/// The working days of a week of `days` days from Monday: `Monday to Saturday`,
/// `с понедельника по субботу`.
fn week_text(lang: Lang, days: u32) -> String {
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    // The day after «по», in the accusative.
    const RU: [&str; 7] = [
        "понедельник",
        "вторник",
        "среду",
        "четверг",
        "пятницу",
        "субботу",
        "воскресенье",
    ];
    let last = (days.clamp(1, 7) - 1) as usize;
    match (lang, last) {
        (Lang::En, 0) => "Monday only".to_string(),
        (Lang::En, _) => format!("Monday to {}", EN[last]),
        (Lang::Ru, 0) => "только понедельник".to_string(),
        (Lang::Ru, _) => format!("с понедельника по {}", RU[last]),
    }
}

/// (name, English, Russian): the KPIs first, then the words the tables lean on, then the
/// figures of the demand, price and client sections (the Definitions sheet covered only
/// the management section's). `{window}` and the like stand for a setting, said by
/// [`Settings`] in the report's language.
const DEFINITIONS: &[(&str, &str, &str)] = &[
    ("visits", "Number of done visits in the month (an empty status counts as done).", "Число выполненных визитов за месяц (пустой статус считается выполненным)."),
    ("car_count", "Number of distinct vehicles among the month's visits (VIN, else normalised plate, else client + brand).", "Число разных автомобилей среди визитов месяца (VIN, иначе нормализованный госномер, иначе клиент + марка)."),
    ("unique_clients", "Number of distinct clients among the month's visits.", "Число разных клиентов среди визитов месяца."),
    ("new_clients", "Clients whose first done visit ever is in the month, less those registered (clients' registered_at) before the data's first month, who were clients already; in the data's first 12 months a warning says how many new clients have no registration date and may be returning ones.", "Клиенты, чей первый выполненный визит за всё время пришёлся на этот месяц, кроме зарегистрированных (дата регистрации в таблице клиентов) раньше первого месяца данных — они уже были клиентами; в первые 12 месяцев данных предупреждение говорит, у скольких новых клиентов нет даты регистрации и они могут оказаться постоянными."),
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
    ("on_time_rate", "Of the visits with both a closing and a promised time, the share closed by the promise (a promised date alone holds to the end of that day).", "Из визитов, где известны и время закрытия, и обещанный срок, доля закрытых в срок (срок, заданный одной датой, действует до конца этого дня)."),
    ("comeback_rate", "Share of the visits followed by a warranty event on the same vehicle 1 to 30 days later; M's rate is final only in a report whose data reach 30 days past M's end (a warning says when they do not).", "Доля визитов, после которых в течение 1–30 дней на том же автомобиле был гарантийный случай; окончательна доля М только в отчёте по данным на 30 дней дальше конца М (иначе об этом говорит предупреждение)."),
    ("feedback_mean", "Plain mean of the feedback scores of the month's visits, on the station's scale, read once from all its scores up to the report date (0–10 when more than a fifth are 0 or above 5, else 1–5); on 1–5, a score outside 1–5 (a 0 for an empty cell, a 7) is a slip and left out of the mean (the feedback table's responses still count it). No change is shown against a month read on another scale (1–5 against 0–10). In a chain each station's scores are read on its own scale; a month whose stations use different scales has no chain mean.", "Простое среднее оценок клиентов по визитам месяца, в шкале станции, которая определяется один раз по всем её оценкам до даты отчёта (0–10, если больше пятой части оценок — 0 или выше 5, иначе 1–5); в шкале 1–5 оценка вне 1–5 (0 вместо пустой ячейки, 7) — опечатка и в среднее не входит (в ответах таблицы отзывов она учтена). Изменение к месяцу в другой шкале (1–5 и 0–10) не показывается. В сети оценки каждой станции читаются в её шкале; у месяца, когда станции работают в разных шкалах, средней по сети нет."),
    ("change", "Change of a count or an amount: M / the compared month − 1; of a rate: the difference in percentage points.", "Изменение количества или суммы: М / месяц сравнения − 1; доли — разность в процентных пунктах."),
    ("empty", "An empty figure has a zero denominator or nothing to compute from.", "Пустое значение: знаменатель равен нулю или не из чего считать."),
    ("retention_12m", "Of the clients with a done visit in months M−23 … M−12 (the station's on the Retention sheet, a manager's in the managers table), the share with a done visit in M−11 … M; empty, for the station and every manager, when M−23 is before the data's first month.", "Из клиентов с выполненным визитом в месяцы М−23 … М−12 (всей станции — на листе «Удержание», менеджера — в таблице менеджеров) доля тех, кто приезжал в М−11 … М; пусто — и у станции, и у каждого менеджера, — если М−23 раньше первого месяца данных."),
    ("no_show_rate", "No-show rate: no-show visits of the month / (done visits + no-shows).", "Доля неявок: неявки месяца / (выполненные визиты + неявки)."),
    ("activity", "Activity of the clients already seen, at the end of each month, by calendar months since their last done visit: 0–5 active, 6–11 at risk, 12–17 lapsed, 18 and more lost.", "Активность клиентов, уже бывавших на станции, на конец каждого месяца по числу календарных месяцев с их последнего выполненного визита: 0–5 — активные, 6–11 — под угрозой, 12–17 — ушедшие, 18 и больше — потерянные."),
    ("load", "Bay load: norm hours of the week's (or month's) days / (bays ({bays}) × hours per day ({hours}) × its working days); the working days are {week} ({days_per_week} a week), less the closed dates of the configuration. Set in stoa.toml: capacity.bays, capacity.hours_per_day, capacity.days_per_week, capacity.closed.", "Загрузка постов: нормочасы дней недели (или месяца) / (посты ({bays}) × часов в день ({hours}) × рабочие дни в ней); рабочие дни — {week} ({days_per_week} в неделю), кроме дат закрытия из настроек. Задаётся в stoa.toml: capacity.bays, capacity.hours_per_day, capacity.days_per_week, capacity.closed."),
    ("nps", "Net promoter score on a 0–10 scale: 100 × (promoters (9–10) − detractors (0–6)) / responses.", "Индекс NPS по шкале 0–10: 100 × (промоутеры (9–10) − критики (0–6)) / ответы."),
    ("demand_visits", "Demand of a category in a month: the done visits with at least one sold line of the category, their revenue and norm hours (24 months up to M).", "Спрос категории за месяц: выполненные визиты хотя бы с одной проданной строкой этой категории, их выручка и нормочасы (24 месяца до М)."),
    ("weekday", "Weekday in the weekday × hour table: 1 = Monday … 7 = Sunday (ISO); hour = the hour of the visit's opening time. A visit opened on a date without a time of day is left out (its hour is not known); without any time, every cell is empty.", "День недели в таблице «день недели × час»: 1 — понедельник … 7 — воскресенье; час — час открытия визита. Визит с датой открытия без времени суток не учитывается (его час неизвестен); если времени нет ни у одного, все ячейки пусты."),
    ("seasonality", "Seasonality index of a month of the year: the category's mean visits in that month over the whole calendar years of the data / its mean over all months of those years.", "Индекс сезонности месяца года: среднее число визитов категории в этом месяце за полные календарные годы данных / её среднее по всем месяцам этих лет."),
    ("yoy", "Year-on-year change: (M−11 … M) / (M−23 … M−12) − 1; empty when the earlier figure is 0 or the data start after M−23.", "Изменение год к году: (М−11 … М) / (М−23 … М−12) − 1; пусто, если прошлое значение равно 0 или данные начинаются позже М−23."),
    ("forecast", "Visits of M+1 … M+3: additive Holt-Winters (season 12) from 24 months of history, the same month a year before from 12, else the mean of the history; negative forecasts are 0.", "Визиты М+1 … М+3: аддитивная модель Хольта — Уинтерса (сезон 12) при истории от 24 месяцев, тот же месяц год назад — от 12, иначе среднее истории; отрицательный прогноз — 0."),
    ("mape", "Mean absolute percentage error of one-step forecasts of the last 6 months, each made from the months before it only (months with 0 visits skipped).", "Средняя абсолютная ошибка в процентах прогнозов на месяц вперёд за последние 6 месяцев, каждый — только по предыдущим месяцам (месяцы с 0 визитов пропускаются)."),
    ("competitor_median", "Median of the competitors' fresh prices (observed at most {max_age} before as-of; the latest per competitor); of an even count, the mean of the two middle prices. Set in stoa.toml: competitors.max_age_days.", "Медиана свежих цен конкурентов (наблюдение в [дата отчёта − {max_age}, дата отчёта]; у каждого конкурента — последнее); при чётном числе — среднее двух средних цен. Задаётся в stoa.toml: competitors.max_age_days."),
    ("price_index", "Price index: 100 × our price / the competitors' median; position below under 95, above over 105, else at. The overall index weighs each service's index by its volume_12m.", "Ценовой индекс: 100 × наша цена / медиана конкурентов; ниже рынка — меньше 95, выше — больше 105, иначе на уровне. Общий индекс взвешивает индекс услуги по её объёму за 12 месяцев."),
    ("price_rank", "Rank: 1 + the number of competitor prices strictly below ours (1 = cheapest).", "Место: 1 + число цен конкурентов строго ниже нашей (1 — самые дешёвые)."),
    ("volume_12m", "Sold lines (not quantity) of the service on done visits dated in (as-of − {volume}, as-of]; a line without a code (or with one the price list lacks) counts for the service its description names, as competitors' rows are matched. Revenue gap = volume_12m × (median − our price).", "Объём за 12 месяцев: проданные строки услуги (не количество) по выполненным визитам в (дата отчёта − {volume}, дата отчёта]; строка без кода (или с кодом, которого нет в прайс-листе) относится к услуге, названной в её описании, как и строки цен конкурентов. Разрыв выручки = этот объём × (медиана − наша цена)."),
    ("loyalty_status", "Regular: at least {min_visits} in the {window} up to as-of; losing: regular now but short of it in the window of the same length ending {losing} later; one away: one visit short. Discount: the tier of the average order, plus the bonus for a car bought here, capped at the top tier. Set in stoa.toml: loyalty.min_visits, loyalty.window_days.", "Постоянный: {min_visits} и больше за {window} до даты отчёта; теряет статус: постоянный сейчас, но не дотягивает в окне той же длины, которое кончается через {losing}; на пороге: не хватает одного визита. Скидка: ступень по среднему чеку плюс бонус за машину, купленную у нас, не выше верхней ступени. Задаётся в stoa.toml: loyalty.min_visits, loyalty.window_days."),
    ("service_due", "Due date of a service: the earlier of the last such service + its interval in months and + its interval in km / km per day (the slope of the vehicle's odometer over days, else {km_per_day} km a day); listed when due in (as-of − {max_overdue}, as-of + {horizon}]. Set in stoa.toml: reminders.max_overdue_days, reminders.horizon_days, reminders.default_km_per_day.", "Срок услуги: раньшее из «последняя такая услуга + интервал в месяцах» и «+ интервал в км / км в день» (наклон пробега автомобиля по дням, иначе {km_per_day} км в день); в списке — услуги со сроком в (дата отчёта − {max_overdue}, дата отчёта + {horizon}]. Задаётся в stoa.toml: reminders.max_overdue_days, reminders.horizon_days, reminders.default_km_per_day."),
    ("winback", "Win-back: no visit for more than the larger of {min_gap} and 2 × the client's median gap between visit days, or {one_visit} after a single visit day; priority 1 is called first: by 12-month CLV, largest first, or by lifetime revenue where the customer-base model could not be fitted (the call-order sheet says which and why). Set in stoa.toml: reminders.winback_min_gap_days.", "Возврат: с последнего визита прошло больше порога — {min_gap} или 2 × медианный интервал клиента между днями визитов, если он больше; после единственного дня визита — {one_visit}; приоритет 1 — звонить первым: по CLV за 12 месяцев, от большего, или по выручке за всё время, если модель клиентской базы не удалось подобрать (лист «Порядок обзвона» говорит, как и почему). Задаётся в stoa.toml: reminders.winback_min_gap_days."),
    ("clv", "Customer-base model: BG/NBD for the number of visits and Gamma-Gamma for the spend per visit, fitted on every client's visit days up to as-of; P(alive) and the 12-month CLV at a monthly discount rate of {discount}.", "Модель клиентской базы: BG/NBD для числа визитов и Gamma-Gamma для суммы визита по дням визитов всех клиентов до даты отчёта; P(активен) и CLV за 12 месяцев с месячной ставкой дисконтирования {discount}."),
    ("cohort_retention", "Cohort retention: of the clients whose first visit is in the cohort month, the share with a visit in cohort month + k. A client registered before the data's first month is in no cohort: their first visit was before the data.", "Удержание когорты: из клиентов, чей первый визит пришёлся на месяц когорты, доля тех, кто приезжал в месяц когорты + k. Клиент, зарегистрированный раньше первого месяца данных, не входит ни в одну когорту: его первый визит был до начала данных."),
    ("rfm", "RFM: days since the last visit, the number of visits and their revenue, over all visits up to as-of, each scored 1–5 by quintile (5 = most recent, frequent, valuable); the segment follows from the scores.", "RFM: дней с последнего визита, число визитов и их выручка по всем визитам до даты отчёта, каждое — балл 1–5 по квинтилям (5 — самые недавние, частые, ценные); сегмент определяется по баллам."),
    ("channel_share", "A channel's share: its done visits in M / all done visits in M; its repeat rate: the share of them made by a client with a done visit on an earlier day.", "Доля канала: его выполненные визиты за М / все выполненные визиты за М; доля повторных: доля визитов клиентов, у которых был выполненный визит в более ранний день."),
    ("commission", "An agent's commission: the revenue of the visits the agent brought in M × the agent's commission_pct / 100.", "Комиссия агента: выручка визитов, приведённых агентом за М, × процент комиссии агента / 100."),
    ("turnaround", "Turnaround: closed_at − opened_at in hours of the done visits of M that were closed (not before they were opened), both with a time of day.", "Время ремонта: время закрытия − время открытия в часах по выполненным и закрытым визитам М (не закрытым раньше открытия), у которых время открытия и закрытия указано с часами."),
];

/// Every definition as (name, text) in `lang`, in the order above, saying `settings`.
pub fn all(lang: Lang, settings: &Settings) -> Vec<(&'static str, String)> {
    let said = settings.said(lang);
    DEFINITIONS
        .iter()
        .map(|(name, en, ru)| {
            let mut text = if lang == Lang::En { *en } else { *ru }.to_string();
            for (field, value) in &said {
                if text.contains(field) {
                    text = text.replace(field, value);
                }
            }
            (*name, text)
        })
        .collect()
}

/// The tables whose figures a definition explains (their file stems): a definition is
/// shown when the report has any of them, so that `--only management` lists the
/// management section's definitions, not the demand forecast's and the win-back's.
/// `Some(&[])`: shown in every report; `None`: a name this list lacks (a test keeps every
/// definition here).
fn tables_of(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "empty" => &[],
        "change" => &["kpi"],
        "retention_12m" => &["managers", "retention_12m"],
        "no_show_rate" => &["quality"],
        "activity" => &["activity"],
        "load" => &["load_weekly", "demand_bay_load"],
        "nps" => &["feedback"],
        "demand_visits" => &["demand_monthly", "demand_by_category"],
        "weekday" => &["demand_load"],
        "seasonality" => &["demand_seasonality"],
        "yoy" => &["demand_yoy"],
        "forecast" | "mape" => &["demand_forecast"],
        "competitor_median" | "price_index" | "price_rank" | "volume_12m" => &["prices"],
        "loyalty_status" => &["loyalty"],
        "service_due" => &["service_due"],
        "winback" => &["winback"],
        "clv" => &["winback_ranking", "loyalty_clv"],
        "cohort_retention" => &["cohorts"],
        "rfm" => &["rfm"],
        "channel_share" => &["channels"],
        "commission" => &["agents"],
        "turnaround" => &["turnaround"],
        kpi if crate::analytics::management::kpi::METRICS.contains(&kpi) => &["kpi"],
        _ => return None,
    })
}

/// The definitions of the figures of a report of `tables` (file stems), as [`all`]: the
/// chosen sections' only.
pub fn of_tables<'a>(
    lang: Lang,
    settings: &Settings,
    tables: impl Iterator<Item = &'a str> + Clone,
) -> Vec<(&'static str, String)> {
    all(lang, settings)
        .into_iter()
        .filter(|(name, _)| match tables_of(name) {
            Some([]) | None => true,
            Some(wanted) => tables.clone().any(|t| wanted.contains(&t)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_definition_names_the_tables_it_explains() {
        for (name, _, _) in DEFINITIONS {
            assert!(tables_of(name).is_some(), "{name}");
        }
    }

    #[test]
    fn regression_a_report_of_some_sections_defines_only_their_figures() {
        // `--only management`: its tables (kpi, managers, quality, load_weekly, …) — the
        // KPIs, the load and the 12-month retention of the managers table; not the
        // forecast, the prices or the win-back.
        let management = ["kpi", "managers", "quality", "load_weekly", "turnaround"];
        let names: Vec<&str> = of_tables(Lang::En, &Settings::default(), management.into_iter())
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        for shown in [
            "visits",
            "new_clients",
            "change",
            "empty",
            "load",
            "retention_12m",
            "no_show_rate",
            "turnaround",
        ] {
            assert!(names.contains(&shown), "{shown} missing from {names:?}");
        }
        for hidden in [
            "forecast",
            "mape",
            "price_index",
            "winback",
            "clv",
            "rfm",
            "commission",
            "nps",
        ] {
            assert!(!names.contains(&hidden), "{hidden} in {names:?}");
        }
        // `--only prices`: the price figures and the general words only.
        let names: Vec<&str> = of_tables(
            Lang::Ru,
            &Settings::default(),
            ["prices", "prices_summary"].into_iter(),
        )
        .into_iter()
        .map(|(n, _)| n)
        .collect();
        assert_eq!(
            names,
            [
                "empty",
                "competitor_median",
                "price_index",
                "price_rank",
                "volume_12m"
            ]
        );
    }

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
                    all(lang, &Settings::default())
                        .iter()
                        .any(|(n, t)| *n == metric && !t.is_empty()),
                    "{metric}"
                );
            }
        }
    }

    /// The settings of the tester's stoa.toml (session 32): every quoted setting changed.
    fn changed() -> Settings {
        Settings {
            window_days: 200,
            min_visits: 2,
            horizon_days: 60,
            max_overdue_days: 100,
            default_km_per_day: 37.5,
            winback_min_gap_days: 150,
            max_age_days: 30,
            bays: 3,
            hours_per_day: 9.5,
            days_per_week: 5,
        }
    }

    fn text(lang: Lang, settings: &Settings, name: &str) -> String {
        all(lang, settings)
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t)
            .unwrap_or_else(|| panic!("no {name}"))
    }

    #[test]
    fn regression_the_definitions_state_the_settings_the_report_used() {
        // They quoted the defaults with an "or … of stoa.toml" hedge, whatever stoa.toml
        // said, and the loyalty window not at all.
        let s = changed();
        let en = |name| text(Lang::En, &s, name);
        assert!(
            en("loyalty_status").starts_with(
                "Regular: at least 2 visits in the 200 days up to as-of; losing: regular now \
                 but short of it in the window of the same length ending 30 days later;"
            ),
            "{}",
            en("loyalty_status")
        );
        assert!(en("loyalty_status")
            .ends_with("Set in stoa.toml: loyalty.min_visits, loyalty.window_days."));
        assert!(en("service_due").contains(
            "else 37.5 km a day); listed when due in (as-of − 100 days, as-of + 60 days]."
        ));
        assert!(en("winback").starts_with(
            "Win-back: no visit for more than the larger of 150 days and 2 × the client's \
             median gap between visit days, or 365 days after a single visit day;"
        ));
        assert!(en("competitor_median").contains("observed at most 30 days before as-of;"));
        assert!(en("load").contains(
            "(bays (3) × hours per day (9.5) × its working days); the working days are \
             Monday to Friday (5 a week)"
        ));
        assert!(en("clv").ends_with("at a monthly discount rate of 1%."));
        let ru = |name| text(Lang::Ru, &s, name);
        assert!(
            ru("loyalty_status").starts_with(
                "Постоянный: 2 визита и больше за 200 дней до даты отчёта; теряет статус: \
                 постоянный сейчас, но не дотягивает в окне той же длины, которое кончается \
                 через 30 дней;"
            ),
            "{}",
            ru("loyalty_status")
        );
        assert!(ru("service_due").contains(
            "иначе 37,5 км в день); в списке — услуги со сроком в (дата отчёта − 100 дней, \
             дата отчёта + 60 дней]."
        ));
        assert!(ru("winback").starts_with(
            "Возврат: с последнего визита прошло больше порога — 150 дней или 2 × медианный"
        ));
        assert!(
            ru("competitor_median").contains("(наблюдение в [дата отчёта − 30 дней, дата отчёта];")
        );
        assert!(ru("load").contains(
            "(посты (3) × часов в день (9,5) × рабочие дни в ней); рабочие дни — с \
             понедельника по пятницу (5 в неделю)"
        ));
        // No text keeps a field unfilled, in either language, with either settings.
        for settings in [Settings::default(), s] {
            for lang in [Lang::En, Lang::Ru] {
                for (name, t) in all(lang, &settings) {
                    assert!(!t.contains('{') && !t.contains('}'), "{name}: {t}");
                }
            }
        }
    }

    #[test]
    fn the_default_settings_are_said_as_before() {
        let d = Settings::default();
        assert!(text(Lang::En, &d, "loyalty_status")
            .starts_with("Regular: at least 4 visits in the 365 days up to as-of;"));
        assert!(text(Lang::Ru, &d, "loyalty_status")
            .starts_with("Постоянный: 4 визита и больше за 365 дней до даты отчёта;"));
        assert!(text(Lang::Ru, &d, "load").contains("с понедельника по субботу (6 в неделю)"));
        assert!(text(Lang::Ru, &d, "clv").ends_with("дисконтирования 1\u{a0}%."));
    }

    #[test]
    fn russian_counts_agree_with_their_number() {
        let said: Vec<String> = [1, 2, 5, 11, 12, 21, 22, 25, 111, 365]
            .into_iter()
            .map(|n| days_text(Lang::Ru, n))
            .collect();
        assert_eq!(
            said,
            [
                "1 день",
                "2 дня",
                "5 дней",
                "11 дней",
                "12 дней",
                "21 день",
                "22 дня",
                "25 дней",
                "111 дней",
                "365 дней"
            ]
        );
        assert_eq!(visits_text(Lang::Ru, 1), "1 визит");
        assert_eq!(visits_text(Lang::Ru, 3), "3 визита");
        assert_eq!(visits_text(Lang::Ru, 14), "14 визитов");
        assert_eq!(visits_text(Lang::En, 1), "1 visit");
        assert_eq!(days_text(Lang::En, 1), "1 day");
        assert_eq!(week_text(Lang::En, 7), "Monday to Sunday");
        assert_eq!(week_text(Lang::Ru, 1), "только понедельник");
        assert_eq!(week_text(Lang::Ru, 7), "с понедельника по воскресенье");
    }
}
