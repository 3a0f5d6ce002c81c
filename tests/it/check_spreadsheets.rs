//! What spreadsheets and exports put into cells besides plain values: the error a failed
//! formula leaves (`#N/A`, Russian Excel's `#Н/Д`), a percentage cell's fraction (`10%`
//! stored as 0.1), and yes/no written as a form's words (`согласен`, `Отказ`, `✓`).
//! Workbooks are written with rust_xlsxwriter as Excel writes them; tests read what ingest
//! made of them.

use std::path::Path;

use crate::common;
use common::{put, put_ods, texts, warnings_of};

use polars::prelude::*;
use rust_xlsxwriter::{Format, Formula, Workbook};
use stoa::config::Config;
use stoa::ingest::{load, reasons, Ingested};

/// The (column, value, reason) of each rejected row of `table`, in row order.
fn rejected(ing: &Ingested, table: &str) -> Vec<(String, String, String)> {
    let r = ing
        .rejects
        .clone()
        .lazy()
        .filter(col("table").eq(lit(table)))
        .collect()
        .unwrap();
    let (c, v, why) = (texts(&r, "column"), texts(&r, "value"), texts(&r, "reason"));
    (0..r.height())
        .map(|i| {
            let s = |x: &Vec<Option<String>>| x[i].clone().unwrap_or_default();
            (s(&c), s(&v), s(&why))
        })
        .collect()
}

/// Clients C1 and C2, and one order line for each of the visits V1–V4.
fn put_clients_and_lines(dir: &Path) {
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\nC2;Петров\n");
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\nV2;ТО;2000\nV3;ТО;3000\nV4;ТО;4000\n",
    );
}

/// One visit (V1) of client C1 with one order line: the least data a load accepts, for
/// tests of the other tables (a test may write its own clients over these).
fn put_one_visit(dir: &Path) {
    put(
        dir,
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C1;Lada\n",
    );
    put(dir, "clients.csv", "client_id;name\nC1;Иванов\n");
    put(
        dir,
        "order_lines.csv",
        "visit_id;description;amount\nV1;ТО;1000\n",
    );
}

#[test]
fn regression_a_formulas_error_in_a_workbook_rejects_its_row_and_says_so() {
    // A client looked up by VLOOKUP that failed: taken as text, every such visit belonged
    // to one client named `#N/A`, who then looked like the station's most regular client.
    // An odometer of `#DIV/0!` was rejected as "not a whole number", which sent the user
    // looking for a typo.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let when = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 5).unwrap();
    ws.write_row(
        0,
        0,
        ["Номер", "Дата приёма", "Код клиента", "Марка", "Пробег"],
    )
    .unwrap();
    for (r, id) in ["V1", "V2", "V3", "V4"].into_iter().enumerate() {
        let r = r as u32 + 1;
        ws.write(r, 0, id).unwrap();
        ws.write_with_format(r, 1, &when, &date).unwrap();
        ws.write(r, 3, "Lada").unwrap();
    }
    ws.write(1, 2, "C1").unwrap();
    ws.write(1, 4, 10_000).unwrap();
    ws.write_formula(
        2,
        2,
        Formula::new("=VLOOKUP(A3,Z:Z,1,0)").set_result("#N/A"),
    )
    .unwrap();
    ws.write(3, 2, "C2").unwrap();
    ws.write_formula(3, 4, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    // A text that merely starts as an error does is a value.
    ws.write(4, 2, "#1").unwrap();
    wb.save(dir.path().join("visits.xlsx")).unwrap();
    put_clients_and_lines(dir.path());

    let ing = load(dir.path(), &Config::default()).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    assert_eq!(
        texts(&visits, "visit_id"),
        [Some("V1".into()), Some("V4".into())]
    );
    let why = reasons::SPREADSHEET_ERROR.to_string();
    assert_eq!(
        rejected(&ing, "visits"),
        [
            ("Код клиента".into(), "#N/A".into(), why.clone()),
            ("Пробег".into(), "#DIV/0!".into(), why),
        ]
    );
    // Their lines go with them, as the lines of any rejected visit.
    assert_eq!(rejected(&ing, "order_lines").len(), 2);
}

#[test]
fn regression_a_russian_excels_error_in_a_csv_rejects_its_row() {
    // Russian Excel saves a failed formula to CSV as `#Н/Д`, `#ССЫЛКА!`, …; LibreOffice as
    // `Err:502`. In a text column (the client) and in a number column alike.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand;model;odometer_km\n\
         V1;05.03.2026;C1;Lada;Vesta;1000\n\
         V2;05.03.2026;#Н/Д;Lada;Vesta;2000\n\
         V3;05.03.2026;C2;Lada;#ССЫЛКА!;3000\n\
         V4;05.03.2026;C2;Lada;Vesta;Err:502\n",
    );
    put_clients_and_lines(dir.path());
    let ing = load(dir.path(), &Config::default()).unwrap();
    let why = reasons::SPREADSHEET_ERROR.to_string();
    assert_eq!(
        rejected(&ing, "visits"),
        [
            ("client_id".into(), "#Н/Д".into(), why.clone()),
            ("model".into(), "#ССЫЛКА!".into(), why.clone()),
            ("odometer_km".into(), "Err:502".into(), why),
        ]
    );
    let inputs = ing.inputs.iter().find(|i| i.table == "visits").unwrap();
    assert_eq!((inputs.rows_read, inputs.rows_accepted), (4, 1));
}

