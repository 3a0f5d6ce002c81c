//! Greetings (SPEC §1 *greetings on holidays and birthdays*, §4 *Greetings*): the
//! holidays of the coming month M+1 from the configured calendar, and the consenting
//! clients to greet — persons on their birthday in M+1, and on each holiday those active
//! in the last 24 months. A company has no birthday (SPEC §2: "birthday (date,
//! persons)"): a date in its row is its founding or a slip, and it is greeted on holidays
//! only, with a warning that counts such dates.

use chrono::{Datelike, NaiveDate, Weekday};
use polars::prelude::*;

use super::{date_text, to_date, visits_upto, MailList};
use crate::analytics::period::{date_lit, to_days, Period};
use crate::cli::Lang;
use crate::config::{Config, Holidays};
use crate::ingest::reasons;
use crate::ingest::Warning;
use crate::model::Model;

/// Months of activity that put a client on a holiday list.
pub const ACTIVE_MONTHS: i32 = 24;

/// Motorist's Day (День автомобилиста): the last Sunday of October of a year.
pub fn motorists_day(year: i32) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(year, 10, 31).expect("31 October exists");
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt().expect("dates in range");
    }
    d
}

/// The occasions a client is greeted on that have a code: a birthday and the default
/// calendar's holidays, `(code, English, Russian)`. `tables/holidays.csv` and
/// `tables/greetings.csv` carry the code, the same in a report of either language (they
/// carried the Russian or the English name, and so sorted differently); the workbook, the
/// page ([`crate::render::i18n::value`]) and the greetings list say the words. A holiday
/// the station named in `stoa.toml` otherwise is its own and stays as written.
pub const OCCASIONS: [(&str, &str, &str); 8] = [
    ("birthday", "Birthday", "День рождения"),
    ("new_year", "New Year's Day", "Новый год"),
    (
        "defender_day",
        "Defender of the Fatherland Day",
        "День защитника Отечества",
    ),
    (
        "womens_day",
        "International Women's Day",
        "Международный женский день",
    ),
    ("victory_day", "Victory Day", "День Победы"),
    ("russia_day", "Russia Day", "День России"),
    ("unity_day", "Unity Day", "День народного единства"),
    ("motorists_day", "Motorist's Day", "День автомобилиста"),
];

/// The code of a holiday named as the default calendar names it, in Russian or English
/// (trimmed, in any case); any other name as written.
fn holiday_code(name: &str) -> String {
    let name = name.trim();
    OCCASIONS
        .iter()
        .find(|(code, en, ru)| {
            *code != "birthday"
                && (en.eq_ignore_ascii_case(name) || ru.to_lowercase() == name.to_lowercase())
        })
        .map_or_else(|| name.to_string(), |(code, _, _)| code.to_string())
}

/// The words for an occasion's code in `lang`, or `None` for a holiday of the station's
/// own, which is shown as written.
pub fn occasion_word(lang: Lang, code: &str) -> Option<&'static str> {
    OCCASIONS
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, ru)| match lang {
            Lang::En => *en,
            Lang::Ru => *ru,
        })
}

/// The holidays of the month after the report month, by date then code: `date, holiday`,
/// the holiday as its code in [`OCCASIONS`] (or the station's own name). A holiday on
/// 29 February falls on the 28th in a common year, as a birthday does (it was left out
/// without a word).
pub fn holidays(h: &Holidays, period: Period) -> PolarsResult<DataFrame> {
    let next = period.month.shift(1);
    let mut rows: Vec<(NaiveDate, String)> = h
        .fixed
        .iter()
        .filter(|x| x.month == next.number())
        .map(|x| {
            let d = NaiveDate::from_ymd_opt(next.year(), x.month, x.day)
                .unwrap_or_else(|| next.last_day());
            (d, holiday_code(&x.name))
        })
        .collect();
    if h.motorists_day && next.number() == 10 {
        rows.push((motorists_day(next.year()), "motorists_day".to_string()));
    }
    rows.sort();
    let dates: Vec<i32> = rows.iter().map(|(d, _)| to_days(*d)).collect();
    let names: Vec<String> = rows.into_iter().map(|(_, n)| n).collect();
    df!("date" => dates, "holiday" => names)?
        .lazy()
        .with_column(col("date").cast(DataType::Date))
        .collect()
}

