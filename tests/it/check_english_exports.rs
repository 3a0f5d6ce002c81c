//! Exports of an accounting system in an English locale: slash dates month first, decided
//! with the evidence of every date column of the data, and ids headed `Visit No.`,
//! `RO #`, `Customer ID`. Each runs the binary on small files built here.

use std::path::Path;

use crate::common;
use common::{put, read_text_csv, stoa};

/// `stoa ARGS --lang en --data DIR`: exit code and everything it printed.
fn run(args: &[&str], dir: &Path) -> (i32, String) {
    let out = stoa()
        .args(args)
        .args(["--lang", "en", "--data"])
        .arg(dir)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// Visits V1 to V`days` of clients C1…, one a day from 1 September 2026 at 9:00 AM, as an
/// English Excel writes them (`9/13/2026 9:00 AM`), closed at 2:00 PM, promised for 3:00 PM
/// on the first `promised` days only; their clients and one wash each.
fn put_visits(dir: &Path, days: u32, promised: u32) {
    let mut visits = String::from("visit_id,Date,Client,Make,Closed,Promised\n");
    let mut clients = String::from("client_id,name\n");
    let mut lines = String::from("visit_id,service_code,description,amount\n");
    for d in 1..=days {
        let promise = match d <= promised {
            true => format!("9/{d}/2026 3:00 PM"),
            false => String::new(),
        };
        visits.push_str(&format!(
            "V{d},9/{d}/2026 9:00 AM,C{d},Kia,9/{d}/2026 2:00 PM,{promise}\n"
        ));
        clients.push_str(&format!("C{d},N{d}\n"));
        lines.push_str(&format!("V{d},W1,Wash,\"1,000.00\"\n"));
    }
    put(dir, "visits.csv", &visits);
    put(dir, "clients.csv", &clients);
    put(dir, "order_lines.csv", &lines);
    put(
        dir,
        "price_list.csv",
        "service_code,description,price\nW1,Wash,\"1,000.00\"\n",
    );
}

#[test]
fn regression_a_date_column_of_the_first_ten_days_follows_the_columns_beside_it() {
    // `Promised` filled for 1–10 September only: each of its dates has both numbers 12 or
    // less, and it was read day first beside `Date` and `Closed` read month first
    // (`9/1/2026 3:00 PM` on 9 January): on-time rate 0.2 instead of 1, without a word.
    // Competitor prices of `9/1/2026` and `8/3/2026` were filed under January and March,
    // stale: no competitor in the comparison.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    put_visits(&data, 20, 10);
    put(
        &data,
        "competitor_prices.csv",
        "competitor,service_code,price,observed_at\n\
         Alpha,W1,\"1,200.00\",9/1/2026\n\
         Beta,W1,\"1,100.00\",9/1/2026\n\
         Gamma,W1,\"900.00\",8/3/2026\n",
    );
    let out = dir.path().join("out");
    let (code, said) = run(
        &[
            "report",
            "--month",
            "2026-09",
            "--out",
            out.to_str().unwrap(),
        ],
        &data,
    );
    assert_eq!(code, 0, "{said}");
    let kpi = std::fs::read_to_string(out.join("2026-09/tables/kpi.csv")).unwrap();
    assert!(kpi.contains("on_time_rate,2026-09,1\n"), "{kpi}");
    let prices = read_text_csv(&out.join("2026-09/tables/prices.csv"));
    let one = |c: &str| prices[c][0].clone().unwrap_or_default();
    assert_eq!(
        (one("competitors"), one("median")),
        ("3".into(), "1100".into())
    );
    // Each follower's warning names the column it followed and a date that decided.
    assert!(
        said.contains("the column «Promised» of ")
            && said.contains("is read month first, as the column «Date» of ",)
            && said.contains("whose dates such as «9/13/2026 9:00 AM» can be read no other way"),
        "{said}"
    );
    assert!(
        said.contains("the column «observed_at» of ")
            && said.contains("competitor_prices.csv is read month first, as the column «Date»"),
        "{said}"
    );
}

#[test]
fn regression_a_file_read_before_the_one_that_decides_follows_it_too() {
    // Visits of 1–12 September only show no order; the competitor prices, read after
    // them, show month first (`9/16/2026`): the visits are read so too.
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path(), 12, 0);
    put(
        dir.path(),
        "competitor_prices.csv",
        "competitor,service_code,price,observed_at\nAlpha,W1,\"1,200.00\",9/16/2026\n",
    );
    let (code, said) = run(&["check"], dir.path());
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("visits.csv is read month first, as the column «observed_at» of "),
        "{said}"
    );
    // Visits of 1 to 12 September, not of 9 January to 9 December: the report finds
    // no complete month in them.
    let out = dir.path().join("out");
    let (code, said) = run(&["report", "--out", out.to_str().unwrap()], dir.path());
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("its visits run from 2026-09-01 to 2026-09-12"),
        "{said}"
    );
}

