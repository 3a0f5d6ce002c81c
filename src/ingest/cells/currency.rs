//! The station's currency (`currency` in stoa.toml) as the money reader takes it: the
//! signs and words of that currency beside a sum are set aside, as the rouble's are for a
//! rouble station, and a sum written in any other currency (the rouble's too, where the
//! station keeps its books in another) is no amount of the station's: its row is rejected
//! with the money reason, which names the station's currency. Session 29 set aside the
//! rouble's signs alone whatever the setting, and a station keeping its books in dollars
//! had every `$1 234.50` rejected; before it, `$` and `€` were dropped everywhere and
//! `$1234` read as 1234 ₽.

use polars::prelude::*;

use crate::ingest::reasons;

/// The rouble between a sum's roubles and its kopecks (lower case): `руб.`, `рублей`, `р.`,
/// `₽`, `rub`.
const ROUBLES: &str = r"(?:руб(?:л(?:ей|я|ь))?|р|₽|rub)\.?";

/// The Belarusian rouble between a sum's roubles and its kopecks: `Br`, `BYN`, `бел. руб.`,
/// `руб.`, `рублей`.
const BELARUSIAN: &str = r"(?:br|byn|бел\.?\s*руб(?:л(?:ей|я|ь))?|руб(?:л(?:ей|я|ь))?)\.?";

/// The kopecks after them: `коп.`, `копеек`, `копейки`, `копейка`.
const KOPECKS: &str = r"коп(?:еек|ейки|ейка)?\.?";

/// The units of quantities and norm hours as parts and labour lines write them after a
/// number (`4 л`, `1 компл.`, `1,5 н/ч`, `2 часа`), whatever the currency.
const UNITS: &str = r"км|km|шт\.?|л\.?|кг|компл\.?|к-т|ед\.?|н/ч|н\.ч\.?|нч|час(?:а|ов)?|ч\.?|%";

/// The currency a station's money is read in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Currency {
    /// The Russian rouble (`RUB`, also written `RUR`, `₽`, `руб.`): the default.
    #[default]
    Rub,
    /// The US dollar.
    Usd,
    /// The euro.
    Eur,
    /// The pound sterling.
    Gbp,
    /// The Kazakh tenge.
    Kzt,
    /// The Ukrainian hryvnia.
    Uah,
    /// The Belarusian rouble.
    Byn,
    /// Any other code, as configured (trimmed, in upper case): the code itself is its sign.
    Other(String),
}

impl Currency {
    /// The currency of `currency` in stoa.toml: its code in any case, or a sign (`₽`,
    /// `$`, `€`, `£`, `₸`, `₴`).
    ///
    /// ```
    /// use stoa::ingest::cells::Currency;
    /// assert_eq!(Currency::new("RUB"), Currency::Rub);
    /// assert_eq!(Currency::new(" usd "), Currency::Usd);
    /// assert_eq!(Currency::new("₸"), Currency::Kzt);
    /// assert_eq!(Currency::new("gel"), Currency::Other("GEL".into()));
    /// ```
    pub fn new(configured: &str) -> Currency {
        // The spellings the settings take for each code (`config::CURRENCIES`).
        let code = crate::config::currency_code(configured)
            .map_or_else(|| configured.trim().to_uppercase(), str::to_string);
        match code.as_str() {
            "RUB" => Currency::Rub,
            "USD" => Currency::Usd,
            "EUR" => Currency::Eur,
            "GBP" => Currency::Gbp,
            "KZT" => Currency::Kzt,
            "UAH" => Currency::Uah,
            "BYN" => Currency::Byn,
            _ => Currency::Other(code),
        }
    }

    /// The currency's code, as the reason names it.
    pub fn code(&self) -> &str {
        match self {
            Currency::Rub => "RUB",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
            Currency::Gbp => "GBP",
            Currency::Kzt => "KZT",
            Currency::Uah => "UAH",
            Currency::Byn => "BYN",
            Currency::Other(code) => code,
        }
    }

    /// Whether it is the Russian rouble, whose reading is as it was before the setting
    /// was followed (session 29's).
    pub fn is_rouble(&self) -> bool {
        *self == Currency::Rub
    }

