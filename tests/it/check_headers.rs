//! Headers as 1C's reports and Russian printed forms lay them out: two rows with a group
//! cell merged over its columns' sub-headers, a row of column numbers under the header, a
//! header cell broken inside a word, a header below a long block of report parameters.
//! Workbooks are written with rust_xlsxwriter as Excel writes them; tests read what ingest
//! made of them.

use std::path::Path;

use crate::common;
use common::{put, stoa, texts, warnings_of};

use rust_xlsxwriter::{Format, Workbook};
use stoa::config::Config;
use stoa::ingest::{load, reasons, Ingested};

/// Visits ЗН-1..ЗН-3 of client C1 and the client, in CSV.
fn put_visits_and_clients(dir: &Path) {
    put(
        dir,
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nЗН-1;03.03.2026;C1;Lada\nЗН-2;06.03.2026;C1;Lada\nЗН-3;09.03.2026;C1;Lada\n",
    );
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\n");
}

/// Client КЛ-1 and one order line of visit ЗН-1, for tests of the visits' header.
fn put_clients_and_lines(dir: &Path) {
    put(dir, "clients.csv", "client_id;name\nКЛ-1;Иванов\n");
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\nЗН-1;ТО;1000\n",
    );
}

/// The table's rows read, accepted and rejected.
fn counts(ing: &Ingested, table: &str) -> (u64, u64, u64) {
    let i = ing.inputs.iter().find(|i| i.table == table).unwrap();
    (i.rows_read, i.rows_accepted, i.rows_rejected)
}

/// The order lines' amounts, in row order.
fn amounts(ing: &Ingested) -> Vec<Option<String>> {
    texts(&ing.model.order_lines.clone().collect().unwrap(), "amount")
}

