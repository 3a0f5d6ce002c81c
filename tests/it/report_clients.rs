//! End to end: `stoa report --only loyalty,service_due,retention,…` on generated data, with
//! the contract headers and sort orders of `loyalty.csv`, `service_due.csv` and
//! `cohorts.csv` checked, and the loyalty visit counts and cohort sizes recomputed here
//! independently (plain Rust over the generated CSV files, not the library's code).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::common;
use common::{folder, generate_csv, put, put_tables, read_text_csv, report, text_frame};

/// A CSV as rows of text keyed by header (empty cells are `None`).
fn rows(path: &Path) -> Vec<BTreeMap<String, Option<String>>> {
    let df = text_frame(path);
    (0..df.height())
        .map(|i| {
            df.columns()
                .iter()
                .map(|c| {
                    let v = c.str().unwrap().get(i).map(str::to_string);
                    (c.name().to_string(), v.filter(|s| !s.is_empty()))
                })
                .collect()
        })
        .collect()
}

fn header(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn get(row: &BTreeMap<String, Option<String>>, key: &str) -> String {
    row[key].clone().unwrap_or_default()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").unwrap()
}

#[test]
fn client_tables_keep_their_contract_and_match_an_independent_count() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("out");
    generate_csv(&data, 24);
    report(
        &data,
        &out,
        &[
            "--only",
            "loyalty",
            "--only",
            "service_due",
            "--only",
            "retention",
            "--only",
            "winback",
            "--only",
            "greetings",
            "--lang",
            "en",
        ],
    )
    .success();
    // The generator's default end month is 2026-10, complete → as of 2026-10-31.
    let report = out.join("2026-10");
    let as_of = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let tables = report.join("tables");

    // Independent visit counts: done visits up to as-of per client.
    let mut visit_dates: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
    for v in rows(&data.join("visits.csv")) {
        let status = get(&v, "status");
        let d = date(&get(&v, "opened_at"));
        if (status.is_empty() || status == "done") && d <= as_of {
            visit_dates.entry(get(&v, "client_id")).or_default().push(d);
        }
    }
    let in_window = |dates: &Vec<NaiveDate>| {
        dates
            .iter()
            .filter(|d| (as_of - **d).num_days() < 365)
            .count()
    };

    // loyalty.csv: header, sort order, and exactly the clients with ≥ 3 window visits.
    let loyalty_path = tables.join("loyalty.csv");
    assert_eq!(
        header(&loyalty_path),
        "client_id,name,brand_group,visits_12m,status,bought_here,avg_order_12m,discount_pct,last_visit"
    );
    let loyalty = rows(&loyalty_path);
    let ids: Vec<String> = loyalty.iter().map(|r| get(r, "client_id")).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "loyalty.csv is sorted by client_id");
    let expected: BTreeSet<String> = visit_dates
        .iter()
        .filter(|(_, d)| in_window(d) >= 3)
        .map(|(c, _)| c.clone())
        .collect();
    assert!(
        !expected.is_empty(),
        "the generated data has regular clients"
    );
    assert_eq!(ids.iter().cloned().collect::<BTreeSet<_>>(), expected);
    for r in &loyalty {
        let n = in_window(&visit_dates[&get(r, "client_id")]);
        assert_eq!(get(r, "visits_12m"), n.to_string());
        let status = get(r, "status");
        assert_eq!(status == "one_away", n == 3, "{r:?}");
        assert_eq!(get(r, "discount_pct").is_empty(), status == "one_away");
        assert!(["true", "false"].contains(&get(r, "bought_here").as_str()));
    }

    // service_due.csv: header, sort order, status consistent with the due date.
    let due_path = tables.join("service_due.csv");
    assert_eq!(
        header(&due_path),
        "client_id,vehicle,service_code,last_date,last_odometer,km_per_day,due_date,status"
    );
    let due = rows(&due_path);
    assert!(!due.is_empty());
    let keys: Vec<_> = due
        .iter()
        .map(|r| {
            (
                get(r, "client_id"),
                get(r, "vehicle"),
                get(r, "service_code"),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for r in &due {
        let d = date(&get(r, "due_date"));
        assert!(d <= as_of + chrono::Duration::days(30) && d > as_of - chrono::Duration::days(365));
        assert_eq!(
            get(r, "status"),
            if d <= as_of { "overdue" } else { "upcoming" }
        );
    }

    // cohorts.csv: header, sort order, k = 0 is 1 and the size is the number of clients
    // whose first done visit falls in that month, less those registered before the
    // data's first month (their first visit was before the data).
    let cohorts_path = tables.join("cohorts.csv");
    assert_eq!(header(&cohorts_path), "cohort,size,k,retained");
    let data_start = rows(&data.join("visits.csv"))
        .iter()
        .map(|v| date(&get(v, "opened_at")))
        .min()
        .unwrap()
        .with_day(1)
        .unwrap();
    let before: BTreeSet<String> = rows(&data.join("clients.csv"))
        .iter()
        .filter(|c| !get(c, "registered_at").is_empty())
        .filter(|c| date(&get(c, "registered_at")) < data_start)
        .map(|c| get(c, "client_id"))
        .collect();
    assert!(
        !before.is_empty(),
        "the generator registers some clients before the data"
    );
    let mut firsts: BTreeMap<String, usize> = BTreeMap::new();
    for (client, dates) in &visit_dates {
        if before.contains(client) {
            continue;
        }
        let first = dates.iter().min().unwrap();
        *firsts.entry(first.format("%Y-%m").to_string()).or_default() += 1;
    }
    let cohorts = rows(&cohorts_path);
    let keys: Vec<_> = cohorts
        .iter()
        .map(|r| (get(r, "cohort"), get(r, "k").parse::<i64>().unwrap()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for r in cohorts.iter().filter(|r| get(r, "k") == "0") {
        assert_eq!(get(r, "retained"), "1");
        assert_eq!(get(r, "size"), firsts[&get(r, "cohort")].to_string());
    }

    // The mail-merge lists hold consenting clients only and the summary says how many
    // were left out.
    let consent: BTreeMap<String, String> = rows(&data.join("clients.csv"))
        .iter()
        .map(|r| (get(r, "client_id"), get(r, "consent")))
        .collect();
    for list in [
        "loyalty",
        "service_due",
        "greetings",
        "winback",
        "declined_work",
    ] {
        let path = report.join("lists").join(format!("{list}.csv"));
        // The win-back call list is in the order to call, its priority first; every list
        // starts with a byte-order mark, so that Excel reads its Cyrillic as UTF-8.
        let first = if list == "winback" { "priority," } else { "" };
        assert_eq!(
            header(&path),
            format!("\u{feff}{first}client_id,name,phone,phone_e164,email,vehicle,reason")
        );
        for r in rows(&path) {
            assert_eq!(consent[&get(&r, "client_id")], "true", "{list}: {r:?}");
        }
    }
    // The win-back call list follows the ranked table's priority, 1 first.
    let priority: BTreeMap<String, u64> = rows(&tables.join("winback.csv"))
        .iter()
        .map(|r| (get(r, "client_id"), get(r, "priority").parse().unwrap()))
        .collect();
    let calls: Vec<u64> = rows(&report.join("lists/winback.csv"))
        .iter()
        .map(|r| {
            let p: u64 = get(r, "priority").parse().unwrap();
            assert_eq!(priority[&get(r, "client_id")], p, "{r:?}");
            p
        })
        .collect();
    assert!(
        !calls.is_empty() && calls.windows(2).all(|w| w[0] < w[1]),
        "{calls:?}"
    );
    let summary = rows(&tables.join("lists_loyalty.csv"));
    let listed = rows(&report.join("lists/loyalty.csv")).len();
    assert_eq!(get(&summary[0], "clients"), loyalty.len().to_string());
    // The list holds the consenting clients with a phone or an e-mail.
    let consenting: usize = get(&summary[0], "consenting").parse().unwrap();
    let no_contact: usize = get(&summary[0], "no_contact").parse().unwrap();
    assert_eq!(consenting - no_contact, listed);
    assert_eq!(
        get(&summary[0], "left_out"),
        (loyalty.len() - consenting).to_string()
    );
}

#[test]
fn regression_a_consenting_client_without_phone_or_email_is_not_on_the_list() {
    // C1 consents but gives neither a phone nor an e-mail: a row nobody can act on was on
    // the greetings list, and `lists_greetings.csv` counted it with the consenting. Now the
    // list holds C2 only, the summary counts C1 as `no_contact`, and the section's own
    // table still greets both.
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path(), "d");
    put_tables(
        &data,
        "visit_id,opened_at,client_id,brand,plate,status\n\
         V1,2026-01-15 10:00,C1,Lada,A111AA77,done\n\
         V2,2026-02-10 10:00,C2,BMW,B222BB77,done\n",
        "client_id,name,phone,email,birthday,consent\n\
         C1,Ivanov Ivan,,,1980-03-10,true\n\
         C2,Petrov Petr,+7 916 123-45-67,,1985-03-29,true\n",
        "visit_id,description,category,amount\nV1,Wash,wash,500\nV2,Wash,wash,700\n",
    );
    put(&data, "stoa.toml", "language = \"en\"\n");
    let out = tmp.path().join("out");
    report(&data, &out, &["--month", "2026-02", "-q"]).success();
    let report = out.join("2026-02");
    let list = rows(&report.join("lists/greetings.csv"));
    // C2's birthday and 8 March.
    let listed: BTreeSet<String> = list.iter().map(|r| get(r, "client_id")).collect();
    assert_eq!(listed, BTreeSet::from(["C2".to_string()]));
    assert_eq!(
        std::fs::read_to_string(report.join("tables/lists_greetings.csv")).unwrap(),
        "list,clients,consenting,left_out,no_contact\ngreetings,2,2,0,1\n"
    );
    let greeted: BTreeSet<String> = rows(&report.join("tables/greetings.csv"))
        .iter()
        .map(|r| get(r, "client_id"))
        .collect();
    assert_eq!(
        greeted,
        BTreeSet::from(["C1".to_string(), "C2".to_string()])
    );
}

#[test]
fn regression_a_mail_list_carries_the_first_address_of_a_cell_that_holds_more() {
    // `a@x.ru; b@y.ru` or `Иванов <ivanov@mail.ru>` went to the list as written: one
    // recipient that no mailer reads.
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path(), "data");
    put_tables(
        &data,
        "visit_id;opened_at;client_id;brand\n1;05.03.2026;C1;Lada\n2;06.03.2026;C2;Kia\n",
        "client_id;name;phone;email;birthday;consent\n\
         C1;Иванов;;\"Иванов <ivanov@mail.ru>; petrov@x.ru\";10.04.1980;да\n\
         C2;Петров;8 916 123-45-67;не указан;11.04.1981;да\n",
        "visit_id;description;amount\n1;ТО;1000\n2;ТО;1000\n",
    );
    let only = ["--month", "2026-03", "--only", "greetings"];
    report(&data, &tmp.path().join("out"), &only).success();
    // A Russian report's list: `;` and Russian headers.
    let list = read_text_csv(&tmp.path().join("out/2026-03/lists/greetings.csv"));
    assert_eq!(
        list["эл. почта"],
        [Some("ivanov@mail.ru".to_string()), None]
    );
}

/// The phone as written and its E.164 of each row of a Russian greetings list (`;`).
fn phones(list: &str) -> Vec<(&str, &str)> {
    list.lines()
        .skip(1)
        .map(|l| {
            let r: Vec<&str> = l.split(';').collect();
            (r[2], r[3])
        })
        .collect()
}

/// Run `stoa report --only greetings` for March 2026 on clients with these phones (one
/// client a phone, each with a birthday in April), in `lang`; the greetings list's text.
fn greetings_list(phones: &[&str], lang: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path(), "data");
    let (mut visits, mut lines, mut clients) = (
        String::from("visit_id;opened_at;client_id;brand\n"),
        String::from("visit_id;description;amount\n"),
        String::from("client_id;name;phone;birthday;consent\n"),
    );
    for (i, phone) in phones.iter().enumerate() {
        visits += &format!("{i};05.03.2026;C{i};Lada\n");
        lines += &format!("{i};ТО;1000\n");
        clients += &format!("C{i};Клиент {i};\"{phone}\";10.04.1980;да\n");
    }
    put_tables(&data, &visits, &clients, &lines);
    let only = ["--month", "2026-03", "--only", "greetings", "--lang", lang];
    report(&data, &tmp.path().join("out"), &only).success();
    std::fs::read_to_string(tmp.path().join("out/2026-03/lists/greetings.csv")).unwrap()
}

#[test]
fn regression_a_russian_list_opens_in_russian_excel_column_by_column() {
    // Lists were split by `,`: Russian Excel, splitting a double-clicked CSV by `;`, put
    // every row in one cell; a phone of bare digits became a number (7,92E+10).
    let text = greetings_list(&["89161234567", "+7 (916) 222-33-44"], "ru");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}Код клиента;ФИО;Телефон;Телефон E.164;Эл. почта;Автомобиль;Причина"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(';').collect()).collect();
    let phones: Vec<(&str, &str)> = rows.iter().map(|r| (r[2], r[3])).collect();
    assert_eq!(
        phones,
        [
            ("8 (916) 123-45-67", "+79161234567"),
            ("8 (916) 222-33-44", "+79162223344")
        ]
    );
    assert!(rows.iter().all(|r| r.len() == 7), "{rows:?}");
    // An English list keeps its commas and the column names.
    let text = greetings_list(&["89161234567"], "en");
    assert_eq!(
        text.lines().next().unwrap(),
        "\u{feff}client_id,name,phone,phone_e164,email,vehicle,reason"
    );
    assert!(text.contains(",8 (916) 123-45-67,+79161234567,"), "{text}");
}

