//! Feedback (SPEC §4 *mean feedback score, NPS where the scale is 0–10*): how clients
//! rated their visits, on whatever scale the data uses.

use polars::prelude::*;

use super::{ratio, Facts};
use crate::analytics::period::Month;
use crate::model::Model;

/// The share of a station's scores that must lie outside 1–5 (0, or above 5) for its
/// survey to be read on a 0–10 scale. On a 0–10 survey most clients give 6–10; on a 1–5
/// survey a score outside it is a slip of the keyboard (a 0 for an empty cell, a 7), and
/// "any score outside 1–5" turned a station's whole history to 0–10 for one such slip
/// three years back: 81 October clients who gave 4s and 5s became detractors, NPS −100.
const TEN_POINT_SHARE: f64 = 0.2;

/// The most scores above 5 a survey's months on 1–5 may hold before it moved to 0–10 (a
/// share of their scores): on a 1–5 survey such a score is a slip of the keyboard, and
/// slips are rare. A 0–10 survey's first month of low scores with a 9 and a 10 among
/// twelve (one in six) is no 1–5 past.
const SLIP_SHARE: f64 = 0.05;

/// The fewest scores above 5 from which a move to 0–10 is read: one client's slip, or a
/// few (a 7 in a month of four scores), never moves a station's survey.
const SWITCH_SCORES: u64 = 5;

/// A station's move from a 1–5 survey to a 0–10 one: from which month its scores are read
/// on 0–10 (those before it on 1–5), with the evidence the warning quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Switch {
    /// The first month read on 0–10.
    pub from: Month,
    /// The scores before it: how many lie above 5, of how many.
    pub before: (u64, u64),
    /// The scores from it on: how many lie outside 1–5, of how many.
    pub after: (u64, u64),
}

/// One month's scores of a scale group: the month, how many, how many lie outside 1–5,
/// how many above 5.
type MonthScores = (Month, u64, u64, u64);

/// Where a group's survey moved from 1–5 to 0–10, from its scores month by month (`months`,
/// oldest first, each with scores): the earliest month such that
/// - some month before it has scores, and those scores, taken together, read on 1–5 (at
///   most [`TEN_POINT_SHARE`] outside 1–5) with at most [`SLIP_SHARE`] above 5;
/// - the scores from it on, taken together, read on 0–10 (more than [`TEN_POINT_SHARE`]
///   outside 1–5), [`SWITCH_SCORES`] of them or more above 5;
/// - it reads on 0–10 by itself (more than [`TEN_POINT_SHARE`] of its scores outside 1–5).
///
/// Only a move to 0–10 is read: a 0–10 survey's bad month (mostly low scores) looks like
/// 1–5, and reading it so dropped its 9s and 10s as slips (session 27).
fn switch_of(months: &[MonthScores]) -> Option<Switch> {
    let total = |part: &[MonthScores]| {
        part.iter().fold((0, 0, 0), |(n, off, above), m| {
            (n + m.1, off + m.2, above + m.3)
        })
    };
    let share = |k: u64, n: u64| k as f64 / n.max(1) as f64;
    months
        .iter()
        .enumerate()
        .skip(1)
        .find_map(|(i, &(from, n, off, _))| {
            let (before_n, before_off, before_above) = total(&months[..i]);
            let (after_n, after_off, after_above) = total(&months[i..]);
            let five_before = before_n > 0
                && share(before_off, before_n) <= TEN_POINT_SHARE
                && share(before_above, before_n) <= SLIP_SHARE;
            let ten_after =
                share(after_off, after_n) > TEN_POINT_SHARE && after_above >= SWITCH_SCORES;
            let ten_now = share(off, n) > TEN_POINT_SHARE;
            (five_before && ten_after && ten_now).then_some(Switch {
                from,
                before: (before_above, before_n),
                after: (after_off, after_n),
            })
        })
}

