//! Session 30's tester's two files, run through the binary: an order-lines export pasted
//! twice with the visits clean (the revenue doubled without a word), and a client's code
//! spelled four ways on the visits (one regular client counted as four).

use crate::common;
use common::{put, stoa};

/// `stoa check --lang en --data DIR`, which must succeed: what it printed, both streams.
fn check(dir: &std::path::Path) -> String {
    let out = stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(dir)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    said
}

#[test]
fn regression_an_order_lines_file_pasted_twice_is_warned_of_with_its_money() {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "clients.csv", "Код клиента;ФИО\nC1;X\nC2;Y\n");
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Код клиента;Марка\n\
         V1;01.09.2026 10:00;C1;Kia\n\
         V2;02.09.2026 11:00;C2;Kia\n\
         V3;03.09.2026 12:00;C1;Kia\n",
    );
    let block = "V1;Замена масла;1;1500;1500\nV1;Масло 5W-40;4;900;3600\n\
                 V2;Мойка;1;700;700\nV3;Диагностика;1;1500;1500\n";
    put(
        dir.path(),
        "order_lines.csv",
        &format!("Номер заказ-наряда;Наименование;Количество;Цена;Сумма\n{block}{block}"),
    );
    let said = check(dir.path());
    assert!(
        said.contains("4 order lines in ")
            && said.contains("every line of 3 visits (such as «V1»)")
            && said.contains("(7300.00)"),
        "{said}"
    );
}

#[test]
fn regression_a_client_code_spelled_four_ways_on_the_visits_is_one_client() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "clients.csv",
        "Код клиента;ФИО;Согласие на рассылку\nКЛ-000001;Иванов;да\n",
    );
    // Cyrillic, lower case, a Latin K, a space for the dash.
    put(
        dir.path(),
        "visits.csv",
        "Номер;Дата;Код клиента;Марка\n\
         V1;01.03.2026;КЛ-000001;Kia\n\
         V2;01.05.2026;кл-000001;Kia\n\
         V3;01.07.2026;KЛ-000001;Kia\n\
         V4;01.09.2026;КЛ 000001;Kia\n",
    );
    put(
        dir.path(),
        "order_lines.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV1;Мойка;100\nV2;Мойка;100\nV3;Мойка;100\nV4;Мойка;100\n",
    );
    let said = check(dir.path());
    assert!(
        said.contains("3 visits rows give the code of a client written another way")
            && said.contains("«кл-000001» → «КЛ-000001»"),
        "{said}"
    );
    // Found, every one: no visit of an unknown client is left to warn of.
    assert!(!said.contains("missing from `clients`"), "{said}");
}