#[test]
fn regression_phone_typos_give_the_number_to_call() {
    // `+8 916 …` gave `+89161234567`, a number that does not exist; an additional number
    // after `доп.` and an extension after `доб.` left phone_e164 empty.
    let text = greetings_list(
        &[
            "+8 916 123 45 67",
            "8(916)123-45-67 доп. 8(903)111-22-33",
            "8 495 123-45-67 доб. 12",
            "123-45",
        ],
        "ru",
    );
    let phones = phones(&text);
    assert_eq!(
        phones,
        [
            ("8 (916) 123-45-67", "+79161234567"),
            ("8(916)123-45-67 доп. 8(903)111-22-33", "+79161234567"),
            ("8 (495) 123-45-67 доб. 12", "+74951234567"),
            ("123-45", ""),
        ]
    );
}

#[test]
fn regression_a_mobile_short_of_a_digit_or_typographic_hyphens_give_the_right_e164() {
    // The tester's case: `8 916 123 45 6` (the trunk 8 and a mobile a digit short) gave
    // `+78916123456`, a wrong number to message; `+7 (916) 123‑45‑67` with non-breaking
    // hyphens (U+2011) gave none.
    let text = greetings_list(
        &[
            "8 916 123 45 6",
            "+7 (916) 123\u{2011}45\u{2011}67",
            "8 916 123 45 67",
            "(812) 123-45-67",
        ],
        "ru",
    );
    let phones = phones(&text);
    assert_eq!(
        phones,
        [
            ("8 916 123 45 6", ""),
            ("8 (916) 123-45-67", "+79161234567"),
            ("8 (916) 123-45-67", "+79161234567"),
            ("8 (812) 123-45-67", "+78121234567"),
        ]
    );
}

