//! The reasons of rejected rows and the warnings in the reader's language. Ingest words
//! them in English from the templates of [`crate::ingest::reasons`] (`rejects.csv`, the
//! manifest and `stoa check` keep that text); the Data issues sheet and the page of a
//! Russian report show them in Russian.

use crate::cli::Lang;
use crate::ingest::reasons as r;

mod warnings;
use warnings::RUSSIAN_WARNINGS;

/// Each reason's Russian template, with the `{}` of its English one in the same order.
const RUSSIAN: [(&str, &str); 30] = [
    (r::TEXT, "нечитаемый текст"),
    (
        r::DISCOUNT_PCT_RANGE,
        "скидка в процентах вне 0–100 %: сумма строки считается из цены за вычетом этого процента, а такая скидка её не даёт; исправьте процент (10 % пишут как 10, 10 % или 10,5 %)",
    ),
    (
        r::SCORE_RANGE,
        "оценка вне 0–10: оценки ставят по шкале 1–5 или 0–10",
    ),
    (
        r::DATE,
        "не дата: ожидается дд.мм.гггг, гггг-мм-дд или дата Excel",
    ),
    (
        r::DATE_TIME,
        "не дата: ожидается дд.мм.гггг [чч:мм], гггг-мм-дд [чч:мм] или дата Excel",
    ),
    (
        r::TIME,
        "не время суток: ожидается чч:мм, чч:мм:сс или время Excel",
    ),
    (
        r::MONEY,
        "не сумма: ожидается число вида 1 234,50 или 1234.50 ₽",
    ),
    (r::INT, "не целое число"),
    (r::NUMBER, "не число"),
    (
        r::BOOL,
        "не «да» или «нет»: ожидается да/нет, yes/no, 1/0, true/false или +/−",
    ),
    (
        r::UNKNOWN_VALUE,
        "неизвестное значение ({}): ожидается одно из {}",
    ),
    (
        r::REQUIRED,
        "пустое обязательное поле ({} обязательно в таблице «{}»)",
    ),
    (r::NEGATIVE, "отрицательное значение: {}"),
    (
        r::NO_SERVICE,
        "в строке нет ни кода услуги, ни наименования: её не с чем сопоставить",
    ),
    (
        r::ZERO_COMPETITOR_PRICE,
        "цена конкурента 0 (ноль или прочерк, которым список цен конкурентов отмечает услугу, которой у конкурента нет) — не цена, с которой можно сравнить нашу, поэтому строка не участвует в сравнении цен; если конкурент эту услугу оказывает, укажите его цену",
    ),
    (
        r::NO_PRICE,
        "в таблице нет столбца суммы, и сумма строки считается по цене, а у этой строки цены нет",
    ),
    (
        r::NO_GROSS,
        "в таблице нет суммы со скидкой, и сумма строки считается по сумме без скидки, а у этой строки её нет",
    ),
    (
        r::DUPLICATE_IN_FILE,
        "повтор {}: то же значение уже есть в файле «{}», в строке {}",
    ),
    (
        r::DUPLICATE_ON_SHEET,
        "повтор {}: то же значение уже есть на листе «{}», в строке {}",
    ),
    (
        r::DUPLICATE,
        "повтор {}: то же значение уже есть в строке {}",
    ),
    (
        r::SUPERSEDED,
        "заменена более поздней выгрузкой: в файле «{}», в строке {} этот визит уже не в работе, и прочитана та строка, а не эта, где он ещё в работе",
    ),
    (
        r::UNKNOWN_VISIT,
        "{} неизвестного визита: среди принятых визитов нет визита с таким номером",
    ),
    (
        r::AMBIGUOUS_VISIT,
        "{} без станции, с номером визита {}, который есть у визитов нескольких станций ({}): не понять, к какому визиту относится запись; укажите станцию строки (столбец «Филиал» или «Станция»)",
    ),
    (
        r::AGAINST_ORDER,
        "дата через косую черту, которую можно прочитать только месяцем вперёд (второе число 13 или больше), в столбце, другие даты через косую черту которого можно прочитать только днём вперёд (первое число 13 или больше), поэтому столбец прочитан днём вперёд: одна выгрузка пишет все даты одинаково; исправьте эту дату или другие даты столбца, если иначе записаны они",
    ),
    (
        r::NO_SUCH_DAY,
        "нет такой даты: в этом месяце нет такого дня (например, 31.02 или 29.02 не високосного года); исправьте день",
    ),
    (
        r::VISIT_REJECTED,
        "{} отклонённого визита: визит с этим номером — строка {} в {}, отклонённая там",
    ),
    (
        r::REPEATED_HEADER,
        "строка повторяет заголовок (как в выгрузке, напечатанной по страницам); данных в ней нет",
    ),
    (
        r::SPREADSHEET_ERROR,
        "в ячейке ошибка формулы (например, #Н/Д или #ДЕЛ/0!), а не значение: исправьте формулу или очистите ячейку и выгрузите таблицу заново",
    ),
    (
        r::EXTRA_FIELDS,
        "полей в строке: {}, а в заголовке: {}; символ {} внутри значения без кавычек делит значение надвое и сдвигает все значения после него на столбец вправо, поэтому строка не прочитана; заключите это значение в кавычки или уберите символ {} и выгрузите таблицу заново",
    ),    (
        r::MONEY_IN,
        "не сумма: ожидается число вида 1 234,50 или 1234.50 {}; сумма в другой валюте, чем валюта станции {}, не читается: пересчитайте её или укажите в `currency` в stoa.toml валюту, в которой ведётся учёт",
    ),
];

