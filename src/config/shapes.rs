//! Sections written as lists. serde reads a section of keys from a list of its values in
//! the order of its keys, so `capacity = [1]` was read without a word as `bays = 1` with the
//! other keys at their defaults, `loyalty = []` as the default loyalty, and a holiday
//! `[1, 5, "x"]` as `{ day = 1, month = 5, name = "x" }`. Each such value is refused where
//! the file writes it, as a value of the wrong type is.

use super::place::{of_key, KeyPath};

/// The sections of keys of the settings (each of a station under `[stations]` too).
const SECTIONS: [&str; 6] = [
    "loyalty",
    "reminders",
    "holidays",
    "capacity",
    "competitors",
    "chain",
];

/// A section of `text` written as a list: the error message with its line and column, as
/// the reader says a value of the wrong type; None when there is none (or the text is not
/// TOML, which the reader says).
pub(super) fn check(text: &str) -> Option<String> {
    let table: toml::Table = text.trim_start_matches('\u{feff}').parse().ok()?;
    let section =
        "expected a section of keys, written as [name] on a line of its own with its keys under it";
    let holiday =
        "expected a holiday written { day = 4, month = 11, name = \"День народного единства\" }";
    let mut listed: Vec<(KeyPath, &str)> = Vec::new();
    let is_list = |v: Option<&toml::Value>| v.is_some_and(toml::Value::is_array);
    for name in SECTIONS {
        if is_list(table.get(name)) {
            listed.push((vec![name.to_string()], section));
        }
    }
    if let Some(stations) = table.get("stations").and_then(toml::Value::as_table) {
        for (station, settings) in stations {
            let key = vec!["stations".to_string(), station.clone()];
            if settings.is_array() {
                listed.push((key, section));
            } else if is_list(settings.get("capacity")) {
                let mut key = key;
                key.push("capacity".into());
                listed.push((key, section));
            }
        }
    }
    let fixed = table
        .get("holidays")
        .and_then(|h| h.get("fixed"))
        .and_then(toml::Value::as_array);
    if fixed.is_some_and(|f| f.iter().any(toml::Value::is_array)) {
        listed.push((vec!["holidays".into(), "fixed".into()], holiday));
    }
    let (key, expected) = listed.into_iter().next()?;
    let (line, column) = of_key(text, &key, true).unwrap_or((1, 1));
    Some(format!(
        "line {line}, column {column}: the key `{}`: invalid type: a list, {expected}",
        super::dotted(&key)
    ))
}

#[cfg(test)]
mod tests {
    use super::super::Config;

    #[test]
    fn regression_a_section_written_as_a_list_is_refused_at_its_place() {
        // `capacity = [1]` was read as `bays = 1` without a word.
        for (text, key, place) in [
            ("capacity = [1]\n", "capacity", "line 1, column 12"),
            (
                "station = \"x\"\nloyalty = []\n",
                "loyalty",
                "line 2, column 11",
            ),
            (
                "[stations.\"Север\"]\ncapacity = [2, 8]\n",
                "stations.\"Север\".capacity",
                "line 2, column 12",
            ),
            (
                "[stations]\n\"Юг\" = []\n",
                "stations.\"Юг\"",
                "line 2, column 8",
            ),
            (
                "[holidays]\nfixed = [[1, 5, \"x\"]]\n",
                "holidays.fixed",
                "line 2, column 9",
            ),
        ] {
            let e = Config::from_toml(text, "s.toml").unwrap_err();
            assert_eq!(e.exit_code(), crate::error::ExitCode::Usage);
            let said = e.to_string();
            assert!(
                said.contains(&format!(
                    "{place}: the key `{key}`: invalid type: a list, expected"
                )),
                "{text}: {said}"
            );
            // Said in Russian whole.
            let ru = crate::render::i18n::error(crate::cli::Lang::Ru, &said).unwrap();
            for english in ["invalid", "expected", "list", "the key"] {
                assert!(!ru.contains(english), "{ru}");
            }
        }
        // Written as sections, the same values are read.
        let c = Config::from_toml("capacity = { bays = 1 }\n", "s.toml").unwrap();
        assert_eq!(c.capacity.bays, 1);
    }
}
