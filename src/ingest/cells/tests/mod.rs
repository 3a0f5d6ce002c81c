//! Unit tests of cell parsing: every form of SPEC §2 "Cell values", with the expected
//! values written out; the distinct-cell path against the plan is in `distinct`, money in
//! other currencies than the rouble in `currency`.

use super::*;
use crate::ingest::reasons;
use chrono::{NaiveDate, NaiveDateTime};

mod currency;
mod distinct;

/// Parse text cells as `kind` at a rouble station; returns the values as a Series and the
/// bad flags.
fn run(kind: Kind, cells: &[Option<&str>]) -> (Series, Vec<bool>) {
    run_in(kind, cells, &Currency::Rub)
}

/// [`run`] at a station of `currency`.
fn run_in(kind: Kind, cells: &[Option<&str>], currency: &Currency) -> (Series, Vec<bool>) {
    let df = df!("raw" => cells).unwrap();
    let lf = df.lazy().with_column(clean_text(col("raw")));
    let out = apply(lf, plan(kind, "raw", "v", &DataType::String, currency))
        .collect()
        .unwrap();
    let bad = out
        .column("__bad_v")
        .unwrap()
        .bool()
        .unwrap()
        .iter()
        .map(|b| b.unwrap())
        .collect();
    (
        out.column("v").unwrap().as_materialized_series().clone(),
        bad,
    )
}

fn dates(cells: &[Option<&str>]) -> (Vec<Option<NaiveDate>>, Vec<bool>) {
    let (s, bad) = run(Kind::Date, cells);
    (s.date().unwrap().as_date_iter().collect(), bad)
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

#[test]
fn dates_with_the_month_in_words_as_excel_and_exports_write_them() {
    let (v, bad) = dates(&[
        Some("05 мар 2024"),  // Excel's ДД МММ ГГГГ in a Russian locale
        Some("5-мар-24"),     // Excel's built-in Д-МММ-ГГ
        Some("5 сент. 2024"), // an abbreviation with its dot
        Some("5 февр. 2024 г."),
        Some("05-Mar-2024"), // English
        Some("5 December 24"),
        Some("5 май 2024"),
        Some("5 мартобря 2024"),           // no month
        Some("5 мар"),                     // no year
        Some("20240305"),                  // yyyymmdd
        Some("2024-03-05T23:30:00+03:00"), // a web system's time zone: the day as written
        Some("2024-03-05T10:00:00.123Z"),
        Some("20241305"),    // no 13th month
        Some("Mar 5, 2024"), // an English locale's month first
        Some("September 5 2024"),
        Some("Mar 5, 24"), // month first with a two-digit year: too like a day and year
    ]);
    assert_eq!(
        v,
        [
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 9, 5),
            d(2024, 2, 5),
            d(2024, 3, 5),
            d(2024, 12, 5),
            d(2024, 5, 5),
            None,
            None,
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            None,
            d(2024, 3, 5),
            d(2024, 9, 5),
            None,
        ]
    );
    assert_eq!(
        bad,
        [
            false, false, false, false, false, false, false, true, true, false, false, false, true,
            false, false, true
        ]
    );
}

