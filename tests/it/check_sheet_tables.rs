//! Which sheets of a workbook belong to which table, run through the binary (session 31):
//! a sheet whose header names only the columns another table or a summary has too is set
//! aside with a warning naming it, not read as the workbook's table; a sheet named after
//! another table is never the workbook's table; a sheet named after a table in a workbook
//! named after another is that table only when it holds its columns.

use std::path::Path;

use crate::common;
use common::{put, stoa};

use rust_xlsxwriter::Workbook;

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

/// The accounting of `table` in `check --json`'s output.
fn input(out: &str, table: &str) -> serde_json::Value {
    let inputs: serde_json::Value = serde_json::from_str(out).unwrap();
    inputs
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["table"] == table)
        .unwrap_or_else(|| panic!("no {table} in {out}"))
        .clone()
}

/// Rows read, accepted and rejected of an accounting.
fn counts(v: &serde_json::Value) -> [u64; 3] {
    ["rows_read", "rows_accepted", "rows_rejected"].map(|k| v[k].as_u64().unwrap())
}

/// A workbook at `path` of `sheets`, each a name and its rows of text cells.
fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            ws.write_row(r as u32, 0, row.iter().copied()).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// Visits V1–V3 of clients C1–C3, a line each.
fn put_visits_and_lines(dir: &Path) {
    put(
        dir,
        "visits.csv",
        "Номер;Дата;Код клиента;Марка\nV1;01.10.2026;C1;Kia\nV2;02.10.2026;C2;Kia\nV3;03.10.2026;C3;Kia\n",
    );
    put(
        dir,
        "order_lines.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV1;Мойка;1000\nV2;Мойка;1000\nV3;Мойка;1000\n",
    );
}

const PERSONS: &[&[&str]] = &[
    &["Код клиента", "ФИО", "Телефон", "Согласие на рассылку"],
    &["C1", "Иванов Иван", "+7 916 111-22-33", "да"],
    &["C2", "Петров Пётр", "+7 916 222-33-44", "да"],
];
const COMPANIES: &[&[&str]] = &[
    &[
        "Код клиента",
        "Наименование",
        "Телефон",
        "Согласие на рассылку",
    ],
    &["C3", "ООО Ромашка", "+7 495 111-22-33", "да"],
];

#[test]
fn regression_a_visits_history_sheet_in_the_clients_workbook_is_set_aside_not_read_as_clients() {
    // `История визитов` (`Код клиента | Дата | Сумма`) first: its rows were read as
    // clients of no name and the real clients on `Физлица` and `Юрлица` rejected as their
    // repeats, exit 0.
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_lines(dir.path());
    let history: &[&[&str]] = &[
        &["Код клиента", "Дата", "Сумма"],
        &["C2", "01.10.2026", "1000"],
        &["C3", "02.10.2026", "1000"],
        &["C2", "04.10.2026", "1000"],
    ];
    workbook(
        &dir.path().join("clients.xlsx"),
        &[
            ("История визитов", history),
            ("Физлица", PERSONS),
            ("Юрлица", COMPANIES),
        ],
    );
    let (code, out, err) = check(dir.path(), true);
    assert_eq!(code, 0, "{err}");
    let clients = input(&out, "clients");
    assert_eq!(clients["sheet"], "Физлица, Юрлица", "{out}");
    assert_eq!(counts(&clients), [3, 3, 0], "{out}");
    // The sheet set aside is named, with the table it looks like and the cure.
    let (_, text, _) = check(dir.path(), false);
    let warning = text
        .lines()
        .find(|l| l.contains("«История визитов»"))
        .unwrap_or_else(|| panic!("{text}"));
    for said in [
        "was not read as `clients`",
        "client_id",
        "`visits`",
        "clients = \"clients.xlsx#История визитов\"",
    ] {
        assert!(warning.contains(said), "{said}: {warning}");
    }
    // The hint of the sheets read together names a sheet of clients.
    assert!(
        text.contains("clients = \"clients.xlsx#Физлица\""),
        "{text}"
    );
}

#[test]
fn regression_a_sheet_named_after_another_table_first_in_the_workbook_is_not_read_as_this_one() {
    // `Визиты` first in `clients.xlsx`: the visits' source, and read as clients too (its
    // visits' client codes taken for clients, the real clients rejected as repeats).
    let dir = tempfile::tempdir().unwrap();
    let visits: &[&[&str]] = &[
        &["Выгрузка заказ-нарядов"],
        &[],
        &["Номер", "Дата", "Код клиента", "Марка"],
        &["V1", "01.10.2026", "C1", "Kia"],
        &["V2", "02.10.2026", "C2", "Kia"],
        &["V3", "03.10.2026", "C3", "Kia"],
        &["V4", "04.10.2026", "C1", "Kia"],
    ];
    let lines: &[&[&str]] = &[
        &["Номер заказ-наряда", "Наименование", "Сумма"],
        &["V1", "Мойка", "1000"],
        &["V2", "Мойка", "1000"],
        &["V3", "Мойка", "1000"],
        &["V4", "Мойка", "1000"],
    ];
    workbook(
        &dir.path().join("clients.xlsx"),
        &[
            ("Визиты", visits),
            ("Работы", lines),
            ("Физлица", PERSONS),
            ("Юрлица", COMPANIES),
        ],
    );
    let (code, out, err) = check(dir.path(), true);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&input(&out, "visits")), [4, 4, 0], "{out}");
    assert_eq!(counts(&input(&out, "order_lines")), [4, 4, 0], "{out}");
    let clients = input(&out, "clients");
    assert_eq!(clients["sheet"], "Физлица, Юрлица", "{out}");
    assert_eq!(counts(&clients), [3, 3, 0], "{out}");
}

