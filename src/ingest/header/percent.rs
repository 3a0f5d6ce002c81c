//! Telling a discount in per cent from a discount in roubles by its header: `Скидка,%`,
//! `Скидка в процентах` and `Скидка (в %)` begin with `Скидка`, the amount's name, and
//! were read as roubles (10 % taken as 10 ₽ off).

use super::{Specificity, Synonyms};
use crate::schema::Table;

/// Whether a folded header cell says its figures are percentages: it has a `%`, or a word
/// of `процент` (`в процентах`), `проц.`, `percent` or `pct`.
pub(super) fn says_percent(f: &str) -> bool {
    f.contains('%') || words(f).any(percent_word)
}

/// The words of a folded header cell, between its spaces and signs.
fn words(f: &str) -> impl Iterator<Item = &str> {
    f.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a word says "per cent".
fn percent_word(w: &str) -> bool {
    w.starts_with("процент") || w.starts_with("percent") || w == "проц" || w == "pct"
}

impl Synonyms {
    /// The column a cell `f` (folded) read as `found` names once a percentage is told from
    /// an amount: a discount's header that says it is a percentage (`Скидка,%`, `Скидка в
    /// процентах`, `Скидка (в %)`, `Скидка%`) is `discount_pct`, never the amount
    /// `discount` its first word names (10 % was taken as 10 ₽). A name from the
    /// configuration stands as written; where `discount_pct` is left out, such a cell is
    /// no column.
    pub(super) fn percent_discount(
        &self,
        f: &str,
        found: Option<(&'static str, Specificity)>,
    ) -> Option<(&'static str, Specificity)> {
        if self.table != Table::OrderLines || !says_percent(f) {
            return found;
        }
        let names = |column: &str| {
            self.names
                .iter()
                .find(|(c, _)| c.name == column)
                .map_or(&[][..], |(_, n)| n.as_slice())
        };
        let pct_read = !names("discount_pct").is_empty();
        // The discount's name followed by nothing but its sign or word (`Скидка,%`,
        // `Скидка в процентах`) names the percentage whole, as `Скидка, %` does: no
        // warning that it was read by its first words.
        let only_percent = |name_chars: usize| {
            let rest = f
                .char_indices()
                .nth(name_chars)
                .map_or("", |(i, _)| &f[i..]);
            words(rest).all(|w| percent_word(w) || w == "в" || w == "in")
        };
        match found {
            Some(("discount", (whole, false, n))) => {
                pct_read.then_some(("discount_pct", (whole || only_percent(n), false, n)))
            }
            // `Скидка%`: the sign straight after the word, which no name is loosely read by.
            None => names("discount")
                .iter()
                .filter(|(s, config)| {
                    !config
                        && f.strip_prefix(s.as_str())
                            .is_some_and(|r| r.starts_with('%'))
                })
                .map(|(s, _)| s.chars().count())
                .max()
                .and_then(|n| pct_read.then_some(("discount_pct", (only_percent(n), false, n)))),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::ingest::header::Synonyms;
    use crate::schema::Table;

    #[test]
    fn regression_a_discount_header_that_says_per_cent_is_the_percentage() {
        let lines = Synonyms::new(Table::OrderLines, &Config::default());
        // Read by their first word `Скидка`, these were the discount in roubles.
        for cell in [
            "Скидка,%",
            "Скидка%",
            "Скидка в процентах",
            "Скидка (в %)",
            "Скидка, процент",
            "Скидка, проц.",
            "Discount percent",
            "Скидка, % от суммы",
        ] {
            assert_eq!(lines.column_of(cell), Some("discount_pct"), "{cell}");
        }
        // Named by nothing but the discount and its per cent, they are read whole: no
        // warning of a column read by its first words.
        for (cell, whole) in [
            ("Скидка,%", true),
            ("Скидка в процентах", true),
            ("Скидка (в %)", true),
            ("Скидка%", true),
            ("Скидка, % от суммы", false),
        ] {
            assert_eq!(lines.matched(cell).unwrap().1 .0, whole, "{cell}");
        }
        // A discount in roubles stays the amount; other tables are as they were.
        assert_eq!(lines.column_of("Скидка, руб."), Some("discount"));
        assert_eq!(lines.column_of("Скидка"), Some("discount"));
        assert_eq!(lines.column_of("Сумма%"), None);
    }

    #[test]
    fn a_per_cent_header_follows_the_configuration() {
        // A name in stoa.toml stands as written, even with a `%` in it.
        let toml = "[columns.order_lines]\ndiscount = [\"Скидка,%\"]\n";
        let lines = Synonyms::new(Table::OrderLines, &Config::from_toml(toml, "t").unwrap());
        assert_eq!(lines.column_of("Скидка,%"), Some("discount"));
        assert_eq!(lines.column_of("Скидка в процентах"), Some("discount_pct"));
        // With the percentage left out, a cell of it is no column, and never the amount.
        let toml = "[columns.order_lines]\ndiscount_pct = false\n";
        let lines = Synonyms::new(Table::OrderLines, &Config::from_toml(toml, "t").unwrap());
        assert_eq!(lines.column_of("Скидка,%"), None);
        assert_eq!(lines.column_of("Скидка"), Some("discount"));
    }
}
