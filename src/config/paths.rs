//! Paths written in a `stoa.toml` as Windows writes them, `"C:\exports\report.xlsx"`: in a
//! text in double quotes a backslash begins an escape, and TOML 1.1 reads `\e` as the
//! escape character (ESC), `\t` as a tab, `\x41` as `A`. Such a path parsed without an
//! error into a name no file has, and the run said the file was not there, quoting a path
//! that looked right. Each path setting (the `[files]` entries) is looked at as written:
//! an escape a Windows user did not mean, or a control character however it came, stops
//! the run with the way to write it.

use super::place::{raw_value, KeyPath};
use super::ConfigError;

/// Refuse a path of `files` (the `[files]` entries, read from `text`) written with a
/// backslash that began an escape, or holding a control character.
pub(super) fn check(
    files: &std::collections::BTreeMap<String, String>,
    text: &str,
) -> Result<(), ConfigError> {
    for (name, value) in files {
        let key: KeyPath = vec!["files".to_string(), name.clone()];
        let written = raw_value(text, &key);
        if let Some((escape, meant)) = written.as_deref().and_then(mistaken) {
            return Err(ConfigError::PathEscape {
                key,
                written: written.unwrap_or_default(),
                escape,
                meant,
            });
        }
        if value.trim().is_empty() {
            return Err(ConfigError::PathEmpty { key });
        }
        if value.chars().any(char::is_control) {
            return Err(ConfigError::PathControl {
                key,
                value: value.clone(),
            });
        }
    }
    Ok(())
}

/// For a value written in double quotes (`written` as the file has it, quotes and all)
/// with an escape other than `\\` and `\"`: that escape as written, and the value as
/// meant (each backslash a backslash). None for
/// a text in single quotes, whose backslashes are backslashes, and for one whose only
/// escapes are `\\` and `\"` (a path written as TOML asks, `"C:\\exports"`).
///
/// ```text
/// "C:\exports\report.xlsx"  →  (\e, C:\exports\report.xlsx)
/// ```
fn mistaken(written: &str) -> Option<(String, String)> {
    let inner = written
        .strip_prefix("\"\"\"")
        .and_then(|w| w.strip_suffix("\"\"\""))
        .or_else(|| written.strip_prefix('"')?.strip_suffix('"'))?;
    let mut meant = String::with_capacity(inner.len());
    let mut first = None;
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            meant.push(c);
            continue;
        }
        match chars.next() {
            Some(quoted @ ('\\' | '"')) => meant.push(quoted),
            Some(letter) => {
                // The escape as typed: `\e`, or `\x41`, `\u0441` with their digits.
                let digits = match letter {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                let mut escape = format!("\\{letter}");
                for _ in 0..digits {
                    if let Some(d) = chars.next_if(char::is_ascii_hexdigit) {
                        escape.push(d);
                    }
                }
                first.get_or_insert_with(|| escape.clone());
                meant.push_str(&escape);
            }
            None => meant.push('\\'),
        }
    }
    Some((first?, meant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escape_a_windows_path_makes_is_found_and_the_path_rewritten() {
        let (escape, meant) = mistaken(r#""C:\exports\visits.xlsx""#).unwrap();
        assert_eq!(escape, r"\e");
        assert_eq!(meant, r"C:\exports\visits.xlsx");
        // A doubled backslash is one, as meant; the escape found is the first mistaken one.
        let (escape, meant) = mistaken(r#""D:\\data\temp\x41.csv""#).unwrap();
        assert_eq!(escape, r"\t");
        assert_eq!(meant, r"D:\data\temp\x41.csv");
        let (escape, ..) = mistaken(r#""D:\\data\x41.csv""#).unwrap();
        assert_eq!(escape, r"\x41");
        // Written as TOML asks, or in single quotes: nothing to say.
        assert_eq!(mistaken(r#""C:\\exports\\visits.xlsx""#), None);
        assert_eq!(mistaken(r"'C:\exports\visits.xlsx'"), None);
        assert_eq!(mistaken(r#""exports/visits.xlsx""#), None);
        assert_eq!(mistaken(r#""Отчёт \"Визиты\".xlsx""#), None);
    }

    #[test]
    fn regression_a_windows_path_in_double_quotes_is_refused_at_its_place() {
        // `visits = "C:\exports\report.xlsx"` read `\e` as ESC without a word, and the run
        // then said the file was not there.
        let text = "[files]\nvisits = \"C:\\exports\\report.xlsx\"\n";
        let e = crate::config::Config::from_toml(text, "s.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "in the configuration file s.toml, line 2, column 10: the path \"C:\\exports\\report.xlsx\" of `files.visits` is in double quotes, where a backslash begins an escape: `\\e` in it is read as one special character, not as a backslash before a name, so the path names no file; write it in single quotes ('C:\\exports\\report.xlsx') or with forward slashes (\"C:/exports/report.xlsx\")"
        );
        assert_eq!(e.exit_code(), crate::error::ExitCode::Usage);
        // `\t`, `\n`, `\r`, `\b`, `\f` and `\x..` alike; a tab read from `\u0009` too.
        for path in [
            r"C:\temp",
            r"C:\new",
            r"C:\reports",
            r"C:\backup",
            r"C:\files",
            r"C:\x41",
        ] {
            let text = format!("[files]\nvisits = \"{path}\"\n");
            let e = crate::config::Config::from_toml(&text, "s.toml").unwrap_err();
            assert!(e.to_string().contains("write it in single quotes"), "{e}");
        }
        // Written right, the same path is read.
        for text in [
            "[files]\nvisits = 'C:\\exports\\report.xlsx'\n",
            "[files]\nvisits = \"C:\\\\exports\\\\report.xlsx\"\n",
            "[files]\nvisits = \"C:/exports/report.xlsx\"\n",
        ] {
            let c = crate::config::Config::from_toml(text, "s.toml").unwrap();
            assert!(c.files["visits"].ends_with("report.xlsx"), "{text}");
        }
    }

    #[test]
    fn regression_an_empty_path_is_refused_at_its_place() {
        // `visits = ""` named the data folder itself, and every file of it was read as
        // the visits (exit 1, "data/clients.csv has no columns «Visit No» …").
        for text in ["[files]\nvisits = \"\"\n", "[files]\nvisits = \"  \"\n"] {
            let e = crate::config::Config::from_toml(text, "s.toml").unwrap_err();
            assert_eq!(e.exit_code(), crate::error::ExitCode::Usage);
            assert!(
                e.to_string().starts_with("in the configuration file s.toml, line 2, column 10: the path of `files.visits` is empty"),
                "{e}"
            );
        }
    }

    #[test]
    fn a_control_character_however_written_is_refused() {
        let text = "[files]\nvisits = \"\"\"a\nreport.xlsx\"\"\"\n";
        let e = crate::config::Config::from_toml(text, "s.toml").unwrap_err();
        assert!(
            e.to_string().starts_with("in the configuration file s.toml, line 2, column 10: the path \"a\\nreport.xlsx\" of `files.visits` holds a control character"),
            "{e}"
        );
        let text = "[files]\nvisits = \"a\\u0009b.csv\"\n";
        assert!(crate::config::Config::from_toml(text, "s.toml").is_err());
    }
}
