//! `stoa check` on real files built on the fly: an xlsx workbook written with
//! rust_xlsxwriter (Russian headers, a title row, a total row, date cells, text money), a
//! Windows-1251 `;` CSV, and Parquet. Exact counts, reject rows and money totals.

use std::path::Path;

use crate::common;
use common::{
    accounted, bools, check_en, check_in, check_inputs, check_json, i64s, input_of, load, put,
    put_tables, row_counts, small_data, somes, stoa, strs, texts, warnings_of,
};

use polars::prelude::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// A workbook with three tables on sheets Визиты, Работы, Клиенты, as an accounting
/// export writes it.
fn write_workbook(path: &Path) {
    let mut wb = Workbook::new();
    let date = Format::new().set_num_format("dd.mm.yyyy hh:mm");
    let money = Format::new().set_num_format("# ##0.00");

    let ws = wb.add_worksheet().set_name("Визиты").unwrap();
    ws.write(0, 0, "Заказ-наряды за март 2024").unwrap(); // title row (Excel row 1)
                                                          // Excel row 2 is empty; the header is on row 3.
    let head = [
        "Номер заказ-наряда",
        "Дата приёма",
        "Код клиента",
        "Марка",
        "Госномер",
        "Пробег",
        "Статус",
        "Комментарий",
    ];
    for (i, h) in head.iter().enumerate() {
        ws.write(2, i as u16, *h).unwrap();
    }
    let dt = |d: u8, h: u16| {
        ExcelDateTime::from_ymd(2024, 3, d)
            .unwrap()
            .and_hms(h, 0, 0)
            .unwrap()
    };
    // Row 4: a good visit with a real date cell and a client code typed as a number.
    ws.write(3, 0, "V1").unwrap();
    ws.write_datetime_with_format(3, 1, dt(5, 10), &date)
        .unwrap();
    ws.write(3, 2, 1001).unwrap();
    ws.write(3, 3, "Лада").unwrap();
    ws.write(3, 4, "a 123 bc 77").unwrap();
    ws.write(3, 5, "45 000").unwrap();
    // Row 5: dd.mm.yyyy as text, cancelled.
    for (c, v) in [
        "V2",
        "06.03.2024 12:30",
        "1002",
        "Toyota",
        "",
        "",
        "отменён",
    ]
    .iter()
    .enumerate()
    {
        ws.write(4, c as u16, *v).unwrap();
    }
    // Row 6: blank (skipped, not counted). Row 7: an unparseable date.
    for (c, v) in ["V3", "32.03.2024", "1001", "Лада"].iter().enumerate() {
        ws.write(6, c as u16, *v).unwrap();
    }
    // Row 8: a duplicate of V1.
    for (c, v) in ["V1", "07.03.2024", "1003", "Kia"].iter().enumerate() {
        ws.write(7, c as u16, *v).unwrap();
    }
    // Row 9: an Excel serial typed as a number; client missing from Клиенты (a warning).
    ws.write(8, 0, "V4").unwrap();
    ws.write(8, 1, 45_362.5).unwrap(); // 2024-03-11 12:00
    ws.write(8, 2, "1009").unwrap();
    ws.write(8, 3, "ВАЗ").unwrap();
    // Row 10: the total row ends the table; row 11 is below it and not read.
    ws.write(9, 0, "Итого").unwrap();
    ws.write(10, 0, "V99").unwrap();

    let ws = wb.add_worksheet().set_name("Работы").unwrap();
    ws.write(0, 0, "Работы и запчасти").unwrap();
    let head = [
        "Заказ-наряд",
        "Код работы",
        "Наименование",
        "Вид работ",
        "Тип",
        "Кол-во",
        "Сумма",
        "Отказ",
    ];
    for (i, h) in head.iter().enumerate() {
        ws.write(1, i as u16, *h).unwrap();
    }
    // Excel rows 3..8.
    // visit, code, name, category, kind, qty, amount as a number or as text, declined
    type Line<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        Option<f64>,
        &'a str,
        &'a str,
    );
    let lines: [Line; 6] = [
        (
            "V1",
            "TO-1",
            "Замена масла",
            "ТО",
            "работа",
            "1",
            Some(1500.0),
            "",
            "нет",
        ),
        (
            "V1",
            "P-1",
            "Масло 5W-30",
            "запчасти",
            "запчасть",
            "4",
            None,
            "1 234,50 ₽",
            "",
        ),
        ("V2", "W-1", "Мойка", "мойка", "", "", None, "300", "да"),
        (
            "V1",
            "P-2",
            "Фильтр",
            "запчасти",
            "запчасть",
            "-1",
            Some(400.0),
            "",
            "",
        ),
        ("V77", "W-1", "Мойка", "мойка", "", "", Some(300.0), "", ""),
        (
            "V4",
            "D-1",
            "Диагностика",
            "диагностика",
            "работа",
            "1",
            None,
            "12,5 руб.",
            "",
        ),
    ];
    for (r, l) in lines.iter().enumerate() {
        let r = r as u32 + 2;
        for (c, v) in [l.0, l.1, l.2, l.3, l.4, l.5].iter().enumerate() {
            if !v.is_empty() {
                ws.write(r, c as u16, *v).unwrap();
            }
        }
        match l.6 {
            Some(n) => ws.write_number_with_format(r, 6, n, &money).unwrap(),
            None => ws.write(r, 6, l.7).unwrap(),
        };
        if !l.8.is_empty() {
            ws.write(r, 7, l.8).unwrap();
        }
    }
    ws.write(8, 0, "Всего").unwrap();
    ws.write_number(8, 6, 99999.0).unwrap();

    let ws = wb.add_worksheet().set_name("Клиенты").unwrap();
    for (i, h) in [
        "Код клиента",
        "ФИО",
        "Согласие на рассылку",
        "Дата рождения",
    ]
    .iter()
    .enumerate()
    {
        ws.write(0, i as u16, *h).unwrap();
    }
    ws.write(1, 0, 1001).unwrap();
    ws.write(1, 1, "Иванов Иван").unwrap();
    ws.write(1, 2, "да").unwrap();
    ws.write_datetime_with_format(
        1,
        3,
        ExcelDateTime::from_ymd(1980, 5, 31).unwrap(),
        &Format::new().set_num_format("dd.mm.yyyy"),
    )
    .unwrap();
    for (c, v) in ["1002", "ООО Ромашка", "нет"].iter().enumerate() {
        ws.write(2, c as u16, *v).unwrap();
    }
    for (c, v) in ["1003", "Петров", "+"].iter().enumerate() {
        ws.write(3, c as u16, *v).unwrap();
    }
    wb.save(path).unwrap();
}

