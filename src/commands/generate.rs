//! `stoa generate`: write a synthetic data set and say what was written.

use std::path::{Path, PathBuf};

use crate::cli::GenerateArgs;
use crate::error::Classified;

/// The first line of every `stoa.toml` that `stoa generate` writes
/// ([`crate::generate::config_text`]): the mark by which a folder is known to be its own.
const MARK: &str = "# Written by `stoa generate`";

/// Run `stoa generate`.
pub fn run(args: &GenerateArgs) -> anyhow::Result<()> {
    may_write(&args.out)?;
    // The folder is replaced whole from beside it: one the run may not write in would be
    // replaced all the same, so it is refused, as `split` refuses it.
    crate::replace::writable(&args.out).map_err(|e| Classified::internal(e.to_string()))?;
    let summary = crate::generate::generate(args).map_err(|e| Classified {
        code: e.exit_code(),
        message: e.to_string(),
    })?;
    super::stdout::print(&summary.to_string())?;
    Ok(())
}

/// That `out` holds nothing of the user's that generating would replace or sit beside: a
/// table's file or folder (found by the names ingest finds tables by, `visits.csv` as
/// `Визиты.csv`) or a `stoa.toml`, when the folder's `stoa.toml` is not one generate wrote.
/// `generate --out real` replaced a station's real exports and settings with exit 0, and
/// beside `Визиты.csv` it wrote `visits.csv`, so that `stoa check` then found the visits
/// twice. A folder generate wrote (its `stoa.toml` begins with [`MARK`]) is generated
/// into again, as `split` and `report` replace what they wrote. A usage error (exit 2).
fn may_write(out: &Path) -> Result<(), Classified> {
    let Ok(listing) = std::fs::read_dir(out) else {
        return Ok(());
    };
    let settings = out.join("stoa.toml");
    let ours = std::fs::read_to_string(&settings)
        .is_ok_and(|text| text.trim_start_matches('\u{feff}').starts_with(MARK));
    if ours {
        return Ok(());
    }
    let mut theirs: Vec<PathBuf> = listing
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name.starts_with("~$") {
                return false;
            }
            // A folder is named after its table whole (`visits/`); a file by its stem.
            let stem = match p.is_dir() {
                true => Some(name),
                false => p.file_stem().and_then(|s| s.to_str()),
            };
            name == "stoa.toml" || stem.and_then(crate::schema::Table::from_name).is_some()
        })
        .collect();
    if theirs.is_empty() {
        return Ok(());
    }
    theirs.sort();
    let names: Vec<String> = theirs.iter().map(|p| p.display().to_string()).collect();
    Err(Classified::usage(format!(
        "{} already holds {}, which stoa generate did not write, and the synthetic data would replace or sit beside it: choose another --out (an empty or new folder), or move those files away",
        out.display(),
        names.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of real exports, found by English or Russian names, is refused; an empty
    /// one, one of other files, and one generate wrote are not.
    #[test]
    fn regression_generate_refuses_a_folder_of_real_exports_and_settings() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        assert!(may_write(&out.join("new")).is_ok(), "a missing folder");
        assert!(may_write(out).is_ok(), "an empty folder");
        std::fs::write(out.join("notes.txt"), "x").unwrap();
        assert!(may_write(out).is_ok(), "a file of no table");
        std::fs::write(out.join("Визиты.csv"), "x").unwrap();
        let said = may_write(out).unwrap_err().message;
        assert!(said.contains("Визиты.csv"), "{said}");
        std::fs::remove_file(out.join("Визиты.csv")).unwrap();
        std::fs::write(out.join("stoa.toml"), "station = \"Моя СТО\"\n").unwrap();
        assert!(may_write(out).is_err(), "the user's settings");
        std::fs::write(
            out.join("stoa.toml"),
            crate::generate::config_text(&[("Центр".into(), 4)], crate::cli::Lang::Ru),
        )
        .unwrap();
        std::fs::write(out.join("visits.csv"), "x").unwrap();
        assert!(may_write(out).is_ok(), "generate's own folder");
    }
}
