//! End to end: `stoa check` says the warnings a report raises of the data alone, whatever
//! its month — the companies with a birthday set (COMPANY_BIRTHDAYS), which only the
//! report's greetings said until session 35.

use crate::common;
use common::{check_in, check_said, put_tables};

#[test]
fn regression_check_counts_the_companies_with_a_birthday_as_the_report_does() {
    // Two companies (C1 юрлицо, C3 company) have a birthday set, C4 (a company) has none,
    // C2 is a person: the report's greetings said "2 client(s)"; check said nothing.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    put_tables(
        data,
        "visit_id,opened_at,client_id,brand\nV1,2026-10-31 10:00,C1,Kia\n",
        "client_id,name,kind,birthday\n\
         C1,ООО Ромашка,юрлицо,2010-11-10\n\
         C2,Иванов,физлицо,1980-11-11\n\
         C3,АО Вектор,company,2001-03-15\n\
         C4,ООО Лютик,юрлицо,\n",
        "visit_id,description,amount\nV1,Wash,1000\n",
    );
    let said = check_said(data);
    let warning = stoa::ingest::reasons::fill(stoa::ingest::reasons::COMPANY_BIRTHDAYS, &["2"]);
    assert!(said.contains(&format!("- clients: {warning}")), "{said}");
    assert_eq!(said.matches(&warning).count(), 1, "{said}");
    // In Russian too.
    let ru = check_in("ru", data);
    assert!(ru.status.success());
    let ru = String::from_utf8(ru.stdout).unwrap();
    assert!(
        ru.contains("у клиентов-юрлиц (2) заполнена дата рождения"),
        "{ru}"
    );
    // Without such a company, no word.
    put_tables(
        data,
        "visit_id,opened_at,client_id,brand\nV1,2026-10-31 10:00,C2,Kia\n",
        "client_id,name,kind,birthday\nC2,Иванов,физлицо,1980-11-11\n",
        "visit_id,description,amount\nV1,Wash,1000\n",
    );
    assert!(!check_said(data).contains("have a birthday set"));
}
