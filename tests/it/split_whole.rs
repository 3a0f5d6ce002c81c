//! End to end: `stoa split` puts its output in place all at once. It renamed its station
//! folders into the output folder one by one, then its lists: a run interrupted or failed
//! among the renames left the folder half old, half new. The output is now written into a
//! hidden folder beside the output folder, which takes its place at the end; whatever
//! else the output folder held is carried over.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common;
use common::*;

/// Visits of Север and Центр, and one without a station (so a `_no-station` folder).
const VISITS: &str = "visit_id;opened_at;client_id;brand;station\n\
                      1;15.01.2026;C1;Lada;Север\n\
                      2;10.01.2026;C2;Kia;Центр\n\
                      3;31.03.2026;C2;Kia;\n";

fn small_chain(dir: &Path) -> PathBuf {
    small_data(dir, VISITS, "1;ТО;1000\n2;ТО;2000\n3;Мойка;500\n")
}

/// `stoa split --data DATA --out OUT` with `extra` options, quiet, in English.
fn split(data: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    stoa()
        .args(["split", "--quiet", "--lang", "en"])
        .args(extra)
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
}

/// The user's own things in an output folder: a file, a folder of reports, a link.
fn put_own(out: &Path) {
    put(out, "notes.txt", "precious\n");
    let reports = out.join("reports").join("2026-03");
    std::fs::create_dir_all(&reports).unwrap();
    put(&reports, "kpi.csv", "kpi,value\nvisits,3\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink("notes.txt", out.join("notes-link")).unwrap();
}

#[test]
fn regression_a_rerun_replaces_the_output_whole_and_keeps_what_else_it_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let data = small_chain(tmp.path());
    let out = tmp.path().join("parts");
    split(&data, &out, &["--format", "csv"]).success();
    put_own(&out);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o750)).unwrap();
    }
    let own_before: BTreeMap<_, _> = tree(&out)
        .into_iter()
        .filter(|(k, _)| k.starts_with("notes") || k.starts_with("reports"))
        .collect();
    // Parquet this time: every station file is another.
    split(&data, &out, &[]).success();
    let after = tree(&out);
    for (name, content) in &own_before {
        assert_eq!(after.get(name), Some(content), "{name}");
    }
    assert!(after.contains_key("sever/visits.parquet"), "{after:?}");
    assert!(!after
        .keys()
        .any(|k| k.ends_with(".csv") && k.starts_with("sever")));
    // The same as a split into a folder of its own, beside the user's things.
    let fresh = tmp.path().join("fresh");
    split(&data, &fresh, &[]).success();
    let fresh = tree(&fresh);
    let split_part: BTreeMap<_, _> = after
        .iter()
        .filter(|(k, _)| !own_before.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    assert_eq!(split_part, fresh);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o750);
    }
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
    assert_eq!(hidden(&out), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn regression_an_output_folder_that_is_a_link_stays_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    let data = small_chain(tmp.path());
    let real = tmp.path().join("real-parts");
    std::fs::create_dir(&real).unwrap();
    let out = tmp.path().join("parts");
    std::os::unix::fs::symlink("real-parts", &out).unwrap();
    split(&data, &out, &[]).success();
    split(&data, &out, &["--format", "csv"]).success();
    assert!(std::fs::symlink_metadata(&out)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(real.join("sever/visits.csv").is_file());
    assert!(real.join("stations.tsv").is_file());
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
}

#[test]
fn a_split_into_the_current_folder_is_put_in_place_folder_by_folder() {
    // The current folder cannot be replaced whole (the shell there would be left in a
    // removed folder): the station folders are renamed into it as before.
    let tmp = tempfile::tempdir().unwrap();
    let data = small_chain(tmp.path());
    let out = tmp.path().join("parts");
    std::fs::create_dir(&out).unwrap();
    put(&out, "notes.txt", "precious\n");
    for _ in 0..2 {
        stoa()
            .current_dir(&out)
            .args(["split", "--quiet", "--lang", "en", "--out", ".", "--data"])
            .arg(&data)
            .assert()
            .success();
    }
    assert!(out.join("sever").is_dir() && out.join("split.json").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "precious\n"
    );
    assert_eq!(hidden(&out), Vec::<String>::new());
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn regression_an_interrupted_split_leaves_the_output_folder_all_old_or_all_new() {
    use std::process::Command;
    use std::time::Duration;
    let tmp = tempfile::tempdir().unwrap();
    let data = generate_chain(tmp.path());
    let out = tmp.path().join("parts");
    split(&data, &out, &["--format", "csv"]).success();
    put(&out, "notes.txt", "precious\n");
    let old = tree(&out);
    let fresh = tmp.path().join("fresh");
    split(&data, &fresh, &[]).success();
    let mut new = tree(&fresh);
    new.insert("notes.txt".into(), Some(b"precious\n".to_vec()));

    // Interrupted once its lists are being written, just before the output is put in place.
    let bin = assert_cmd::cargo::cargo_bin("stoa");
    let mut child = Command::new(&bin)
        .args(["split", "--quiet", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let staged = || {
        hidden(tmp.path())
            .iter()
            .any(|h| tmp.path().join(h).join("stations.tsv").exists())
    };
    interrupt_once_staged(&mut child, staged, Duration::from_secs(300));
    let status = child.wait().unwrap();
    assert!(status.success() || status.code() == Some(130), "{status:?}");
    let now = tree(&out);
    assert!(
        now == old || now == new,
        "the output folder is neither the old split nor the new one: {:?}",
        now.keys().collect::<Vec<_>>()
    );
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
    assert_eq!(hidden(&out), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn an_output_folder_whose_parent_may_not_be_written_in_is_filled_folder_by_folder() {
    // Nothing can be made beside it: the split writes inside it, as before, rather than fail.
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let data = small_chain(tmp.path());
    let parent = tmp.path().join("shared");
    let out = parent.join("parts");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(parent.join("probe"), "").is_ok() {
        eprintln!("skipped: this user writes in a read-only folder (root)");
        return;
    }
    split(&data, &out, &[]).success();
    split(&data, &out, &["--format", "csv"]).success();
    assert!(out.join("sever/visits.csv").is_file());
    assert_eq!(hidden(&out), Vec::<String>::new());
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn regression_an_output_folder_not_writable_is_refused_before_the_data_is_read() {
    // Written beside it and swapped in, a read-only output folder would have been replaced
    // all the same: it is refused, plainly, as a --rejects folder is.
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("parts");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(out.join("probe"), "").is_ok() {
        eprintln!("skipped: this user writes in a read-only folder (root)");
        return;
    }
    // No data at all: the output folder is said first.
    split(&tmp.path().join("no-data"), &out, &[])
        .code(3)
        .stderr(format!(
            "error: the output folder {} cannot be written in (access is denied): choose another folder with --out, where you may write, or ask for the right to write in this one\n",
            out.display()
        ));
    assert_eq!(hidden(tmp.path()), Vec::<String>::new());
}