/// How each scale group ([`scale_group`]) reads its scores, from every score of its done
/// visits dated up to `as_of` (scores after it are left out, so that a month's report does
/// not change with later data): whether on 0–10 by the [`TEN_POINT_SHARE`] rule over its
/// whole history, so that a station's survey keeps one scale in every month, and where it
/// moved from 1–5 to 0–10 ([`switch_of`]), the months before the move on 1–5 and those from
/// it on 0–10. Decided per month (session 27), a bad month of a 0–10 survey (June: ten
/// scores of 1–5 and a 9 and a 10) was read on 1–5: the 9 and 10 dropped as slips, no NPS, a
/// mean of 3.9 that no change set against May's 9.18. Decided over the whole history alone
/// (session 30), a station that moved to 0–10 read its new scores on 1–5 (dropped as slips)
/// or its old ones on 0–10 (4s and 5s as detractors). A group without scores is not listed.
fn history_scales(
    model: &Model,
    as_of: chrono::NaiveDate,
) -> PolarsResult<Vec<(String, bool, Option<Switch>)>> {
    // The management section and two of the month's warnings ask for the same as-of.
    let stats = crate::model::derived_as_of(&model.derived.feedback_months, as_of, || {
        history_stats(model, as_of)
    })?;
    let group = stats.column("group")?.str()?;
    let (year, month) = (stats.column("year")?.i32()?, stats.column("month")?.i32()?);
    let (n, off, above) = (
        stats.column("n")?.u64()?,
        stats.column("off")?.u64()?,
        stats.column("above")?.u64()?,
    );
    let mut groups: Vec<(String, Vec<MonthScores>)> = Vec::new();
    for i in 0..stats.height() {
        let (Some(g), Some(y), Some(m)) = (group.get(i), year.get(i), month.get(i)) else {
            continue;
        };
        let Some(m) = Month::new(y, m as u32) else {
            continue;
        };
        let scores = (
            m,
            n.get(i).unwrap_or(0),
            off.get(i).unwrap_or(0),
            above.get(i).unwrap_or(0),
        );
        match groups.last_mut().filter(|(last, _)| last == g) {
            Some((_, months)) => months.push(scores),
            None => groups.push((g.to_string(), vec![scores])),
        }
    }
    Ok(groups
        .into_iter()
        .map(|(g, months)| {
            let (n, off) = months
                .iter()
                .fold((0, 0), |(n, off), m| (n + m.1, off + m.2));
            let ten = off as f64 / n.max(1) as f64 > TEN_POINT_SHARE;
            (g, ten, switch_of(&months))
        })
        .collect())
}

/// The scores of every scale group ([`scale_group`]) month by month, from its done visits
/// dated up to `as_of`: `group, year, month, n, off` (off 1–5) `, above` (above 5), sorted.
fn history_stats(model: &Model, as_of: chrono::NaiveDate) -> PolarsResult<DataFrame> {
    use super::facts::{done_visits, is_done};
    use crate::analytics::period::date_lit;
    let (by, _) = scale_group(model)?;
    // Keyed after the join: only the visits with scores need their group.
    let scored = match scores_at_visits(model)? {
        Some(scored) => scored.filter(is_done().and(col("date").lt_eq(date_lit(as_of)))),
        None => {
            let visits = done_visits(model)
                .filter(col("date").lt_eq(date_lit(as_of)))
                .select([col("visit_id"), col("station"), col("date")]);
            model
                .feedback
                .clone()
                .select([col("visit_id"), col("score")])
                .inner_join(visits, col("visit_id"), col("visit_id"))
        }
    };
    let count = |e: Expr| e.cast(DataType::Int64).sum().cast(DataType::UInt64);
    scored
        .with_columns([
            by.alias("group"),
            col("date").dt().year().alias("year"),
            col("date")
                .dt()
                .month()
                .cast(DataType::Int32)
                .alias("month"),
        ])
        .group_by([col("group"), col("year"), col("month")])
        .agg([
            col("score").count().cast(DataType::UInt64).alias("n"),
            count(on_five(col("score")).not()).alias("off"),
            count(col("score").gt(lit(5.0))).alias("above"),
        ])
        .filter(col("n").gt(lit(0u64)))
        .sort(["group", "year", "month"], SortMultipleOptions::default())
        .collect()
}

/// Every score (`visit_id, score`) with its visit's `status`, `station` and `date`, taken
/// from the visit's row that ingest found for it ([`Model::feedback_visits`]): a chain's
/// 434 k scores were joined to its 1.8 M visits by the text visit_id for them. None when
/// the model has no such rows for these scores (a model built by hand, a station's).
fn scores_at_visits(model: &Model) -> PolarsResult<Option<LazyFrame>> {
    let Some(rows) = model.feedback_visits() else {
        return Ok(None);
    };
    let scores = model
        .feedback
        .clone()
        .select([col("visit_id"), col("score")])
        .collect()?;
    if rows.len() != scores.height() || rows.null_count() > 0 {
        return Ok(None);
    }
    let rows = rows.cast(&IDX_DTYPE)?;
    let visits = model
        .visits
        .clone()
        .select([col("status"), col("station"), col("date")])
        .collect()?;
    let rows = rows.idx()?;
    if rows.max().is_some_and(|r| r as usize >= visits.height()) {
        return Ok(None);
    }
    let at = visits.take(rows)?;
    Ok(Some(scores.hstack(at.columns())?.lazy()))
}

