//! Files whose names say another format than they hold, as exports "for Excel" often are:
//! an HTML page or a text table named `.xls`, XML Spreadsheet 2003 named `.xls`, an xlsx
//! named `.xls`. Excel opens each after a warning, so stoa reads each by what it holds,
//! and says so; a workbook encrypted with a password is an error that says what to do.

use std::path::Path;

use crate::common;
use common::{put, stoa, texts};

use polars::prelude::*;
use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// The warnings of files read as another format than their names say.
fn misnamed(ing: &stoa::ingest::Ingested) -> Vec<&str> {
    ing.warnings
        .iter()
        .filter(|w| reasons::parse(reasons::DISGUISED, &w.message).is_some())
        .map(|w| w.message.as_str())
        .collect()
}

/// `stoa check` on `dir` in `lang`.
fn check(dir: &Path, lang: &str) -> std::process::Output {
    stoa()
        .args(["check", "--lang", lang, "--data"])
        .arg(dir)
        .output()
        .unwrap()
}

/// Clients C1–C2.
fn put_clients(dir: &Path) {
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\nC2;Петров\n");
}

/// The visits V1–V3 as a web system's "export to Excel": an HTML page in Windows-1251
/// named `visits.xls`, with a title table above the data, `&nbsp;` in the header, and a
/// row whose date is no date.
fn put_visits_page(dir: &Path) {
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
        <title>Заказ-наряды</title></head><body>\
        <table><tr><td colspan=4><b>Заказ-наряды за март 2026</b></td></tr></table>\
        <table border=1>\
        <tr><th>Номер</th><th>Дата&nbsp;приёма</th><th>Код клиента</th><th>Марка</th></tr>\
        <tr><td>V1</td><td>05.03.2026</td><td>C1</td><td>Lada</td></tr>\
        <tr><td>V2</td><td>06.03.2026</td><td>C2</td><td>Kia</td></tr>\
        <tr><td>V3</td><td>31.03.2026 г.</td><td>C2</td><td>Kia\n</td></tr>\
        <tr><td>V4</td><td>32.03.2026</td><td>C1</td><td>Lada</td></tr>\
        </table></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(page);
    std::fs::write(dir.join("visits.xls"), bytes).unwrap();
}

#[test]
fn an_html_page_named_xls_is_read_as_excel_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    put_visits_page(dir.path());
    // The lines: the visit's cell spans its lines (rowspan), money with `&nbsp;` and ₽.
    put(
        dir.path(),
        "order_lines.html",
        "<table><tr><th>Заказ-наряд</th><th>Работа</th><th>Сумма</th></tr>\
         <tr><td rowspan=2>V1</td><td>ТО</td><td>1&nbsp;234,50&nbsp;₽</td></tr>\
         <tr><td>Масло</td><td>2&nbsp;000,00&nbsp;₽</td></tr>\
         <tr><td>V2</td><td>Диагностика</td><td>500</td></tr></table>",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&visits, "visit_id"), [s("V1"), s("V2"), s("V3")]);
    assert_eq!(texts(&visits, "brand"), [s("Lada"), s("Kia"), s("Kia")]);
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(texts(&lines, "visit_id"), [s("V1"), s("V1"), s("V2")]);
    let input = ing
        .inputs
        .iter()
        .find(|i| i.table == "order_lines")
        .unwrap();
    assert_eq!(input.money_read, Some(3734.5));

    // 32 March is rejected on the row Excel shows it on: the title, the header, V1–V3.
    let r = ing
        .rejects
        .clone()
        .lazy()
        .filter(col("table").eq(lit("visits")))
        .collect()
        .unwrap();
    // Relative to the data folder (the warning below names it as found).
    assert_eq!(texts(&r, "file"), [s("visits.xls")]);
    let file = dir.path().join("visits.xls").display().to_string();
    assert_eq!(texts(&r, "sheet"), [s("")]);
    assert_eq!(texts(&r, "row"), [s("6")]);
    assert_eq!(texts(&r, "value"), [s("32.03.2026")]);

    let said = misnamed(&ing);
    assert_eq!(
        said,
        [reasons::fill(
            reasons::DISGUISED,
            &[&file, "xls", "HTML", "4", "HTML", "html"]
        )]
    );
    // The lines are named .html: nothing to say of them but their merged visit.
    assert!(ing
        .warnings
        .iter()
        .any(|w| reasons::parse(reasons::MERGED_CELLS, &w.message).is_some()));
}

