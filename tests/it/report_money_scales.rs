//! End to end on session 31's money headers and currencies: thousands and millions without
//! a currency word (`Сумма, тыс.`), a mileage in thousands of km, a unit price per piece
//! (`Цена за шт., руб.`), files of one folder in different units, a wide price survey at a
//! dollar station, and a currency sign lost to Windows-1251 away from the rouble. Each
//! gave a wrong figure, or a wrong verdict, with exit code 0; the figures are worked out by
//! hand in each test.

use std::path::{Path, PathBuf};

use crate::common;
use common::{check_json, put, stoa, warnings_of};

use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// A data folder with one visit V1 of 31.10.2026 and `lines` as its order lines (UTF-8
/// with a byte-order mark, `;`).
fn data_with_lines(dir: &Path, lines: &str) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "\u{feff}Номер;Дата;Клиент;Марка\nV1;31.10.2026;C1;Kia\n",
    );
    put(
        &data,
        "clients.csv",
        "\u{feff}Код клиента;ФИО;Телефон\nC1;Иванов;89161234567\n",
    );
    if !lines.is_empty() {
        put(&data, "order_lines.csv", &format!("\u{feff}{lines}"));
    }
    data
}

/// `stoa report` on the data: its `revenue` row of October 2026 and what it said.
fn revenue_of(data: &Path) -> (String, String) {
    let out = data.parent().unwrap().join("reports");
    let run = stoa()
        .args(["report", "--lang", "en", "--only", "management"])
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stderr).to_string();
    assert_eq!(run.status.code(), Some(0), "{said}");
    let kpi = std::fs::read_to_string(out.join("2026-10/tables/kpi.csv")).unwrap();
    let row = kpi
        .lines()
        .find(|l| l.starts_with("revenue,2026-10,"))
        .unwrap_or_else(|| panic!("no revenue in\n{kpi}"))
        .to_string();
    (row, said)
}

/// [`revenue_of`] the lines.
fn revenue(lines: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(dir.path(), lines);
    revenue_of(&data)
}

/// Whether a warning read some column by its first words.
fn loose(warned: &[&str]) -> bool {
    warned
        .iter()
        .any(|w| reasons::parse(reasons::LOOSE_HEADER, w).is_some())
}

#[test]
fn regression_thousands_and_millions_without_a_currency_word_are_read_scaled() {
    // `Сумма, тыс.` was read by its first word, its figures as roubles: 1,5 was a revenue
    // of 1,50. 1,5 thousand + 0,002 million are 1 500 + 2 000 = 3 500, and 0,0015 + 0,002 million the same.
    for (header, cells) in [
        ("Сумма, тыс.", ["1,5", "2"]),
        ("Сумма (тыс.)", ["1,5", "2"]),
        ("Сумма, млн", ["0,0015", "0,002"]),
        ("Сумма, млн.", ["0,0015", "0,002"]),
    ] {
        let lines = format!(
            "Номер заказ-наряда;Наименование;{header}\nV1;Работа;{}\nV1;Масло;{}\n",
            cells[0], cells[1]
        );
        let (row, said) = revenue(&lines);
        assert_eq!(row, "revenue,2026-10,3500", "{header}\n{said}");
        assert!(said.contains("gives its money in"), "{header}\n{said}");
        assert!(!said.contains("first words"), "{header}\n{said}");
    }
    // The warning names the column and its unit.
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Сумма, тыс.\nV1;Работа;1,5\n",
    );
    let ing = load(&data, &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(
        lines.column("amount").unwrap().i64().unwrap().get(0),
        Some(150_000)
    );
    let warned = warnings_of(&ing, "order_lines");
    let scaled: Vec<_> = warned
        .iter()
        .filter_map(|w| reasons::parse(reasons::SCALED_MONEY, w))
        .collect();
    assert_eq!(scaled.len(), 1, "{warned:?}");
    assert_eq!(scaled[0][0], "«Сумма, тыс.»");
    assert!(!loose(&warned), "{warned:?}");
}