#[test]
fn regression_a_group_cell_merged_over_the_amounts_reads_the_one_after_the_discount() {
    // 1C: `Сумма` merged over `без скидки | со скидкой`, the other cells merged down over
    // both rows. Before, `Сумма` read the amount before the discount (6000 of revenue
    // instead of 4500) and the sub-header row was rejected as data.
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_clients(dir.path());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Работы").unwrap();
    let plain = Format::new();
    for (c, name) in ["Заказ-наряд", "Номенклатура", "Количество"]
        .iter()
        .enumerate()
    {
        ws.merge_range(0, c as u16, 1, c as u16, name, &plain)
            .unwrap();
    }
    ws.merge_range(0, 3, 0, 4, "Сумма", &plain).unwrap();
    ws.write_row(1, 3, ["без скидки", "со скидкой"]).unwrap();
    for (r, visit) in ["ЗН-1", "ЗН-2", "ЗН-3"].iter().enumerate() {
        let r = r as u32 + 2;
        ws.write_row(r, 0, [*visit, "Замена масла"]).unwrap();
        ws.write_row(r, 2, [1.0, 2000.0, 1500.0]).unwrap();
    }
    ws.write(5, 0, "Итого").unwrap();
    ws.write_row(5, 3, [6000.0, 4500.0]).unwrap();
    wb.save(dir.path().join("order_lines.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "order_lines"), (3, 3, 0));
    let s = |v: &str| Some(v.to_string());
    // Kopecks.
    assert_eq!(amounts(&ing), [s("150000"), s("150000"), s("150000")]);
    let place = dir.path().join("order_lines.xlsx").display().to_string();
    assert_eq!(
        warnings_of(&ing, "order_lines"),
        [reasons::fill(
            reasons::JOINED_HEADER,
            &[
                &place,
                "«Сумма» + «со скидкой» → `amount`",
                "columns.order_lines"
            ]
        )
        .as_str()]
    );
}

#[test]
fn regression_group_cells_over_the_visits_client_and_car_read_their_sub_headers() {
    // `Заказ-наряд` over `Номер | Дата`, `Клиент` over `Код | Наименование`, `Автомобиль`
    // over `Марка | Госномер`, `Статус` merged down, under a title. Before, the run stopped
    // for want of `opened_at`. A rejected row keeps its Excel row number.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    ws.write(0, 0, "Реестр заказ-нарядов за март 2026").unwrap();
    for (c, name) in [(0, "Заказ-наряд"), (2, "Клиент"), (4, "Автомобиль")]
    {
        ws.merge_range(2, c, 2, c + 1, name, &plain).unwrap();
    }
    ws.merge_range(2, 6, 3, 6, "Статус", &plain).unwrap();
    ws.write_row(
        3,
        0,
        ["Номер", "Дата", "Код", "Наименование", "Марка", "Госномер"],
    )
    .unwrap();
    ws.write_row(
        4,
        0,
        [
            "ЗН-1",
            "03.03.2026",
            "КЛ-1",
            "Иванов",
            "Lada",
            "А123ВС77",
            "Выполнен",
        ],
    )
    .unwrap();
    ws.write_row(
        5,
        0,
        [
            "ЗН-2",
            "06.03.2026",
            "КЛ-1",
            "Иванов",
            "Lada",
            "А123ВС77",
            "Отменён",
        ],
    )
    .unwrap();
    ws.write_row(
        6,
        0,
        [
            "ЗН-3",
            "31.02.2026",
            "КЛ-1",
            "Иванов",
            "Lada",
            "А123ВС77",
            "",
        ],
    )
    .unwrap();
    wb.save(dir.path().join("visits.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "visits"), (3, 2, 1));
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&visits, "client_id"), [s("КЛ-1"), s("КЛ-1")]);
    assert_eq!(texts(&visits, "status"), [s("done"), s("cancelled")]);
    assert_eq!(texts(&ing.rejects, "row"), [s("7")]);
    assert_eq!(texts(&ing.rejects, "column"), [s("Дата")]);
    let said = warnings_of(&ing, "visits");
    assert!(
        said.iter()
            .any(|w| w
                .contains("«Заказ-наряд» + «Номер» → `visit_id`, «Клиент» + «Код» → `client_id`")),
        "{said:?}"
    );
}

#[test]
fn a_two_row_header_flattened_into_a_csv_is_read_as_one() {
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_clients(dir.path());
    put(
        dir.path(),
        "order_lines.csv",
        "Работы за март\n\
         Заказ-наряд;Наименование;Сумма, руб.;\n\
         ;;без скидки;со скидкой\n\
         ЗН-1;ТО;1000;900\n\
         ЗН-2;ТО;2000;1800,50\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "order_lines"), (2, 2, 0));
    let s = |v: &str| Some(v.to_string());
    assert_eq!(amounts(&ing), [s("90000"), s("180050")]);
}

#[test]
fn regression_a_row_of_column_numbers_under_the_header_is_not_data() {
    // A printed form: a spacer column, `№ п/п`, and `1 | 2 | 3 | 4 | 5` under the header.
    // Before, that row was rejected (`unparseable date … 3`).
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 1, "Реестр заказ-нарядов").unwrap();
    ws.write_row(2, 1, ["№ п/п", "Номер заказ-наряда", "Дата приёма"])
        .unwrap();
    ws.write_row(2, 5, ["Код клиента", "Марка"]).unwrap();
    ws.write_row(3, 1, [1.0, 2.0, 3.0]).unwrap();
    ws.write_row(3, 5, [4.0, 5.0]).unwrap();
    ws.write(4, 1, 1.0).unwrap();
    ws.write_row(4, 2, ["ЗН-1", "03.03.2026"]).unwrap();
    ws.write_row(4, 5, ["КЛ-1", "Lada"]).unwrap();
    ws.write(5, 1, 2.0).unwrap();
    ws.write_row(5, 2, ["ЗН-2", "32.03.2026"]).unwrap();
    ws.write_row(5, 5, ["КЛ-1", "Lada"]).unwrap();
    wb.save(dir.path().join("visits.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "visits"), (2, 1, 1));
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&ing.rejects, "row"), [s("6")]);
}

#[test]
fn regression_a_header_cell_broken_inside_a_word_and_a_header_below_thirty_rows_are_read() {
    // `№ заказ-⏎наряда` wrapped in its cell; the order lines' header on row 33 under 1C's
    // block of filters. Before, both stopped the run.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "\"№ заказ-\nнаряда\";Дата;Клиент;Марка\nЗН-1;03.03.2026;C1;Lada\n",
    );
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    let mut lines = String::from("Работы по заказ-нарядам\nПараметры:;Период: март 2026\n");
    for k in 1..=30 {
        lines.push_str(&format!("Отбор:;Смена {k}\n"));
    }
    lines.push_str("Номер заказ-наряда;Наименование;Сумма\nЗН-1;ТО;1000\nЗН-1;Масло;abc\n");
    put(dir.path(), "order_lines.csv", &lines);
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "visits"), (1, 1, 0));
    assert_eq!(counts(&ing, "order_lines"), (2, 1, 1));
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&ing.rejects, "row"), [s("35")]);
}

