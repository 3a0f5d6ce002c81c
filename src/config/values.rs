//! `[values.<vocabulary>]` of stoa.toml: the station's own words for coded values. An
//! export names its categories and channels in the accounting system's words
//! (`Развал-схождение`, `Звонок`); those stoa does not know count as `other`, and a
//! warning names them. Here the user says what they are.

use std::collections::BTreeMap;

use super::ConfigError;
use crate::schema::EnumKind;

/// Vocabulary → the station's word → the canonical value it stands for:
/// `[values.category] "Развал-схождение" = "tires"`. Words match as header names do:
/// trimmed, in any case, `ё` as `е`, runs of spaces as one.
pub type Values = BTreeMap<String, BTreeMap<String, String>>;

/// The vocabularies `[values]` may name, each with its kind.
pub const VOCABULARIES: [(&str, EnumKind); 5] = [
    ("category", EnumKind::Category),
    ("channel", EnumKind::Channel),
    ("status", EnumKind::Status),
    ("line_kind", EnumKind::LineKind),
    ("client_kind", EnumKind::ClientKind),
];

/// The name of a vocabulary under `[values]`.
///
/// ```
/// use stoa::schema::EnumKind;
/// assert_eq!(stoa::config::vocabulary_name(EnumKind::LineKind), "line_kind");
/// ```
pub fn vocabulary_name(kind: EnumKind) -> &'static str {
    VOCABULARIES
        .iter()
        .find(|(_, k)| *k == kind)
        .map(|(n, _)| *n)
        .expect("every kind has a name")
}

/// The station's words for the values of `kind`, folded, each with its canonical value.
///
/// ```
/// let c = stoa::config::Config::from_toml("[values.category]\n\" Развал-Схождение \" = \"tires\"\n", "stoa.toml").unwrap();
/// let words = stoa::config::words(&c.values, stoa::schema::EnumKind::Category);
/// assert_eq!(words, [("развал-схождение".to_string(), "tires".to_string())]);
/// ```
pub fn words(values: &Values, kind: EnumKind) -> Vec<(String, String)> {
    values
        .get(vocabulary_name(kind))
        .into_iter()
        .flatten()
        .map(|(word, canonical)| (crate::schema::fold(word), canonical.trim().to_string()))
        .collect()
}

/// Every vocabulary named under `[values]` exists, and every word stands for one of its
/// canonical values.
pub(super) fn check(values: &Values) -> Result<(), ConfigError> {
    for (name, words) in values {
        let Some((_, kind)) = VOCABULARIES.iter().find(|(n, _)| n == name) else {
            let known: Vec<&str> = VOCABULARIES.iter().map(|(n, _)| *n).collect();
            return Err(ConfigError::UnknownName {
                what: "vocabulary",
                name: name.clone(),
                section: format!("values.{name}"),
                closest: super::did_you_mean(name, known.iter().copied()),
                known: known.join(", "),
            });
        };
        let canonical = crate::ingest::normalize::canonical_values(*kind);
        for (word, value) in words {
            if !canonical.contains(&value.trim()) {
                return Err(ConfigError::BadValue {
                    key: vec!["values".into(), name.clone(), word.clone()],
                    value: format!("{value:?}"),
                    expected: format!("it must be one of {}", canonical.join(", ")),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Config;

    #[test]
    fn words_must_stand_for_a_known_value_of_a_known_vocabulary() {
        let c = Config::from_toml(
            "[values.category]\n\"Развал-схождение\" = \"tires\"\n[values.status]\n\"Готов\" = \"done\"\n",
            "stoa.toml",
        )
        .unwrap();
        assert_eq!(c.values["status"]["Готов"], "done");
        let said = Config::from_toml("[values.category]\n\"Шины\" = \"шины\"\n", "stoa.toml")
            .unwrap_err()
            .to_string();
        assert!(said.contains("values.category.\"Шины\""), "{said}");
        assert!(said.contains("one of wash, maintenance"), "{said}");
        let said = Config::from_toml("[values.colour]\n\"red\" = \"other\"\n", "stoa.toml")
            .unwrap_err()
            .to_string();
        assert!(said.contains("one of category, channel"), "{said}");
    }
}
