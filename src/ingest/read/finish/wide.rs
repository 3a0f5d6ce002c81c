//! A competitor price file in the wide layout: the services down the rows and one column
//! of prices per competitor (`Код работы | Наименование | АвтоМир | ТехЦентр Север`), as a
//! price survey is often kept. stoa reads one observation a row (SPEC §2), so such a file
//! lacks the competitor and price columns; the error asked for synonyms of them, which no
//! renaming of this file could give.

use polars::prelude::*;
use regex::Regex;

use crate::ingest::cells::Currency;
use crate::ingest::header::Header;
use crate::ingest::IngestError;
use crate::schema::{fold, Table};

/// How many rows from the top are looked at to tell a column of prices.
pub(in crate::ingest::read) const SAMPLE: usize = 50;

/// A cell as the test of a column of prices sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::ingest::read) enum Sampled<'a> {
    /// Nothing in it.
    Blank,
    /// A number cell.
    Number,
    /// Text, trimmed.
    Text(&'a str),
}

/// The error of a competitor price file in the wide layout, when `header` is one:
/// its header has a service (its code or description) but no competitor, and columns
/// named by no column of the table hold prices (`holds_prices` of their position). Those
/// columns are the competitors.
pub(in crate::ingest::read) fn wide_layout(
    table: Table,
    header: &Header,
    place: &str,
    holds_prices: impl Fn(usize) -> bool,
) -> Option<IngestError> {
    let has = |c: &str| header.mapping.contains_key(c);
    if table != Table::CompetitorPrices
        || has("competitor")
        || !(has("service_code") || has("description"))
    {
        return None;
    }
    let read: Vec<usize> = header.mapping.values().copied().collect();
    let competitors: Vec<String> = header
        .cells
        .iter()
        .enumerate()
        .filter(|(i, cell)| !cell.is_empty() && !read.contains(i) && !ours(cell))
        .filter(|(i, _)| holds_prices(*i))
        .map(|(_, cell)| format!("«{cell}»"))
        .collect();
    (!competitors.is_empty()).then(|| IngestError::WideCompetitorPrices {
        place: place.to_string(),
        competitors: competitors.join(", "),
    })
}

/// Whether a header cell names the station's own price (`Наша цена`, `Our price`), which a
/// survey often keeps beside the competitors'.
fn ours(cell: &str) -> bool {
    let f = fold(cell);
    ["наш", "our "].iter().any(|w| f.starts_with(w))
}

/// Whether the first cells of a column are all prices or blank, with one price at least
/// (a number cell, or text such as `1 250,00 ₽`, or `$1,250.00` at a dollar station: the
/// signs are the station's `currency`; until session 31 only the rouble's).
pub(in crate::ingest::read) fn holds_prices<'a>(
    cells: impl Iterator<Item = Sampled<'a>>,
    currency: &Currency,
) -> bool {
    let Ok(signs) = Regex::new(&currency.signs_around()) else {
        return false;
    };
    let mut any = false;
    for cell in cells.take(SAMPLE) {
        match cell {
            Sampled::Blank => {}
            Sampled::Text(t) if t.trim().is_empty() => {}
            Sampled::Number => any = true,
            Sampled::Text(t) if looks_like_price(t, &signs) => any = true,
            Sampled::Text(_) => return false,
        }
    }
    any
}

/// Whether the frame's column `name` holds prices in its first rows.
pub(in crate::ingest::read) fn frame_holds_prices(
    frame: &DataFrame,
    name: &str,
    currency: &Currency,
) -> bool {
    let Ok(column) = frame.column(name) else {
        return false;
    };
    let values: Vec<AnyValue> = (0..column.len().min(SAMPLE))
        .filter_map(|i| column.get(i).ok())
        .collect();
    holds_prices(
        values.iter().map(|v| match v {
            AnyValue::Null => Sampled::Blank,
            AnyValue::String(s) => Sampled::Text(s),
            AnyValue::StringOwned(s) => Sampled::Text(s.as_str()),
            v if v.is_primitive_numeric() => Sampled::Number,
            _ => Sampled::Text(""),
        }),
        currency,
    )
}

