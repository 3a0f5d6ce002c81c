//! What is wrong with a `stoa.toml`, said as a sentence that names the key and the
//! expected form: the error type, and the TOML reader's messages in plain words.

use std::path::PathBuf;

use super::place::{dotted, KeyPath};
use crate::error::ExitCode;

/// A configuration problem.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named with --config does not exist.
    #[error("the configuration file {path} does not exist: correct --config, or leave it out to use stoa.toml beside the data (or the defaults)")]
    NotFound { path: PathBuf },
    /// The file named with --config, or the data folder's stoa.toml, is a link to nothing.
    #[error("the configuration file {path} is a link to {target}, which does not exist: restore the file it points to, or replace the link with the file itself")]
    BrokenLink { path: PathBuf, target: PathBuf },
    /// `--config` names a folder.
    #[error("the configuration file {path} is a folder: name the stoa.toml file itself with --config, or leave --config out to use the data folder's stoa.toml")]
    Folder { path: PathBuf },
    /// The file could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or a key is unknown or of the wrong form.
    #[error("the configuration file {path} is not valid at {message}; correct it (the README's Configuration section lists the keys)")]
    Invalid { path: PathBuf, message: String },
    /// One of the errors below, or a `[files]` entry that names nothing (found by ingest),
    /// with the file it is in and the line and column of its key: they said `stoa.toml`
    /// whatever file `--config` named, and no place in it.
    #[error("in the configuration file {path}, line {line}, column {column}: {message}")]
    At {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A value has the right type but makes no sense.
    #[error("the key `{}` has the value {value}, but {expected}", dotted(.key))]
    BadValue {
        key: KeyPath,
        value: String,
        expected: String,
    },
    /// A table, column or vocabulary that stoa does not have, named as a key: `what` is
    /// `table`, `column` or `vocabulary`; `closest` is [`did_you_mean`] of the name.
    #[error("[{section}] names the {what} `{name}`, but there is no {what} of that name{closest}: use one of {known}")]
    UnknownName {
        what: &'static str,
        name: String,
        section: String,
        closest: String,
        known: String,
    },
    /// Two keys of `[stations]` that name one station.
    #[error("there are settings for the station {first:?} and for {second:?} under [stations], which are one station (names match trimmed, with white space inside as one space, in any case): keep one of [stations.{first:?}] and [stations.{second:?}], with the settings of both")]
    StationTwice { first: String, second: String },
    /// A path written in double quotes with a backslash that began an escape
    /// (`"C:\exports"`: `\e` is ESC), found by `paths::check`: `written` as the file has
    /// it, `escape` the first such escape, `meant` the path with each backslash a
    /// backslash.
    #[error("the path {written} of `{}` is in double quotes, where a backslash begins an escape: `{escape}` in it is read as one special character, not as a backslash before a name, so the path names no file; write it in single quotes ('{meant}') or with forward slashes (\"{}\")", dotted(.key), .meant.replace('\\', "/"))]
    PathEscape {
        key: KeyPath,
        written: String,
        escape: String,
        meant: String,
    },
    /// A path holding a control character (a line break of a multi-line text).
    #[error("the path {value:?} of `{}` holds a control character (a line break, a tab or the like), which no file name has: write the path on one line, in single quotes ('C:\\exports\\visits.xlsx') or with forward slashes (\"C:/exports/visits.xlsx\")", dotted(.key))]
    PathControl { key: KeyPath, value: String },
    /// A `[files]` path that is empty (or only spaces): it named the data folder itself,
    /// whose every file was read as the table's.
    #[error("the path of `{}` is empty, which names the data folder itself: name the table's file or folder, relative to the data folder, or remove the line for stoa to find the table by its file's name", dotted(.key))]
    PathEmpty { key: KeyPath },
    /// A required column left out of the reading with `= false`.
    #[error("the column `{column}` of `{table}` is left out (`{column} = false` in [columns.{table}]), but that column is required: remove the line, or give the column's header names instead")]
    RequiredLeftOut { table: String, column: String },
}

impl ConfigError {
    /// Configuration errors are usage errors, but an unreadable file is I/O.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            ConfigError::Read { .. } => ExitCode::Internal,
            _ => ExitCode::Usage,
        }
    }

    /// Whether the error is of a key's value (placed at the value), not of its name.
    pub(super) fn of_value(&self) -> bool {
        matches!(
            self,
            ConfigError::BadValue { .. }
                | ConfigError::PathEscape { .. }
                | ConfigError::PathControl { .. }
                | ConfigError::PathEmpty { .. }
        )
    }

    /// The key of the file an error of the checks is about, for its place.
    pub(super) fn key(&self) -> Option<KeyPath> {
        let key = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect();
        match self {
            ConfigError::BadValue { key, .. }
            | ConfigError::PathEscape { key, .. }
            | ConfigError::PathControl { key, .. }
            | ConfigError::PathEmpty { key } => Some(key.clone()),
            ConfigError::UnknownName {
                what: "vocabulary",
                name,
                ..
            } => Some(key(&["values", name])),
            ConfigError::UnknownName { name, section, .. } => {
                let mut k: KeyPath = section.split('.').map(String::from).collect();
                k.push(name.clone());
                Some(k)
            }
            ConfigError::StationTwice { second, .. } => Some(key(&["stations", second])),
            ConfigError::RequiredLeftOut { table, column } => {
                Some(key(&["columns", table, column]))
            }
            _ => None,
        }
    }
}