/// Each scale group whose survey moved from 1–5 to 0–10 by `as_of` ([`switch_of`]): its
/// name (a station's, [`NO_STATION`], or empty for data of one station) and the move.
pub fn switches(model: &Model, as_of: chrono::NaiveDate) -> PolarsResult<Vec<(String, Switch)>> {
    let (_, names) = scale_group(model)?;
    Ok(history_scales(model, as_of)?
        .into_iter()
        .filter_map(|(group, _, switch)| {
            let name = names
                .iter()
                .find(|(key, _)| *key == group)
                .map_or(group.clone(), |(_, name)| name.clone());
            Some((name, switch?))
        })
        .collect())
}

/// The name under which the visits without a station of a chain are listed among the
/// stations of a scale.
pub const NO_STATION: &str = "—";

/// The group of visits whose scores are read on one scale, as an expression over
/// `visits`, and the name of each group: in a chain (two stations or more in the
/// visits) each station is its own group (keyed by its matching key; the visits without a
/// station one more, keyed `""`), for one station may survey on 1–5 and another on 0–10;
/// data of one station is one group `""`, read as before stations had scales of their own.
pub fn scale_group(model: &Model) -> PolarsResult<(Expr, Vec<(String, String)>)> {
    let found = crate::stations::stations(model)?;
    if found.len() < 2 {
        return Ok((lit(""), vec![(String::new(), String::new())]));
    }
    let mut names: Vec<(String, String)> = found
        .iter()
        .map(|s| (crate::stations::key(&s.name), s.name.clone()))
        .collect();
    names.push((String::new(), NO_STATION.to_string()));
    Ok((
        crate::stations::key_lookup(model)?.fill_null(lit("")),
        names,
    ))
}

/// The feedback scale of one month: that of each scale group ([`scale_group`]) with
/// scores in the month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthScale {
    /// The month.
    pub month: Month,
    /// Each group with scores: its key, its name (a station's, [`NO_STATION`], or empty for
    /// data of one station) and whether it is read on 0–10; sorted by key.
    pub groups: Vec<(String, String, bool)>,
}

impl MonthScale {
    /// The month's one scale: `Some(true)` for 0–10, `Some(false)` for 1–5; None without
    /// scores, or when the stations of a chain read theirs on different scales.
    pub fn ten(&self) -> Option<bool> {
        let first = self.groups.first()?.2;
        self.groups
            .iter()
            .all(|(_, _, ten)| *ten == first)
            .then_some(first)
    }

    /// Whether the stations of the month read their scores on different scales: the
    /// month has no one mean or NPS.
    pub fn mixed(&self) -> bool {
        self.groups.iter().any(|g| g.2) && self.groups.iter().any(|g| !g.2)
    }

    /// The names of the groups read on 0–10 (`true`) or 1–5 (`false`).
    pub fn names_on(&self, ten: bool) -> Vec<&str> {
        self.groups
            .iter()
            .filter(|g| g.2 == ten)
            .map(|g| g.1.as_str())
            .collect()
    }

    /// Whether the group `key` is read on 0–10 (false for a group without scores).
    pub fn ten_of(&self, key: &str) -> bool {
        self.groups.iter().any(|g| g.0 == key && g.2)
    }
}

/// Each of `months`' scale, group by group ([`scale_group`]): each group with scores in
/// the month is read on the scale of its whole feedback history up to the last of
/// `months`, or of its part before or after its survey moved to 0–10 ([`history_scales`]),
/// one scale for every month of a report alike. Decided once,
/// for `feedback.csv` and for every mean of the KPIs, so that they read each month alike.
pub fn scales(model: &Model, months: &[Month]) -> PolarsResult<Vec<MonthScale>> {
    scales_by(model, months, &scale_group(model)?)
}

