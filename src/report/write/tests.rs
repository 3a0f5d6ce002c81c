//! The report writer's tests: the folder swapped whole, and what a run may replace.

use super::*;

fn manifest() -> Manifest {
    Manifest {
        as_of: "2026-03-31".into(),
        month: "2026-03".into(),
        version: "0".into(),
        parameters: serde_json::json!({}),
        inputs: vec![],
        rows_rejected: 0,
        warnings: vec![],
        outputs: vec![],
        timings: vec![],
    }
}

#[test]
fn writes_tables_and_manifest_and_replaces_an_old_report() {
    let dir = tempfile::tempdir().unwrap();
    let month = Month::new(2026, 3).unwrap();
    let old = dir.path().join("2026-03");
    fs::create_dir_all(old.join("tables")).unwrap();
    fs::write(old.join("tables/stale.csv"), "x\n").unwrap();
    let dates = df!("d" => [20_000i32])
        .unwrap()
        .lazy()
        .select([col("d").cast(DataType::Date)])
        .collect()
        .unwrap();
    let tables = vec![
        (
            "kpi".to_string(),
            df!("metric" => ["visits"], "value" => [Some(3.0)]).unwrap(),
        ),
        ("dates".to_string(), dates),
    ];
    let target = write_report(
        dir.path(),
        month,
        &tables,
        Lists::NONE,
        &DataFrame::empty(),
        manifest(),
    )
    .unwrap();
    assert_eq!(target, old);
    assert!(!old.join("tables/stale.csv").exists());
    assert_eq!(
        fs::read_to_string(old.join("tables/kpi.csv")).unwrap(),
        "metric,value\nvisits,3\n"
    );
    // Day 20000 after 1970-01-01 is 2024-10-04.
    assert_eq!(
        fs::read_to_string(old.join("tables/dates.csv")).unwrap(),
        "d\n2024-10-04\n"
    );
    assert_eq!(
        fs::read_to_string(old.join("tables/rejects.csv")).unwrap(),
        "table,file,sheet,row,column,value,reason\n"
    );
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(old.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["month"], "2026-03");
    assert_eq!(
        m["outputs"],
        serde_json::json!([
            "manifest.json",
            "tables/dates.csv",
            "tables/kpi.csv",
            "tables/rejects.csv"
        ])
    );
    // Nothing but the report is left in the output folder.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["2026-03"]);
}

/// A report folder holding an old `2026-03/report.xlsx`, and one table to write.
fn old_report() -> (tempfile::TempDir, PathBuf, Vec<(String, DataFrame)>) {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("2026-03");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("report.xlsx"), "old").unwrap();
    let tables = vec![("kpi".to_string(), df!("x" => [1i64]).unwrap())];
    (dir, old, tables)
}

/// [`write_report_with`] of March 2026 with `tables` and `render` into `dir`.
fn write_with<'r>(
    dir: &tempfile::TempDir,
    tables: &[(String, DataFrame)],
    render: impl FnOnce(&Path) -> Result<Rendered<'r>, ReportError>,
) -> Result<PathBuf, ReportError> {
    let month = Month::new(2026, 3).unwrap();
    write_report_with(
        dir.path(),
        month,
        tables,
        Lists::NONE,
        &DataFrame::empty(),
        manifest(),
        render,
    )
}

#[test]
fn a_failed_render_leaves_the_old_report_intact() {
    let (dir, old, tables) = old_report();
    let failed = write_with(&dir, &tables, |tmp| {
        fs::write(tmp.join("report.xlsx"), "half").unwrap();
        Err(write_error(&tmp.join("report.xlsx"), "disk full"))
    });
    assert!(failed.is_err());
    assert_eq!(fs::read_to_string(old.join("report.xlsx")).unwrap(), "old");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["2026-03"]);
    // A render that succeeds lands in the manifest's outputs.
    let target = write_with(&dir, &tables, |tmp| {
        fs::write(tmp.join("report.html"), "<html></html>").unwrap();
        Ok(vec!["report.html".to_string()].into())
    })
    .unwrap();
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(target.join("manifest.json")).unwrap()).unwrap();
    assert!(m["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o == "report.html"));
    assert!(!target.join("report.xlsx").exists());
}

#[test]
fn a_renderers_last_step_runs_beside_the_csvs_and_counts_in_the_outputs() {
    let (dir, old, tables) = old_report();
    // A last step that fails leaves the old report as it was, as a failed render does.
    let failed = write_with(&dir, &tables, |tmp| {
        let path = tmp.join("report.xlsx");
        Ok(Rendered {
            files: Vec::new(),
            finish: Some(Box::new(move || {
                fs::write(&path, "half").unwrap();
                Err(write_error(&path, "disk full"))
            })),
        })
    });
    assert!(failed.unwrap_err().to_string().contains("disk full"));
    assert_eq!(fs::read_to_string(old.join("report.xlsx")).unwrap(), "old");
    // One that succeeds: its file and the renderer's earlier ones are in the outputs,
    // beside the CSVs it ran with.
    let target = write_with(&dir, &tables, |tmp| {
        fs::write(tmp.join("report.html"), "<html></html>").unwrap();
        let path = tmp.join("report.xlsx");
        Ok(Rendered {
            files: vec!["report.html".to_string()],
            finish: Some(Box::new(move || {
                fs::write(&path, "new").unwrap();
                Ok(vec!["report.xlsx".to_string()])
            })),
        })
    })
    .unwrap();
    assert_eq!(
        fs::read_to_string(target.join("report.xlsx")).unwrap(),
        "new"
    );
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(target.join("manifest.json")).unwrap()).unwrap();
    let outputs: Vec<&str> = m["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert_eq!(
        outputs,
        [
            "manifest.json",
            "report.html",
            "report.xlsx",
            "tables/kpi.csv",
            "tables/rejects.csv"
        ]
    );
}

