//! The report's month: chosen once for every report of a run (`--month`, or the latest
//! complete month of the whole data), and said when it holds no visit.

use anyhow::Context as _;

use crate::analytics::period::{self, DataSpan, Period, StrayTail};
use crate::cli::{Lang, ReportArgs};
use crate::config::Config;
use crate::error::Classified;
use crate::ingest::reasons::fill;
use crate::model::Model;
use crate::render::i18n;

/// The report month: `--month`, or the latest complete month of the (whole) data, left
/// of any `stray` visits that end it (mistyped years, found by ingest), which are returned
/// when they moved the default month. A station folder of `stoa split` widens the data's
/// span to the chain's (`[chain]` of its `stoa.toml`).
pub(super) fn choose_period(
    args: &ReportArgs,
    config: &Config,
    model: &Model,
    stray: Option<StrayTail>,
) -> anyhow::Result<(Period, Option<StrayTail>)> {
    let mut span = DataSpan::of(model).context("reading the dates of the visits failed")?;
    let stray = stray.filter(|_| args.month.is_none());
    if let (Some(tail), Some(span)) = (&stray, &mut span) {
        span.last = tail.before;
    }
    if let (Some((first, last)), Some(span)) =
        (config.chain.as_ref().and_then(|c| c.dates()), &mut span)
    {
        span.first = span.first.min(first);
        span.last = span.last.max(last);
    }
    let period = period::choose(span, args.month.as_deref()).map_err(|e| Classified {
        code: e.exit_code(),
        message: e.to_string(),
    })?;
    Ok((period, stray))
}

/// Warn on the terminal when `period`'s month has no done visit: its report is all zeros,
/// more often from a missing export than a closed station.
pub(super) fn warn_if_empty(model: &Model, period: Period, lang: Lang) -> anyhow::Result<()> {
    use crate::analytics::management::facts::{done_visits, in_months};
    use polars::prelude::{col, len};
    let done = done_visits(model)
        .filter(in_months(col("date"), &[period.month]))
        .select([len()])
        .collect()
        .context("counting the month's visits failed")?;
    if done.column("len")?.get(0)?.extract::<u64>() == Some(0) {
        eprintln!(
            "{}: {}",
            i18n::t(lang, "term.warning"),
            fill(
                i18n::t(lang, "report.empty_month"),
                &[&period.month.to_string()]
            )
        );
    }
    Ok(())
}
