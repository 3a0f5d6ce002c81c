//! What `stoa report` and `stoa check` say of tables that lost many rows to rejection,
//! before anything is computed from them: a warning for a large loss, and the end of the run for a required
//! table with no row left (a revenue of 0 is not a report), with the way out. A required
//! table that came with no row at all (an export that wrote only its header) ends the run
//! the same way, named as what it is rather than by the rows of other tables it leaves
//! without a match.

use crate::cli::Lang;
use crate::config::Config;
use crate::error::Classified;
use crate::ingest::losses::Loss;
use crate::ingest::reasons::fill;
use crate::ingest::InputReport;
use crate::render::i18n;
use crate::schema::Table;

/// How a loss is worded.
enum Wording {
    /// A large share of the rows, the report still made.
    Some,
    /// Every row, for the cells of an optional column that the reading can leave out
    /// (its name in stoa.toml).
    AllLeaveOut(&'static str),
    /// Every row, which only correcting the data mends.
    AllCorrect,
}

/// Say every loss on the terminal (unless `quiet`) in `lang`; the first required table
/// with no row left is the run's error instead.
pub(super) fn say(
    losses: &[Loss],
    config: &Config,
    lang: Lang,
    quiet: bool,
) -> Result<(), Classified> {
    for loss in losses {
        let table = Table::from_name(&loss.table);
        if loss.is_total() && table.is_some_and(Table::required) {
            let wording = match table.and_then(|t| optional_column(t, loss, config)) {
                Some(column) => Wording::AllLeaveOut(column),
                None => Wording::AllCorrect,
            };
            return Err(Classified::data(sentence(lang, loss, wording)));
        }
        if !quiet {
            let warning = i18n::t(lang, "term.warning");
            super::stderr::println(&format!(
                "{warning}: {}",
                sentence(lang, loss, Wording::Some)
            ));
        }
    }
    Ok(())
}

/// The first required table of `inputs` that has no data row under its header, as the
/// run's error: its report would show a revenue of 0, or every order line rejected as a
/// line of no visit.
pub(super) fn say_empty(inputs: &[InputReport], lang: Lang) -> Result<(), Classified> {
    let empty = inputs
        .iter()
        .find(|i| i.rows_read == 0 && Table::from_name(&i.table).is_some_and(Table::required));
    let Some(input) = empty else { return Ok(()) };
    let table = i18n::word(lang, "table", &input.table).unwrap_or_else(|| input.table.clone());
    let place = match &input.sheet {
        Some(sheet) => format!("{} [{sheet}]", input.path),
        None => input.path.clone(),
    };
    Err(Classified::data(fill(
        i18n::t(lang, "report.table_empty"),
        &[&table, &place],
    )))
}

/// The optional column of `table` whose header the loss cites, by its name in stoa.toml.
fn optional_column(table: Table, loss: &Loss, config: &Config) -> Option<&'static str> {
    crate::ingest::header::Synonyms::new(table, config)
        .column_of(&loss.column)
        .filter(|c| table.column(c).is_some_and(|c| !c.required))
}

/// A table's loss of rows in `lang`: how many of how many, and the reason that took most
/// of them.
fn sentence(lang: Lang, loss: &Loss, wording: Wording) -> String {
    let table = i18n::word(lang, "table", &loss.table).unwrap_or_else(|| loss.table.clone());
    let reason = i18n::reason(lang, &loss.reason).unwrap_or_else(|| loss.reason.clone());
    let place = if loss.column.is_empty() {
        String::new()
    } else {
        fill(i18n::t(lang, "report.in_column"), &[&loss.column])
    };
    let (rejected, read, count) = (
        loss.rejected.to_string(),
        loss.read.to_string(),
        loss.count.to_string(),
    );
    let (key, args): (&str, Vec<&str>) = match wording {
        Wording::Some => (
            "report.rows_lost",
            vec![&rejected, &read, &table, &count, &reason, &place],
        ),
        Wording::AllLeaveOut(column) => (
            "report.all_lost",
            vec![&read, &table, &count, &reason, &place, column, &loss.table],
        ),
        Wording::AllCorrect => (
            "report.all_lost_fix",
            vec![&read, &table, &count, &reason, &place],
        ),
    };
    fill(i18n::t(lang, key), &args)
}