/// A report folder `dir/2026-10` whose manifest lists `sections`.
fn report_of(dir: &Path, sections: &[&str]) -> PathBuf {
    let target = dir.join("2026-10");
    fs::create_dir_all(&target).unwrap();
    let manifest = serde_json::json!({
        "as_of": "2026-10-31",
        "inputs": [],
        "parameters": { "sections": sections },
    });
    fs::write(target.join("manifest.json"), manifest.to_string()).unwrap();
    target
}

#[test]
fn regression_a_report_is_replaced_only_by_one_with_all_its_sections() {
    // `--only management --only demand`, then `--only demand`: exit 0, and the
    // management tables were gone; only a report of every section was kept.
    let dir = tempfile::tempdir().unwrap();
    let target = report_of(dir.path(), &["management", "demand"]);
    let err = may_replace(&target, &["demand"], dir.path()).unwrap_err();
    assert_eq!(err.exit_code(), crate::error::ExitCode::Usage);
    assert_eq!(
        err.to_string(),
        format!(
            "{} holds a report with the sections management, demand, and this run of --only demand would replace it with a report without management: choose another --out for it (e.g. --out {}), or run every section",
            target.display(),
            dir.path().join("demand").display()
        )
    );
    // Other sections altogether are refused too.
    assert!(may_replace(&target, &["loyalty"], dir.path()).is_err());
    // A run that writes every section of the old report, and more, replaces it.
    assert!(may_replace(&target, &["management", "demand"], dir.path()).is_ok());
    assert!(may_replace(&target, &["management", "demand", "prices"], dir.path()).is_ok());
    let all: Vec<&str> = crate::report::registry().iter().map(|s| s.name).collect();
    assert!(may_replace(&target, &all, dir.path()).is_ok());
    // A report of every section gives way to a full run only.
    let target = report_of(dir.path(), &all);
    assert!(may_replace(&target, &all[1..], dir.path()).is_err());
    assert!(may_replace(&target, &all, dir.path()).is_ok());
}

#[test]
fn regression_the_out_suggested_for_a_station_report_is_an_out() {
    // The hint named the report's parent, `cdrep/stations/yug/loyalty`, and the
    // report then landed in `cdrep/stations/yug/loyalty/stations/yug/2026-10`.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdrep");
    let station = out.join("stations").join("yug");
    let all: Vec<&str> = crate::report::registry().iter().map(|s| s.name).collect();
    let target = report_of(&station, &all);
    let said = may_replace(&target, &["loyalty"], &out)
        .unwrap_err()
        .to_string();
    let hint = out.join("loyalty");
    assert!(
        said.contains(&format!("(e.g. --out {})", hint.display())),
        "{said}"
    );
    // That --out puts the station's report in a folder of its own.
    let landing = hint.join("stations").join("yug").join("2026-10");
    assert!(may_replace(&landing, &["loyalty"], &hint).is_ok());
}

#[test]
fn a_failed_write_leaves_the_old_report_intact() {
    let dir = tempfile::tempdir().unwrap();
    let month = Month::new(2026, 3).unwrap();
    let old = dir.path().join("2026-03");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("manifest.json"), "{}").unwrap();
    // A table stem with a path separator into a missing folder cannot be created.
    let tables = vec![("no/such/dir".to_string(), df!("x" => [1i64]).unwrap())];
    assert!(write_report(
        dir.path(),
        month,
        &tables,
        Lists::NONE,
        &DataFrame::empty(),
        manifest()
    )
    .is_err());
    assert_eq!(fs::read_to_string(old.join("manifest.json")).unwrap(), "{}");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["2026-03"]);
}