/// The phrases of [`r::PHRASES`] in Russian, as [`RUSSIAN`] for the reasons.
const RUSSIAN_PHRASES: [(&str, &str); 2] = [
    (r::SHOWN_BY, "в столбце {} есть {}, что иначе не прочитать"),
    (
        r::SHOWN_BY_REJECTED,
        "в столбце {} такие даты только в строках, отклонённых по другой причине",
    ),
];

/// The words ingest puts into its reasons (what a column holds, a vocabulary's name, a
/// row's kind), in Russian; table names are the tables' Russian names.
const ARGUMENTS: &[(&str, &str)] = &[
    ("quantity", "количество"),
    ("norm hours", "нормочасы"),
    ("cost", "себестоимость"),
    ("odometer reading", "пробег"),
    ("price", "цена"),
    ("interval", "интервал"),
    ("commission", "комиссия"),
    ("channel", "канал"),
    ("status", "статус"),
    ("category", "категория"),
    ("line kind", "вид строки"),
    ("client kind", "тип клиента"),
    ("order line", "строка работ"),
    ("feedback row", "отзыв"),
    ("feedback", "отзыв"),
    // The delimiter of a CSV row with more fields than its header, after «символ».
    ("tab", "табуляции"),
    // The unit of a money column read scaled, after «в».
    ("kopecks", "копейках"),
    ("thousands of roubles", "тысячах рублей"),
    ("millions of roubles", "миллионах рублей"),
    // The money a scaled column is read in, after «переведены в» and «всё же».
    ("roubles", "рубли"),
];

/// `reason` (the text of a rejected row's reason) in `lang`; `None` when it is English
/// already or not one of ingest's reasons.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::ingest::reasons::{fill, NEGATIVE, REQUIRED};
/// use stoa::render::i18n::reason;
/// let text = fill(NEGATIVE, &["odometer reading"]);
/// assert_eq!(reason(Lang::Ru, &text).as_deref(), Some("отрицательное значение: пробег"));
/// let text = fill(REQUIRED, &["«Номер заказ-наряда»", "order_lines"]);
/// assert_eq!(
///     reason(Lang::Ru, &text).as_deref(),
///     Some("пустое обязательное поле («Номер заказ-наряда» обязательно в таблице «Работы»)")
/// );
/// assert_eq!(reason(Lang::En, &text), None);
/// ```
pub fn reason(lang: Lang, reason: &str) -> Option<String> {
    // The values a coded cell may hold (`done, cancelled, no_show, open`), in the words a
    // Russian export writes them; the codes meant nothing to the user. Only in a rejected
    // row's reason: a warning's example of a `[values]` line must keep the codes, which
    // are what stoa.toml takes.
    if lang == Lang::Ru {
        if let Some([what, codes]) = r::parse(r::UNKNOWN_VALUE, reason).as_deref() {
            use crate::ingest::normalize::{canonical_values, russian_values};
            use crate::schema::EnumKind;
            let kinds = [
                EnumKind::Status,
                EnumKind::LineKind,
                EnumKind::ClientKind,
                EnumKind::Channel,
                EnumKind::Category,
            ];
            if let Some(kind) = kinds
                .into_iter()
                .find(|k| canonical_values(*k).join(", ") == *codes)
            {
                let words = russian_values(kind).join(", ");
                return worded(lang, &RUSSIAN, &r::fill(r::UNKNOWN_VALUE, &[what, "\u{1}"]))
                    .map(|t| t.replace('\u{1}', &words));
            }
        }
    }
    worded(lang, &RUSSIAN, reason)
}

