//! The stations' tests: finding them, filtering a model by one, and the partition.

use super::*;
use crate::schema::Table;

fn model() -> Model {
    let visits = df!(
        "visit_id" => ["V1", "V2", "V3", "V4", "V5"],
        "client_id" => ["C1", "C2", "C1", "C3", "C4"],
        "station" => [Some(" Центр"), Some("Север"), Some("центр "), Some("СЕВЕР"), None],
        "status" => ["done", "done", "cancelled", "done", "done"],
    )
    .unwrap();
    let lines = df!(
        "visit_id" => ["V4", "V1", "V2", "V1", "V3", "V9"],
        "amount" => [40i64, 10, 20, 11, 30, 90],
    )
    .unwrap();
    let clients = df!(
        "client_id" => ["C1", "C2", "C3", "C4", "C5"],
        "name" => ["A", "B", "C", "D", "E"],
    )
    .unwrap();
    let feedback = df!("visit_id" => ["V2", "V3"], "score" => [5i64, 4]).unwrap();
    Model::empty()
        .with(Table::Visits, visits.lazy())
        .with(Table::OrderLines, lines.lazy())
        .with(Table::Clients, clients.lazy())
        .with(Table::Feedback, feedback.lazy())
}

fn strings(lf: &LazyFrame, column: &str) -> Vec<String> {
    lf.clone()
        .collect()
        .unwrap()
        .column(column)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.unwrap_or_default().to_string())
        .collect()
}

#[test]
fn stations_are_found_trimmed_and_case_insensitive() {
    let found = stations(&model()).unwrap();
    let names: Vec<_> = found.iter().map(|s| s.name.as_str()).collect();
    // "СЕВЕР" and "Север" are one station; the upper-case spelling sorts first.
    assert_eq!(names, ["СЕВЕР", "Центр"]);
    assert_eq!(found[1].slug, "tsentr");
    assert!(found[1].matches("  ЦЕНТР "));
    assert!(!found[1].matches("Центральная"));
    assert_eq!(visits_without_station(&model()).unwrap(), 1);
}

#[test]
fn the_filter_keeps_the_stations_rows_in_their_order() {
    let m = filter(&model(), &Station::new("ЦЕНТР")).unwrap();
    // Every status is kept: the sections choose the done visits themselves.
    assert_eq!(strings(&m.visits, "visit_id"), ["V1", "V3"]);
    assert_eq!(strings(&m.order_lines, "visit_id"), ["V1", "V1", "V3"]);
    assert_eq!(strings(&m.feedback, "visit_id"), ["V3"]);
    assert_eq!(strings(&m.clients, "client_id"), ["C1"]);
    assert!(m.has(Table::Feedback) && !m.has(Table::Agents));

    let north = filter(&model(), &Station::new("север")).unwrap();
    assert_eq!(strings(&north.visits, "visit_id"), ["V2", "V4"]);
    assert_eq!(strings(&north.order_lines, "visit_id"), ["V4", "V2"]);
    assert_eq!(strings(&north.clients, "client_id"), ["C2", "C3"]);

    let none = filter(&model(), &Station::new("Юг")).unwrap();
    assert_eq!(none.visits.clone().collect().unwrap().height(), 0);
    assert_eq!(none.order_lines.clone().collect().unwrap().height(), 0);
}

#[test]
fn what_no_station_holds_is_the_blank_visits_and_the_clients_of_no_station() {
    let rest = without_station(&model()).unwrap();
    // V5 has no station; no line or feedback is V5's. C4 is V5's client, and C5 has no
    // visit at all: both would otherwise be in no station's folder.
    assert_eq!(strings(&rest.visits, "visit_id"), ["V5"]);
    assert_eq!(rest.order_lines.clone().collect().unwrap().height(), 0);
    assert_eq!(rest.feedback.clone().collect().unwrap().height(), 0);
    assert_eq!(strings(&rest.clients, "client_id"), ["C4", "C5"]);
}

#[test]
fn one_partition_gives_each_stations_filter_and_what_no_station_holds() {
    let m = model();
    let p = Partition::new(&m).unwrap();
    let names: Vec<_> = p.stations().iter().map(|s| s.name.clone()).collect();
    assert_eq!(names, ["СЕВЕР", "Центр"]);
    let mut all: Vec<Option<&Station>> = p.stations().iter().map(Some).collect();
    all.push(None);
    for station in all {
        let part = p.model(station).unwrap();
        let expected = match station {
            Some(s) => filter(&m, s).unwrap(),
            None => without_station(&m).unwrap(),
        };
        for t in [
            Table::Visits,
            Table::OrderLines,
            Table::Clients,
            Table::Feedback,
        ] {
            let (a, b) = (
                part.table(t).clone().collect().unwrap(),
                expected.table(t).clone().collect().unwrap(),
            );
            assert!(a.equals_missing(&b), "{station:?} {t:?}: {a} vs {b}");
        }
    }
}

