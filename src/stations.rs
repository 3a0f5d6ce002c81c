//! The stations of a chain (SPEC §2 `visits.station`): which stations the data holds, the
//! folder name of each, and the model of one station, filtered once so that every section
//! of its report reads the station's rows only.
//!
//! Station names match trimmed and case-insensitively. Data without a station column (or
//! with the column empty everywhere) is one station.

use polars::prelude::*;

use crate::config::Config;
use crate::model::Model;

/// A station of the chain as found in the visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Station {
    /// The name as spelled in the data (trimmed; of several spellings that differ only in
    /// case, the first in sort order).
    pub name: String,
    /// The folder name: lower case ASCII, Cyrillic transliterated, other characters `-`.
    pub slug: String,
}

impl Station {
    /// A station of this name, with its slug.
    pub fn new(name: &str) -> Station {
        Station {
            name: name.trim().to_string(),
            slug: slug(name),
        }
    }

    /// Whether `query` names this station (trimmed, case-insensitive).
    pub fn matches(&self, query: &str) -> bool {
        key(query) == key(&self.name)
    }
}

/// The configuration of a station's report: the chain's, with the station's own
/// `[stations."NAME"]` settings of `stoa.toml` (its capacity) where it has them.
///
/// ```
/// use stoa::config::Config;
/// use stoa::stations::{config_for, Station};
/// let config = Config::from_toml("[stations.\"Север\".capacity]\nbays = 2\n", "stoa.toml").unwrap();
/// assert_eq!(config_for(&config, &Station::new(" север ")).capacity.bays, 2);
/// assert_eq!(config_for(&config, &Station::new("Юг")).capacity.bays, config.capacity.bays);
/// ```
pub fn config_for(config: &Config, station: &Station) -> Config {
    let mut own = config.clone();
    if let Some(capacity) = config
        .stations
        .iter()
        .find(|(name, _)| station.matches(name))
        .and_then(|(_, s)| s.capacity.clone())
    {
        own.capacity = capacity;
    }
    own
}

/// The names under `[stations]` of `stoa.toml` that match none of the stations `found`:
/// their settings would silently apply to nothing.
pub fn unmatched_settings<'a>(config: &'a Config, found: &[Station]) -> Vec<&'a str> {
    config
        .stations
        .keys()
        .filter(|name| !found.iter().any(|s| s.matches(name)))
        .map(String::as_str)
        .collect()
}

/// The matching key of a station name: trimmed, lower case.
fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The same key as a polars expression over a station column.
fn key_expr(station: Expr) -> Expr {
    station
        .str()
        .strip_chars(lit(NULL).cast(DataType::String))
        .str()
        .to_lowercase()
}

/// The folder name of a station: lower case; Russian letters transliterated to Latin;
/// every run of other characters one `-`; `station` when nothing is left.
///
/// ```
/// use stoa::stations::slug;
/// assert_eq!(slug("Центр"), "tsentr");
/// assert_eq!(slug(" Север-2 (Мурманск) "), "sever-2-murmansk");
/// assert_eq!(slug("North Side"), "north-side");
/// assert_eq!(slug("№"), "station");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.trim().to_lowercase().chars() {
        let piece: Option<&str> = match c {
            'а' => Some("a"),
            'б' => Some("b"),
            'в' => Some("v"),
            'г' => Some("g"),
            'д' => Some("d"),
            'е' | 'э' => Some("e"),
            'ё' => Some("yo"),
            'ж' => Some("zh"),
            'з' => Some("z"),
            'и' => Some("i"),
            'й' => Some("y"),
            'к' => Some("k"),
            'л' => Some("l"),
            'м' => Some("m"),
            'н' => Some("n"),
            'о' => Some("o"),
            'п' => Some("p"),
            'р' => Some("r"),
            'с' => Some("s"),
            'т' => Some("t"),
            'у' => Some("u"),
            'ф' => Some("f"),
            'х' => Some("kh"),
            'ц' => Some("ts"),
            'ч' => Some("ch"),
            'ш' => Some("sh"),
            'щ' => Some("shch"),
            'ъ' | 'ь' => Some(""),
            'ы' => Some("y"),
            'ю' => Some("yu"),
            'я' => Some("ya"),
            'і' => Some("i"),
            'ї' => Some("yi"),
            'є' => Some("ye"),
            _ => None,
        };
        match piece {
            Some(p) => {
                out.push_str(p);
                dash = false;
            }
            None if c.is_ascii_alphanumeric() => {
                out.push(c);
                dash = false;
            }
            None => {
                if !dash && !out.is_empty() {
                    out.push('-');
                }
                dash = true;
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "station".to_string()
    } else {
        out
    }
}

