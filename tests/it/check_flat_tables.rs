//! One flat table of a station's work, a row per order line with the repair order's
//! columns repeated on each, as small stations export it: read as the visits and as the
//! order lines, without a rejected row for each further line of a visit.

use std::path::Path;

use crate::common;
use common::{put, texts, warnings_of};

use stoa::config::Config;
use stoa::ingest::{load, reasons, Ingested};

/// Clients C1 and C2.
fn put_clients(dir: &Path) {
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\nC2;Петров\n");
}

/// ЗН-1 with two lines, ЗН-2 with one, ЗН-3 a no-show with none.
const FLAT: &str = "Номер;Дата;Клиент;Марка;Статус;Наименование работы;Сумма\n\
                    ЗН-1;05.03.2026 10:00;C1;Kia;выполнен;ТО;1000\n\
                    ЗН-1;05.03.2026 10:00;C1;Kia;выполнен;Масло;2000\n\
                    ЗН-2;06.03.2026 11:00;C2;Lada;выполнен;Мойка;500\n\
                    ЗН-3;07.03.2026 12:00;C2;Lada;неявка;;\n";

/// The rows read, accepted and rejected of a table.
fn counts(ing: &Ingested, table: &str) -> (u64, u64, u64) {
    let r = ing.inputs.iter().find(|r| r.table == table).unwrap();
    (r.rows_read, r.rows_accepted, r.rows_rejected)
}

#[test]
fn regression_a_flat_table_of_lines_is_read_as_visits_and_lines_without_rejects() {
    // Before, each line after a visit's first was a rejected duplicate visit, and a visit
    // without work a rejected order line; and with no order lines file of its own the run
    // stopped for want of the order lines, though every line was in the visits' file.
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    put(dir.path(), "visits.csv", FLAT);
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{}", ing.rejects);
    assert_eq!(counts(&ing, "visits"), (3, 3, 0));
    assert_eq!(counts(&ing, "order_lines"), (3, 3, 0));
    let lines = ing
        .inputs
        .iter()
        .find(|r| r.table == "order_lines")
        .unwrap();
    assert!(lines.path.ends_with("visits.csv"), "{}", lines.path);
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        texts(&visits, "visit_id"),
        [s("ЗН-1"), s("ЗН-2"), s("ЗН-3")]
    );
    let order_lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(
        texts(&order_lines, "visit_id"),
        [s("ЗН-1"), s("ЗН-1"), s("ЗН-2")]
    );
    let file = dir.path().join("visits.csv").display().to_string();
    assert_eq!(
        warnings_of(&ing, "visits"),
        [reasons::fill(
            reasons::FURTHER_LINES,
            &[&file, "«Сумма»", "3", "1"]
        )]
    );
    assert_eq!(
        warnings_of(&ing, "order_lines"),
        [reasons::fill(reasons::VISITS_WITHOUT_LINES, &["1", &file])]
    );
}

#[test]
fn a_number_repeated_with_another_visit_is_still_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    // ЗН-1's second row names another client: no further line, a second visit.
    let flat = FLAT.replace(
        "ЗН-1;05.03.2026 10:00;C1;Kia;выполнен;Масло",
        "ЗН-1;05.03.2026 10:00;C2;Kia;выполнен;Масло",
    );
    put(dir.path(), "visits.csv", &flat);
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "visits"), (4, 3, 1));
    assert_eq!(texts(&ing.rejects, "table"), [Some("visits".to_string())]);
    assert_eq!(texts(&ing.rejects, "row"), [Some("3".to_string())]);
}