#[test]
fn regression_a_vin_on_some_visits_only_gives_no_false_reminder() {
    // The car's VIN is on the repair order of its oil change in December 2025 and not on
    // the next one, 15.01.2027 (plate only): two vehicles, and the reminder list said the
    // oil was 61 days overdue two weeks after it was changed.
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path(), "data");
    put_tables(
        &data,
        "Номер заказ-наряда;Дата приёма;Код клиента;Марка;Модель;Госномер;VIN;Пробег, км;Статус\n\
         A1;01.12.2025 10:00;C30;Kia;Sportage;Р030РР77;XWE00000000000030;60000;выполнен\n\
         A2;15.01.2027 10:00;C30;Kia;Sportage;P030PP77;;75000;выполнен\n\
         A3;31.01.2027 10:00;C30;Kia;Sportage;Р030РР77;;75100;выполнен\n",
        "Код клиента;ФИО;Телефон;Согласие на рассылку\nC30;Титов Ян;+7 916 000-00-30;да\n",
        "Номер заказ-наряда;Код работы;Наименование;Сумма\n\
         A1;MNT-01;Замена масла;1200\nA2;MNT-01;Замена масла;1200\nA3;WSH-01;Мойка;700\n",
    );
    put(
        &data,
        "price_list.csv",
        "Код работы;Наименование;Цена;Интервал, мес;Интервал, км\n\
         MNT-01;Замена масла;1200;12;15000\nWSH-01;Мойка;700;;\n",
    );
    let out = tmp.path().join("out");
    let only = [
        "--month",
        "2027-01",
        "--only",
        "service_due",
        "--lang",
        "en",
    ];
    report(&data, &out, &only).success();
    let due = std::fs::read_to_string(out.join("2027-01/tables/service_due.csv")).unwrap();
    assert_eq!(
        due,
        "client_id,vehicle,service_code,last_date,last_odometer,km_per_day,due_date,status\n"
    );
    let list = std::fs::read_to_string(out.join("2027-01/lists/service_due.csv")).unwrap();
    assert_eq!(list.lines().count(), 1, "{list}");
}