/// A client whose `kind` is a company (юрлицо, организация, ИП: see the clients'
/// vocabulary); an empty kind is a person, as most clients of a station are.
fn company() -> Expr {
    col("kind").eq(lit("company")).fill_null(lit(false))
}

/// Every client to greet in M+1, consenting or not (`client_id, date, occasion`, the
/// occasion as a code of [`OCCASIONS`] or a holiday's own name): the birthdays of persons
/// falling in M+1 (29 February on the 28th in a common year; a birth date after the as-of
/// date is not one; a company's date is no birthday, see [`company_birthdays`]) and, for
/// each holiday, every client with a visit in the 24 months up to M.
fn candidates(model: &Model, period: Period, holidays: &DataFrame) -> PolarsResult<LazyFrame> {
    let next = period.month.shift(1);
    let last_day = next.last_day().day() as i32;
    let day = col("birthday").dt().day().cast(DataType::Int32);
    let clamped = when(day.clone().gt(lit(last_day)))
        .then(lit(last_day))
        .otherwise(day);
    let birthdays = model
        .clients
        .clone()
        .filter(
            col("birthday")
                .dt()
                .month()
                .cast(DataType::Int32)
                .eq(lit(next.number() as i32))
                // A birth date after the as-of date is a typo (2094 for 1994), not a
                // client to congratulate.
                .and(col("birthday").lt_eq(date_lit(period.as_of)))
                // A company was sent a "Happy birthday" on its founding date.
                .and(company().not()),
        )
        .select([
            col("client_id"),
            to_date(lit(to_days(next.first_day())) + clamped - lit(1i32)).alias("date"),
            lit("birthday").alias("occasion"),
        ]);
    // Visits from the first day of the first active month: a date compare, not a month
    // taken of every visit.
    let first = period.month.shift(1 - ACTIVE_MONTHS).first_day();
    let active = visits_upto(model, period.as_of)
        .filter(col("date").gt_eq(date_lit(first)))
        .select([col("client_id")])
        .unique(None, UniqueKeepStrategy::Any);
    let feasts = active.cross_join(holidays.clone().lazy(), None).select([
        col("client_id"),
        col("date"),
        col("holiday").alias("occasion"),
    ]);
    concat([birthdays, feasts], UnionArgs::default())
}

/// The warning that `n` clients are companies with a birthday set, left out of the
/// birthday greetings (they are still greeted on holidays); `None` when there are none.
/// Every such company is counted, whether or not its date falls in M+1: the dates are in
/// the data, and the greetings of any month leave them out.
pub fn company_birthdays(model: &Model) -> PolarsResult<Option<Warning>> {
    let counted = model
        .clients
        .clone()
        .filter(company().and(col("birthday").is_not_null()))
        .select([len().cast(DataType::UInt64).alias("n")])
        .collect()?;
    let n = counted.column("n")?.u64()?.get(0).unwrap_or(0);
    Ok((n > 0).then(|| Warning {
        table: crate::schema::Table::Clients.name().to_string(),
        rows: n,
        message: reasons::fill(reasons::COMPANY_BIRTHDAYS, &[&n.to_string()]),
    }))
}