#[test]
fn a_folder_of_flat_tables_counts_each_files_visits() {
    // An export a month, each flat: each file's visits are its distinct repair orders.
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    std::fs::create_dir(dir.path().join("visits")).unwrap();
    let (head, body) = FLAT.split_once('\n').unwrap();
    let rows: Vec<&str> = body.lines().collect();
    put(
        &dir.path().join("visits"),
        "2026-03a.csv",
        &format!("{head}\n{}\n{}\n", rows[0], rows[1]),
    );
    put(
        &dir.path().join("visits"),
        "2026-03b.csv",
        &format!("{head}\n{}\n{}\n", rows[2], rows[3]),
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{}", ing.rejects);
    let visits = ing.inputs.iter().find(|r| r.table == "visits").unwrap();
    let per_file: Vec<u64> = visits.files.iter().map(|f| f.rows_read).collect();
    assert_eq!(per_file, [1, 2]);
    let lines = ing
        .inputs
        .iter()
        .find(|r| r.table == "order_lines")
        .unwrap();
    let per_file: Vec<u64> = lines.files.iter().map(|f| f.rows_read).collect();
    assert_eq!(per_file, [2, 1]);
}

#[test]
fn visits_without_the_order_lines_amount_still_need_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Клиент;Марка\nЗН-1;05.03.2026 10:00;C1;Kia\n",
    );
    let err = load(dir.path(), &Config::default()).err().unwrap();
    assert!(err.to_string().contains("order_lines"), "{err}");
}

#[test]
fn a_flat_table_giving_the_visit_on_its_first_line_only_is_read_so() {
    // A report lays a visit's columns out on its first line only, empty below it.
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Клиент;Марка;Наименование работы;Сумма\n\
         ЗН-1;05.03.2026 10:00;C1;Kia;ТО;1000\n\
         ;;;;Масло;2000\n\
         ЗН-2;06.03.2026 11:00;C2;Lada;Мойка;500\n\
         ;;;;Полировка;700\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{}", ing.rejects);
    assert_eq!(counts(&ing, "visits"), (2, 2, 0));
    assert_eq!(counts(&ing, "order_lines"), (4, 4, 0));
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        texts(&lines, "visit_id"),
        [s("ЗН-1"), s("ЗН-1"), s("ЗН-2"), s("ЗН-2")]
    );
    let file = dir.path().join("visits.csv").display().to_string();
    assert_eq!(
        warnings_of(&ing, "visits"),
        [reasons::fill(
            reasons::FURTHER_LINES,
            &[&file, "«Сумма»", "2", "2"]
        )]
    );
    // Order lines of their own, with a line of no visit: still rejected, never given the
    // visit of the row above.
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\nЗН-1;ТО;1000\n;Масло;2000\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "order_lines"), (2, 1, 1));
}

