//! A chain whose stations number their repair orders apart (each branch's 1C base starts at
//! `ЗН-000001`): a generated three-station chain renumbered so, reported against the same
//! chain with numbers unique across it. Until session 27 two stations of three were
//! rejected as duplicates and their order lines credited to the first station's visits of
//! the same number, exit 0.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::common;
use common::*;

/// The generated chain `data` as its stations would export it numbering their orders apart
/// (`RO-01-000001` → `RO-000001` at each station), into `dir/name`; the order lines and the
/// feedback say their visit's station (a column `station`) when `say_station`.
fn numbered_apart(data: &Path, dir: &Path, name: &str, say_station: bool) -> PathBuf {
    let to = dir.join(name);
    std::fs::create_dir(&to).unwrap();
    for entry in std::fs::read_dir(data).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
    }
    let stations = text_frame(&data.join("visits.csv"))
        .select(["visit_id", "station"])
        .unwrap();
    let apart = || {
        col("visit_id")
            .str()
            .replace(lit(r"^RO-\d\d-"), lit("RO-"), false)
            .alias("visit_id")
    };
    rewrite_csv(&to.join("visits.csv"), |df| {
        df.lazy().with_column(apart()).collect().unwrap()
    });
    for table in ["order_lines.csv", "feedback.csv"] {
        rewrite_csv(&to.join(table), |df| {
            let mut lf = df.lazy();
            if say_station {
                lf = lf.join(
                    stations.clone().lazy(),
                    [col("visit_id")],
                    [col("visit_id")],
                    JoinArgs {
                        maintain_order: MaintainOrderJoin::Left,
                        ..JoinArgs::new(JoinType::Left)
                    },
                );
            }
            lf.with_column(apart()).collect().unwrap()
        });
    }
    to
}

/// `stoa report --by-station --only management` of `data` into `out`, which must succeed.
fn report(data: &Path, out: &Path) {
    stoa()
        .args([
            "report",
            "--only",
            "management",
            "--by-station",
            "--quiet",
            "--data",
        ])
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

/// The `kpi.csv` of every report under `out` (the chain's and each station's), by path.
fn kpis(out: &Path) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.ends_with("tables/kpi.csv") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path.strip_prefix(out).unwrap().to_path_buf(), text));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn regression_stations_numbering_their_orders_apart_keep_their_visits_and_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate_chain(tmp.path());
    let apart = numbered_apart(&data, tmp.path(), "apart", true);
    report(&data, &tmp.path().join("unique"));
    report(&apart, &tmp.path().join("shared"));
    let unique = kpis(&tmp.path().join("unique"));
    let shared = kpis(&tmp.path().join("shared"));
    // The chain and its three stations, each with the same visits, revenue and every other
    // figure as the chain whose numbers are unique.
    assert_eq!(unique.len(), 4, "{unique:?}");
    assert_eq!(
        shared.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        unique.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in unique.iter().zip(&shared) {
        assert_eq!(a, b, "{}", path.display());
    }
    // Nothing rejected: every visit, line and feedback row found its own.
    let (json, _) = check_json(&apart);
    for input in json.as_array().unwrap() {
        assert_eq!(input["rows_rejected"], 0, "{input}");
    }
}

#[test]
fn regression_lines_that_do_not_say_their_station_stop_a_chain_numbering_its_orders_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate_chain(tmp.path());
    let apart = numbered_apart(&data, tmp.path(), "apart", false);
    let said = "the visit numbers repeat across stations: ";
    let example = "(e.g. «RO-000001», at Centre, North, South), and the order lines in ";
    for command in ["report", "check"] {
        stoa()
            .args([command, "--lang", "en", "--data"])
            .arg(&apart)
            .current_dir(tmp.path())
            .assert()
            .code(1)
            .stderr(predicates::str::contains(said))
            .stderr(predicates::str::contains(example))
            .stderr(predicates::str::contains(
                "export the order lines with the station's column («Филиал»)",
            ));
    }
    stoa()
        .args(["check", "--lang", "ru", "--data"])
        .arg(&apart)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "номера визитов повторяются на разных станциях",
        ));
    // Nothing was written for the chain or a station.
    assert!(!tmp.path().join("reports").exists());
}
