//! What of the output folder an earlier `stoa split` wrote, which this one may replace or
//! remove, and the refusal of everything else, checked before anything is written.
//!
//! A split knows its own output by its own lists: the station folders its `stations.tsv`
//! names, `_no-station` when its `split.json` names it, and the three files by their
//! form. A folder is never taken for a split's by what it holds: a user's own data folder
//! named like a station holds the very files a station's folder does (visits, order
//! lines, `stoa.toml`), and would be deleted.

use std::fs;
use std::path::{Path, PathBuf};

use super::NO_STATION;
use crate::error::{Classified, ExitCode};
use crate::stations::{is_slug, Station};

/// Why a split refuses its output folder: each is a usage error (2), found before
/// anything is written.
#[derive(Debug, thiserror::Error)]
pub enum SplitError {
    /// A folder no earlier split listed stands where this one writes a folder.
    #[error("{path} is not a folder an earlier `stoa split` wrote ({why}), and this split would replace it with {what}: move it away, or choose another --out, such as --out {hint}")]
    NotItsFolder {
        /// The folder.
        path: PathBuf,
        /// Why it is not the split's: the list that does not name it.
        why: String,
        /// The folder this split would put there.
        what: String,
        /// An --out that holds nothing yet.
        hint: PathBuf,
    },
    /// A file stands where this split writes a folder.
    #[error("{path} is a file, not a folder an earlier `stoa split` wrote, and this split would put {what} in its place: move it away, or choose another --out, such as --out {hint}")]
    FileInPlace {
        /// The file.
        path: PathBuf,
        /// The folder this split would put there.
        what: String,
        /// An --out that holds nothing yet.
        hint: PathBuf,
    },
    /// `stations.tsv`, `split.json` or `rejects.csv` is not of the form a split writes.
    #[error("{path} is not the {what} an earlier `stoa split` wrote ({why}), and this split would replace it: move it away, or choose another --out, such as --out {hint}")]
    NotItsFile {
        /// The file.
        path: PathBuf,
        /// What the split writes under that name.
        what: &'static str,
        /// How it differs, quoting what is there.
        why: String,
        /// An --out that holds nothing yet.
        hint: PathBuf,
    },
}

impl From<SplitError> for Classified {
    fn from(e: SplitError) -> Classified {
        Classified {
            code: ExitCode::Usage,
            message: e.to_string(),
        }
    }
}

/// What an earlier split left in the output folder, as its own lists say: the only
/// things this split may replace or remove there.
#[derive(Debug, Default)]
pub(super) struct Earlier {
    /// The station folders its `stations.tsv` lists, with their stations' names.
    pub stations: Vec<(String, String)>,
    /// Whether its `split.json` lists `_no-station`.
    pub no_station: bool,
    /// Whether `rejects.csv` is its list of rejected rows.
    pub rejects: bool,
}

impl Earlier {
    /// The folders the earlier split wrote, `_no-station` included.
    pub fn folders(&self) -> impl Iterator<Item = &str> {
        let no_station = self.no_station.then_some(NO_STATION);
        self.stations
            .iter()
            .map(|(folder, _)| folder.as_str())
            .chain(no_station)
    }

    /// The station's name of a folder the earlier split listed, if it is a station's.
    pub fn name_of(&self, folder: &str) -> Option<&str> {
        self.stations
            .iter()
            .find(|(f, _)| f == folder)
            .map(|(_, name)| name.as_str())
    }
}

