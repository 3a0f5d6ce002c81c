//! End to end: `stoa report --only demand --only prices` on generated data, with
//! `demand_monthly.csv` and `prices.csv` checked for their exact headers, their sorting and
//! against figures recomputed here independently (plain Rust over the generated CSV files,
//! not the library's polars code).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::common;
use common::*;
use std::path::Path;

fn date(text: &str) -> NaiveDate {
    let (y, m, d) = ymd(text);
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// The rows of an output table, header first, as raw text cells.
fn rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            // Output cells of these columns hold no comma except inside quoted
            // descriptions; split respecting quotes.
            let mut cells = vec![String::new()];
            let mut quoted = false;
            for ch in l.chars() {
                match ch {
                    '"' => quoted = !quoted,
                    ',' if !quoted => cells.push(String::new()),
                    c => cells.last_mut().unwrap().push(c),
                }
            }
            cells
        })
        .collect()
}

fn num(cell: &str) -> f64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("{cell:?} is not a number"))
}

#[test]
fn demand_and_prices_match_an_independent_computation() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = tmp.path().join("reports");
    generate_csv(&data, 30);
    stoa()
        .args(["report", "--data"])
        .arg(&data)
        .args(["--only", "demand", "--only", "prices", "--out"])
        .arg(&out)
        .assert()
        .success();
    let month_dir = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .unwrap();
    let m = month_dir.file_name().unwrap().to_str().unwrap().to_string();
    let (my, mm, _) = ymd(&format!("{m}-01"));
    let as_of = date(&format!("{m}-01")) + chrono::Months::new(1) - chrono::Duration::days(1);
    let first_month = {
        let d = date(&format!("{m}-01")) - chrono::Months::new(23);
        d.format("%Y-%m").to_string()
    };
    assert_eq!((my, mm), (2026, 10), "the generated data end in 2026-10");
    let tables = month_dir.join("tables");

    // Done visits up to the as-of date, with their dates.
    let visits = read_text_csv(&data.join("visits.csv"));
    let mut done: BTreeMap<String, NaiveDate> = BTreeMap::new();
    for i in 0..visits["visit_id"].len() {
        let status = visits
            .get("status")
            .map(|s| text(&s[i]))
            .unwrap_or_default();
        let d = date(&text(&visits["opened_at"][i]));
        if (status.is_empty() || status == "done") && d <= as_of {
            done.insert(text(&visits["visit_id"][i]), d);
        }
    }
    let lines = read_text_csv(&data.join("order_lines.csv"));

    // demand_monthly: (month, category) → (visits, kopecks, hours).
    let mut cells: BTreeMap<(String, String), (BTreeSet<String>, i64, f64)> = BTreeMap::new();
    // The sold lines of the 12 months as (service_code, description), for volume_12m.
    let mut in_window: Vec<(Option<String>, String)> = Vec::new();
    for (i, id) in lines["visit_id"].iter().enumerate() {
        let id = text(id);
        let Some(d) = done.get(&id) else { continue };
        if truthy(&lines["declined"][i]) {
            continue;
        }
        let month = d.format("%Y-%m").to_string();
        if month >= first_month {
            let cell = cells
                .entry((month, text(&lines["category"][i])))
                .or_default();
            cell.0.insert(id.clone());
            cell.1 += kopecks(&text(&lines["amount"][i]));
            cell.2 += lines["norm_hours"][i].as_deref().map_or(0.0, num);
        }
        if (as_of - *d).num_days() < 365 {
            in_window.push((
                lines["service_code"][i].clone(),
                text(&lines["description"][i]),
            ));
        }
    }
    let demand = rows(&tables.join("demand_monthly.csv"));
    assert_eq!(
        demand[0],
        ["month", "category", "visits", "revenue", "norm_hours"]
    );
    let body = &demand[1..];
    assert!(body
        .windows(2)
        .all(|w| (&w[0][0], &w[0][1]) < (&w[1][0], &w[1][1])));
    assert_eq!(body.len(), cells.len());
    assert_eq!(body[0][0], first_month);
    assert_eq!(body.last().unwrap()[0], m);
    for (row, ((month, category), (ids, kop, hours))) in body.iter().zip(&cells) {
        assert_eq!((&row[0], &row[1]), (month, category));
        assert_eq!(num(&row[2]), ids.len() as f64, "{row:?}");
        assert_eq!(num(&row[3]), *kop as f64 / 100.0, "{row:?}");
        assert!((num(&row[4]) - hours).abs() < 1e-9, "{row:?}");
    }

    // demand_by_category: every one of the 24 months, a column per category sold, the
    // visits of demand_monthly (0 where it has no row).
    let wide = rows(&tables.join("demand_by_category.csv"));
    let sold: BTreeSet<&String> = cells.keys().map(|(_, c)| c).collect();
    assert_eq!(wide[0][0], "month");
    assert_eq!(wide[0].len(), 1 + sold.len(), "{:?}", wide[0]);
    assert_eq!(wide.len(), 1 + 24);
    assert_eq!(wide[1][0], first_month);
    assert_eq!(wide[24][0], m);
    for row in &wide[1..] {
        for (category, cell) in wide[0][1..].iter().zip(&row[1..]) {
            let want = cells
                .get(&(row[0].clone(), category.clone()))
                .map_or(0, |c| c.0.len());
            assert_eq!(num(cell), want as f64, "{} {category}", row[0]);
        }
    }

    // prices: fresh latest price per competitor, matched by code else description.
    let list = read_text_csv(&data.join("price_list.csv"));
    let codes: Vec<String> = list["service_code"].iter().map(text).collect();
    let ours: BTreeMap<String, i64> = codes
        .iter()
        .zip(&list["price"])
        .map(|(c, p)| (c.clone(), kopecks(&text(p))))
        .collect();
    let by_description: BTreeMap<String, String> = codes
        .iter()
        .zip(&list["description"])
        .rev()
        .map(|(c, d)| (text(d).trim().to_lowercase(), c.clone()))
        .collect();
    // A line counts for its code when the list has it, else for the service its
    // description names (as a competitor's row is matched).
    let mut volume: BTreeMap<String, i64> = BTreeMap::new();
    for (code, description) in &in_window {
        let service = match code {
            Some(c) if ours.contains_key(c) => Some(c.clone()),
            _ => by_description
                .get(&description.trim().to_lowercase())
                .cloned(),
        };
        if let Some(service) = service {
            *volume.entry(service).or_default() += 1;
        }
    }
    let comp = read_text_csv(&data.join("competitor_prices.csv"));
    // (service, competitor) → (date, row, kopecks), the latest fresh one.
    let mut latest: BTreeMap<(String, String), (NaiveDate, usize, i64)> = BTreeMap::new();
    for (i, observed) in comp["observed_at"].iter().enumerate() {
        let d = date(&text(observed));
        let age = (as_of - d).num_days();
        if !(0..=180).contains(&age) {
            continue;
        }
        let code = text(&comp["service_code"][i]);
        let service = if ours.contains_key(&code) {
            Some(code)
        } else {
            by_description
                .get(&text(&comp["description"][i]).trim().to_lowercase())
                .cloned()
        };
        let Some(service) = service else { continue };
        let key = (service, text(&comp["competitor"][i]).trim().to_string());
        let obs = (d, i, kopecks(&text(&comp["price"][i])));
        if latest
            .get(&key)
            .is_none_or(|old| (old.0, old.1) < (obs.0, obs.1))
        {
            latest.insert(key, obs);
        }
    }
    let prices = rows(&tables.join("prices.csv"));
    assert_eq!(
        prices[0],
        [
            "service_code",
            "description",
            "our_price",
            "competitors",
            "min",
            "median",
            "max",
            "price_index",
            "rank",
            "position",
            "volume_12m",
            "revenue_gap"
        ]
    );
    let body = &prices[1..];
    assert_eq!(body.len(), ours.len(), "every price-list service has a row");
    assert!(body.windows(2).all(|w| w[0][0] < w[1][0]));
    let mut priced = 0;
    for row in body {
        let code = &row[0];
        let mine = ours[code];
        let mut theirs: Vec<i64> = latest
            .iter()
            .filter(|((s, _), _)| s == code)
            .map(|(_, v)| v.2)
            .collect();
        theirs.sort();
        assert_eq!(num(&row[2]), mine as f64 / 100.0, "{row:?}");
        assert_eq!(num(&row[3]), theirs.len() as f64, "{row:?}");
        let below = theirs.iter().filter(|p| **p < mine).count();
        assert_eq!(num(&row[8]), 1.0 + below as f64, "{row:?}");
        assert_eq!(
            num(&row[10]),
            *volume.get(code).unwrap_or(&0) as f64,
            "{row:?}"
        );
        if theirs.is_empty() {
            assert!(
                row[5].is_empty() && row[7].is_empty() && row[9].is_empty(),
                "{row:?}"
            );
            continue;
        }
        priced += 1;
        let n = theirs.len();
        let median = if n % 2 == 1 {
            theirs[n / 2] as f64
        } else {
            (theirs[n / 2 - 1] + theirs[n / 2]) as f64 / 2.0
        };
        assert!((num(&row[5]) - median / 100.0).abs() < 1e-9, "{row:?}");
        let index = 100.0 * mine as f64 / median;
        assert!((num(&row[7]) - index).abs() < 1e-9, "{row:?}");
        let position = if index < 95.0 {
            "below"
        } else if index > 105.0 {
            "above"
        } else {
            "at"
        };
        assert_eq!(row[9], position, "{row:?}");
    }
    assert!(
        priced > 0,
        "the generated data hold fresh competitor prices"
    );
    let forecast = rows(&tables.join("demand_forecast.csv"));
    assert_eq!(
        forecast[0][..6],
        [
            "category",
            "month",
            "forecast",
            "method",
            "mape",
            "mape_seasonal_naive"
        ]
    );
    assert!(forecast.len() > 1);
}

