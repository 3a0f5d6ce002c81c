//! English exports head an id column by its name and a mark of a number after it (`Visit
//! No.`, `RO #`, `Customer ID`, `Order Number`), in as many spellings as there are
//! systems. Until session 30 none of them named the visit's number (`Visit No` stopped
//! the run for want of the visits' number), and `Client No` was read only by its first
//! word, with a warning. The names of `src/schema/columns/` write the mark ` no` once
//! (`visit no`), and a cell is matched so whatever its mark.

/// The ways an English export marks a column of numbers or ids after its name, longest
/// first where one ends another (` no.` before ` no`): each is read as ` no`.
const NUMBER_MARKS: [&str; 9] = [
    " number", " no.", " no", " nr.", " nr", " num", " id", " #", "#",
];

/// A folded header cell whose name ends in an English mark of a number or id
/// ([`NUMBER_MARKS`]) with the mark written ` no`: `visit #`, `visit no.`, `visit
/// number` and `visit id` are all `visit no`. None for a cell without such a mark, or
/// with no word before it.
pub(super) fn numbered(f: &str) -> Option<String> {
    let base = NUMBER_MARKS
        .iter()
        .find_map(|m| f.strip_suffix(m))?
        .trim_end();
    base.chars()
        .any(char::is_alphabetic)
        .then(|| format!("{base} no"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::ingest::header::Synonyms;
    use crate::schema::Table;

    #[test]
    fn an_english_mark_of_a_number_is_read_as_no() {
        for cell in [
            "visit no",
            "visit no.",
            "visit #",
            "visit#",
            "visit number",
            "visit nr.",
            "visit id",
        ] {
            assert_eq!(numbered(cell).as_deref(), Some("visit no"), "{cell}");
        }
        assert_eq!(numbered("wo #").as_deref(), Some("wo no"));
        // No mark, no word before it, or a word that only ends in the mark's letters.
        for cell in ["visit", "#", "no", " no.", "casino", "12 #", "№ заказа"] {
            assert_eq!(numbered(cell), None, "{cell}");
        }
    }

    #[test]
    fn regression_english_ids_name_their_columns() {
        // `Visit No` was no column of the visits: the run stopped for want of their
        // number. Every spelling the tester met, and the clients' and orders' ids.
        let config = Config::default();
        let visits = Synonyms::new(Table::Visits, &config);
        for cell in [
            "Visit No",
            "Visit No.",
            "Visit #",
            "RO No",
            "RO #",
            "Repair order No",
            "Repair Order Number",
            "WO #",
            "Work Order No.",
            "Order No",
            "Order #",
        ] {
            assert_eq!(visits.column_of(cell), Some("visit_id"), "{cell}");
        }
        for cell in [
            "Client No",
            "Customer #",
            "Customer ID",
            "Client ID",
            "Customer Code",
        ] {
            assert_eq!(visits.column_of(cell), Some("client_id"), "{cell}");
            let clients = Synonyms::new(Table::Clients, &config);
            assert_eq!(clients.column_of(cell), Some("client_id"), "{cell}");
        }
        assert_eq!(visits.column_of("Agent #"), Some("agent_id"));
        let agents = Synonyms::new(Table::Agents, &config);
        assert_eq!(agents.column_of("Agent ID"), Some("agent_id"));
        for table in [Table::OrderLines, Table::Feedback] {
            let s = Synonyms::new(table, &config);
            for cell in ["Visit No.", "RO #", "Repair order No", "WO #", "Order No"] {
                assert_eq!(s.column_of(cell), Some("visit_id"), "{table:?}: {cell}");
            }
        }
        // Whole matches only: a visit's date or a customer's name is no id.
        assert_eq!(visits.column_of("Visit Date"), None);
        assert_eq!(visits.column_of("Phone No"), None);
    }
}
