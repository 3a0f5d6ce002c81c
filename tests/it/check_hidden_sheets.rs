//! Hidden sheets of a workbook: Excel does not show them (last year's data kept out of
//! sight, a lookup list), so a table found on sheets in view is not read from them too;
//! they are named in a warning, and one is read when it alone holds the table.

use std::path::Path;

use crate::common;
use common::{put, texts, warnings_of};

use rust_xlsxwriter::Workbook;
use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// Visits V1 of client C1 with one line; the clients are the test's.
fn put_visit(dir: &Path) {
    put(
        dir,
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C1;Lada\n",
    );
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
}

/// The warnings of hidden sheets not read.
fn hidden_sheets(ing: &stoa::ingest::Ingested) -> Vec<&str> {
    warnings_of(ing, "clients")
        .into_iter()
        .filter(|w| reasons::parse(reasons::HIDDEN_SHEETS, w).is_some())
        .collect()
}

/// A clients sheet named `name` with the given clients (code, name).
fn clients_sheet(wb: &mut Workbook, name: &str, rows: &[[&str; 2]], hidden: bool) {
    let ws = wb.add_worksheet().set_name(name).unwrap();
    ws.write_row(0, 0, ["Код клиента", "ФИО"]).unwrap();
    for (i, row) in rows.iter().enumerate() {
        ws.write_row(i as u32 + 1, 0, *row).unwrap();
    }
    ws.set_hidden(hidden);
}

#[test]
fn regression_a_hidden_sheet_holding_the_table_is_not_read_beside_the_sheets_in_view() {
    // Session 19 read every sheet holding the table, hidden ones too: last year's clients
    // kept on a hidden sheet came back as duplicates and rows nobody saw.
    let dir = tempfile::tempdir().unwrap();
    put_visit(dir.path());
    let mut wb = Workbook::new();
    clients_sheet(
        &mut wb,
        "Лист1",
        &[["C1", "Иванов"], ["C2", "Петров"]],
        false,
    );
    clients_sheet(
        &mut wb,
        "Архив 2025",
        &[["C1", "Иванов И."], ["C9", "Старый"]],
        true,
    );
    wb.save(dir.path().join("clients.xlsx")).unwrap();

    let ing = load(dir.path(), &Config::default()).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&clients, "client_id"), [s("C1"), s("C2")]);
    let input = ing.inputs.iter().find(|i| i.table == "clients").unwrap();
    assert_eq!(input.sheet.as_deref(), Some("Лист1"));
    assert_eq!((input.rows_read, input.rows_rejected), (2, 0));
    let path = dir.path().join("clients.xlsx").display().to_string();
    assert_eq!(
        hidden_sheets(&ing),
        [reasons::fill(
            reasons::HIDDEN_SHEETS,
            &[
                "«Архив 2025»",
                &path,
                "clients",
                r#"clients = "clients.xlsx#Архив 2025""#
            ]
        )
        .as_str()]
    );
    // It is printed by `stoa report` too: rows may be missing from the figures.
    assert!(ing
        .warnings
        .iter()
        .any(|w| w.message.contains("hidden sheet") && w.is_for_the_terminal()));

    // Named under [files], the hidden sheet is read.
    put(
        dir.path(),
        "stoa.toml",
        "[files]\nclients = \"clients.xlsx#Архив 2025\"\n",
    );
    let config = Config::load(Some(&dir.path().join("stoa.toml")), dir.path()).unwrap();
    let ing = load(dir.path(), &config).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    assert_eq!(texts(&clients, "client_id"), [s("C1"), s("C9")]);
}