#[test]
fn regression_a_mileage_in_thousands_of_km_is_read_in_km_and_never_as_money() {
    // `Пробег, тыс. км` was the odometer by its first word, 125 read as 125 km where the
    // car had done 125 000. It is read in km, with a warning naming the unit; it is no
    // money column and says nothing of money.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "Номер;Дата;Клиент;Марка;Пробег, тыс. км\n\
         V1;30.10.2026;C1;Kia;125\n\
         V2;31.10.2026;C1;Kia;125,4\n",
    );
    put(&data, "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    put(
        &data,
        "order_lines.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV1;Работа;100\nV2;Работа;100\n",
    );
    let ing = load(&data, &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    let km: Vec<Option<i64>> = visits
        .column("odometer_km")
        .unwrap()
        .cast(&polars::prelude::DataType::Int64)
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(km, [Some(125_000), Some(125_400)]);
    let warned = warnings_of(&ing, "visits");
    let scaled: Vec<_> = warned
        .iter()
        .filter_map(|w| reasons::parse(reasons::SCALED_KM, w))
        .collect();
    assert_eq!(scaled.len(), 1, "{warned:?}");
    assert_eq!(scaled[0][0], "«Пробег, тыс. км»");
    assert!(!loose(&warned), "{warned:?}");
    assert!(
        !warned
            .iter()
            .any(|w| reasons::parse(reasons::SCALED_MONEY, w).is_some()),
        "{warned:?}"
    );
}

#[test]
fn regression_a_unit_price_per_piece_is_the_unit_price_with_its_unit() {
    // `Цена за шт., руб.` was the unit price by its first word, with the warning of a
    // column so read; `Цена за ед., коп.` too, its kopecks read as roubles. The amounts
    // come from 2 × 90,00: 180 each.
    for header in [
        "Цена за шт., руб.",
        "Цена за шт.",
        "Цена за ед., руб.",
        "Цена, руб. за шт.",
        "Цена (за 1 шт.), руб.",
    ] {
        let (row, said) = revenue(&format!(
            "Номер заказ-наряда;Наименование;Кол-во;{header}\nV1;Работа;2;90\n"
        ));
        assert_eq!(row, "revenue,2026-10,180", "{header}\n{said}");
        assert!(!said.contains("first words"), "{header}\n{said}");
    }
    let (row, said) =
        revenue("Номер заказ-наряда;Наименование;Кол-во;Цена за ед., коп.\nV1;Работа;2;9000\n");
    assert_eq!(row, "revenue,2026-10,180", "{said}");
    assert!(said.contains("in kopecks"), "{said}");
    assert!(!said.contains("first words"), "{said}");
}

#[test]
fn regression_each_file_of_a_folder_is_scaled_by_its_own_header() {
    // A folder of order lines, one file in roubles and one in thousands of roubles: the
    // first file's header scaled both (180 roubles read as 180 000, or 1,2 thousand as
    // 1,20). 180 + 1 200 = 1 380, whichever file comes first.
    for (first, second) in [
        (
            "Сумма, руб.\nV1;Работа;180",
            "Сумма, тыс. руб.\nV1;Масло;1,2",
        ),
        (
            "Сумма, тыс. руб.\nV1;Масло;1,2",
            "Сумма, руб.\nV1;Работа;180",
        ),
        ("Сумма, коп.\nV1;Работа;18000", "Сумма, тыс.\nV1;Масло;1,2"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let data = data_with_lines(dir.path(), "");
        let folder = data.join("order_lines");
        std::fs::create_dir(&folder).unwrap();
        for (name, text) in [("2026-10-a.csv", first), ("2026-10-b.csv", second)] {
            put(
                &folder,
                name,
                &format!("Номер заказ-наряда;Наименование;{text}\n"),
            );
        }
        let (row, said) = revenue_of(&data);
        assert_eq!(row, "revenue,2026-10,1380", "{first} | {second}\n{said}");
        // Each scaled file is named in its own warning.
        let ing = load(&data, &Config::default()).unwrap();
        let warned = warnings_of(&ing, "order_lines");
        let scaled: Vec<Vec<&str>> = warned
            .iter()
            .filter_map(|w| reasons::parse(reasons::SCALED_MONEY, w))
            .collect();
        let scaled_files = [first, second]
            .iter()
            .filter(|t| !t.starts_with("Сумма, руб."))
            .count();
        assert_eq!(scaled.len(), scaled_files, "{warned:?}");
        for s in &scaled {
            assert!(s[1].contains("2026-10-"), "{s:?}");
        }
    }
}

#[test]
fn regression_a_wide_price_survey_in_the_stations_currency_is_named_wide() {
    // A dollar station's survey, one column of prices per competitor in `$`: only `₽` and
    // `руб.` made a cell a price, so the file was said to lack its columns, and the error
    // asked for synonyms no renaming could give.
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Сумма\nV1;Работа;100\n",
    );
    put(
        &data,
        "stoa.toml",
        "currency = \"USD\"\nlanguage = \"en\"\n",
    );
    put(
        &data,
        "competitor_prices.csv",
        "Код работы;Наименование;Наша цена;AutoWorld;North Garage\n\
         WSH-01;Car wash;$700;$750;\n\
         MNT-01;Oil change;$1,200.00;$1,300.00;1 250 $\n",
    );
    let config = Config::load(None, &data).unwrap();
    let Err(e) = load(&data, &config) else {
        panic!("the wide survey was read");
    };
    let said = e.to_string();
    assert!(
        said.contains("has one column of prices per competitor («AutoWorld», «North Garage»)"),
        "{said}"
    );
}

