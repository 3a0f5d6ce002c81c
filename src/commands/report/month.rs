//! The report's month: chosen once for every report of a run (`--month`, or the latest
//! complete month of the whole data), and said when it holds no visit.

use anyhow::Context as _;

use crate::analytics::period::{self, DataSpan, Period, StrayTail};
use crate::cli::ReportArgs;
use crate::config::Config;
use crate::error::Classified;
use crate::ingest::reasons::{self, fill};
use crate::ingest::Warning;
use crate::model::Model;

/// The report month: `--month`, or the latest complete month of the (whole) data, left
/// of any `stray` visits that end it (mistyped years, found by ingest), which are returned
/// when they moved the default month, and the data's last day when it falls before the
/// end of a month asked for with `--month` (the default month is always complete). A
/// station folder of `stoa split` widens the data's span to the chain's (`[chain]` of its
/// `stoa.toml`).
pub(super) fn choose_period(
    args: &ReportArgs,
    config: &Config,
    model: &Model,
    stray: Option<StrayTail>,
) -> anyhow::Result<Chosen> {
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
    let ends_early = span
        .map(|s| s.last)
        .filter(|last| *last < period.as_of && *last >= period.month.first_day());
    Ok(Chosen {
        period,
        stray,
        ends_early,
        last: span.map(|s| s.last),
    })
}

/// The month a run reports, and what the person running it is told of it.
#[derive(Debug)]
pub(super) struct Chosen {
    /// The report period.
    pub period: Period,
    /// Visits of mistyped years that moved the default month.
    pub stray: Option<StrayTail>,
    /// The data's last day, when it is inside the month and before its end: a month asked
    /// for before its export was complete (its figures fall short without a word).
    pub ends_early: Option<chrono::NaiveDate>,
    /// The data's last day as the month was chosen from it (the whole data's, before any
    /// stray visits, widened to a split chain's): the same day for every report of the
    /// run, a station's too, whose own visits may end earlier.
    pub last: Option<chrono::NaiveDate>,
}

/// The warning that the data end inside the report month, before its last day, counting
/// the month's visits: for the terminal and the report's warnings (the workbook's Data
/// issues, the page, the manifest), where a reader of the report, not only the person who
/// ran it, learns that the month is short.
pub(super) fn partial_month(chosen: &Chosen, model: &Model) -> anyhow::Result<Option<Warning>> {
    let Some(last) = chosen.ends_early else {
        return Ok(None);
    };
    use crate::analytics::management::facts::in_months;
    use polars::prelude::{col, len};
    let month = chosen.period.month;
    let visits = model
        .visits
        .clone()
        .filter(in_months(col("date"), &[month]))
        .select([len()])
        .collect()
        .context("counting the month's visits failed")?;
    let rows = visits.column("len")?.get(0)?.extract::<u64>().unwrap_or(0);
    let message = fill(
        reasons::PARTIAL_MONTH,
        &[&last.to_string(), &month.to_string()],
    );
    Ok(Some(Warning {
        table: crate::schema::Table::Visits.name().to_string(),
        rows,
        message,
    }))
}

/// The warning that `period`'s month has no done visit (of the whole data, or of the
/// `station` whose rows `model` holds): its report is all zeros, more often from a missing
/// export than a closed station. For the terminal and the report's warnings (the
/// workbook's Data issues, the page, the manifest), as [`partial_month`]: it was said on
/// the terminal only, and the report of zeros said nothing to its reader (bug13).
pub(super) fn empty_month(
    model: &Model,
    period: Period,
    station: Option<&str>,
) -> anyhow::Result<Option<Warning>> {
    use crate::analytics::management::facts::{done_visits, in_months};
    use polars::prelude::{col, len};
    let done = done_visits(model)
        .filter(in_months(col("date"), &[period.month]))
        .select([len()])
        .collect()
        .context("counting the month's visits failed")?;
    if done.column("len")?.get(0)?.extract::<u64>() != Some(0) {
        return Ok(None);
    }
    let month = period.month.to_string();
    let message = match station {
        None => fill(reasons::EMPTY_MONTH, &[&month]),
        Some(name) => fill(reasons::EMPTY_MONTH_STATION, &[name, &month]),
    };
    Ok(Some(Warning {
        table: crate::schema::Table::Visits.name().to_string(),
        rows: 0,
        message,
    }))
}

