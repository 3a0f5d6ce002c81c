//! Whether a sheet holds another table, asked by the readers of a workbook of several
//! sheets, is answered by that table's names in stoa.toml too (`[columns]`), and a workbook
//! `[files]` names whole as a table's is that table's as one named after it is. Until
//! session 32 those questions were asked by the built-in names alone: a sheet only the
//! user's names made recognisable was taken for a summary, or for the price list's.

use std::path::{Path, PathBuf};

use crate::common;
use common::{put, warnings_of};

use rust_xlsxwriter::Workbook;
use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// A data folder `dir/data` with visits V1 (31.10.2026, client C1) and `stoa.toml` as
/// `settings`; the rest is the test's.
fn data(dir: &Path, settings: &str) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "Номер;Дата;Клиент;Марка\nV1;31.10.2026;C1;Kia\n",
    );
    put(&data, "stoa.toml", settings);
    data
}

/// A workbook at `path` of the sheets `(name, rows)`, every cell text.
fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (i, row) in rows.iter().enumerate() {
            ws.write_row(i as u32, 0, row.iter().copied()).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// Load `data` under its stoa.toml.
fn load_with_settings(data: &Path) -> stoa::ingest::Ingested {
    let config = Config::load(None, data).unwrap();
    load(data, &config).unwrap()
}

/// clients.xlsx of a sheet of clients and a sheet `История` of visits whose header is
/// `Квитанция | Когда | Код клиента | Пометка`, which names the visits' number and date only
/// by the names `visits` gives them in stoa.toml.
fn clients_with_history(data: &Path) {
    put(
        data,
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
    workbook(
        &data.join("clients.xlsx"),
        &[
            ("Клиенты", &[&["Код клиента", "ФИО"], &["C1", "Иванов"]]),
            (
                "История",
                &[
                    &["Квитанция", "Когда", "Код клиента", "Пометка"],
                    &["V1", "31.10.2026", "C1", "ТО"],
                ],
            ),
        ],
    );
}

/// The warning of the sheet `История` set aside from the clients: whether it was taken for
/// the visits' sheet (true) or for a summary (false), if it was set aside.
fn history_set_aside(ing: &stoa::ingest::Ingested) -> Option<bool> {
    warnings_of(ing, "clients").into_iter().find_map(|w| {
        if let Some(args) = reasons::parse(reasons::SHEET_OF_OTHER, w) {
            assert_eq!((args[0], args[4]), ("История", "visits"), "{w}");
            return Some(true);
        }
        reasons::parse(reasons::SHEET_SUMMARY, w).map(|args| {
            assert_eq!(args[0], "История", "{w}");
            false
        })
    })
}

#[test]
fn regression_a_sheet_named_only_by_the_settings_looks_like_their_table() {
    let dir = tempfile::tempdir().unwrap();
    let visits_names = "[columns.visits]\nvisit_id = \"Квитанция\"\nopened_at = \"Когда\"\n";
    let data = data(dir.path(), visits_names);
    clients_with_history(&data);
    let ing = load_with_settings(&data);
    // Its header names the visits' number and date by stoa.toml's names: the visits'.
    assert_eq!(history_set_aside(&ing), Some(true));

    // By the built-in names it names the client's code alone: a summary, as before.
    let dir = tempfile::tempdir().unwrap();
    let data = self::data(dir.path(), "");
    clients_with_history(&data);
    let ing = load_with_settings(&data);
    assert_eq!(history_set_aside(&ing), Some(false));
}

#[test]
fn regression_a_sheet_of_order_lines_by_the_settings_names_is_not_the_price_lists() {
    // `Работы` of price_list.xlsx is the order lines' where it holds their columns, which
    // `[columns.order_lines]` names: found so, it was looked at by the price list's reader
    // too, by the built-in names, and passed over with a warning that it lacked the price
    // list's columns.
    let dir = tempfile::tempdir().unwrap();
    let data = data(
        dir.path(),
        "[columns.order_lines]\nvisit_id = \"Квитанция\"\n",
    );
    put(&data, "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    workbook(
        &data.join("price_list.xlsx"),
        &[
            (
                "Прайс",
                &[
                    &["Код работы", "Наименование", "Категория", "Цена"],
                    &["S1", "ТО", "ремонт", "1000"],
                ],
            ),
            (
                "Работы",
                &[
                    &["Квитанция", "Наименование", "Сумма"],
                    &["V1", "ТО", "1000"],
                ],
            ),
        ],
    );
    let ing = load_with_settings(&data);
    let input = |t: &str| ing.inputs.iter().find(|i| i.table == t).unwrap();
    assert_eq!(input("order_lines").sheet.as_deref(), Some("Работы"));
    assert_eq!(input("order_lines").rows_read, 1);
    assert_eq!(input("price_list").rows_read, 1);
    let said = warnings_of(&ing, "price_list");
    assert!(said.iter().all(|w| !w.contains("Работы")), "{said:?}");
}

#[test]
fn regression_a_workbook_named_whole_under_files_is_the_tables_as_by_its_name() {
    // `Цены 2026.xlsx`, named under [files] as the price list, with its works on a sheet
    // `Работы`: that sheet was taken for the order lines, found twice beside
    // order_lines.csv (exit 1); it is the price list's, as in `price_list.xlsx`.
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path(), "[files]\nprice_list = \"Цены 2026.xlsx\"\n");
    put(&data, "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    put(
        &data,
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
    let header: &[&str] = &["Код работы", "Наименование", "Категория", "Цена"];
    workbook(
        &data.join("Цены 2026.xlsx"),
        &[
            ("Запчасти", &[header, &["P1", "Фильтр", "ремонт", "500"]]),
            ("Работы", &[header, &["S1", "ТО", "ремонт", "1000"]]),
        ],
    );
    let ing = load_with_settings(&data);
    let input = |t: &str| ing.inputs.iter().find(|i| i.table == t).unwrap();
    assert_eq!(input("price_list").rows_read, 2);
    assert_eq!(
        input("price_list").sheet.as_deref(),
        Some("Запчасти, Работы")
    );
    assert_eq!(input("order_lines").rows_read, 1);
}