    /// Whether Windows-1251 lacks the currency's sign, so that a CSV Excel saved in it
    /// writes `1 500,00 ?` for `1 500,00 ₽` (the rouble's `₽`, the tenge's `₸`, the
    /// hryvnia's `₴`). Its `$` and `€` it holds, as it holds the letters of `Br` and of a
    /// code: at such a station a `?` after the figure is no lost sign of its own but most
    /// likely a lost `₽`, a sum in another currency.
    ///
    /// ```
    /// use stoa::ingest::cells::Currency;
    /// assert!(Currency::Rub.sign_lost_in_windows_1251());
    /// assert!(Currency::Kzt.sign_lost_in_windows_1251());
    /// assert!(!Currency::Usd.sign_lost_in_windows_1251());
    /// assert!(!Currency::new("GEL").sign_lost_in_windows_1251());
    /// ```
    pub fn sign_lost_in_windows_1251(&self) -> bool {
        matches!(self, Currency::Rub | Currency::Kzt | Currency::Uah)
    }

    /// The reason a money cell that is no amount of this currency is rejected with: the
    /// rouble's as it always was, another's naming it (in the rejects, "a sum in another
    /// currency than the station's USD"), so that the user sees which currency was taken.
    pub fn money_reason(&self) -> String {
        match self {
            Currency::Rub => reasons::MONEY.to_string(),
            other => reasons::fill(reasons::MONEY_IN, &[other.code(), other.code()]),
        }
    }

    /// The currency's signs and words (lower case, as regex alternatives) before or after
    /// a sum of another currency than the rouble: longer ones first, so that `us$` is not
    /// read as `us` and `$`.
    fn signs(&self) -> Vec<String> {
        let fixed: &[&str] = match self {
            Currency::Rub => &[],
            Currency::Usd => &["usd", r"us\$", r"\$"],
            Currency::Eur => &["eur", "€"],
            Currency::Gbp => &["gbp", "£"],
            Currency::Kzt => &["kzt", "тенге", r"тг\.?", "₸"],
            Currency::Uah => &["uah", r"грн\.?", "₴"],
            Currency::Byn => &[BELARUSIAN],
            Currency::Other(code) => return escaped(code).into_iter().collect(),
        };
        fixed.iter().map(|s| s.to_string()).collect()
    }

    /// The major unit between a sum and its minor units in words (`1 500 руб. 05 коп.`):
    /// the roubles of the rouble and the Belarusian rouble, whose minor units are kopecks
    /// too. Other currencies' cents in words (`¢`, `центов`) are not read.
    fn with_kopecks(&self) -> Option<&'static str> {
        match self {
            Currency::Rub => Some(ROUBLES),
            Currency::Byn => Some(BELARUSIAN),
            _ => None,
        }
    }

    /// The pattern of the signs, words and units set aside around a number, and the text
    /// that replaces a match: a rouble station's as session 29 had it; another's, its own
    /// signs before or after the number, with a minus before the sign kept (`-$1,234.50`,
    /// as an English locale writes a negative sum).
    fn around(&self) -> (String, &'static str) {
        if self.is_rouble() {
            // Only the rouble's signs and words: a `$`, `€` or `USD` is another currency,
            // and its sum is not roubles (`$1234` was read as 1234 ₽ while `1234 USD` was
            // rejected).
            let pattern = format!(
                r"^(₽|руб\.?|rub)\s*|\s*(₽|руб(?:л(?:ей|я|ь))?\.?|р\.|р|rub\.?|rur|{UNITS})$"
            );
            return (pattern, "");
        }
        let signs = self.signs().join("|");
        let pattern = match signs.is_empty() {
            true => format!(r"\s*(?:{UNITS})$"),
            false => format!(r"^(-?)(?:{signs})\s*|\s*(?:{signs}|{UNITS})$"),
        };
        (pattern, "${1}")
    }
}

impl Currency {
    /// The pattern of the currency's signs and words before or after a figure (lower
    /// case): the rouble's `₽`, `руб.`, `р.`, `rub`; another's own (`$`, `usd`, `€`,
    /// `тг`). A survey's cell `$1,250.00` or `1 250 ₽` is a price in it.
    pub fn signs_around(&self) -> String {
        let signs = match self.is_rouble() {
            true => r"₽|руб(?:л(?:ей|я|ь))?\.?|р\.|rub\.?|rur".to_string(),
            false => self.signs().join("|"),
        };
        match signs.is_empty() {
            true => r"^\b$".to_string(),
            false => format!(r"^(?:{signs})\s*|\s*(?:{signs})$"),
        }
    }
}

