//! The car written in one cell, as 1C lists its repair orders (`Автомобиль`: `Kia Rio
//! (А123ВС77)`): the brand, model and plate are read from it when the export has no brand
//! column of its own, and never when it has one. A VIN typed on the wrong keyboard or
//! with spaces is still the car's.

use crate::common;
use common::{put, stoa, texts, warnings_of};

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
fn regression_the_car_warning_counts_and_quotes_accepted_visits_only() {
    // ЗН-1 is dated 31 February and rejected. Before, the warning counted its car and
    // quoted it («Kia Rio (А123ВС77)»), though the visit was never read.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Контрагент;Автомобиль;Состояние
         ЗН-1;31.02.2026 10:00;C1;Kia Rio (А123ВС77);Закрыт
         ЗН-2;06.03.2026 11:30;C1;Land Rover Discovery 2019 г.;Закрыт
         ЗН-3;07.03.2026 09:15;C2;LADA Granta, Х777ХХ777;Закрыт
",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.model.visits.clone().collect().unwrap().height(), 2);
    let file = dir.path().join("visits.csv").display().to_string();
    assert_eq!(
        warnings_of(&ing, "visits"),
        [reasons::fill(
            reasons::VEHICLE_SPLIT,
            &[
                "«Автомобиль»",
                &file,
                "2",
                "«Land Rover Discovery 2019 г.»",
                "«Land Rover», «Discovery»"
            ]
        )
        .as_str()]
    );
}

#[test]
fn regression_no_car_warning_when_every_visit_with_a_car_is_rejected() {
    // Both visits are dated on days that do not exist: no visit was read, and the check
    // says so (exit 1) without a word of cars read from «Автомобиль».
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Контрагент;Автомобиль
         ЗН-1;31.02.2026 10:00;C1;Kia Rio (А123ВС77)
         ЗН-2;30.02.2026 11:30;C2;LADA Granta
",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(warnings_of(&ing, "visits"), Vec::<&str>::new());
    let out = stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("31.02.2026"), "{said}");
    assert!(!said.contains("holds the whole car"), "{said}");
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

#[test]
fn regression_a_vin_typed_in_cyrillic_or_with_a_space_is_one_car() {
    // The tester's case: the LADA's VIN typed once with Cyrillic Х, Т, А, С, the Kia's once
    // with a space. Four cars were counted, and each car's reminder came from half its
    // visits. The tables name each car by its VIN as normalised: Latin, no spaces.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    put(&data, "clients.csv", "Код клиента;ФИО\nC1;a\nC2;b\n");
    put(
        &data,
        "visits.csv",
        "Номер;Дата;Клиент;Марка;VIN;Пробег\n\
         V1;05.10.2026 10:00;C1;LADA;XTA217030C0123456;10000\n\
         V2;20.10.2026 10:00;C1;LADA;ХТА217030С0123456;10500\n\
         V3;06.10.2026 10:00;C2;Kia;Z94CB41ABJR123456;20000\n\
         V4;31.10.2026 10:00;C2;Kia;Z94 CB41ABJR123456;20800\n",
    );
    put(
        &data,
        "order_lines.csv",
        "Номер заказ-наряда;Код работы;Наименование;Категория;Сумма\n\
         V1;S1;Работа;ремонт;1000\nV2;S1;Работа;ремонт;1000\n\
         V3;S1;Работа;ремонт;1000\nV4;S1;Работа;ремонт;1000\n",
    );
    put(
        &data,
        "price_list.csv",
        "Код работы;Наименование;Категория;Цена;Интервал, мес\nS1;Работа;ремонт;1000;1\n",
    );
    let out = tmp.path().join("out");
    stoa()
        .args(["report", "--lang", "en", "-q", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let tables = out.join("2026-10/tables");
    let kpi = std::fs::read_to_string(tables.join("kpi.csv")).unwrap();
    assert!(kpi.lines().any(|l| l == "car_count,2026-10,2"), "{kpi}");
    // One reminder a car, due a month after its latest visit.
    let due = std::fs::read_to_string(tables.join("service_due.csv")).unwrap();
    let due: Vec<(&str, &str)> = due
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1], f[3])
        })
        .collect();
    assert_eq!(
        due,
        [
            ("XTA217030C0123456", "2026-10-20"),
            ("Z94CB41ABJR123456", "2026-10-31")
        ]
    );
}
