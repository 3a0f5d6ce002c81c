//! End to end: `stoa split` on a generated three-station chain. Every accepted row lands in
//! a folder (counts made here from the generated CSV and `stoa check --json`), a station's
//! folder reports the same tables as the station out of the whole chain, the same data
//! splits to the same bytes, and data without stations is refused with exit code 1. A
//! folder or file in the output folder that no earlier split wrote is never replaced,
//! moved or removed: the split is refused with exit code 2 and writes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::common;
use common::*;

/// Север with a visit on `sever_day` and Центр with two (10.01 and 31.03.2026), their
/// settings `toml`, split quietly into `dir/parts`: the parts folder.
fn chain_of_two(dir: &Path, sever_day: &str, toml: &str) -> PathBuf {
    let data = small_data(
        dir,
        &format!(
            "visit_id;opened_at;client_id;brand;station\n\
             1;{sever_day};C1;Lada;Север\n\
             2;10.01.2026;C2;Kia;Центр\n\
             3;31.03.2026;C2;Kia;Центр\n"
        ),
        "1;ТО;1000\n2;ТО;2000\n3;Мойка;500\n",
    );
    put(&data, "stoa.toml", toml);
    let parts = dir.join("parts");
    split(&data, &parts, &["--quiet"]).success();
    parts
}

/// `stoa split --data DATA --out OUT` with `extra` options, run to its end; in English
/// unless `extra` has a `--lang`.
fn split(data: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    let lang: &[&str] = match extra.contains(&"--lang") {
        true => &[],
        false => &["--lang", "en"],
    };
    stoa()
        .arg("split")
        .args(lang)
        .args(extra)
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
}

/// Rows of `table` written into each folder of a `split.json`, by folder.
fn rows(manifest: &serde_json::Value, table: &str) -> Vec<(String, u64)> {
    manifest["folders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["folder"].as_str().unwrap().to_string(),
                f["rows"][table].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn every_accepted_row_lands_in_one_folder_and_a_station_reports_as_in_the_chain() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate_chain_blanking(tmp.path(), 5);
    let parts = tmp.path().join("parts");
    split(&data, &parts, &[])
        .success()
        .stdout(predicates::str::contains("_no-station"));

    // The stations, as counted here from the generated CSV.
    let visits = read_text_csv(&data.join("visits.csv"));
    let mut names: Vec<String> = visits["station"].iter().flatten().cloned().collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), 3);
    let tsv = std::fs::read_to_string(parts.join("stations.tsv")).unwrap();
    let listed: Vec<&str> = tsv.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(listed.len(), 3);
    for name in &names {
        assert!(listed.contains(&name.as_str()), "{name} not in {tsv}");
    }

    // Visits, lines and feedback add up to what ingest accepted; the five blank visits are
    // in `_no-station`; every station folder has the whole price list.
    let accepted = check_inputs(&data);
    let manifest = read_json(&parts.join("split.json"));
    for input in accepted.as_array().unwrap() {
        let table = input["table"].as_str().unwrap();
        let n = input["rows_accepted"].as_u64().unwrap();
        let per_folder = rows(&manifest, table);
        match table {
            "visits" | "order_lines" | "feedback" => {
                assert_eq!(per_folder.iter().map(|(_, r)| r).sum::<u64>(), n, "{table}")
            }
            "clients" => assert!(per_folder.iter().map(|(_, r)| r).sum::<u64>() >= n),
            _ => assert!(per_folder.iter().all(|(_, r)| *r == n), "{table}"),
        }
    }
    let blank = rows(&manifest, "visits")
        .into_iter()
        .find(|(f, _)| f == "_no-station");
    assert_eq!(blank, Some(("_no-station".to_string(), 5)));

    // A station's folder on its own gives the station's tables of the whole chain (the
    // chain's own rejects aside: the split has them in rejects.csv).
    let name = &names[0];
    let slug = tsv
        .lines()
        .find(|l| l.ends_with(&format!("\t{name}")))
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let month = "2026-09";
    let (whole, alone) = (tmp.path().join("whole"), tmp.path().join("alone"));
    for (dir, out) in [(data.clone(), &whole), (parts.join(&slug), &alone)] {
        report(
            &dir,
            out,
            &[
                ["--station", name, "--month", month, "--quiet"].as_slice(),
                &["--only", "management", "--only", "loyalty"],
                &["--only", "service_due", "--only", "retention"],
            ]
            .concat(),
        )
        .success();
    }
    let folder = |out: &Path| out.join("stations").join(&slug).join(month);
    for table in [
        "kpi",
        "managers",
        "loyalty",
        "service_due",
        "cohorts",
        "rfm",
    ] {
        let path = format!("tables/{table}.csv");
        assert_eq!(
            std::fs::read_to_string(folder(&whole).join(&path)).unwrap(),
            std::fs::read_to_string(folder(&alone).join(&path)).unwrap(),
            "{path}"
        );
    }

    // The same data splits to the same bytes, replacing the folders of the first run. A
    // station folder the earlier split listed and this one does not have goes; a folder
    // of the user's that no split wrote stays.
    let first = std::fs::read(parts.join(&slug).join("order_lines.parquet")).unwrap();
    std::fs::create_dir(parts.join("closed-station")).unwrap();
    std::fs::create_dir(parts.join("notes")).unwrap();
    let mut tsv_before = tsv.clone();
    tsv_before.push_str("closed-station\tClosed\n");
    std::fs::write(parts.join("stations.tsv"), tsv_before).unwrap();
    split(&data, &parts, &["--quiet"]).success();
    let again = std::fs::read(parts.join(&slug).join("order_lines.parquet")).unwrap();
    assert!(first == again, "a second split wrote other bytes");
    assert!(!parts.join("closed-station").exists());
    assert!(parts.join("notes").is_dir());
    assert_eq!(
        std::fs::read_to_string(parts.join("stations.tsv")).unwrap(),
        tsv
    );
    let leftovers = hidden(&parts);
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn data_without_stations_is_not_split() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    generate_csv(&data, 3);
    // The single-station generator may still name its station: drop the column.
    rewrite_csv(&data.join("visits.csv"), |visits| {
        match visits.column("station") {
            Ok(_) => visits.drop("station").unwrap(),
            Err(_) => visits,
        }
    });
    let out = tmp.path().join("parts");
    split(&data, &out, &[])
        .code(1)
        .stderr(predicates::str::contains("nothing to split"));
    assert!(!out.join("split.json").exists());
}