/// Agents with commissions written by `write` into the commission column of a workbook.
fn agents_workbook(dir: &Path, write: impl Fn(&mut rust_xlsxwriter::Worksheet)) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_row(0, 0, ["Код агента", "Наименование", "Комиссия, %"])
        .unwrap();
    ws.write_row(1, 0, ["A1", "Парковка"]).unwrap();
    ws.write_row(2, 0, ["A2", "Такси"]).unwrap();
    write(ws);
    wb.save(dir.join("agents.xlsx")).unwrap();
}

/// The agents' commissions as ingest read them, and its warnings about the agents.
fn commissions(dir: &Path) -> (Vec<Option<String>>, Vec<String>) {
    put_one_visit(dir);
    let ing = load(dir, &Config::default()).unwrap();
    let agents = ing.model.agents.clone().collect().unwrap();
    let warned = ing
        .warnings
        .iter()
        .filter(|w| w.table == "agents")
        .map(|w| format!("{}: {}", w.rows, w.message))
        .collect();
    (texts(&agents, "commission_pct"), warned)
}

#[test]
fn regression_percent_cells_of_a_workbook_are_read_as_percentages() {
    // `10%` typed into Excel is the number 0.1 shown as a percentage: read as 0.1 %, the
    // commission owed to every agent was a hundred times too small. Since session 28 an
    // xlsx's cells formatted as percentages are read as Excel shows them, with no warning.
    let dir = tempfile::tempdir().unwrap();
    let pct = Format::new().set_num_format("0%");
    agents_workbook(dir.path(), |ws| {
        ws.write_with_format(1, 2, 0.1, &pct).unwrap();
        ws.write_with_format(2, 2, 0.07, &pct).unwrap();
    });
    let (got, warned) = commissions(dir.path());
    assert_eq!(got, [Some("10.0".into()), Some("7.0".into())]);
    assert_eq!(warned, Vec::<String>::new());
    // Unformatted, every commission a fraction below 1 is read so, with a warning.
    let dir = tempfile::tempdir().unwrap();
    agents_workbook(dir.path(), |ws| {
        ws.write(1, 2, 0.1).unwrap();
        ws.write(2, 2, 0.07).unwrap();
    });
    let (got, warned) = commissions(dir.path());
    assert_eq!(got, [Some("10.0".into()), Some("7.0".into())]);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].starts_with("2: 2 agents have a commission_pct"));
}

