//! Exports re-saved by other programs than 1C: pandas' `101.0` ids, a ₽ that Windows-1251
//! lost, other header words, other ways of writing dates, booleans and money, repeated
//! header rows, UTF-16 without a BOM, Mac line ends. Each runs the binary on a small file.

use std::path::Path;

use crate::common;
use common::{put, stoa};

/// Clients C1 and C2 and visits 101 and 102.
fn put_visits(dir: &Path) {
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\nC2;Петров\n");
    put(
        dir,
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n\
         101;05.03.2026 10:00;C1;Lada\n\
         102;05.03.2026 11:00;C2;Kia\n",
    );
}

/// `stoa check --lang en --data DIR --rejects DIR/r.csv`: exit code, standard output and
/// the rejects file.
fn check(dir: &Path) -> (i32, String, String) {
    let rejects = dir.join("r.csv");
    let out = stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(dir)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    (
        out.status.code().unwrap_or(-1),
        format!("{stdout}{stderr}"),
        std::fs::read_to_string(&rejects).unwrap_or_default(),
    )
}

/// The accounting line of a table in `check`'s readable output: read, accepted, rejected.
fn counts(out: &str, table: &str) -> (u64, u64, u64) {
    let line = out
        .lines()
        .find(|l| l.starts_with(&format!("{table} ")))
        .unwrap_or_else(|| panic!("no line of {table} in\n{out}"));
    let n: Vec<u64> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (n[0], n[1], n[2])
}

#[test]
fn regression_pandas_ids_written_101_0_match_the_visits_101() {
    // pandas writes an id column with an empty cell as floats: `101.0`. Every line was
    // then "of an unknown visit" and check exited 1.
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path());
    put(
        dir.path(),
        "order_lines.csv",
        ",visit_id,description,amount\n0,101.0,ТО,1000\n1,102.0,Мойка,500\n2,,Масло,10\n",
    );
    let (code, out, rejects) = check(dir.path());
    assert_eq!(counts(&out, "order_lines"), (3, 2, 1), "{out}");
    assert!(!rejects.contains("unknown visit"), "{rejects}");
    assert!(rejects.contains("required value is empty"), "{rejects}");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("writes its ids as decimal numbers").count(), 1);
    assert!(out.contains("«101.0», read as «101»"), "{out}");
}

#[test]
fn a_workbook_id_stored_as_a_whole_float_reads_as_the_integer() {
    // pandas' to_excel stores the ids as numbers 101.0: the cell reads as `101`.
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_row(0, 0, ["visit_id", "description", "amount"])
        .unwrap();
    ws.write(1, 0, 101.0).unwrap();
    ws.write(2, 0, 102.0).unwrap();
    for r in 1..3 {
        ws.write(r, 1, "ТО").unwrap();
        ws.write(r, 2, 1000.0).unwrap();
    }
    wb.save(dir.path().join("order_lines.xlsx")).unwrap();
    let (code, out, _) = check(dir.path());
    assert_eq!(counts(&out, "order_lines"), (2, 2, 0), "{out}");
    assert_eq!(code, 0, "{out}");
}

#[test]
fn regression_a_rouble_sign_lost_to_windows_1251_reads_as_the_amount() {
    // Excel saves `1 500,00 ₽` to a Windows-1251 CSV as `1 500,00 ?`: the line was
    // rejected as no amount while `600,00 р.` beside it was read.
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path());
    let text = "Номер заказ-наряда;Наименование;Сумма\r\n\
                101;ТО;1\u{a0}500,00 ?\r\n102;Мойка;600,00 р.\r\n102;Масло;650 ?\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    std::fs::write(dir.path().join("order_lines.csv"), &bytes).unwrap();
    let (code, out, _) = check(dir.path());
    assert_eq!(counts(&out, "order_lines"), (3, 3, 0), "{out}");
    assert!(out.contains("2,750.00"), "{out}");
    assert_eq!(
        out.matches("end in `?` after the amount").count(),
        1,
        "{out}"
    );
    assert!(out.contains("2 cells of the column «Сумма»"), "{out}");
    assert_eq!(code, 0);
}

#[test]
fn regression_order_numbers_hyphenated_headers_and_a_grand_total_are_read() {
    // `№ заказа` named no column (header error); `Наимено- вание` was read by no name; a
    // pivot table's `Общий итог` row was a line of an empty visit.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "clients.csv",
        "client_id;name\nC1;Иванов\nC2;Петров\n",
    );
    put(
        dir.path(),
        "visits.csv",
        "№ заказа;\"Дата от-\nкрытия\";Клиент;Марка\n\
         101;05.03.2026 10:00;C1;Lada\n\
         102;05.03.2026 11:00;C2;Kia\n",
    );
    put(
        dir.path(),
        "order_lines.csv",
        "№ заказа;Наимено- вание;Сумма\n101;ТО;1000\n102;Мойка;500\nОбщий итог;;1500\n",
    );
    let (code, out, _) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(counts(&out, "visits"), (2, 2, 0), "{out}");
    assert_eq!(counts(&out, "order_lines"), (2, 2, 0), "{out}");
    assert!(!out.contains("by the first words"), "{out}");
}

#[test]
fn a_bare_number_names_the_lines_visit() {
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path());
    put(
        dir.path(),
        "order_lines.csv",
        "Номер;Наименование;Сумма\n101;ТО;1000\n102;Мойка;500\n",
    );
    let (code, out, _) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(counts(&out, "order_lines"), (2, 2, 0), "{out}");
}