/// The first two stations of `found` whose names give one folder (`Север-2` and `Север
/// 2` are both `sever-2`): a report or a split would write one over the other.
///
/// ```
/// use stoa::stations::{shared_folder, Station};
/// let found = [Station::new("Север-2"), Station::new("Юг"), Station::new("Север 2")];
/// let (a, b) = shared_folder(&found).unwrap();
/// assert_eq!((a.name.as_str(), b.name.as_str()), ("Север-2", "Север 2"));
/// assert!(shared_folder(&found[..2]).is_none());
/// ```
pub fn shared_folder(found: &[Station]) -> Option<(&Station, &Station)> {
    found
        .iter()
        .enumerate()
        .find_map(|(i, a)| found[..i].iter().find(|b| b.slug == a.slug).map(|b| (b, a)))
}

/// The stations of the data, sorted by their matching key; empty when the visits have no
/// station (the data is one station).
pub fn stations(model: &Model) -> PolarsResult<Vec<Station>> {
    let names = model
        .visits
        .clone()
        .select([col("station")
            .str()
            .strip_chars(lit(NULL).cast(DataType::String))
            .alias("name")])
        .filter(col("name").str().len_bytes().gt(lit(0u32)))
        .unique(None, UniqueKeepStrategy::Any)
        .collect()?;
    let mut found: Vec<String> = names
        .column("name")?
        .str()?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect();
    found.sort_by(|a, b| natural(&key(a), &key(b)).then(a.cmp(b)));
    found.dedup_by(|later, first| key(later) == key(first));
    Ok(found.iter().map(|n| Station::new(n)).collect())
}

