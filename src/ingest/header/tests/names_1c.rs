//! The names 1C's exports give the table's columns, each its own: a catalogue's `Код`, the
//! repair order's `Заказчик`, the lines' `Номер документа` and `Стоимость`, the agent's
//! `Партнёр`.

use super::super::*;
use super::rows;

#[test]
fn the_code_of_a_1c_catalogue_is_the_client_or_agent_id() {
    // 1C's catalogue of counterparties exported as it is: `Код` is the client's code;
    // a `Код клиента` beside it is still the more specific name.
    let s = Synonyms::new(Table::Clients, &Config::default());
    let h = s
        .find_header(&rows(&[&["Код", "Наименование", "Телефон"]]))
        .unwrap();
    assert_eq!(h.mapping.get("client_id"), Some(&0));
    assert_eq!(h.mapping.get("name"), Some(&1));
    let h = s
        .find_header(&rows(&[&["Код", "Код клиента", "ФИО"]]))
        .unwrap();
    assert_eq!(h.mapping.get("client_id"), Some(&1));
    let s = Synonyms::new(Table::Agents, &Config::default());
    let h = s
        .find_header(&rows(&[&["Код", "Наименование", "Вид"]]))
        .unwrap();
    assert_eq!(h.mapping.get("agent_id"), Some(&0));
}

#[test]
fn the_names_1c_gives_the_client_the_visit_number_and_the_amount() {
    let visits = Synonyms::new(Table::Visits, &Config::default());
    assert_eq!(visits.column_of("Заказчик"), Some("client_id"));
    assert_eq!(visits.column_of("Номер документа"), Some("visit_id"));
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    for name in [
        "№ з/н",
        "Номер документа",
        "№ документа",
        "Номер заказа",
        "Номер ЗН",
    ] {
        assert_eq!(lines.column_of(name), Some("visit_id"), "{name}");
    }
    assert_eq!(lines.column_of("Стоимость"), Some("amount"));
    assert_eq!(lines.column_of("Себестоимость"), Some("cost"));
    // `Стоимость` beside `Себестоимость` and `Цена`: each its own column.
    let h = lines
        .find_header(&rows(&[&[
            "Номер ЗН",
            "Работа",
            "Цена",
            "Стоимость",
            "Себестоимость",
        ]]))
        .unwrap();
    let read: Vec<(&str, usize)> = h.mapping.iter().map(|(c, i)| (*c, *i)).collect();
    assert_eq!(
        read,
        [
            ("amount", 3),
            ("cost", 4),
            ("description", 1),
            ("unit_price", 2),
            ("visit_id", 0)
        ]
    );
    assert!(h.passed_over.is_empty() && h.loose.is_empty());
    // The amount before the discount is no amount, by either word: the gross.
    let h = lines
        .find_header(&rows(&[&["Номер ЗН", "Работа", "Стоимость без скидки"]]))
        .unwrap();
    assert_eq!(h.mapping.get("amount"), None);
    assert_eq!(h.mapping.get("gross_amount"), Some(&2));
}

#[test]
fn the_partner_of_a_1c_visit_is_its_agent_and_no_client() {
    // `Партнёр` (or `Партнер`) is 1C's counterparty who brought the client: among visits
    // it is the agent beside the client of `Контрагент`, not a second client.
    let visits = Synonyms::new(Table::Visits, &Config::default());
    for name in ["Партнёр", "Партнер", "ПАРТНЁР"] {
        assert_eq!(visits.column_of(name), Some("agent_id"), "{name}");
    }
    let h = visits
        .find_header(&rows(&[&[
            "Номер",
            "Дата",
            "Контрагент",
            "Партнёр",
            "Марка",
        ]]))
        .unwrap();
    let read: Vec<(&str, usize)> = h.mapping.iter().map(|(c, i)| (*c, *i)).collect();
    assert_eq!(
        read,
        [
            ("agent_id", 3),
            ("brand", 4),
            ("client_id", 2),
            ("opened_at", 1),
            ("visit_id", 0)
        ]
    );
    assert!(h.passed_over.is_empty() && h.loose.is_empty());
    // Among clients it names nothing: the client's code is still `Код`.
    let clients = Synonyms::new(Table::Clients, &Config::default());
    assert_eq!(clients.column_of("Партнёр"), None);
    let h = clients
        .find_header(&rows(&[&["Код", "Партнёр", "Телефон"]]))
        .unwrap();
    assert_eq!(h.mapping.get("client_id"), Some(&0));
    assert!(!h.mapping.values().any(|&p| p == 1), "{:?}", h.mapping);
}
