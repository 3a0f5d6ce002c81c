//! `currency` of stoa.toml: the code of the currency the station keeps its books in. It was
//! taken as written whatever it was: `currency = ""` read money with no sign and showed it
//! with none, `"рубли"` set aside no rouble sign, so that every `1 500 руб.` was rejected as
//! a sum in another currency. Now the value is read trimmed and in any case, a sign or a
//! spelling the readers always took (`₽`, `руб.`, `$`) stands for its code, and anything
//! else is refused with the codes stoa knows.

use super::ConfigError;

/// The currencies stoa knows: the code, the sign money is shown with, and the other ways of
/// writing it that are taken for it (in upper case). The first seven have signs and words of
/// their own that the money reader sets aside (`ingest::cells::Currency`); the rest, the
/// currencies of the countries around Russia without a sign of their own in Windows-1251
/// or Excel's formats, are shown and read by their code (`1 234,50 GEL`).
pub const CURRENCIES: [(&str, &str, &[&str]); 16] = [
    ("RUB", "₽", &["RUR", "₽", "РУБ", "РУБ."]),
    ("BYN", "Br", &[]),
    ("KZT", "₸", &["₸"]),
    ("UAH", "₴", &["₴"]),
    ("USD", "$", &["$", "US$"]),
    ("EUR", "€", &["€"]),
    ("GBP", "£", &["£"]),
    ("GEL", "GEL", &[]),
    ("AMD", "AMD", &[]),
    ("AZN", "AZN", &[]),
    ("KGS", "KGS", &[]),
    ("UZS", "UZS", &[]),
    ("TJS", "TJS", &[]),
    ("TMT", "TMT", &[]),
    ("MDL", "MDL", &[]),
    ("CNY", "CNY", &[]),
];

/// The code of the currency `configured` names: its code or another spelling of it
/// ([`CURRENCIES`]), trimmed, in any case; None for an empty or unknown value.
///
/// ```
/// use stoa::config::currency_code;
/// assert_eq!(currency_code(" rub "), Some("RUB"));
/// assert_eq!(currency_code("руб."), Some("RUB"));
/// assert_eq!(currency_code("£"), Some("GBP"));
/// assert_eq!(currency_code("рубли"), None);
/// assert_eq!(currency_code(""), None);
/// ```
pub fn currency_code(configured: &str) -> Option<&'static str> {
    known_currency(configured).map(|(code, ..)| *code)
}

/// The entry of [`CURRENCIES`] that `configured` names, trimmed, in any case.
fn known_currency(
    configured: &str,
) -> Option<&'static (&'static str, &'static str, &'static [&'static str])> {
    let written = configured.trim().to_uppercase();
    CURRENCIES
        .iter()
        .find(|(code, _, others)| *code == written || others.contains(&written.as_str()))
}

/// The sign a money cell (and a list's money text) shows for the configured `currency`
/// code: ₽ for roubles, $, €, £, ₸, ₴ and Br for the others a station uses, the code
/// itself for any else.
///
/// ```
/// assert_eq!(stoa::config::currency_sign("RUB"), "₽");
/// assert_eq!(stoa::config::currency_sign("kzt"), "₸");
/// assert_eq!(stoa::config::currency_sign("GBP"), "£");
/// assert_eq!(stoa::config::currency_sign("GEL"), "GEL");
/// ```
pub fn currency_sign(currency: &str) -> String {
    match known_currency(currency) {
        Some((_, sign, _)) => sign.to_string(),
        None => currency.trim().to_uppercase(),
    }
}

/// The codes stoa takes, for the error of one it does not.
fn known() -> String {
    CURRENCIES
        .iter()
        .map(|(code, ..)| *code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The code of `currency` as configured, or the error naming the value and the codes.
pub(super) fn check(currency: &str) -> Result<&'static str, ConfigError> {
    currency_code(currency).ok_or_else(|| ConfigError::BadValue {
        key: vec!["currency".into()],
        value: format!("{currency:?}"),
        expected: format!(
            "it must be the code of the currency the books are kept in, one of {}",
            known()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::super::Config;

    #[test]
    fn regression_an_empty_or_unknown_currency_is_refused_with_the_codes() {
        // `currency = ""` and `"рубли"` were taken as they were: money was shown without
        // a sign, and at a "рубли" station every sum in roubles was rejected.
        for written in ["", "  ", "рубли", "dollars", "RU"] {
            let text = format!("currency = \"{written}\"\n");
            let e = Config::from_toml(&text, "s.toml").unwrap_err();
            assert_eq!(e.exit_code(), crate::error::ExitCode::Usage);
            assert_eq!(
                e.to_string(),
                format!("in the configuration file s.toml, line 1, column 12: the key `currency` has the value {written:?}, but it must be the code of the currency the books are kept in, one of RUB, BYN, KZT, UAH, USD, EUR, GBP, GEL, AMD, AZN, KGS, UZS, TJS, TMT, MDL, CNY")
            );
        }
        // Trimmed, in any case, a sign for its code: the code is kept.
        for (written, code) in [
            (" rub ", "RUB"),
            ("Rur", "RUB"),
            ("₽", "RUB"),
            ("usd", "USD"),
            ("£", "GBP"),
            ("gbp", "GBP"),
            ("byn", "BYN"),
            ("gel", "GEL"),
        ] {
            let text = format!("currency = \"{written}\"\n");
            let c = Config::from_toml(&text, "s.toml").unwrap();
            assert_eq!(c.currency, code, "{written:?}");
        }
    }
}
