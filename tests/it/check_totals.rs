//! Total rows inside a table and at its end, in a CSV and in a workbook: a subtotal with
//! data below it is set aside and the rows below are read, a line whose work starts with
//! a total word (`Total Quartz 9000`, a motor oil) is a line, and the total at the end
//! still ends the table, its footer unread.

use std::path::Path;

use crate::common;
use common::{
    accounted, check_json, check_said, i64s, input_of, load, put, put_sheet, row_counts, somes,
    texts, warnings_of,
};

use stoa::ingest::{reasons, Ingested};

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

/// Visits V1 to V3 of client C1 and `rows` as the order lines of a `;` CSV: the place the
/// warnings name the lines by.
fn lines_in_csv<const N: usize>(dir: &Path, rows: &[[&str; N]]) -> String {
    put_visits_and_clients(dir);
    let text: String = rows.iter().map(|r| r.join(";") + "\n").collect();
    put(dir, "order_lines.csv", &text);
    dir.join("order_lines.csv").display().to_string()
}

/// Visits V1 to V3 of client C1 and `rows` as the order lines on the sheet `sheet` of a
/// workbook: the place the warnings name the lines by.
fn lines_in_sheet<const N: usize>(dir: &Path, sheet: &str, rows: &[[&str; N]]) -> String {
    put_visits_and_clients(dir);
    let path = dir.join("order_lines.xlsx");
    put_sheet(&path, sheet, rows);
    format!("{}, sheet \"{sheet}\"", path.display())
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
    assert_eq!(
        texts(&lines, "description"),
        somes(&[
            "Замена масла",
            "Замена масла",
            "Total Quartz 9000 5W-40, 4 л",
            "Замена масла"
        ])
    );
    let amounts = i64s(&lines, "amount");
    assert_eq!(amounts.iter().flatten().sum::<i64>(), 650_000);
    let input = accounted(ing, "order_lines");
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
    let place = lines_in_csv(dir.path(), &LINES);
    assert_lines_read(&load(dir.path()), &place);
}

#[test]
fn regression_a_subtotal_inside_a_sheet_no_longer_ends_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let place = lines_in_sheet(dir.path(), "Работы", &LINES);
    assert_lines_read(&load(dir.path()), &place);
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
    let ing = load(dir.path());
    let prices = ing.model.competitor_prices.clone().collect().unwrap();
    // The last row is a price too: the total above it is a subtotal.
    assert_eq!(
        texts(&prices, "competitor"),
        somes(&["Total Auto Service", "Мастер", "Total Auto Service"])
    );
    assert_eq!(accounted(&ing, "competitor_prices").rows_read, 3);
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
    let input = accounted(ing, "order_lines");
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
    let place = lines_in_csv(dir.path(), &BELOW);
    assert_below_named(&load(dir.path()), &place);
}

#[test]
fn regression_rows_below_the_total_of_a_sheet_are_named_in_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let place = lines_in_sheet(dir.path(), "Работы", &BELOW);
    assert_below_named(&load(dir.path()), &place);
}

/// A 1C report of order lines grouped by visit: a row per visit with its subtotal, its
/// lines under it with the visit's cell empty, the report's total. ЗН-3's second line is
/// a motor oil whose name starts with a total word.
const GROUPED: [[&str; 4]; 14] = [
    ["Заказ-наряд", "Наименование", "Количество", "Сумма"],
    ["V1", "", "", "1500"],
    ["", "Диагностика", "1", "1500"],
    ["V2", "", "", "4700"],
    ["", "Замена масла двигателя", "1", "1000"],
    ["", "Total Quartz 9000 5W-40, 4 л", "1", "3200"],
    ["", "Фильтр масляный", "1", "500"],
    ["V3", "", "", "4300"],
    ["", "Замена колодок", "1", "1800"],
    ["", "Колодки", "1", "2500"],
    ["Итого", "", "", "10500"],
    ["", "", "", ""],
    ["", "", "", ""],
    ["Ответственный", "Петров П.П.", "", ""],
];

/// What `stoa check` (the binary) says of the order lines in `dir`: rows read, accepted,
/// rejected, the money read (kopecks) and the readable accounting in English.
fn lines_checked(dir: &Path) -> (u64, u64, u64, i64, String) {
    let (json, _) = check_json(dir);
    let input = input_of(&json, "order_lines");
    let (read, accepted, rejected) = row_counts(input);
    let money = (input["money_read"].as_f64().unwrap() * 100.0).round() as i64;
    (read, accepted, rejected, money, check_said(dir))
}

/// The grouped report read whole: its six lines, 10 500 ₽, nothing "below the total"
/// but the signature.
fn assert_grouped_read(dir: &Path) {
    let (read, accepted, rejected, money, text) = lines_checked(dir);
    assert_eq!(
        (read, accepted, rejected, money),
        (6, 6, 0, 1_050_000),
        "{text}"
    );
    assert!(text.contains("grouped by visit"), "{text}");
    // Only the signature is below the total row: the oil's line is no total.
    assert!(
        text.contains("1 row of `order_lines` below the total row (row 11) of "),
        "{text}"
    );
}