/// `greetings.csv` and its mail-merge list: the consenting clients to greet in M+1
/// (`date, occasion, client_id, name`, sorted by date, occasion, client; the occasion as
/// its code, the list's reason in the report's language).
pub fn greetings(
    model: &Model,
    config: &Config,
    period: Period,
    holidays: &DataFrame,
) -> PolarsResult<(DataFrame, MailList)> {
    let all = candidates(model, period, holidays)?.collect()?;
    // The list says the occasion in the report's language.
    let codes: Vec<&str> = OCCASIONS.iter().map(|(code, _, _)| *code).collect();
    let words: Vec<&str> = codes
        .iter()
        .filter_map(|code| occasion_word(config.language, code))
        .collect();
    let said = col("occasion").replace(
        lit(Series::new("code".into(), codes)).implode(true),
        lit(Series::new("word".into(), words)).implode(true),
    );
    let reason = concat_str([said, date_text(config.language, col("date"))], ", ", false);
    // The soonest greeting first.
    let who = all
        .clone()
        .lazy()
        .with_column(col("date").alias(super::URGENCY));
    let list = super::client_mail_list(model, period.as_of, "greetings", who, reason)?;
    let consenting = model
        .clients
        .clone()
        .filter(col("consent").fill_null(lit(false)))
        .select([col("client_id"), col("name")]);
    let table = all
        .lazy()
        .inner_join(consenting, col("client_id"), col("client_id"))
        .select([col("date"), col("occasion"), col("client_id"), col("name")])
        .sort(
            ["date", "occasion", "client_id"],
            SortMultipleOptions::default(),
        )
        .collect()?;
    Ok((table, list))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::clients::testdata::{csv, model, period};

    #[test]
    fn motorists_day_is_the_last_sunday_of_october() {
        // 31 Oct 2026 is a Saturday; 31 Oct 2027 a Sunday.
        assert_eq!(motorists_day(2026).to_string(), "2026-10-25");
        assert_eq!(motorists_day(2027).to_string(), "2027-10-31");
    }

    #[test]
    fn birthdays_and_holidays_of_the_next_month_greet_consenting_clients() {
        let m = model(
            &[
                ("A", "2026-01-10", "G1", "X1", "Kia", None),
                ("B", "2024-12-10", "G2", "X2", "Kia", None),
                ("C", "2024-12-31", "G3", "X3", "Kia", None),
            ],
            &[],
            &[
                ("G1", "Lev", true, false, Some("2000-02-29")),
                ("G2", "Mila", true, false, None),
                ("G3", "Nina", false, false, Some("1990-02-01")),
                ("G4", "Oleg", true, false, Some("1985-03-01")),
            ],
            &[],
        );
        // Report month 2027-01 → greetings for February 2027 (not a leap year): G1's
        // 29 February falls on the 28th; G3 has no consent; G4's birthday is in March.
        // 23 February goes to clients with a visit in 2025-02..2027-01: only G1 (the
        // visits of G2 and G3 in 2024-12 are older). Candidates G1, G3; G1 consents.
        let p = period(2027, 1);
        let config = Config::default();
        let h = holidays(&config.holidays, p).unwrap();
        assert_eq!(csv(&h), "date,holiday\n2027-02-23,defender_day\n");
        let (t, l) = greetings(&m, &config, p, &h).unwrap();
        assert_eq!(
            csv(&t),
            "date,occasion,client_id,name\n\
             2027-02-23,defender_day,G1,Lev\n\
             2027-02-28,birthday,G1,Lev\n"
        );
        assert_eq!((l.clients, l.consenting), (2, 1));
        // One row for G1, the occasions in the order of their dates, said in the report's
        // language (Russian by default).
        assert_eq!(l.list.height(), 1);
        let reasons = l.list.column("reason").unwrap().str().unwrap();
        assert_eq!(
            reasons.get(0),
            Some("День защитника Отечества, 23.02.2027; День рождения, 28.02.2027")
        );
    }

    #[test]
    fn regression_a_birth_date_after_the_as_of_date_is_not_greeted() {
        // G1 "born" 2094-02-10 (for 1994) was greeted on 10 February 2027.
        let m = model(
            &[("A", "2020-01-10", "G1", "X1", "Kia", None)],
            &[],
            &[
                ("G1", "Lev", true, false, Some("2094-02-10")),
                ("G2", "Mila", true, false, Some("2026-02-05")),
            ],
            &[],
        );
        let p = period(2027, 1);
        let config = Config::default();
        let h = holidays(&config.holidays, p).unwrap().clear();
        let (t, l) = greetings(&m, &config, p, &h).unwrap();
        assert_eq!(
            csv(&t),
            "date,occasion,client_id,name\n2027-02-05,birthday,G2,Mila\n"
        );
        assert_eq!(l.clients, 1);
    }

    #[test]
    fn regression_a_company_is_greeted_on_holidays_not_on_a_birthday() {
        // G1, a company with its founding date in the birthday column, was greeted on
        // its "birthday". G2 is a person; G3's kind is empty, a person too; G4 is a
        // company whose date falls in another month, counted all the same.
        let mut m = model(
            &[
                ("A", "2026-10-01", "G1", "X1", "Kia", None),
                ("B", "2026-10-02", "G2", "X2", "Kia", None),
            ],
            &[],
            &[
                ("G1", "ООО Ромашка", true, false, Some("2010-11-10")),
                ("G2", "Lev", true, false, Some("1980-11-11")),
                ("G3", "Mila", true, false, Some("1985-11-12")),
                ("G4", "АО Вектор", true, false, Some("2001-03-15")),
                ("G5", "ИП Петров", true, false, None),
            ],
            &[],
        );
        let companies = ["G1", "G4", "G5"];
        m.clients = m.clients.with_column(
            when(
                col("client_id")
                    .is_in(lit(Series::new("c".into(), companies)).implode(true), false),
            )
            .then(lit("company"))
            .when(col("client_id").eq(lit("G2")))
            .then(lit("person"))
            .otherwise(lit(NULL).cast(DataType::String))
            .alias("kind"),
        );
        let p = period(2026, 10);
        let config = Config::default();
        let h = holidays(&config.holidays, p).unwrap();
        let (t, _) = greetings(&m, &config, p, &h).unwrap();
        assert_eq!(
            csv(&t),
            "date,occasion,client_id,name\n\
             2026-11-04,unity_day,G1,ООО Ромашка\n\
             2026-11-04,unity_day,G2,Lev\n\
             2026-11-11,birthday,G2,Lev\n\
             2026-11-12,birthday,G3,Mila\n"
        );
        // G1 and G4 have a date; G5 has none.
        let w = company_birthdays(&m).unwrap().expect("a warning");
        assert_eq!((w.table.as_str(), w.rows), ("clients", 2));
        assert!(
            w.message
                .starts_with("2 clients of kind company (юрлицо) have a birthday set"),
            "{}",
            w.message
        );
        // Without a company's date there is nothing to say.
        m.clients = m.clients.with_column(lit("person").alias("kind"));
        assert!(company_birthdays(&m).unwrap().is_none());
    }

    #[test]
    fn regression_the_holidays_table_holds_codes_in_either_language() {
        // A Russian report's table held «День народного единства», an English one's
        // "Unity Day" (and, before session 22, the Russian name too), so the tables of
        // the two differed and sorted differently. The default calendar's holidays are
        // codes, however stoa.toml spells them; the station's own holiday stays as written.
        let t = holidays(&Config::default().holidays, period(2026, 10)).unwrap();
        assert_eq!(csv(&t), "date,holiday\n2026-11-04,unity_day\n");
        let day = |day, name: &str| crate::config::Holiday {
            day,
            month: 11,
            name: name.to_string(),
        };
        let h = crate::config::Holidays {
            fixed: vec![day(7, "День станции"), day(4, " unity day ")],
            motorists_day: false,
        };
        let t = holidays(&h, period(2026, 10)).unwrap();
        assert_eq!(
            csv(&t),
            "date,holiday\n2026-11-04,unity_day\n2026-11-07,День станции\n"
        );
        assert_eq!(occasion_word(Lang::En, "unity_day"), Some("Unity Day"));
        assert_eq!(occasion_word(Lang::Ru, "birthday"), Some("День рождения"));
        assert_eq!(occasion_word(Lang::Ru, "День станции"), None);
    }

    #[test]
    fn regression_a_holiday_on_29_february_falls_on_the_28th_in_a_common_year() {
        // It was left out of a common year's February without a word.
        let h = crate::config::Holidays {
            fixed: vec![crate::config::Holiday {
                day: 29,
                month: 2,
                name: "День високосного года".to_string(),
            }],
            motorists_day: false,
        };
        let t = holidays(&h, period(2027, 1)).unwrap();
        assert_eq!(csv(&t), "date,holiday\n2027-02-28,День високосного года\n");
        let t = holidays(&h, period(2028, 1)).unwrap();
        assert_eq!(csv(&t), "date,holiday\n2028-02-29,День високосного года\n");
    }
}