#[test]
fn the_lines_take_their_visits_station_by_ingests_rows_as_by_a_join() {
    // As ingest leaves a chain: every line of a known visit, its visit's row given.
    let m = model();
    let lines = m
        .order_lines
        .clone()
        .filter(col("visit_id").neq(lit("V9")))
        .collect()
        .unwrap();
    let rows = Column::new("visit_row".into(), [3u32, 0, 1, 0, 2]);
    let with_rows = m
        .with(Table::OrderLines, lines.lazy())
        .with_line_visits(rows);
    assert!(with_rows.line_visits().is_some());
    let p = Partition::new(&with_rows).unwrap();
    for station in p.stations().iter().map(Some).chain([None]) {
        let (a, b) = (
            p.model(station).unwrap().order_lines.collect().unwrap(),
            match station {
                Some(s) => filter(&with_rows, s).unwrap(),
                None => without_station(&with_rows).unwrap(),
            }
            .order_lines
            .collect()
            .unwrap(),
        );
        assert!(a.equals_missing(&b), "{station:?}: {a} vs {b}");
    }
    let centre = p.model(Some(&Station::new("Центр"))).unwrap();
    assert_eq!(strings(&centre.order_lines, "visit_id"), ["V1", "V1", "V3"]);
}

#[test]
fn numbered_stations_sort_by_number() {
    let mut names = vec!["Филиал 10", "Филиал 6", "Филиал 1", "Центр", "Филиал 06b"];
    names.sort_by(|a, b| natural(a, b));
    assert_eq!(
        names,
        ["Филиал 1", "Филиал 6", "Филиал 06b", "Филиал 10", "Центр"]
    );
}

#[test]
fn data_without_a_station_is_one_station() {
    let visits = df!("visit_id" => ["V1"], "station" => [None::<&str>]).unwrap();
    let m = Model::empty().with(Table::Visits, visits.lazy());
    assert!(stations(&m).unwrap().is_empty());
}

#[test]
fn regression_a_line_break_in_a_station_name_is_a_space() {
    // "Север\n2" typed with Alt+Enter in a cell was a station of its own, and its line
    // break broke stations.tsv (one station a line) in two.
    let visits = df!(
        "visit_id" => ["V1", "V2", "V3", "V4"],
        "client_id" => ["C1", "C2", "C3", "C4"],
        "station" => ["Север\n2", "север  2", "Север\t2 ", "Север 22"],
    )
    .unwrap();
    let m = Model::empty()
        .with(Table::Visits, visits.lazy())
        .with(Table::Clients, df!("client_id" => ["C1"]).unwrap().lazy());
    let found = stations(&m).unwrap();
    let names: Vec<_> = found.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Север 2", "Север 22"]);
    assert_eq!(found[0].slug, "sever-2");
    assert!(found[0].matches("СЕВЕР\r\n2") && found[0].matches("север 2"));
    let two = filter(&m, &Station::new("север 2")).unwrap();
    assert_eq!(strings(&two.visits, "visit_id"), ["V1", "V2", "V3"]);
    let p = Partition::new(&m).unwrap();
    let part = p.model(Some(&found[0])).unwrap();
    assert_eq!(strings(&part.visits, "visit_id"), ["V1", "V2", "V3"]);
}

#[test]
fn the_key_lookup_keys_every_row_as_the_key_expression_does() {
    let m = model().with(
        Table::Visits,
        df!(
            "visit_id" => ["V1", "V2", "V3", "V4", "V5", "V6"],
            "station" => [Some(" Центр"), Some("СЕВЕР\u{a0} 2"), None, Some("центр "), Some("  "), Some("Север 2")],
        )
        .unwrap()
        .lazy(),
    );
    let keyed = m
        .visits
        .clone()
        .select([
            key_lookup(&m).unwrap().alias("lookup"),
            key_expr(col("station")).alias("expr"),
        ])
        .collect()
        .unwrap();
    let column = |name: &str| -> Vec<Option<String>> {
        let c = keyed.column(name).unwrap().str().unwrap().clone();
        c.iter().map(|v| v.map(str::to_string)).collect()
    };
    let some = |s: &str| Some(s.to_string());
    let expected = [
        some("центр"),
        some("север 2"),
        None,
        some("центр"),
        some(""),
        some("север 2"),
    ];
    assert_eq!(column("lookup"), expected);
    assert_eq!(column("expr"), expected);
}
