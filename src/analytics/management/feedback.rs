//! Feedback (SPEC §4 *mean feedback score, NPS where the scale is 0–10*): how clients
//! rated their visits, on whatever scale the data uses.

use polars::prelude::*;

use super::{ratio, Facts};
use crate::model::Model;

/// The score scale of the feedback table: `0-10` when any score of a visit dated up to
/// `as_of` is above 5 or below 1, else `1-5`; `None` without such scores. Later scores
/// are left out (SPEC §4.1: no data after as-of): a station that moved to a 0–10 survey
/// in April had its March report's 1–5 scores read as detractors, NPS −100.
pub fn scale(model: &Model, as_of: chrono::NaiveDate) -> PolarsResult<Option<&'static str>> {
    let dated = model
        .visits
        .clone()
        .filter(col("date").lt_eq(crate::analytics::period::date_lit(as_of)))
        .select([col("visit_id")]);
    let row = model
        .feedback
        .clone()
        .semi_join(dated, col("visit_id"), col("visit_id"))
        .select([
            col("score").min().alias("lo"),
            col("score").max().alias("hi"),
        ])
        .collect()?;
    let lo = row.column("lo")?.f64()?.get(0);
    let hi = row.column("hi")?.f64()?.get(0);
    Ok(match (lo, hi) {
        (Some(lo), Some(hi)) if lo < 1.0 || hi > 5.0 => Some("0-10"),
        (Some(_), Some(_)) => Some("1-5"),
        _ => None,
    })
}

/// `feedback.csv`: one row per month of M−12, M−1, M (sorted by month): `month, scale,
/// responses, mean, promoters, passives, detractors, nps`, over the feedback rows of the
/// month's done visits.
///
/// `mean` is the plain mean score (the KPI `feedback_mean`). On a 0–10 scale promoters
/// score 9–10, passives 7–8, detractors 0–6, and `nps` = 100 × (promoters − detractors) /
/// responses, in points from −100 to 100 (the usual way NPS is quoted); on a 1–5 scale
/// those four columns are empty.
pub fn feedback(model: &Model, f: &Facts) -> PolarsResult<DataFrame> {
    let scale = scale(model, f.period.as_of)?;
    let nps_scale = scale == Some("0-10");
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
        let count_if = |cond: Expr, name: &str| {
            if nps_scale {
                cond.cast(DataType::Int64).sum().alias(name)
            } else {
                lit(NULL).cast(DataType::Int64).alias(name)
            }
        };
        let nps = if nps_scale {
            ratio(
                (s().gt_eq(lit(9.0)).cast(DataType::Int64).sum()
                    - s().lt_eq(lit(6.0)).cast(DataType::Int64).sum())
                    * lit(100),
                n(),
            )
        } else {
            lit(NULL).cast(DataType::Float64)
        };
        rows.push(
            scores.select([
                lit(m.to_string()).alias("month"),
                scale
                    .map(lit)
                    .unwrap_or(lit(NULL))
                    .cast(DataType::String)
                    .alias("scale"),
                n().alias("responses"),
                ratio(s().sum(), n()).alias("mean"),
                count_if(s().gt_eq(lit(9.0)), "promoters"),
                count_if(s().gt(lit(6.0)).and(s().lt(lit(9.0))), "passives"),
                count_if(s().lt_eq(lit(6.0)), "detractors"),
                nps.alias("nps"),
            ]),
        );
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
}
