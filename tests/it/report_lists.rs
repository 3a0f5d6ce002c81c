//! End to end: the mail-merge lists (`lists/*.csv`) as a caller and a marketer use them —
//! one row per client however many items the client has (the tables keep one row per
//! item), no cell Excel would run as a formula, and the loyalty section's labels and
//! discounts as the settings and the language say them.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Reader, Xlsx};

use crate::common;
use common::{put, stoa};

/// A data folder in `dir`: C1, named as a formula, brought a Kia (V1, 10 June) and a
/// Lada (V2, 10 July) for an oil change due every 3 months; C2, with a British phone,
/// brought an Audi on 12 July; C3, who gave no consent, a Kia to wash in October. As of 31 October 2026 the Kia's change is 51 days
/// overdue, the Lada's 21, the Audi's 19. `toml` is the stoa.toml.
fn data(dir: &Path, toml: &str) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "visit_id,opened_at,client_id,brand,plate\n\
         V1,2026-06-10,C1,Kia,A001AA\n\
         V2,2026-07-10,C1,LADA,B002BB\n\
         V3,2026-07-12,C2,Audi,C003CC\n\
         V4,2026-10-05,C3,Kia,D004DD\n",
    );
    put(
        &data,
        "order_lines.csv",
        "visit_id,service_code,description,amount\n\
         V1,OIL,Engine oil change,1800\n\
         V2,OIL,Engine oil change,1800\n\
         V3,OIL,Engine oil change,1800\n\
         V4,,Wash,500\n",
    );
    put(
        &data,
        "clients.csv",
        "client_id,name,phone,consent,bought_here\n\
         C1,\"=HYPERLINK(\"\"http://x.example\"\",\"\"Click\"\")\",+7 999 123-45-67,true,true\n\
         C2,Bob,+44 20 7946 0958,true,false\n",
    );
    put(
        &data,
        "price_list.csv",
        "service_code,description,price,interval_months\nOIL,Engine oil change,1800,3\n",
    );
    put(&data, "stoa.toml", toml);
    data
}

