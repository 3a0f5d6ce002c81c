//! Hidden columns of a sheet: among the columns whose header names one column of the table,
//! the one in view is read, as Excel shows it, and the hidden one passed over is named in a
//! warning; a hidden column that alone names its column is read (it is data, out of
//! sight). Until session 32 the first of two `Сумма` was read though Excel hid it: the
//! revenue was 3200 where the sheet showed 2700, exit 0 (in an XML Spreadsheet 2003 file,
//! until session 34). xlsx, ods and XML Spreadsheet 2003 are each built here.

use std::path::{Path, PathBuf};

use crate::common;
use common::{put, warnings_of};

use rust_xlsxwriter::Workbook;
use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// A data folder `dir/data` with one visit V1 of 31.10.2026 by client C1; its order lines
/// are the test's.
fn data(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "Номер;Дата;Клиент;Марка\nV1;31.10.2026;C1;Kia\n",
    );
    put(&data, "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    data
}

/// The order lines of V1 as `header` and its rows, in `order_lines.xlsx` with the columns
/// `hidden` (from 0) hidden.
fn lines_xlsx(data: &Path, header: &[&str], rows: &[&[f64]], hidden: &[u16]) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_row(0, 0, header.iter().copied()).unwrap();
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_row(r, 0, ["V1", "Работа"]).unwrap();
        ws.write_row(r, 2, row.iter().copied()).unwrap();
    }
    for &c in hidden {
        ws.set_column_hidden(c).unwrap();
    }
    let path = data.join("order_lines.xlsx");
    wb.save(&path).unwrap();
    path
}

/// The lines of V1 of the tester's bug: two `Сумма`, the first 2000 and 1200 (3200), the
/// second, in view, 1500 and 1200 (2700).
const SUMS: &[&[f64]] = &[&[2000.0, 1500.0], &[1200.0, 1200.0]];

/// The header of the tester's bug.
const TWO_SUMS: &[&str] = &["Номер заказ-наряда", "Наименование", "Сумма", "Сумма"];

/// The warnings of hidden columns passed over.
fn hidden_said(ing: &stoa::ingest::Ingested) -> Vec<&str> {
    warnings_of(ing, "order_lines")
        .into_iter()
        .filter(|w| reasons::parse(reasons::HIDDEN_COLUMN, w).is_some())
        .collect()
}

/// The warning of the hidden `Сумма` in column C passed over for the one in D, in `place`.
fn c_for_d(place: &str) -> String {
    reasons::fill(
        reasons::HIDDEN_COLUMN,
        &[
            "C",
            "«Сумма»",
            place,
            "`amount`",
            "D",
            "«Сумма»",
            "columns.order_lines",
            "amount",
            "Сумма#1",
        ],
    )
}

#[test]
fn regression_the_sum_in_view_is_read_of_two_where_the_first_is_hidden_in_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    let path = lines_xlsx(&data, TWO_SUMS, SUMS, &[2]);
    let (row, said) = common::october_revenue(&data);
    assert_eq!(row, "revenue,2026-10,2700");
    // Printed by `stoa report`: it decides the figures.
    assert!(said.contains("is hidden and names `amount`"), "{said}");

    let ing = load(&data, &Config::default()).unwrap();
    let place = format!("{}, sheet \"Sheet1\"", path.display());
    assert_eq!(hidden_said(&ing), [c_for_d(&place).as_str()]);
    // Said once: not as a column named twice too.
    let twice = warnings_of(&ing, "order_lines").into_iter().filter(|w| {
        reasons::parse(reasons::SAME_NAMED_CELLS, w).is_some()
            || reasons::parse(reasons::PASSED_OVER, w).is_some()
    });
    assert_eq!(twice.count(), 0);
}

#[test]
fn the_hidden_sum_is_read_where_the_settings_name_it_by_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    lines_xlsx(&data, TWO_SUMS, SUMS, &[2]);
    put(
        &data,
        "stoa.toml",
        "[columns.order_lines]\namount = \"Сумма#1\"\n",
    );
    let (row, _) = common::october_revenue(&data);
    assert_eq!(row, "revenue,2026-10,3200");
    let config = Config::load(None, &data).unwrap();
    let ing = load(&data, &config).unwrap();
    assert!(hidden_said(&ing).is_empty());
}

#[test]
fn a_hidden_column_that_alone_names_its_column_is_read() {
    // Out of sight, but the only amount the lines have: it is data.
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    let header = ["Номер заказ-наряда", "Наименование", "Сумма"];
    lines_xlsx(&data, &header, &[&[2000.0], &[1200.0]], &[2]);
    let (row, _) = common::october_revenue(&data);
    assert_eq!(row, "revenue,2026-10,3200");
    let ing = load(&data, &Config::default()).unwrap();
    assert!(hidden_said(&ing).is_empty());
}

