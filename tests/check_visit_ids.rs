//! Visit numbers that repeat: the same visit written twice (a paged export) against two
//! visits sharing a number (a chain whose stations number their orders apart). Both keep
//! the first row (SPEC §4.1); the second is named in a warning.

use std::path::Path;

use stoa::config::Config;
use stoa::ingest::{load, reasons};

mod common;
use common::{put, texts};

/// Clients C1, C2 and two order lines of visit 1 and one of visit 2.
fn put_clients_and_lines(dir: &Path) {
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\nC2;Петров\n");
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\n1;ТО;1000\n1;Масло;2000\n2;Мойка;500\n",
    );
}

#[test]
fn regression_a_number_two_stations_gave_their_visits_is_named_in_a_warning() {
    // SPEC §4.1 keeps the first of a repeated number; when the rows are different visits
    // (another station, client or day) its lines go to the first though some are the
    // other's. Before, only "duplicate visit_id" said so, as for a row written twice.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand;station\n\
         1;05.03.2026;C1;Lada;Центр\n\
         2;05.03.2026;C1;Lada;Центр\n\
         1;07.03.2026;C2;Kia;Север\n",
    );
    put_clients_and_lines(dir.path());
    let ing = load(dir.path(), &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(
        texts(&visits, "visit_id"),
        [Some("1".into()), Some("2".into())]
    );
    assert_eq!(texts(&ing.rejects, "row"), [Some("4".into())]);
    let warned: Vec<&str> = ing
        .warnings
        .iter()
        .filter(|w| w.table == "visits")
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        warned,
        [reasons::fill(reasons::COLLIDED, &["1", "«1»"]).as_str()]
    );
}

#[test]
fn the_same_visit_written_twice_is_a_duplicate_whose_lines_stay_with_the_first() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand;station\n\
         1;05.03.2026;C1;Lada;Центр\n\
         2;05.03.2026;C1;Lada;Центр\n\
         1;05.03.2026;C1;Lada;Центр\n",
    );
    put_clients_and_lines(dir.path());
    let ing = load(dir.path(), &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(
        texts(&visits, "visit_id"),
        [Some("1".into()), Some("2".into())]
    );
    assert_eq!(ing.model.order_lines.clone().collect().unwrap().height(), 3);
    let reasons: Vec<Option<String>> = texts(&ing.rejects, "reason");
    assert_eq!(
        reasons,
        [Some(
            "duplicate visit_id: the same value is already on row 2".into()
        )]
    );
}
