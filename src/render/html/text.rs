//! How one value reads on the page: HTML escaping, digit grouping, the reader's decimal
//! mark and thousands separator, the currency sign, and a KPI's change with its colour.

use crate::cli::Lang;
use crate::render::xlsx::Change;
use crate::render::{i18n, settled, Cell, ColumnKind};

/// Escape text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Thousands separated by a space in the integer part of a formatted number:
/// `-1234567.5` → `-1 234 567.5`.
pub fn group_digits(number: &str) -> String {
    let (sign, rest) = match number.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", number),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

/// A whole number with its thousands apart as `lang` writes them where the text is not
/// copied back into Excel (a chart's axis, the title of a sheet's part): `12,000` in
/// English, `12 000` in Russian.
pub fn thousands(lang: Lang, whole: &str) -> String {
    let grouped = group_digits(whole);
    match lang {
        Lang::En => grouped.replace(' ', ","),
        Lang::Ru => grouped,
    }
}

/// A number as the reader of `lang` writes it ([`group_digits`]'s spaces the thousands'
/// separator): in English a comma between thousands (`12,000.50`), as the workbook's
/// `#,##0.00` shows it in an English Excel (the page wrote `12 000.50`); in Russian a
/// decimal comma and a non-breaking space between thousands, as a Russian Excel writes
/// them (a plain space did not read back as a number when a table was copied from the
/// page into Excel).
pub fn localise(lang: Lang, text: String) -> String {
    match lang {
        Lang::En => text.replace(' ', ","),
        Lang::Ru => text.replace('.', ",").replace(' ', "\u{a0}"),
    }
}

/// The text of a cell of `kind`.
pub fn format_cell(lang: Lang, kind: ColumnKind, cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Date(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
        Cell::Text(s) => s.clone(),
        Cell::Number(v) => {
            // What rounds to zero is `0.00`, not `-0.00` ([`settled`]).
            let v = settled(*v, kind.decimals());
            localise(
                lang,
                match kind {
                    ColumnKind::Money => group_digits(&format!("{v:.2}")),
                    ColumnKind::Rate => format!("{:.1}%", v * 100.0),
                    ColumnKind::Integer => group_digits(&format!("{v:.0}")),
                    ColumnKind::Ordinal => format!("{v:.0}"),
                    // Two decimals, as the workbook shows them: trimmed, `137.14` stood
                    // beside `240` in one column and the decimal points did not line up.
                    _ => group_digits(&format!("{v:.2}")),
                },
            )
        }
    }
}

/// The text of a cell of `kind` on the page: [`format_cell`], money with the currency's
/// `sign` where `lang` writes it (`1 234,50 ₽`, `$1,234.50`: [`crate::config::with_sign`]),
/// as the workbook's money format shows it; before, the page's amounts named no currency.
/// The space before a sign that follows does not break.
pub fn page_cell(lang: Lang, kind: ColumnKind, cell: &Cell, sign: &str) -> String {
    let text = format_cell(lang, kind, cell);
    match (kind, cell) {
        (ColumnKind::Money, Cell::Number(_)) => crate::config::with_sign(lang, &text, sign),
        _ => text,
    }
}

/// The text and colour class of a change (`up` green, `down` red; `better_low` swaps them).
pub(super) fn format_change(
    lang: Lang,
    change: Option<Change>,
    better_low: bool,
) -> (String, &'static str) {
    // Only the number is localised: the unit "п.п." keeps its dots. What rounds to zero
    // is `0.0` without a sign or a colour (it read `-0,0 п.п.` in red).
    let signed = |x: f64| match x == 0.0 {
        true => format!("{:.1}", 0.0),
        false => format!("{x:+.1}"),
    };
    let (value, text) = match change.map(Change::settled) {
        None => return (String::new(), ""),
        Some(Change::Relative(x)) => (x, localise(lang, format!("{}%", signed(x * 100.0)))),
        Some(Change::Points(x)) => (
            x,
            format!("{} {}", localise(lang, signed(x)), i18n::t(lang, "ui.pp")),
        ),
    };
    let class = match (value > 0.0, value < 0.0, better_low) {
        (true, _, false) | (_, true, true) => "up",
        (true, _, true) | (_, true, false) => "down",
        _ => "",
    };
    (text, class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn numbers_are_grouped_and_localised() {
        assert_eq!(group_digits("1234567.50"), "1 234 567.50");
        assert_eq!(group_digits("-123"), "-123");
        assert_eq!(group_digits("-1234"), "-1 234");
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Money, &Cell::Number(1234.5)),
            "1,234.50"
        );
        // English: a comma between thousands, as the workbook's `#,##0` (it was a space).
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Integer, &Cell::Number(12000.0)),
            "12,000"
        );
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Money, &Cell::Number(-1234567.5)),
            "-1,234,567.50"
        );
        // Russian: a non-breaking space between thousands, as a Russian Excel reads them.
        assert_eq!(
            format_cell(Lang::Ru, ColumnKind::Money, &Cell::Number(1234.5)),
            "1\u{a0}234,50"
        );
        // A row of the user's file, as Excel numbers it.
        assert_eq!(
            format_cell(Lang::Ru, ColumnKind::Ordinal, &Cell::Number(1464.0)),
            "1464"
        );
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Rate, &Cell::Number(0.256)),
            "25.6%"
        );
        // Other numbers keep two decimals, as in the workbook, so a column's points align.
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Number, &Cell::Number(2.5)),
            "2.50"
        );
        assert_eq!(
            format_cell(Lang::Ru, ColumnKind::Number, &Cell::Number(240.0)),
            "240,00"
        );
        assert_eq!(
            format_cell(Lang::En, ColumnKind::Date, &Cell::Date(2026, 3, 1)),
            "2026-03-01"
        );
    }

    #[test]
    fn regression_money_on_the_page_carries_the_currency_sign() {
        // As the workbook's `#,##0.00" ₽"`: the page's amounts named no currency.
        assert_eq!(
            page_cell(Lang::Ru, ColumnKind::Money, &Cell::Number(1234.5), "₽"),
            "1\u{a0}234,50\u{a0}₽"
        );
        // The dollar before the amount in English, after its minus (session 32: it was
        // `-20.00 $`), and after it in Russian; the rouble after it in both.
        assert_eq!(
            page_cell(Lang::En, ColumnKind::Money, &Cell::Number(-20.0), "$"),
            "-$20.00"
        );
        assert_eq!(
            page_cell(Lang::En, ColumnKind::Money, &Cell::Number(1800.0), "€"),
            "€1,800.00"
        );
        assert_eq!(
            page_cell(Lang::Ru, ColumnKind::Money, &Cell::Number(1800.0), "$"),
            "1\u{a0}800,00\u{a0}$"
        );
        assert_eq!(
            page_cell(Lang::En, ColumnKind::Money, &Cell::Number(1800.0), "₽"),
            "1,800.00\u{a0}₽"
        );
        // Not money, or no amount: no sign.
        assert_eq!(
            page_cell(Lang::Ru, ColumnKind::Number, &Cell::Number(240.0), "₽"),
            "240,00"
        );
        assert_eq!(
            page_cell(Lang::Ru, ColumnKind::Money, &Cell::Empty, "₽"),
            ""
        );
    }

    #[test]
    fn changes_carry_their_direction() {
        // 1 100 after 1 000 is +10 %; a rate from 0.5 to 0.4 is −10 pp.
        assert_eq!(
            format_change(Lang::En, Some(Change::Relative(0.1)), false),
            ("+10.0%".to_string(), "up")
        );
        assert_eq!(
            format_change(Lang::Ru, Some(Change::Points(-10.0)), false),
            ("-10,0 п.п.".to_string(), "down")
        );
        // What rounds to zero is an unsigned zero without colour: −0.0004 pp read
        // `-0,0 п.п.` in red.
        assert_eq!(
            format_change(Lang::Ru, Some(Change::Points(-0.0004)), false),
            ("0,0 п.п.".to_string(), "")
        );
        assert_eq!(
            format_change(Lang::En, Some(Change::Points(0.04)), true),
            ("0.0 pp".to_string(), "")
        );
        assert_eq!(
            format_change(Lang::Ru, Some(Change::Relative(-0.0004)), false),
            ("0,0%".to_string(), "")
        );
        // A change of money that rounds to zero on the page: no minus.
        assert_eq!(
            page_cell(Lang::En, ColumnKind::Money, &Cell::Number(-0.004), "$"),
            "$0.00"
        );
        assert_eq!(
            format_cell(Lang::Ru, ColumnKind::Rate, &Cell::Number(-0.0004)),
            "0,0%"
        );
        // Just past it, the sign and the colour stay.
        assert_eq!(
            format_change(Lang::Ru, Some(Change::Points(-0.06)), false),
            ("-0,1 п.п.".to_string(), "down")
        );
        // Fewer comebacks is good news.
        assert_eq!(
            format_change(Lang::En, Some(Change::Points(-1.0)), true),
            ("-1.0 pp".to_string(), "up")
        );
    }
}