/// A warning of ingest (`message`) in `lang`, as [`reason`] does for reasons.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::ingest::reasons::{fill, NO_AGENT};
/// use stoa::render::i18n::warning;
/// let text = fill(NO_AGENT, &["2", "visits", "A-7, A-9"]);
/// assert!(warning(Lang::Ru, &text).unwrap().starts_with("строк: 2 в таблице «Визиты»"));
/// ```
pub fn warning(lang: Lang, message: &str) -> Option<String> {
    worded(lang, &RUSSIAN_WARNINGS, message)
}

/// `text` read by the first English template of `templates` it fills, written with that
/// template's Russian.
fn worded(lang: Lang, templates: &[(&str, &str)], text: &str) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    templates.iter().find_map(|(english, russian)| {
        let args = r::parse(english, text)?;
        let args: Vec<String> = args.into_iter().map(argument).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Some(r::fill(russian, &args))
    })
}

/// An argument of a reason or warning in Russian, or as it is (a column's name, a number).
fn argument(arg: &str) -> String {
    if let Some(table) = crate::schema::Table::ALL.iter().find(|t| t.name() == arg) {
        return table.russian_name().to_string();
    }
    if let Some(place) = place(arg) {
        return place;
    }
    // A phrase of a warning (what shows a file's order of dates).
    if let Some(phrase) = worded(Lang::Ru, &RUSSIAN_PHRASES, arg) {
        return phrase;
    }
    // A column by its label and stoa.toml key (`«Mileage» (`odometer_km` in stoa.toml)`).
    if let Some(named) = crate::schema::labels::in_russian(arg) {
        return named;
    }
    if let Some(money) = russian_amount(arg) {
        return money;
    }
    // A span of days, `first to last`.
    if let Some((first, last)) = arg.split_once(" to ") {
        let is_day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok();
        if is_day(first) && is_day(last) {
            return format!("{first} — {last}");
        }
    }
    // The unit of a money column read scaled at a station whose currency is not the
    // rouble (`thousands of USD`), after «в».
    let parts = [
        ("hundredths of ", "сотых долях "),
        ("thousands of ", "тысячах "),
        ("millions of ", "миллионах "),
    ];
    for (en, ru) in parts {
        let code = arg.strip_prefix(en).filter(|c| {
            !c.is_empty()
                && c.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        });
        if let Some(code) = code {
            return format!("{ru}{code}");
        }
    }
    ARGUMENTS
        .iter()
        .find(|(en, _)| *en == arg)
        .map_or(arg, |(_, ru)| *ru)
        .to_string()
}

/// An amount of two decimals as English warnings give it (`1234567.50`, the money that
/// repeated lines add) as Russian writes it: `1 234 567,50`, its thousands apart by a
/// non-breaking space, as the lists and the check write money. None for anything else.
fn russian_amount(arg: &str) -> Option<String> {
    let (sign, unsigned) = match arg.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", arg),
    };
    let (whole, cents) = unsigned.split_once('.')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || cents.len() != 2 || !digits(cents) {
        return None;
    }
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    Some(format!("{sign}{grouped},{cents}"))
}

/// A file's sheet as messages name it (`data/x.xlsx, sheet "Лист1"`, from
/// [`crate::ingest::read::place`]) in Russian; None for any other text.
///
/// ```
/// use stoa::render::i18n::place;
/// assert_eq!(place(r#"data/x.xlsx, sheet "Работы""#).as_deref(), Some("data/x.xlsx, лист «Работы»"));
/// assert_eq!(place("data/x.csv"), None);
/// ```
pub fn place(arg: &str) -> Option<String> {
    let (file, sheet) = arg.strip_suffix('"')?.rsplit_once(", sheet \"")?;
    Some(format!("{file}, лист «{sheet}»"))
}

#[cfg(test)]
mod tests;