/// The warning that the comeback rate of the report month is not final: a comeback is a
/// warranty event up to [`COMEBACK_DAYS`] days after a visit, and the data end before that
/// look-ahead of the month's last visits is over, so the month's rate is understated
/// against M−1's and M−12's, whose look-ahead is whole (the tester's October: 0.0 % against
/// 3.3 %, in green). Counts the month's done visits whose look-ahead passes the data's
/// end.
///
/// [`COMEBACK_DAYS`]: crate::analytics::management::facts::COMEBACK_DAYS
pub(super) fn comebacks_not_final(
    chosen: &Chosen,
    model: &Model,
) -> anyhow::Result<Option<Warning>> {
    use crate::analytics::management::facts::{done_visits, in_months, COMEBACK_DAYS};
    use crate::analytics::period::date_lit;
    use polars::prelude::{col, len};
    let Some(last) = chosen.last else {
        return Ok(None);
    };
    let month = chosen.period.month;
    let days = chrono::Days::new(COMEBACK_DAYS as u64);
    let complete = month.last_day() + days;
    if last >= complete {
        return Ok(None);
    }
    let open = done_visits(model)
        .filter(in_months(col("date"), &[month]).and(col("date").gt(date_lit(last - days))))
        .select([len()])
        .collect()
        .context("counting the month's visits failed")?;
    let rows = open.column("len")?.get(0)?.extract::<u64>().unwrap_or(0);
    if rows == 0 {
        return Ok(None);
    }
    let message = fill(
        reasons::COMEBACKS_NOT_FINAL,
        &[
            &month.to_string(),
            &COMEBACK_DAYS.to_string(),
            &last.to_string(),
            &rows.to_string(),
            &complete.to_string(),
        ],
    );
    Ok(Some(Warning {
        table: crate::schema::Table::Visits.name().to_string(),
        rows,
        message,
    }))
}

/// The warning that the new clients of a month in the data's first year may include
/// returning ones (SPEC §4 *New client* is the first visit ever, and the data do not hold
/// the visits before their start): said when some of the month's new clients have no
/// registration date to tell (those registered before the data's first month are not new).
/// Counts the month's new clients without one.
pub(super) fn new_clients_unregistered(
    chosen: &Chosen,
    model: &Model,
) -> anyhow::Result<Option<Warning>> {
    let month = chosen.period.month;
    let Some(found) = crate::analytics::management::kpi::unregistered_new_clients(model, month)
        .context("counting the month's new clients failed")?
    else {
        return Ok(None);
    };
    let start = found.data_start.to_string();
    let message = fill(
        reasons::NEW_CLIENTS_UNREGISTERED,
        &[
            &month.to_string(),
            &start,
            &found.unregistered.to_string(),
            &found.new_clients.to_string(),
            &start,
        ],
    );
    Ok(Some(Warning {
        table: crate::schema::Table::Clients.name().to_string(),
        rows: found.unregistered,
        message,
    }))
}

/// The warning that some feedback scores of the report month lie off the 1–5 scale the
/// month is read on, and are left out of its mean (`feedback.csv`'s `mean`, the KPI
/// `feedback_mean`): how many, so that a manager can find and correct them.
pub(super) fn off_scale_scores(chosen: &Chosen, model: &Model) -> anyhow::Result<Option<Warning>> {
    let month = chosen.period.month;
    let Some((off, all, scores)) = crate::analytics::management::feedback::off_scale(model, month)
        .context("reading the month's feedback scores failed")?
    else {
        return Ok(None);
    };
    let scores: Vec<String> = scores.iter().map(|s| s.to_string()).collect();
    let message = fill(
        reasons::OFF_SCALE_SCORES,
        &[
            &off.to_string(),
            &all.to_string(),
            &month.to_string(),
            &scores.join(", "),
        ],
    );
    Ok(Some(Warning {
        table: crate::schema::Table::Feedback.name().to_string(),
        rows: off,
        message,
    }))
}

