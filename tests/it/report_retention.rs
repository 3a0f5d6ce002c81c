//! End to end: the 12-month retention of `managers.csv` follows the station's
//! `retention_12m.csv` — a figure where the base year lies within the data, empty where
//! the base begins before the data's first month.

use std::path::Path;

use crate::common;
use common::{put, stoa};

/// Ivanov's visits: Z in April 2024 (only in the longer data), A and H in March 2025, A
/// again in March 2026 (M); Petrov's D in March 2026. Order lines: a wash each.
fn data(dir: &Path, with_april_2024: bool) -> std::path::PathBuf {
    let data = dir.join(if with_april_2024 { "long" } else { "short" });
    std::fs::create_dir_all(&data).unwrap();
    let mut visits = String::from("visit_id,opened_at,client_id,brand,manager\n");
    if with_april_2024 {
        visits.push_str("V00,2024-04-10 10:00,Z,Kia,Ivanov\n");
    }
    visits.push_str(
        "V12,2025-03-01 10:00,A,Lada,Ivanov\n\
         V10,2025-03-31 10:00,H,Kia,Ivanov\n\
         V01,2026-03-01 10:00,A,Lada,Ivanov\n\
         V05,2026-03-15 10:00,D,Kia,Petrov\n",
    );
    put(&data, "visits.csv", &visits);
    let mut lines = String::from("visit_id,description,amount\n");
    for id in ["V00", "V12", "V10", "V01", "V05"] {
        if with_april_2024 || id != "V00" {
            lines.push_str(&format!("{id},Wash,1000\n"));
        }
    }
    put(&data, "order_lines.csv", &lines);
    put(
        &data,
        "clients.csv",
        "client_id,name\nA,Anna\nD,Dmitry\nH,Hanna\nZ,Zoya\n",
    );
    put(&data, "stoa.toml", "language = \"en\"\n");
    data
}

fn report(data: &Path) -> (String, String) {
    let out = data.join("out");
    stoa()
        .args(["report", "--month", "2026-03", "-q", "--only", "management"])
        .args(["--only", "retention", "--data"])
        .arg(data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let read = |name: &str| std::fs::read_to_string(out.join("2026-03/tables").join(name)).unwrap();
    (read("managers.csv"), read("retention_12m.csv"))
}

/// The `retention_12m` cell of a manager's row of `managers.csv`.
fn retention_of(managers: &str, manager: &str) -> String {
    let header: Vec<&str> = managers.lines().next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "retention_12m").unwrap();
    let row = managers
        .lines()
        .find(|l| l.starts_with(&format!("{manager},")))
        .unwrap();
    row.split(',').nth(at).unwrap().to_string()
}

#[test]
fn regression_managers_retention_is_empty_when_the_base_begins_before_the_data() {
    let tmp = tempfile::tempdir().unwrap();
    // The data begin 2024-04: the base 2024-04 … 2025-03 is known. Ivanov's clientele then
    // is Z, A and H; only A came again in 2025-04 … 2026-03: 1 / 3, as the station's.
    let (managers, station) = report(&data(tmp.path(), true));
    assert_eq!(
        station,
        "base_from,base_to,base_clients,returned,retention\n2024-04,2025-03,3,1,0.3333333333333333\n"
    );
    assert_eq!(retention_of(&managers, "Ivanov"), "0.3333333333333333");
    // The data begin 2025-03: eleven of the base's months are unknown. The station's
    // figure is empty, and Ivanov's was 1 / 2 (A and H, of the one month seen).
    let (managers, station) = report(&data(tmp.path(), false));
    assert_eq!(
        station,
        "base_from,base_to,base_clients,returned,retention\n2024-04,2025-03,,,\n"
    );
    assert_eq!(retention_of(&managers, "Ivanov"), "");
    assert_eq!(retention_of(&managers, "Petrov"), "");
}
