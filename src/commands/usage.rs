//! Usage errors of the command line (clap's) said in the language the command speaks: a
//! Russian station typing `stoa report --mont 2026-10` was answered in English while every
//! other error of `report` is Russian. The help page is [`super::help`]'s.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::cli::Lang;
use crate::config::Config;

/// The language of a usage error, from the raw arguments, as [`super::terminal_lang`]
/// picks it from parsed ones: `--lang`, else for `check`, `report` and `split` the
/// configuration's `language` (`--config`, else `stoa.toml` in `--data`, else `data/`),
/// else Russian; English for `generate` and `clv`. A mistyped command or none is read as a
/// station's.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::commands::usage::usage_lang;
/// let args = |a: &[&str]| a.iter().map(|s| s.into()).collect::<Vec<std::ffi::OsString>>();
/// assert_eq!(usage_lang(&args(&["stoa", "report", "--data", "/nowhere", "--mont"])), Lang::Ru);
/// assert_eq!(usage_lang(&args(&["stoa", "report", "--lang=en", "--mont"])), Lang::En);
/// assert_eq!(usage_lang(&args(&["stoa", "generate", "--clients", "x"])), Lang::En);
/// assert_eq!(usage_lang(&args(&["stoa", "reprot", "--data", "/nowhere"])), Lang::Ru);
/// ```
pub fn usage_lang(args: &[OsString]) -> Lang {
    let args: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = |name: &str| -> Option<String> {
        let eq = format!("{name}=");
        args.iter().enumerate().find_map(|(i, a)| match a {
            a if a == name => args.get(i + 1).cloned(),
            a => a.strip_prefix(&eq).map(str::to_string),
        })
    };
    match value("--lang").map(|l| l.trim().to_lowercase()).as_deref() {
        Some("ru") => return Lang::Ru,
        Some("en") => return Lang::En,
        _ => {}
    }
    let command = args.iter().find(|a| !a.starts_with('-'));
    match command.map(String::as_str) {
        Some("generate" | "clv") => Lang::En,
        // check, report, split, a mistyped command (`stoa reprot`) or none yet: a
        // station's language, as far as its configuration tells.
        _ => {
            let data = PathBuf::from(value("--data").unwrap_or_else(|| "data".into()));
            let config = value("--config").map(PathBuf::from);
            Config::language_of(config.as_deref(), &data).unwrap_or(Lang::Ru)
        }
    }
}

/// A context value of the error as text (`--month`, `2026-13`, a list joined by commas).
fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The usage error in Russian, one sentence with what to do; None for help and version
/// (printed as clap prints them) and for kinds not translated (clap's English then).
///
/// ```
/// use clap::Parser;
/// let err = stoa::cli::Cli::try_parse_from(["stoa", "report", "--mont", "2026-10"]).unwrap_err();
/// let text = stoa::commands::usage::russian(&err).unwrap();
/// assert!(text.starts_with("неизвестный параметр «--mont»"), "{text}");
/// assert!(text.contains("«--month»"), "{text}");
/// let err = stoa::cli::Cli::try_parse_from(["stoa", "report", "--data", "a", "--data", "b"])
///     .unwrap_err();
/// let text = stoa::commands::usage::russian(&err).unwrap();
/// assert_eq!(text, "параметр --data указан дважды; укажите его один раз");
/// ```
pub fn russian(err: &clap::Error) -> Option<String> {
    let arg = || context(err, ContextKind::InvalidArg).unwrap_or_default();
    let value = || context(err, ContextKind::InvalidValue).unwrap_or_default();
    let suggested = |kind: ContextKind| {
        context(err, kind)
            .map(|s| format!("; возможно, имелось в виду «{s}»"))
            .unwrap_or_default()
    };
    let text = match err.kind() {
        ErrorKind::UnknownArgument => format!(
            "неизвестный параметр «{}»{}",
            arg(),
            suggested(ContextKind::SuggestedArg)
        ),
        ErrorKind::InvalidSubcommand => format!(
            "неизвестная команда «{}»{}; команды: check, report, split, generate, clv",
            context(err, ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggested(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::InvalidValue => {
            let valid = context(err, ContextKind::ValidValue)
                .filter(|v| !v.is_empty())
                .map(|v| format!("; возможные значения: {v}"))
                .unwrap_or_default();
            match value().is_empty() {
                true => format!("у параметра {} не указано значение{valid}", arg()),
                false => format!(
                    "значение «{}» не подходит для {}{valid}{}",
                    value(),
                    arg(),
                    suggested(ContextKind::SuggestedValue)
                ),
            }
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(err)
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            format!("значение «{}» не подходит для {}{why}", value(), arg())
        }
        ErrorKind::MissingRequiredArgument => format!(
            "не указан обязательный параметр: {}",
            context(err, ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => {
            let prior = context(err, ContextKind::PriorArg).unwrap_or_default();
            // clap says an option given twice as a conflict with itself (its English: "cannot
            // be used multiple times"); translated as a conflict it read «параметр --data
            // <DATA> нельзя указать вместе с --data <DATA>».
            if prior == arg() {
                let name = prior.split_whitespace().next().unwrap_or_default();
                format!("параметр {name} указан дважды; укажите его один раз")
            } else {
                format!("параметр {} нельзя указать вместе с {prior}", arg())
            }
        }
        ErrorKind::NoEquals => {
            format!("у параметра {} не указано значение", arg())
        }
        ErrorKind::TooManyValues => format!("у параметра {} лишнее значение «{}»", arg(), value()),
        ErrorKind::MissingSubcommand => {
            "не указана команда: check, report, split, generate или clv".to_string()
        }
        _ => return None,
    };
    Some(text)
}

/// Print a usage error in the command's language and exit with 2; the help page in the
/// command's language too ([`super::help`]), exit 0; the version as clap prints it.
pub fn exit(err: clap::Error) -> ! {
    let args: Vec<OsString> = std::env::args_os().collect();
    if usage_lang(&args) == Lang::Ru {
        if matches!(
            err.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        ) {
            if let Some(page) = super::help::russian_page(&args) {
                // `stoa` alone is a usage error (2) that shows the help; `--help` is not.
                match err.exit_code() {
                    0 => {
                        // A closed pipe (`stoa report --help | head`) is not an error.
                        let _ = super::stdout::print(&page);
                    }
                    _ => super::stderr::print(&page),
                }
                std::process::exit(err.exit_code());
            }
        }
        if let Some(text) = russian(&err) {
            let command = args
                .iter()
                .skip(1)
                .map(|a| a.to_string_lossy())
                .find(|a| !a.starts_with('-'))
                .filter(|c| ["check", "report", "split", "generate", "clv"].contains(&c.as_ref()))
                .map(|c| format!(" {c}"))
                .unwrap_or_default();
            super::stderr::println(&format!(
                "{}: {text}\nСписок параметров: stoa{command} --help",
                crate::render::i18n::t(Lang::Ru, "term.error")
            ));
            std::process::exit(2);
        }
    }
    err.exit()
}
