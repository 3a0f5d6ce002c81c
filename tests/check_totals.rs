//! Total rows inside a table and at its end, in a CSV and in a workbook: a subtotal with
//! data below it is set aside and the rows below are read, a line whose work starts with
//! a total word (`Total Quartz 9000`, a motor oil) is a line, and the total at the end
//! still ends the table, its footer unread.

use std::path::Path;

mod common;
use common::{put, texts, warnings_of};

use stoa::config::Config;
use stoa::ingest::{load, reasons, Ingested};

/// Visits V1 to V3 of client C1.
fn put_visits_and_clients(dir: &Path) {
    put(
        dir,
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n\
         V1;05.03.2026;C1;Kia\nV2;06.03.2026;C1;Kia\nV3;07.03.2026;C1;Kia\n",
    );
    put(dir, "clients.csv", "client_id;name\nC1;Иванов Иван\n");
}

/// The order lines of a report grouped by mechanic, as rows of cells: header, Petrov's
/// lines and subtotal, Sidorov's lines (one of them an oil named Total), the total and a
/// signature below it.
const LINES: [[&str; 4]; 9] = [
    ["Номер заказ-наряда", "Наименование", "Исполнитель", "Сумма"],
    ["V1", "Замена масла", "Петров", "1000"],
    ["V2", "Замена масла", "Петров", "1000"],
    ["Итого по исполнителю Петров", "", "", "2000"],
    ["V3", "Total Quartz 9000 5W-40, 4 л", "Сидоров", "3500"],
    ["V3", "Замена масла", "Сидоров", "1000"],
    ["Итого", "", "", "6500"],
    ["", "", "", ""],
    ["Исполнитель: ____________ Сидоров", "", "", ""],
];

/// What both files must give: every line read, the subtotal named in a warning.
fn assert_lines_read(ing: &Ingested, place: &str) {
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        texts(&lines, "description"),
        [
            s("Замена масла"),
            s("Замена масла"),
            s("Total Quartz 9000 5W-40, 4 л"),
            s("Замена масла")
        ]
    );
    let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
    assert_eq!(amounts.iter().flatten().sum::<i64>(), 650_000);
    let input = ing
        .inputs
        .iter()
        .find(|i| i.table == "order_lines")
        .unwrap();
    assert_eq!((input.rows_read, input.rows_rejected), (4, 0));
    let subtotals: Vec<&str> = warnings_of(ing, "order_lines")
        .into_iter()
        .filter(|w| reasons::parse(reasons::SUBTOTALS, w).is_some())
        .collect();
    assert_eq!(
        subtotals,
        [reasons::fill(
            reasons::SUBTOTALS,
            &["1", place, "4", "«Итого по исполнителю Петров»"]
        )]
    );
}

#[test]
fn regression_a_subtotal_inside_a_csv_no_longer_ends_the_table() {
    // Before, the subtotal ended the table: Sidorov's lines were neither read nor
    // rejected, and the revenue was 2000 where the file gives 6500.
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_clients(dir.path());
    let text: String = LINES.iter().map(|r| r.join(";") + "\n").collect();
    put(dir.path(), "order_lines.csv", &text);
    let ing = load(dir.path(), &Config::default()).unwrap();
    let place = dir.path().join("order_lines.csv").display().to_string();
    assert_lines_read(&ing, &place);
}