/// The warnings that a station's feedback survey moved from 1–5 to 0–10 within the
/// compared months (after M−12, by M): each period is read on its own scale, and their
/// means do not compare. One per station so moved; the station is named in a chain.
pub(super) fn scale_switches(period: Period, model: &Model) -> anyhow::Result<Vec<Warning>> {
    let found = crate::analytics::management::feedback::switches(model, period.month.last_day())
        .context("reading the stations' feedback scales failed")?;
    Ok(found
        .into_iter()
        .filter(|(_, s)| period.year_ago() < s.from && s.from <= period.month)
        .map(|(station, s)| {
            let from = s.from.to_string();
            let figures = [
                s.before.0.to_string(),
                s.before.1.to_string(),
                s.after.0.to_string(),
                s.after.1.to_string(),
            ];
            let [a, b, c, d] = figures.each_ref().map(String::as_str);
            let message = match station.is_empty() {
                true => fill(reasons::SCALE_SWITCHED, &[&from, a, b, c, d, &from]),
                false => fill(
                    reasons::SCALE_SWITCHED_AT,
                    &[&station, &from, a, b, c, d, &from],
                ),
            };
            Warning {
                table: crate::schema::Table::Feedback.name().to_string(),
                rows: 0,
                message,
            }
        })
        .collect())
}

/// The warnings that the stations of a chain read the feedback of some compared months on
/// different scales (one on 1–5, another on 0–10), so that the chain's mean score and NPS
/// of those months are empty: one per way the stations split, naming its months and the
/// stations on each scale. For the chain's report only: a station's scores are on one scale.
pub(super) fn mixed_scales(period: Period, model: &Model) -> anyhow::Result<Vec<Warning>> {
    let scales = crate::analytics::management::feedback::scales(model, &period.compared())
        .context("reading the stations' feedback scales failed")?;
    let mut splits: Vec<(Vec<&str>, Vec<&str>, Vec<String>)> = Vec::new();
    for m in scales.iter().filter(|m| m.mixed()) {
        let (five, ten) = (m.names_on(false), m.names_on(true));
        match splits.iter_mut().find(|s| s.0 == five && s.1 == ten) {
            Some(split) => split.2.push(m.month.to_string()),
            None => splits.push((five, ten, vec![m.month.to_string()])),
        }
    }
    Ok(splits
        .into_iter()
        .map(|(five, ten, mut months)| {
            months.sort();
            Warning {
                table: crate::schema::Table::Feedback.name().to_string(),
                rows: 0,
                message: fill(
                    reasons::MIXED_SCALES,
                    &[&months.join(", "), &five.join(", "), &ten.join(", ")],
                ),
            }
        })
        .collect())
}

/// The warning that some done visits of the weekday × hour load (M−11 … M) were opened on
/// a date alone and are left out of it (they were counted at midnight until session 35):
/// how many, of how many, so that a manager reading the hours of arrival knows what they
/// count. None when every visit has a time.
pub(super) fn untimed_load(period: Period, model: &Model) -> anyhow::Result<Option<Warning>> {
    let Some((untimed, all)) = crate::analytics::demand::load::untimed(model, period)
        .context("counting the visits without a time of day failed")?
    else {
        return Ok(None);
    };
    let message = fill(
        reasons::UNTIMED_LOAD,
        &[
            &untimed.to_string(),
            &all.to_string(),
            &period.month.shift(-11).to_string(),
            &period.month.to_string(),
        ],
    );
    Ok(Some(Warning {
        table: crate::schema::Table::Visits.name().to_string(),
        rows: untimed,
        message,
    }))
}

/// The warning that no order line has norm hours, so that the bay load, hours per visit
/// and the norm hours of demand and mechanics are empty: said with the report's figures
/// (and on the terminal), where a manager would otherwise look for the load. None when
/// some line has them, or there is no line.
pub(super) fn norm_hours_unknown(model: &Model) -> anyhow::Result<Option<Warning>> {
    use polars::prelude::len;
    let lines = model
        .order_lines
        .clone()
        .select([len()])
        .collect()
        .context("counting the order lines failed")?;
    let rows = lines.column("len")?.get(0)?.extract::<u64>().unwrap_or(0);
    if rows == 0
        || crate::model::norm_hours_known(model).context("reading the norm hours failed")?
    {
        return Ok(None);
    }
    Ok(Some(Warning {
        table: crate::schema::Table::OrderLines.name().to_string(),
        rows,
        message: reasons::NO_NORM_HOURS.to_string(),
    }))
}