/// Check every name in `out` a split of the stations `found` writes (with `_no-station`
/// when `no_station`, and `rejects.csv` when `rejects`) against what an earlier split
/// wrote there, before anything is written.
pub(super) fn check(
    out: &Path,
    found: &[Station],
    no_station: bool,
    rejects: bool,
) -> Result<Earlier, SplitError> {
    let hint = || free_out(out);
    let not_its_file = |name: &str, what, why| SplitError::NotItsFile {
        path: out.join(name),
        what,
        why,
        hint: hint(),
    };
    let mut earlier = Earlier::default();

    let tsv = out.join("stations.tsv");
    if let Some(text) = existing_text(&tsv) {
        let what = "list of station folders";
        earlier.stations = text
            .and_then(|t| station_folders(&t))
            .map_err(|why| not_its_file("stations.tsv", what, why))?;
    }
    let json = out.join("split.json");
    if let Some(text) = existing_text(&json) {
        let what = "row accounting";
        let folders = text
            .and_then(|t| manifest_folders(&t))
            .map_err(|why| not_its_file("split.json", what, why))?;
        earlier.no_station = folders.iter().any(|f| f == NO_STATION);
    }
    if let Some(text) = existing_text(&out.join("rejects.csv")) {
        // A rejects.csv of the user's is left where it is when this split has no rejected
        // rows to write; it is refused only when the split would replace it.
        let own = text.and_then(|t| rejects_list(&t));
        match (own, rejects) {
            (Ok(()), _) => earlier.rejects = true,
            (Err(why), true) => {
                return Err(not_its_file("rejects.csv", "list of rejected rows", why))
            }
            (Err(_), false) => {}
        }
    }

    let stations = found.iter().map(|s| {
        (
            s.slug.as_str(),
            format!("the folder of the station {:?}", s.name),
            true,
        )
    });
    let no_station = no_station.then(|| {
        let what = "the folder of the visits without a station".to_string();
        (NO_STATION, what, false)
    });
    for (name, what, listed_in_tsv) in stations.chain(no_station) {
        let path = out.join(name);
        if fs::symlink_metadata(&path).is_err() {
            continue;
        }
        if !path.is_dir() {
            return Err(SplitError::FileInPlace {
                path,
                what,
                hint: hint(),
            });
        }
        let list = if listed_in_tsv { &tsv } else { &json };
        if !earlier.folders().any(|f| f == name) {
            let why = match list.exists() {
                true => format!("it is not listed in {}", list.display()),
                false => format!("there is no {} to list it", list.display()),
            };
            return Err(SplitError::NotItsFolder {
                path,
                why,
                what,
                hint: hint(),
            });
        }
    }
    Ok(earlier)
}

/// The text of `path`, `None` when there is nothing there; a folder or a file that is not
/// text is no list of a split's (the reason, in the error). A byte order mark is no part
/// of the text: Excel writes one when it saves `stations.tsv` (a UTF-8 one, or the
/// UTF-16 of its "Unicode Text"), and the list was refused for a folder named "\u{feff}sever".
fn existing_text(path: &Path) -> Option<Result<String, String>> {
    fs::symlink_metadata(path).ok()?;
    if path.is_dir() {
        return Some(Err("it is a folder".to_string()));
    }
    Some(
        fs::read(path)
            .map_err(|e| format!("it cannot be read: {e}"))
            .and_then(|bytes| text_of(&bytes)),
    )
}

/// Bytes as text: UTF-8 with or without its byte order mark, or UTF-16 with one.
pub(super) fn text_of(bytes: &[u8]) -> Result<String, String> {
    let utf16 = |bytes: &[u8], word: fn([u8; 2]) -> u16| {
        let words: Vec<u16> = bytes
            .chunks(2)
            .map(|c| word([c[0], c.get(1).copied().unwrap_or(0)]))
            .collect();
        String::from_utf16(&words).ok()
    };
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest).map(str::to_string).ok(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => std::str::from_utf8(bytes).map(str::to_string).ok(),
    };
    text.ok_or_else(|| "it is not text (UTF-8, or UTF-16 with a byte order mark)".to_string())
}

/// The folders of a split's `stations.tsv` with their names: one line per station, its
/// folder (a slug), a tab and its name. Line ends may be Windows' (CRLF), and blank lines are skipped, as
/// a spreadsheet that saved the file may have written them.
pub(super) fn station_folders(text: &str) -> Result<Vec<(String, String)>, String> {
    let lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty());
    let mut folders = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        let Some((folder, name)) = line.split_once('\t') else {
            return Err(format!(
                "its line {n}, {}, has no tab between a station's folder and its name",
                quoted(line)
            ));
        };
        if !is_slug(folder) {
            return Err(format!(
                "its line {n} begins with {}, which is not a station's folder as a split names them (Latin lower-case letters, digits and dashes)",
                quoted(folder)
            ));
        }
        if name.trim().is_empty() {
            return Err(format!(
                "its line {n}, {}, has no station's name after the tab",
                quoted(folder)
            ));
        }
        folders.push((folder.to_string(), name.trim().to_string()));
    }
    match folders.is_empty() {
        true => Err("it lists no station".to_string()),
        false => Ok(folders),
    }
}