/// The rows of a `--rejects` file after its header. The file starts with a UTF-8
/// byte-order mark, for Excel (regression: a Russian Excel showed its Cyrillic garbled).
fn read_rejects(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.starts_with("\u{feff}table,"), "{text}");
    let mut rdr: Vec<Vec<String>> = Vec::new();
    for line in text.lines().skip(1) {
        rdr.push(split_csv(line));
    }
    rdr
}

/// Split a CSV line written by polars (quotes only around fields that need them).
fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut q = false;
    let mut it = line.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '"' if q && it.peek() == Some(&'"') => {
                field.push('"');
                it.next();
            }
            '"' => q = !q,
            ',' if !q => out.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    out.push(field);
    out
}

#[test]
fn xlsx_export_with_title_total_and_bad_rows_is_accounted_exactly() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("export.xlsx"));
    let (inputs, rejects) = check_json(dir.path());
    let by = |t: &str| input_of(&inputs, t);

    // Visits: rows 4, 5, 7, 8, 9 read (6 blank, 10 total, 11 after the total).
    let v = by("visits");
    assert_eq!(v["sheet"], "Визиты");
    assert_eq!(row_counts(v), (5, 3, 2));
    // Lines: 6 read; negative qty and unknown visit rejected. Money: 1500 + 1234.50 + 300
    // + 400 + 300 + 12.50 = 3747.00 read; rejected 400 + 300 = 700; accepted 3047.00.
    let l = by("order_lines");
    assert_eq!(row_counts(l), (6, 4, 2));
    assert_eq!(l["money_read"].as_f64(), Some(3747.0));
    assert_eq!(l["money_accepted"].as_f64(), Some(3047.0));
    assert_eq!(l["money_rejected"].as_f64(), Some(700.0));
    let (read, _, rejected) = row_counts(by("clients"));
    assert_eq!((read, rejected), (3, 0));

    let r = read_rejects(&rejects);
    let cells = |i: usize| {
        (
            r[i][0].as_str(),
            r[i][2].as_str(),
            r[i][3].as_str(),
            r[i][4].as_str(),
            r[i][5].as_str(),
        )
    };
    assert_eq!(r.len(), 4);
    assert_eq!(
        cells(0),
        ("visits", "Визиты", "7", "Дата приёма", "32.03.2024")
    );
    assert!(r[0][6].starts_with("unparseable date"));
    assert_eq!(
        cells(1),
        ("visits", "Визиты", "8", "Номер заказ-наряда", "V1")
    );
    assert_eq!(
        r[1][6],
        "duplicate «Номер заказ-наряда»: the same value is already on row 4"
    );
    assert_eq!(cells(2), ("order_lines", "Работы", "6", "Кол-во", "-1"));
    assert_eq!(r[2][6], "negative quantity");
    assert_eq!(
        cells(3),
        ("order_lines", "Работы", "7", "Заказ-наряд", "V77")
    );
    assert!(r[3][1].ends_with("export.xlsx"));
}

#[test]
fn readable_output_shows_warnings_and_first_rejects() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("export.xlsx"));
    let out = check_en(dir.path());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "1 visits row refers to a client missing from `clients` (e.g. 1009); it is kept"
        ),
        "{text}"
    );
    assert!(text.contains("4 rows rejected"), "{text}");
    assert!(text.contains("negative quantity"), "{text}");
    assert!(text.starts_with("table "), "{text}");

    // In Russian (`--lang ru`, or `language = "ru"` in stoa.toml): headings, table names,
    // reasons and warnings; the values and the file names as they are.
    let out = check_in("ru", dir.path());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("таблица "), "{text}");
    assert!(text.contains("\nВизиты "), "{text}");
    assert!(text.contains("Отклонено строк: 4; первые 4:"), "{text}");
    assert!(
        text.contains("отрицательное значение: количество"),
        "{text}"
    );
    assert!(text.contains("Предупреждения:"), "{text}");
    assert!(text.contains("export.xlsx"), "{text}");
    assert!(!text.contains("negative quantity"), "{text}");
    // The machine-readable accounting stays English whatever the language.
    let json = stoa()
        .args(["check", "--json", "--lang", "ru", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    let inputs: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(inputs[0]["table"], "visits");
}

/// Regression: a 1C export names the amount twice (before and after the discount) and the
/// client twice (name and code); the first cell was read, so revenue was the gross amount
/// and the client id the name. The most specific name is read now, and check says so.
#[test]
fn a_column_named_twice_is_read_by_its_most_specific_name_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let visits = "№;Номер заказ-наряда;Дата;Клиент;Код клиента;Марка\n\
                  1;A-1;01.02.2024;Сидоров;K1;Lada\n\
                  2;A-2;02.02.2024;Орлова;K2;Kia\n";
    let lines = "Заказ-наряд;Наименование;Сумма;Сумма со скидкой\n\
                 A-1;Ремонт;1000;900\n\
                 A-2;Мойка;500;500\n";
    let clients = "Код клиента;ФИО\nK1;Сидоров\nK2;Орлова\n";
    put_tables(dir.path(), visits, clients, lines);
    let out = check_en(dir.path());
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("No rows were rejected"), "{text}");
    assert!(
        text.contains("the columns «Сумма», «Сумма со скидкой» of")
            && text
                .contains("all name «Сумма» (`amount` in stoa.toml); «Сумма со скидкой» is read"),
        "{text}"
    );
    assert!(
        text.contains("all name «Код клиента» (`client_id` in stoa.toml); «Код клиента» is read"),
        "{text}"
    );
    let ing = load(dir.path());
    let lines = ing.model.order_lines.collect().unwrap();
    assert_eq!(i64s(&lines, "amount"), [Some(90_000), Some(50_000)]);
    let visits = ing.model.visits.collect().unwrap();
    assert_eq!(
        (strs(&visits, "visit_id"), strs(&visits, "client_id")),
        (somes(&["A-1", "A-2"]), somes(&["K1", "K2"]))
    );
}

