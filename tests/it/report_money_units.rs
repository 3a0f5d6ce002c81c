//! End to end on the money headers session 30 taught stoa: a line's total beside the
//! amount without VAT (`Сумма без НДС | Сумма НДС | Всего`), money in kopecks or thousands
//! of roubles (`Сумма, коп.`, `Сумма, тыс. руб.`), a unit inside a header (`Сумма, руб. (с
//! НДС)`), and `Исполнитель` over `ФИО | Разряд`. Each gave a wrong revenue, or rejected a
//! header row as data, with exit code 0. The revenue in `tables/kpi.csv` is worked out by
//! hand in each test.

use crate::common;
use common::{check_json, one_visit_with_lines as data_with_lines, warnings_of};

use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// `stoa report` on the lines: its `revenue` row of October 2026 and what it said.
fn revenue(lines: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    common::october_revenue(&data_with_lines(dir.path(), lines))
}

#[test]
fn regression_the_line_total_beside_the_amount_without_vat_is_the_revenue() {
    // 1C's layout: 2 × 75 = 150 net, 30 of VAT, 180 in all. `Всего` named nothing, and the
    // revenue was the 150 of `Сумма без НДС`, read by its first word with a warning. The
    // totals row below (`Итого`) is no line, though a column is named `Всего`: 180.
    let (row, said) = revenue(
        "Номер заказ-наряда;Наименование;Цена;Кол-во;Сумма без НДС;Сумма НДС;Всего\n\
         V1;Работа;75;2;150;30;180\n\
         Итого;;;;150;30;180\n",
    );
    assert_eq!(row, "revenue,2026-10,180");
    assert!(!said.contains("first words"), "{said}");
    // And `stoa check` counts one line read, none rejected: the totals row is not read.
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Сумма;НДС;Всего\n\
         V1;Работа;150;30;180\n\
         Всего;;150;30;180\n",
    );
    let (json, _) = check_json(&data);
    let lines = json
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["table"] == "order_lines")
        .unwrap()
        .clone();
    assert_eq!(
        (&lines["rows_read"], &lines["rows_rejected"]),
        (&1.into(), &0.into()),
        "{lines}"
    );
    assert_eq!(lines["money_accepted"], 180.0);
}

#[test]
fn regression_kopecks_and_thousands_of_roubles_are_read_scaled() {
    // 2 × 90,00 ₽ in kopecks: 18000 kopecks are 180 ₽ (read as roubles, the revenue was
    // 18 000 with only the warning of a column read by its first word).
    let (row, said) = revenue(
        "Номер заказ-наряда;Наименование;Цена, коп.;Кол-во;Сумма, коп.\n\
         V1;Работа;9000;2;18000\n",
    );
    assert_eq!(row, "revenue,2026-10,180");
    assert!(said.contains("in kopecks"), "{said}");
    // Thousands of roubles, decimals kept whole: 0,18 + 1,2345 thousand are 180 + 1 234,50
    // = 1 414,50 (read as roubles, 1,41).
    let (row, said) = revenue(
        "Номер заказ-наряда;Наименование;Сумма (тыс. руб.)\n\
         V1;Работа;0,18\n\
         V1;Масло;1,2345\n",
    );
    assert_eq!(row, "revenue,2026-10,1414.5");
    assert!(said.contains("in thousands of roubles"), "{said}");
    // The warning names the column and the unit, in place of the reading by first words.
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Цена, коп.;Сумма, тыс. руб.\nV1;Работа;150;1,5\n",
    );
    let ing = load(&data, &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let money = |c: &str| lines.column(c).unwrap().i64().unwrap().get(0);
    assert_eq!(
        (money("unit_price"), money("amount")),
        (Some(150), Some(150_000))
    );
    let file = data.join("order_lines.csv").display().to_string();
    let warned = warnings_of(&ing, "order_lines");
    for (column, scale) in [
        ("«Сумма, тыс. руб.»", stoa::ingest::header::Scale::Thousands),
        ("«Цена, коп.»", stoa::ingest::header::Scale::Kopecks),
    ] {
        let (figure, roubles) = scale.example();
        let said = reasons::fill(
            reasons::SCALED_MONEY,
            &[
                column,
                &file,
                scale.unit(),
                "roubles",
                figure,
                &format!("{roubles} ₽"),
                "roubles",
            ],
        );
        assert!(warned.contains(&said.as_str()), "{warned:?}");
    }
    assert!(
        !warned
            .iter()
            .any(|w| reasons::parse(reasons::LOOSE_HEADER, w).is_some()),
        "{warned:?}"
    );
}

