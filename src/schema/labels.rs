//! The required columns as a user knows them: the header an English export and a Russian
//! one give the column (`Make`, `Марка`), for the errors and warnings that name a column
//! the file lacks. They named it by stoa's own name (`brand`), which no export writes:
//! «нет столбца для brand». Each label is itself a header read as the column (a test
//! holds them to it), so a message that says which header is missing says one that works.

use super::{fold, Table};

/// The English and Russian header of the column `name` (a required column of some table,
/// or `service_code or description`, as [`crate::ingest::header::Synonyms::missing_required`]
/// names the competitor prices' pair); None for a column without one.
///
/// ```
/// assert_eq!(stoa::schema::labels::label("brand"), Some(("Make", "Марка")));
/// ```
pub fn label(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "visit_id" => ("Visit No", "Номер заказ-наряда"),
        "opened_at" => ("Date", "Дата приёма"),
        "client_id" => ("Client", "Код клиента"),
        "brand" => ("Make", "Марка"),
        "description" => ("Description", "Наименование"),
        "amount" => ("Amount", "Сумма"),
        "service_code" => ("Code", "Код работы"),
        "price" => ("Price", "Цена"),
        "competitor" => ("Competitor", "Конкурент"),
        "observed_at" => ("Date", "Дата наблюдения"),
        "score" => ("Score", "Оценка"),
        "agent_id" => ("Agent", "Код агента"),
        _ => return None,
    })
}

/// The pair of columns of which a table needs one (the competitor prices' code or
/// description), as `missing_required` names it.
const EITHER: &str = " or ";

/// The columns `names` by their English headers, each in «», joined by commas: `«Make»`;
/// a name without a label as it is.
pub fn english(names: &[&str]) -> String {
    said(names, |(en, _)| en, " or ")
}

/// The columns `names` by their Russian headers: `«Марка»`.
pub fn russian(names: &[&str]) -> String {
    said(names, |(_, ru)| ru, " или ")
}

fn said(
    names: &[&str],
    pick: impl Fn((&'static str, &'static str)) -> &'static str,
    or: &str,
) -> String {
    let one = |name: &str| match label(name) {
        Some(l) => format!("«{}»", pick(l)),
        None => format!("«{name}»"),
    };
    names
        .iter()
        .map(|n| n.split(EITHER).map(one).collect::<Vec<_>>().join(or))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A few headers of `table` read as each of `names`, in «»: the Russian and English labels,
/// then the table's other names of it, Russian first, up to five in all; a column's list
/// after another's is set off by a semicolon: `«Марка», «Make», «brand»`.
pub fn accepted(table: Table, names: &[&str]) -> String {
    const SHOWN: usize = 5;
    let one = |name: &str| -> Vec<String> {
        let Some(column) = table.input_columns().iter().find(|c| c.name == name) else {
            return vec![format!("«{name}»")];
        };
        let mut shown: Vec<String> = Vec::new();
        let mut push = |h: String| {
            if shown.len() < SHOWN && !shown.iter().any(|s| fold(s) == fold(&h)) {
                shown.push(h);
            }
        };
        if let Some((en, ru)) = label(name) {
            push(ru.to_string());
            push(en.to_string());
        }
        let cyrillic = |s: &&str| s.chars().any(|c| ('а'..='я').contains(&c));
        let (ru, en): (Vec<&str>, Vec<&str>) = column.synonyms.iter().copied().partition(cyrillic);
        for s in ru.into_iter().chain(en) {
            push(capitalised(s));
        }
        push(name.to_string());
        shown.into_iter().map(|h| format!("«{h}»")).collect()
    };
    names
        .iter()
        .map(|n| n.split(EITHER).flat_map(one).collect::<Vec<_>>().join(", "))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The `[columns.TABLE]` lines that would read a header of the user's as each of `names`:
/// `brand = ["…"]`.
pub fn keys(names: &[&str]) -> String {
    names
        .iter()
        .flat_map(|n| n.split(EITHER))
        .map(|n| format!("{n} = [\"…\"]"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A synonym as an export writes it: its first letter upper case (`марка` → `Марка`).
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_of_a_required_column_is_read_as_it() {
        for table in Table::ALL {
            for c in table.input_columns().iter().filter(|c| c.required) {
                let (en, ru) = label(c.name).unwrap_or_else(|| panic!("{table}: {}", c.name));
                for l in [en, ru] {
                    let reads = std::iter::once(c.name)
                        .chain(c.synonyms.iter().copied())
                        .any(|s| fold(s) == fold(l));
                    assert!(reads, "{table}.{}: «{l}» is not read as it", c.name);
                }
            }
        }
    }

    #[test]
    fn the_brand_is_named_as_exports_name_it() {
        assert_eq!(english(&["brand"]), "«Make»");
        assert_eq!(russian(&["client_id", "brand"]), "«Код клиента», «Марка»");
        assert_eq!(
            russian(&["service_code or description"]),
            "«Код работы» или «Наименование»"
        );
        assert_eq!(
            accepted(Table::Visits, &["brand"]),
            "«Марка», «Make», «brand»"
        );
        assert_eq!(keys(&["brand"]), "brand = [\"…\"]");
    }
}
