//! Visit numbers that several stations of a chain give visits of their own. A chain whose
//! stations number their repair orders apart (each branch's 1C base starts at
//! `ЗН-000001`, the usual case) has the same number on a visit of every station. Read by
//! the number alone, SPEC §4.1's first row won: two stations of three were rejected as
//! duplicates, and their order lines were counted as the first station's visits', exit 0.
//! Such numbers are now keyed by station and number (`Центр/ЗН-000001`), and so are the
//! order lines and feedback that name their station; a row that names none cannot be told
//! and is rejected, and order lines without a station column stop ingest
//! (`IngestError::SharedNumbers`).
//!
//! Only the numbers repeated across stations are keyed so: every other visit keeps its
//! number as written, and a data set without such a number (one station, or a chain that
//! numbers its orders apart) is read exactly as before, at the cost of a filter.

use polars::prelude::*;

use super::RULE;
use crate::stations::key_expr;

/// The column of [`SharedNumbers::numbers`] with the stations of each number.
pub(super) const STATIONS: &str = "__stations";
/// A station's matching key (`crate::stations::key`).
const KEY: &str = "__station_key";

/// Visit numbers that visits of two or more stations have, and how the stations are spelled
/// in the keys (`<station>/<number>`) that tell their visits apart.
#[derive(Debug, Clone)]
pub struct SharedNumbers {
    /// `visit_id` (each number as written) and `__stations` (its stations as the visits
    /// spell them, sorted, `, ` between), sorted by number.
    pub(super) numbers: DataFrame,
    /// Each station's matching key and the spelling the keys take (its visits' first).
    keys: Series,
    spellings: Series,
}

impl SharedNumbers {
    /// How many numbers are shared.
    pub fn count(&self) -> usize {
        self.numbers.height()
    }

    /// The first number (in sort order) and its stations, for a message.
    pub fn example(&self) -> (String, String) {
        let text = |c: &str| {
            self.numbers
                .column(c)
                .ok()
                .and_then(|c| c.str().ok().and_then(|s| s.get(0).map(str::to_string)))
                .unwrap_or_default()
        };
        (text("visit_id"), text(STATIONS))
    }

    /// The key of a row with its station in `station` and the number in `visit_id`:
    /// `<station as the visits spell it>/<number>`.
    fn key(&self, station: Expr) -> Expr {
        let spelled = key_expr(station.clone()).replace_strict(
            lit(self.keys.clone()).implode(true),
            lit(self.spellings.clone()).implode(true),
            Some(station.str().strip_chars(lit(NULL).cast(DataType::String))),
            Some(DataType::String),
        );
        concat_str([spelled, lit("/"), col("visit_id")], "", true)
    }

    /// Whether a row's number is one of the shared.
    fn shared(&self) -> Expr {
        let numbers = self
            .numbers
            .column("visit_id")
            .map(|c| c.as_materialized_series().clone())
            .unwrap_or_default();
        col("visit_id").is_in(lit(numbers).implode(true), false)
    }
}

/// Whether a row names a station: a cell that is not empty once trimmed.
fn named(station: &str) -> Expr {
    col(station)
        .is_not_null()
        .and(key_expr(col(station)).neq(lit("")))
}