#[test]
fn regression_two_stations_of_one_folder_are_refused_before_anything_is_written() {
    // `North-2` and `North 2` both make `north-2`: the split wrote one folder, then failed
    // with "No such file or directory" (exit 3), leaving the folders it had moved.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate_chain(tmp.path());
    rewrite_csv(&data.join("visits.csv"), |visits| {
        visits
            .lazy()
            .with_column(
                when(col("station").eq(lit("North")))
                    .then(lit("North-2"))
                    .when(col("station").eq(lit("South")))
                    .then(lit("North 2"))
                    .otherwise(col("station"))
                    .alias("station"),
            )
            .collect()
            .unwrap()
    });
    let out = tmp.path().join("parts");
    split(&data, &out, &[])
        .code(1)
        .stderr(predicates::str::contains(
            "the stations \"North 2\" and \"North-2\" would share the folder",
        ));
    let written: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
    // The report refuses `--by-station` for the same reason.
    report(&data, &tmp.path().join("reports"), &["-q", "--by-station"])
        .code(1)
        .stderr(predicates::str::contains("would share the report folder"));
}

#[test]
fn regression_a_station_folder_takes_the_chains_month_when_its_own_visits_end_earlier() {
    // Север's last visit is in January, the chain's on 31 March: the chain's report month
    // is March, and Север's folder must report March too, as `--station Север` out of the
    // chain does (its reminders and win-back calls are due whether or not it had visits).
    // The folder stopped with "the month 2026-03 is outside the data" before.
    let tmp = tempfile::tempdir().unwrap();
    let parts = chain_of_two(
        tmp.path(),
        "15.01.2026",
        "station = \"Сеть\"\r\nlanguage = \"en\"",
    );
    let toml = std::fs::read_to_string(parts.join("sever/stoa.toml")).unwrap();
    // The chain's settings, with the station's name (see
    // regression_a_station_folder_is_its_station_with_its_own_capacity).
    assert!(
        toml.contains("\nstation = \"Север\"\nlanguage = \"en\"\n")
            && toml
                .contains("[chain]\nfirst_visit = \"2026-01-10\"\nlast_visit = \"2026-03-31\"\n"),
        "{toml}"
    );
    let out = tmp.path().join("reports");
    let report = |month: Option<&str>| {
        let mut args = vec!["--station", "Север", "--only", "winback", "--quiet"];
        args.extend(month.map(|m| ["--month", m]).into_iter().flatten());
        report(&parts.join("sever"), &out, &args)
    };
    report(None).success();
    assert!(out.join("stations/sever/2026-03/manifest.json").is_file());
    // February: after Север's last visit, inside the chain's span.
    report(Some("2026-02")).success();
    // Outside the chain's span is still a usage error.
    report(Some("2026-05")).code(2);
    report(Some("2025-12")).code(2);
}

