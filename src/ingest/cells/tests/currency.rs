//! Money read in the station's currency (`currency` in stoa.toml): its own signs and codes
//! set aside as the rouble's are at a rouble station, every other currency's sum (the
//! rouble's included) rejected with the money reason naming the station's currency.
//! Session 29 read the rouble's signs alone whatever the setting, and a dollar station had
//! every `$1 234.50` rejected.

use super::*;

/// Each cell of `table` read as money at a station of `currency` by the three paths a
/// column may take (the plan over every cell, the strict pass over mostly distinct cells,
/// the distinct cells), against its kopecks, or None where it is rejected.
fn reads(currency: &Currency, table: &[(&str, Option<i64>)]) {
    let cells: Vec<Option<&str>> = table.iter().map(|(c, _)| Some(*c)).collect();
    let want: Vec<Option<i64>> = table.iter().map(|(_, w)| *w).collect();
    let (s, bad) = run_in(Kind::Money, &cells, currency);
    let got: Vec<Option<i64>> = s.i64().unwrap().iter().collect();
    for (((cell, want), got), bad) in table.iter().zip(got).zip(bad) {
        assert_eq!(got, *want, "{currency:?}: {cell:?}");
        assert_eq!(bad, want.is_none(), "{currency:?}: {cell:?}");
    }
    let ca = StringChunked::new("raw".into(), cells.clone());
    let (v, _) = numbers::column_values(Kind::Money, &ca, "v", currency).unwrap();
    assert_eq!(
        v.i64().unwrap().iter().collect::<Vec<_>>(),
        want,
        "{currency:?}"
    );
    let raw = Column::new("raw".into(), cells);
    let v = parse_distinct(Kind::Money, &raw, "v", currency)
        .unwrap()
        .unwrap();
    assert_eq!(
        v.i64().unwrap().iter().collect::<Vec<_>>(),
        want,
        "{currency:?}"
    );
}

#[test]
fn regression_a_dollar_station_reads_its_dollars_and_rejects_roubles() {
    reads(
        &Currency::new("USD"),
        &[
            ("$1,234.50", Some(123_450)),
            ("$1 234.50", Some(123_450)),
            ("$ 1234", Some(123_400)),
            ("1234 $", Some(123_400)),
            ("1 234,50 $", Some(123_450)),
            ("1234 USD", Some(123_400)),
            ("USD 1234", Some(123_400)),
            ("1234.5 usd", Some(123_450)),
            ("US$1,234.50", Some(123_450)),
            ("-$1,234.50", Some(-123_450)),
            ("($1,234.50)", Some(-123_450)),
            ("1234", Some(123_400)),
            ("-", Some(0)),
            // The rouble and every other currency: no sum in dollars.
            ("1 234 ₽", None),
            ("₽1234", None),
            ("1234 руб.", None),
            ("1234 р.", None),
            ("1234 RUB", None),
            ("1234 руб 50 коп", None),
            ("1234 €", None),
            ("1 500 ₸", None),
            // Cents in words are not read (kopecks are, for the rouble's).
            ("$12 50¢", None),
        ],
    );
}

#[test]
fn regression_a_euro_station_reads_its_euros() {
    reads(
        &Currency::new("EUR"),
        &[
            ("1 234,50 €", Some(123_450)),
            ("€1.234,50", Some(123_450)),
            ("€ 990", Some(99_000)),
            ("1234 EUR", Some(123_400)),
            ("eur 1234", Some(123_400)),
            ("1234,5", Some(123_450)),
            ("$1234", None),
            ("1234 USD", None),
            ("1 234 ₽", None),
            ("1234 руб.", None),
        ],
    );
}

#[test]
fn regression_a_tenge_station_reads_its_tenge_in_sign_code_and_words() {
    reads(
        &Currency::new("KZT"),
        &[
            ("1 500 ₸", Some(150_000)),
            ("₸1500", Some(150_000)),
            ("1500 тг", Some(150_000)),
            ("1 500 тг.", Some(150_000)),
            ("1 500 тенге", Some(150_000)),
            ("1500 KZT", Some(150_000)),
            ("1 500,50", Some(150_050)),
            ("1 500 ₽", None),
            ("1500 руб.", None),
            ("$1500", None),
            // Kopecks in words are the rouble's (and the Belarusian rouble's) only.
            ("1500 тг 50 коп", None),
        ],
    );
}