/// An unknown code as a regex alternative that matches it written in any case (the text
/// is in lower case): ASCII punctuation escaped, white space inside it any white space.
/// None for an empty code, which sets nothing aside.
fn escaped(code: &str) -> Option<String> {
    let mut out = String::new();
    let mut space = false;
    for c in code.trim().to_lowercase().chars() {
        match c {
            c if c.is_whitespace() => space = true,
            c => {
                if std::mem::take(&mut space) {
                    out.push_str(r"\s*");
                }
                if c.is_ascii_punctuation() {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Text of a number with the station's currency signs and words, units and spaces
/// removed (stage 1 of numbers). Another currency's sign or code (for a rouble station
/// `$`, `€`, `£`, `¥`, `USD`, `EUR`; for a dollar one `₽` and `руб.` too) stays, so the
/// cell is not a number and its row is rejected with the money reason.
pub(super) fn number_text(s: Expr, currency: &Currency) -> Expr {
    let mut t = s
        .str()
        .to_lowercase()
        .str()
        .replace_all(lit("−"), lit("-"), true)
        // An accounting negative, `(1 234,50)`, as Excel reads it: −1234.50.
        .str()
        .replace(lit(r"^\((.*)\)$"), lit("-${1}"), false);
    if let Some(major) = currency.with_kopecks() {
        // Roubles and kopecks in words, as printed forms write a sum: `1 500 руб. 05 коп.`,
        // `1 234 ₽ 50 коп` (one kopeck digit is a count of kopecks: `5 коп.` is 0,05).
        t = t
            .str()
            .replace(
                lit(format!(r"^(.*\d)\s*{major}\s*(\d)\s*{KOPECKS}$")),
                lit("${1},0${2}"),
                false,
            )
            .str()
            .replace(
                lit(format!(r"^(.*\d)\s*{major}\s*(\d\d)\s*{KOPECKS}$")),
                lit("${1},${2}"),
                false,
            );
    }
    let (around, by) = currency.around();
    t.str()
        .replace_all(lit(around), lit(by), false)
        // A dash for the kopecks, as Russian price tags and hand-kept books write a whole
        // sum: `1930,-` is 1930 (before the next rule took it for a minus after the number).
        .str()
        .replace(lit(r"^(\d[\d\s.,']*?)[.,][-–—]$"), lit("${1}"), false)
        // A minus after the number, as SAP and some 1C printed forms write a negative sum:
        // `1 000,00-` is −1000.
        .str()
        .replace(lit(r"^(\d[\d\s.,']*)\s*-$"), lit("-${1}"), false)
        // Thousands separators: spaces of every kind and apostrophes.
        .str()
        .replace_all(lit(r"[\s']"), lit(""), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_signs_name_their_currency_and_an_unknown_code_is_its_own_sign() {
        for (configured, want) in [
            ("RUB", Currency::Rub),
            ("rur", Currency::Rub),
            ("₽", Currency::Rub),
            ("руб.", Currency::Rub),
            ("$", Currency::Usd),
            ("Eur", Currency::Eur),
            ("£", Currency::Gbp),
            (" gbp ", Currency::Gbp),
            ("kzt", Currency::Kzt),
            ("₴", Currency::Uah),
            ("BYN", Currency::Byn),
            (" gel ", Currency::Other("GEL".into())),
        ] {
            assert_eq!(Currency::new(configured), want, "{configured:?}");
        }
        assert_eq!(Currency::new("gel").code(), "GEL");
        assert_eq!(escaped("GEL").as_deref(), Some("gel"));
        assert_eq!(escaped("S/.").as_deref(), Some(r"s\/\."));
        assert_eq!(escaped("сом кг").as_deref(), Some(r"сом\s*кг"));
        assert_eq!(escaped("  "), None);
    }

    #[test]
    fn the_money_reason_is_the_roubles_as_before_and_names_another_currency() {
        assert_eq!(Currency::Rub.money_reason(), reasons::MONEY);
        let usd = Currency::Usd.money_reason();
        assert!(
            usd.contains("a sum in another currency than the station's USD"),
            "{usd}"
        );
        assert_eq!(
            reasons::parse(reasons::MONEY_IN, &usd),
            Some(vec!["USD", "USD"])
        );
    }
}
