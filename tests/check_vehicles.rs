//! The car written in one cell, as 1C lists its repair orders (`Автомобиль`: `Kia Rio
//! (А123ВС77)`): the brand, model and plate are read from it when the export has no brand
//! column of its own, and never when it has one.

mod common;
use common::{put, texts, warnings_of};

use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// Clients C1, C2 and a line for each of ЗН-1 … ЗН-3.
fn put_clients_and_lines(dir: &std::path::Path) {
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\nC2;Петров\n");
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\nЗН-1;ТО;100\nЗН-2;ТО;100\nЗН-3;ТО;100\n",
    );
}

#[test]
fn regression_visits_with_the_car_in_one_column_are_read_by_its_make() {
    // Before, `Автомобиль` named no column, the required brand was missing and the visits
    // could not be read at all.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Контрагент;Автомобиль;Состояние\n\
         ЗН-1;05.03.2026 10:00;C1;Kia Rio (А123ВС77);Закрыт\n\
         ЗН-2;06.03.2026 11:30;C1;KIA RIO (A123BC77);Закрыт\n\
         ЗН-3;07.03.2026 09:15;C2;LADA Granta, Х777ХХ777;Закрыт\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&visits, "brand"), [s("Kia"), s("KIA"), s("LADA")]);
    assert_eq!(texts(&visits, "model"), [s("Rio"), s("RIO"), s("Granta")]);
    assert_eq!(
        texts(&visits, "plate"),
        [s("А123ВС77"), s("A123BC77"), s("Х777ХХ777")]
    );
    // The plate, written in either alphabet, makes one car of the first two visits.
    let vehicles = texts(&visits, "vehicle");
    assert_eq!(vehicles[0], vehicles[1]);
    let file = dir.path().join("visits.csv").display().to_string();
    assert_eq!(
        warnings_of(&ing, "visits"),
        [reasons::fill(
            reasons::VEHICLE_SPLIT,
            &[
                "«Автомобиль»",
                &file,
                "3",
                "«Kia Rio (А123ВС77)»",
                "«Kia», «Rio», «А123ВС77»"
            ]
        )
        .as_str()]
    );
}

#[test]
fn a_brand_column_of_its_own_wins_over_the_car_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Контрагент;Автомобиль;Марка;Госномер\n\
         ЗН-1;05.03.2026 10:00;C1;Kia Rio (А123ВС77);Kia;А123ВС77\n\
         ЗН-2;06.03.2026 11:30;C1;Land Rover Discovery;Land Rover;\n\
         ЗН-3;07.03.2026 09:15;C2;LADA Granta, Х777ХХ777;LADA;Х777ХХ777\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        texts(&visits, "brand"),
        [s("Kia"), s("Land Rover"), s("LADA")]
    );
    assert_eq!(texts(&visits, "model"), [None, None, None]);
    assert_eq!(warnings_of(&ing, "visits"), Vec::<&str>::new());
}