/// [`scales`] by the groups of [`scale_group`] (`group`), found once by the caller (the
/// history of each group's scores is [`scale_group`]'s own, derived once per model).
pub fn scales_by(
    model: &Model,
    months: &[Month],
    group: &(Expr, Vec<(String, String)>),
) -> PolarsResult<Vec<MonthScale>> {
    use super::facts::{done_visits, in_months};
    let (by, names) = group;
    let Some(last) = months.iter().max() else {
        return Ok(Vec::new());
    };
    let history = history_scales(model, last.last_day())?;
    let visits = done_visits(model)
        .filter(in_months(col("date"), months))
        .select([
            col("visit_id"),
            col("date").dt().to_string("%Y-%m").alias("month"),
            by.clone().alias("group"),
        ]);
    // The groups with scores in each month: a month lists only the stations it heard from.
    let present = model
        .feedback
        .clone()
        .select([col("visit_id")])
        .inner_join(visits, col("visit_id"), col("visit_id"))
        .select([col("month"), col("group")])
        .unique(None, UniqueKeepStrategy::Any)
        .sort(["month", "group"], SortMultipleOptions::default())
        .collect()?;
    let (month_col, group_col) = (
        present.column("month")?.str()?,
        present.column("group")?.str()?,
    );
    let mut out: Vec<MonthScale> = months
        .iter()
        .map(|&month| MonthScale {
            month,
            groups: Vec::new(),
        })
        .collect();
    for (month, group) in month_col.iter().zip(group_col.iter()) {
        let (Some(month), Some(group)) = (month, group) else {
            continue;
        };
        let Some(scale) = out.iter_mut().find(|m| m.month.to_string() == month) else {
            continue;
        };
        // Every group with scores in the month has scores in the history that holds it.
        let month = scale.month;
        let ten = history
            .iter()
            .find(|(g, _, _)| g == group)
            .is_some_and(|(_, ten, switch)| match switch {
                Some(s) => month >= s.from,
                None => *ten,
            });
        let name = names
            .iter()
            .find(|(key, _)| key == group)
            .map_or(group, |(_, name)| name.as_str());
        scale
            .groups
            .push((group.to_string(), name.to_string(), ten));
    }
    Ok(out)
}

/// Each done visit of the months of `scales` (`visit_id`) and whether its scores are read
/// on 0–10 (`ten_point`): by its station's scale (as `scales` has it for its month), whose
/// groups `by` ([`scale_group`]) tells.
pub fn ten_point_visits(model: &Model, scales: &[MonthScale], by: Expr) -> PolarsResult<DataFrame> {
    use super::facts::{done_visits, in_months};
    let months: Vec<Month> = scales.iter().map(|m| m.month).collect();
    let ten = scales
        .iter()
        .flat_map(|m| {
            m.groups
                .iter()
                .filter(|g| g.2)
                .map(move |g| (m.month.to_string(), g.0.clone()))
        })
        .fold(lit(false), |e, (month, group)| {
            e.or(col("month").eq(lit(month)).and(col("group").eq(lit(group))))
        });
    done_visits(model)
        .filter(in_months(col("date"), &months))
        .select([
            col("visit_id"),
            col("date").dt().to_string("%Y-%m").alias("month"),
            by.alias("group"),
        ])
        .select([col("visit_id"), ten.alias("ten_point")])
        .collect()
}

/// The scores of `month`'s done visits outside 1–5 where they are read on 1–5, which the
/// means leave out: (how many, of how many scores of those visits, the distinct scores so
/// written, ascending); None when there are none or every score is read on 0–10.
pub fn off_scale(model: &Model, month: Month) -> PolarsResult<Option<(u64, u64, Vec<f64>)>> {
    let group = scale_group(model)?;
    let scales = scales_by(model, &[month], &group)?;
    let on_ten = ten_point_visits(model, &scales, group.0)?;
    let five = on_ten
        .lazy()
        .filter(col("ten_point").not())
        .select([col("visit_id")]);
    let scores = model
        .feedback
        .clone()
        .select([col("visit_id"), col("score")])
        .semi_join(five, col("visit_id"), col("visit_id"))
        .select([col("score")])
        .collect()?;
    let all: Vec<f64> = scores.column("score")?.f64()?.iter().flatten().collect();
    let mut off: Vec<f64> = all
        .iter()
        .copied()
        .filter(|s| !(1.0..=5.0).contains(s))
        .collect();
    if off.is_empty() {
        return Ok(None);
    }
    let n = off.len() as u64;
    off.sort_by(f64::total_cmp);
    off.dedup();
    Ok(Some((n, all.len() as u64, off)))
}