#[test]
fn regression_1cs_sheet_names_and_column_names_are_found() {
    // One workbook of sheets «Заказ-наряды», «Работы» and «Клиенты (2)» (Excel's name for
    // a copied sheet), with 1C's `Заказчик`, `Номер ЗН` and `Стоимость`. Before, none of
    // the three tables was found, and each name stopped the run.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let visits = wb.add_worksheet().set_name("Заказ-наряды").unwrap();
    visits
        .write_row(0, 0, ["Номер документа", "Дата", "Заказчик", "Марка"])
        .unwrap();
    visits
        .write_row(1, 0, ["ЗН-1", "03.03.2026", "КЛ-1", "Lada"])
        .unwrap();
    let lines = wb.add_worksheet().set_name("Работы").unwrap();
    lines
        .write_row(
            0,
            0,
            [
                "Номер ЗН",
                "Наименование",
                "Цена",
                "Стоимость",
                "Себестоимость",
            ],
        )
        .unwrap();
    lines.write_row(1, 0, ["ЗН-1", "ТО"]).unwrap();
    lines.write_row(1, 2, [1000.0, 900.0, 400.0]).unwrap();
    let clients = wb.add_worksheet().set_name("Клиенты (2)").unwrap();
    clients.write_row(0, 0, ["Код", "Наименование"]).unwrap();
    clients.write_row(1, 0, ["КЛ-1", "Иванов"]).unwrap();
    wb.save(dir.path().join("Выгрузка.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "visits"), (1, 1, 0));
    assert_eq!(counts(&ing, "order_lines"), (1, 1, 0));
    assert_eq!(counts(&ing, "clients"), (1, 1, 0));
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&lines, "amount"), [s("90000")]);
    assert_eq!(texts(&lines, "cost"), [s("40000")]);
    assert!(ing
        .warnings
        .iter()
        .all(|w| !w.message.contains("first words")));
}