/// A data folder of `currency` whose order lines are a Windows-1251 CSV holding `text`,
/// with `check --json`'s entry of the order lines.
fn lost_sign_lines(dir: &Path, currency: &str, text: &str) -> (PathBuf, serde_json::Value) {
    let data = data_with_lines(dir, "");
    put(&data, "stoa.toml", &format!("currency = \"{currency}\"\n"));
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    std::fs::write(data.join("order_lines.csv"), &bytes).unwrap();
    let (json, _) = check_json(&data);
    let lines = json
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["table"] == "order_lines")
        .unwrap()
        .clone();
    (data, lines)
}

#[test]
fn regression_a_sign_lost_to_windows_1251_is_read_at_any_station_whose_sign_it_lacks() {
    // `1 234,50 ?` is the station's own sign that a Windows-1251 CSV could not hold; it
    // was read at a rouble station only, and a tenge station had the line rejected.
    // Windows-1251 has `$`, so at a dollar station the `?` is a lost `₽`: rejected.
    for currency in ["KZT", "UAH", "RUB"] {
        let dir = tempfile::tempdir().unwrap();
        let text = "Номер заказ-наряда;Наименование;Сумма\r\n\
                    V1;ТО;1\u{a0}234,50 ?\r\nV1;Мойка;600,00\r\n";
        let (data, lines) = lost_sign_lines(dir.path(), currency, text);
        assert_eq!(
            (&lines["rows_accepted"], &lines["rows_rejected"]),
            (&2.into(), &0.into()),
            "{currency}: {lines}"
        );
        assert_eq!(lines["money_accepted"], 1834.5, "{currency}");
        let config = Config::load(None, &data).unwrap();
        let ing = load(&data, &config).unwrap();
        let warned = warnings_of(&ing, "order_lines");
        let lost: Vec<_> = warned
            .iter()
            .filter_map(|w| reasons::parse(reasons::LOST_SIGN, w))
            .collect();
        assert_eq!(lost.len(), 1, "{currency}: {warned:?}");
        assert_eq!(lost[0][0], "1", "{currency}: {warned:?}");
    }
    let dir = tempfile::tempdir().unwrap();
    let text =
        "Номер заказ-наряда;Наименование;Сумма\r\nV1;ТО;1\u{a0}234,50 ?\r\nV1;Мойка;600.00\r\n";
    let (_, lines) = lost_sign_lines(dir.path(), "USD", text);
    assert_eq!(
        (&lines["rows_accepted"], &lines["rows_rejected"]),
        (&1.into(), &1.into()),
        "USD: {lines}"
    );
}