/// `text` in quotes as a reader sees it, with a character that shows nothing (a tab, a
/// byte order mark) named by its code: Rust's escapes (`\u{feff}`) are no sentence.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{feff}') {
            true => out.push_str(&format!("<U+{:04X}>", c as u32)),
            false => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The folders of a split's `split.json`, which has its version, inputs and folders.
pub(super) fn manifest_folders(text: &str) -> Result<Vec<String>, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("it is not JSON: {e}"))?;
    let folders = value["folders"].as_array();
    match (
        value["version"].as_str(),
        value["inputs"].as_array(),
        folders,
    ) {
        (Some(_), Some(_), Some(folders)) => Ok(folders
            .iter()
            .filter_map(|f| f["folder"].as_str())
            .map(str::to_string)
            .collect()),
        _ => Err("it has no version, inputs and folders of a split".to_string()),
    }
}

/// Whether `text` begins with the header of the rejects a split writes.
pub(super) fn rejects_list(text: &str) -> Result<(), String> {
    let header = crate::report::write::REJECT_COLUMNS.join(",");
    match text.lines().next().unwrap_or_default() {
        first if first == header => Ok(()),
        first => Err(format!(
            "its first line is {}, not {}",
            quoted(first),
            quoted(&header)
        )),
    }
}

/// An --out to suggest in place of `out`: beside it, named after it, and not there yet.
fn free_out(out: &Path) -> PathBuf {
    let base = match out.file_name() {
        Some(name) => out.with_file_name(format!("{}-split", name.to_string_lossy())),
        None => out.join("split"),
    };
    std::iter::once(base.clone())
        .chain((2..).map(|n| PathBuf::from(format!("{}-{n}", base.display()))))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_lists_its_station_folders_and_nothing_else_passes_for_one() {
        assert_eq!(
            station_folders("sever\tСевер\ntsentr\tЦентр\n").unwrap(),
            [
                ("sever".to_string(), "Север".to_string()),
                ("tsentr".to_string(), "Центр".to_string())
            ]
        );
        let why = station_folders("Юг\tул. Ленина, 1\n").unwrap_err();
        assert_eq!(
            why,
            "its line 1 begins with \"Юг\", which is not a station's folder as a split names them (Latin lower-case letters, digits and dashes)"
        );
        assert!(station_folders("").is_err());
        assert_eq!(
            station_folders("sever\n").unwrap_err(),
            "its line 1, \"sever\", has no tab between a station's folder and its name"
        );
        assert_eq!(
            station_folders("sever\t \n").unwrap_err(),
            "its line 1, \"sever\", has no station's name after the tab"
        );
    }

    #[test]
    fn regression_a_stations_tsv_excel_saved_is_the_splits_own() {
        // Saved by Excel with a byte order mark and Windows line ends, the list was refused
        // as "its line 1 is \"\\u{feff}sever\\tСевер\"".
        let utf8 =
            b"\xEF\xBB\xBFsever\t\xD0\xA1\xD0\xB5\xD0\xB2\xD0\xB5\xD1\x80\r\ntsentr\tC\r\n\r\n";
        let text = text_of(utf8).unwrap();
        let folders = |text: &str| -> Vec<String> {
            station_folders(text)
                .unwrap()
                .into_iter()
                .map(|(f, _)| f)
                .collect()
        };
        assert_eq!(folders(&text), ["sever", "tsentr"]);
        // Excel's "Unicode Text" is UTF-16 with its mark.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("sever\tСевер\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(folders(&text_of(&utf16).unwrap()), ["sever"]);
        // A mark inside a line is named, not escaped.
        let why = station_folders("sever\tС\n\u{feff}yug\tЮг\n").unwrap_err();
        assert!(
            why.starts_with("its line 2 begins with \"<U+FEFF>yug\""),
            "{why}"
        );
        assert!(text_of(b"\xFF\x00sever").is_err());
    }

    #[test]
    fn a_suggested_out_is_beside_the_given_one_and_free() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("parts");
        assert_eq!(free_out(&out), dir.path().join("parts-split"));
        fs::create_dir(dir.path().join("parts-split")).unwrap();
        assert_eq!(free_out(&out), dir.path().join("parts-split-2"));
        assert_eq!(free_out(Path::new(".")), Path::new("./split"));
    }
}