#[test]
fn a_repair_order_still_in_progress_is_kept_with_its_lines_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "Номер;Дата;Клиент;Марка;Статус\nV1;01.03.2026;C1;Lada;Выполнен\nV2;31.03.2026;C1;Lada;В работе\n",
        "client_id;name\nC1;Иванов\n",
        "visit_id;description;amount\nV1;ТО;5000\nV2;Ремонт;9000\n",
    );
    put(
        dir.path(),
        "price_list.csv",
        "service_code;description;price\nTO-1;ТО-1;5000\n",
    );
    let (inputs, _) = check_json(dir.path());
    for table in ["visits", "order_lines"] {
        let t = input_of(&inputs, table);
        assert_eq!(t["rows_rejected"], 0, "{table}: {t}");
    }
    let ing = load(dir.path());
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(texts(&visits, "status"), somes(&["done", "open"]));
    let said = said(dir.path());
    assert!(
        said.contains("1 visit is still open (in progress); it is kept, and counts nowhere"),
        "{said}"
    );
}

#[test]
fn a_visit_closed_before_it_was_opened_is_kept_and_named() {
    // The turnaround leaves it out; before, nothing said why it covered fewer visits.
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "Номер;Дата;Клиент;Марка;Дата выдачи\nV1;01.03.2026 10:00;C1;Lada;01.03.2026 12:00\n\
         V2;05.03.2026 10:00;C1;Lada;02.03.2026 12:00\n",
        "client_id;name\nC1;Иванов\n",
        "visit_id;description;amount\nV1;ТО;5000\n",
    );
    let said = said(dir.path());
    assert!(
        said.contains("1 visit (such as «V2») is closed before it was opened; it is kept"),
        "{said}"
    );
}

#[test]
fn regression_a_domestic_brand_written_with_its_model_is_domestic() {
    // Exports write the model into the brand's cell. Read by equality with the list, a
    // `ВАЗ 2107` got the foreign brands' discount tiers.
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "visit_id;opened_at;client_id;brand\nV1;01.03.2026;C1;ВАЗ 2107\nV2;01.03.2026;C1;LADA Granta\n\
         V3;01.03.2026;C1;ГАЗ-3110\nV4;01.03.2026;C1;Ладога\nV5;01.03.2026;C1;Kia Rio\n",
        "client_id;name\nC1;Иванов\n",
        "visit_id;description;amount\nV1;ТО;5000\n",
    );
    let ing = load(dir.path());
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(
        bools(&visits, "domestic"),
        [Some(true), Some(true), Some(true), Some(false), Some(false)]
    );
}

#[test]
fn client_ids_that_lost_their_leading_zeros_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    // The clients were opened and saved in Excel: `000039` became 39.
    put_tables(
        dir.path(),
        "visit_id;opened_at;client_id;brand\nV1;01.03.2026;000039;Lada\nV2;02.03.2026;000039;Lada\nV3;03.03.2026;X7;Kia\n",
        "client_id;name\n39;Иванов\n",
        "visit_id;description;amount\nV1;ТО;5000\n",
    );
    put(
        dir.path(),
        "price_list.csv",
        "service_code;description;price\nTO-1;ТО-1;5000\n",
    );
    let said = said(dir.path());
    assert!(
        said.contains("3 visits rows refer to clients missing from `clients`"),
        "{said}"
    );
    assert!(
        said.contains("2 visits rows have a «client_id» that is in `clients` only with other leading zeros (e.g. 000039 there as 39)"),
        "{said}"
    );
}

#[test]
fn regression_ids_and_phones_in_excels_scientific_notation_are_said_to_be_lost() {
    // A CSV opened and saved in Excel: long numbers in narrow General cells are saved as
    // shown. Two clients' codes became one and were taken for a repeated client without
    // a word; a phone became unusable.
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C3;Lada\n",
        "client_id;name;phone\n1,23457E+11;Иванов;7,91612E+10\n1,23457E+11;Петров;+7 916 123-45-67\nC3;Сидоров;\n",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
    let ing = load(dir.path());
    // Петров's code is now Иванов's: his row is rejected as a repeat, and the warning
    // on the accepted one says why the codes met.
    let input = accounted(&ing, "clients");
    assert_eq!((input.rows_accepted, input.rows_rejected), (2, 1));
    let said: Vec<&str> = ing
        .warnings
        .iter()
        .filter(|w| {
            stoa::ingest::reasons::parse(stoa::ingest::reasons::SCIENTIFIC, &w.message).is_some()
        })
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        said,
        [
            stoa::ingest::reasons::fill(
                stoa::ingest::reasons::SCIENTIFIC,
                &["1", "clients", "«client_id»", "«1,23457E+11»"]
            ),
            stoa::ingest::reasons::fill(
                stoa::ingest::reasons::SCIENTIFIC,
                &["1", "clients", "«phone»", "«7,91612E+10»"]
            )
        ]
    );
    assert!(ing
        .warnings
        .iter()
        .filter(
            |w| stoa::ingest::reasons::parse(stoa::ingest::reasons::SCIENTIFIC, &w.message)
                .is_some()
        )
        .all(|w| w.is_for_the_terminal()));
}