#[test]
fn regression_a_station_folder_is_its_station_with_its_own_capacity() {
    // A station's folder kept the chain's stoa.toml: `stoa report` on it without
    // --station titled one station's figures with the chain's name and computed its bay
    // load against all the stations' bays (9 instead of 3), without a word. Now the
    // folder's `station` is the station and its [capacity] the station's own, so its
    // report is the station's, with --station or without, as out of the whole chain.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate_chain(tmp.path());
    let chain = stoa::config::Config::load(None, &data).unwrap();
    let parts = tmp.path().join("parts");
    split(&data, &parts, &["--quiet"]).success();
    let tsv = std::fs::read_to_string(parts.join("stations.tsv")).unwrap();
    let (slug, name) = tsv.lines().next().unwrap().split_once('\t').unwrap();
    let folder = parts.join(slug);
    let own = stoa::config::Config::load(None, &folder).unwrap();
    let station = stoa::stations::Station::new(name);
    let bays = stoa::stations::own_capacity(&chain, &station).unwrap().bays;
    assert!(
        bays < chain.capacity.bays,
        "{bays} of {}",
        chain.capacity.bays
    );
    assert_eq!(own.station, name);
    assert_eq!(
        own.capacity,
        stoa::stations::config_for(&chain, &station).capacity
    );
    // The rest as the chain's.
    assert_eq!(
        (&own.language, &own.loyalty, &own.stations),
        (&chain.language, &chain.loyalty, &chain.stations)
    );

    let month = "2026-09";
    let report = |dir: &Path, out: &Path, station: Option<&str>| {
        let mut args = vec!["--month", month, "--only", "management", "--only", "demand"];
        args.extend(station.map(|s| ["--station", s]).into_iter().flatten());
        report(dir, out, &args).success()
    };
    let (plain, named, whole) = (
        tmp.path().join("plain"),
        tmp.path().join("named"),
        tmp.path().join("whole"),
    );
    use predicates::prelude::PredicateBooleanExt;
    report(&folder, &plain, None).stderr(predicates::str::contains("stoa split").not());
    report(&folder, &named, Some(name));
    report(&data, &whole, Some(name));
    // Without --station the folder's report lands where --station puts it, apart from
    // the chain's (it replaced the chain's report of the month).
    let plain = plain.join("stations").join(slug).join(month);
    let manifest = read_json(&plain.join("manifest.json"));
    assert_eq!(manifest["parameters"]["station"], name);
    assert_eq!(manifest["parameters"]["capacity"]["bays"], bays);
    let tables = |dir: &Path| -> BTreeMap<String, String> {
        std::fs::read_dir(dir.join("tables"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let text = std::fs::read_to_string(e.path()).unwrap();
                (e.file_name().to_string_lossy().into_owned(), text)
            })
            .collect()
    };
    let station_dir = |out: &Path| out.join("stations").join(slug).join(month);
    let plain = tables(&plain);
    assert!(
        plain.contains_key("demand_bay_load.csv"),
        "{:?}",
        plain.keys()
    );
    assert_eq!(plain, tables(&station_dir(&named)));
    assert_eq!(plain, tables(&station_dir(&whole)));
}

