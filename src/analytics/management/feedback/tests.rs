//! The feedback table's and scale's tests, on the station of `testdata` with scores of
//! hand-worked means and NPS.

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
    // April of ten scores of 6–10: the survey moved to 0–10 in April (March has no
    // score above 5, April ten), and each period is read on its own scale, March on
    // 1–5 (session 30 read the whole history on one scale, 0–10 by its 11 of 22
    // scores outside 1–5, and March's 4s and 5s were detractors).
    ids.extend(["V7"; 10]);
    score.extend([9.0, 10.0, 8.0, 9.0, 10.0, 10.0, 7.0, 9.0, 10.0, 6.0]);
    let model = with(&ids, &score);
    let f = Facts::compute(&model, Period::new(Month::new(2026, 4).unwrap())).unwrap();
    let t = feedback(&model, &f).unwrap();
    assert_eq!(
        strs(&t, "scale")[1..],
        [Some("1-5".into()), Some("0-10".into())]
    );
    assert_eq!(f64s(&t, "mean")[1], Some(52.0 / 11.0));
    // Promoters 7 (9s and 10s), passives 2 (7, 8), detractors 1 (6): 100 × 6 / 10.
    assert_eq!(f64s(&t, "nps")[2], Some(60.0));
}

#[test]
fn regression_a_station_that_moved_to_a_ten_point_survey_reads_each_period_on_its_own() {
    // January 2025 (V8), January (V0) and March (V1): ten scores each of a 1–5 survey,
    // 4 5 5 4 5 5 4 5 5 4 (sum 46). April (V7): a 0–10 survey, 9 10 8 10 9 6 (sum 52).
    // Over the whole history 6 of 36 scores lie outside 1–5, under a fifth: April was
    // read on 1–5, every one of its scores dropped as a slip, no mean and no NPS.
    let five = [4.0, 5.0, 5.0, 4.0, 5.0, 5.0, 4.0, 5.0, 5.0, 4.0];
    let april = [9.0, 10.0, 8.0, 10.0, 9.0, 6.0];
    let ids = [
        vec!["V8"; 10],
        vec!["V0"; 10],
        vec!["V1"; 10],
        vec!["V7"; 6],
    ]
    .concat();
    let score = [&five[..], &five[..], &five[..], &april[..]].concat();
    let scores = df!("visit_id" => ids, "score" => score).unwrap();
    let model = station().with(Table::Feedback, typed(Table::Feedback, scores));
    let month = Month::new(2026, 4).unwrap();
    let f = Facts::compute(&model, Period::new(month)).unwrap();
    let t = feedback(&model, &f).unwrap();
    // M−12 (2025-04) has no scores; March on 1–5, April on 0–10.
    assert_eq!(
        strs(&t, "scale"),
        [None, Some("1-5".into()), Some("0-10".into())]
    );
    assert_eq!(f64s(&t, "mean")[1..], [Some(4.6), Some(52.0 / 6.0)]);
    // April: promoters 4 (9, 10, 10, 9), passives 1 (8), detractors 1 (6): 100 × 3 / 6.
    assert_eq!(f64s(&t, "nps")[2], Some(50.0));
    assert_eq!(f64s(&t, "nps")[1], None);
    assert_eq!(off_scale(&model, month).unwrap(), None);
    // The switch is found and told: none of the 30 scores before April lies above 5,
    // all 6 from April on lie outside 1–5.
    let found = switches(&model, month.last_day()).unwrap();
    let april = Month::new(2026, 4).unwrap();
    assert_eq!(
        found,
        [(
            String::new(),
            Switch {
                from: april,
                before: (0, 30),
                after: (6, 6)
            }
        )]
    );
    // Up to March there is no switch: one scale, 1–5.
    let f = Facts::compute(&model, Period::new(Month::new(2026, 3).unwrap())).unwrap();
    assert_eq!(
        strs(&feedback(&model, &f).unwrap(), "scale")[2],
        Some("1-5".into())
    );
}

#[test]
fn a_switch_needs_a_clean_five_point_past_and_a_ten_point_present() {
    let m = |k: u32| Month::new(2026, k).unwrap();
    // (month, scores, outside 1–5, above 5)
    let clean = [(m(1), 20, 0, 0), (m(2), 20, 1, 0), (m(3), 10, 9, 8)];
    assert_eq!(
        switch_of(&clean),
        Some(Switch {
            from: m(3),
            before: (0, 40),
            after: (9, 10)
        })
    );
    // One slip of 7 in a month of four: fewer than five scores above 5 switch nothing.
    assert_eq!(switch_of(&[(m(1), 20, 0, 0), (m(2), 4, 2, 1)]), None);
    // A ten-point survey's first month of low scores and a 9 and a 10 (2 of 12 above
    // 5): more than 1 in 20 above 5 before, so no 1–5 past.
    assert_eq!(switch_of(&[(m(1), 12, 2, 2), (m(2), 10, 10, 10)]), None);
    // A bad month after a ten-point one: only a move to 0–10 is read.
    assert_eq!(switch_of(&[(m(1), 10, 10, 10), (m(2), 12, 2, 2)]), None);
    // Nothing before the first month to switch from.
    assert_eq!(switch_of(&[(m(1), 10, 10, 10)]), None);
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

#[test]
fn scores_read_their_visits_by_ingests_rows_as_by_the_join() {
    // Scores of March's V1 and V2, April's V7 and the cancelled V5: March counts two,
    // April one, whichever way the scores find their visits.
    let scores =
        df!("visit_id" => ["V1", "V2", "V7", "V5"], "score" => [4.0, 5.0, 9.0, 1.0]).unwrap();
    let joined = station().with(Table::Feedback, typed(Table::Feedback, scores));
    // Each score's visit's row, as ingest finds it.
    let visits = joined.visits.clone().collect().unwrap();
    let ids = visits.column("visit_id").unwrap().str().unwrap();
    let row_of = |id: &str| ids.iter().position(|v| v == Some(id)).unwrap() as u32;
    let rows = Series::new(
        "visit_row".into(),
        ["V1", "V2", "V7", "V5"].map(row_of).to_vec(),
    )
    .into_column();
    let gathered = joined.clone().with_feedback_visits(rows.clone());
    assert!(scores_at_visits(&joined).unwrap().is_none());
    let at = scores_at_visits(&gathered)
        .unwrap()
        .unwrap()
        .collect()
        .unwrap();
    assert_eq!(
        strs(&at, "status"),
        [
            Some("done".into()),
            Some("done".into()),
            Some("done".into()),
            Some("cancelled".into())
        ]
    );
    let n = |df: &DataFrame| -> Vec<Option<u64>> {
        df.column("n").unwrap().u64().unwrap().iter().collect()
    };
    let april = Month::new(2026, 4).unwrap().last_day();
    assert_eq!(
        n(&history_stats(&gathered, april).unwrap()),
        [Some(2), Some(1)]
    );
    for month in [(2026, 3), (2026, 4)] {
        let as_of = Month::new(month.0, month.1).unwrap().last_day();
        let by_join = history_stats(&joined, as_of).unwrap();
        let by_rows = history_stats(&gathered, as_of).unwrap();
        assert!(
            by_rows.equals_missing(&by_join),
            "{month:?} rows {by_rows}\njoin {by_join}"
        );
    }
    // Rows that are not one per score are not used.
    let short = joined.with_feedback_visits(rows.slice(0, 3));
    assert!(scores_at_visits(&short).unwrap().is_none());
}
