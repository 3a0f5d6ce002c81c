//! What is wrong with a `stoa.toml`, said as a sentence that names the key and the
//! expected form: the error type, and the TOML reader's messages in plain words.

use std::path::PathBuf;

use crate::error::ExitCode;

/// A configuration problem.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file named with --config does not exist.
    #[error("the configuration file {path} does not exist: correct --config, or leave it out to use stoa.toml beside the data (or the defaults)")]
    NotFound { path: PathBuf },
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
    /// A value has the right type but makes no sense.
    #[error("the configuration key `{key}` has the value {value}, but {expected}")]
    BadValue {
        key: String,
        value: String,
        expected: String,
    },
    /// A table, column or vocabulary that stoa does not have, named as a key: `what` is
    /// `table`, `column` or `vocabulary`; `closest` is [`did_you_mean`] of the name.
    #[error("stoa.toml names the {what} `{name}` in [{section}], but there is no {what} of that name{closest}: use one of {known}")]
    UnknownName {
        what: &'static str,
        name: String,
        section: String,
        closest: String,
        known: String,
    },
    /// Two keys of `[stations]` that name one station.
    #[error("stoa.toml has settings for the station {first:?} and for {second:?} under [stations], which are one station (names match trimmed, with white space inside as one space, in any case): keep one of [stations.{first:?}] and [stations.{second:?}], with the settings of both")]
    StationTwice { first: String, second: String },
    /// A required column left out of the reading with `= false`.
    #[error("stoa.toml leaves out the column `{column}` of `{table}` (`{column} = false` in [columns.{table}]), but that column is required: remove the line, or give the column's header names instead")]
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
}

/// Where in `text` a TOML error is and what it says, as one line: `line 2, column 8:
/// invalid type: string "два", expected u32`. The parser's own text draws the line under
/// a caret over several lines, which an error printed on one line garbles.
pub(super) fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = plain_types(e.message().trim());
    let message = message.as_str();
    match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message.to_string(),
    }
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
/// invalid type: string "два", expected u32  →  invalid type: string "два", expected a whole number
/// ```
fn plain_types(message: &str) -> String {
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