#[test]
fn regression_same_day_visits_9_and_10_take_the_later_and_larger_as_the_latest() {
    // Visits 9 (Kia, 09:00) and 10 (Lada, 12:00) on one day: compared as text "9" > "10",
    // so visit 9 was the client's latest and the Lada owner got the foreign tiers (15 %)
    // and a letter about the Kia. Visit 10 is the later and the larger: domestic, 20 % +
    // 5 % for the car bought here. The reminders: visits 99 (B, 50 000 km) and 100 (C,
    // 60 000 km) of one car on one day at one time: the reading and the owner are 100's
    // (97, 40 000 km 30 days before, makes it 500 km a day: due 23.03, overdue).
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path(), "d");
    put_tables(
        &data,
        "visit_id,opened_at,client_id,brand,plate,odometer_km\n\
         1,2026-01-10 10:00,A,Kia,A001AA77,\n\
         2,2026-02-10 10:00,A,Kia,A001AA77,\n\
         3,2026-03-10 10:00,A,Kia,A001AA77,\n\
         9,2026-03-20 09:00,A,Kia,A001AA77,\n\
         10,2026-03-20 12:00,A,Lada,B002BB77,\n\
         97,2026-02-01 10:00,B,Kia,C003CC77,40000\n\
         99,2026-03-03 10:00,B,Kia,C003CC77,50000\n\
         100,2026-03-03 10:00,C,Kia,C003CC77,60000\n",
        "client_id,name,phone,consent,bought_here\nA,Anna,+79161234567,true,true\n",
        "visit_id,service_code,description,category,amount\n\
         1,,Wash,wash,1000\n2,,Wash,wash,1000\n3,,Wash,wash,1000\n\
         9,,Wash,wash,1000\n10,,Wash,wash,1000\n\
         97,OIL,Oil,maintenance,1000\n99,OIL,Oil,maintenance,1000\n100,OIL,Oil,maintenance,1000\n",
    );
    put(
        &data,
        "price_list.csv",
        "service_code,description,price,interval_km\nOIL,Oil,1000,10000\n",
    );
    put(&data, "stoa.toml", "language = \"en\"\n");
    let out = tmp.path().join("out");
    let only = ["--month", "2026-03", "-q", "--only", "loyalty"];
    report(
        &data,
        &out,
        &[&only[..], &["--only", "service_due"]].concat(),
    )
    .success();
    let report = out.join("2026-03");
    let loyalty = rows(&report.join("tables/loyalty.csv"));
    assert_eq!(loyalty.len(), 1);
    assert_eq!(get(&loyalty[0], "brand_group"), "domestic");
    assert_eq!(get(&loyalty[0], "discount_pct"), "25");
    let list = rows(&report.join("lists/loyalty.csv"));
    assert_eq!(get(&list[0], "vehicle"), "Lada B002BB77");
    let due = rows(&report.join("tables/service_due.csv"));
    assert_eq!(due.len(), 1);
    assert_eq!(get(&due[0], "client_id"), "C");
    assert_eq!(get(&due[0], "last_odometer"), "60000");
}

