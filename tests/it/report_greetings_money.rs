//! End to end: as people read the client lists — a company is not greeted on a
//! "birthday" (SPEC §2: birthday is a person's), and money carries its currency's sign
//! where the report's language writes it (`$1,800` in English, `1 800 $` in Russian).

use std::path::{Path, PathBuf};

use crate::common;
use common::{put, stoa};

/// `stoa report --month 2026-10 -q --only SECTION --lang LANG` on `data` into `out`; the
/// report's folder.
fn report(data: &Path, out: &Path, section: &str, lang: &str) -> PathBuf {
    stoa()
        .args(["report", "--month", "2026-10", "-q", "--only", section])
        .args(["--lang", lang, "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    out.join("2026-10")
}

/// The messages of the warnings of a report's manifest.
fn warnings(dir: &Path) -> Vec<String> {
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    manifest["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn regression_a_company_is_greeted_on_holidays_not_on_a_birthday() {
    // «ООО Ромашка», a company (юрлицо) with a date in its birthday column, was in the
    // greetings list with «День рождения». Two companies have a date (C1 in November, C4
    // in March), C3 has none; C2 is a person; C5's kind is empty, a person too.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "visit_id,opened_at,client_id,brand\n\
         V1,2026-10-31,C1,Kia\nV2,2026-10-30,C2,Kia\nV3,2026-10-29,C3,Kia\n\
         V4,2026-10-28,C4,Kia\nV5,2026-10-27,C5,Kia\n",
    );
    put(
        &data,
        "order_lines.csv",
        "visit_id,description,amount\nV1,Wash,1000\n",
    );
    put(
        &data,
        "clients.csv",
        "client_id,name,kind,phone,birthday,consent\n\
         C1,ООО Ромашка,юрлицо,+79160000001,2010-11-10,да\n\
         C2,Иванов,физлицо,+79160000002,1980-11-11,да\n\
         C3,ИП Петров,организация,+79160000003,,да\n\
         C4,АО Вектор,company,+79160000004,2001-03-15,да\n\
         C5,Сидоров,,+79160000005,1975-11-20,да\n",
    );
    let ru = report(&data, &tmp.path().join("ru"), "greetings", "ru");
    let table = std::fs::read_to_string(ru.join("tables/greetings.csv")).unwrap();
    let birthdays: Vec<&str> = table.lines().filter(|l| l.contains(",birthday,")).collect();
    assert_eq!(
        birthdays,
        [
            "2026-11-11,birthday,C2,Иванов",
            "2026-11-20,birthday,C5,Сидоров"
        ],
        "{table}"
    );
    // The companies are still greeted on the holiday.
    assert!(
        table.contains("2026-11-04,unity_day,C1,ООО Ромашка"),
        "{table}"
    );
    assert!(
        table.contains("2026-11-04,unity_day,C4,АО Вектор"),
        "{table}"
    );
    let list = std::fs::read_to_string(ru.join("lists/greetings.csv")).unwrap();
    assert_eq!(list.matches("День рождения").count(), 2, "{list}");
    // Said once, with the count of the companies that have a date.
    let said: Vec<String> = warnings(&ru)
        .into_iter()
        .filter(|w| w.contains("of kind company"))
        .collect();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("2 clients of kind company (юрлицо) have a birthday set"),
        "{}",
        said[0]
    );
    let page = std::fs::read_to_string(ru.join("report.html")).unwrap();
    assert!(
        page.contains("у клиентов-юрлиц (2) заполнена дата рождения"),
        "the Russian page says the warning in Russian"
    );
    // A report without the greetings has nothing to say of them.
    let management = report(&data, &tmp.path().join("m"), "management", "en");
    assert!(!warnings(&management)
        .iter()
        .any(|w| w.contains("of kind company")));
}

#[test]
fn regression_dollars_come_before_the_amount_in_english_and_after_it_in_russian() {
    // With `currency = "USD"` an English declined-work list said "1,800 $" and the
    // workbook `#,##0.00" $"`: English writes "$1,800".
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "visit_id,opened_at,client_id,brand,plate\n\
         V1,2026-09-10,C1,Kia,A001AA77\nV2,2026-10-05,C2,Kia,B002BB77\n",
    );
    put(
        &data,
        "order_lines.csv",
        "visit_id,service_code,description,amount,declined\n\
         V1,WSH,Wash,500,false\nV1,PAD,Front brake pads,1800,true\n",
    );
    put(
        &data,
        "clients.csv",
        "client_id,name,phone,consent\nC1,Anna,+79161234567,true\nC2,Boris,,true\n",
    );
    put(&data, "stoa.toml", "currency = \"USD\"\n");
    let en = report(&data, &tmp.path().join("en"), "winback", "en");
    let list = std::fs::read_to_string(en.join("lists/declined_work.csv")).unwrap();
    assert!(
        list.contains("\"Declined work: Front brake pads, $1,800 (2026-09-10)\""),
        "{list}"
    );
    let page = std::fs::read_to_string(en.join("report.html")).unwrap();
    // Thousands with a comma, as the workbook's `"$"#,##0.00` shows them (session 35: the
    // page wrote `$1 800.00`).
    assert!(page.contains(">$1,800.00<"), "an amount on the page");
    assert!(!page.contains("\u{a0}$<"), "no sign after an amount");
    let ru = report(&data, &tmp.path().join("ru"), "winback", "ru");
    let list = std::fs::read_to_string(ru.join("lists/declined_work.csv")).unwrap();
    assert!(
        list.contains("Отказ от работы: Front brake pads, 1\u{a0}800 $ (10.09.2026)"),
        "{list}"
    );
    let page = std::fs::read_to_string(ru.join("report.html")).unwrap();
    assert!(
        page.contains(">1\u{a0}800,00\u{a0}$<"),
        "an amount on the page"
    );
}