#[test]
fn files_whose_dates_show_different_orders_keep_their_own_with_a_warning() {
    // The visits show month first (`9/13/2026`), the competitor prices day first
    // (`16/09/2026`): each is read as it shows, and a warning names both.
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path(), 20, 0);
    put(
        dir.path(),
        "competitor_prices.csv",
        "competitor,service_code,price,observed_at\n\
         Alpha,W1,\"1,200.00\",16/09/2026\n\
         Beta,W1,\"1,100.00\",03/09/2026\n",
    );
    let (code, said) = run(&["check"], dir.path());
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("visits.csv are written month first (the column «Date» has «9/13/2026")
            && said.contains(
                "competitor_prices.csv day first (the column «observed_at» has «16/09/2026», which can be read no other way)"
            ),
        "{said}"
    );
}

#[test]
fn regression_a_file_of_dates_written_both_ways_is_said_by_check() {
    // Visits whose `Closed` was typed over by hand in Russian (`13.09.2026 14:00`) beside
    // an English `Date` (`9/13/2026 9:00 AM`): each read as written, and nothing said.
    let dir = tempfile::tempdir().unwrap();
    put_visits(dir.path(), 20, 0);
    let path = dir.path().join("visits.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace("9/13/2026 2:00 PM", "13.09.2026 14:00");
    std::fs::write(&path, text).unwrap();
    let (code, said) = run(&["check"], dir.path());
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("are written both day first and month first")
            && said.contains("the column «Closed» has «13.09.2026 14:00»")
            && said.contains("1 date cell is read day first")
            && said.contains("and 39 month first"),
        "{said}"
    );
}

#[test]
fn regression_english_headers_of_ids_are_read() {
    // `Visit No.` named no column: the run stopped for want of the visits' number.
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "Visit No.,Date,Customer #,Make\nV1,05.09.2026 10:00,C1,Kia\nV2,06.09.2026 11:00,C2,Kia\n",
    );
    put(
        dir.path(),
        "order_lines.csv",
        "RO #,Description,Amount\nV1,Wash,1000\nV2,Wash,500\n",
    );
    put(
        dir.path(),
        "clients.csv",
        "Customer ID,Name\nC1,Ivan\nC2,Petr\n",
    );
    let (code, said) = run(&["check"], dir.path());
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("No rows were rejected."), "{said}");
    // Read whole, not by a first word: no warning of a loose header.
    assert!(!said.contains("by the first words of its header"), "{said}");
    for header in ["WO #", "Repair order No", "Order No", "Visit #"] {
        put(
            dir.path(),
            "visits.csv",
            &format!("{header},Date,Client No,Make\nV1,05.09.2026 10:00,C1,Kia\nV2,06.09.2026 11:00,C2,Kia\n"),
        );
        let (code, said) = run(&["check"], dir.path());
        assert_eq!(code, 0, "{header}: {said}");
    }
}