#[test]
fn regression_two_phones_joined_by_a_dash_give_the_mobile_to_message() {
    // `+7 916 123-45-67 - 8 495 765-43-21` gave no phone_e164 (one run of 22 digits), and
    // of a landline and a mobile split by `;` the landline was taken, which no SMS reaches.
    let text = greetings_list(
        &[
            "+7 916 123-45-67 - 8 495 765-43-21",
            "84957654321-89161234567",
            "8 495 765-43-21 или 8 916 123-45-67",
            "8 495 765-43-21 / 8 812 123-45-67",
        ],
        "ru",
    );
    let phones = phones(&text);
    // The cell as written for the caller; the mobile, else the first number, for SMS.
    assert_eq!(
        phones,
        [
            ("+7 916 123-45-67 - 8 495 765-43-21", "+79161234567"),
            ("84957654321-89161234567", "+79161234567"),
            ("8 495 765-43-21 или 8 916 123-45-67", "+79161234567"),
            ("8 495 765-43-21 / 8 812 123-45-67", "+74957654321"),
        ]
    );
}

#[test]
fn regression_a_plate_typed_with_a_dash_latin_letters_or_rus_is_one_car() {
    // One client's car on three repair orders of March 2026 as `А123ВС-77`, `A123BC77`
    // (Latin) and `а 123 вс 77 RUS`: three cars counted, where there is one.
    let tmp = tempfile::tempdir().unwrap();
    let data = folder(tmp.path(), "data");
    put_tables(
        &data,
        "visit_id,opened_at,client_id,brand,plate\n\
         1,2026-03-02 10:00,A,Kia,А123ВС-77\n\
         2,2026-03-12 10:00,A,Kia,A123BC77\n\
         3,2026-03-22 10:00,A,Kia,а 123 вс 77 RUS\n\
         4,2026-03-23 10:00,A,Kia,А123ВС-777\n",
        "client_id,name\nA,Anna\n",
        "visit_id,service_code,description,category,amount\n\
         1,,Wash,wash,1000\n2,,Wash,wash,1000\n3,,Wash,wash,1000\n4,,Wash,wash,1000\n",
    );
    let out = tmp.path().join("out");
    report(&data, &out, &["--month", "2026-03", "--only", "management"]).success();
    let kpi = std::fs::read_to_string(out.join("2026-03/tables/kpi.csv")).unwrap();
    // The fourth visit's plate has another region (777): another car.
    assert!(kpi.contains("\ncar_count,2026-03,2\n"), "{kpi}");
}