#[test]
fn regression_a_station_folder_without_a_capacity_of_its_own_says_so() {
    // The chain's settings give no station a capacity: the folder keeps the chain's
    // [capacity], and its report says that the load is computed against it.
    let tmp = tempfile::tempdir().unwrap();
    let parts = chain_of_two(
        tmp.path(),
        "15.03.2026",
        "station = \"Сеть\"\nlanguage = \"en\"\n[capacity]\nbays = 6\n",
    );
    let own = stoa::config::Config::load(None, &parts.join("sever")).unwrap();
    assert_eq!((own.station.as_str(), own.capacity.bays), ("Север", 6));
    let out = tmp.path().join("out");
    report(&parts.join("sever"), &out, &["--only", "demand"])
        .success()
        .stderr(predicates::str::contains(
            "is the station \"Север\" of a chain split by `stoa split`",
        ));
    // Without --station too, the folder's report lands as the station's.
    let manifest = read_json(&out.join("stations/sever/2026-03/manifest.json"));
    let said = manifest["warnings"].to_string();
    assert!(said.contains("[capacity] (6 bays)"), "{said}");
}

#[test]
fn regression_a_station_folder_does_not_keep_the_chains_file_names() {
    // The chain names its visits' file under [files]; the folder's file is visits.parquet,
    // and the copied [files] stopped the folder's report with exit code 2.
    let tmp = tempfile::tempdir().unwrap();
    let data = small_data(
        tmp.path(),
        "visit_id;opened_at;client_id;brand;station\n\
         1;15.03.2026;C1;Lada;Север\n\
         2;10.03.2026;C2;Kia;Центр\n",
        "1;ТО;1000\n2;ТО;2000\n",
    );
    std::fs::rename(data.join("visits.csv"), data.join("export.csv")).unwrap();
    put(&data, "stoa.toml", "[files]\nvisits = \"export.csv\"\n");
    let parts = tmp.path().join("parts");
    split(&data, &parts, &["--quiet"]).success();
    report(
        &parts.join("sever"),
        &tmp.path().join("out"),
        &["--quiet", "--month", "2026-03", "--only", "management"],
    )
    .success();
}

/// Visits of Север and Центр, one visit without a station (so a `_no-station` folder) and
/// one of Юг with an impossible date (so a rejected row, and Юг no station of the split).
const VISITS: &str = "visit_id;opened_at;client_id;brand;station\n\
                      1;15.01.2026;C1;Lada;Север\n\
                      2;10.01.2026;C2;Kia;Центр\n\
                      3;31.03.2026;C2;Kia;\n\
                      4;40.03.2026;C1;Kia;Юг\n";

/// The user's notes in the folder `name` of `out`, which no split wrote.
fn put_notes(out: &Path, name: &str) {
    std::fs::create_dir_all(out.join(name)).unwrap();
    std::fs::write(out.join(name).join("notes.txt"), "precious\n").unwrap();
}

/// The user's notes in the folder `name` of `out` are still there, as they were.
fn assert_notes_kept(out: &Path, name: &str) {
    assert_eq!(
        std::fs::read(out.join(name).join("notes.txt")).unwrap(),
        b"precious\n"
    );
}

/// The visits of [`VISITS`] that `keep` keeps, as the visits of `data`.
fn put_visits_where(data: &Path, keep: impl Fn(&str) -> bool) {
    let kept: String = VISITS
        .lines()
        .filter(|l| keep(l))
        .map(|l| format!("{l}\n"))
        .collect();
    put(data, "visits.csv", &kept);
}

/// A small chain of [`VISITS`] in `dir/data`.
fn stations_data(dir: &Path) -> PathBuf {
    small_data(dir, VISITS, "1;ТО;1000\n2;ТО;2000\n3;Мойка;500\n")
}