#[test]
fn a_text_table_named_xls_is_read_as_csv_and_the_check_says_so() {
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    // Tab-separated Windows-1251 text, as older systems' "export to Excel" writes it.
    let (visits, _, _) = encoding_rs::WINDOWS_1251
        .encode("Номер\tДата приёма\tКод клиента\tМарка\r\nV1\t05.03.2026\tC1\tLada\r\n");
    std::fs::write(dir.path().join("visits.xls"), visits).unwrap();
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
    let out = check(dir.path(), "en");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let file = dir.path().join("visits.xls").display().to_string();
    assert!(
        text.contains(&reasons::fill(
            reasons::DISGUISED,
            &[&file, "xls", "CSV", "1", "CSV", "csv"]
        )),
        "{text}"
    );
    let out = check(dir.path(), "ru");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("назван .xls, но внутри у него CSV"), "{text}");
}

#[test]
fn a_workbook_named_for_the_other_excel_format_opens_without_a_word() {
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Заказ-наряды").unwrap();
    ws.write_row(0, 0, ["Номер", "Дата приёма", "Код клиента", "Марка"])
        .unwrap();
    ws.write_row(1, 0, ["V1", "05.03.2026", "C1", "Lada"])
        .unwrap();
    // xlsx bytes under the name of an Excel 97–2003 file.
    wb.save(dir.path().join("visits.xls")).unwrap();
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(texts(&visits, "visit_id"), [Some("V1".to_string())]);
    assert!(misnamed(&ing).is_empty(), "{:?}", ing.warnings);
}

#[test]
fn a_workbook_encrypted_with_a_password_is_an_error_that_says_how_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
    // What Excel writes for an encrypted xlsx: an OLE file with the stream EncryptedPackage.
    let mut bytes = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
    bytes.resize(1024, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    std::fs::write(dir.path().join("visits.xlsx"), bytes).unwrap();
    let out = check(dir.path(), "en");
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("the workbook is protected with a password, which stoa cannot open"),
        "{text}"
    );
    let out = check(dir.path(), "ru");
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("книга защищена паролем"), "{text}");
}

/// An XML Spreadsheet 2003 document (as FastReport and other report generators export
/// "for Excel") with one worksheet of `rows`, each a `<Row>` of string cells.
fn spreadsheet_xml(sheet: &str, rows: &[&str]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n\
         <Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" \
         xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n\
         <Worksheet ss:Name=\"{sheet}\"><Table>{}</Table></Worksheet></Workbook>",
        rows.concat()
    )
}