#[test]
fn regression_the_scientific_notation_warning_names_the_header_of_the_file() {
    // The Russian warning said «phone в экспоненциальной записи» to a station whose
    // column is «Телефон»: the column's internal name, not the header it wrote.
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "Номер заказ-наряда;Дата приёма;Код клиента;Марка\nA1;31.01.2027;P1;Kia\n",
        "Код клиента;ФИО;Телефон\nP1;Тест Один;7,92E+10\n",
        "Номер заказ-наряда;Наименование;Сумма\nA1;Мойка;700\n",
    );
    let out = check_in("ru", dir.path());
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("— столбец «Телефон» в экспоненциальной записи Excel (например, «7,92E+10»)"),
        "{text}"
    );
    assert!(!text.contains("phone"), "{text}");
}

#[test]
fn tables_whose_absence_empties_a_section_are_named_in_the_warnings() {
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "visit_id;opened_at;client_id;brand\nV1;01.03.2026;C1;Lada\n",
        "client_id;name\nC1;Иванов\n",
        "visit_id;description;amount\nV1;ТО;5000\n",
    );
    let out = said(dir.path());
    assert!(
        out.contains(
            "no price list was found: the price comparison and the service reminders are empty"
        ),
        "{out}"
    );
    assert!(out.contains("no competitor prices were found"), "{out}");
    // No consent column: every mail-merge list would be empty.
    assert!(
        out.contains("none of the 1 client has agreed to marketing (the consent column is missing"),
        "{out}"
    );
    // A price list without intervals: reminders cannot be made.
    put(
        dir.path(),
        "price_list.csv",
        "service_code;description;price\nTO-1;ТО-1;5000\n",
    );
    let out = said(dir.path());
    assert!(!out.contains("no price list was found"), "{out}");
    assert!(
        out.contains("no service of the price list has an interval"),
        "{out}"
    );
    put(
        dir.path(),
        "price_list.csv",
        "service_code;description;price;interval_months\nTO-1;ТО-1;5000;12\n",
    );
    assert!(!said(dir.path()).contains("has an interval"));
}

#[test]
fn regression_english_thousands_in_whole_number_columns() {
    // An English Excel writes whole numbers with a `,` between thousands: an odometer's
    // `58,403` was rejected as no whole number (the visit lost) and an interval's `15,000`
    // silently read as 15 km.
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "visit_id,opened_at,client_id,brand,odometer_km\nV1,01.03.2026,C1,Lada,\"58,403\"\nV2,02.03.2026,C1,Lada,\"101,250\"\nV3,03.03.2026,C1,Lada,950\n",
        "client_id,name\nC1,Иванов\n",
        "visit_id,description,amount\nV1,ТО,5000\n",
    );
    put(
        dir.path(),
        "price_list.csv",
        "service_code,name,category,price,interval_months,interval_km\nMNT-01,Замена масла,ТО,1200,12,\"15,000\"\nMNT-02,Фильтр,ТО,400,24,\"30,000\"\n",
    );
    let ing = load(dir.path());
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(
        texts(&visits, "odometer_km"),
        somes(&["58403", "101250", "950"])
    );
    let prices = ing.model.price_list.clone().collect().unwrap();
    assert_eq!(texts(&prices, "interval_km"), somes(&["15000", "30000"]));
    assert_eq!(ing.rejects.height(), 0);
    let said = warnings_of(&ing, "visits");
    assert!(
        said.iter()
            .any(|w| w.contains("2 of its cells (such as «58,403») are read as whole thousands")),
        "{said:?}"
    );
}

#[test]
fn regression_dashes_and_sql_nulls_are_empty_in_every_kind_of_column() {
    // A VIN of `-` made every car without one the same vehicle, an agent `-` an agent, a
    // consent of `—` rejected its client and SQL's `NULL` dates rejected their visits.
    // Each is now an empty cell; an id so emptied follows the rule of a required value,
    // and a required brand or description keeps its dash (rejecting the visit or line
    // would lose it for a cell that says nothing).
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "visit_id;opened_at;client_id;brand;vin;agent_id;closed_at;channel\n\
         V1;01.03.2026 10:00;C1;Lada;-;-;NULL;—\n\
         V2;02.03.2026 10:00;C2;-;null;NULL;-;NULL\n\
         -;03.03.2026 10:00;C1;Lada;;;;\n",
        "client_id;name;consent;phone\nC1;Иванов;—;NULL\nC2;Петров;да;-\n",
        "visit_id;description;amount;qty\nV1;-;5000;NULL\nV2;ТО;NULL;–\n",
    );
    let ing = load(dir.path());
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(texts(&visits, "visit_id"), somes(&["V1", "V2"]));
    assert_eq!(texts(&visits, "vin"), [None, None]);
    assert_eq!(texts(&visits, "agent_id"), [None, None]);
    assert_eq!(texts(&visits, "closed_at"), [None, None]);
    assert_eq!(texts(&visits, "brand"), somes(&["Lada", "-"]));
    let clients = ing.model.clients.clone().collect().unwrap();
    assert_eq!(texts(&clients, "consent"), somes(&["false", "true"]));
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(texts(&lines, "description"), somes(&["-"]));
    assert_eq!(texts(&lines, "qty"), somes(&["1.0"]));
    // The visit numbered `-` and the line whose amount is NULL: rejected as empty.
    let rejects = &ing.rejects;
    let reasons: Vec<String> = texts(rejects, "reason").into_iter().flatten().collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons
            .iter()
            .all(|r| r.starts_with("required value is empty")),
        "{reasons:?}"
    );
}