#[test]
fn regression_a_flat_journal_with_a_sheet_a_month_is_read_from_every_sheet() {
    // Before, the order lines were looked for on a sheet named after all the visits'
    // sheets together («Март, Апрель»), and the run stopped: there is no such sheet.
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut rows = FLAT.lines().map(|l| l.split(';').collect::<Vec<_>>());
    let header = rows.next().unwrap();
    let rows: Vec<Vec<&str>> = rows.collect();
    for (name, part) in [("Март", &rows[..2]), ("Апрель", &rows[2..])] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        for (r, row) in std::iter::once(&header).chain(part).enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    wb.save(dir.path().join("visits.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{}", ing.rejects);
    assert_eq!(counts(&ing, "visits"), (3, 3, 0));
    assert_eq!(counts(&ing, "order_lines"), (3, 3, 0));
}

#[test]
fn a_warning_both_tables_of_one_flat_sheet_give_is_said_once_on_the_terminal() {
    // The visits and the lines read from one sheet whose visit cells are merged over the
    // visit's lines: each table warns of the merged numbers in the same words.
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Журнал").unwrap();
    let plain = rust_xlsxwriter::Format::new();
    for (c, h) in ["Номер", "Дата", "Клиент", "Марка", "Работа", "Сумма"]
        .iter()
        .enumerate()
    {
        ws.write(0, c as u16, *h).unwrap();
    }
    ws.merge_range(1, 0, 2, 0, "ЗН-1", &plain).unwrap();
    for (r, (work, amount)) in [("ТО", 1000), ("Масло", 2000)].iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in ["", "05.03.2026 10:00", "C1", "Kia"]
            .iter()
            .enumerate()
            .skip(1)
        {
            ws.write(r, c as u16, *v).unwrap();
        }
        ws.write(r, 4, *work).unwrap();
        ws.write(r, 5, *amount).unwrap();
    }
    wb.save(dir.path().join("visits.xlsx")).unwrap();
    let out = common::stoa()
        .args(["report", "--lang", "en", "--month", "2026-03", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let merged = stderr
        .lines()
        .filter(|l| l.contains("merged over several rows") && l.contains("«Номер»"))
        .count();
    assert_eq!(merged, 1, "{stderr}");
}

/// visits.xlsx: one flat sheet of ЗН-1 (two lines) and ЗН-2 (one), its header of two rows
/// with `Сумма` over `без скидки | со скидкой`, and, with `group_over_number`, 1C's
/// `Заказ-наряд` over `Номер | Дата`; the other cells merged down over both rows.
fn put_flat_two_row_sheet(dir: &Path, group_over_number: bool) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("TDSheet").unwrap();
    let plain = rust_xlsxwriter::Format::new();
    let down = [
        "Номер",
        "Дата",
        "Клиент",
        "Марка",
        "Наименование",
        "Количество",
    ];
    let first_down = match group_over_number {
        true => {
            ws.merge_range(0, 0, 0, 1, "Заказ-наряд", &plain).unwrap();
            ws.write_row(1, 0, ["Номер", "Дата"]).unwrap();
            2
        }
        false => 0,
    };
    for (c, name) in down.iter().enumerate().skip(first_down) {
        ws.merge_range(0, c as u16, 1, c as u16, name, &plain)
            .unwrap();
    }
    ws.merge_range(0, 6, 0, 7, "Сумма", &plain).unwrap();
    ws.write_row(1, 6, ["без скидки", "со скидкой"]).unwrap();
    let rows = [
        (
            "ЗН-1",
            "05.03.2026 10:00",
            "C1",
            "Kia",
            "ТО",
            1100.0,
            1000.0,
        ),
        (
            "ЗН-1",
            "05.03.2026 10:00",
            "C1",
            "Kia",
            "Масло",
            2200.0,
            2000.0,
        ),
        (
            "ЗН-2",
            "06.03.2026 11:00",
            "C2",
            "Lada",
            "Мойка",
            550.0,
            500.0,
        ),
    ];
    for (r, (visit, date, client, brand, work, gross, net)) in rows.into_iter().enumerate() {
        let r = r as u32 + 2;
        ws.write_row(r, 0, [visit, date, client, brand, work])
            .unwrap();
        ws.write_row(r, 5, [1.0, gross, net]).unwrap();
    }
    wb.save(dir.join("visits.xlsx")).unwrap();
}

#[test]
fn regression_a_flat_sheet_with_group_cells_over_the_number_and_the_amounts_is_read() {
    // `Заказ-наряд` over `Номер | Дата` beside `Сумма` over `без скидки | со скидкой`:
    // the visits' reading of the two rows lost `Сумма`, so the sheet was no table of
    // lines: the run stopped for want of the order lines, and naming the sheet for them
    // in [files] rejected each further line as a duplicate visit.
    for files in ["", "[files]\norder_lines = \"visits.xlsx\"\n"] {
        let dir = tempfile::tempdir().unwrap();
        put_clients(dir.path());
        put_flat_two_row_sheet(dir.path(), true);
        let config = Config::from_toml(files, "t").unwrap();
        let ing = load(dir.path(), &config).unwrap();
        assert_eq!(ing.rejects.height(), 0, "{files}: {}", ing.rejects);
        assert_eq!(counts(&ing, "visits"), (2, 2, 0), "{files}");
        assert_eq!(counts(&ing, "order_lines"), (3, 3, 0), "{files}");
        let lines = ing.model.order_lines.clone().collect().unwrap();
        let s = |t: &str| Some(t.to_string());
        assert_eq!(texts(&lines, "visit_id"), [s("ЗН-1"), s("ЗН-1"), s("ЗН-2")]);
        assert_eq!(
            texts(&lines, "amount"),
            [s("100000"), s("200000"), s("50000")],
            "the amounts after the discount, in kopecks"
        );
    }
}

#[test]
fn regression_the_second_header_row_of_a_flat_sheet_is_no_further_line() {
    // `Сумма` over `без скидки | со скидкой`, the visit's cells merged down: the visits
    // read the header's second row as data, a row of empty visit cells, and counted it
    // among the further lines (2 for 1).
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    put_flat_two_row_sheet(dir.path(), false);
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{}", ing.rejects);
    assert_eq!(counts(&ing, "visits"), (2, 2, 0));
    assert_eq!(counts(&ing, "order_lines"), (3, 3, 0));
    let file = dir.path().join("visits.xlsx").display().to_string();
    let further = reasons::fill(reasons::FURTHER_LINES, &[&file, "«Сумма»", "2", "1"]);
    assert!(
        warnings_of(&ing, "visits").contains(&further.as_str()),
        "{:?}",
        warnings_of(&ing, "visits")
    );
}

/// The rows read, accepted and rejected of `table`, as `stoa check --json` (the binary)
/// gives them for `dir`.
fn checked(dir: &Path, table: &str) -> (u64, u64, u64) {
    let (json, _) = common::check_json(dir);
    let t = json
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["table"] == table);
    let n = |k: &str| t.unwrap()[k].as_u64().unwrap();
    (n("rows_read"), n("rows_accepted"), n("rows_rejected"))
}