#[test]
fn an_xml_spreadsheet_2003_named_xls_is_read_with_its_types_and_merged_cells() {
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    put(
        dir.path(),
        "visits.xls",
        &spreadsheet_xml(
            "Лист1",
            &[
                "<Row><Cell><Data ss:Type=\"String\">Номер</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">Дата приёма</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">Код клиента</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">Марка</Data></Cell></Row>",
                "<Row><Cell><Data ss:Type=\"String\">V1</Data></Cell>\
                 <Cell><Data ss:Type=\"DateTime\">2026-03-05T10:30:00.000</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">C1</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">Lada</Data></Cell></Row>",
                "<Row><Cell><Data ss:Type=\"String\">V2</Data></Cell>\
                 <Cell><Data ss:Type=\"DateTime\">2026-03-06T00:00:00.000</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">C2</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">Kia &amp; Co</Data></Cell></Row>",
            ],
        ),
    );
    // The lines, named as XML: V1 merged down over its two lines, money as numbers.
    put(
        dir.path(),
        "order_lines.xml",
        &spreadsheet_xml(
            "Работы",
            &[
                "<Row><Cell><Data ss:Type=\"String\">Заказ-наряд</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">Работа</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">Сумма</Data></Cell></Row>",
                "<Row><Cell ss:MergeDown=\"1\"><Data ss:Type=\"String\">V1</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">ТО</Data></Cell>\
                 <Cell><Data ss:Type=\"Number\">1234.5</Data></Cell></Row>",
                "<Row><Cell ss:Index=\"2\"><Data ss:Type=\"String\">Масло</Data></Cell>\
                 <Cell><Data ss:Type=\"Number\">2000</Data></Cell></Row>",
                "<Row><Cell><Data ss:Type=\"String\">V2</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">Диагностика</Data></Cell>\
                 <Cell><Data ss:Type=\"String\">500,00 ₽</Data></Cell></Row>",
            ],
        ),
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let s = |v: &str| Some(v.to_string());
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(texts(&visits, "visit_id"), [s("V1"), s("V2")]);
    assert_eq!(texts(&visits, "brand"), [s("Lada"), s("Kia & Co")]);
    assert_eq!(texts(&visits, "date"), [s("2026-03-05"), s("2026-03-06")]);
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(texts(&lines, "visit_id"), [s("V1"), s("V1"), s("V2")]);
    let input = ing
        .inputs
        .iter()
        .find(|i| i.table == "order_lines")
        .unwrap();
    assert_eq!(
        (input.rows_read, input.rows_accepted, input.money_read),
        (3, 3, Some(3734.5))
    );
    let file = dir.path().join("visits.xls").display().to_string();
    let said = misnamed(&ing);
    assert_eq!(
        said,
        [reasons::fill(
            reasons::DISGUISED,
            &[
                &file,
                "xls",
                "XML Spreadsheet 2003",
                "2",
                "XML Spreadsheet 2003",
                "xml"
            ]
        )]
    );
}

#[test]
fn a_grouped_1c_report_saved_as_a_web_page_is_read_by_its_groups() {
    // 1C's report of repair orders saved as HTML and named .xls: each visit's row with
    // its subtotal as text (or the visit alone), then its lines with the visit's cell
    // empty, and the total row.
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    put_visits_page(dir.path());
    put(
        dir.path(),
        "order_lines.xls",
        "<html><body><table>\
         <tr><td>Заказ-наряд</td><td>Номенклатура</td><td>Сумма</td></tr>\
         <tr><td>V1</td><td></td><td>3&nbsp;234,50</td></tr>\
         <tr><td></td><td>ТО</td><td>1&nbsp;234,50</td></tr>\
         <tr><td></td><td>Масло</td><td>2&nbsp;000,00</td></tr>\
         <tr><td>V2</td><td></td><td></td></tr>\
         <tr><td></td><td>Диагностика</td><td>500,00</td></tr>\
         <tr><td>Итого</td><td></td><td>3&nbsp;734,50</td></tr>\
         </table></body></html>",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&lines, "visit_id"), [s("V1"), s("V1"), s("V2")]);
    let input = ing
        .inputs
        .iter()
        .find(|i| i.table == "order_lines")
        .unwrap();
    assert_eq!(
        (input.rows_read, input.rows_rejected, input.money_read),
        (3, 0, Some(3734.5))
    );
    assert!(ing
        .warnings
        .iter()
        .any(|w| reasons::parse(reasons::GROUPED_LINES, &w.message).is_some()));
}

#[test]
fn regression_a_table_saved_in_a_format_stoa_does_not_read_is_named() {
    // visits.numbers (Apple Numbers) beside the other exports: "the required table
    // `visits` was not found … add a file named visits.xlsx", with the file right there.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("visits.numbers"),
        b"PK\x03\x04 not a workbook",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("clients.csv"),
        "client_id;name\nC1;Иванов\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("order_lines.csv"),
        "visit_id;description;amount\nV1;ТО;1000\n",
    )
    .unwrap();
    stoa()
        .args(["check", "--lang", "ru", "--data"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("visits.numbers"))
        .stderr(predicates::str::contains("это файл Apple Numbers"));
}

#[test]
fn regression_an_optional_table_in_a_format_stoa_does_not_read_is_warned_of() {
    // feedback.numbers: the run was exit 0 with the feedback section empty, not a word.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C1;Lada\n",
    );
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
    std::fs::write(dir.path().join("feedback.numbers"), b"PK\x03\x04").unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let path = dir.path().join("feedback.numbers").display().to_string();
    assert!(
        ing.warnings.iter().any(|w| w.message
            == reasons::fill(reasons::UNREAD_KIND, &[&path, "feedback"])
            && w.is_for_the_terminal()),
        "{:?}",
        ing.warnings
    );
}