/// A station of one visit in 2026-03 with a price list of A «Мойка кузова» 700 and B
/// «Балансировка колёс» 1000, and the given competitor prices
/// (`competitor;description;price;observed_at` rows); `stoa report --only prices --month
/// 2026-03` (as of 2026-03-31) must succeed. The report's folder.
fn prices_report(dir: &Path, competitor_rows: &str) -> std::path::PathBuf {
    let data = small_data(
        dir,
        "visit_id;opened_at;client_id;brand\nV1;2026-03-10 10:00;C1;Kia\n",
        "V1;Мойка;700\n",
    );
    put(
        &data,
        "price_list.csv",
        "service_code;description;price\nA;Мойка кузова;700\nB;Балансировка колёс;1000\n",
    );
    put(
        &data,
        "competitor_prices.csv",
        &format!("competitor;description;price;observed_at\n{competitor_rows}"),
    );
    let out = dir.join("reports");
    let run = stoa()
        .args(["report", "--only", "prices", "--month", "2026-03", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out.join("2026-03")
}

#[test]
fn regression_zero_prices_are_rejected_and_names_are_folded() {
    // A dash and a 0 (not offered) are rejected, not prices of 0. «Мойка кузова» with a
    // non-breaking space and with two spaces finds A; «колес» finds B's «колёс». «Гараж
    // №1» and «гараж № 1» are one shop: its latest price, 800, counts once. So A: one
    // competitor at 800, index 100 × 700 / 800 = 87.5, below; B: 900, index 111.1…, above.
    let tmp = tempfile::tempdir().unwrap();
    let report = prices_report(
        tmp.path(),
        "Мотор;Мойка кузова;—;2026-03-10\n\
         Дилер;Мойка кузова;0;2026-03-10\n\
         Гараж №1;Мойка\u{a0}кузова;600;2026-03-01\n\
         гараж № 1;мойка  кузова;800;2026-03-05\n\
         АвтоПрофи;Балансировка колес;900;2026-03-10\n",
    );
    let prices = rows(&report.join("tables/prices.csv"));
    let a: Vec<&str> = prices[1].iter().map(String::as_str).collect();
    assert_eq!(
        a[..10],
        [
            "A",
            "Мойка кузова",
            "700",
            "1",
            "800",
            "800",
            "800",
            "87.5",
            "1",
            "below"
        ]
    );
    let b = &prices[2];
    assert_eq!(
        (b[3].as_str(), b[5].as_str(), b[9].as_str()),
        ("1", "900", "above")
    );
    assert_eq!(rows(&report.join("tables/prices_unmatched.csv")).len(), 1);
    let rejects = rows(&report.join("tables/rejects.csv"));
    let zero: Vec<(&str, &str)> = rejects[1..]
        .iter()
        .filter(|r| r[6] == stoa::ingest::reasons::ZERO_COMPETITOR_PRICE)
        .map(|r| (r[3].as_str(), r[5].as_str()))
        .collect();
    assert_eq!(zero, [("2", "—"), ("3", "0")]);
    let competitors = rows(&report.join("tables/prices_competitors.csv"));
    let names: BTreeSet<&str> = competitors[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, BTreeSet::from(["АвтоПрофи", "Гараж №1"]));
}

#[test]
fn regression_no_fresh_competitor_price_is_a_warning() {
    // As of 2026-03-31: 2025-01-01 is older than 180 days, 2026-04-02 after the as-of date.
    let tmp = tempfile::tempdir().unwrap();
    let report = prices_report(
        tmp.path(),
        "Мотор;Мойка кузова;650;2025-01-01\nДилер;Мойка кузова;660;2026-04-02\n",
    );
    let manifest = std::fs::read_to_string(report.join("manifest.json")).unwrap();
    let said = stoa::ingest::reasons::fill(
        stoa::ingest::reasons::STALE_COMPETITORS,
        &["2", "2026-03-31", "1", "180", "2025-01-01", "1"],
    );
    assert!(manifest.contains(&said), "{manifest}");
}

#[test]
fn regression_order_lines_without_a_code_count_in_volume_12m_by_their_description() {
    // Three lines without a service code: «мойка  кузова» (A by its folded description),
    // «Балансировка колес» (B: ё as е) and «Мойка» (no service). volume_12m A 1, B 1,
    // where it was 0 for both, and A's revenue gap 1 × (800 − 700).
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(
        tmp.path(),
        "visit_id;opened_at;client_id;brand\nV1;2026-03-10 10:00;C1;Kia\n",
        "V1;мойка  кузова;700\nV1;Балансировка колес;1000\nV1;Мойка;300\n",
    );
    put(
        &data,
        "price_list.csv",
        "service_code;description;price\nA;Мойка кузова;700\nB;Балансировка колёс;1000\n",
    );
    put(
        &data,
        "competitor_prices.csv",
        "competitor;description;price;observed_at\nГараж;Мойка кузова;800;2026-03-01\n",
    );
    let out = tmp.path().join("reports");
    stoa()
        .args(["report", "--only", "prices", "--month", "2026-03", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let prices = rows(&out.join("2026-03/tables/prices.csv"));
    let at = |name: &str| prices[0].iter().position(|c| c == name).unwrap();
    assert_eq!(prices[1][0], "A");
    assert_eq!(prices[1][at("volume_12m")], "1");
    assert_eq!(prices[1][at("revenue_gap")], "100");
    assert_eq!(prices[2][0], "B");
    assert_eq!(prices[2][at("volume_12m")], "1");
}