#[test]
fn dates_in_every_form() {
    let (v, bad) = dates(&[
        Some("05.03.2024"),
        Some("2024-03-05"),
        Some("45356"),    // Excel serial of 2024-03-05
        Some("45356.75"), // with a time of day
        Some("5.3.2024"), // no leading zeros
        Some("05.03.2024 14:30"),
        Some("2024-03-05 14:30:00"),
        Some(""),
        None,
        Some("31.02.2024"), // no such day
        Some("вчера"),
        Some("5 марта 2024 г."), // Excel's long date in a Russian locale
        Some("05 Марта 2024"),
        Some("5 март 2024"),
        Some("5 мартобря 2024"),
        Some("05.03.24"), // a two-digit year: 2000–2029 …
        Some("5/3/85"),   // … or 1930–1999, as Excel reads them
        Some("05-03-2024"),
        Some("05.03.2024 г."), // the year's mark of Russian documents
        Some("5.3.24г"),
        Some("2024/03/05"),
        Some("1994"),  // a year alone is not a date (it read as a day of 1905) …
        Some("09.08"), // … nor a day and month without one (a day of 1900)
        Some("10000"), // the least serial read: 18 May 1927
    ]);
    assert_eq!(
        v,
        vec![
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            None,
            None,
            None,
            None,
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            None,
            d(2024, 3, 5),
            d(1985, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            d(2024, 3, 5),
            None,
            None,
            d(1927, 5, 18),
        ]
    );
    assert_eq!(
        bad,
        [
            false, false, false, false, false, false, false, false, false, true, true, false,
            false, false, true, false, false, false, false, false, false, true, true, false
        ]
    );
}

#[test]
fn datetimes_keep_the_time_of_day() {
    let (s, bad) = run(
        Kind::DateTime,
        &[
            Some("05.03.2024 14:30"),
            Some("45356.75"),
            Some("2024-03-05"),
            Some("2024-03-05T08:05:09"),
            Some("25:00"),
            Some("45356,75"), // a serial as a Russian Excel writes it to CSV
            Some("5 марта 2024 г. 14:30"),
            Some("05.03.24 14:30"),
            Some("05.03.2024 г. 14:30"),
            Some("2024-03-05T14:30:00+03:00"),
            Some("20240305 14:30"),
        ],
    );
    let v: Vec<Option<NaiveDateTime>> = s.datetime().unwrap().as_datetime_iter().collect();
    let at = |h, m, sec| {
        NaiveDate::from_ymd_opt(2024, 3, 5)
            .unwrap()
            .and_hms_opt(h, m, sec)
    };
    assert_eq!(
        v,
        vec![
            at(14, 30, 0),
            at(18, 0, 0),
            at(0, 0, 0),
            at(8, 5, 9),
            None,
            at(18, 0, 0),
            at(14, 30, 0),
            at(14, 30, 0),
            at(14, 30, 0),
            at(14, 30, 0),
            at(14, 30, 0)
        ]
    );
    assert_eq!(
        bad,
        [false, false, false, false, true, false, false, false, false, false, false]
    );
}

#[test]
fn regression_serial_date_times_round_to_the_second_as_excel_shows_them() {
    // 45356,33333 is 07:59:59.7: Excel shows 08:00, and the visit was in hour 7.
    let (s, _) = run(
        Kind::DateTime,
        &[
            Some("45356,33333"),
            Some("45356.999994"),
            Some("45356.00000578"),
        ],
    );
    let v: Vec<Option<NaiveDateTime>> = s.datetime().unwrap().as_datetime_iter().collect();
    let at = |d, h, m, sec| {
        NaiveDate::from_ymd_opt(2024, 3, d)
            .unwrap()
            .and_hms_opt(h, m, sec)
    };
    // 0.999994 of a day is 23:59:59.48; 0.00000578 is 0.4994 s.
    assert_eq!(v, [at(5, 8, 0, 0), at(5, 23, 59, 59), at(5, 0, 0, 0)]);
}

#[test]
fn regression_money_rounds_to_15_significant_digits_before_the_kopeck() {
    // A workbook formula's cached 2999.9949999999999 is 2 999,995 in Excel's 15 digits:
    // 3 000,00 to the kopeck, as Excel shows it, not 2 999,99.
    let (s, _) = run(
        Kind::Money,
        &[
            Some("2999.9949999999999"),
            Some("0.285"),
            Some("1 234,565"),
            Some("2999.994"),
        ],
    );
    let v: Vec<Option<i64>> = s.i64().unwrap().iter().collect();
    assert_eq!(v, [Some(300_000), Some(29), Some(123_457), Some(299_999)]);
    // A workbook's number cell, and the pass over mostly distinct cells, agree.
    // 2999.995 is the double whose 17 digits are 2999.9949999999999.
    let numbers = Column::new("n".into(), [2_999.995, 0.285]);
    let got = numeric_value(Kind::Money, &numbers, "v").unwrap();
    assert_eq!(
        got.i64().unwrap().iter().collect::<Vec<_>>(),
        [Some(300_000), Some(29)]
    );
    let raw = StringChunked::new("raw".into(), ["2999.9949999999999", "0.285"]);
    let got = numbers::column_values(Kind::Money, &raw, "v", &Currency::Rub)
        .unwrap()
        .0;
    assert_eq!(
        got.i64().unwrap().iter().collect::<Vec<_>>(),
        [Some(300_000), Some(29)]
    );
}

#[test]
fn money_as_accounting_exports_write_it() {
    let (s, bad) = run(
        Kind::Money,
        &[
            Some("1 234,50"),
            Some("1\u{a0}234,50 ₽"),
            Some("1234.5 руб."),
            Some("1 234 567"),
            Some("1,234.56"),   // comma thousands, dot decimal
            Some("1.234,56"),   // dot thousands, comma decimal
            Some("12,345,678"), // several commas: thousands
            Some("0,5"),
            Some("-300"),
            Some("−300,00"), // Unicode minus
            Some("99.999"),  // one mark: decimal, rounded to the kopeck
            Some(""),
            Some("бесплатно"),
            Some("1,2,3.4.5"),
            Some("(1 234,50 ₽)"), // an accounting negative
            Some("(300"),
            Some("1 500 руб. 05 коп."), // a printed form's sum
            Some("1500 р. 5 коп"),
            Some("1 000,00-"), // a minus after the number
            Some("1-2-"),
            Some("1930,-"), // no kopecks, as a price tag writes it
            Some("1 930.– ₽"),
        ],
    );
    let v: Vec<Option<i64>> = s.i64().unwrap().iter().collect();
    assert_eq!(
        v,
        vec![
            Some(123_450),
            Some(123_450),
            Some(123_450),
            Some(123_456_700),
            Some(123_456),
            Some(123_456),
            Some(1_234_567_800),
            Some(50),
            Some(-30_000),
            Some(-30_000),
            Some(10_000),
            None,
            None,
            None,
            Some(-123_450),
            None,
            Some(150_005),
            Some(150_005),
            Some(-100_000),
            None,
            Some(193_000),
            Some(193_000),
        ]
    );
    assert_eq!(
        bad,
        [
            false, false, false, false, false, false, false, false, false, false, false, false,
            true, true, false, true, false, false, false, true, false, false
        ]
    );
}

#[test]
fn regression_a_foreign_currency_is_rejected_and_roubles_with_kopecks_in_any_sign_are_read() {
    // `$1234` was read as 1234 ₽ while `1234 USD` was rejected; `1234 руб 50 коп` was
    // read but `1 234 ₽ 50 коп` was not. Each cell: its kopecks, or None (rejected).
    let table: [(&str, Option<i64>); 24] = [
        // Another currency: no sum in roubles, whichever way it is written.
        ("$1234", None),
        ("$ 1 234,50", None),
        ("1234 $", None),
        ("€1234", None),
        ("1234 €", None),
        ("£1234", None),
        ("¥1234", None),
        ("1234 USD", None),
        ("USD 1234", None),
        ("1234 eur", None),
        ("1 234,50 EUR", None),
        // Roubles, with their kopecks in words after any sign of the rouble.
        ("1234 руб 50 коп", Some(123_450)),
        ("1 234 ₽ 50 коп", Some(123_450)),
        ("1 234 ₽ 50 коп.", Some(123_450)),
        ("1234₽50коп", Some(123_450)),
        ("1 234 р. 5 коп.", Some(123_405)),
        ("1 234 рублей 50 копеек", Some(123_450)),
        ("1 234 рубля 02 копейки", Some(123_402)),
        ("1 рубль 1 копейка", Some(101)),
        ("1234 rub 50 коп", Some(123_450)),
        // Roubles alone, as before, and in words.
        ("1 234 ₽", Some(123_400)),
        ("₽1234", Some(123_400)),
        ("1234 рублей", Some(123_400)),
        ("1234 руб.", Some(123_400)),
    ];
    let cells: Vec<Option<&str>> = table.iter().map(|(c, _)| Some(*c)).collect();
    let (s, bad) = run(Kind::Money, &cells);
    let got: Vec<Option<i64>> = s.i64().unwrap().iter().collect();
    for (((cell, want), got), bad) in table.iter().zip(got).zip(bad) {
        assert_eq!(got, *want, "{cell:?}");
        assert_eq!(bad, want.is_none(), "{cell:?}");
    }
    // The same cells by the distinct-cell path and the pass over mostly distinct cells.
    let ca = StringChunked::new("raw".into(), cells.clone());
    let (v, _) = numbers::column_values(Kind::Money, &ca, "v", &Currency::Rub).unwrap();
    let want: Vec<Option<i64>> = table.iter().map(|(_, w)| *w).collect();
    assert_eq!(v.i64().unwrap().iter().collect::<Vec<_>>(), want);
    let raw = Column::new("raw".into(), cells);
    let v = parse_distinct(Kind::Money, &raw, "v", &Currency::Rub)
        .unwrap()
        .unwrap();
    assert_eq!(v.i64().unwrap().iter().collect::<Vec<_>>(), want);
}

#[test]
fn numbers_and_whole_numbers() {
    let (s, bad) = run(
        Kind::Number,
        &[
            Some("1,5"),
            Some("2"),
            Some("15%"),
            Some("x"),
            // Quantities and norm hours with their units, as lines write them.
            Some("4 л"),
            Some("1 компл."),
            Some("1,5 н/ч"),
            Some("0,5 нч"),
            Some("2 часа"),
            Some("3 ед."),
            Some("4 литра"),
        ],
    );
    assert_eq!(
        s.f64().unwrap().iter().collect::<Vec<_>>(),
        vec![
            Some(1.5),
            Some(2.0),
            Some(15.0),
            None,
            Some(4.0),
            Some(1.0),
            Some(1.5),
            Some(0.5),
            Some(2.0),
            Some(3.0),
            None
        ]
    );
    assert_eq!(
        bad,
        [false, false, false, true, false, false, false, false, false, false, true]
    );
    let (s, bad) = run(
        Kind::Int,
        &[Some("123 456"), Some("15 000 км"), Some("12,5"), Some("")],
    );
    assert_eq!(
        s.i64().unwrap().iter().collect::<Vec<_>>(),
        vec![Some(123_456), Some(15_000), None, None]
    );
    assert_eq!(bad, [false, false, true, false]);
}

#[test]
fn booleans_in_both_languages_and_empty_is_false() {
    let (s, bad) = run(
        Kind::Bool,
        &[
            Some("да"),
            Some("Нет"),
            Some("yes"),
            Some("no"),
            Some("1"),
            Some("0"),
            Some("TRUE"),
            Some("false"),
            Some("+"),
            Some("−"),
            Some("-"),
            None,
            Some("может быть"),
        ],
    );
    let v: Vec<Option<bool>> = s.bool().unwrap().iter().collect();
    let t = Some(true);
    let f = Some(false);
    assert_eq!(v, vec![t, f, t, f, t, f, t, f, t, f, f, f, f]);
    assert_eq!(bad.iter().filter(|b| **b).count(), 1);
    assert!(bad[12]);
}

#[test]
fn enums_default_when_empty_and_reject_unknown_status() {
    let (s, bad) = run(
        Kind::Enum(EnumKind::Status),
        &[None, Some("Отменён"), Some("наверное")],
    );
    assert_eq!(
        s.str().unwrap().iter().collect::<Vec<_>>(),
        vec![Some("done"), Some("cancelled"), None]
    );
    assert_eq!(bad, [false, false, true]);
    let (s, bad) = run(Kind::Enum(EnumKind::Channel), &[None, Some("новый канал")]);
    assert_eq!(
        s.str().unwrap().iter().collect::<Vec<_>>(),
        vec![Some("other"), Some("other")]
    );
    assert_eq!(bad, [false, false]);
}
