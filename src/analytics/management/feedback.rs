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

/// Whether each scale group ([`scale_group`]) reads its scores on 0–10, by the
/// [`TEN_POINT_SHARE`] rule over every score of its done visits dated up to `as_of`: the
/// group's whole feedback history, so that a station's survey keeps one scale in every
/// month. Decided per month (session 27), a bad month of a 0–10 survey (June: ten scores
/// of 1–5 and a 9 and a 10) was read on 1–5: the 9 and 10 dropped as slips, no NPS, a
/// mean of 3.9 that no change set against May's 9.18. Scores after `as_of` are left out,
/// so that a month's report does not change with later data. A group without scores is
/// not listed.
fn history_on_ten(
    model: &Model,
    as_of: chrono::NaiveDate,
    by: &Expr,
) -> PolarsResult<Vec<(String, bool)>> {
    use super::facts::done_visits;
    use crate::analytics::period::date_lit;
    let visits = done_visits(model)
        .filter(col("date").lt_eq(date_lit(as_of)))
        .select([col("visit_id"), by.clone().alias("group")]);
    let stats = model
        .feedback
        .clone()
        .select([col("visit_id"), col("score")])
        .inner_join(visits, col("visit_id"), col("visit_id"))
        .group_by([col("group")])
        .agg([off_five_share(col("score")).alias("share")])
        .sort(["group"], SortMultipleOptions::default())
        .collect()?;
    let (group, share) = (stats.column("group")?.str()?, stats.column("share")?.f64()?);
    Ok(group
        .iter()
        .zip(share.iter())
        .filter_map(|(g, s)| Some((g?.to_string(), s? > TEN_POINT_SHARE)))
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
        crate::stations::key_expr(col("station")).fill_null(lit("")),
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
/// `months` ([`history_on_ten`]), one scale for every month of a report. Decided once,
/// for `feedback.csv` and for every mean of the KPIs, so that they read each month alike.
pub fn scales(model: &Model, months: &[Month]) -> PolarsResult<Vec<MonthScale>> {
    scales_by(model, months, &scale_group(model)?)
}

/// [`scales`] by the groups of [`scale_group`] (`group`), found once by the caller.
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
    let on_ten = history_on_ten(model, last.last_day(), by)?;
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
        let ten = on_ten.iter().any(|(g, ten)| g == group && *ten);
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

/// The share of `score`s outside 1–5, which [`TEN_POINT_SHARE`] judges.
fn off_five_share(score: Expr) -> Expr {
    on_five(score).not().cast(DataType::Float64).mean()
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
/// when more than [`TEN_POINT_SHARE`] of its scores lie outside 1–5, else `1-5`; a month
/// without scores has an empty `scale`. So a bad month of a 0–10 survey stays on 0–10,
/// and every month of a report is read on one scale. `mean` is
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
mod tests {
    use super::*;
    use crate::analytics::management::testdata::*;
    use crate::analytics::period::{Month, Period};
    use crate::schema::Table;

    #[test]
    fn five_point_scale_has_a_mean_and_no_nps() {
        let model = station();
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = feedback(&model, &f).unwrap();
        // Scores 4, 5 and 1 (the last on a cancelled visit): the scale is 1-5.
        assert_eq!(strs(&t, "scale")[2], Some("1-5".into()));
        assert_eq!(f64s(&t, "responses"), [Some(0.0), Some(0.0), Some(2.0)]);
        assert_eq!(f64s(&t, "mean"), [None, None, Some(4.5)]);
        assert_eq!(f64s(&t, "nps")[2], None);
        assert_eq!(f64s(&t, "promoters")[2], None);
    }

    #[test]
    fn regression_scores_after_as_of_do_not_change_the_scale() {
        // V7 (April) scored 9 on a new 0–10 survey: March's 4 and 5 were read on it, as
        // detractors, NPS −100. Up to March's as-of date the scale is 1–5.
        let scores = df!("visit_id" => ["V1", "V2", "V7"], "score" => [4.0, 5.0, 9.0]).unwrap();
        let model = station().with(Table::Feedback, typed(Table::Feedback, scores));
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(strs(&t, "scale")[2], Some("1-5".into()));
        assert_eq!(f64s(&t, "nps")[2], None);
        let f = Facts::compute(&model, Period::new(Month::new(2026, 4).unwrap())).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(strs(&t, "scale")[2], Some("0-10".into()));
    }

    #[test]
    fn regression_one_stray_score_does_not_turn_a_five_point_survey_to_ten() {
        // March: eleven scores of 4 and 5 and one 0 (an empty cell typed as 0): 1 of 12
        // outside 1–5 is under a fifth, so March stays 1–5, its mean 52 / 11 (the 0 is
        // no score of the scale), no NPS.
        // Before, the one 0 made every month 0–10 and the 4s and 5s detractors.
        let mut ids = vec!["V1"; 5];
        ids.extend(["V2"; 4]);
        ids.extend(["V3", "V3", "V4"]);
        let mut score = vec![4.0, 5.0, 5.0, 4.0, 5.0, 5.0, 5.0, 4.0, 5.0, 5.0, 5.0, 0.0];
        let with = |ids: &[&str], score: &[f64]| {
            let scores = df!("visit_id" => ids, "score" => score).unwrap();
            station().with(Table::Feedback, typed(Table::Feedback, scores))
        };
        let model = with(&ids, &score);
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(strs(&t, "scale")[2], Some("1-5".into()));
        assert_eq!(f64s(&t, "responses")[2], Some(12.0));
        assert_eq!(f64s(&t, "mean")[2], Some(52.0 / 11.0));
        assert_eq!(f64s(&t, "nps")[2], None);
        // No scores in M−12 and M−1: no scale.
        assert_eq!(strs(&t, "scale")[..2], [None, None]);
        // April (V7) of one score, a 0: the station's history up to April holds 13
        // scores, 2 outside 1–5, so April is 1–5 too; alone, the 0 was all of April.
        let model = with(
            &[ids.clone(), vec!["V7"]].concat(),
            &[score.clone(), vec![0.0]].concat(),
        );
        let f = Facts::compute(&model, Period::new(Month::new(2026, 4).unwrap())).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(strs(&t, "scale")[2], Some("1-5".into()));
        // April of ten scores of 6–10: the history's 11 of 22 outside 1–5 make the station
        // 0–10, March as well (session 30: one scale a station, over its history; until
        // then each month of ten scores or more was read on its own, March on 1–5).
        ids.extend(["V7"; 10]);
        score.extend([9.0, 10.0, 8.0, 9.0, 10.0, 10.0, 7.0, 9.0, 10.0, 6.0]);
        let model = with(&ids, &score);
        let f = Facts::compute(&model, Period::new(Month::new(2026, 4).unwrap())).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(
            strs(&t, "scale")[1..],
            [Some("0-10".into()), Some("0-10".into())]
        );
        // Promoters 7 (9s and 10s), passives 2 (7, 8), detractors 1 (6): 100 × 6 / 10.
        assert_eq!(f64s(&t, "nps")[2], Some(60.0));
    }

    #[test]
    fn ten_point_scale_gives_nps() {
        // Scores of March's V1, V2, V4 and the cancelled V5: 10, 9, 0 count; 7 does not.
        let scores =
            df!("visit_id" => ["V1", "V2", "V4", "V5"], "score" => [10.0, 9.0, 0.0, 7.0]).unwrap();
        let model = station().with(Table::Feedback, typed(Table::Feedback, scores));
        let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(strs(&t, "scale")[2], Some("0-10".into()));
        // Mean (10 + 9 + 0) / 3; promoters 2, passives 0, detractors 1: NPS = 100 × 1 / 3.
        assert_eq!(f64s(&t, "mean")[2], Some(19.0 / 3.0));
        assert_eq!(f64s(&t, "promoters")[2], Some(2.0));
        assert_eq!(f64s(&t, "passives")[2], Some(0.0));
        assert_eq!(f64s(&t, "detractors")[2], Some(1.0));
        assert_eq!(f64s(&t, "nps")[2], Some(100.0 / 3.0));
    }

    #[test]
    fn regression_a_bad_month_of_a_ten_point_survey_stays_on_ten() {
        // March (V1): ten scores of a 0–10 survey, 9 10 8 10 9 10 9 8 10 10 (sum 93).
        // April (V7): twelve, 5 5 4 3 5 5 4 5 2 1 9 10 (sum 58): only 2 outside 1–5, so
        // April alone read 1–5, dropped the 9 and 10 as slips, had no NPS and a mean of
        // 3.9 that looked better than it was. The station's history to April has 12 of
        // 22 scores outside 1–5: the survey is 0–10 in every month.
        let march = [9.0, 10.0, 8.0, 10.0, 9.0, 10.0, 9.0, 8.0, 10.0, 10.0];
        let april = [5.0, 5.0, 4.0, 3.0, 5.0, 5.0, 4.0, 5.0, 2.0, 1.0, 9.0, 10.0];
        let ids = [vec!["V1"; march.len()], vec!["V7"; april.len()]].concat();
        let scores = df!("visit_id" => ids, "score" => [&march[..], &april[..]].concat()).unwrap();
        let model = station().with(Table::Feedback, typed(Table::Feedback, scores));
        let month = Month::new(2026, 4).unwrap();
        let f = Facts::compute(&model, Period::new(month)).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(
            strs(&t, "scale")[1..],
            [Some("0-10".into()), Some("0-10".into())]
        );
        assert_eq!(f64s(&t, "responses")[1..], [Some(10.0), Some(12.0)]);
        assert_eq!(f64s(&t, "mean")[1..], [Some(9.3), Some(58.0 / 12.0)]);
        // April: promoters 2 (9, 10), passives 0, detractors 10: 100 × (2 − 10) / 12.
        assert_eq!(f64s(&t, "promoters")[2], Some(2.0));
        assert_eq!(f64s(&t, "passives")[2], Some(0.0));
        assert_eq!(f64s(&t, "detractors")[2], Some(10.0));
        assert_eq!(f64s(&t, "nps")[2], Some(-200.0 / 3.0));
        let kpis = super::super::kpi::month_kpis(&f, month).unwrap();
        let mean = kpis.iter().find(|(k, _)| *k == "feedback_mean").unwrap().1;
        assert_eq!(mean, Some(58.0 / 12.0));
        // The 9 and 10 are no slips: no warning asks to correct them.
        assert_eq!(off_scale(&model, month).unwrap(), None);
    }

    #[test]
    fn regression_a_slip_is_judged_on_the_stations_scale_not_the_months() {
        // A 1–5 station (March: 4, 5, 4, 5, 5, 4, 5, 5, 4, 5) whose April has four
        // scores, 7, 5, 5, 0: half of April is outside 1–5, but the history's 2 of 14 is
        // under a fifth, so April stays 1–5, its 7 and 0 slips left out of the mean (5).
        let march = [4.0, 5.0, 4.0, 5.0, 5.0, 4.0, 5.0, 5.0, 4.0, 5.0];
        let april = [7.0, 5.0, 5.0, 0.0];
        let ids = [vec!["V1"; march.len()], vec!["V7"; april.len()]].concat();
        let scores = df!("visit_id" => ids, "score" => [&march[..], &april[..]].concat()).unwrap();
        let model = station().with(Table::Feedback, typed(Table::Feedback, scores));
        let month = Month::new(2026, 4).unwrap();
        let f = Facts::compute(&model, Period::new(month)).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(strs(&t, "scale")[2], Some("1-5".into()));
        assert_eq!(f64s(&t, "mean")[2], Some(5.0));
        assert_eq!(
            off_scale(&model, month).unwrap(),
            Some((2, 4, vec![0.0, 7.0]))
        );
    }

    #[test]
    fn regression_scores_off_a_five_point_scale_stay_out_of_its_mean_and_the_kpi() {
        // March on 1–5 (2 of 12 scores outside it, under a fifth): ten scores of 4 and 5
        // summing to 46, a 0 (an empty cell) and a 7 (a slip). Before, both entered the
        // mean: 53 / 12 = 4.42, below every real score's 4.6.
        let ids = [
            "V1", "V1", "V1", "V1", "V1", "V2", "V2", "V2", "V2", "V3", "V3", "V4",
        ];
        let score = [5.0, 5.0, 4.0, 4.0, 5.0, 5.0, 4.0, 4.0, 5.0, 5.0, 0.0, 7.0];
        let scores = df!("visit_id" => ids, "score" => score).unwrap();
        let model = station().with(Table::Feedback, typed(Table::Feedback, scores));
        let month = Month::new(2026, 3).unwrap();
        let f = Facts::compute(&model, Period::new(month)).unwrap();
        let t = feedback(&model, &f).unwrap();
        assert_eq!(strs(&t, "scale")[2], Some("1-5".into()));
        assert_eq!(f64s(&t, "responses")[2], Some(12.0));
        assert_eq!(f64s(&t, "mean")[2], Some(4.6));
        // kpi.csv's feedback_mean is the same figure.
        let kpis = super::super::kpi::month_kpis(&f, month).unwrap();
        let mean = kpis.iter().find(|(k, _)| *k == "feedback_mean").unwrap().1;
        assert_eq!(mean, Some(4.6));
        // The warning counts them: 2 of the 12, written 0 and 7.
        assert_eq!(
            off_scale(&model, month).unwrap(),
            Some((2, 12, vec![0.0, 7.0]))
        );
        // On 0–10 nothing is off the scale.
        let scores = df!("visit_id" => ["V1", "V2", "V4"], "score" => [10.0, 9.0, 0.0]).unwrap();
        let model = station().with(Table::Feedback, typed(Table::Feedback, scores));
        assert_eq!(off_scale(&model, month).unwrap(), None);
    }

    #[test]
    fn regression_a_chain_whose_stations_use_two_scales_reads_each_on_its_own() {
        // March: North (V1, Anna) gave five scores of 1–5 (4, 5, 4, 5, 5), South (V2,
        // Boris) one 9 of a 0–10 survey. Before, the month was one scale, 1–5 (1 of 6
        // scores off it): Boris's 9 was "off scale", out of his mean and warned about.
        let visits = station().visits.with_column(
            when(col("visit_id").eq(lit("V2")))
                .then(lit("South"))
                .otherwise(lit("North"))
                .alias("station"),
        );
        let scores = df!(
            "visit_id" => ["V1", "V1", "V1", "V1", "V1", "V2"],
            "score" => [4.0, 5.0, 4.0, 5.0, 5.0, 9.0],
        )
        .unwrap();
        let model = station()
            .with(Table::Visits, visits)
            .with(Table::Feedback, typed(Table::Feedback, scores));
        let month = Month::new(2026, 3).unwrap();
        let scales = scales(&model, &[month]).unwrap();
        assert!(scales[0].mixed());
        assert_eq!(scales[0].ten(), None);
        assert_eq!(scales[0].names_on(false), ["North"]);
        assert_eq!(scales[0].names_on(true), ["South"]);
        let f = Facts::compute(&model, Period::new(month)).unwrap();
        let t = feedback(&model, &f).unwrap();
        // No one mean or NPS for the chain; the responses are counted.
        assert_eq!(strs(&t, "scale")[2], Some(MIXED.into()));
        assert_eq!(f64s(&t, "responses")[2], Some(6.0));
        assert_eq!(f64s(&t, "mean")[2], None);
        assert_eq!(f64s(&t, "nps")[2], None);
        let kpis = super::super::kpi::month_kpis(&f, month).unwrap();
        let mean = kpis.iter().find(|(k, _)| *k == "feedback_mean").unwrap().1;
        assert_eq!(mean, None);
        // Each manager's scores on their station's scale: Anna 23 / 5, Boris 9.
        let t = super::super::staff::managers(&model, &f).unwrap();
        assert_eq!(
            strs(&t, "manager"),
            [Some("Anna".into()), Some("Boris".into())]
        );
        assert_eq!(f64s(&t, "feedback_mean"), [Some(4.6), Some(9.0)]);
        // The 9 is on South's scale, not a slip of North's.
        assert_eq!(off_scale(&model, month).unwrap(), None);
    }
}
