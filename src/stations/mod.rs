//! The stations of a chain (SPEC §2 `visits.station`): which stations the data holds, the
//! folder name of each, and the model of one station, filtered once so that every section
//! of its report reads the station's rows only.
//!
//! Station names match trimmed, with every run of spaces, tabs and line breaks inside one
//! space, and case-insensitively. Data without a station column (or with the column empty
//! everywhere) is one station.

use polars::prelude::*;

use crate::config::{Capacity, Config};
use crate::model::Model;

mod partition;

pub use partition::Partition;

/// A station of the chain as found in the visits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Station {
    /// The name as spelled in the data (trimmed, every run of white space inside one
    /// space; of several spellings that differ only in case, the first in sort order).
    pub name: String,
    /// The folder name: lower case ASCII, Cyrillic transliterated, other characters `-`.
    pub slug: String,
}

impl Station {
    /// A station of this name, with its slug. A line break or tab typed into the name in a
    /// spreadsheet cell is a space: the name is one line of `stations.tsv` and of a report's
    /// title, and `Север\n2` is the station `Север 2` to whoever typed it.
    pub fn new(name: &str) -> Station {
        Station {
            name: spaced(name),
            slug: slug(name),
        }
    }

    /// Whether `query` names this station (trimmed, white space runs as one space,
    /// case-insensitive).
    pub fn matches(&self, query: &str) -> bool {
        key(query) == key(&self.name)
    }

    /// The part of a chain that has no station: the visits without one and the clients
    /// without a visit, which `stoa split` puts in its folder [`NO_STATION`]. No name (a
    /// station's is never empty: a visit whose station is blank has none), and that
    /// folder's name for its reports, which no station's slug can take.
    ///
    /// ```
    /// use stoa::stations::{Station, NO_STATION};
    /// let none = Station::none();
    /// assert!(none.is_none() && !Station::new("Центр").is_none());
    /// assert_eq!(none.slug, NO_STATION);
    /// ```
    pub fn none() -> Station {
        Station {
            name: String::new(),
            slug: NO_STATION.to_string(),
        }
    }

    /// Whether this is [`Station::none`].
    pub fn is_none(&self) -> bool {
        self.name.is_empty()
    }
}

/// The folder of what belongs to no station, in `stoa split`'s output and among the
/// reports' station folders. A station's folder is a slug, which never starts with an
/// underscore, so the two cannot meet.
pub const NO_STATION: &str = "_no-station";

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
    if let Some(capacity) = own_capacity(config, station) {
        own.capacity = capacity.clone();
    }
    own
}

/// The station's own capacity, `[stations."NAME".capacity]` of `stoa.toml`, where it has
/// one.
pub fn own_capacity<'a>(config: &'a Config, station: &Station) -> Option<&'a Capacity> {
    config
        .stations
        .iter()
        .find(|(name, _)| station.matches(name))
        .and_then(|(_, s)| s.capacity.as_ref())
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

/// A name trimmed, with every run of white space in it (spaces, tabs, line breaks,
/// no-break spaces) one space.
fn spaced(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The matching key of a station name: [`spaced`], lower case. `stoa.toml`'s `[stations]`
/// keys are matched and told apart by it too.
pub(crate) fn key(name: &str) -> String {
    spaced(name).to_lowercase()
}

/// The same key as a polars expression over a station column (`\s` is the same white
/// space as [`char::is_whitespace`]).
pub(crate) fn key_expr(station: Expr) -> Expr {
    station
        .str()
        .replace_all(lit(r"\s+"), lit(" "), false)
        .str()
        .strip_chars(lit(NULL).cast(DataType::String))
        .str()
        .to_lowercase()
}

/// [`key_expr`] of the visits' `station` column, as a lookup from its distinct spellings
/// to their keys: a chain's millions of visits spell a few dozen stations, so the regex
/// and the lower-casing run on those few and each row costs one hash probe. The
/// spellings are found once per model. A null station stays null, as with `key_expr`.
pub(crate) fn key_lookup(model: &Model) -> PolarsResult<Expr> {
    let keys = spellings(model).collect()?;
    let series = |name: &str| -> PolarsResult<Series> {
        Ok(keys.column(name)?.as_materialized_series().clone())
    };
    Ok(col("station").replace_strict(
        lit(series("station")?).implode(true),
        lit(series("key")?).implode(true),
        None,
        Some(DataType::String),
    ))
}

/// Each distinct spelling of the visits' station (`station`, nulls left out) with its
/// [`key_expr`] (`key`), sorted by spelling; derived once per model.
fn spellings(model: &Model) -> LazyFrame {
    let plan = || {
        model
            .visits
            .clone()
            .select([col("station")])
            .filter(col("station").is_not_null())
            .unique(None, UniqueKeepStrategy::Any)
            .select([col("station"), key_expr(col("station")).alias("key")])
            .sort(["station"], SortMultipleOptions::default())
    };
    crate::model::derived_frame(&model.derived.station_keys, || plan().collect(), plan)
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
/// // A long name keeps its start and ends in its hash.
/// let long = slug(&"Общество с ограниченной ответственностью ".repeat(6));
/// assert!(long.len() <= 64 && long.starts_with("obshchestvo-s-ogranichennoy"));
/// assert_ne!(long, slug(&"Общество с ограниченной ответственностью ".repeat(7)));
/// assert_eq!(long, slug(&"ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ ".repeat(6)));
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
        return "station".to_string();
    }
    // A folder name has at most 255 bytes, and a path's whole length is bounded too: a
    // legal name of 276 characters stopped `--by-station` halfway with "File name too long".
    // A long slug keeps its start and ends in 8 digits of the name's hash, so that two long
    // names alike at the start stay apart.
    if out.len() > MAX_SLUG {
        use sha2::{Digest, Sha256};
        // Of the name as stations match (trimmed, any case): one station spelt in two
        // cases gave two folders.
        let digest = Sha256::digest(key(name).as_bytes());
        let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
        out.truncate(MAX_SLUG - 9);
        while out.ends_with('-') {
            out.pop();
        }
        out.push('-');
        out.push_str(&hash);
    }
    out
}

/// The longest folder name [`slug`] gives.
pub const MAX_SLUG: usize = 64;

/// Whether `name` could be a folder name [`slug`] gives: what `stoa split` asks of the
/// folders its `stations.tsv` lists before it takes them for its own.
///
/// ```
/// use stoa::stations::{is_slug, slug};
/// assert!(is_slug(&slug(" Север-2 (Мурманск) ")));
/// assert!(!is_slug("Юг") && !is_slug("_no-station") && !is_slug("../notes") && !is_slug(""));
/// ```
pub fn is_slug(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
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
    let names = spellings(model)
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
mod tests;