#[test]
fn regression_1c_empty_dates_and_lone_dashes_are_empty_cells() {
    let dir = tempfile::tempdir().unwrap();
    // 1C writes a date nobody entered as 01.01.0001: read as a date, the client was greeted
    // every January and the repair order closed two thousand years before it opened. A
    // lone dash is how exports (and Excel's accounting format) write no value: no date, no
    // reading, and for money a zero.
    put_tables(
        dir.path(),
        "visit_id;opened_at;client_id;brand;closed_at;odometer_km\nV1;01.03.2026 10:00;C1;Lada;01.01.0001 0:00:00; - \nV2;01.01.0001 0:00:00;C1;Lada;;\n",
        "client_id;name;birthday\nC1;Иванов;01.01.0001\nC2;Петров;—\n",
        "visit_id;description;amount;discount\nV1;ТО;5000;-\nV1;Осмотр;-;\n",
    );
    let ing = load(dir.path());
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(texts(&visits, "closed_at"), [None]);
    assert_eq!(texts(&visits, "odometer_km"), [None]);
    let clients = ing.model.clients.clone().collect().unwrap();
    assert_eq!(texts(&clients, "birthday"), [None, None]);
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(texts(&lines, "amount"), somes(&["500000", "0"]));
    assert_eq!(texts(&lines, "discount"), somes(&["0", "0"]));
    // A required date left empty so is rejected as empty, not as a date of year 1.
    let reasons: Vec<Option<String>> = texts(&ing.rejects, "reason");
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0]
            .as_deref()
            .unwrap()
            .starts_with("required value is empty («opened_at»"),
        "{reasons:?}"
    );
}

/// What `stoa check --lang en` prints on its standard output for the data folder `dir`.
fn said(dir: &Path) -> String {
    String::from_utf8_lossy(&check_en(dir).stdout).into_owned()
}

#[test]
fn service_codes_typed_another_way_take_the_price_lists_code_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    // No category column: each line's comes from the price list, by its code. `то-1` is
    // typed in Cyrillic and lower case; `PART-9` is not a service of the price list.
    put_tables(
        dir.path(),
        "visit_id;opened_at;client_id;brand\nV1;01.03.2026;C1;Lada\nV2;02.03.2026;C1;Lada\n",
        "client_id;name\nC1;Иванов\n",
        "visit_id;service_code;description;amount\nV1;то-1;ТО;5000\nV2;TO-1;ТО;5000\nV2;PART-9;Фильтр;700\n",
    );
    put(
        dir.path(),
        "price_list.csv",
        "service_code;description;category;price;interval_months\nTO-1;ТО-1;ТО;5000;12\n",
    );
    let ing = load(dir.path());
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let text = |c: &str| texts(&lines, c);
    assert_eq!(text("service_code"), somes(&["TO-1", "TO-1", "PART-9"]));
    assert_eq!(
        text("category"),
        somes(&["maintenance", "maintenance", "other"])
    );

    let out = check_en(dir.path());
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "1 order_lines row names a service code of the price list written another way"
        ),
        "{said}"
    );
    assert!(said.contains("«то-1» → «TO-1»"), "{said}");
}

/// The typed model the analytics will see, checked through the library on the same file.
#[test]
fn typed_model_has_canonical_values() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("export.xlsx"));
    let ing = load(dir.path());
    let v = ing
        .model
        .visits
        .clone()
        .sort(["visit_id"], Default::default())
        .collect()
        .unwrap();
    let s = |c: &str| texts(&v, c);
    assert_eq!(s("visit_id"), somes(&["V1", "V2", "V4"]));
    assert_eq!(s("client_id"), somes(&["1001", "1002", "1009"]));
    assert_eq!(s("status"), somes(&["done", "cancelled", "done"]));
    assert_eq!(
        s("opened_at"),
        somes(&[
            "2024-03-05 10:00:00.000",
            "2024-03-06 12:30:00.000",
            "2024-03-11 12:00:00.000"
        ])
    );
    assert_eq!(
        s("vehicle"),
        somes(&["А123ВС77", "1002|TOYOTA", "1009|ВАЗ"])
    );
    assert_eq!(s("domestic"), somes(&["true", "false", "true"]));
    assert_eq!(s("odometer_km"), [Some("45000".into()), None, None]);
    let l = ing
        .model
        .order_lines
        .clone()
        .sort(["amount"], Default::default())
        .collect()
        .unwrap();
    assert_eq!(
        i64s(&l, "amount"),
        [Some(1250), Some(30000), Some(123_450), Some(150_000)]
    ); // kopecks
    assert_eq!(
        bools(&l, "declined"),
        [Some(false), Some(true), Some(false), Some(false)]
    );
    assert_eq!(
        strs(&l, "kind"),
        somes(&["labor", "labor", "part", "labor"])
    );
    let c = ing
        .model
        .clients
        .clone()
        .sort(["client_id"], Default::default())
        .collect()
        .unwrap();
    assert_eq!(bools(&c, "consent"), [Some(true), Some(false), Some(true)]);
    let bday = c
        .column("birthday")
        .unwrap()
        .cast(&DataType::String)
        .unwrap();
    assert_eq!(bday.str().unwrap().get(0), Some("1980-05-31"));
}