/// The split of `data` into `out` is refused with exit code 2, naming `path` (in `out`)
/// and another --out, and `out` is left exactly as it was ([`tree`]: every folder, file
/// and its bytes, hidden ones too).
fn refused(data: &Path, out: &Path, path: &str, says: &str) {
    let before = tree(out);
    let path = out.join(path);
    split(data, out, &["--quiet"])
        .code(2)
        .stderr(predicates::str::contains(format!(
            "{} {says}",
            path.display()
        )))
        .stderr(predicates::str::contains(
            "move it away, or choose another --out",
        ));
    assert_eq!(
        tree(out),
        before,
        "the refused split changed {}",
        out.display()
    );
}

#[test]
fn regression_a_folder_named_like_a_station_is_kept_when_no_split_wrote_there() {
    // The split replaced `parts/sever` with Север's folder and deleted the user's notes:
    // no stations.tsv lists it, so no split wrote it.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let out = tmp.path().join("parts");
    put_notes(&out, "sever");
    refused(
        &data,
        &out,
        "sever",
        &format!(
            "is not a folder an earlier `stoa split` wrote (there is no {} to list it)",
            out.join("stations.tsv").display()
        ),
    );
    assert_notes_kept(&out, "sever");
}

#[test]
fn regression_a_folder_the_earlier_split_did_not_list_is_kept() {
    // A station new to the data (Юг) met the user's own `parts/yug` beside an earlier
    // split's output, and replaced it: stations.tsv lists sever and tsentr only.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let out = tmp.path().join("parts");
    split(&data, &out, &["--quiet"]).success();
    put_notes(&out, "yug");
    put(
        &data,
        "visits.csv",
        &format!("{VISITS}5;01.02.2026;C1;Lada;Юг\n"),
    );
    refused(
        &data,
        &out,
        "yug",
        &format!(
            "is not a folder an earlier `stoa split` wrote (it is not listed in {})",
            out.join("stations.tsv").display()
        ),
    );
    assert_notes_kept(&out, "yug");
}

#[test]
fn regression_a_file_named_like_a_station_folder_is_neither_moved_nor_replaced() {
    // The file was moved to a hidden `parts/.sever-old-PID` and left there, Север's
    // folder taking its name.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let out = tmp.path().join("parts");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("sever"), "my notes\n").unwrap();
    refused(
        &data,
        &out,
        "sever",
        "is a file, not a folder an earlier `stoa split` wrote",
    );
    assert_eq!(std::fs::read(out.join("sever")).unwrap(), b"my notes\n");
}

#[test]
fn regression_a_no_station_folder_no_split_wrote_is_kept() {
    // `_no-station` was taken for an earlier split's whatever split.json said: the user's
    // folder of that name was replaced when the data had visits without a station, and
    // deleted when it had none.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let out = tmp.path().join("parts");
    put_notes(&out, "_no-station");
    refused(
        &data,
        &out,
        "_no-station",
        &format!(
            "is not a folder an earlier `stoa split` wrote (there is no {} to list it)",
            out.join("split.json").display()
        ),
    );
    // Without visits of no station the split does not need the name, and leaves it be.
    put_visits_where(&data, |l| !l.ends_with(';'));
    split(&data, &out, &["--quiet"]).success();
    assert_notes_kept(&out, "_no-station");
    assert!(out.join("sever/visits.parquet").is_file());
}

#[test]
fn regression_files_named_like_the_splits_own_are_kept() {
    // stations.tsv and split.json were replaced, and rejects.csv replaced or deleted,
    // whoever had written them.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    for (name, text, says) in [
        (
            "stations.tsv",
            "Юг\tул. Ленина, 1\n",
            "is not the list of station folders an earlier `stoa split` wrote",
        ),
        (
            "split.json",
            "{\"budget\": 1}\n",
            "is not the row accounting an earlier `stoa split` wrote",
        ),
        (
            "rejects.csv",
            "my rejects\n",
            "is not the list of rejected rows an earlier `stoa split` wrote",
        ),
    ] {
        let out = tmp.path().join(format!("parts-{name}"));
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join(name), text).unwrap();
        refused(&data, &out, name, says);
    }
    // Without rejected rows the split writes no rejects.csv: the user's stays as it is.
    let out = tmp.path().join("parts-rejects.csv");
    put_visits_where(&data, |l| !l.contains("40.03"));
    split(&data, &out, &["--quiet"]).success();
    assert_eq!(
        std::fs::read(out.join("rejects.csv")).unwrap(),
        b"my rejects\n"
    );
}