/// Text order with runs of digits compared as numbers, so that `Филиал 6` comes before
/// `Филиал 10`.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let digit = c.is_ascii_digit();
            match out.last_mut() {
                Some((d, text)) if *d == digit => text.push(c),
                _ => out.push((digit, c.to_string())),
            }
        }
        out
    }
    let (x, y) = (chunks(a), chunks(b));
    for ((dx, tx), (dy, ty)) in x.iter().zip(&y) {
        let ord = if *dx && *dy {
            let (tx, ty) = (tx.trim_start_matches('0'), ty.trim_start_matches('0'));
            tx.len().cmp(&ty.len()).then(tx.cmp(ty))
        } else {
            tx.cmp(ty)
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    x.len().cmp(&y.len())
}

/// Visits whose station is empty or missing, while others have one: they are in the
/// chain's report only.
pub fn visits_without_station(model: &Model) -> PolarsResult<u64> {
    let out = model
        .visits
        .clone()
        .select([key_expr(col("station"))
            .fill_null(lit(""))
            .str()
            .len_bytes()
            .eq(lit(0u32))
            .sum()
            .cast(DataType::UInt64)
            .alias("n")])
        .collect()?;
    Ok(out.column("n")?.u64()?.get(0).unwrap_or(0))
}

/// The model of one station, computed once and held in memory: its visits (every status);
/// the order lines and feedback of those visits; the clients with at least one visit
/// there (a station's loyalty, greeting and win-back lists are its own clients); the
/// price list, competitor prices and agents as they are (they are the chain's).
pub fn filter(model: &Model, station: &Station) -> PolarsResult<Model> {
    let visits = model
        .visits
        .clone()
        .filter(key_expr(col("station")).eq(lit(key(&station.name))))
        .collect()?;
    with_visits(model, visits, None)
}

/// What belongs to no station of a chain, as a model like [`filter`]'s: the visits with an
/// empty or missing station (and their order lines and feedback), and the clients of
/// those visits together with the clients who have no visit at all. With the stations'
/// models it covers every row of the chain, so that `stoa split` loses none.
pub fn without_station(model: &Model) -> PolarsResult<Model> {
    let blank = key_expr(col("station"))
        .fill_null(lit(""))
        .str()
        .len_bytes()
        .eq(lit(0u32));
    let visits = model.visits.clone().filter(blank).collect()?;
    let visited = model.visits.clone().select([col("client_id")]).collect()?;
    let never = model
        .clients
        .clone()
        .join(
            visited.lazy(),
            [col("client_id")],
            [col("client_id")],
            in_order(JoinType::Anti),
        )
        .select([col("client_id")])
        .collect()?;
    with_visits(model, visits, Some(never))
}

/// A chain's tables keyed by station once, to hand out each station's model, as
/// [`filter`] gives it, and the model of what belongs to no station, as
/// [`without_station`] gives it. Each visit gets its station's number (0 for none); the
/// order lines take their visit's number by the visit's row (ingest's `line_visits`, else
/// one join), the feedback by one join, and the clients a number per station they visited.
/// A station's model is then one integer compare and one filter per table: only that
/// station's rows are copied, never the whole chain's.
pub struct Partition {
    base: Model,
    stations: Vec<Station>,
    visits: DataFrame,
    order_lines: DataFrame,
    clients: DataFrame,
    feedback: DataFrame,
    /// The station number of each row of `visits`, `order_lines`, `clients` (a client once
    /// per station visited) and `feedback`.
    visit_codes: UInt32Chunked,
    line_codes: UInt32Chunked,
    client_codes: UInt32Chunked,
    feedback_codes: UInt32Chunked,
}

/// The station number column of [`Partition`]'s lookups.
const CODE: &str = "__code";
/// The station number of an order line or feedback row whose visit is not in the visits.
const NO_VISIT: u32 = u32::MAX;

impl Partition {
    /// Key the tables of `model` by station.
    pub fn new(model: &Model) -> PolarsResult<Partition> {
        let stations = stations(model)?;
        let visits = model.visits.clone().collect()?;
        // Station number i + 1 for the i-th station, 0 for a blank one: worked out for each
        // distinct spelling of a station in the visits (a few dozen), then looked up by
        // every visit, instead of trimming and lower-casing millions of cells.
        let spellings = visits
            .column("station")?
            .as_materialized_series()
            .unique()?
            .drop_nulls();
        let spellings = spellings.str()?;
        let number_of = |raw: &str| {
            let k = key(raw);
            stations
                .iter()
                .position(|s| key(&s.name) == k)
                .map_or(0, |i| i as u32 + 1)
        };
        let numbers: Vec<u32> = spellings.iter().flatten().map(number_of).collect();
        let code = col("station")
            .replace_strict(
                lit(spellings.clone().into_series()).implode(true),
                lit(Series::new("numbers".into(), numbers)).implode(true),
                Some(lit(0u32)),
                Some(DataType::UInt32),
            )
            .fill_null(lit(0u32))
            .alias(CODE);
        let visit_codes = visits
            .clone()
            .lazy()
            .select([code])
            .collect()?
            .column(CODE)?
            .u32()?
            .rechunk()
            .into_owned();
        let order_lines = model.order_lines.clone().collect()?;
        let of_visits = |table: &DataFrame| -> PolarsResult<UInt32Chunked> {
            let mut numbered = visits.select(["visit_id"])?;
            numbered.with_column(
                visit_codes
                    .clone()
                    .into_series()
                    .with_name(CODE.into())
                    .into_column(),
            )?;
            let found = table
                .select(["visit_id"])?
                .lazy()
                .join(
                    numbered.lazy(),
                    [col("visit_id")],
                    [col("visit_id")],
                    in_order(JoinType::Left),
                )
                // A row of no known visit is in no station's model, nor in what no station
                // holds (validation leaves none such).
                .select([col(CODE).fill_null(lit(NO_VISIT))])
                .collect()?;
            Ok(found.column(CODE)?.u32()?.rechunk().into_owned())
        };
        let line_codes = match model.line_visits() {
            Some(rows) if rows.len() == order_lines.height() && rows.null_count() == 0 => {
                visit_codes.take(rows.cast(&IDX_DTYPE)?.idx()?)?
            }
            _ => of_visits(&order_lines)?,
        };
        let feedback = model.feedback.clone().collect()?;
        let feedback_codes = of_visits(&feedback)?;
        // A client is in the model of every station they visited (one row for each); a
        // client with no visit at all is in no station's.
        let mut visited = visits.select(["client_id"])?;
        visited.with_column(
            visit_codes
                .clone()
                .into_series()
                .with_name(CODE.into())
                .into_column(),
        )?;
        let visited = visited.unique_stable(None, UniqueKeepStrategy::First, None)?;
        let clients = model
            .clients
            .clone()
            .join(
                visited.lazy(),
                [col("client_id")],
                [col("client_id")],
                in_order(JoinType::Left),
            )
            .with_column(col(CODE).fill_null(lit(0u32)))
            .collect()?;
        let client_codes = clients.column(CODE)?.u32()?.rechunk().into_owned();
        let clients = clients.drop(CODE)?;
        Ok(Partition {
            base: model.clone(),
            stations,
            visits,
            order_lines,
            clients,
            feedback,
            visit_codes,
            line_codes,
            client_codes,
            feedback_codes,
        })
    }

    /// The stations, as [`stations`] finds them.
    pub fn stations(&self) -> &[Station] {
        &self.stations
    }

    /// The model of a station, or of what belongs to no station (`None`).
    pub fn model(&self, station: Option<&Station>) -> PolarsResult<Model> {
        let number = match station {
            Some(s) => self
                .stations
                .iter()
                .position(|t| key(&t.name) == key(&s.name))
                .map(|i| i as u32 + 1),
            None => Some(0),
        };
        let take = |df: &DataFrame, codes: &UInt32Chunked| -> PolarsResult<LazyFrame> {
            Ok(match number {
                Some(n) => df.filter(&codes.equal(n))?,
                // Not a station of the chain: nothing of it.
                None => df.clear(),
            }
            .lazy())
        };
        Ok(Model {
            visits: take(&self.visits, &self.visit_codes)?,
            order_lines: take(&self.order_lines, &self.line_codes)?,
            clients: take(&self.clients, &self.client_codes)?,
            feedback: take(&self.feedback, &self.feedback_codes)?,
            derived: Default::default(),
            ..self.base.clone()
        })
    }
}

/// A join of `how` that keeps the left frame's row order.
fn in_order(how: JoinType) -> JoinArgs {
    JoinArgs {
        maintain_order: MaintainOrderJoin::Left,
        ..JoinArgs::new(how)
    }
}

/// The model of these visits: their lines and feedback, and the clients of the visits
/// (plus `extra_clients`, client ids of clients to keep as well).
fn with_visits(
    model: &Model,
    visits: DataFrame,
    extra_clients: Option<DataFrame>,
) -> PolarsResult<Model> {
    let semi = |lf: &LazyFrame, of: DataFrame, on: &str| -> PolarsResult<DataFrame> {
        lf.clone()
            .join(of.lazy(), [col(on)], [col(on)], in_order(JoinType::Semi))
            .collect()
    };
    let ids = visits.select(["visit_id"])?;
    let mut clients = visits.select(["client_id"])?;
    if let Some(extra) = extra_clients {
        clients.vstack_mut(&extra)?;
    }
    let order_lines = semi(&model.order_lines, ids.clone(), "visit_id")?;
    let feedback = semi(&model.feedback, ids, "visit_id")?;
    let clients = semi(&model.clients, clients, "client_id")?;
    Ok(Model {
        visits: visits.lazy(),
        order_lines: order_lines.lazy(),
        clients: clients.lazy(),
        feedback: feedback.lazy(),
        // The chain's derived figures do not hold for the station's tables.
        derived: Default::default(),
        ..model.clone()
    })
}

#[cfg(test)]
mod tests {
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
}