/// Key by station and number the visits whose number visits of another station have too,
/// among the rows fine before the duplicate check (rule null or `dup_rule`), and check the
/// duplicates again on the new keys: a number repeated within one station stays a duplicate.
/// None (and `visits` untouched) when no number is: a table without a duplicate costs a
/// filter.
pub(super) fn key_shared_numbers(
    visits: &mut DataFrame,
    dup_rule: u32,
) -> PolarsResult<Option<SharedNumbers>> {
    let lf = visits.clone().lazy();
    let dups = lf
        .clone()
        .filter(col(RULE).eq(lit(dup_rule)))
        .select([col("visit_id")])
        .unique(None, UniqueKeepStrategy::Any)
        .collect()?;
    if dups.height() == 0 {
        return Ok(None);
    }
    let candidate = col(RULE).is_null().or(col(RULE).eq(lit(dup_rule)));
    let rows = lf
        .clone()
        .filter(candidate.clone().and(named("station")))
        .semi_join(dups.lazy(), col("visit_id"), col("visit_id"))
        .select([
            col("visit_id"),
            col("station")
                .str()
                .strip_chars(lit(NULL).cast(DataType::String)),
            key_expr(col("station")).alias(KEY),
        ])
        .collect()?;
    // The spelling of each station's key: its first visit's.
    let spelled = rows
        .clone()
        .lazy()
        .group_by_stable([col(KEY)])
        .agg([col("station").first()])
        .collect()?;
    let numbers = rows
        .lazy()
        .join(
            spelled.clone().lazy(),
            [col(KEY)],
            [col(KEY)],
            JoinArgs::new(JoinType::Left),
        )
        .group_by([col("visit_id")])
        .agg([
            col(KEY).n_unique().alias("__n"),
            col("station_right")
                .unique()
                .sort(SortOptions::default())
                .str()
                .join(", ", true)
                .alias(STATIONS),
        ])
        .filter(col("__n").gt(lit(1)))
        .select([col("visit_id"), col(STATIONS)])
        .sort(["visit_id"], SortMultipleOptions::default())
        .collect()?;
    if numbers.height() == 0 {
        return Ok(None);
    }
    let shared = SharedNumbers {
        numbers,
        keys: spelled.column(KEY)?.as_materialized_series().clone(),
        spellings: spelled.column("station")?.as_materialized_series().clone(),
    };
    let ok = col(RULE).is_null();
    let keyed = lf
        .with_columns([
            when(candidate)
                .then(lit(NULL).cast(DataType::UInt32))
                .otherwise(col(RULE))
                .alias(RULE),
            when(shared.shared().and(named("station")))
                .then(shared.key(col("station")))
                .otherwise(col("visit_id"))
                .alias("visit_id"),
        ])
        .with_column(
            when(
                ok.clone()
                    .and(col("visit_id").is_first_distinct().over([ok])?.not()),
            )
            .then(lit(dup_rule))
            .otherwise(col(RULE))
            .alias(RULE),
        )
        .collect()?;
    *visits = keyed;
    Ok(Some(shared))
}

/// Key the order lines or feedback rows of `rows` whose number is shared by their station,
/// as their visits are keyed; a row of such a number that names no station (the table has
/// no station column, `has_station` false, or the row's cell is empty) cannot be told and
/// takes `ambiguous_rule`, if no earlier rule rejected it.
pub(super) fn key_rows(
    rows: &mut DataFrame,
    shared: &SharedNumbers,
    has_station: bool,
    ambiguous_rule: u32,
) -> PolarsResult<()> {
    let of_shared = shared.shared();
    let unnamed = match has_station {
        true => named("station").not(),
        false => lit(true),
    };
    let mut exprs = vec![
        when(col(RULE).is_null().and(of_shared.clone()).and(unnamed))
            .then(lit(ambiguous_rule))
            .otherwise(col(RULE))
            .alias(RULE),
    ];
    if has_station {
        exprs.push(
            when(of_shared.and(named("station")))
                .then(shared.key(col("station")))
                .otherwise(col("visit_id"))
                .alias("visit_id"),
        );
    }
    *rows = rows.clone().lazy().with_columns(exprs).collect()?;
    Ok(())
}

/// The reason of a row [`key_rows`] could not tell, from the template's pieces around its
/// number (the row's raw visit number, `number`) and the stations (`__stations`, joined).
pub(super) fn ambiguous_reason(what: &str, number: Expr) -> Expr {
    let pieces: Vec<&str> = crate::ingest::reasons::AMBIGUOUS_VISIT
        .split("{}")
        .collect();
    concat_str(
        [
            lit(format!("{}{what}{}", pieces[0], pieces[1])),
            number,
            lit(pieces[2]),
            col(STATIONS),
            lit(pieces[3]),
        ],
        "",
        true,
    )
}