#[test]
fn regression_a_stations_tsv_saved_by_excel_is_still_the_splits_own() {
    // Opened and saved in Excel, stations.tsv begins with a byte order mark and ends its
    // lines in CRLF: the next split refused it, quoting "\u{feff}sever\tСевер".
    use predicates::prelude::PredicateBooleanExt;
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let out = tmp.path().join("parts");
    split(&data, &out, &["--quiet"]).success();
    let tsv = out.join("stations.tsv");
    let text = std::fs::read_to_string(&tsv).unwrap().replace('\n', "\r\n");
    std::fs::write(&tsv, format!("\u{feff}{text}")).unwrap();
    split(&data, &out, &["--quiet"]).success();
    assert!(out.join("sever/visits.parquet").is_file());
    // A list that is not the split's is refused in a sentence that quotes it as it reads.
    std::fs::write(&tsv, "\u{feff}Север\tул. Ленина, 1\r\n").unwrap();
    split(&data, &out, &["--quiet"])
        .code(2)
        .stderr(predicates::str::contains(
            "(its line 1 begins with \"Север\", which is not a station's folder",
        ))
        .stderr(predicates::str::contains("\\u{").not())
        .stderr(predicates::str::contains("\\t").not());
}

#[test]
fn regression_a_station_name_with_a_line_break_is_the_station_with_a_space() {
    // A name typed with a line break in its cell broke stations.tsv (one station a line)
    // in two, and the next split refused it; it is the station "Север 2" to the split, to
    // stations.tsv and to `--station`, whichever way it is spelt.
    let tmp = tempfile::tempdir().unwrap();
    let visits = "visit_id;opened_at;client_id;brand;station\n\
                  1;15.01.2026;C1;Lada;\"Север\n2\"\n\
                  2;20.01.2026;C2;Kia;Север 2\n\
                  3;10.01.2026;C2;Kia;\"Центр\t\"\n";
    let data = small_data(tmp.path(), visits, "1;ТО;1000\n2;ТО;2000\n3;Мойка;500\n");
    let out = tmp.path().join("parts");
    split(&data, &out, &["--quiet"]).success();
    assert_eq!(
        std::fs::read_to_string(out.join("stations.tsv")).unwrap(),
        "sever-2\tСевер 2\ntsentr\tЦентр\n"
    );
    assert_eq!(
        rows(&read_json(&out.join("split.json")), "visits"),
        [("sever-2".to_string(), 2), ("tsentr".to_string(), 1)]
    );
    split(&data, &out, &["--quiet"]).success();
    for (data, name) in [(&data, "СЕВЕР\n2"), (&out.join("sever-2"), "север 2")] {
        let only = ["--only", "winback", "--quiet", "--month", "2026-01"];
        report(
            data,
            &tmp.path().join("reports"),
            &[only.as_slice(), &["--station", name]].concat(),
        )
        .success();
    }
    let manifest = read_json(
        &tmp.path()
            .join("reports/stations/sever-2/2026-01/manifest.json"),
    );
    assert_eq!(manifest["parameters"]["station"], "Север 2");
}