#[test]
fn regression_a_subtotal_inside_a_sheet_no_longer_ends_the_table() {
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_clients(dir.path());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Работы").unwrap();
    for (r, row) in LINES.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            match cell.parse::<f64>() {
                Ok(n) => ws.write(r as u32, c as u16, n).unwrap(),
                Err(_) => ws.write(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    let path = dir.path().join("order_lines.xlsx");
    wb.save(&path).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let place = format!("{}, sheet \"Работы\"", path.display());
    assert_lines_read(&ing, &place);
}

#[test]
fn a_competitor_named_total_is_a_price_and_the_total_row_still_ends_the_table() {
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_clients(dir.path());
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;100\n",
    );
    put(
        dir.path(),
        "competitor_prices.csv",
        "Конкурент;Код работы;Цена;Дата\n\
         Total Auto Service;TO-1;4500;01.03.2026\n\
         Мастер;TO-1;4700;01.03.2026\n\
         Итого;;9200;\n\
         Total Auto Service;TO-2;1500;01.03.2026\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let prices = ing.model.competitor_prices.clone().collect().unwrap();
    let s = |t: &str| Some(t.to_string());
    // The last row is a price too: the total above it is a subtotal.
    assert_eq!(
        texts(&prices, "competitor"),
        [
            s("Total Auto Service"),
            s("Мастер"),
            s("Total Auto Service")
        ]
    );
    let input = ing
        .inputs
        .iter()
        .find(|i| i.table == "competitor_prices")
        .unwrap();
    assert_eq!(input.rows_read, 3);
}

/// Order lines with a line of work typed by hand below the total (its price given, its
/// amount not), then a signature: the total ends the table, and both rows below are named
/// in one warning. (A row below that fills every required column, the amount too, makes
/// the total a subtotal and is read: `regression_a_subtotal_inside_…` above.)
const BELOW: [[&str; 5]; 7] = [
    [
        "Номер заказ-наряда",
        "Наименование",
        "Кол-во",
        "Цена",
        "Сумма",
    ],
    ["V1", "Замена масла", "1", "1000", "1000"],
    ["V2", "Замена масла", "1", "1000", "1000"],
    ["Итого", "", "", "", "2000"],
    ["", "", "", "", ""],
    ["V3", "Замена масла", "1", "1500", ""],
    ["Ответственный", "Петров П.П.", "", "", ""],
];

/// What both files must give: the two lines above the total read and counted, the rows
/// below neither read nor counted, and one warning naming them.
fn assert_below_named(ing: &Ingested, place: &str) {
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(lines.height(), 2);
    let input = ing
        .inputs
        .iter()
        .find(|i| i.table == "order_lines")
        .unwrap();
    // The total row is not counted as read (SPEC §4.1), nor are the rows below it.
    assert_eq!(
        (input.rows_read, input.rows_accepted, input.rows_rejected),
        (2, 2, 0)
    );
    let below: Vec<&str> = warnings_of(ing, "order_lines")
        .into_iter()
        .filter(|w| reasons::parse(reasons::BELOW_TOTAL, w).is_some())
        .collect();
    assert_eq!(
        below,
        [reasons::fill(
            reasons::BELOW_TOTAL,
            &[
                "2",
                "order_lines",
                "4",
                place,
                "6",
                "«V3; Замена масла; 1; 1500»"
            ]
        )]
    );
    assert!(ing
        .warnings
        .iter()
        .any(|w| w.rows == 2 && w.is_for_the_terminal() && w.message == below[0]));
}

#[test]
fn regression_rows_below_the_total_of_a_csv_are_named_in_a_warning() {
    // Before, a line of work typed below the total was dropped without a word.
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_clients(dir.path());
    let text: String = BELOW.iter().map(|r| r.join(";") + "\n").collect();
    put(dir.path(), "order_lines.csv", &text);
    let ing = load(dir.path(), &Config::default()).unwrap();
    let place = dir.path().join("order_lines.csv").display().to_string();
    assert_below_named(&ing, &place);
}

#[test]
fn regression_rows_below_the_total_of_a_sheet_are_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_clients(dir.path());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Работы").unwrap();
    for (r, row) in BELOW.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            match cell.parse::<f64>() {
                Ok(n) => ws.write(r as u32, c as u16, n).unwrap(),
                Err(_) => ws.write(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    let path = dir.path().join("order_lines.xlsx");
    wb.save(&path).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let place = format!("{}, sheet \"Работы\"", path.display());
    assert_below_named(&ing, &place);
}