/// `stoa report --month 2026-10 --only SECTION… --lang LANG` on `data`; the report folder.
fn report(data: &Path, out: &Path, lang: &str, only: &[&str]) -> PathBuf {
    let mut run = stoa();
    run.args(["report", "--month", "2026-10", "-q", "--lang", lang]);
    for section in only {
        run.args(["--only", section]);
    }
    run.arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    out.join("2026-10")
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn regression_a_client_with_two_vehicles_due_is_one_row_of_the_list_and_two_of_the_table() {
    // C1 was a row per vehicle (13 reminders of one client were 13 SMS). Now one row:
    // the vehicles joined by `, `, each reason led by its car, the most overdue first;
    // C1 before C2, whose change is less overdue. The table keeps a row per vehicle.
    let tmp = tempfile::tempdir().unwrap();
    let data = data(tmp.path(), "");
    let dir = report(&data, &tmp.path().join("out"), "en", &["service_due"]);
    let table = read(&dir, "tables/service_due.csv");
    assert_eq!(
        table.lines().filter(|l| l.starts_with("C1,")).count(),
        2,
        "{table}"
    );
    let list = read(&dir, "lists/service_due.csv");
    let rows: Vec<&str> = list.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{list}");
    assert!(
        rows[0].starts_with("C1,")
            && rows[0].ends_with(
                ",\"Kia A001AA, LADA B002BB\",\
                 Kia A001AA: Engine oil change — 51 days overdue; \
                 LADA B002BB: Engine oil change — 21 days overdue"
            ),
        "{list}"
    );
    assert!(
        rows[1].starts_with("C2,Bob,")
            && rows[1].ends_with(",Audi C003CC,Engine oil change — 19 days overdue"),
        "{list}"
    );
    // The Russian list is the same, its reasons joined by `; ` inside a quoted field.
    let dir = report(&data, &tmp.path().join("ru"), "ru", &["service_due"]);
    let list = read(&dir, "lists/service_due.csv");
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(
        list.contains(
            ";Kia A001AA, LADA B002BB;\"Kia A001AA: Engine oil change — просрочено на 51 день; \
             LADA B002BB: Engine oil change — просрочено на 21 день\"\n"
        ),
        "{list}"
    );
}

#[test]
fn regression_a_name_excel_would_run_as_a_formula_is_text_and_the_phones_are_kept() {
    // C1's name was written as it stands and Excel ran it, a live link in the marketer's
    // sheet; now it is led by an apostrophe. The phones are plain numbers: `+79991234567`
    // for the gateway and Bob's British `+44 20 7946 0958` stay as written.
    let tmp = tempfile::tempdir().unwrap();
    let data = data(tmp.path(), "");
    let dir = report(&data, &tmp.path().join("out"), "en", &["service_due"]);
    let list = read(&dir, "lists/service_due.csv");
    assert!(
        list.contains("\nC1,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Click\"\")\",8 (999) 123-45-67,+79991234567,,"),
        "{list}"
    );
    assert!(
        list.contains("\nC2,Bob,+44 20 7946 0958,+442079460958,,"),
        "{list}"
    );
    assert!(!list.contains(",=") && !list.contains(",\"="), "{list}");
    // The tables are the machine-read contract and keep the name as the data give it.
    let table = read(&dir, "tables/lists_service_due.csv");
    assert!(table.starts_with("list,"), "{table}");
}

#[test]
fn regression_the_loyalty_labels_follow_the_window_and_the_discount_its_language() {
    // A window of 180 days was labelled «12 мес» / "12 m"; 2.5 % + 5 % for a car bought
    // here was «скидка 7.5 %» in Russian and "7.5 % discount" in English.
    let tmp = tempfile::tempdir().unwrap();
    let toml = "[loyalty]\nwindow_days = 180\nmin_visits = 2\n\
                domestic = [2.5, 5, 10]\nforeign = [2.5, 5, 10]\nbought_here_bonus = 5\n";
    let data = data(tmp.path(), toml);
    let ru = report(&data, &tmp.path().join("ru"), "ru", &["loyalty"]);
    let list = read(&ru, "lists/loyalty.csv");
    assert!(
        list.contains(";Постоянный клиент: скидка 7,5\u{a0}%\n"),
        "{list}"
    );
    let page = read(&ru, "report.html");
    assert!(
        page.contains(">Визиты за 180 дн.<") && page.contains(">Средний чек за 180 дн.<"),
        "the Russian page"
    );
    assert!(!page.contains("Визиты 12 мес"), "the Russian page");
    let mut wb: Xlsx<_> = open_workbook(ru.join("report.xlsx")).unwrap();
    let sheet = wb
        .worksheet_range(&stoa::render::i18n::sheet(stoa::cli::Lang::Ru, "loyalty"))
        .unwrap();
    let cells: Vec<String> = sheet.cells().map(|(_, _, c)| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "Визиты за 180 дн."), "{cells:?}");
    assert!(!cells.iter().any(|c| c == "Визиты 12 мес"), "{cells:?}");

    let en = report(&data, &tmp.path().join("en"), "en", &["loyalty"]);
    let list = read(&en, "lists/loyalty.csv");
    assert!(list.contains(",Regular client: 7.5% discount\n"), "{list}");
    let page = read(&en, "report.html");
    assert!(
        page.contains(">Visits, 180 days<") && page.contains(">Average order, 180 days<"),
        "the English page"
    );

    // The default window of 365 days keeps its «12 мес».
    let data = data_again(tmp.path());
    let ru = report(&data, &tmp.path().join("year"), "ru", &["loyalty"]);
    let page = read(&ru, "report.html");
    assert!(page.contains(">Визиты 12 мес<"), "the Russian page");
}

/// The data of [`data`] again with a stoa.toml that leaves the window at its default.
fn data_again(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    put(&data, "stoa.toml", "[loyalty]\nmin_visits = 2\n");
    data
}