#[test]
fn regression_a_summary_sheet_among_order_line_sheets_is_set_aside_not_counted_again() {
    // `Свод по заказ-нарядам` (`Номер заказ-наряда | Наименование клиента | Сумма`, a
    // total a visit) beside the months' lines was read as lines, its `Наименование
    // клиента` as their description: the revenue doubled, exit 0.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Код клиента;Марка\nV1;01.10.2026;C1;Kia\nV2;02.10.2026;C2;Kia\nV9;31.10.2026;C1;Kia\n",
    );
    put(
        dir.path(),
        "clients.csv",
        "Код клиента;ФИО\nC1;Иванов\nC2;Петров\n",
    );
    let september: &[&[&str]] = &[
        &["Номер заказ-наряда", "Наименование", "Сумма"],
        &["V1", "Мойка", "1000"],
        &["V1", "Диагностика", "2000"],
    ];
    let october: &[&[&str]] = &[
        &["Номер заказ-наряда", "Наименование", "Сумма"],
        &["V2", "Мойка", "1000"],
        &["V9", "Мойка", "1000"],
    ];
    let summary: &[&[&str]] = &[
        &["Номер заказ-наряда", "Наименование клиента", "Сумма"],
        &["V1", "Иванов", "3000"],
        &["V2", "Петров", "1000"],
        &["V9", "Иванов", "1000"],
    ];
    workbook(
        &dir.path().join("order_lines.xlsx"),
        &[
            ("Сентябрь", september),
            ("Октябрь", october),
            ("Свод по заказ-нарядам", summary),
        ],
    );
    let (code, out, err) = check(dir.path(), true);
    assert_eq!(code, 0, "{err}");
    let lines = input(&out, "order_lines");
    assert_eq!(lines["sheet"], "Сентябрь, Октябрь", "{out}");
    assert_eq!(counts(&lines), [4, 4, 0], "{out}");
    let (_, text, _) = check(dir.path(), false);
    let warning = text
        .lines()
        .find(|l| l.contains("«Свод по заказ-нарядам»"))
        .unwrap_or_else(|| panic!("{text}"));
    for said in [
        "was not read as `order_lines`",
        "visit_id, amount",
        "summary",
        "order_lines = \"order_lines.xlsx#Свод по заказ-нарядам\"",
    ] {
        assert!(warning.contains(said), "{said}: {warning}");
    }
    // The revenue is the lines' alone: 5 000.
    assert_eq!(lines["money_accepted"], 5000.0, "{out}");
}

#[test]
fn regression_a_price_list_sheet_named_works_is_not_the_order_lines_found_twice() {
    // `price_list.xlsx` with sheets `Работы` and `Запчасти` beside `order_lines.csv`:
    // `Работы` was taken for the order lines by its name, exit 1 "found twice".
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_lines(dir.path());
    put(
        dir.path(),
        "clients.csv",
        "Код клиента;ФИО\nC1;А\nC2;Б\nC3;В\n",
    );
    let works: &[&[&str]] = &[
        &["Прайс-лист на работы"],
        &[
            "Код работы",
            "Наименование",
            "Категория",
            "Цена",
            "Интервал, мес",
        ],
        &["MNT-01", "Замена масла", "ТО", "2500", "12"],
        &["WSH-01", "Мойка", "мойка", "700", ""],
    ];
    let parts: &[&[&str]] = &[
        &["Код работы", "Наименование", "Категория", "Цена"],
        &["PRT-01", "Фильтр масляный", "запчасти", "650"],
    ];
    workbook(
        &dir.path().join("price_list.xlsx"),
        &[("Работы", works), ("Запчасти", parts)],
    );
    let (code, out, err) = check(dir.path(), true);
    assert_eq!(code, 0, "{err}");
    assert_eq!(counts(&input(&out, "order_lines")), [3, 3, 0], "{out}");
    let prices = input(&out, "price_list");
    assert_eq!(prices["sheet"], "Работы, Запчасти", "{out}");
    assert_eq!(counts(&prices), [3, 3, 0], "{out}");
}

#[test]
fn regression_a_table_found_twice_is_told_how_to_choose_one_under_files() {
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_lines(dir.path());
    put(dir.path(), "clients.csv", "Код клиента;ФИО\nC1;А\n");
    put(dir.path(), "Клиенты.csv", "Код клиента;ФИО\nC1;А\n");
    let (code, _, err) = check(dir.path(), false);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("found twice"), "{err}");
    assert!(
        err.contains("[files]") && err.contains("clients = \"clients.csv\""),
        "{err}"
    );
}