#[test]
fn regression_an_agent_paid_100_percent_leaves_the_others_fractions_read_as_percentages() {
    // Before, one agent at 100 % (stored as 1) broke "every value below 1": the other's
    // 10 % (0,1) was read as 0,1 %, without a word, formatted as `0%` or not.
    for format in [Some("0%"), Some("0.00 %"), None] {
        let dir = tempfile::tempdir().unwrap();
        agents_workbook(dir.path(), |ws| match format {
            Some(f) => {
                let pct = Format::new().set_num_format(f);
                ws.write_with_format(1, 2, 0.1, &pct).unwrap();
                ws.write_with_format(2, 2, 1.0, &pct).unwrap();
            }
            None => {
                ws.write(1, 2, 0.1).unwrap();
                ws.write(2, 2, 1.0).unwrap();
            }
        });
        let (got, warned) = commissions(dir.path());
        assert_eq!(
            got,
            [Some("10.0".into()), Some("100.0".into())],
            "{format:?}"
        );
        assert_eq!(warned.len(), usize::from(format.is_none()), "{warned:?}");
    }
}

#[test]
fn commissions_in_whole_percent_or_written_as_text_stay_as_written() {
    let dir = tempfile::tempdir().unwrap();
    agents_workbook(dir.path(), |ws| {
        ws.write(1, 2, 10).unwrap();
        ws.write(2, 2, 0.5).unwrap();
    });
    assert_eq!(
        commissions(dir.path()),
        (vec![Some("10.0".into()), Some("0.5".into())], vec![])
    );
    // A commission written as text is what the text says, even when every one is under 1 %.
    let dir = tempfile::tempdir().unwrap();
    agents_workbook(dir.path(), |ws| {
        ws.write(1, 2, 0.5).unwrap();
        ws.write(2, 2, "0,5 %").unwrap();
    });
    assert_eq!(
        commissions(dir.path()),
        (vec![Some("0.5".into()), Some("0.5".into())], vec![])
    );
    // So is a CSV's.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "agents.csv",
        "agent_id;name;commission_pct\nA1;Парковка;0,1\n",
    );
    assert_eq!(commissions(dir.path()), (vec![Some("0.1".into())], vec![]));
}

#[test]
fn regression_consent_written_as_a_form_words_it_and_declined_work_as_a_refusal() {
    // `согласен` / `не согласна` and check marks rejected every client of such an export;
    // `Отказ` in the declined column rejected every declined line.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "clients.csv",
        "Код клиента;ФИО;Согласие на рассылку\nC1;Иванов;Согласен\nC2;Петрова;не согласна\nC3;Сидоров;✓\nC4;Орлов;\n",
    );
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;05.03.2026;C1;Lada\n",
    );
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount;Отказ\nV1;ТО;1000;\nV1;Замена колодок;3000;Отказ\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(ing.rejects.height(), 0, "{:?}", ing.rejects);
    let clients = ing.model.clients.clone().collect().unwrap();
    let yes = |s: &str| Some(s.to_string());
    assert_eq!(
        texts(&clients, "consent"),
        [yes("true"), yes("false"), yes("true"), yes("false")]
    );
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(texts(&lines, "declined"), [yes("false"), yes("true")]);
}