/// `1 250,00`, `1250`, `1 250 ₽`, `1250 руб.`, `$1,250.00`: a price as a survey writes it,
/// with the currency's `signs` ([`Currency::signs_around`]) before or after it.
fn looks_like_price(text: &str, signs: &Regex) -> bool {
    let t = text.trim().to_lowercase();
    let t = signs.replace_all(&t, "");
    let t = t.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '\u{a0}' | '\u{202f}' | ',' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str], mapping: &[(&'static str, usize)]) -> Header {
        Header {
            cells: cells.iter().map(|c| c.to_string()).collect(),
            mapping: mapping.iter().copied().collect(),
            ..Header::default()
        }
    }

    /// The competitors the wide layout's error names, if it is raised.
    fn named(table: Table, header: &Header, frame: &DataFrame) -> Option<String> {
        let names = frame.get_column_names();
        match wide_layout(table, header, "f.csv", |i| {
            frame_holds_prices(frame, names[i].as_str(), &Currency::Rub)
        }) {
            Some(IngestError::WideCompetitorPrices { competitors, .. }) => Some(competitors),
            _ => None,
        }
    }

    #[test]
    fn the_price_columns_no_column_names_are_the_competitors_of_a_wide_file() {
        let frame = df!(
            "a" => ["WSH-01", "MNT-01"],
            "b" => ["Мойка", "Замена масла"],
            "c" => [Some("750"), Some("1 300,00")],
            "d" => [None, Some("1250 ₽")],
            "e" => ["да", "нет"],
        )
        .unwrap();
        let cells = [
            "Код работы",
            "Наименование",
            "АвтоМир",
            "Север",
            "Примечание",
        ];
        let wide = header(&cells, &[("service_code", 0), ("description", 1)]);
        assert_eq!(
            named(Table::CompetitorPrices, &wide, &frame).as_deref(),
            Some("«АвтоМир», «Север»")
        );
        // The station's own price beside them is no competitor.
        let ours = header(
            &[
                "Код работы",
                "Наименование",
                "Наша цена",
                "Север",
                "Примечание",
            ],
            &[("service_code", 0)],
        );
        assert_eq!(
            named(Table::CompetitorPrices, &ours, &frame).as_deref(),
            Some("«Север»")
        );
        // A long file whose competitor column is named otherwise holds names, not prices:
        // that is a missing column, as before.
        let long_frame = frame.select(["a", "b", "e"]).unwrap();
        let long = header(
            &["Код работы", "Наименование", "Организация"],
            &[("service_code", 0)],
        );
        assert_eq!(named(Table::CompetitorPrices, &long, &long_frame), None);
        // With a competitor column, or in another table, nothing is said.
        let with = header(&cells, &[("service_code", 0), ("competitor", 4)]);
        assert_eq!(named(Table::CompetitorPrices, &with, &frame), None);
        assert_eq!(named(Table::PriceList, &wide, &frame), None);
    }

    #[test]
    fn prices_are_told_from_other_text() {
        let rub = Regex::new(&Currency::Rub.signs_around()).unwrap();
        for price in ["750", "1 300,00", "1 250 ₽", "1250 руб.", "99.5", "1250 р."] {
            assert!(looks_like_price(price, &rub), "{price}");
        }
        for other in ["", "да", "2026-03-01x", "₽", "АвтоМир", "$750"] {
            assert!(!looks_like_price(other, &rub), "{other}");
        }
        use Sampled::{Blank, Number, Text};
        let holds = |cells: &[Sampled]| holds_prices(cells.iter().copied(), &Currency::Rub);
        assert!(holds(&[Blank, Number, Text("1 250,00")]));
        assert!(!holds(&[Blank, Blank]));
        assert!(!holds(&[Number, Text("нет")]));
    }

    #[test]
    fn regression_prices_are_told_in_the_stations_currency() {
        // Session 31: only `₽` and `руб.` made a cell a price, and a dollar station's wide
        // survey was taken for a file lacking its columns.
        let usd = Regex::new(&Currency::Usd.signs_around()).unwrap();
        for price in ["$750", "$1,250.00", "1 250 $", "750 USD", "us$ 99.50"] {
            assert!(looks_like_price(price, &usd), "{price}");
        }
        for other in ["$", "AutoWorld", "1 250 ₽"] {
            assert!(!looks_like_price(other, &usd), "{other}");
        }
        let kzt = Regex::new(&Currency::Kzt.signs_around()).unwrap();
        assert!(looks_like_price("12 500 ₸", &kzt));
        assert!(looks_like_price("12 500 тг.", &kzt));
        use Sampled::{Blank, Text};
        let cells = [Text("$700"), Blank, Text("$1,200.00")];
        assert!(holds_prices(cells.iter().copied(), &Currency::Usd));
        assert!(!holds_prices(cells.iter().copied(), &Currency::Rub));
    }
}
