//! The price list as exports write it: an interval of 0 is an empty cell, not a service
//! due again the day it was done (which put every wash on the reminder lists as overdue);
//! a price in another currency is rejected, and roubles with kopecks in words are read;
//! a station whose `currency` is not the rouble reads its own currency and rejects roubles.

use stoa::config::Config;
use stoa::ingest::{load, reasons};

use crate::common;
use common::{check_json, put, read_text_csv, stoa, texts, warnings_of};

#[test]
fn regression_an_interval_of_zero_is_no_interval_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n1;05.03.2026;C1;Lada\n",
    );
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;service_code;description;amount\n1;WSH;Мойка;500\n",
    );
    put(
        dir.path(),
        "price_list.csv",
        "Код;Наименование;Цена;Интервал, мес;Интервал, км\n\
         OIL;Замена масла;1000;0;15000\n\
         WSH;Мойка;500;0;0\n\
         BRK;Тормозная жидкость;800;24;\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let prices = ing.model.price_list.clone().collect().unwrap();
    assert_eq!(
        texts(&prices, "interval_months"),
        [None, None, Some("24".into())]
    );
    assert_eq!(
        texts(&prices, "interval_km"),
        [Some("15000".into()), None, None]
    );
    assert_eq!(
        warnings_of(&ing, "price_list"),
        [reasons::fill(reasons::ZERO_INTERVALS, &["2", "«OIL», «WSH»"]).as_str()]
    );
    // Nothing is lost: every row is accepted.
    assert!(ing.rejects.height() == 0, "{:?}", ing.rejects);
}

#[test]
fn regression_a_price_in_dollars_is_rejected_as_one_in_usd_is() {
    // The tester's case: `$1234` was read as 1234 ₽ without a word while `1234 USD` was
    // rejected; `1234 руб 50 коп` was read but `1 234 ₽ 50 коп` was rejected.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "Номер;Дата;Клиент;Марка\nV1;31.10.2026;C1;Kia\n",
    );
    put(
        &data,
        "clients.csv",
        "Код клиента;ФИО;Телефон;Согласие на рассылку\nC1;Иванов;89161234567;да\n",
    );
    put(
        &data,
        "order_lines.csv",
        "Номер заказ-наряда;Код работы;Наименование;Категория;Сумма\nV1;S1;Работа;ремонт;1000\n",
    );
    put(
        &data,
        "price_list.csv",
        "Код работы;Наименование;Категория;Цена\n\
         P00;Услуга 0;ремонт;$1234\n\
         P01;Услуга 1;ремонт;1234 USD\n\
         P02;Услуга 2;ремонт;1 234 ₽ 50 коп\n\
         P03;Услуга 3;ремонт;1234 руб 50 коп\n\
         P04;Услуга 4;ремонт;€ 990\n",
    );
    let rejects = tmp.path().join("rejects.csv");
    stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(&data)
        .arg("--rejects")
        .arg(&rejects)
        .assert()
        .success();
    let r = read_text_csv(&rejects);
    let s = |v: &str| Some(v.to_string());
    assert_eq!(r["value"], [s("$1234"), s("1234 USD"), s("€ 990")]);
    // One reason for every foreign currency: the money reason.
    assert_eq!(r["reason"], vec![s(reasons::MONEY); 3]);
    let out = tmp.path().join("out");
    stoa()
        .args(["report", "-q", "--only", "prices", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let prices = read_text_csv(&out.join("2026-10/tables/prices.csv"));
    assert_eq!(prices["service_code"], [s("P02"), s("P03")]);
    assert_eq!(prices["our_price"], [s("1234.5"), s("1234.5")]);
}

#[test]
fn regression_a_dollar_station_reads_its_dollars_and_rejects_roubles() {
    // Session 29 read the rouble's signs alone whatever `currency` said: a station with
    // `currency = "USD"` had every `$1,234.50` rejected. Now its dollars are read and a
    // sum in roubles is the other currency, rejected naming the station's.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    put(
        &data,
        "stoa.toml",
        "currency = \"USD\"\nlanguage = \"en\"\n",
    );
    put(
        &data,
        "visits.csv",
        "visit_id;opened_at;client_id;brand\nV1;30.10.2026;C1;Kia\nV2;31.10.2026;C1;Kia\n",
    );
    put(&data, "clients.csv", "client_id;name\nC1;Smith\n");
    put(
        &data,
        "order_lines.csv",
        "visit_id;service_code;description;amount\n\
         V1;S1;Oil change;$1,234.50\n\
         V1;S2;Filter;$1,500\n\
         V2;S1;Oil change;1 234 ₽\n\
         V2;S3;Wipers;-$20.00\n",
    );
    put(
        &data,
        "price_list.csv",
        "service_code;description;price\n\
         S1;Oil change;$1,234.50\n\
         S2;Filter;1 500 USD\n\
         S3;Wipers;1 234 ₽\n",
    );
    // `--json` prints the accounting of the inputs, a table each.
    let (inputs, rejects) = check_json(&data);
    let r = read_text_csv(&rejects);
    let s = |v: &str| Some(v.to_string());
    assert_eq!(r["table"], [s("order_lines"), s("price_list")]);
    assert_eq!(r["value"], [s("1 234 ₽"), s("1 234 ₽")]);
    let reason = reasons::fill(reasons::MONEY_IN, &["USD", "USD"]);
    assert!(reason.contains("a sum in another currency than the station's USD"));
    assert_eq!(r["reason"], [s(&reason), s(&reason)]);
    // The dollars read: 1 234,50 + 1 500 (the column's `,` is its thousands mark) − 20.
    let inputs = inputs.as_array().unwrap();
    let lines = inputs.iter().find(|i| i["table"] == "order_lines").unwrap();
    assert_eq!(lines["rows_accepted"].as_u64(), Some(3));
    assert_eq!(lines["money_accepted"].as_f64(), Some(2714.5));
    let prices = inputs.iter().find(|i| i["table"] == "price_list").unwrap();
    assert_eq!(prices["rows_accepted"].as_u64(), Some(2));
}