#[test]
fn categories_and_channels_in_the_stations_own_words_are_read_and_named() {
    // An accounting system's `Шиномонтажные работы` or `Запись по телефону` counted as
    // `other`, so the demand study showed a station's work under «Прочее».
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand;Способ обслуживания\n\
         V1;05.03.2026;C1;Lada;Запись по телефону\n\
         V2;05.03.2026;C1;Lada;Звонок\n\
         V3;05.03.2026;C1;Lada;звонок \n",
    );
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount;category\nV1;Шиномонтаж R15;1000;Шиномонтажные работы\nV2;Развал;2000;Развал-схождение\nV3;ТО;3000;ТО\n",
    );
    put(
        dir.path(),
        "stoa.toml",
        "[values.category]\n\"развал-схождение\" = \"repair\"\n",
    );
    let config = Config::load(None, dir.path()).unwrap();
    let ing = load(dir.path(), &config).unwrap();
    let visits = ing.model.visits.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        texts(&visits, "channel"),
        [s("booking"), s("other"), s("other")]
    );
    let lines = ing.model.order_lines.clone().collect().unwrap();
    assert_eq!(
        texts(&lines, "category"),
        [s("tires"), s("repair"), s("maintenance")]
    );
    let warned: Vec<(String, u64, String)> = ing
        .warnings
        .iter()
        .filter(|w| w.message.contains("not among stoa's words"))
        .map(|w| (w.table.clone(), w.rows, w.message.clone()))
        .collect();
    assert_eq!(warned.len(), 2, "{warned:?}");
    // Most rows first; `звонок ` is `Звонок` written another way.
    assert_eq!((warned[0].0.as_str(), warned[0].1), ("visits", 3));
    assert!(
        warned[0]
            .2
            .contains("«Звонок» → other (2), «Запись по телефону» → booking (1)"),
        "{}",
        warned[0].2
    );
    assert!(warned[0].2.contains("[values.channel]"), "{}", warned[0].2);
    // The station's own word is not among them.
    assert_eq!((warned[1].0.as_str(), warned[1].1), ("order_lines", 1));
    assert!(
        warned[1].2.contains("«Шиномонтажные работы» → tires (1);"),
        "{}",
        warned[1].2
    );
    // The Russian report words them (its wording of a warning once panicked on text that
    // ends in Cyrillic).
    let out = tempfile::tempdir().unwrap();
    let run = common::stoa()
        .args(["report", "--month", "2026-03", "--data"])
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let page = std::fs::read_to_string(out.path().join("2026-03/report.html")).unwrap();
    assert!(
        page.contains("нет среди слов stoa: «Шиномонтажные работы» → tires (1)"),
        "the page words the warning in Russian"
    );
}

#[test]
fn regression_scores_written_as_a_form_writes_them_are_numbers() {
    // `5 из 5`, `4/5`, `3 балла`, stars and words rejected every feedback row so written.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n1;05.03.2026;C1;Lada\n2;05.03.2026;C1;Lada\n3;05.03.2026;C1;Lada\n4;05.03.2026;C1;Lada\n5;05.03.2026;C1;Lada\n6;05.03.2026;C1;Lada\n",
    );
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;description;amount\n1;ТО;1000\n",
    );
    put(
        dir.path(),
        "feedback.csv",
        "Номер заказ-наряда;Оценка\n1;5 из 5\n2;4/5\n3;3 балла\n4;★★☆☆☆\n5;Отлично!\n6;так себе\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let feedback = ing.model.feedback.clone().collect().unwrap();
    let n = |v: &str| Some(v.to_string());
    assert_eq!(
        texts(&feedback, "score"),
        [n("5.0"), n("4.0"), n("3.0"), n("2.0"), n("5.0")]
    );
    // What is none of them is still unreadable, and shown as written.
    assert_eq!(
        rejected(&ing, "feedback"),
        [("Оценка".into(), "так себе".into(), "not a number".into())]
    );
}

#[test]
fn a_yes_no_column_ticked_with_crosses_reads_them_as_yes_and_a_mixed_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    put_one_visit(dir.path());
    put(
        dir.path(),
        "clients.csv",
        "client_id;name;Согласие на рассылку\nC1;Иванов;х\nC2;Петров;\nC3;Сидоров;X\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        texts(&clients, "consent"),
        [s("true"), s("false"), s("true")]
    );
    // Beside other words a cross may mean either: it stays unreadable.
    put(
        dir.path(),
        "clients.csv",
        "client_id;name;Согласие на рассылку\nC1;Иванов;x\nC2;Петров;да\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(rejected(&ing, "clients").len(), 1);
}