#[test]
fn regression_the_second_of_two_columns_of_one_name_is_read_by_its_place() {
    // Two `Сумма` columns, gross then net. The warning offered `amount = "Сумма"`, which
    // could not choose the second; `Сумма#2` does, and the warning says so.
    let dir = tempfile::tempdir().unwrap();
    put_visits_and_clients(dir.path());
    put(
        dir.path(),
        "order_lines.csv",
        "Заказ-наряд;Работа;Сумма;Сумма\nЗН-1;ТО;1000;900\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(amounts(&ing), [s("100000")]);
    let place = dir.path().join("order_lines.csv").display().to_string();
    let warning = |read: &str, other: &str, named: &str| {
        reasons::fill(
            reasons::SAME_NAMED_CELLS,
            &[
                "«Сумма»#1, «Сумма»#2",
                &place,
                "«Сумма» (`amount` in stoa.toml)",
                read,
                "columns.order_lines",
                "amount",
                named,
                other,
            ],
        )
    };
    assert_eq!(
        warnings_of(&ing, "order_lines"),
        [warning("«Сумма»#1", "«Сумма»#2", "Сумма#2").as_str()]
    );
    // The guess is said on the report's terminal too: the first of 1C's two «Сумма» can
    // be the discount's, and then the revenue is the sum of the discounts.
    assert!(ing
        .warnings
        .iter()
        .filter(|w| reasons::parse(reasons::SAME_NAMED_CELLS, &w.message).is_some())
        .all(|w| w.is_for_the_terminal()));
    let config = Config::from_toml("[columns.order_lines]\namount = \"Сумма#2\"\n", "t").unwrap();
    let ing = load(dir.path(), &config).unwrap();
    assert_eq!(amounts(&ing), [s("90000")]);
    assert_eq!(
        warnings_of(&ing, "order_lines"),
        [warning("«Сумма»#2", "«Сумма»#1", "Сумма#1").as_str()]
    );
    // A place the header does not have stops the run (a usage error): the column fell back
    // to the first `Сумма` and read the gross amounts without a word.
    let config = Config::from_toml("[columns.order_lines]\namount = \"Сумма#3\"\n", "t").unwrap();
    let Err(err) = load(dir.path(), &config) else {
        panic!("a place the header does not have was read");
    };
    assert_eq!(err.exit_code(), stoa::error::ExitCode::Usage);
    assert_eq!(
        err.to_string(),
        format!("stoa.toml names amount = \"Сумма#3\" under [columns.order_lines], but the header of {place} has 2 cells named «Сумма»: give a place from 1 to 2 after the #")
    );
}

/// The warning of `rows` rows of `file` in `dir` repeating the header from row `first`.
fn repeats_said(dir: &Path, file: &str, rows: u64, first: u32) -> String {
    let place = dir.join(file).display().to_string();
    reasons::fill(
        reasons::HEADER_ROWS_SKIPPED,
        &[&rows.to_string(), &place, &first.to_string()],
    )
}

#[test]
fn regression_a_header_of_two_rows_repeated_over_each_page_of_a_csv_is_skipped() {
    // A register printed by pages: `Номер | Дата | Клиент` over `заказа | приёма | код`,
    // again on the second page. Before, the repeat's two rows were rejected as visits
    // (`Номер` with the date `Дата`, `заказа` with `приёма`).
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    let head = "Номер;Дата;Клиент;Марка\nзаказа;приёма;код;\n";
    put(
        dir.path(),
        "visits.csv",
        &format!(
            "{head}ЗН-1;03.03.2026;КЛ-1;Lada\nЗН-2;06.03.2026;КЛ-1;Lada\n\
             {head}ЗН-3;09.03.2026;КЛ-1;Lada\n"
        ),
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "visits"), (3, 3, 0));
    assert_eq!(ing.rejects.height(), 0);
    let said = warnings_of(&ing, "visits");
    let repeats = repeats_said(dir.path(), "visits.csv", 2, 5);
    assert!(said.contains(&repeats.as_str()), "{said:?}");
}

