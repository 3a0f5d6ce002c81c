//! A client's name in parts (`Фамилия` | `Имя` | `Отчество`), as client bases kept in
//! Excel and CRMs export it: the full name is put together, and a name that already holds
//! its parts is kept.

use std::path::Path;

use crate::common;
use common::{put, texts, warnings_of};

use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// Visits V1 of C1 and V2 of C2 with one line each.
fn put_visits_and_lines(dir: &Path) {
    put(
        dir,
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026 10:00;C1;Kia\nV2;06.03.2026 11:00;C2;Kia\n",
    );
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;100\nV2;ТО;100\n",
    );
}

/// The warnings of names put together from their parts.
fn names_joined(ing: &stoa::ingest::Ingested) -> Vec<&str> {
    warnings_of(ing, "clients")
        .into_iter()
        .filter(|w| reasons::parse(reasons::NAMES_JOINED, w).is_some())
        .collect()
}

#[test]
fn regression_a_name_in_parts_is_read_whole() {
    // Before, `Имя` named the name column and `Фамилия` and `Отчество` nothing: the lists
    // and greetings knew every client by the first name alone.
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_lines(dir.path());
    put(
        dir.path(),
        "clients.csv",
        "Код клиента;Фамилия;Имя;Отчество;Телефон\n\
         C1;Иванов;Иван;Иванович;+7 916 123-45-67\n\
         C2;Петрова;Анна;;+7 916 765-43-21\n\
         C3;;ООО «Вектор»;;\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        texts(&clients, "name"),
        [
            s("Иванов Иван Иванович"),
            s("Петрова Анна"),
            s("ООО «Вектор»")
        ]
    );
    assert!(clients.column("surname").is_err());
    assert!(clients.column("patronymic").is_err());
    let file = dir.path().join("clients.csv").display().to_string();
    assert_eq!(
        names_joined(&ing),
        [reasons::fill(
            reasons::NAMES_JOINED,
            &[
                "2",
                "«Фамилия», «Имя», «Отчество»",
                &file,
                "«Иванов Иван Иванович»"
            ]
        )]
    );
}

#[test]
fn a_full_name_beside_its_parts_is_kept_as_written() {
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_lines(dir.path());
    // `Фамилия, имя, отчество` is the whole name, not the surname; a surname column beside
    // it adds nothing to a name that holds it, in any case.
    put(
        dir.path(),
        "clients.csv",
        "Код клиента;Фамилия, имя, отчество;Фамилия\n\
         C1;ИВАНОВ Иван Иванович;Иванов\n\
         C2;Анна;Петрова\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        texts(&clients, "name"),
        [s("ИВАНОВ Иван Иванович"), s("Петрова Анна")]
    );
    let joined = names_joined(&ing);
    assert_eq!(joined.len(), 1);
    assert!(
        joined[0].starts_with("1 client took their full name"),
        "{}",
        joined[0]
    );
}