#[test]
fn regression_a_unit_inside_a_header_is_set_aside() {
    // `Сумма, руб. (с НДС)` and `Цена, руб./шт` named nothing; `Сумма (руб.) без скидки`
    // was the amount by its first word. The amount is 180 of 2 × 100 less 20.
    let (row, said) = revenue(
        "Номер заказ-наряда;Наименование;Цена, руб./шт;Кол-во;Сумма (руб.) без скидки;\
         Сумма, руб. (с НДС)\n\
         V1;Работа;100;2;200;180\n",
    );
    assert_eq!(row, "revenue,2026-10,180");
    assert!(!said.contains("first words"), "{said}");
    assert!(!said.contains("no amount"), "{said}");
}

#[test]
fn regression_the_mechanic_is_read_from_the_name_under_its_group_cell() {
    // A report printed by pages, its header of two rows on each: `Исполнитель` over `ФИО |
    // Разряд`. The second row named no column and was rejected as a line of no visit
    // (the repeat on the second page was skipped as a header); 1500 + 700 = 2200.
    let lines = "Номер заказ-наряда;Наименование;Исполнитель;;Сумма\n\
                 ;;ФИО;Разряд;\n\
                 V1;Замена масла;Петров И.;5;1500\n\
                 Номер заказ-наряда;Наименование;Исполнитель;;Сумма\n\
                 ;;ФИО;Разряд;\n\
                 V1;Диагностика;Сидоров П.;4;700\n";
    let (row, _) = revenue(lines);
    assert_eq!(row, "revenue,2026-10,2200");
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(dir.path(), lines);
    let ing = load(&data, &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{}", ing.rejects);
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(
        common::texts(&lines, "mechanic"),
        [
            Some("Петров И.".to_string()),
            Some("Сидоров П.".to_string())
        ]
    );
}

#[test]
fn money_headed_in_roubles_at_a_dollar_station_is_read_as_it_is_with_a_warning() {
    // The lines of a rouble template at a station whose books are in dollars: the figures
    // are read as dollars, unconverted (180 + 20), and `stoa check`, the terminal of `stoa
    // report` and the report's warnings say which header names roubles.
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Цена (₽);Кол-во;Сумма, руб.\n\
         V1;Работа;90;2;180\n\
         V1;Мойка;20;1;20\n",
    );
    common::put(&data, "stoa.toml", "currency = \"USD\"\n");
    let (row, said) = common::october_revenue(&data);
    assert_eq!(row, "revenue,2026-10,200");
    let file = data.join("order_lines.csv").display().to_string();
    let said_of = |column: &str| {
        reasons::fill(
            reasons::HEADER_ROUBLES,
            &[column, &file, "USD", "USD", "USD"],
        )
    };
    for column in ["«Цена (₽)»", "«Сумма, руб.»"] {
        assert!(said.contains(&said_of(column)), "{said}");
    }
    let checked = common::check_said(&data);
    assert!(checked.contains(&said_of("«Сумма, руб.»")), "{checked}");
    let manifest =
        std::fs::read_to_string(data.parent().unwrap().join("reports/2026-10/manifest.json"))
            .unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let reported: Vec<&str> = manifest["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["message"].as_str())
        .filter(|m| reasons::parse(reasons::HEADER_ROUBLES, m).is_some())
        .collect();
    assert_eq!(reported, [said_of("«Цена (₽)»"), said_of("«Сумма, руб.»")]);
    // In Russian, on the terminal of a report in Russian.
    let out = dir.path().join("ru");
    let run = common::report_command(&data, &out, &["--lang", "ru", "--only", "management"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("заголовок столбца «Сумма, руб.»")
            && said.contains("называет рубли, а станция ведёт учёт в USD"),
        "{said}"
    );
    // At a rouble station the same header says nothing.
    std::fs::remove_file(data.join("stoa.toml")).unwrap();
    let ing = load(&data, &Config::default()).unwrap();
    let warned = warnings_of(&ing, "order_lines");
    assert!(
        !warned
            .iter()
            .any(|w| reasons::parse(reasons::HEADER_ROUBLES, w).is_some()),
        "{warned:?}"
    );
}
