//! The sheets of a workbook a table is read from, run through the binary: a sheet of the
//! table whose header lacks a required column stops the run with an error naming it (its
//! rows were lost without a word, exit 0), a sheet that is no table (a cover, notes) is
//! named in a warning, and each sheet read has its own line in the accounting.

use std::path::Path;

use crate::common;
use common::{put, stoa};

use rust_xlsxwriter::Workbook;

/// Clients C1 to C6, and one line for each of the visits ЗН-1 to ЗН-6.
fn put_clients_and_lines(dir: &Path) {
    let clients: String = (1..=6).map(|i| format!("C{i};Клиент {i}\n")).collect();
    put(dir, "clients.csv", &format!("Код клиента;ФИО\n{clients}"));
    let lines: String = (1..=6).map(|i| format!("ЗН-{i};Работа;1000\n")).collect();
    put(
        dir,
        "order_lines.csv",
        &format!("Номер заказ-наряда;Наименование;Сумма\n{lines}"),
    );
}

/// `visits.xlsx`: an empty first sheet when `cover`, a cover sheet of report parameters,
/// September's visits ЗН-1 to ЗН-3 under `client` as the client's header, and October's
/// ЗН-4 to ЗН-6 (ЗН-6 of no date, rejected).
fn put_visits(dir: &Path, client: &str, cover: bool) {
    let mut wb = Workbook::new();
    if cover {
        wb.add_worksheet().set_name("Лист3").unwrap();
        wb.add_worksheet()
            .set_name("Параметры")
            .unwrap()
            .write_row(0, 0, ["Период:", "01.09.2026 - 31.10.2026"])
            .unwrap();
    }
    let september = wb.add_worksheet().set_name("Сентябрь").unwrap();
    september
        .write_row(0, 0, ["Номер", "Дата", client, "Марка"])
        .unwrap();
    for i in 1..=3 {
        let row = [
            format!("ЗН-{i}"),
            format!("1{i}.09.2026"),
            format!("C{i}"),
            "Kia".into(),
        ];
        september.write_row(i, 0, row).unwrap();
    }
    let october = wb.add_worksheet().set_name("Октябрь").unwrap();
    october
        .write_row(0, 0, ["Номер", "Дата", "Код клиента", "Марка"])
        .unwrap();
    for (i, day) in [(4, "10.10.2026"), (5, "20.10.2026"), (6, "")] {
        let row = [format!("ЗН-{i}"), day.into(), format!("C{i}"), "Kia".into()];
        october.write_row(i - 3, 0, row).unwrap();
    }
    wb.save(dir.join("visits.xlsx")).unwrap();
}

/// `stoa check --lang en --data DIR [--json]`: exit code, stdout, stderr.
fn check(dir: &Path, json: bool) -> (i32, String, String) {
    let mut cmd = stoa();
    cmd.args(["check", "--lang", "en", "--data"]).arg(dir);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn regression_a_sheet_whose_client_column_is_headed_kod_pokupatelya_is_read() {
    // 1C heads the client `Код покупателя` in its sales reports: September's sheet was
    // passed over without a word, its visits lost and their lines rejected, exit 0.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put_visits(dir.path(), "Код покупателя", false);
    let (code, out, err) = check(dir.path(), true);
    assert_eq!(code, 0, "{err}");
    let inputs: serde_json::Value = serde_json::from_str(&out).unwrap();
    let visits = inputs
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["table"] == "visits")
        .unwrap();
    assert_eq!(visits["sheet"], "Сентябрь, Октябрь");
    let counts = |v: &serde_json::Value| {
        ["rows_read", "rows_accepted", "rows_rejected"].map(|k| v[k].as_u64().unwrap())
    };
    assert_eq!(counts(visits), [6, 5, 1]);
    // Each sheet under its own name, ЗН-6's reject on October's.
    let sheets: Vec<(String, [u64; 3])> = visits["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["sheet"].as_str().unwrap().to_string(), counts(s)))
        .collect();
    assert_eq!(
        sheets,
        [
            ("Сентябрь".to_string(), [3, 3, 0]),
            ("Октябрь".to_string(), [3, 2, 1])
        ]
    );
    // The lines of September's visits find them.
    let lines = inputs
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["table"] == "order_lines")
        .unwrap();
    assert_eq!(counts(lines), [6, 5, 1]);
    // The readable accounting gives each sheet a line under the table's.
    let (_, text, _) = check(dir.path(), false);
    let line = |sheet: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("[{sheet}]")))
            .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>())
    };
    assert_eq!(line("Сентябрь"), Some(vec!["3", "3", "0"]), "{text}");
    assert_eq!(line("Октябрь"), Some(vec!["3", "2", "1"]), "{text}");
}

#[test]
fn regression_a_sheet_of_the_table_lacking_a_required_column_stops_the_run_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put_visits(dir.path(), "Плательщик", true);
    let (code, out, err) = check(dir.path(), true);
    assert_eq!(code, 1, "{out}{err}");
    let path = dir.path().join("visits.xlsx");
    for said in [
        format!(
            "{}, sheet \"Сентябрь\" looks like a sheet of `visits`",
            path.display()
        ),
        "no column «Client» (required; in a Russian export «Код клиента»)".to_string(),
        r#"the columns found are: "Номер", "Дата", "Плательщик", "Марка""#.to_string(),
        r#"`visits = "visits.xlsx#Октябрь"`"#.to_string(),
    ] {
        assert!(err.contains(&said), "{said} in {err}");
    }
    // The same in Russian, the default.
    let out = stoa()
        .args(["check", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("лист «Сентябрь» похож на лист таблицы `visits`")
            && err.contains("нет столбца «Код клиента» (обязателен)")
            && !err.contains("client_id (")
            && !err.contains("в заголовке есть visit_id"),
        "{err}"
    );
}

#[test]
fn a_cover_sheet_beside_the_tables_sheets_is_named_and_an_empty_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    put_visits(dir.path(), "Код клиента", true);
    let (code, text, err) = check(dir.path(), false);
    assert_eq!(code, 0, "{err}");
    let path = dir.path().join("visits.xlsx");
    let warned = format!(
        "the sheet «Параметры» of {} was not read as `visits`: no row of it names every required column («Visit No», «Date», «Client», «Make» not found, in a Russian export «Номер заказ-наряда», «Дата приёма», «Код клиента», «Марка»; its row nearest a header: «Период:», «01.09.2026 - 31.10.2026»)",
        path.display()
    );
    assert!(text.contains(&warned), "{text}");
    assert!(!text.contains("«Лист3»"), "{text}");
}
