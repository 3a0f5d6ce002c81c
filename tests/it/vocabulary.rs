//! End to end on the words of real exports, read as a manager means them: a price list's
//! `Мойка кузова` is a wash, `Не по записи` a visit without booking, 1C's `Проведён` a
//! done visit, `Запасные части` a line of parts. Before session 32 each counted under
//! another category or channel, or rejected its visit or line; the figures are worked out
//! by hand below.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common;

/// Eight October visits of two clients, their channels and statuses as a station's
/// accounting system writes them, and their lines' categories and kinds.
fn station_words(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    common::put(
        &data,
        "visits.csv",
        "visit_id,opened_at,client_id,brand,channel,status\n\
         V1,2026-10-05,C1,Kia,Не по записи,Проведён\n\
         V2,2026-10-06,C2,Kia,Без предварительной записи,Проведен\n\
         V3,2026-10-07,C1,Kia,По записи,Выполнен\n\
         V4,2026-10-08,C2,Kia,Запись по телефону,Исполнено\n\
         V5,2026-10-09,C1,Kia,Не записан,Готов\n\
         V6,2026-10-10,C2,Kia,По записи,Отменен клиентом\n\
         V7,2026-10-11,C1,Kia,По записи,Не явился\n\
         V8,2026-10-31,C2,Kia,По записи,Закрыт\n",
    );
    common::put(
        &data,
        "clients.csv",
        "client_id,name\nC1,Иванов\nC2,Петров\n",
    );
    common::put(
        &data,
        "order_lines.csv",
        "visit_id,description,category,kind,amount\n\
         V1,Мойка кузова,Мойка кузова,Работы,800\n\
         V2,Мойка колёс,Мойка колёс,Услуги,300\n\
         V3,Масляный фильтр,Запасные части,Запасные части,5000\n\
         V4,Плановое ТО,Плановое ТО,Работы,4000\n\
         V5,Ремонт колёс,Ремонт колёс,Работа,1000\n\
         V6,Мойка,Мойка,Работа,100\n\
         V8,Покраска бампера,Покраска бампера,Работа,7000\n\
         V8,Body wash,Body wash,Работа,500\n",
    );
    data
}

/// A table of the report as `first column → the rest of its row`.
fn rows(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let (key, rest) = l.split_once(',').unwrap();
            (key.to_string(), rest.to_string())
        })
        .collect()
}

#[test]
fn regression_a_stations_own_words_count_under_the_category_channel_and_status_they_mean() {
    let dir = tempfile::tempdir().unwrap();
    let data = station_words(dir.path());

    // Every row is read: no status or line kind of theirs is unknown.
    let (inputs, _) = common::check_json(&data);
    for input in inputs.as_array().unwrap() {
        assert_eq!(input["rows_rejected"], 0, "{input}");
    }

    let out = dir.path().join("reports");
    common::report_ok(&data, &out, &["--only", "management", "--only", "demand"]);
    let tables = out.join("2026-10/tables");
    // The done visits V1–V5 and V8; V6 is cancelled and V7 a no-show.
    let demand: BTreeMap<String, String> =
        std::fs::read_to_string(tables.join("demand_monthly.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                (cells[1].to_string(), format!("{},{}", cells[2], cells[3]))
            })
            .collect();
    let want: BTreeMap<String, String> = [
        // Мойка кузова, Мойка колёс and Body wash: three visits, 800 + 300 + 500.
        ("wash", "3,1600"),
        ("parts", "1,5000"),
        ("maintenance", "1,4000"),
        ("tires", "1,1000"),
        ("body", "1,7000"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(demand, want);

    // Не по записи, Без предварительной записи and Не записан are walk-ins.
    let channels = rows(&tables.join("channels.csv"));
    let visits = |c: &str| channels[c].split(',').next().unwrap().to_string();
    assert_eq!(visits("walk_in"), "3", "{channels:?}");
    assert_eq!(visits("booking"), "3", "{channels:?}");
}

/// `stoa check` warned of a category read as `other`, of clients none of whom consents to
/// mailings and of a price list without intervals; `stoa report` said nothing of them on
/// the terminal (session 32). It now says how many there are, of which tables, and that
/// `stoa check` prints them: as many as ingest gave that the terminal does not say in full.
#[test]
fn regression_report_says_on_the_terminal_how_many_warnings_check_prints_that_it_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    common::put(
        &data,
        "visits.csv",
        "visit_id,opened_at,client_id,brand\nV1,2026-10-05 10:00,C1,Kia\nV2,2026-10-31 11:00,C2,Kia\n",
    );
    common::put(
        &data,
        "clients.csv",
        "client_id,name,consent\nC1,Иванов,нет\nC2,Петров,нет\n",
    );
    common::put(
        &data,
        "order_lines.csv",
        "visit_id,service_code,description,category,amount\nV1,P1,Полировка,Полировка,800\nV2,P1,Полировка,Полировка,900\n",
    );
    common::put(
        &data,
        "price_list.csv",
        "service_code,description,category,price\nP1,Полировка,Полировка,850\n",
    );
    let ing = stoa::ingest::load(&data, &stoa::config::Config::default()).unwrap();
    let unsaid: Vec<_> = ing
        .warnings
        .iter()
        .filter(|w| !w.is_for_the_terminal())
        .collect();
    assert!(unsaid.len() >= 3, "{unsaid:#?}");

    let said = common::report_ok(&data, &dir.path().join("reports"), &["--only", "demand"]);
    let line = said
        .lines()
        .find(|l| l.contains("more warnings about the data"))
        .unwrap_or_else(|| panic!("no line for the other warnings in\n{said}"));
    assert!(
        line.starts_with(&format!("warning: {} more warnings", unsaid.len())),
        "{line}"
    );
    for table in ["order_lines", "clients", "price_list"] {
        assert!(line.contains(table), "{table} not in {line}");
    }
    assert!(line.contains("`stoa check --data "), "{line}");

    // -q says nothing, as before.
    let quiet = common::report_ok(
        &data,
        &dir.path().join("quiet"),
        &["-q", "--only", "demand"],
    );
    assert!(!quiet.contains("more warning"), "{quiet}");
}
