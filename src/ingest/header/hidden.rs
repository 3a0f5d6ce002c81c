//! A header whose columns some are hidden: among the cells that name one column, the one in
//! view is read. A workbook that keeps an old `Сумма` in a hidden column beside the `Сумма`
//! in view shows the manager one of them, and that one is the data; until session 32 the
//! first was read, hidden or not (revenue 3200 where the sheet showed 2700, exit 0, with
//! only the warning of a column named twice).

use super::{header_key, Header, Synonyms};

/// A hidden cell of a header passed over for a cell in view that names its column too.
#[derive(Debug, Clone, PartialEq)]
pub struct HiddenPassed {
    /// The column both name.
    pub column: &'static str,
    /// The hidden cell's position in the row.
    pub hidden: usize,
    /// The position of the cell read.
    pub read: usize,
    /// The name under `[columns.TABLE]` that reads the hidden cell instead: its place among
    /// the cells of its name where others have it (`Сумма#1`), else its name.
    pub name: String,
}

impl Synonyms {
    /// Read, of the cells of `header` that name one column, one in view where the one read
    /// is hidden (`hidden` says which positions are): the most specific in view, the first
    /// on a tie, as [`Header::mapping`] chooses among all. A hidden cell chosen by a name of
    /// the configuration (`amount = "Сумма#1"`) stays read unless one in view is named
    /// there too; a hidden cell that alone names its column stays read (it is data, only
    /// out of sight). The hidden cells passed over for one in view leave
    /// [`Header::passed_over`] and are returned, for their own warning.
    pub fn prefer_visible(
        &self,
        header: &mut Header,
        hidden: impl Fn(usize) -> bool,
    ) -> Vec<HiddenPassed> {
        let keys: Vec<String> = header.cells.iter().map(|c| header_key(c)).collect();
        let cells = &header.cells;
        let specificity = |column: &str, i: usize| {
            self.cell_column(&keys, i, &cells[i])
                .filter(|(c, _)| *c == column)
                .map(|(_, s)| s)
        };
        let mut out = Vec::new();
        for (column, others) in header.passed_over.iter_mut() {
            let Some(read) = header.mapping.get_mut(column) else {
                continue;
            };
            if hidden(*read) {
                let configured = specificity(column, *read).is_some_and(|s| s.1);
                let best = others
                    .iter()
                    .copied()
                    .filter(|&i| !hidden(i))
                    .filter_map(|i| specificity(column, i).map(|s| (i, s)))
                    .filter(|(_, s)| s.1 || !configured)
                    .fold(None, |best, (i, s)| match best {
                        Some((_, b)) if b >= s => best,
                        _ => Some((i, s)),
                    });
                if let Some((i, _)) = best {
                    others.retain(|&j| j != i);
                    others.push(*read);
                    others.sort_unstable();
                    *read = i;
                }
            }
            if hidden(*read) {
                continue;
            }
            for &j in others.iter().filter(|&&j| hidden(j)) {
                let place = keys[..=j].iter().filter(|k| **k == keys[j]).count();
                let repeated = keys.iter().filter(|k| **k == keys[j]).count() > 1;
                out.push(HiddenPassed {
                    column,
                    hidden: j,
                    read: *read,
                    name: match repeated {
                        true => format!("{}#{place}", cells[j]),
                        false => cells[j].clone(),
                    },
                });
            }
            others.retain(|&j| !hidden(j));
        }
        header.passed_over.retain(|_, others| !others.is_empty());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::schema::Table;

    fn header(s: &Synonyms, cells: &[&str]) -> Header {
        let row: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        s.find_header(&[row]).unwrap()
    }

    fn passed(column: &'static str, hidden: usize, read: usize, name: &str) -> HiddenPassed {
        HiddenPassed {
            column,
            hidden,
            read,
            name: name.into(),
        }
    }

    #[test]
    fn the_cell_in_view_is_read_of_two_cells_of_one_name() {
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let mut h = header(&lines, &["Заказ-наряд", "Работа", "Сумма", "Сумма"]);
        assert_eq!(h.mapping["amount"], 2);
        let said = lines.prefer_visible(&mut h, |p| p == 2);
        assert_eq!(h.mapping["amount"], 3);
        assert_eq!(said, [passed("amount", 2, 3, "Сумма#1")]);
        // Said in its own warning, not in that of a column named twice.
        assert!(h.passed_over.is_empty());
    }

    #[test]
    fn a_hidden_cell_passed_over_already_is_said_as_hidden() {
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let mut h = header(
            &lines,
            &["Заказ-наряд", "Работа", "Сумма", "Сумма", "Сумма"],
        );
        let said = lines.prefer_visible(&mut h, |p| p == 4);
        assert_eq!(h.mapping["amount"], 2);
        assert_eq!(said, [passed("amount", 4, 2, "Сумма#3")]);
        // The other cell in view is still named twice.
        assert_eq!(h.passed_over["amount"], [3]);
    }

    #[test]
    fn the_most_specific_cell_in_view_is_read() {
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let cells = [
            "Заказ-наряд",
            "Работа",
            "Сумма",
            "Сумма",
            "Сумма со скидкой",
        ];
        let mut h = header(&lines, &cells);
        assert_eq!(h.mapping["amount"], 4);
        let said = lines.prefer_visible(&mut h, |p| p == 4);
        // Of the two in view, the first of the same name.
        assert_eq!(h.mapping["amount"], 2);
        assert_eq!(said, [passed("amount", 4, 2, "Сумма со скидкой")]);
        assert_eq!(h.passed_over["amount"], [3]);
    }

    #[test]
    fn a_hidden_cell_alone_or_among_hidden_ones_is_read() {
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        let mut h = header(&lines, &["Заказ-наряд", "Работа", "Сумма"]);
        assert!(lines.prefer_visible(&mut h, |p| p == 2).is_empty());
        assert_eq!(h.mapping["amount"], 2);
        // Every cell of the name hidden: read as before, and named twice as before.
        let mut h = header(&lines, &["Заказ-наряд", "Работа", "Сумма", "Сумма"]);
        assert!(lines.prefer_visible(&mut h, |p| p >= 2).is_empty());
        assert_eq!(h.mapping["amount"], 2);
        assert_eq!(h.passed_over["amount"], [3]);
        // No hidden column: nothing changes.
        let mut h = header(&lines, &["Заказ-наряд", "Работа", "Сумма", "Сумма"]);
        let before = h.clone();
        assert!(lines.prefer_visible(&mut h, |_| false).is_empty());
        assert_eq!(h, before);
    }

    #[test]
    fn a_hidden_cell_named_by_its_place_in_the_settings_stays_read() {
        let config =
            Config::from_toml("[columns.order_lines]\namount = \"Сумма#1\"\n", "stoa.toml")
                .unwrap();
        let lines = Synonyms::new(Table::OrderLines, &config);
        let mut h = header(&lines, &["Заказ-наряд", "Работа", "Сумма", "Сумма"]);
        assert_eq!(h.mapping["amount"], 2);
        assert!(lines.prefer_visible(&mut h, |p| p == 2).is_empty());
        assert_eq!(h.mapping["amount"], 2);
    }
}