#[test]
fn of_two_sums_in_view_the_first_is_read_as_before() {
    // A hidden column elsewhere changes nothing of the choice among columns in view.
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    lines_xlsx(&data, TWO_SUMS, SUMS, &[1]);
    let (row, _) = common::october_revenue(&data);
    assert_eq!(row, "revenue,2026-10,3200");
}

/// A cell of an ods row: text, or a number.
fn ods_cell(v: &str) -> String {
    match v.parse::<f64>() {
        Ok(_) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
        ),
        Err(_) => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        ),
    }
}

/// An OpenDocument spreadsheet at `path` of one sheet `Лист1`: `columns` (the XML of its
/// `table:table-column`s) and `rows`, as LibreOffice saves it.
fn put_ods(path: &Path, columns: &str, rows: &[&[&str]]) {
    let body: String = rows
        .iter()
        .map(|r| {
            let cells: String = r.iter().map(|v| ods_cell(v)).collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect();
    common::put_ods(
        path,
        &format!("<table:table table:name=\"Лист1\">{columns}{body}</table:table>"),
    );
}

#[test]
fn regression_the_sum_in_view_is_read_of_two_where_the_first_is_hidden_in_ods() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    let path = data.join("order_lines.ods");
    // A and B in view, C collapsed (hidden in LibreOffice), D in view.
    let columns = "<table:table-column table:number-columns-repeated=\"2\"/><table:table-column table:visibility=\"collapse\"/><table:table-column/>";
    put_ods(
        &path,
        columns,
        &[
            TWO_SUMS,
            &["V1", "Работа", "2000", "1500"],
            &["V1", "Работа", "1200", "1200"],
        ],
    );
    let (row, _) = common::october_revenue(&data);
    assert_eq!(row, "revenue,2026-10,2700");
    let ing = load(&data, &Config::default()).unwrap();
    let place = format!("{}, sheet \"Лист1\"", path.display());
    assert_eq!(hidden_said(&ing), [c_for_d(&place).as_str()]);
}

/// A cell of an XML Spreadsheet 2003 row: text, or a number.
fn xml_cell(v: &str) -> String {
    let kind = match v.parse::<f64>() {
        Ok(_) => "Number",
        Err(_) => "String",
    };
    format!("<Cell><Data ss:Type=\"{kind}\">{v}</Data></Cell>")
}

/// An XML Spreadsheet 2003 file at `path` of one worksheet `Лист1`: `columns` (the XML of
/// its `<Column>`s) and `rows`, as Excel 2003 and report generators save it.
fn put_xml2003(path: &Path, columns: &str, rows: &[&[&str]]) {
    let body: String = rows
        .iter()
        .map(|r| {
            format!(
                "<Row>{}</Row>",
                r.iter().map(|v| xml_cell(v)).collect::<String>()
            )
        })
        .collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n\
         <Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" \
         xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n\
         <Worksheet ss:Name=\"Лист1\"><Table>{columns}{body}</Table></Worksheet></Workbook>"
    );
    std::fs::write(path, xml).unwrap();
}

#[test]
fn regression_the_sum_in_view_is_read_of_two_where_the_first_is_hidden_in_xml_2003() {
    // Until session 34 an XML Spreadsheet 2003 file's columns were all read as in view:
    // the hidden `Сумма` in C was read, 3200 where Excel showed 2700.
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    let path = data.join("order_lines.xml");
    // A in view, B and C reached by ss:Index, C hidden by its span, D in view.
    let columns = "<Column ss:Width=\"80\"/><Column ss:Index=\"2\" ss:Span=\"1\" ss:Hidden=\"0\"/>\
                   <Column ss:Index=\"3\" ss:Hidden=\"1\"/><Column ss:Width=\"60\"/>";
    put_xml2003(
        &path,
        columns,
        &[
            TWO_SUMS,
            &["V1", "Работа", "2000", "1500"],
            &["V1", "Работа", "1200", "1200"],
        ],
    );
    let (row, said) = common::october_revenue(&data);
    assert_eq!(row, "revenue,2026-10,2700");
    assert!(said.contains("is hidden and names `amount`"), "{said}");
    let ing = load(&data, &Config::default()).unwrap();
    let place = format!("{}, sheet \"Лист1\"", path.display());
    assert_eq!(hidden_said(&ing), [c_for_d(&place).as_str()]);
}

#[test]
fn a_hidden_column_of_an_xml_2003_file_that_alone_names_its_column_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = data(dir.path());
    let header: &[&str] = &["Номер заказ-наряда", "Наименование", "Сумма"];
    put_xml2003(
        &data.join("order_lines.xml"),
        "<Column ss:Index=\"3\" ss:Hidden=\"1\"/>",
        &[header, &["V1", "Работа", "2000"], &["V1", "Работа", "1200"]],
    );
    let (row, _) = common::october_revenue(&data);
    assert_eq!(row, "revenue,2026-10,3200");
    let ing = load(&data, &Config::default()).unwrap();
    assert!(hidden_said(&ing).is_empty());
}
