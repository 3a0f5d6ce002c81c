//! The required columns as a user knows them: the header an English export and a Russian
//! one give the column (`Make`, `Марка`), for the errors and warnings that name a column
//! the file lacks. They named it by stoa's own name (`brand`), which no export writes:
//! «нет столбца для brand». Each label is itself a header read as the column (a test
//! holds them to it), so a message that says which header is missing says one that works.
//! Since session 32 the optional columns have labels too, for the warnings that name the
//! column a header was read as (`all name «Пробег» (`odometer_km` in stoa.toml)`), which
//! said stoa's own name alone (`all name odometer_km`).

use super::{fold, Table};

/// The English and Russian header of the column `name` (a column of some table, or
/// `service_code or description`, as [`crate::ingest::header::Synonyms::missing_required`]
/// names the competitor prices' pair); None for a column without one. A column of several
/// tables has one label that each of them reads; a column only Russian exports have
/// (`bought_here`) has its Russian header in both.
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
        // The optional columns, named in the warnings of how a header was read.
        "model" => ("Model", "Модель"),
        "plate" => ("Plate", "Госномер"),
        "vin" => ("VIN", "VIN"),
        "odometer_km" => ("Mileage", "Пробег"),
        "closed_at" => ("Closed", "Дата выдачи"),
        "promised_at" => ("Promised", "Обещано"),
        "manager" => ("Advisor", "Мастер-приёмщик"),
        "channel" => ("Channel", "Канал"),
        "status" => ("Status", "Статус"),
        "station" => ("Station", "Филиал"),
        "opened_time" => ("Time", "Время"),
        "closed_time" => ("Closed time", "Время выдачи"),
        "promised_time" => ("Promised time", "Плановое время выдачи"),
        "name" => ("Name", "ФИО"),
        "kind" => ("Kind", "Тип"),
        "phone" => ("Phone", "Телефон"),
        "email" => ("E-mail", "Эл. почта"),
        "birthday" => ("Birthday", "Дата рождения"),
        "consent" => ("Consent", "Согласие на рассылку"),
        "bought_here" => ("Куплен у нас", "Куплен у нас"),
        "registered_at" => ("Registered", "Дата регистрации"),
        "surname" => ("Last name", "Фамилия"),
        "patronymic" => ("Middle name", "Отчество"),
        "category" => ("Category", "Категория"),
        "qty" => ("Quantity", "Количество"),
        "unit_price" => ("Price", "Цена"),
        "discount" => ("Discount", "Скидка"),
        "norm_hours" => ("Hours", "Нормочасы"),
        "mechanic" => ("Mechanic", "Исполнитель"),
        "warranty" => ("Warranty", "Гарантия"),
        "cost" => ("Cost", "Себестоимость"),
        "declined" => ("Declined", "Отказ"),
        "gross_amount" => ("Amount before discount", "Сумма без скидки"),
        "discount_pct" => ("Discount, %", "Скидка, %"),
        "interval_months" => ("Интервал, мес", "Интервал, мес"),
        "interval_km" => ("Интервал, км", "Интервал, км"),
        "comment" => ("Comment", "Комментарий"),
        "commission_pct" => ("Commission", "Комиссия"),
        _ => return None,
    })
}

/// The column `name` as a warning names the column a header was read as: its label in
/// «» (the Russian one where `russian`, as for a header of a Russian export), then the
/// stoa.toml key that names its headers: `«Сумма» (`amount` in stoa.toml)`; a column
/// without a label by its key alone, `` `amount` ``. [`in_russian`] reads it back.
///
/// ```
/// use stoa::schema::labels::named;
/// assert_eq!(named("amount", true), "«Сумма» (`amount` in stoa.toml)");
/// assert_eq!(named("odometer_km", false), "«Mileage» (`odometer_km` in stoa.toml)");
/// ```
pub fn named(name: &str, russian: bool) -> String {
    match label(name) {
        Some((en, ru)) => format!("«{}» (`{name}` {KEY}", if russian { ru } else { en }),
        None => format!("`{name}`"),
    }
}

/// What follows the key in [`named`].
const KEY: &str = "in stoa.toml)";

/// A column as [`named`] names it, in Russian: the Russian label, the key `в stoa.toml`;
/// None for any other text.
///
/// ```
/// use stoa::schema::labels::{in_russian, named};
/// let said = named("odometer_km", false);
/// assert_eq!(in_russian(&said).as_deref(), Some("«Пробег» (`odometer_km` в stoa.toml)"));
/// assert_eq!(in_russian("«Пробег»"), None);
/// ```
pub fn in_russian(text: &str) -> Option<String> {
    let (_, rest) = text.strip_prefix('«')?.split_once("» (`")?;
    let name = rest.strip_suffix(KEY)?.strip_suffix("` ")?;
    let (_, ru) = label(name)?;
    Some(format!("«{ru}» (`{name}` в stoa.toml)"))
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
    fn every_column_has_a_label_that_is_read_as_it() {
        for table in Table::ALL {
            for c in table.input_columns() {
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