/// The numbers' stations, to be joined to the rejected rows by `visit_id`.
pub(super) fn stations_of(shared: &SharedNumbers) -> LazyFrame {
    shared.numbers.clone().lazy()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(df: &DataFrame, name: &str) -> Vec<Option<String>> {
        let c = df.column(name).unwrap().str().unwrap().clone();
        c.iter().map(|v| v.map(str::to_string)).collect()
    }

    fn rules(df: &DataFrame) -> Vec<Option<u32>> {
        df.column(RULE).unwrap().u32().unwrap().iter().collect()
    }

    const DUP: u32 = 5;

    /// Visits as validation has them before the duplicate check's second look: the
    /// repeated rows of a number carry `DUP`.
    fn visits() -> DataFrame {
        df!(
            "visit_id" => ["1", "2", "1", "2", "1", "3", "3", "4"],
            "station" => [Some("Центр"), Some("Центр"), Some("Север"), Some("Север"), Some(" центр "), Some("Юг"), Some("Юг"), None],
            RULE => [None, None, Some(DUP), Some(DUP), Some(DUP), None, Some(DUP), Some(1u32)],
        )
        .unwrap()
    }

    #[test]
    fn numbers_of_several_stations_are_keyed_by_station_and_a_stations_repeat_stays_a_duplicate() {
        let mut df = visits();
        let shared = key_shared_numbers(&mut df, DUP).unwrap().unwrap();
        assert_eq!(shared.count(), 2);
        assert_eq!(shared.example(), ("1".into(), "Север, Центр".into()));
        assert_eq!(
            texts(&df, "visit_id"),
            [
                "Центр/1",
                "Центр/2",
                "Север/1",
                "Север/2",
                "Центр/1",
                "3",
                "3",
                "4"
            ]
            .map(|s| Some(s.to_string()))
        );
        // Centre's number 1 written twice is still a duplicate, as is the South's 3 (one
        // station); the bad row keeps its own rule.
        assert_eq!(
            rules(&df),
            [None, None, None, None, Some(DUP), None, Some(DUP), Some(1)]
        );
    }

    #[test]
    fn a_table_without_a_shared_number_is_left_as_it_is() {
        let mut df = df!(
            "visit_id" => ["1", "1", "2"],
            "station" => ["Центр", "Центр", "Север"],
            RULE => [None, Some(DUP), None],
        )
        .unwrap();
        let before = df.clone();
        assert!(key_shared_numbers(&mut df, DUP).unwrap().is_none());
        assert!(df.equals_missing(&before));
    }

    #[test]
    fn lines_are_keyed_by_their_station_and_those_without_one_are_told_apart_by_a_rule() {
        let mut v = visits();
        let shared = key_shared_numbers(&mut v, DUP).unwrap().unwrap();
        let mut lines = df!(
            "visit_id" => ["1", "1", "2", "3", "1", "1"],
            "station" => [Some("север"), Some("Центр"), None, None, Some("  "), Some("Запад")],
            RULE => [None, None, None, None, Some(0u32), None],
        )
        .unwrap();
        key_rows(&mut lines, &shared, true, 9).unwrap();
        assert_eq!(
            texts(&lines, "visit_id"),
            ["Север/1", "Центр/1", "2", "3", "1", "Запад/1"].map(|s| Some(s.to_string()))
        );
        assert_eq!(rules(&lines), [None, None, Some(9), None, Some(0), None]);
        // Without a station column every row of a shared number is told apart so.
        let mut feedback = df!(
            "visit_id" => ["1", "3"],
            RULE => [None::<u32>, None],
        )
        .unwrap();
        key_rows(&mut feedback, &shared, false, 9).unwrap();
        assert_eq!(rules(&feedback), [Some(9), None]);
        assert_eq!(
            texts(&feedback, "visit_id"),
            [Some("1".into()), Some("3".into())]
        );
    }

    #[test]
    fn the_reason_names_the_number_and_its_stations() {
        let mut v = visits();
        let shared = key_shared_numbers(&mut v, DUP).unwrap().unwrap();
        let got = df!("visit_id" => ["2"])
            .unwrap()
            .lazy()
            .join(
                stations_of(&shared),
                [col("visit_id")],
                [col("visit_id")],
                JoinArgs::new(JoinType::Left),
            )
            .select([ambiguous_reason("order line", col("visit_id")).alias("r")])
            .collect()
            .unwrap();
        assert_eq!(
            texts(&got, "r"),
            [Some(crate::ingest::reasons::fill(
                crate::ingest::reasons::AMBIGUOUS_VISIT,
                &["order line", "2", "Север, Центр"]
            ))]
        );
    }
}