#[test]
fn regression_hryvnias_and_belarusian_roubles_with_their_kopecks() {
    reads(
        &Currency::new("UAH"),
        &[
            ("1 234,50 грн", Some(123_450)),
            ("1234 грн.", Some(123_400)),
            ("₴1234", Some(123_400)),
            ("1234 UAH", Some(123_400)),
            ("1234 ₽", None),
            ("1234 руб.", None),
        ],
    );
    reads(
        &Currency::new("BYN"),
        &[
            ("1 234 Br", Some(123_400)),
            ("Br 1234", Some(123_400)),
            ("1234 BYN", Some(123_400)),
            ("1 234 бел. руб.", Some(123_400)),
            ("1 234 руб.", Some(123_400)),
            ("1 234 руб. 50 коп.", Some(123_450)),
            ("1 234 Br 5 коп.", Some(123_405)),
            ("1 234 бел. руб. 50 коп.", Some(123_450)),
            // The Russian rouble's sign is another currency's.
            ("1 234 ₽", None),
            ("1 234 ₽ 50 коп", None),
            ("$1234", None),
        ],
    );
}

#[test]
fn regression_a_pound_station_reads_pounds_before_or_after_the_sum() {
    // `£1,234.50` and `1 234,50 £` were rejected at a GBP station, whose code had no
    // sign of its own (only `1234 GBP` was read).
    reads(
        &Currency::new("GBP"),
        &[
            ("£1,234.50", Some(123_450)),
            ("1 234,50 £", Some(123_450)),
            ("-£1,234.50", Some(-123_450)),
            ("1234 GBP", Some(123_400)),
            ("gbp 1234", Some(123_400)),
            // Another currency's sign is no sum of the station's.
            ("$1,234.50", None),
            ("1 234 ₽", None),
        ],
    );
    // At a rouble station a pound is another currency's.
    reads(&Currency::new("RUB"), &[("£1,234.50", None)]);
}

#[test]
fn regression_an_unknown_code_is_its_own_sign() {
    reads(
        &Currency::new("gel"),
        &[
            ("1234 GEL", Some(123_400)),
            ("GEL 1 234,50", Some(123_450)),
            ("1234gel", Some(123_400)),
            ("1234", Some(123_400)),
            // Its sign is unknown to stoa: only the code is read.
            ("1234 ₾", None),
            ("1234 ₽", None),
            ("$1234", None),
        ],
    );
}

#[test]
fn regression_a_rouble_station_still_rejects_dollars_with_the_roubles_reason() {
    reads(
        &Currency::new("RUB"),
        &[
            ("$1,234.50", None),
            ("$1234", None),
            ("1234 USD", None),
            ("1 234 ₽", Some(123_400)),
            ("1234 руб 50 коп", Some(123_450)),
        ],
    );
    assert_eq!(reason_in(Kind::Money, &Currency::Rub), reasons::MONEY);
    assert_eq!(reason(Kind::Money), reasons::MONEY);
}

#[test]
fn the_money_reason_names_the_stations_currency_and_other_kinds_keep_theirs() {
    for (code, want) in [("USD", "USD"), ("kzt", "KZT"), ("GEL", "GEL")] {
        let said = reason_in(Kind::Money, &Currency::new(code));
        let expected = format!("a sum in another currency than the station's {want} is not read");
        assert!(said.contains(&expected), "{said}");
        assert_eq!(
            reasons::parse(reasons::MONEY_IN, &said),
            Some(vec![want, want])
        );
    }
    let usd = Currency::new("USD");
    assert_eq!(reason_in(Kind::Number, &usd), reasons::NUMBER);
    assert_eq!(reason_in(Kind::Date, &usd), reasons::DATE);
}
