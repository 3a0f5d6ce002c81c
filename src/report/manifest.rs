//! `manifest.json` (SPEC §5.1): what the report was made from and how, so that a figure
//! can be traced back to the input files and the parameters of the run.

use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::ingest::{InputReport, Warning};

/// The time one stage of the run took.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Timing {
    /// Stage name, e.g. `ingest`, `section:management`, `write`.
    pub stage: String,
    /// Milliseconds.
    pub ms: u64,
}

impl Timing {
    /// The time elapsed since `start`, as a stage.
    pub fn since(stage: &str, start: Instant) -> Timing {
        Timing {
            stage: stage.to_string(),
            ms: start.elapsed().as_millis() as u64,
        }
    }
}

/// The contents of `manifest.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    /// As-of date, YYYY-MM-DD.
    pub as_of: String,
    /// Report month, YYYY-MM.
    pub month: String,
    /// Version of stoa.
    pub version: String,
    /// The parameters of the run (data folder, configuration, sections, capacity, …).
    pub parameters: serde_json::Value,
    /// The accounting of every input table.
    pub inputs: Vec<InputReport>,
    /// Rows rejected in all (each is in `tables/rejects.csv`).
    pub rows_rejected: u64,
    /// Survivable problems of the inputs.
    pub warnings: Vec<Warning>,
    /// Files of the report, relative to the report folder, sorted.
    pub outputs: Vec<String>,
    /// Time per stage.
    pub timings: Vec<Timing>,
}

/// `inputs` with every path (`inputs[].path`, `inputs[].files[].path`) told the same way
/// whatever the working folder and however `--data` was typed (`data`, `./data/`,
/// `/home/x/data`): relative to the data folder `data`, with forward slashes
/// (`visits.xlsx`, `visits/2026-03.csv`); a table that `[files]` of `config` names outside
/// the data folder by a relative path, that path as `[files]` writes it (it is relative to
/// the data folder too: `../exports/visits.xlsx`); absolute only when nothing else fits.
/// Before, the path was `--data` as typed joined with the file's name, so the same inputs
/// gave different manifests run from different folders.
pub fn relative_inputs(
    inputs: &[InputReport],
    data: &Path,
    config: &crate::config::Config,
) -> Vec<InputReport> {
    let data_root = canonical(data);
    inputs
        .iter()
        .map(|input| {
            let named = named_in_config(config, &input.table, data);
            let told = |path: &str| told_path(Path::new(path), &data_root, data, named);
            let mut input = input.clone();
            input.path = told(&input.path);
            for file in &mut input.files {
                file.path = told(&file.path);
            }
            input
        })
        .collect()
}

/// The file part of the `[files]` entry of `table` in `config` (`export.xlsx#Sheet1` →
/// `export.xlsx`; a file of the data folder `data` named with its `#` is whole), if it has
/// one.
fn named_in_config<'c>(
    config: &'c crate::config::Config,
    table: &str,
    data: &Path,
) -> Option<&'c str> {
    config
        .files
        .iter()
        .find(|(name, _)| crate::schema::Table::from_name(name).is_some_and(|t| t.name() == table))
        .map(|(_, spec)| match data.join(spec).exists() {
            true => spec.as_str(),
            false => spec
                .rsplit_once('#')
                .map_or(spec.as_str(), |(file, _)| file),
        })
}

/// `path` as [`relative_inputs`] tells it.
fn told_path(path: &Path, data_root: &Path, data: &Path, named: Option<&str>) -> String {
    let path = canonical(path);
    if let Ok(rest) = path.strip_prefix(data_root) {
        return slashed(rest);
    }
    if let Some(spec) = named.map(Path::new).filter(|s| s.is_relative()) {
        let base = canonical(&data.join(spec));
        if let Ok(rest) = path.strip_prefix(&base) {
            let spec = slashed(spec);
            return match rest.as_os_str().is_empty() {
                true => spec,
                false => format!("{spec}/{}", slashed(rest)),
            };
        }
    }
    slashed(&path)
}

/// `path` made absolute with every link, `.` and `..` resolved; as it is when it cannot be
/// (it has gone).
fn canonical(path: &Path) -> std::path::PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `path`'s parts joined by `/`, without `.` and empty parts.
fn slashed(path: &Path) -> String {
    use std::path::Component;
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::CurDir => None,
            Component::RootDir => Some(String::new()),
            other => Some(other.as_os_str().to_string_lossy().into_owned()),
        })
        .collect();
    match parts.as_slice() {
        [root] if root.is_empty() => "/".to_string(),
        _ => parts.join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(path: &str, files: &[&str]) -> InputReport {
        InputReport {
            table: "visits".into(),
            path: path.into(),
            sheet: None,
            sha256: String::new(),
            rows_read: 0,
            rows_accepted: 0,
            rows_rejected: 0,
            files: files
                .iter()
                .map(|f| crate::ingest::FileInput {
                    path: f.to_string(),
                    sha256: String::new(),
                    rows_read: 0,
                    rows_accepted: 0,
                    rows_rejected: 0,
                })
                .collect(),
            sheets: Vec::new(),
            money_read: None,
            money_accepted: None,
            money_rejected: None,
        }
    }

    #[test]
    fn regression_input_paths_are_the_same_however_the_data_folder_is_typed() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir_all(data.join("visits")).unwrap();
        std::fs::write(data.join("visits/2026-03.csv"), "").unwrap();
        std::fs::write(data.join("clients.xlsx"), "").unwrap();
        let config = crate::config::Config::default();
        // `data//`, `data/./`: one folder, one manifest.
        for typed in [data.clone(), tmp.path().join("data//"), data.join(".")] {
            let inputs = [
                input(&typed.join("clients.xlsx").display().to_string(), &[]),
                input(
                    &typed.join("visits").display().to_string(),
                    &[&typed
                        .join("visits")
                        .join("2026-03.csv")
                        .display()
                        .to_string()],
                ),
            ];
            let told = relative_inputs(&inputs, &typed, &config);
            assert_eq!(told[0].path, "clients.xlsx");
            assert_eq!(told[1].path, "visits");
            assert_eq!(told[1].files[0].path, "visits/2026-03.csv");
        }
    }

    #[test]
    fn a_file_named_outside_the_data_folder_keeps_the_configs_path() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::create_dir_all(tmp.path().join("exports")).unwrap();
        std::fs::write(tmp.path().join("exports/visits.xlsx"), "").unwrap();
        let config = crate::config::Config::from_toml(
            "[files]\nvisits = \"../exports/visits.xlsx#Лист1\"\n",
            "stoa.toml",
        )
        .unwrap();
        let path = data.join("../exports/visits.xlsx").display().to_string();
        let told = relative_inputs(&[input(&path, &[])], &data, &config);
        assert_eq!(told[0].path, "../exports/visits.xlsx");
        // Without a relative [files] path to tell it by: absolute.
        let config = crate::config::Config::default();
        let told = relative_inputs(&[input(&path, &[])], &data, &config);
        let absolute = std::fs::canonicalize(tmp.path().join("exports/visits.xlsx")).unwrap();
        assert_eq!(told[0].path, absolute.display().to_string());
    }
}