#[test]
fn regression_a_header_of_two_rows_repeated_down_a_workbook_is_skipped() {
    // 1C's layout, printed by pages: `Заказ-наряд` merged over `Номер | Дата`, `Статус`
    // merged down over both rows (read again on the second, as merged cells are), the
    // header again over the second page.
    let dir = tempfile::tempdir().unwrap();
    put_clients_and_lines(dir.path());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    let header = |ws: &mut rust_xlsxwriter::Worksheet, r: u32| {
        ws.merge_range(r, 0, r, 1, "Заказ-наряд", &plain).unwrap();
        ws.merge_range(r, 2, r + 1, 2, "Код клиента", &plain)
            .unwrap();
        ws.merge_range(r, 3, r + 1, 3, "Статус", &plain).unwrap();
        ws.merge_range(r, 4, r + 1, 4, "Марка", &plain).unwrap();
        ws.write_row(r + 1, 0, ["Номер", "Дата"]).unwrap();
    };
    ws.write(0, 0, "Реестр заказ-нарядов за март 2026").unwrap();
    header(ws, 2);
    ws.write_row(4, 0, ["ЗН-1", "03.03.2026", "КЛ-1", "Выполнен", "Lada"])
        .unwrap();
    ws.write_row(5, 0, ["ЗН-2", "06.03.2026", "КЛ-1", "Выполнен", "Lada"])
        .unwrap();
    header(ws, 6);
    ws.write_row(8, 0, ["ЗН-3", "09.03.2026", "КЛ-1", "Выполнен", "Lada"])
        .unwrap();
    wb.save(dir.path().join("visits.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(counts(&ing, "visits"), (3, 3, 0));
    assert_eq!(ing.rejects.height(), 0);
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        texts(&visits, "visit_id"),
        [s("ЗН-1"), s("ЗН-2"), s("ЗН-3")]
    );
    let said = warnings_of(&ing, "visits");
    let repeats = repeats_said(dir.path(), "visits.xlsx", 2, 7);
    assert!(said.contains(&repeats.as_str()), "{said:?}");
}

/// `stoa check --lang en --data DIR --rejects DIR/r.csv`: exit code, standard output
/// and error, and the rejects file.
fn check(dir: &Path) -> (i32, String, String) {
    let rejects = dir.join("r.csv");
    let out = stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(dir)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let rejects = std::fs::read_to_string(&rejects).unwrap_or_default();
    (out.status.code().unwrap_or(-1), said, rejects)
}

/// The line of `table` in `check`'s accounting: rows read, accepted, rejected.
fn checked(out: &str, table: &str) -> (u64, u64, u64) {
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

/// Whether `check` printed that `rows` rows of `file` repeat the header from row `first`.
fn repeats_printed(out: &str, rows: u64, file: &str, first: u32) -> bool {
    let (row, repeat) = match rows {
        1 => ("row", format!("repeats the header (at row {first})")),
        _ => (
            "rows",
            format!("repeat the header (the first at row {first})"),
        ),
    };
    out.lines().any(|l| {
        l.contains(&format!(" {rows} {row} of ")) && l.contains(file) && l.contains(&repeat)
    })
}

#[test]
fn regression_a_paged_csv_whose_header_has_a_second_row_not_read_skips_each_repeat_whole() {
    // A register printed by pages, its header's second row over columns stoa does not
    // read (`Сумма` over `без скидки | со скидкой` above visits), or a row of column
    // numbers. The repeat of the first row was skipped, and the second read as data: a
    // visit with every cell empty (rejected), and a client «1» named «2» (accepted).
    for (lower, filler) in [
        (";;;;без скидки;со скидкой", ";100;90"),
        ("1;2;3;4;5;6", ";;"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        put(
            dir.path(),
            "order_lines.csv",
            "visit_id;description;amount\nЗН-1;ТО;1000\n",
        );
        let head = format!("Номер;Дата;Клиент;Марка;Сумма;\n{lower}\n");
        put(
            dir.path(),
            "visits.csv",
            &format!(
                "{head}ЗН-1;03.03.2026;КЛ-1;Lada{filler}\nЗН-2;06.03.2026;КЛ-1;Lada{filler}\n\
                 {head}ЗН-3;09.03.2026;КЛ-1;Lada{filler}\n"
            ),
        );
        put(
            dir.path(),
            "clients.csv",
            "Код клиента;ФИО\n1;2\nКЛ-1;Иванов\nКод клиента;ФИО\n1;2\nКЛ-2;Петров\n",
        );
        let (code, out, rejects) = check(dir.path());
        assert_eq!(code, 0, "{out}");
        assert_eq!(checked(&out, "visits"), (3, 3, 0), "{out}\n{rejects}");
        assert_eq!(checked(&out, "clients"), (2, 2, 0), "{out}\n{rejects}");
        assert!(repeats_printed(&out, 2, "visits.csv", 5), "{out}");
        assert!(repeats_printed(&out, 2, "clients.csv", 4), "{out}");
    }
}

#[test]
fn regression_a_paged_workbook_whose_header_has_a_second_row_not_read_skips_each_repeat_whole() {
    // The same register in a workbook: `Сумма` merged across its two columns, the other
    // cells written in the first row alone, or merged down over both rows as 1C does
    // (then read again on the second row of each repeat, as merged cells are).
    for merged_down in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        put_clients_and_lines(dir.path());
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let plain = Format::new();
        let header = |ws: &mut rust_xlsxwriter::Worksheet, r: u32| {
            for (c, name) in ["Номер", "Дата", "Клиент", "Марка"].iter().enumerate()
            {
                match merged_down {
                    true => {
                        ws.merge_range(r, c as u16, r + 1, c as u16, name, &plain)
                            .unwrap();
                    }
                    false => {
                        ws.write(r, c as u16, *name).unwrap();
                    }
                }
            }
            ws.merge_range(r, 4, r, 5, "Сумма", &plain).unwrap();
            ws.write_row(r + 1, 4, ["без скидки", "со скидкой"])
                .unwrap();
        };
        let visit = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, id: &str, date: &str| {
            ws.write_row(r, 0, [id, date, "КЛ-1", "Lada"]).unwrap();
            ws.write_row(r, 4, [100, 90]).unwrap();
        };
        ws.write(0, 0, "Реестр заказ-нарядов за март 2026").unwrap();
        header(ws, 2);
        visit(ws, 4, "ЗН-1", "03.03.2026");
        visit(ws, 5, "ЗН-2", "06.03.2026");
        header(ws, 6);
        visit(ws, 8, "ЗН-3", "09.03.2026");
        header(ws, 9);
        wb.save(dir.path().join("visits.xlsx")).unwrap();
        let (code, out, rejects) = check(dir.path());
        assert_eq!(code, 0, "{out}");
        assert_eq!(checked(&out, "visits"), (3, 3, 0), "{out}\n{rejects}");
        assert!(repeats_printed(&out, 4, "visits.xlsx", 7), "{out}");
    }
}

#[test]
fn regression_a_competitor_price_file_with_a_column_per_competitor_is_named_wide() {
    // A price survey: services down, one column of prices per competitor, the station's
    // own price beside them. Before, the error asked for synonyms of competitor, price and
    // observed_at, which no renaming of this file could give.
    for name in ["competitor_prices.csv", "competitor_prices.xlsx"] {
        let dir = tempfile::tempdir().unwrap();
        put_visits_and_clients(dir.path());
        put(
            dir.path(),
            "order_lines.csv",
            "visit_id;description;amount\nЗН-1;ТО;1000\n",
        );
        if name.ends_with(".csv") {
            put(
                dir.path(),
                name,
                "Код работы;Наименование;Наша цена;АвтоМир;ТехЦентр Север\n\
                 WSH-01;Мойка кузова;700;750;\n\
                 MNT-01;Замена масла;1200;1 300,00;1250\n",
            );
        } else {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            ws.write(0, 0, "Мониторинг цен, март 2026").unwrap();
            ws.write_row(
                2,
                0,
                [
                    "Код работы",
                    "Наименование",
                    "Наша цена",
                    "АвтоМир",
                    "ТехЦентр Север",
                ],
            )
            .unwrap();
            ws.write_row(3, 0, ["WSH-01", "Мойка кузова"]).unwrap();
            ws.write_row(3, 2, [700.0, 750.0]).unwrap();
            ws.write_row(4, 0, ["MNT-01", "Замена масла"]).unwrap();
            ws.write_row(4, 2, [1200.0, 1300.0, 1250.0]).unwrap();
            wb.save(dir.path().join(name)).unwrap();
        }
        let Err(e) = load(dir.path(), &Config::default()) else {
            panic!("{name} was read");
        };
        let said = e.to_string();
        assert!(
            said.contains("has one column of prices per competitor («АвтоМир», «ТехЦентр Север»)"),
            "{said}"
        );
        assert!(said.contains("competitor, service_code, price, observed_at"));
        assert!(!said.contains("synonym"), "{said}");
        let russian = stoa::render::i18n::error(stoa::cli::Lang::Ru, &said).unwrap();
        assert!(
            russian.contains("по столбцу на конкурента («АвтоМир», «ТехЦентр Север»)"),
            "{russian}"
        );
    }
}

/// Order lines of ЗН-1..ЗН-3 under a two-row header whose groups are `groups` (a name
/// over `Код | Наименование` each), `Номер заказ-наряда` and `Сумма` merged down; each
/// group's row cells are (code, name): the first group's `КЛ-1 | Иванов` when there are
/// two (the client beside the work), the work's `ТО-1 | Замена масла`.
fn put_grouped_code_lines(dir: &Path, groups: &[&str]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Работы").unwrap();
    let plain = Format::new();
    let last = 1 + 2 * groups.len() as u16;
    ws.merge_range(0, 0, 1, 0, "Номер заказ-наряда", &plain)
        .unwrap();
    for (k, group) in groups.iter().enumerate() {
        let c = 1 + 2 * k as u16;
        ws.merge_range(0, c, 0, c + 1, group, &plain).unwrap();
        ws.write_row(1, c, ["Код", "Наименование"]).unwrap();
    }
    ws.merge_range(0, last, 1, last, "Сумма", &plain).unwrap();
    for (r, visit) in ["ЗН-1", "ЗН-2", "ЗН-3"].iter().enumerate() {
        let r = r as u32 + 2;
        ws.write(r, 0, *visit).unwrap();
        if groups.len() == 2 {
            ws.write_row(r, 1, ["КЛ-1", "Иванов"]).unwrap();
        }
        ws.write_row(r, last - 2, ["ТО-1", "Замена масла"]).unwrap();
        ws.write(r, last, 1000.0).unwrap();
    }
    wb.save(dir.join("order_lines.xlsx")).unwrap();
}

#[test]
fn regression_the_code_under_a_work_group_is_the_service_code_and_a_clients_is_no_lines() {
    // `Номенклатура` (or `Работа`, `Услуга`) over `Код | Наименование`: the code was read
    // as the description (or not at all) and every line lost its service code. Beside a
    // `Клиент` group, the client's code and name were the line's service code and
    // description.
    for groups in [
        &["Номенклатура"][..],
        &["Работа"],
        &["Услуга"],
        &["Клиент", "Номенклатура"],
    ] {
        let dir = tempfile::tempdir().unwrap();
        put_visits_and_clients(dir.path());
        put_grouped_code_lines(dir.path(), groups);
        let ing = load(dir.path(), &Config::default()).unwrap();
        assert_eq!(counts(&ing, "order_lines"), (3, 3, 0), "{groups:?}");
        let lines = ing.model.order_lines.clone().collect().unwrap();
        let three = |v: &str| vec![Some(v.to_string()); 3];
        assert_eq!(texts(&lines, "service_code"), three("ТО-1"), "{groups:?}");
        assert_eq!(
            texts(&lines, "description"),
            three("Замена масла"),
            "{groups:?}"
        );
    }
}

#[test]
fn regression_a_missing_required_column_is_named_as_exports_name_it_with_headers_that_work() {
    // Visits whose make is headed `Модель` (a model, not read as the make). The Russian
    // error said «нет столбца для brand (обязателен в таблице `visits`)»: stoa's own name,
    // which no export writes, and no header that would do.
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    put(
        dir.path(),
        "order_lines.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV1;Мойка;100\n",
    );
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Клиент;Модель\nV1;01.10.2026;C1;Rio\n",
    );
    let out = stoa()
        .args(["check", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("нет столбца «Марка» (обязателен в таблице `visits`); подойдёт заголовок «Марка», «Make», «brand», а найдены столбцы: \"Номер\", \"Дата\", \"Клиент\", \"Модель\""),
        "{err}"
    );
    assert!(
        err.contains("[columns.visits] в stoa.toml (brand = [\"…\"])"),
        "{err}"
    );
    assert!(!err.contains("для brand"), "{err}");
    let (code, said, _) = check(dir.path());
    assert_eq!(code, 1);
    assert!(
        said.contains("has no column «Make» (required in `visits`; in a Russian export «Марка»); a header such as «Марка», «Make», «brand» is read as it"),
        "{said}"
    );
}