#[test]
fn regression_a_table_on_several_sheets_of_its_workbook_is_read_from_all_of_them() {
    // `clients.xlsx` with the persons on one sheet and the companies on another, behind a
    // cover sheet. Until session 18 the first sheet was read and the others' clients were
    // lost without a word; in session 18 it was an error asking for one sheet.
    let dir = tempfile::tempdir().unwrap();
    put_one_visit(dir.path());
    std::fs::remove_file(dir.path().join("clients.csv")).unwrap();
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("Справка")
        .unwrap()
        .write(0, 0, "Выгружено 05.03.2026")
        .unwrap();
    let persons = wb.add_worksheet().set_name("Физлица").unwrap();
    persons.write_row(0, 0, ["Код клиента", "ФИО"]).unwrap();
    persons.write_row(1, 0, ["C1", "Иванов"]).unwrap();
    persons.write_row(2, 0, ["C2", "Петров"]).unwrap();
    // Another order of columns, one column more, read by the first word of its header.
    let companies = wb.add_worksheet().set_name("Юрлица").unwrap();
    companies
        .write_row(0, 0, ["Наименование", "Телефон (моб.)", "Код клиента"])
        .unwrap();
    companies
        .write_row(1, 0, ["ООО «Вектор»", "+7 916 123-45-67", "C3"])
        .unwrap();
    // The same client on both sheets: the second is a duplicate, found where it is.
    companies.write_row(2, 0, ["Иванов ИП", "", "C1"]).unwrap();
    wb.save(dir.path().join("clients.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(texts(&clients, "client_id"), [s("C1"), s("C2"), s("C3")]);
    assert_eq!(
        texts(&clients, "name"),
        [s("Иванов"), s("Петров"), s("ООО «Вектор»")]
    );
    assert_eq!(
        texts(&clients, "phone"),
        [None, None, s("+7 916 123-45-67")]
    );
    let input = ing.inputs.iter().find(|i| i.table == "clients").unwrap();
    assert_eq!(input.sheet.as_deref(), Some("Физлица, Юрлица"));
    assert_eq!(
        (input.rows_read, input.rows_accepted, input.rows_rejected),
        (4, 3, 1)
    );
    let r = ing
        .rejects
        .clone()
        .lazy()
        .filter(col("table").eq(lit("clients")))
        .collect()
        .unwrap();
    let one = |c: &str| texts(&r, c)[0].clone().unwrap_or_default();
    assert_eq!(
        [one("sheet"), one("row"), one("column"), one("value")],
        ["Юрлица", "3", "Код клиента", "C1"]
    );
    assert_eq!(
        one("reason"),
        reasons::fill(
            reasons::DUPLICATE_ON_SHEET,
            &["«Код клиента»", "Физлица", "2"]
        )
    );
    // Reading the sheets together is told, with the line that reads one alone.
    let path = dir.path().join("clients.xlsx").display().to_string();
    assert!(warnings_of(&ing, "clients").contains(
        &reasons::fill(
            reasons::SHEETS_READ,
            &[
                "4",
                "clients",
                &path,
                "«Физлица» (2), «Юрлица» (2)",
                r#"clients = "clients.xlsx#Физлица""#
            ]
        )
        .as_str()
    ));
    // The loose header is told with its sheet.
    assert!(
        ing.warnings
            .iter()
            .any(|w| w.message.contains("«Телефон (моб.)»")
                && w.message.contains(r#"clients.xlsx, sheet "Юрлица""#)),
        "{:?}",
        ing.warnings
    );
    // Naming a sheet reads that one alone.
    put(
        dir.path(),
        "stoa.toml",
        "[files]\nclients = \"clients.xlsx#Юрлица\"\n",
    );
    let config = Config::load(Some(&dir.path().join("stoa.toml")), dir.path()).unwrap();
    let ing = load(dir.path(), &config).unwrap();
    let clients = ing.model.clients.clone().collect().unwrap();
    assert_eq!(texts(&clients, "client_id"), [s("C3"), s("C1")]);
    let input = ing.inputs.iter().find(|i| i.table == "clients").unwrap();
    assert_eq!(input.sheet.as_deref(), Some("Юрлица"));
}

#[test]
fn a_workbook_whose_first_sheet_is_a_cover_is_read_from_the_sheet_holding_the_table() {
    // 1C puts a report's settings on a sheet of their own before the data: the first
    // sheet was read, and the load stopped with "no header row".
    let dir = tempfile::tempdir().unwrap();
    put_one_visit(dir.path());
    std::fs::remove_file(dir.path().join("clients.csv")).unwrap();
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("Параметры")
        .unwrap()
        .write_row(0, 0, ["Период:", "01.01.2026 - 31.03.2026"])
        .unwrap();
    let ws = wb.add_worksheet().set_name("Клиенты 2026").unwrap();
    ws.write_row(0, 0, ["Код клиента", "ФИО"]).unwrap();
    ws.write_row(1, 0, ["C1", "Иванов"]).unwrap();
    wb.save(dir.path().join("clients.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let input = ing.inputs.iter().find(|i| i.table == "clients").unwrap();
    assert_eq!(input.sheet.as_deref(), Some("Клиенты 2026"));
    assert_eq!((input.rows_read, input.rows_accepted), (1, 1));
}

#[test]
fn regression_a_visit_merged_over_its_lines_is_read_on_every_line() {
    // A workbook kept by hand merges a visit's number over the rows of its lines: Excel
    // shows it on each, the file holds it once. Before, every line but the first was
    // rejected for an empty visit. A quantity merged so is not copied.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nЗН-1;05.03.2026;C1;Lada\nЗН-2;06.03.2026;C1;Lada\n",
    );
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let plain = Format::new();
    ws.merge_range(0, 0, 0, 3, "Работы по заказ-нарядам", &plain)
        .unwrap();
    ws.write_row(1, 0, ["Заказ-наряд", "Наименование", "Кол-во", "Сумма"])
        .unwrap();
    ws.merge_range(2, 0, 4, 0, "ЗН-1", &plain).unwrap();
    ws.merge_range(2, 2, 4, 2, "", &plain).unwrap();
    ws.write(2, 2, 2.0).unwrap();
    for (r, (what, amount)) in [("ТО", 1000.0), ("Масло", 2000.0), ("Фильтр", 300.0)]
        .into_iter()
        .enumerate()
    {
        ws.write(2 + r as u32, 1, what).unwrap();
        ws.write(2 + r as u32, 3, amount).unwrap();
    }
    ws.write_row(5, 0, ["ЗН-2", "Мойка"]).unwrap();
    ws.write(5, 2, 1.0).unwrap();
    ws.write(5, 3, 500.0).unwrap();
    wb.save(dir.path().join("order_lines.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(rejected(&ing, "order_lines"), []);
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        texts(&lines, "visit_id"),
        [s("ЗН-1"), s("ЗН-1"), s("ЗН-1"), s("ЗН-2")]
    );
    assert_eq!(
        texts(&lines, "qty"),
        [s("2.0"), s("1.0"), s("1.0"), s("1.0")]
    );
    let said = warnings_of(&ing, "order_lines");
    let place = format!(
        "{}, sheet \"Sheet1\"",
        dir.path().join("order_lines.xlsx").display()
    );
    assert_eq!(
        said,
        [reasons::fill(
            reasons::MERGED_CELLS,
            &["2", "«Заказ-наряд»", &place, "«ЗН-1»", "Excel"]
        )
        .as_str()]
    );
}

#[test]
fn regression_a_visit_merged_over_its_lines_of_an_ods_sheet_is_read_on_every_line() {
    // calamine reads no merged regions of an ods file: the lines under a visit merged
    // over them were rejected for an empty visit (4 000,00 of 7 000,00 lost), where the
    // same sheet saved as xlsx was read whole, with the merged cells' warning.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;01.10.2026;C1;Kia\nV2;02.10.2026;C1;Kia\nV9;03.10.2026;C1;Kia\n",
    );
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    let text = |v: &str| {
        format!("<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>")
    };
    let merged = |v: &str| {
        format!("<table:table-cell office:value-type=\"string\" table:number-rows-spanned=\"2\"><text:p>{v}</text:p></table:table-cell>")
    };
    let money = |v: u32| {
        format!("<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>")
    };
    let covered = "<table:covered-table-cell/>".to_string();
    let row = |cells: [String; 3]| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let body = [
        row([
            text("Номер заказ-наряда"),
            text("Наименование"),
            text("Сумма"),
        ]),
        row([merged("V1"), text("Мойка"), money(1000)]),
        row([covered.clone(), text("Диагностика"), money(2000)]),
        row([merged("V2"), text("Мойка"), money(1000)]),
        row([covered, text("Диагностика"), money(2000)]),
        row([text("V9"), text("Мойка"), money(1000)]),
    ]
    .concat();
    put_ods(
        &dir.path().join("order_lines.ods"),
        &format!("<table:table table:name=\"Работы\">{body}</table:table>"),
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(rejected(&ing, "order_lines"), []);
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        texts(&lines, "visit_id"),
        [s("V1"), s("V1"), s("V2"), s("V2"), s("V9")]
    );
    let place = format!(
        "{}, sheet \"Работы\"",
        dir.path().join("order_lines.ods").display()
    );
    assert_eq!(
        warnings_of(&ing, "order_lines"),
        [reasons::fill(
            reasons::MERGED_CELLS,
            &[
                "2",
                "«Номер заказ-наряда»",
                &place,
                "«V1»",
                "LibreOffice Calc"
            ]
        )
        .as_str()]
    );
}

/// Rewrite the workbook at `path` as a program that does not compute formulas writes it:
/// each formula without its saved value (rust_xlsxwriter saves 0 for every formula).
fn drop_formula_values(path: &Path) {
    use std::io::{Read, Write};
    let mut archive = ::zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        let name = part.name().unwrap().to_string();
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(bytes)
                .unwrap()
                .replace("</f><v>0</v>", "</f>");
            bytes = text.into_bytes();
        }
        parts.push((name, bytes));
    }
    let mut z = ::zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in parts {
        z.start_file(name, ::zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(&bytes).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn regression_formulas_whose_values_were_never_saved_are_named() {
    // A workbook written by a script holds its formulas without their values: the cells
    // read as empty and the rows were rejected as "required value is empty", with nothing
    // to say the amounts were formulas Excel would have computed.
    let dir = tempfile::tempdir().unwrap();
    put_one_visit(dir.path());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_row(
        0,
        0,
        [
            "Номер заказ-наряда",
            "Работа",
            "Количество",
            "Цена",
            "Сумма",
        ],
    )
    .unwrap();
    for r in 1..=3u32 {
        ws.write(r, 0, "V1").unwrap();
        ws.write(r, 1, "ТО").unwrap();
        ws.write(r, 2, 2).unwrap();
        ws.write(r, 3, 500).unwrap();
        ws.write_formula(r, 4, Formula::new(format!("=C{0}*D{0}", r + 1)))
            .unwrap();
    }
    // One line's amount typed as a value: read, and not counted.
    ws.write(4, 0, "V1").unwrap();
    ws.write(4, 1, "Мойка").unwrap();
    ws.write(4, 4, 700).unwrap();
    let path = dir.path().join("order_lines.xlsx");
    wb.save(&path).unwrap();
    drop_formula_values(&path);
    std::fs::remove_file(dir.path().join("order_lines.csv")).unwrap();

    let ing = load(dir.path(), &Config::default()).unwrap();
    assert_eq!(rejected(&ing, "order_lines").len(), 3);
    let place = format!("{}, sheet \"Sheet1\"", path.display());
    assert_eq!(
        warnings_of(&ing, "order_lines"),
        [reasons::fill(
            reasons::UNSAVED_FORMULAS,
            &["3", "«Сумма»", &place, "E2", "C2*D2"]
        )
        .as_str()]
    );
}

#[test]
fn regression_a_sheet_files_names_that_the_workbook_lacks_is_a_usage_error() {
    // `visits = "visits.xlsx#Заказ-наряды"` for a workbook whose sheet is «Визиты": exit 1
    // "cannot read …: there is no sheet", in English in a Russian run. It is the
    // configuration's mistake (2), said in the run's language with the sheets there are.
    let dir = tempfile::tempdir().unwrap();
    put_one_visit(dir.path());
    std::fs::remove_file(dir.path().join("visits.csv")).unwrap();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Визиты").unwrap();
    ws.write_row(0, 0, ["Номер", "Дата", "Клиент", "Марка"])
        .unwrap();
    ws.write_row(1, 0, ["V1", "05.03.2026", "C1", "Lada"])
        .unwrap();
    wb.save(dir.path().join("visits.xlsx")).unwrap();
    put(
        dir.path(),
        "stoa.toml",
        "language = \"ru\"\n[files]\nvisits = \"visits.xlsx#Заказ-наряды\"\n",
    );
    common::stoa()
        .args(["check", "--data"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "указан лист «Заказ-наряды» книги",
        ))
        .stderr(predicates::str::contains("её листы: «Визиты»"));
}