/// Where in `text` a TOML error is and what it says, as one line: `line 2, column 8:
/// invalid type: string "два", expected u32`. The parser's own text draws the line under
/// a caret over several lines, which an error printed on one line garbles.
pub(super) fn toml_error(text: &str, e: &toml::de::Error) -> String {
    // The key a value of the wrong type is for: its range is said as its check says it.
    let key = e
        .span()
        .and_then(|span| super::place::key_at(text, span.start))
        .unwrap_or_default();
    let message = named(plain_types(&plain_syntax(e.message().trim()), &key), &key);
    match e.span() {
        Some(span) => {
            let (line, column) = super::place::line_column(text, span.start);
            format!("line {line}, column {column}: {message}")
        }
        None => message,
    }
}

/// A value's mistake (`invalid type: …`, `invalid value: …`) said with the key it is of, as
/// the checks' errors are (`the key `capacity.bays`: invalid type: …`): the reader's error
/// named only a line and column. Any other message as it is (an unknown key names itself).
fn named(message: String, key: &[String]) -> String {
    let of_value = [
        "invalid type: ",
        "invalid value: ",
        "unknown variant ",
        "expected the column's",
    ];
    match !key.is_empty() && of_value.iter().any(|p| message.starts_with(p)) {
        true => format!("the key `{}`: {message}", super::dotted(key)),
        false => message,
    }
}

/// The TOML reader's words for a mistake of syntax (`invalid unquoted key, expected
/// letters, numbers, `-`, `_``), said as what is wrong and how it is written, for the
/// person who edits the file in Notepad; each has its Russian wording (they came in English
/// inside a Russian message).
const SYNTAX: [(&str, &str); 22] = [
    (
        "invalid unquoted key",
        "a key is written in Latin letters, digits, `-` and `_`, as the README's Configuration section lists them (`station`, `capacity`); a name in other letters, such as a station's, goes in quotes: [stations.\"Север\"]",
    ),
    (
        "unquoted keys cannot be empty",
        "the key is missing before the `=`: write key = value",
    ),
    ("key with no value", "the key has no value: write key = value"),
    ("extra `=`", "one `=` too many: write key = value"),
    (
        "unexpected key or value",
        "more follows the value on its line: write one key = value a line, a comment after #; a number's decimals follow a point (10.5), not a comma",
    ),
    (
        "string values must be quoted",
        "a text must be in quotes, as in station = \"СТО Центр\" or language = \"ru\"",
    ),
    (
        "invalid basic string",
        "a text in quotes is not closed: end it with \" on the same line",
    ),
    (
        "invalid literal string",
        "a text in single quotes is not closed: end it with ' on the same line",
    ),
    (
        "invalid multi-line basic string",
        "a text in triple quotes is not closed: end it with \"\"\"",
    ),
    (
        "invalid multi-line literal string",
        "a text in triple single quotes is not closed: end it with '''",
    ),
    (
        "missing escaped value",
        "a backslash in a text in quotes begins an escape such as \\n: write a backslash itself as \\\\ (\"C:\\\\exports\"), or put the text in single quotes ('C:\\exports')",
    ),
    (
        // `"C:\Users"`: `\U` begins a character's code.
        "too few unicode value digits",
        "a backslash in a text in quotes begins an escape such as \\n: write a backslash itself as \\\\ (\"C:\\\\exports\"), or put the text in single quotes ('C:\\exports')",
    ),
    (
        "unclosed table",
        "the section's name is not closed: end it with ], as in [capacity]",
    ),
    (
        "unclosed array table",
        "the section's name is not closed: end it with ]], as in [[holidays.fixed]]",
    ),
    (
        "unclosed array",
        "the list is not closed: end it with ], as in [\"a\", \"b\"]",
    ),
    (
        "unclosed inline table",
        "the table in braces is not closed: end it with }, as in { day = 4, month = 11, name = \"День народного единства\" }",
    ),
    (
        "missing comma between array elements",
        "the items of a list are parted by commas: [\"a\", \"b\"]",
    ),
    (
        "extra comma in array",
        "the list has a comma with no item before it: [\"a\", \"b\"]",
    ),
    (
        "unexpected leading zero",
        "a number does not begin with 0: write 1, not 01",
    ),
    (
        "invalid float",
        "the number is not written right: its decimals follow a point, as in 10.5",
    ),
    (
        "invalid integer number",
        "the whole number is not written right, as in 4",
    ),
    ("missing value", "the key has no value: write key = value"),
];