/// Write each `(name, text)` into `dir` in Windows-1251, as a Russian Excel saves a CSV.
fn put_1251(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(text);
        assert!(!bad);
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

#[test]
fn regression_stray_quotes_and_lone_cr_line_ends_read_every_row() {
    // Before: an inch mark in a Windows-1251 order line (or a field starting with a quoted
    // word) stopped the run with "the CSV body cannot be parsed"; a file saved as Excel for
    // Mac's "CSV (Macintosh)", `\r` alone between lines, read no row at all.
    let dir = tempfile::tempdir().unwrap();
    let visits = "Номер;Дата;Клиент;Марка\rA-1;01.02.2024;K1;УАЗ\rA-2;02.02.2024;K2;Renault\r\rA-3;03.02.2024;K1;УАЗ\r";
    let lines = "Заказ-наряд;Наименование;Сумма\r\nA-1;Диск литой 16\" 5x114,3;\"12 500,00\"\r\nA-2;\"Лукойл\" масло 4л;3 000\r\nA-3;Щётка 22\";500\r\n";
    let clients = "Код клиента;ФИО\rK1;Сидоров\rK2;Орлова";
    put_1251(
        dir.path(),
        &[
            ("visits.csv", visits),
            ("order_lines.csv", lines),
            ("clients.csv", clients),
        ],
    );
    let (inputs, _) = check_json(dir.path());
    let read = |i: usize| {
        (
            inputs[i]["rows_read"].clone(),
            inputs[i]["rows_rejected"].clone(),
        )
    };
    assert_eq!(read(0), (3.into(), 0.into()));
    assert_eq!(read(1), (3.into(), 0.into()));
    assert_eq!(read(2), (2.into(), 0.into()));
    assert_eq!(inputs[1]["money_read"], 16000.0);
    let ing = load(dir.path());
    let l = ing.model.order_lines.collect().unwrap();
    assert_eq!(
        texts(&l, "description"),
        somes(&["Диск литой 16\" 5x114,3", "Лукойл масло 4л", "Щётка 22\""])
    );
}

#[test]
fn windows_1251_semicolon_csv_with_russian_dates_and_booleans() {
    let dir = tempfile::tempdir().unwrap();
    // Dates as 1C writes them, as Excel's long date in a Russian locale writes them, and
    // as a serial with a decimal comma (a date cell saved to CSV by a Russian Excel).
    let visits = "Выгрузка из 1С\r\nНомер;Дата;Клиент;Марка\r\nA-1;01.02.2024;K1;УАЗ\r\nA-2;02.02.2024 09:15;K2;Renault\r\n\r\nA-3;03.02.2024;K1;УАЗ\r\nA-4;4 февраля 2024 г.;K2;Renault\r\nA-5;45327,5;K2;Renault\r\n";
    let lines = "Заказ-наряд;Наименование;Сумма;Гарантия;Отказ\r\nA-1;Ремонт подвески;\"12 500,00\";нет;нет\r\nA-1;Замена колодок;\"3 000\";да;нет\r\nA-3;Мойка;;нет;да\r\n";
    let clients = "Код клиента;ФИО;Согласие на рассылку\r\nK1;Сидоров;да\r\nK2;Орлова;нет\r\n";
    put_1251(
        dir.path(),
        &[
            ("visits.csv", visits),
            ("order_lines.csv", lines),
            ("clients.csv", clients),
        ],
    );
    let (inputs, rejects) = check_json(dir.path());
    assert_eq!(inputs[0]["table"], "visits");
    assert_eq!(inputs[0]["rows_read"], 5);
    assert_eq!(inputs[0]["rows_rejected"], 0);
    // The line with an empty amount is rejected: amount is required. It is CSV line 4.
    assert_eq!(inputs[1]["rows_read"], 3);
    assert_eq!(inputs[1]["rows_rejected"], 1);
    assert_eq!(inputs[1]["money_read"], 15500.0);
    let r = read_rejects(&rejects);
    assert_eq!(r.len(), 1);
    assert_eq!(
        (
            r[0][0].as_str(),
            r[0][2].as_str(),
            r[0][3].as_str(),
            r[0][4].as_str()
        ),
        ("order_lines", "", "4", "Сумма")
    );
    assert!(r[0][6].starts_with("required value is empty"));

    let ing = load(dir.path());
    let v = ing.model.visits.collect().unwrap();
    let opened: Vec<String> = v
        .column("opened_at")
        .unwrap()
        .datetime()
        .unwrap()
        .as_datetime_iter()
        .map(|d| d.unwrap().format("%Y-%m-%d %H:%M").to_string())
        .collect();
    // Serial 45 327 is 2024-02-05 (45 292 is 2024-01-01); ,5 is noon.
    assert_eq!(
        opened,
        [
            "2024-02-01 00:00",
            "2024-02-02 09:15",
            "2024-02-03 00:00",
            "2024-02-04 00:00",
            "2024-02-05 12:00"
        ]
    );
    let l = ing.model.order_lines.collect().unwrap();
    assert_eq!(bools(&l, "warranty"), [Some(false), Some(true)]);
}

/// A paged export repeats its header on every page; such a row is skipped and counted in
/// a warning (session 26; before, it was read and rejected as a repeated header). Dates
/// with the year's mark `г.` and accounting negatives `(…)` are read.
#[test]
fn regression_a_repeated_header_is_skipped_and_marked_dates_and_parenthesised_money_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let visits = "Номер заказ-наряда;Дата приёма;Код клиента;Марка\nA-1;01.02.2024 г.;K1;УАЗ\nA-2;02.02.2024 г. 09:15;K2;Kia\n";
    let lines = "Номер заказ-наряда;Наименование;Тип;Сумма;Скидка\nA-1;Ремонт;работа;1 000,00;(100,00)\nНомер заказ-наряда;Наименование;Тип;Сумма;Скидка\nA-2;Возврат;запчасть;(250,50);0\n";
    let clients = "Код клиента;ФИО\nK1;Сидоров\nK2;Орлова\n";
    put_tables(dir.path(), visits, clients, lines);
    let (inputs, rejects) = check_json(dir.path());
    assert_eq!(inputs[0]["rows_rejected"], 0, "{inputs}");
    assert_eq!(inputs[1]["rows_read"], 2);
    assert_eq!(inputs[1]["rows_rejected"], 0);
    // 1 000,00 and the refund (250,50), read as −250.50.
    assert_eq!(inputs[1]["money_accepted"], 749.5);
    assert!(read_rejects(&rejects).is_empty());
    let ing = load(dir.path());
    let l = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(i64s(&l, "discount"), [Some(-10_000), Some(0)]);
    let warned = warnings_of(&ing, "order_lines");
    assert!(
        warned
            .iter()
            .any(|w| w.starts_with("1 row of ") && w.contains("repeats the header (at row 3)")),
        "{warned:?}"
    );
}