#[test]
fn regression_a_line_of_total_oil_in_a_sheet_grouped_by_visit_is_a_line() {
    // The oil's line gives no visit (its group row does), so it left every required text
    // column but its own empty and was taken for the report's total: the lines below it
    // were dropped, exit 0 (4 500 ₽ read of 13 200 in the tester's file).
    let dir = tempfile::tempdir().unwrap();
    lines_in_sheet(dir.path(), "TDSheet", &GROUPED);
    assert_grouped_read(dir.path());
}

#[test]
fn regression_a_line_of_total_oil_in_a_csv_grouped_by_visit_is_a_line() {
    let dir = tempfile::tempdir().unwrap();
    lines_in_csv(dir.path(), &GROUPED);
    assert_grouped_read(dir.path());
}

/// A flat list of lines with quantities and prices: the oil's line gives its visit, a
/// second one has lost it, and the total sums the quantities and amounts.
const PLAIN: [[&str; 5]; 6] = [
    [
        "Номер заказ-наряда",
        "Наименование",
        "Кол-во",
        "Цена",
        "Сумма",
    ],
    ["V1", "Замена масла", "1", "1000", "1000"],
    ["V2", "Total Quartz 9000 5W-40, 4 л", "1", "3200", "3200"],
    ["", "Total Rubia TIR 8900 10W-40", "2", "1600", "3200"],
    ["V3", "Фильтр масляный", "1", "500", "500"],
    ["Итого", "", "5", "", "7900"],
];

/// The flat list read: the oil with its visit accepted, the one without rejected for it
/// (a line, not the end of the table), V3's line read, the total ending the table.
fn assert_plain_read(dir: &Path) {
    let (read, accepted, rejected, money, text) = lines_checked(dir);
    assert_eq!(
        (read, accepted, rejected, money),
        (4, 3, 1, 790_000),
        "{text}"
    );
    assert!(!text.contains("below the total row"), "{text}");
    assert!(!text.contains("subtotal"), "{text}");
}

#[test]
fn a_line_of_total_oil_in_a_flat_sheet_is_a_line_even_without_its_visit() {
    let dir = tempfile::tempdir().unwrap();
    lines_in_sheet(dir.path(), "TDSheet", &PLAIN);
    assert_plain_read(dir.path());
}

#[test]
fn a_line_of_total_oil_in_a_flat_csv_is_a_line_even_without_its_visit() {
    let dir = tempfile::tempdir().unwrap();
    lines_in_csv(dir.path(), &PLAIN);
    assert_plain_read(dir.path());
}

#[test]
fn regression_a_footer_under_the_last_blank_row_is_no_client_nor_agent() {
    // clients.xlsx ends with a blank row and `Ответственный: ____ Сидоров А. А.`, and
    // agents.xlsx with 1C's `Выгружено из 1С …`: each was read as a client and an agent.
    // A client after a blank row above the footer is still read.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Код клиента;Марка\nV1;01.09.2026;C1;Kia\n",
    );
    put(
        dir.path(),
        "order_lines.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV1;Мойка;1000\n",
    );
    put_sheet(
        &dir.path().join("clients.xlsx"),
        "TDSheet",
        &[
            ["Справочник клиентов", "", ""],
            ["", "", ""],
            ["Код клиента", "ФИО", "Телефон"],
            ["C1", "Иванов Иван", "89161234567"],
            ["", "", ""],
            ["C2", "Петров Пётр", "89161234568"],
            ["", "", ""],
            ["Ответственный: ____________ Сидоров А. А.", "", ""],
        ],
    );
    put_sheet(
        &dir.path().join("agents.xlsx"),
        "TDSheet",
        &[
            ["Код агента", "Наименование", "Комиссия, %"],
            ["АГ-1", "Парковка у ТЦ", "5"],
            ["", "", ""],
            ["", "Выгружено из 1С 01.11.2026 10:15", ""],
        ],
    );
    let counts = |table: &str| row_counts(input_of(&check_json(dir.path()).0, table));
    // Read = accepted + rejected: the footer is not counted as read, as under a total.
    assert_eq!(counts("clients"), (2, 2, 0));
    assert_eq!(counts("agents"), (1, 1, 0));
    let said = check_said(dir.path());
    assert!(
        said.contains("1 row at the end of ")
            && said.contains(
                "(such as row 8: «Ответственный: ____________ Сидоров А. А.»): a footer of the export"
            )
            && said.contains("(such as row 4: «Выгружено из 1С 01.11.2026 10:15»)"),
        "{said}"
    );
    // The same in a CSV, its blank line empty: the footer is set aside too.
    std::fs::remove_file(dir.path().join("clients.xlsx")).unwrap();
    put(
        dir.path(),
        "clients.csv",
        "Код клиента;ФИО\nC1;Иванов Иван\n\nПодпись: ________\n",
    );
    assert_eq!(counts("clients"), (1, 1, 0));
    let said = check_said(dir.path());
    assert!(
        said.contains("(such as row 4: «Подпись: ________»)"),
        "{said}"
    );
}