#[test]
fn regression_am_pm_times_access_true_and_dashed_kopecks_are_read() {
    // `10/16/2026 1:30:00 PM` was an unreadable date, Access's `-1` (True) an unreadable
    // yes/no and `1930,-` (no kopecks) taken for a minus after the number.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "clients.csv",
        "client_id;name;consent\nC1;Иванов;-1\nC2;Петров;0\n",
    );
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n\
         101;10/5/2026 10:00:00 AM;C1;Lada\n\
         102;10/16/2026 1:30:00 PM;C2;Kia\n",
    );
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\n101;ТО;1930,-\n102;Мойка;500\n",
    );
    let (code, out, rejects) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(counts(&out, "visits"), (2, 2, 0), "{out}\n{rejects}");
    assert_eq!(counts(&out, "clients"), (2, 2, 0), "{out}\n{rejects}");
    assert_eq!(counts(&out, "order_lines"), (2, 2, 0), "{out}\n{rejects}");
    assert!(out.contains("2,430.00"), "{out}");
    // The month-first warning, as for any English Excel's dates; one client agreed.
    assert!(out.contains("month first"), "{out}");
    assert!(!out.contains("has agreed to marketing"), "{out}");
}

#[test]
fn regression_dates_read_month_first_are_said_of_accepted_rows_only() {
    // An English Excel's slash dates on visits, visit 101 without its make: rejected. Its
    // date was counted among those read month first and quoted as the one that decided it,
    // so the user checked a row that was never read.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "clients.csv",
        "client_id;name\nC1;Иванов\nC2;Петров\n",
    );
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\n102;ТО;1000\n103;Мойка;500\n",
    );
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n\
         101;05/20/2026 10:00;C1;\n\
         102;05/16/2026 11:00;C2;Kia\n\
         103;05/04/2026 12:00;C1;Lada\n",
    );
    let (code, out, rejects) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(counts(&out, "visits"), (3, 2, 1), "{out}\n{rejects}");
    assert!(
        out.contains(
            "writes its dates month first, as an Excel in an English locale does: 2 of its \
             cells are read so, since some (such as «05/16/2026 11:00»)"
        ),
        "{out}"
    );
    assert!(!out.contains("05/20/2026 10:00»"), "{out}");
    // Every date read month first on a rejected row: no such warning.
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n\
         101;05/20/2026 10:00;C1;\n\
         102;16.05.2026 11:00;C2;Kia\n\
         103;04.05.2026 12:00;C1;Lada\n",
    );
    let (code, out, rejects) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(counts(&out, "visits"), (3, 2, 1), "{out}\n{rejects}");
    assert!(!out.contains("month first"), "{out}");
}

#[test]
fn regression_a_header_repeated_on_each_page_is_skipped_not_rejected() {
    // A report printed by pages repeats its header: each was a rejected row, and its
    // `Статус` was listed among the status column's unread values.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "clients.csv",
        "client_id;name\nC1;Иванов\nC2;Петров\n",
    );
    let head = "Номер;Дата;Клиент;Марка;Статус\n";
    put(
        dir.path(),
        "visits.csv",
        &format!(
            "{head}101;05.03.2026 10:00;C1;Lada;выполнен\n{head}102;05.03.2026 11:00;C2;Kia;выполнен\n{head}"
        ),
    );
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\n101;ТО;1000\n102;Мойка;500\n",
    );
    let (code, out, rejects) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(counts(&out, "visits"), (2, 2, 0), "{out}\n{rejects}");
    assert!(
        out.contains("2 rows of ") && out.contains("repeat the header (the first at row 3)"),
        "{out}"
    );
    assert!(!out.contains("«Статус»"), "{out}");
}

#[test]
fn regression_utf16_without_a_bom_is_read() {
    // SQL Server's `bcp -w` and PowerShell write UTF-16 with no BOM: valid UTF-8 as it
    // stands, the file's header was never found.
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path());
    let text = "Номер заказ-наряда\tНаименование\tСумма\r\n101\tТО\t1000\r\n102\tМойка\t500\r\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("order_lines.csv"), bytes).unwrap();
    let (code, out, _) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(counts(&out, "order_lines"), (2, 2, 0), "{out}");
}

#[test]
fn regression_a_mac_csv_with_a_line_break_inside_a_cell_is_read() {
    // Excel for Mac ends lines with `\r` and keeps a cell's Alt+Enter as `\n`: with one
    // `\n` in the file its `\r`s were no line ends, and every row was one.
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path());
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\r101;ТО;1000\r102;Мойка;500\r",
    );
    put(
        dir.path(),
        "feedback.csv",
        "Номер заказ-наряда;Оценка;Комментарий\r101;5;\"Всё отлично,\nспасибо\"\r102;4;Быстро,\nно дорого\r",
    );
    let (code, out, _) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    assert_eq!(counts(&out, "feedback"), (2, 2, 0), "{out}");
    let ing = stoa::ingest::load(dir.path(), &stoa::config::Config::default()).unwrap();
    let f = ing.model.feedback.clone().collect().unwrap();
    let comments: Vec<Option<&str>> = f.column("comment").unwrap().str().unwrap().iter().collect();
    assert_eq!(
        comments,
        [Some("Всё отлично,\nспасибо"), Some("Быстро, но дорого")]
    );
}
