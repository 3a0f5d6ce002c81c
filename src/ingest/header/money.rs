//! Money headers as Russian exports write them: a unit after the name (`Сумма, руб.`,
//! `Цена (₽)`; [`super::units`]), VAT beside the amount (`Сумма НДС`, `Сумма с НДС`, `Сумма
//! без НДС`) and the line's total beside both (`Всего`). Read by their first word, `Сумма,
//! руб.` and `Сумма НДС, руб.` both began with the amount's name, neither was read, and the
//! amount was computed from the price, exit 0.

use super::units::{unit_of, without_unit, Measure};
use super::{Specificity, Synonyms};
use crate::schema::{Kind, Table};

/// Names of a line's total as 1C's tables head it beside the amount without VAT and the
/// VAT (`Сумма без НДС | Сумма НДС | Всего`): what the client paid for the line.
const LINE_TOTALS: [&str; 6] = [
    "всего",
    "всего по строке",
    "итого по строке",
    "total",
    "line total",
    "total amount",
];

/// How specifically a line's total names the amount: before any other built-in name of
/// it (`Сумма`, `Стоимость`, `Сумма со скидкой`, `Сумма с НДС`), after a name from the
/// configuration.
const LINE_TOTAL: usize = usize::MAX;

/// The words of a folded header cell, between its spaces and signs.
fn words(f: &str) -> impl Iterator<Item = &str> {
    f.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Words that name VAT.
fn vat_word(w: &str) -> bool {
    w == "ндс" || w == "vat" || w.starts_with("налог")
}

/// Words that say a figure includes VAT: `с НДС`, `с учётом НДС`, `включая НДС`, `вкл.
/// НДС`, `в т.ч. НДС`, `в том числе НДС`, `incl. VAT`.
const WITH_VAT: [&str; 11] = [
    "с",
    "учетом",
    "включая",
    "вкл",
    "т",
    "ч",
    "том",
    "числе",
    "incl",
    "including",
    "with",
];

/// Words that say a figure is net of VAT: `без НДС`, `без учёта НДС`, `excl. VAT`, `net
/// of VAT`.
const WITHOUT_VAT: [&str; 6] = ["без", "учета", "excl", "excluding", "without", "net"];

/// Words that may stand between a figure's name and its VAT and say nothing of it.
const FILLER: [&str; 1] = ["в"];

/// The columns whose headers may speak of VAT: the money of a line as the client pays it.
const VAT_COLUMNS: [&str; 4] = ["amount", "gross_amount", "unit_price", "discount"];

impl Synonyms {
    /// The column a cell `key` (folded, its unit left out) read as `found` names once VAT
    /// is told apart, among order lines: a figure with VAT (`Сумма с НДС`, `Сумма, в т.ч.
    /// НДС`) is its column, read as specifically as a whole name of the cell's length
    /// (so `Сумма с НДС` before `Сумма`: the amount is what the client paid); a figure
    /// without VAT (`Сумма без НДС`) stays read by its first words, after any other name
    /// of the column; the VAT itself (`Сумма НДС`, `Сумма НДС 20%`, `Сумма налога`) is no
    /// column. A cell named whole, or by the configuration, stands as it is.
    pub(super) fn vat(
        &self,
        key: &str,
        found: Option<(&'static str, Specificity)>,
    ) -> Option<(&'static str, Specificity)> {
        let Some((column, (false, false, name_chars))) = found else {
            return found;
        };
        if self.table != Table::OrderLines
            || !VAT_COLUMNS.contains(&column)
            || !words(key).any(vat_word)
        {
            return found;
        }
        let rest = key
            .char_indices()
            .nth(name_chars)
            .map_or("", |(i, _)| &key[i..]);
        let rest: Vec<&str> = words(rest).collect();
        let with = rest.iter().any(|w| WITH_VAT.contains(w));
        let without = rest.iter().any(|w| WITHOUT_VAT.contains(w));
        let only_vat = rest.iter().all(|w| {
            vat_word(w)
                || WITH_VAT.contains(w)
                || FILLER.contains(w)
                || w.chars().all(|c| c.is_ascii_digit())
        });
        match (with, without) {
            (true, false) if only_vat => Some((column, (true, false, key.chars().count()))),
            (false, false) => None,
            _ => found,
        }
    }
}

impl Synonyms {
    /// `found` for the cell `key` (folded, its unit left out) once a line's total is told:
    /// among order lines `Всего`, `Всего с НДС`, `Итого по строке`, `Total`, `Line total`
    /// name the amount before any other built-in name of it ([`LINE_TOTAL`]), as `Сумма с
    /// НДС` comes before `Сумма`: it is what the client paid for the line, VAT and discount
    /// in, where the other money cells beside it are net of VAT or before the discount
    /// (until session 30 `Всего` named nothing, and the revenue was net of VAT). A name
    /// from the configuration stands as it is; where the amount is left out, nothing.
    pub(super) fn line_total(
        &self,
        key: &str,
        found: Option<(&'static str, Specificity)>,
    ) -> Option<(&'static str, Specificity)> {
        if self.table != Table::OrderLines || found.is_some_and(|(_, s)| s.1) {
            return found;
        }
        // The total's name alone, or followed by VAT included (`Всего с НДС`, `Всего, в
        // т.ч. НДС`); never `Всего без НДС`, nor `Всего часов`.
        let total = LINE_TOTALS.iter().any(|t| {
            key.strip_prefix(t).is_some_and(|after| {
                let rest: Vec<&str> = words(after).collect();
                let with_vat = rest.iter().any(|w| vat_word(w))
                    && rest
                        .iter()
                        .all(|w| vat_word(w) || WITH_VAT.contains(w) || FILLER.contains(w));
                !after.starts_with(char::is_alphanumeric) && (rest.is_empty() || with_vat)
            })
        });
        let amount_named = self
            .names
            .iter()
            .any(|(c, n)| c.name == "amount" && !n.is_empty());
        match total && amount_named {
            true => Some(("amount", (true, false, LINE_TOTAL))),
            false => found,
        }
    }

    /// A line's total chosen as the amount of `row` (`chosen`) is read only beside another
    /// money cell (a price, an amount net of VAT, the VAT, a discount, a cell with a unit of
    /// money): alone, `Всего` may be the word of a row of totals, and no header. There it
    /// keeps the reading of a name of the amount's own (`Total`), or is not read.
    pub(super) fn lone_total(
        &self,
        row: &[String],
        chosen: &mut std::collections::BTreeMap<&'static str, (usize, Specificity)>,
        passed_over: &mut std::collections::BTreeMap<&'static str, Vec<usize>>,
    ) {
        let Some(&(at, (_, _, LINE_TOTAL))) = chosen.get("amount") else {
            return;
        };
        let kind = |column: &str| {
            self.table
                .input_columns()
                .iter()
                .find(|c| c.name == column)
                .map(|c| c.kind)
        };
        let money = |cell: &String| {
            let key = super::header_key(cell);
            !key.is_empty()
                && (self
                    .matched(cell)
                    .is_some_and(|(c, _)| kind(c) == Some(Kind::Money))
                    || words(&key).any(vat_word)
                    || unit_of(&key).is_some_and(|u| u.of == Measure::Money))
        };
        let beside = row
            .iter()
            .enumerate()
            .any(|(j, cell)| j != at && money(cell));
        if beside {
            return;
        }
        let key = super::header_key(&row[at]);
        let unitless = without_unit(&key);
        let own = self.names.iter().any(|(c, n)| {
            c.name == "amount"
                && n.iter()
                    .any(|(s, _)| *s == key || unitless.as_deref() == Some(s.as_str()))
        });
        match own {
            true => {
                chosen.insert("amount", (at, (true, false, key.chars().count())));
            }
            false => {
                chosen.remove("amount");
                passed_over.remove("amount");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::ingest::header::{derived_amount, Synonyms};
    use crate::schema::Table;

    /// Which money cell of an order line's header each column is read from, the cells
    /// after `Заказ-наряд | Наименование` counted from 0: amount, discount, unit price,
    /// gross (the amount before the discount), percentage discount.
    type Read = [Option<usize>; 5];

    fn read(cells: &str) -> (Read, Vec<&'static str>) {
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let row: Vec<String> = ["Заказ-наряд", "Наименование"]
            .into_iter()
            .chain(cells.split(';'))
            .map(str::to_string)
            .collect();
        let h = lines.find_header(&[row]).unwrap();
        let at = |c: &str| h.mapping.get(c).map(|&i| i - 2);
        let columns = [
            "amount",
            "discount",
            "unit_price",
            "gross_amount",
            "discount_pct",
        ];
        // A header that gives no amount must give what it is computed from.
        assert!(
            at("amount").is_some() || derived_amount(Table::OrderLines, &h),
            "{cells}"
        );
        (columns.map(at), h.loose.clone())
    }

    #[test]
    fn regression_money_headers_with_units_vat_discounts_and_gross_name_their_columns() {
        const N: Option<usize> = None;
        let s = Some;
        #[rustfmt::skip]
        let cases: &[(&str, Read)] = &[
            // amount, discount, price, gross, % — as SPEC §2 defines them.
            // Units of money are no part of a name (the tester's bug 04, case a: `Сумма,
            // руб.` was read by its first word, tied with `Сумма НДС, руб.`, and neither read).
            ("Цена, руб.;Кол-во;Сумма, руб.;Сумма НДС, руб.", [s(2), N, s(0), N, N]),
            ("Цена (руб);Кол-во;Сумма (руб);Сумма НДС (руб)", [s(2), N, s(0), N, N]),
            ("Цена, ₽;Кол-во;Сумма, ₽;НДС, ₽", [s(2), N, s(0), N, N]),
            ("Цена ₽;Сумма ₽", [s(1), N, s(0), N, N]),
            ("Цена в рублях;Сумма, в руб.", [s(1), N, s(0), N, N]),
            // The VAT is never the amount: `Сумма НДС`, `НДС`, `в т.ч. НДС`, `Ставка НДС`.
            ("Цена;Сумма;НДС", [s(1), N, s(0), N, N]),
            ("Цена;Сумма;в т.ч. НДС", [s(1), N, s(0), N, N]),
            ("Цена;Сумма;Ставка НДС;Сумма НДС", [s(1), N, s(0), N, N]),
            ("Сумма НДС 20%;Сумма", [s(1), N, N, N, N]),
            ("Сумма налогов;Сумма", [s(1), N, N, N, N]),
            // The amount with VAT is what the client paid: before the one without, and
            // before a bare `Сумма` beside it.
            ("Цена;Сумма с НДС;Сумма НДС", [s(1), N, s(0), N, N]),
            ("Цена;Сумма без НДС;Сумма с НДС", [s(2), N, s(0), N, N]),
            ("Сумма с НДС, руб.;Сумма без НДС, руб.", [s(0), N, N, N, N]),
            ("Сумма (с НДС);НДС", [s(0), N, N, N, N]),
            ("Сумма, в т.ч. НДС;НДС", [s(0), N, N, N, N]),
            ("Сумма, включая НДС;Сумма без учёта НДС", [s(0), N, N, N, N]),
            ("Сумма;Сумма с НДС", [s(1), N, N, N, N]),
            ("Amount excl. VAT;Amount incl. VAT;VAT", [s(1), N, N, N, N]),
            ("Цена без НДС;Цена с НДС;Сумма", [s(2), N, s(1), N, N]),
            // The amount before the discount is the gross, never the amount (bug 04, case
            // b), and is read only where nothing gives the amount.
            ("Цена;Кол-во;Сумма без скидки, руб.;Сумма, руб.", [s(3), N, s(0), N, N]),
            ("Сумма без скидки;Скидка;Сумма со скидкой", [s(2), s(1), N, N, N]),
            ("Сумма без скидки, руб.;Скидка, руб.;Сумма со скидкой, руб.", [s(2), s(1), N, N, N]),
            // The discount in money is the discount, never the amount (bug 05: the revenue
            // was the sum of the discounts).
            ("Цена;Кол-во;Сумма без скидки;Сумма скидки", [N, s(3), s(0), s(2), N]),
            ("Сумма без скидки;Сумма скидки;Сумма", [s(2), s(1), N, N, N]),
            ("Сумма до скидки;Размер скидки", [N, s(1), N, s(0), N]),
            ("Стоимость без скидки (руб);Сумма скидки (руб)", [N, s(1), N, s(0), N]),
            ("Сумма без скидки;Скидка, %", [N, N, N, s(0), s(1)]),
            ("Сумма скидки, %;Сумма", [s(1), N, N, N, s(0)]),
            ("Сумма без скидки с НДС;Сумма скидки", [N, s(1), N, s(0), N]),
            ("Discount amount;Amount", [s(1), s(0), N, N, N]),
        ];
        for (cells, expected) in cases {
            assert_eq!(&read(cells).0, expected, "{cells}");
        }
    }

    #[test]
    fn an_amount_without_vat_is_read_by_its_first_words_only_when_it_is_the_only_one() {
        // Alone, it is the only figure of the line's money, and read so with a warning
        // (`loose`); beside any other amount it is not read.
        assert_eq!(
            read("Цена;Сумма без НДС"),
            ([Some(1), None, Some(0), None, None], vec!["amount"])
        );
        assert_eq!(read("Сумма без НДС;Сумма, руб.").0[0], Some(1));
        // Read with a unit or VAT that says what it is, a cell is named whole: no warning.
        for cells in [
            "Цена, руб.;Сумма, руб.",
            "Цена с НДС;Сумма с НДС",
            "Сумма без скидки, руб.",
        ] {
            assert!(read(cells).1.is_empty(), "{cells}");
        }
        // Nor is a scaled unit since session 30: its figures are read scaled
        // (`Header::scale`), and said so instead.
        assert!(read("Цена;Сумма, тыс. руб.").1.is_empty());
    }

    #[test]
    fn vat_under_a_group_cell_of_the_amount() {
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let rows = |lower: [&str; 4]| {
            let upper = ["Заказ-наряд", "Наименование", "Сумма", ""];
            [upper, lower].map(|r| r.map(str::to_string).to_vec())
        };
        // `Сумма` over `с НДС | НДС`: two rows, the amount with VAT.
        let h = lines.find_header(&rows(["", "", "с НДС", "НДС"])).unwrap();
        assert_eq!((h.index, h.mapping.get("amount")), (1, Some(&2)));
        assert_eq!(h.mapping.len(), 3);
        // Over the VAT alone, its sub-headers name fewer columns than the row above: one
        // row, whose `Сумма` is the amount.
        let h = lines
            .find_header(&rows(["", "", "НДС", "Ставка НДС"]))
            .unwrap();
        assert_eq!((h.index, h.mapping.get("amount")), (0, Some(&2)));
    }

    #[test]
    fn a_gross_left_out_by_the_configuration_is_no_amount_either() {
        // With no name, `Сумма без скидки` is no column at all, not the amount by `Сумма`.
        let toml = "[columns.order_lines]\ngross_amount = false\n";
        let lines = Synonyms::new(Table::OrderLines, &Config::from_toml(toml, "t").unwrap());
        for cell in [
            "Сумма без скидки",
            "Сумма без скидки, руб.",
            "Стоимость до скидки",
        ] {
            assert_eq!(lines.column_of(cell), None, "{cell}");
        }
        assert_eq!(lines.column_of("Сумма, руб."), Some("amount"));
        // A name with its unit in stoa.toml is matched as written.
        let toml = "[columns.order_lines]\namount = [\"Итог, руб.\"]\n";
        let lines = Synonyms::new(Table::OrderLines, &Config::from_toml(toml, "t").unwrap());
        assert_eq!(
            lines.matched("Итог, руб."),
            Some(("amount", (true, true, 10)))
        );
    }

    #[test]
    fn regression_a_unit_of_money_inside_a_header_is_no_part_of_its_name() {
        // Session 30: a unit was left out only where it ended the cell, so these named
        // nothing, or the amount by its first word (`Сумма (руб.) без скидки` too).
        #[rustfmt::skip]
        let cases: &[(&str, Read)] = &[
            ("Цена, руб./шт;Кол-во;Сумма, руб. (с НДС);Сумма НДС, руб.", [Some(2), None, Some(0), None, None]),
            ("Цена, руб./шт;Сумма (руб.) без скидки", [None, None, Some(0), Some(1), None]),
            ("Сумма (руб.) без скидки;Сумма (руб.) со скидкой", [Some(1), None, None, None, None]),
        ];
        for (cells, expected) in cases {
            let (read, loose) = read(cells);
            assert_eq!(&read, expected, "{cells}");
            assert!(loose.is_empty(), "{cells}: {loose:?}");
        }
    }

    #[test]
    fn regression_kopecks_and_thousands_of_roubles_are_read_scaled() {
        use crate::ingest::header::Scale;
        // Until session 30 these were read by their first word, their figures as roubles.
        // The header says which columns are scaled, and how.
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let row: Vec<String> = [
            "Заказ-наряд",
            "Работа",
            "Кол-во",
            "Цена, коп.",
            "Сумма, коп.",
        ]
        .map(String::from)
        .to_vec();
        let h = lines.find_header(&[row]).unwrap();
        assert_eq!(h.scale("amount"), Some(Scale::Kopecks));
        assert_eq!(h.scale("unit_price"), Some(Scale::Kopecks));
        assert!(h.loose.is_empty(), "{:?}", h.loose);
        let prices = Synonyms::new(Table::PriceList, &Config::default());
        let row: Vec<String> = ["Код", "Наименование", "Цена (тыс. руб.)"]
            .map(String::from)
            .to_vec();
        let h = prices.find_header(&[row]).unwrap();
        assert_eq!(h.scale("price"), Some(Scale::Thousands));
    }

    #[test]
    fn regression_the_total_of_a_line_is_its_amount_beside_other_money() {
        // 1C's `Сумма без НДС | Сумма НДС | Всего`: `Всего` named nothing, and the amount
        // was read from `Сумма без НДС`, net of VAT, with a warning (session 30).
        const N: Option<usize> = None;
        let s = Some;
        #[rustfmt::skip]
        let cases: &[(&str, Read)] = &[
            ("Цена;Кол-во;Сумма без НДС;Сумма НДС;Всего", [s(4), N, s(0), N, N]),
            ("Сумма без НДС;НДС;Всего с НДС", [s(2), N, N, N, N]),
            ("Цена;Сумма;НДС;Всего", [s(3), N, s(0), N, N]),
            ("Цена;Стоимость;НДС;Всего, руб.", [s(3), N, s(0), N, N]),
            ("Цена;Сумма со скидкой;Итого по строке", [s(2), N, s(0), N, N]),
            ("Price;Amount excl. VAT;VAT;Line total", [s(3), N, s(0), N, N]),
            ("Сумма с НДС;Всего", [s(1), N, N, N, N]),
            ("Цена;Всего часов", [N, N, s(0), N, N]),
            ("Цена;Сумма;Всего без НДС", [s(1), N, s(0), N, N]),
        ];
        for (cells, expected) in cases {
            assert_eq!(&read(cells).0, expected, "{cells}");
        }
        // Beside no other money cell, `Всего` is no header's (a row of totals starts so),
        // while `Total`, a name of the amount of its own, is read as before.
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let row = |cells: &[&str]| vec![cells.iter().map(|c| c.to_string()).collect()];
        let h = lines
            .find_header(&row(&["Заказ-наряд", "Работа", "Всего"]))
            .unwrap();
        assert_eq!(h.mapping.get("amount"), None);
        let h = lines
            .find_header(&row(&["Order", "Item", "Total"]))
            .unwrap();
        assert_eq!(h.mapping.get("amount"), Some(&2));
        assert!(lines.find_header(&row(&["Всего:", "", "15000"])).is_none());
        // A name in stoa.toml comes first; with the amount left out, `Всего` is nothing.
        let toml = "[columns.order_lines]\namount = [\"Сумма\"]\n";
        let lines = Synonyms::new(Table::OrderLines, &Config::from_toml(toml, "t").unwrap());
        let h = lines
            .find_header(&row(&["Заказ-наряд", "Сумма", "НДС", "Всего"]))
            .unwrap();
        assert_eq!(h.mapping.get("amount"), Some(&1));
        // The visits have no amount: `Всего` is nothing there.
        let visits = Synonyms::new(Table::Visits, &Config::default());
        assert_eq!(visits.column_of("Всего"), None);
    }
}
