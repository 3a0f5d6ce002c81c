//! The errors a station manager meets in `stoa check` and `stoa report` (a missing folder,
//! table or column, an unreadable file, a wrong `--month`, `--only`, `--station` or
//! `--config`, an output folder that cannot be written), in Russian. Each English message
//! is read back by its template, as the warnings are, so an error keeps one wording in the
//! code; a test builds every such error and fails if its template no longer matches.

use crate::cli::Lang;
use crate::ingest::reasons as r;

/// An English message with `{}` for each value, and its Russian with `{N}` for the N-th
/// value (so that a value can be repeated, left out or moved).
type Template = (&'static str, &'static str);

mod config;
mod data;
mod run;
mod toml;

/// Every template. Of those that read a text the one with the most words of its own is
/// taken (see [`error`]), and no two read one text alike (a test asks), so their order
/// does not decide.
fn templates() -> impl Iterator<Item = &'static Template> {
    data::RUSSIAN_DATA
        .iter()
        .chain(&config::RUSSIAN_CONFIG)
        .chain(&run::RUSSIAN_RUN)
        .chain(&toml::RUSSIAN_SYNTAX)
}

/// One error message of the chain in `lang`; None when it is English already or not one of
/// the templates. A value that is itself such a message (the reason a file could not
/// be read) is worded too.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::render::i18n::error;
/// let text = "the month \"13.2026\" is not of the form YYYY-MM or MM.YYYY (for example 2026-09 or 09.2026): correct --month";
/// assert!(error(Lang::Ru, text).unwrap().starts_with("месяц \"13.2026\" записан не в виде ГГГГ-ММ"));
/// assert_eq!(error(Lang::En, text), None);
/// ```
pub fn error(lang: Lang, text: &str) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    // Of the templates that read the text, the one with the most words of its own: the
    // general `cannot read {}: {}` reads `cannot read the configuration file …` too, and
    // left its English in the Russian.
    let (russian, args) = templates()
        .filter_map(|(english, russian)| Some((english, russian, r::parse(english, text)?)))
        .max_by_key(|(english, _, _)| english.replace("{}", "").len())
        .map(|(_, russian, args)| (russian, args))?;
    {
        let args: Vec<String> = args
            .into_iter()
            .map(|a| {
                error(lang, a)
                    .or_else(|| super::reasons::place(a))
                    .unwrap_or_else(|| a.to_string())
            })
            .collect();
        Some(indexed(russian, &args))
    }
}

/// `template` with every `{N}` replaced by `args[N]`, and its groups of forms
/// (`{0:клиента|клиентов|клиентов}`) agreeing with the count they name
/// ([`super::plural::agree`]).
fn indexed(template: &str, args: &[String]) -> String {
    let counts: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut out = super::plural::agree(template, &counts, None).into_owned();
    // From the last index down, so that `{1}` is not taken for the start of `{10}`.
    for (i, a) in args.iter().enumerate().rev() {
        out = out.replace(&format!("{{{i}}}"), a);
    }
    out
}

#[cfg(test)]
mod tests;