/// The TOML reader's message of a syntax mistake in plain words ([`SYNTAX`]); any other
/// message as it is.
///
/// ```text
/// invalid basic string, expected `"`  →  a text in quotes is not closed: end it with " on the same line
/// ```
fn plain_syntax(message: &str) -> String {
    let what = message
        .split_once(", expected ")
        .map_or(message, |(w, _)| w);
    SYNTAX
        .iter()
        .find(|(parser, _)| *parser == what)
        .map_or_else(|| message.to_string(), |(_, plain)| plain.to_string())
}

/// The plain words of every syntax mistake, for the test that each has its Russian.
#[cfg(test)]
pub(crate) fn syntax_words() -> impl Iterator<Item = &'static str> {
    SYNTAX.iter().map(|(_, plain)| *plain)
}

/// ` (did you mean `x`?)` for the known name closest to a mistyped `name`, or nothing when
/// none is close (Jaro–Winkler similarity of at least 0.8, as clap suggests subcommands).
///
/// ```
/// use stoa::config::did_you_mean;
/// assert_eq!(did_you_mean("visitid", ["visit_id", "opened_at"]), " (did you mean `visit_id`?)");
/// assert_eq!(did_you_mean("paid", ["done", "cancelled"]), "");
/// ```
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let name = name.trim().to_lowercase();
    let best = known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&name, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    best.map_or_else(String::new, |(_, k)| format!(" (did you mean `{k}`?)"))
}

/// serde's names of the expected types (`expected u32`, `expected a sequence`) in the
/// words of someone who edits a settings file.
///
/// ```text
/// invalid type: string "два", expected u32  →  invalid type: string "два", expected a whole number, 0 or more
/// the same of `capacity.bays`  →  invalid type: string "два", expected a whole number of bays, 1 or more
/// ```
fn plain_types(message: &str, key: &[String]) -> String {
    if message == "wanted string or table" {
        // `language = 5`: the reader's words for a value of a choice that is no text.
        return "invalid type: a value without quotes, expected a string".into();
    }
    if message == "invalid type: map, expected a string" {
        // `closed = [2026-01-01]`: TOML's own date, without quotes, is read as a table.
        return "invalid type: a value without quotes, expected a text in quotes, such as \"2026-01-01\"".into();
    }
    // serde's words for a list or a table found where another value was expected.
    let message = message
        .replacen("invalid type: sequence,", "invalid type: a list,", 1)
        .replacen("invalid type: map,", "invalid type: a table,", 1)
        .replacen("invalid type: unit value,", "invalid type: no value,", 1);
    let message = message.as_str();
    // A numeric key is told the values its check takes, not only its type.
    if let Some(range) = super::validate::range(key) {
        for serde in [
            "expected u8",
            "expected u16",
            "expected u32",
            "expected u64",
            "expected usize",
            "expected i32",
            "expected i64",
            "expected f64",
        ] {
            if let Some(found) = message.strip_suffix(serde) {
                return format!("{found}expected {range}");
            }
        }
    }
    const TYPES: [(&str, &str); 10] = [
        // A negative value was "expected a whole number", which it is.
        ("expected u8", "expected a whole number, 0 or more"),
        ("expected u16", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        (
            "expected a sequence",
            "expected a list in brackets, such as [\"a\", \"b\"]",
        ),
        ("expected a borrowed string", "expected a text in quotes"),
    ];
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|f| f.strip_suffix('`'))
    {
        // `[[holidays.fixed]]` without its `month`, `[chain]` without `last_visit`.
        let within = match key.is_empty() {
            true => String::new(),
            false => format!(" of `{}`", super::dotted(key)),
        };
        return format!("the key `{field}`{within} is left out, and it has no default: add it");
    }
    if message == "data did not match any variant of untagged enum Names" {
        // A column's entry under [columns.<table>].
        return "expected the column's header name in quotes, a list of names in brackets, or false".into();
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // unknown field `languge`, expected one of `station`, `currency`, …
        if let Some((name, expected)) = rest.split_once("`, expected ") {
            let known = expected.split('`').skip(1).step_by(2);
            let closest = did_you_mean(name, known);
            let list = expected.strip_prefix("one of ").unwrap_or(expected);
            return format!("unknown key `{name}`{closest}; the keys here are {list}");
        }
    }
    if let Some(found) = message.strip_suffix(", expected struct Holiday") {
        // An entry of [holidays] fixed: advising a section of keys, as for any other
        // struct, sent the user the wrong way.
        return format!("{found}, expected a holiday written {{ day = 4, month = 11, name = \"День народного единства\" }}");
    }
    if let Some((found, _)) = message.split_once(", expected struct ") {
        return format!("{found}, expected a section of keys, written as [name] on a line of its own with its keys under it");
    }
    match TYPES.iter().find(|(serde, _)| message.ends_with(serde)) {
        Some((serde, plain)) => format!("{}{plain}", &message[..message.len() - serde.len()]),
        None => message.to_string(),
    }
}