/// A score within 1–5, the scale's own: on a station read on 1–5 a score outside it (a 0
/// for an empty cell, a 7) is a slip, left out of the mean, which it would drag off the
/// scale (one 0 among ten 5s: 4.55).
pub fn on_five(score: Expr) -> Expr {
    score.clone().gt_eq(lit(1.0)).and(score.lt_eq(lit(5.0)))
}

/// `feedback.csv`'s `scale` of a chain month whose stations read their scores on
/// different scales.
pub const MIXED: &str = "1-5/0-10";

/// `feedback.csv`: one row per month of M−12, M−1, M (sorted by month): `month, scale,
/// responses, mean, promoters, passives, detractors, nps`, over the feedback rows of the
/// month's done visits.
///
/// A station's scale is read from its whole feedback history up to M ([`scales`]): `0-10`
/// when more than [`TEN_POINT_SHARE`] of its scores lie outside 1–5, else `1-5`; where its
/// survey moved from 1–5 to 0–10 ([`switch_of`]), the months before the move are `1-5`
/// and those from it on `0-10`; a month without scores has an empty `scale`. So a bad
/// month of a 0–10 survey stays on 0–10, and every month of a report is read alike. `mean` is
/// the plain mean score (the KPI `feedback_mean`); on a 1–5 month, of the scores within
/// 1–5 only (see [`on_five`]), while `responses` counts them all. On a 0–10 scale promoters score 9–10,
/// passives 7–8, detractors 0–6, and `nps` = 100 × (promoters − detractors) / responses,
/// in points from −100 to 100 (the usual way NPS is quoted); on a 1–5 scale those four
/// columns are empty. In a chain each station's scale is its own (see [`scales`]); a month
/// whose stations are on different scales is [`MIXED`], with `responses` and nothing else.
pub fn feedback(model: &Model, f: &Facts) -> PolarsResult<DataFrame> {
    let mut rows = Vec::new();
    for m in f.period.compared() {
        let scores = model
            .feedback
            .clone()
            .select([col("visit_id"), col("score")])
            .inner_join(
                f.visits_of(m).select([col("visit_id")]),
                col("visit_id"),
                col("visit_id"),
            );
        let s = || col("score");
        let n = || s().count().cast(DataType::Int64);
        let scale = f.scale_of(m);
        let ten = scale == Some(true);
        // Stations of a chain on 1–5 and on 0–10: no one mean, no NPS (a warning says so).
        let mixed = f.mixed_scales(m);
        let on_ten = |e: Expr, dtype: DataType| match ten {
            true => e,
            false => lit(NULL).cast(dtype),
        };
        let count_if = |cond: Expr, name: &str| {
            on_ten(cond.cast(DataType::Int64).sum(), DataType::Int64).alias(name)
        };
        let nps = ratio(
            (s().gt_eq(lit(9.0)).cast(DataType::Int64).sum()
                - s().lt_eq(lit(6.0)).cast(DataType::Int64).sum())
                * lit(100),
            n(),
        );
        // On 1–5, the mean of the scores within it (the KPI's `feedback_mean` alike).
        let mean = match (mixed, ten) {
            (true, _) => lit(NULL).cast(DataType::Float64),
            (false, true) => ratio(s().sum(), n()),
            (false, false) => {
                let kept = on_five(s());
                ratio(
                    s().filter(kept.clone()).sum(),
                    kept.cast(DataType::Int64).sum(),
                )
            }
        };
        let before_data = f.before_data(m);
        let row = scores.select([
            lit(m.to_string()).alias("month"),
            match scale {
                None if mixed => lit(MIXED),
                None => lit(NULL).cast(DataType::String),
                Some(true) => lit("0-10"),
                Some(false) => lit("1-5"),
            }
            .alias("scale"),
            n().alias("responses"),
            mean.alias("mean"),
            count_if(s().gt_eq(lit(9.0)), "promoters"),
            count_if(s().gt(lit(6.0)).and(s().lt(lit(9.0))), "passives"),
            count_if(s().lt_eq(lit(6.0)), "detractors"),
            on_ten(nps, DataType::Float64).alias("nps"),
        ]);
        // A month before the data's first is unknown, not zero, as in kpi.csv.
        rows.push(match before_data {
            false => row,
            true => super::unknown_but(row, "month"),
        });
    }
    concat(rows, UnionArgs::default())?
        .sort(["month"], SortMultipleOptions::default())
        .collect()
}

#[cfg(test)]
mod tests;