/// Regression: a CSV body is parsed in chunks, and the text columns that validation passed
/// through kept them into the model (85 per column for the chain's order lines), which
/// every join and group-by of the report then gathered across.
#[test]
fn csv_tables_reach_the_model_in_one_chunk_per_column() {
    let dir = tempfile::tempdir().unwrap();
    let mut visits = String::from("Номер;Дата;Клиент;Марка\n");
    let mut lines = String::from("Заказ-наряд;Наименование;Сумма;Исполнитель\n");
    let mut clients = String::from("Код клиента;ФИО\n");
    for i in 0..400 {
        visits.push_str(&format!("V-{i};0{}.02.2024;K{};Lada\n", 1 + i % 9, i % 50));
        for k in 0..3 {
            lines.push_str(&format!(
                "V-{i};Работа {k};\"1 {k}00,50\";Механик {}\n",
                i % 7
            ));
        }
    }
    for k in 0..50 {
        clients.push_str(&format!("K{k};Клиент {k}\n"));
    }
    put_tables(dir.path(), &visits, &clients, &lines);
    let ing = load(dir.path());
    for (table, frame) in [
        ("visits", &ing.model.visits),
        ("order_lines", &ing.model.order_lines),
        ("clients", &ing.model.clients),
    ] {
        let df = frame.clone().collect().unwrap();
        assert!(df.height() > 0, "{table}");
        for c in df.columns() {
            assert_eq!(c.n_chunks(), 1, "{table}.{}", c.name());
        }
    }
}

#[test]
fn parquet_tables_with_typed_columns() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, mut df: DataFrame| {
        let f = std::fs::File::create(dir.path().join(name)).unwrap();
        ParquetWriter::new(f).finish(&mut df).unwrap();
    };
    let dates = ["2024-01-10", "2024-01-11", "2024-01-12"]
        .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    write("visits.parquet", df!("visit_id" => ["1", "2", "2"], "opened_at" => dates, "client_id" => ["c", "c", "d"], "brand" => ["Lada", "Lada", "BMW"]).unwrap());
    write("order_lines.parquet", df!("visit_id" => ["1", "2", "3"], "description" => ["a", "b", "c"], "amount" => [100.25, 200.0, 5.0], "qty" => [1.0, 2.0, 1.0]).unwrap());
    write(
        "clients.parquet",
        df!("client_id" => ["c", "d"], "consent" => [true, false]).unwrap(),
    );
    let inputs = check_inputs(dir.path());
    let (_, accepted, rejected) = row_counts(&inputs[0]);
    assert_eq!((accepted, rejected), (2, 1));
    // Line 3 belongs to no visit: 5.00 rejected of 305.25 read.
    assert_eq!(inputs[1]["money_read"], 305.25);
    assert_eq!(inputs[1]["money_rejected"], 5.0);
}

#[test]
fn missing_required_table_is_exit_1_and_says_what_to_add() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id,opened_at,client_id,brand\n1,2024-01-01,c,Lada\n",
    );
    let out = check_en(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the required table `order_lines` was not found"),
        "{err}"
    );
}

#[test]
fn regression_a_data_folder_that_does_not_exist_is_exit_2_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = check_en(&dir.path().join("no-such-folder"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("does not exist: pass the folder of the exports with --data"),
        "{err}"
    );
    // The OS's words were printed twice: once in the message, once as its cause.
    assert!(!err.contains("os error"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn regression_an_empty_file_or_a_damaged_workbook_says_to_export_it_again() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("export.xlsx"));
    put(dir.path(), "feedback.csv", "");
    let out = check_en(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("feedback.csv: the file is empty (0 bytes)"),
        "{err}"
    );

    std::fs::remove_file(dir.path().join("feedback.csv")).unwrap();
    std::fs::write(dir.path().join("agents.xlsx"), b"PK\x03\x04 cut short").unwrap();
    let out = check_en(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("agents.xlsx: not a readable workbook"),
        "{err}"
    );
    assert!(err.contains("export the table again"), "{err}");
}

#[test]
fn missing_required_column_names_file_and_found_columns() {
    let dir = tempfile::tempdir().unwrap();
    put_tables(
        dir.path(),
        "Номер;Дата;Марка\n1;01.01.2024;Lada\n",
        "client_id\n",
        "visit_id,description,amount\n",
    );
    let out = check_en(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("visits.csv has no column «Client» (required in `visits`; in a Russian export «Код клиента»)"),
        "{err}"
    );
    assert!(err.contains("\"Номер\", \"Дата\", \"Марка\""), "{err}");
}

#[test]
fn a_table_found_twice_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("export.xlsx"));
    put(dir.path(), "clients.csv", "client_id\n1\n");
    let out = check_en(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`clients` was found twice"), "{err}");
    assert!(
        err.contains("clients.csv") && err.contains("sheet \"Клиенты\""),
        "{err}"
    );
}