#[test]
fn a_hidden_sheet_that_alone_holds_the_table_is_read() {
    // A report whose data sheet is hidden behind a sheet of charts.
    let dir = tempfile::tempdir().unwrap();
    put_visit(dir.path());
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("Сводка")
        .unwrap()
        .write(0, 0, "Клиентов: 2")
        .unwrap();
    clients_sheet(
        &mut wb,
        "Данные",
        &[["C1", "Иванов"], ["C2", "Петров"]],
        true,
    );
    wb.save(dir.path().join("clients.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let input = ing.inputs.iter().find(|i| i.table == "clients").unwrap();
    assert_eq!(input.sheet.as_deref(), Some("Данные"));
    assert_eq!((input.rows_read, input.rows_accepted), (2, 2));
    assert!(hidden_sheets(&ing).is_empty());
}

#[test]
fn a_hidden_worksheet_of_an_xml_spreadsheet_is_passed_over_too() {
    let dir = tempfile::tempdir().unwrap();
    put_visit(dir.path());
    let sheet = |name: &str, code: &str, options: &str| {
        format!(
            "<Worksheet ss:Name=\"{name}\"><Table>\
             <Row><Cell><Data ss:Type=\"String\">Код клиента</Data></Cell></Row>\
             <Row><Cell><Data ss:Type=\"String\">{code}</Data></Cell></Row></Table>{options}</Worksheet>"
        )
    };
    put(
        dir.path(),
        "clients.xml",
        &format!(
            "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" \
             xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\" \
             xmlns:x=\"urn:schemas-microsoft-com:office:excel\">{}{}</Workbook>",
            sheet("Лист1", "C1", ""),
            sheet(
                "Архив",
                "C9",
                "<x:WorksheetOptions><x:Visible>SheetHidden</x:Visible></x:WorksheetOptions>"
            ),
        ),
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    assert_eq!(texts(&clients, "client_id"), [Some("C1".to_string())]);
    assert_eq!(hidden_sheets(&ing).len(), 1);
}

/// A client C1 visits.csv and orders.csv, with clients as `clients.xlsx` to be built.
fn put_clients_elsewhere(dir: &Path) {
    put_visit(dir);
    std::fs::remove_file(dir.join("order_lines.csv")).unwrap();
}

#[test]
fn regression_a_hidden_copy_named_after_the_table_is_not_read_instead_of_the_sheet_in_view() {
    // 1C's export sheet "TDSheet" in view and Excel's copy of a sheet, "Клиенты (2)",
    // hidden: the copy's name made it the table's only sheet, and its one old client
    // replaced the export's two without a word.
    let dir = tempfile::tempdir().unwrap();
    put_clients_elsewhere(dir.path());
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
    let mut wb = Workbook::new();
    clients_sheet(
        &mut wb,
        "TDSheet",
        &[["C1", "Иванов"], ["C2", "Петров"]],
        false,
    );
    clients_sheet(&mut wb, "Клиенты (2)", &[["C9", "Старый"]], true);
    wb.save(dir.path().join("clients.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&clients, "client_id"), [s("C1"), s("C2")]);
    assert_eq!(hidden_sheets(&ing).len(), 1, "{:?}", ing.warnings);
    assert!(hidden_sheets(&ing)[0].contains("«Клиенты (2)»"));
}

#[test]
fn regression_a_sheet_named_after_the_table_without_its_columns_does_not_hide_the_one_with_them() {
    // clients.xlsx with the data on "TDSheet" and a summary sheet "Клиенты": the summary
    // was read alone and the run stopped on "no header row".
    let dir = tempfile::tempdir().unwrap();
    put_visit(dir.path());
    let mut wb = Workbook::new();
    clients_sheet(&mut wb, "TDSheet", &[["C1", "Иванов"]], false);
    wb.add_worksheet()
        .set_name("Клиенты")
        .unwrap()
        .write(0, 0, "Всего клиентов: 1")
        .unwrap();
    wb.save(dir.path().join("clients.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let input = ing.inputs.iter().find(|i| i.table == "clients").unwrap();
    assert_eq!(input.sheet.as_deref(), Some("TDSheet"));
    assert_eq!(input.rows_accepted, 1);
}

#[test]
fn regression_a_hidden_sheet_named_after_a_table_found_elsewhere_is_passed_over_with_a_warning() {
    // A lookup copy of the clients, "Клиенты", hidden in the lines' workbook: the clients
    // were "found twice" (exit 1) and the user could not see the second place.
    let dir = tempfile::tempdir().unwrap();
    put_clients_elsewhere(dir.path());
    put(dir.path(), "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Работы").unwrap();
    ws.write_row(0, 0, ["№ заказ-наряда", "Наименование", "Сумма"])
        .unwrap();
    ws.write_row(1, 0, ["V1", "ТО"]).unwrap();
    ws.write(1, 2, 1000).unwrap();
    clients_sheet(&mut wb, "Клиенты", &[["C9", "Старый"]], true);
    wb.save(dir.path().join("order_lines.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    assert_eq!(texts(&clients, "client_id"), [Some("C1".to_string())]);
    let input = ing.inputs.iter().find(|i| i.table == "clients").unwrap();
    assert!(input.path.ends_with("clients.csv"), "{}", input.path);
    let warned = hidden_sheets(&ing);
    assert_eq!(warned.len(), 1, "{:?}", ing.warnings);
    assert!(warned[0].contains("«Клиенты»") && warned[0].contains("order_lines.xlsx"));
}