#[test]
fn regression_lines_that_repeat_their_visits_columns_only_in_part_are_no_duplicates() {
    // 1C fills `Пробег` and `Мастер` on a visit's first line only: the visits showed 4
    // read and 2 rejected as «повтор «Номер»», and the report said rows were left out
    // that were all in it. A line with another date is still a duplicate visit.
    let dir = tempfile::tempdir().unwrap();
    put_clients(dir.path());
    let head = "Номер;Дата;Клиент;Марка;Пробег;Мастер;Работа;Сумма\n";
    put(
        dir.path(),
        "visits.csv",
        &format!(
            "{head}ЗН-1;01.09.2026 10:00;C1;Kia;50000;Петров;Мойка;1000\n\
             ЗН-1;01.09.2026 10:00;C1;Kia;;;Масло;2000\n\
             ЗН-1;01.09.2026 10:00;C1;Kia;;;Фильтр;300\n\
             ЗН-2;02.09.2026 11:00;C2;Lada;80000;Петров;Мойка;1000\n\
             ЗН-2;02.09.2026 11:00;C2;Lada;;;Колодки;4000\n"
        ),
    );
    assert_eq!(checked(dir.path(), "visits"), (2, 2, 0));
    assert_eq!(checked(dir.path(), "order_lines"), (5, 5, 0));
    // Another date on a line of ЗН-2: a visit of its own, rejected as a duplicate.
    put(
        dir.path(),
        "visits.csv",
        &format!(
            "{head}ЗН-1;01.09.2026 10:00;C1;Kia;50000;Петров;Мойка;1000\n\
             ЗН-1;01.09.2026 10:00;C1;Kia;;;Масло;2000\n\
             ЗН-2;02.09.2026 11:00;C2;Lada;80000;Петров;Мойка;1000\n\
             ЗН-2;03.09.2026 11:00;C2;Lada;;;Колодки;4000\n"
        ),
    );
    assert_eq!(checked(dir.path(), "visits"), (3, 2, 1));
}