#[test]
fn usage_and_config_errors_are_exit_2() {
    let out = stoa().args(["check", "--no-such-flag"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("export.xlsx"));
    put(dir.path(), "stoa.toml", "[loyalty]\nmin_visit = 4\n");
    let out = check_en(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("min_visit"), "{err}");
    // Where and what, on one line, without the parser's caret drawing run together.
    assert!(
        err.contains(
            "stoa.toml is not valid at line 2, column 1: unknown key `min_visit` (did you mean `min_visits`?); the keys here are `window_days`, `min_visits`"
        ),
        "{err}"
    );
    assert!(!err.contains(" | "), "{err}");

    // Errors speak the report's language: Russian unless told otherwise.
    let missing_config = |lang: &[&str]| {
        let out = stoa()
            .args(["check", "--data"])
            .arg(dir.path())
            .args(["--config", "no-such.toml"])
            .args(lang)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = missing_config(&["--lang", "en"]);
    assert!(
        err.contains("error: the configuration file no-such.toml does not exist: correct --config"),
        "{err}"
    );
    let err = missing_config(&[]);
    assert!(
        err.contains("ошибка: файла настроек no-such.toml нет: исправьте --config"),
        "{err}"
    );
}

#[test]
fn config_synonyms_and_named_files() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "export_visits.csv",
        "Док,Принят,Клиент,Марка\n1,01.01.2024,c,Lada\n",
    );
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id,description,amount\n1,x,10\n",
    );
    put(dir.path(), "clients.csv", "client_id\nc\n");
    // One synonym as a list, one as a plain string: both are read.
    let toml = "[files]\nvisits = \"export_visits.csv\"\n[columns.visits]\nvisit_id = [\"Док\"]\nopened_at = \"Принят\"\n";
    put(dir.path(), "stoa.toml", toml);
    let inputs = check_inputs(dir.path());
    assert_eq!(inputs[0]["rows_accepted"], 1);
    assert_eq!(inputs[1]["rows_accepted"], 1);
}

/// An OpenDocument spreadsheet built by hand (a zip with content.xml): calamine reads it,
/// with a title row, a date cell and text money, like the xlsx path.
#[test]
fn ods_workbook_is_read_like_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let cell = |v: &str| {
        format!("<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>")
    };
    let date = |d: &str| {
        format!("<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>")
    };
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let sheet = |name: &str, rows: Vec<String>| {
        format!(
            "<table:table table:name=\"{name}\">{}</table:table>",
            rows.concat()
        )
    };
    let body = [
        sheet(
            "Визиты",
            vec![
                row(vec![cell("Выгрузка")]),
                row(vec![
                    cell("Номер"),
                    cell("Дата приёма"),
                    cell("Клиент"),
                    cell("Марка"),
                ]),
                row(vec![
                    cell("1"),
                    date("2024-03-05T10:30:00"),
                    cell("K1"),
                    cell("Лада"),
                ]),
                row(vec![
                    cell("2"),
                    cell("06.03.2024"),
                    cell("K1"),
                    cell("Лада"),
                ]),
            ],
        ),
        sheet(
            "Работы",
            vec![
                row(vec![
                    cell("Заказ-наряд"),
                    cell("Наименование"),
                    cell("Сумма"),
                ]),
                row(vec![cell("1"), cell("ТО"), cell("2 500,00 ₽")]),
                row(vec![cell("2"), cell("Мойка"), cell("оплачено")]),
            ],
        ),
        sheet(
            "Клиенты",
            vec![row(vec![cell("Код клиента")]), row(vec![cell("K1")])],
        ),
    ]
    .concat();
    common::put_ods(&dir.path().join("export.ods"), &body);

    let (inputs, rejects) = check_json(dir.path());
    let (read, _, rejected) = row_counts(&inputs[0]);
    assert_eq!((read, rejected), (2, 0));
    let (read, _, rejected) = row_counts(&inputs[1]);
    assert_eq!((read, rejected), (2, 1));
    assert_eq!(inputs[1]["money_read"], 2500.0);
    let r = read_rejects(&rejects);
    assert_eq!(
        (r[0][2].as_str(), r[0][3].as_str(), r[0][5].as_str()),
        ("Работы", "3", "оплачено")
    );
    let ing = load(dir.path());
    let v = ing.model.visits.collect().unwrap();
    let opened = v
        .column("opened_at")
        .unwrap()
        .cast(&DataType::String)
        .unwrap();
    assert_eq!(
        opened.str().unwrap().get(0),
        Some("2024-03-05 10:30:00.000")
    );
}

/// Excel's "Unicode text" export: UTF-16LE with a BOM, tab-delimited.
#[test]
fn utf16_tab_delimited_export() {
    let dir = tempfile::tempdir().unwrap();
    let utf16 = |s: &str| -> Vec<u8> {
        let mut b = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        b
    };
    std::fs::write(
        dir.path().join("visits.txt"),
        utf16("Номер\tДата\tКлиент\tМарка\r\n1\t05.03.2024\tK1\tГАЗ\r\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("order_lines.txt"),
        utf16("Заказ-наряд\tНаименование\tСумма\r\n1\tТО\t1 000,50\r\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("clients.txt"),
        utf16("Код клиента\tФИО\r\nK1\tИванов\r\n"),
    )
    .unwrap();
    let inputs = check_inputs(dir.path());
    assert_eq!(inputs[1]["money_read"], 1000.5);
    assert!(inputs
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["rows_rejected"] == 0 && i["rows_read"] == 1));
}

#[test]
fn regression_check_gives_the_reports_verdict_on_a_table_with_no_row_left() {
    // A visits export of its header alone, and one whose every date is unreadable: `stoa
    // check` printed its accounting and exited 0, and `stoa report` then refused the data
    // with 1. Check now ends as the report would, after the accounting.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("a")).unwrap();
    std::fs::create_dir(tmp.path().join("b")).unwrap();
    let header_only = small_data(
        &tmp.path().join("a"),
        "visit_id;opened_at;client_id;brand\n",
        "1;ТО;1000\n",
    );
    stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(&header_only)
        .assert()
        .code(1)
        .stdout(predicates::str::contains("visits"))
        .stderr(predicates::str::contains("has no row under its header"));
    let all_bad = small_data(
        &tmp.path().join("b"),
        "visit_id;opened_at;client_id;brand\n1;вчера;C1;Lada\n2;сегодня;C2;Kia\n",
        "1;ТО;1000\n",
    );
    let rejects = tmp.path().join("r.csv");
    stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(&all_bad)
        .arg("--rejects")
        .arg(&rejects)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("every one of the 2 rows"));
    // The rejects are written all the same, to find what to correct.
    assert_eq!(read_rejects(&rejects).len(), 3);
}