#[test]
fn regression_split_speaks_russian_as_the_reports_do() {
    // `stoa split` spoke English whatever --lang or stoa.toml's `language` said.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let out = tmp.path().join("parts");
    split(&data, &out, &["--lang", "ru"])
        .success()
        .stdout(predicates::str::contains("Папок станций: 2 в"))
        .stdout(predicates::str::contains("(без станции)"));
    // A refusal, in the language of stoa.toml (Russian is the default, as the report's).
    std::fs::write(out.join("stations.tsv"), "Юг\tул. Ленина, 1\n").unwrap();
    stoa()
        .args(["split", "--quiet", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "ошибка: ",
        ))
        .stderr(predicates::str::contains(
            "— не список папок станций, записанный прежним запуском `stoa split` (его строка 1 начинается с \"Юг\"",
        ));
    put(&data, "stoa.toml", "language = \"en\"\n");
    std::fs::create_dir(tmp.path().join("one")).unwrap();
    let none = small_data(
        &tmp.path().join("one"),
        "visit_id;opened_at;client_id;brand\n1;15.01.2026;C1;Lada\n",
        "",
    );
    put(&none, "stoa.toml", "language = \"ru\"\n");
    stoa()
        .args(["split", "--data"])
        .arg(&none)
        .arg("--out")
        .arg(tmp.path().join("none"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("делить нечего"));
    stoa()
        .args(["split", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "is not the list of station folders",
        ));
}

#[test]
fn regression_a_split_names_the_folders_it_removes() {
    // Splitting one station's folder into the chain's output removed the other stations'
    // folders as closed stations without a word.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let out = tmp.path().join("parts");
    split(&data, &out, &["--quiet"]).success();
    let said = format!(
        "note: removed {} (\"Центр\"), {}: the earlier split of this folder wrote them",
        out.join("tsentr").display(),
        out.join("_no-station").display()
    );
    split(&out.join("sever"), &out, &[])
        .success()
        .stderr(predicates::str::contains(said));
    assert!(!out.join("tsentr").exists() && out.join("sever").is_dir());
    // Nothing removed, nothing said.
    split(&out.join("sever"), &out, &[])
        .success()
        .stderr(predicates::str::contains("removed").count(0));
}

#[test]
fn regression_rejects_name_the_file_within_the_data_folder_whatever_data_was_typed() {
    // The `file` of rejects.csv was --data as typed (`../x/data/visits.csv` here,
    // `/tmp/…/data/visits.csv` there): the same data gave other bytes from another folder.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    split(&data, &a, &["--quiet"]).success();
    stoa()
        .current_dir(&elsewhere)
        .args(["split", "--quiet", "--data", "../data", "--out", "../b"])
        .assert()
        .success();
    let rejects = std::fs::read_to_string(a.join("rejects.csv")).unwrap();
    assert_eq!(
        rejects
            .lines()
            .nth(1)
            .unwrap()
            .split(',')
            .take(2)
            .collect::<Vec<_>>(),
        ["visits", "visits.csv"]
    );
    assert_eq!(
        std::fs::read(b.join("rejects.csv")).unwrap(),
        rejects.as_bytes()
    );
    // `stoa check --rejects` names it so too.
    for (dir, data) in [(tmp.path(), "data"), (elsewhere.as_path(), "../data")] {
        stoa()
            .current_dir(dir)
            .args([
                "check",
                "--lang",
                "en",
                "--data",
                data,
                "--rejects",
                "r.csv",
            ])
            .assert()
            .code(0);
        let checked = std::fs::read_to_string(dir.join("r.csv")).unwrap();
        assert!(checked.contains("\nvisits,visits.csv,"), "{checked}");
    }
}

#[test]
fn a_rerun_into_its_own_output_writes_the_same_bytes_and_drops_what_it_no_longer_has() {
    // Every file of a split's own output (its station folders, `_no-station`, rejects.csv,
    // stations.tsv, split.json) is recognised as its own: a rerun replaces it with the same
    // bytes, and one on data without rejects or visits of no station removes those.
    let tmp = tempfile::tempdir().unwrap();
    let data = stations_data(tmp.path());
    let out = tmp.path().join("parts");
    split(&data, &out, &["--quiet"]).success();
    let first = tree(&out);
    for name in ["_no-station", "rejects.csv", "sever", "tsentr"] {
        assert!(first.contains_key(name), "{name} not in {:?}", first.keys());
    }
    split(&data, &out, &["--quiet"]).success();
    assert!(tree(&out) == first, "a rerun wrote other files or bytes");
    put_visits_where(&data, |l| !l.contains("40.03") && !l.ends_with(';'));
    put(
        &data,
        "order_lines.csv",
        "visit_id;description;amount\n1;ТО;1000\n2;ТО;2000\n",
    );
    split(&data, &out, &["--quiet"]).success();
    assert_eq!(
        names(&out),
        ["sever", "split.json", "stations.tsv", "tsentr"]
    );
}
