//! End to end: `tables/holidays.csv` and `tables/greetings.csv` hold the occasions' codes,
//! the same in a Russian and an English report, while the page and the greetings list
//! say them in the report's language.

use std::path::Path;

use crate::common;
use common::{put, stoa};

/// Run `stoa report --only greetings` for October 2026 in `lang`; the report's folder.
fn report(data: &Path, out: &Path, lang: &str) -> std::path::PathBuf {
    stoa()
        .args(["report", "--month", "2026-10", "-q", "--only", "greetings"])
        .args(["--lang", lang, "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    out.join("2026-10")
}

#[test]
fn regression_greetings_tables_are_the_same_in_russian_and_english() {
    // C1's birthday falls on Unity Day (4 November). The Russian tables said «День
    // народного единства» before «День рождения», the English ones "Birthday" before
    // "Unity Day": the two reports' tables differed in their words and their order.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "visit_id,opened_at,client_id,brand\nV1,2026-10-05 10:00,C1,Lada\n",
    );
    put(
        &data,
        "order_lines.csv",
        "visit_id,description,amount\nV1,Wash,1000\n",
    );
    put(
        &data,
        "clients.csv",
        "client_id,name,phone,birthday,consent\nC1,Anna,+79161234567,1990-11-04,true\n",
    );
    put(
        &data,
        "stoa.toml",
        "[[holidays.fixed]]\nday = 4\nmonth = 11\nname = \"День народного единства\"\n\
         [[holidays.fixed]]\nday = 7\nmonth = 11\nname = \"День станции\"\n",
    );
    let ru = report(&data, &tmp.path().join("ru"), "ru");
    let en = report(&data, &tmp.path().join("en"), "en");
    let read = |dir: &Path, name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    for table in ["tables/greetings.csv", "tables/holidays.csv"] {
        assert_eq!(read(&ru, table), read(&en, table), "{table}");
    }
    assert_eq!(
        read(&ru, "tables/holidays.csv"),
        "date,holiday\n2026-11-04,unity_day\n2026-11-07,День станции\n"
    );
    assert_eq!(
        read(&ru, "tables/greetings.csv"),
        "date,occasion,client_id,name\n\
         2026-11-04,birthday,C1,Anna\n\
         2026-11-04,unity_day,C1,Anna\n\
         2026-11-07,День станции,C1,Anna\n"
    );
    // People read the words, C1's three occasions in one row by their dates.
    let list = read(&ru, "lists/greetings.csv");
    assert!(
        list.contains(
            ";\"День народного единства, 04.11.2026; День рождения, 04.11.2026; \
             День станции, 07.11.2026\"\n"
        ),
        "{list}"
    );
    let list = read(&en, "lists/greetings.csv");
    assert!(
        list.contains(
            ",\"Birthday, 2026-11-04; Unity Day, 2026-11-04; День станции, 2026-11-07\"\n"
        ),
        "{list}"
    );
    let page = read(&ru, "report.html");
    assert!(page.contains("День народного единства"), "the Russian page");
    assert!(!page.contains("unity_day") && !page.contains(">birthday<"));
    let page = read(&en, "report.html");
    assert!(page.contains("Unity Day") && page.contains("Birthday"));
    assert!(!page.contains("unity_day"));
}
