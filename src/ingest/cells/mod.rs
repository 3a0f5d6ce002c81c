//! Cell parsing as polars expressions over whole columns (SPEC §2 "Cell values", §4.1):
//! dates in every form an accounting export uses, money with spaces, the station's
//! currency sign (`₽`, or that of `currency` in stoa.toml: [`Currency`]) and decimal
//! commas, Russian booleans, and the canonical vocabularies. Each parser also says which
//! cells failed, so that the row can be rejected with a reason.

use polars::prelude::*;

use crate::ingest::normalize;
use crate::schema::{EnumKind, Kind};

mod booleans;
mod currency;
mod date_forms;
pub mod date_order;
mod dates;
mod enums;
mod lost_sign;
mod no_value;
mod numbers;
mod scores;
mod thousands;
mod times;
pub use booleans::crosses_as_yes;
use currency::number_text;
pub use currency::Currency;
pub use date_forms::{against_day_first, no_such_day};
pub use date_order::{DateOrder, FolderOrder, Lead, TableOrder};
pub use dates::{day_first_cells, parse_dates, read_dates, Dates, DayFirst, MonthFirst, Shown};
pub(crate) use dates::{only_day_first, only_month_first};
pub use enums::{parse_enum, EnumCells};
pub use lost_sign::{lost_rouble_signs, LostSign};
pub use no_value::blank_no_value_marks;
pub use numbers::Rounded;
pub use scores::{score_forms, score_number};
pub use thousands::{column_thousands_mark, strip_thousands, thousands_mark, Thousands};

/// The reason written into the rejects table when a cell of this kind cannot be read, at a
/// rouble station ([`reason_in`] for another currency).
pub fn reason(kind: Kind) -> String {
    reason_in(kind, &Currency::Rub)
}

/// [`reason`] at a station of `currency`: its money reason names the currency.
pub fn reason_in(kind: Kind, currency: &Currency) -> String {
    use crate::ingest::reasons as r;
    match kind {
        Kind::Text => r::TEXT.to_string(),
        Kind::Date => r::DATE.to_string(),
        Kind::DateTime => r::DATE_TIME.to_string(),
        Kind::Time => r::TIME.to_string(),
        Kind::Money => currency.money_reason(),
        Kind::Int => r::INT.to_string(),
        Kind::Number => r::NUMBER.to_string(),
        Kind::Bool => r::BOOL.to_string(),
        Kind::Enum(e) => r::fill(
            r::UNKNOWN_VALUE,
            &[enum_name(e), &normalize::canonical_values(e).join(", ")],
        ),
    }
}

fn enum_name(e: EnumKind) -> &'static str {
    match e {
        EnumKind::Channel => "channel",
        EnumKind::Status => "status",
        EnumKind::Category => "category",
        EnumKind::LineKind => "line kind",
        EnumKind::ClientKind => "client kind",
    }
}

fn null_str() -> Expr {
    lit(NULL).cast(DataType::String)
}

/// The characters that take no room and that Rust's trim does not take for white space:
/// U+200B ZERO WIDTH SPACE, U+200C/U+200D ZERO WIDTH (NON-)JOINER, U+2060 WORD JOINER and
/// U+FEFF (a byte-order mark inside a cell). Pasted from a web page or a messenger into an
/// id, they made `ЗН-1\u{200B}` another visit than `ЗН-1`.
pub const INVISIBLE: &str = "[\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}]";

/// The text with every [`INVISIBLE`] character removed, wherever it stands.
///
/// ```
/// use polars::prelude::*;
/// let df = df!("t" => ["ЗН-1\u{200B}", "\u{FEFF}ЗН\u{2060}-2"]).unwrap();
/// let out = df.lazy().select([stoa::ingest::cells::strip_invisible(col("t"))]).collect().unwrap();
/// let v: Vec<_> = out.column("t").unwrap().str().unwrap().iter().collect();
/// assert_eq!(v, [Some("ЗН-1"), Some("ЗН-2")]);
/// ```
pub fn strip_invisible(raw: Expr) -> Expr {
    raw.cast(DataType::String)
        .str()
        .replace_all(lit(INVISIBLE), lit(""), false)
}

/// Trim a text column and turn empty strings into null. Non-text input is cast to text.
///
/// ```
/// use polars::prelude::*;
/// let df = df!("t" => ["  a ", "", " "]).unwrap();
/// let out = df.lazy().select([stoa::ingest::cells::clean_text(col("t"))]).collect().unwrap();
/// let v: Vec<_> = out.column("t").unwrap().str().unwrap().iter().collect();
/// assert_eq!(v, [Some("a"), None, None]);
/// ```
pub fn clean_text(raw: Expr) -> Expr {
    let t = raw.cast(DataType::String).str().strip_chars(null_str());
    // A when/then takes the name of its first branch; keep the input column's name.
    when(t.clone().str().len_bytes().eq(lit(0u32)))
        .then(null_str())
        .otherwise(t)
        .name()
        .keep()
}

/// How one column is parsed, in stages that each evaluate an expression once per cell
/// (polars does not share sub-expressions across `when/then` branches, so a reused
/// expression is materialised as a column first).
///
/// 1. `prepare`: the raw text reduced to a canonical form (`__prep_<name>`), if needed;
/// 2. `value`: the typed value, null where empty or unparseable;
/// 3. `bad`: true where the raw cell held something that is not a value of the kind;
/// 4. `fill`: the value with the empty-cell default of the kind (SPEC §4.1).
pub struct Plan {
    /// Stage 1, aliased `__prep_<name>`; None when the value reads the raw column directly.
    pub prepare: Option<Expr>,
    /// Stage 2, aliased `<name>`.
    pub value: Expr,
    /// Stage 3 (reads the raw and value columns), aliased `__bad_<name>`.
    pub bad: Expr,
    /// Stage 4 (reads the raw and value columns), aliased `<name>`.
    pub fill: Expr,
}

/// The name of the prepared-text column of a column.
pub fn prep_name(name: &str) -> String {
    format!("__prep_{name}")
}

/// The name of the bad-cell flag column of a column.
pub fn bad_name(name: &str) -> String {
    format!("__bad_{name}")
}

/// Plan the parsing of column `raw` (cleaned with [`clean_text`] when it is text, or a
/// typed Parquet column of `raw_dtype`) into the model column `name` of `kind`. Money and
/// numbers written with a currency's signs are read in the station's `currency` only.
pub fn plan(kind: Kind, raw: &str, name: &str, raw_dtype: &DataType, currency: &Currency) -> Plan {
    let r = || col(raw);
    let v = || col(name);
    // Typed sources (Parquet) need no text parsing when they already hold the right family.
    let typed = match (kind, raw_dtype) {
        (Kind::Date, DataType::Date | DataType::Datetime(_, _)) => Some(r().cast(DataType::Date)),
        (Kind::DateTime, DataType::Date | DataType::Datetime(_, _)) => Some(r().cast(kind.dtype())),
        (Kind::Money, d) if d.is_primitive_numeric() => Some(kopecks(r().cast(DataType::Float64))),
        // A database's decimal (Parquet's decimal128): kopecks from its integer, exactly.
        (Kind::Money, DataType::Decimal(_, scale)) => Some(decimal_kopecks(r(), *scale)),
        (Kind::Number, d) if d.is_primitive_numeric() => Some(r().cast(DataType::Float64)),
        (Kind::Int, d) if d.is_primitive_numeric() => Some(r().cast(DataType::Float64)),
        (Kind::Bool, DataType::Boolean) => Some(r()),
        // Parquet's time of day (Time64 / Time32): nanoseconds since midnight, to the
        // milliseconds a time column holds. Before session 25 such a column was no time.
        (Kind::Time, DataType::Time) => Some(r().cast(DataType::Int64) / lit(1_000_000i64)),
        _ => None,
    };
    let p = || col(prep_name(name));
    let (prepare, value) = match typed {
        Some(value) => (None, value),
        None => match kind {
            Kind::Text => (None, r().cast(DataType::String)),
            Kind::Date => (Some(date_forms::date_text(r())), date_forms::date(p())),
            Kind::DateTime => (Some(date_forms::date_text(r())), date_forms::datetime(p())),
            Kind::Time => (Some(times::time_text(r())), times::time_of_day(p())),
            // A lone dash is how Excel's accounting format writes a zero sum.
            Kind::Money => (
                Some(
                    number_text(r(), currency)
                        .str()
                        .replace(lit("^[-–—]$"), lit("0"), false),
                ),
                kopecks(number(p())),
            ),
            Kind::Number | Kind::Int => (Some(number_text(r(), currency)), number(p())),
            Kind::Bool => (
                Some(booleans::prepare(normalize::fold_expr(r()))),
                booleans::boolean(p(), name),
            ),
            Kind::Enum(e) => (None, normalize::canonical(e, r())),
        },
    };
    let mut bad = r().is_not_null().and(v().is_null());
    if kind == Kind::Int {
        bad = bad
            .or(v().neq(v().floor()).fill_null(lit(false)))
            .or(v().abs().gt(lit(9.0e15)).fill_null(lit(false)));
    }
    let fill = match kind {
        Kind::Int => when(v().eq(v().floor()))
            .then(v().cast(DataType::Int64))
            .otherwise(lit(NULL).cast(DataType::Int64)),
        Kind::Bool => v().fill_null(lit(false)),
        Kind::Enum(e) => match normalize::empty_default(e) {
            Some(d) => when(r().is_null()).then(lit(d)).otherwise(v()),
            None => v(),
        },
        _ => v(),
    };
    Plan {
        prepare: prepare.map(|e| e.alias(prep_name(name))),
        value: value.alias(name),
        bad: bad.alias(bad_name(name)),
        fill: fill.alias(name),
    }
}

/// Parse a text column (already cleaned with [`clean_text`]) by its distinct cells: the
/// [`plan`]'s value is a function of the cell alone, and exports repeat a few values
/// millions of times (categories, yes/no, prices), so the plan runs on each distinct cell
/// once and the values are gathered back. Returns the value column named `name`, or None
/// when most cells are distinct (then the plan over the whole column is cheaper).
pub fn parse_distinct(
    kind: Kind,
    raw: &Column,
    name: &str,
    currency: &Currency,
) -> PolarsResult<Option<Column>> {
    Ok(
        match parse_distinct_cells(kind, raw, name, false, currency)? {
            Distinct::Parsed(v, _) => Some(v),
            _ => None,
        },
    )
}

/// The value column `name` of a money, number or integer text column (cleaned with
/// [`clean_text`]) whose cells are mostly distinct, as the [`plan`] gives it: every cell of
/// the strict form read directly, the others by the plan (see `numbers`) in `currency`.
pub fn parse_numbers(
    kind: Kind,
    raw: &Column,
    name: &str,
    currency: &Currency,
) -> PolarsResult<Column> {
    Ok(numbers::column_values(kind, raw.str()?, name, currency)?.0)
}

/// [`parse_numbers`], with money's cells of more than two decimals ([`Rounded`]).
pub fn parse_numbers_rounded(
    kind: Kind,
    raw: &Column,
    name: &str,
    currency: &Currency,
) -> PolarsResult<(Column, Rounded)> {
    numbers::column_values(kind, raw.str()?, name, currency)
}

/// Money's workbook number cells (`numbers`, in roubles) of more than two decimals, and
/// `text`, the same cells as text, for the example. One pass of polars over the column.
pub fn rounded_numbers(numbers: &Column, text: &Column) -> PolarsResult<Rounded> {
    let n = numbers.cast(&DataType::Float64)?;
    let below: BooleanChunked = n
        .f64()?
        .apply_nonnull_values_generic(DataType::Boolean, numbers::below_kopeck);
    let rows: Vec<IdxSize> = below
        .iter()
        .enumerate()
        .filter(|(_, b)| *b == Some(true))
        .map(|(i, _)| i as IdxSize)
        .collect();
    let Some(&first) = rows.first() else {
        return Ok(Rounded::default());
    };
    let first = first as usize;
    let units = n.f64()?.get(first).unwrap_or(0.0);
    let example = match text.str().ok().and_then(|t| t.get(first)) {
        Some(t) => t.to_string(),
        None => units.to_string(),
    };
    Ok(Rounded {
        cells: rows.len() as u64,
        example,
        kopecks: to_kopecks(units) as i64,
        rows,
    })
}

/// What [`parse_distinct_cells`] made of a column.
pub enum Distinct {
    /// The value column, and money's cells of more than two decimals (boxed: with
    /// their rows it is by far the largest variant).
    Parsed(Column, Box<Rounded>),
    /// Most cells are distinct: parse the whole column instead.
    TooMany,
    /// Some cell needs [`clean_text`] first (asked for with `check_clean`).
    Unclean,
}

/// The distinct cells of a text column in order of first appearance, and each cell's
/// index among them; None when a column of 64 Ki cells or more has more than one distinct
/// cell in `share` (checked as it goes, so a column of mostly distinct cells is left after
/// its first 64 Ki).
pub(crate) fn distinct_index(
    ca: &StringChunked,
    share: usize,
) -> Option<(Vec<Option<&str>>, Vec<IdxSize>)> {
    let n = ca.len();
    let mut distinct: Vec<Option<&str>> = Vec::new();
    let mut idx: Vec<IdxSize> = Vec::with_capacity(n);
    // A text of up to 12 bytes lies whole in its 16-byte view, so the view is the key (one
    // integer hash instead of a string hash and compare); longer texts and nulls are keyed
    // by value. Equal short texts with different views would only repeat a distinct entry.
    let mut short: PlHashMap<u128, IdxSize> = PlHashMap::new();
    let mut long: PlHashMap<Option<&str>, IdxSize> = PlHashMap::new();
    let mut i = 0usize;
    // The last short cell's view and index: a column often repeats a cell row after row
    // (quantity 1, "нет"), and a compare is cheaper than a hash.
    let mut last: Option<(u128, IdxSize)> = None;
    // Long texts seen, in a small table indexed by their view's length and prefix.
    const SLOTS: usize = 256;
    let mut seen: Vec<Option<(u64, &str, IdxSize)>> = vec![None; SLOTS];
    for (arr, dyn_arr) in ca.downcast_iter().zip(ca.chunks()) {
        let validity = dyn_arr.validity();
        for (j, view) in arr.views().iter().enumerate() {
            let valid = validity.is_none_or(|v| v.get_bit(j));
            let k = if valid && view.length <= 12 {
                let key = view.as_u128();
                match last {
                    Some((prev, k)) if prev == key => k,
                    _ => {
                        let k = *short.entry(key).or_insert_with(|| {
                            distinct.push(Some(arr.value(j)));
                            (distinct.len() - 1) as IdxSize
                        });
                        last = Some((key, k));
                        k
                    }
                }
            } else if valid {
                // Long texts of up to a few hundred values (categories in Cyrillic, a
                // station's mechanics) are found in the table of those seen by their view's
                // length and prefix and then their bytes, before any hash of the whole text.
                let v = arr.value(j);
                let head = view.as_u128() as u64;
                let slot = (head.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % SLOTS;
                match seen[slot] {
                    Some((h, t, k)) if h == head && t == v => k,
                    _ => {
                        let k = *long.entry(Some(v)).or_insert_with(|| {
                            distinct.push(Some(v));
                            (distinct.len() - 1) as IdxSize
                        });
                        seen[slot] = Some((head, v, k));
                        k
                    }
                }
            } else {
                *long.entry(None).or_insert_with(|| {
                    distinct.push(None);
                    (distinct.len() - 1) as IdxSize
                })
            };
            idx.push(k);
            // Checked every 64 Ki rows: give up as soon as too many cells so far are distinct.
            if i % 65_536 == 65_535 && distinct.len() * share > i {
                return None;
            }
            i += 1;
        }
    }
    if n >= 65_536 && distinct.len() * share > n {
        return None;
    }
    Some((distinct, idx))
}

/// [`parse_distinct`], and with `check_clean` the check that no cell needs [`clean_text`]
/// (surrounding white space, or empty), made on the distinct cells instead of every cell.
pub fn parse_distinct_cells(
    kind: Kind,
    raw: &Column,
    name: &str,
    check_clean: bool,
    currency: &Currency,
) -> PolarsResult<Distinct> {
    let ca = raw.str()?;
    let Some((distinct, idx)) = distinct_index(ca, 2) else {
        return Ok(Distinct::TooMany);
    };
    if check_clean
        && distinct
            .iter()
            .flatten()
            .any(|v| v.trim() != *v || v.is_empty())
    {
        return Ok(Distinct::Unclean);
    }
    let raw_name = raw.name().as_str();
    let (values, below) = match kind {
        Kind::Money | Kind::Number | Kind::Int => {
            numbers::distinct_values(kind, &distinct, raw_name, name, currency)?
        }
        _ => (
            plan_value(
                kind,
                Column::new(raw_name.into(), distinct.as_slice()),
                name,
                currency,
            )?,
            Vec::new(),
        ),
    };
    // Cells of more than two decimals are rare: their rows are counted only when some
    // distinct cell is one.
    let mut rounded = Rounded::default();
    if let Some(&first) = below.first() {
        let mut flagged = vec![false; distinct.len()];
        for &b in &below {
            flagged[b] = true;
        }
        rounded.rows = (0..idx.len() as IdxSize)
            .filter(|&r| flagged[idx[r as usize] as usize])
            .collect();
        rounded.cells = rounded.rows.len() as u64;
        rounded.example = distinct[first].unwrap_or_default().to_string();
        rounded.kopecks = values.i64()?.get(first).unwrap_or(0);
    }
    let idx = IdxCa::from_vec("idx".into(), idx);
    Ok(Distinct::Parsed(values.take(&idx)?, Box::new(rounded)))
}

/// The value column `name` that the [`plan`] of `kind` gives for text cells (cleaned with
/// [`clean_text`]): the plan's first two stages over those cells alone.
fn plan_value(kind: Kind, cells: Column, name: &str, currency: &Currency) -> PolarsResult<Column> {
    let p = plan(
        kind,
        cells.name().as_str(),
        name,
        &DataType::String,
        currency,
    );
    let lf = DataFrame::new(cells.len(), vec![cells])?.lazy();
    let lf = match p.prepare {
        Some(e) => lf.with_column(e),
        None => lf,
    };
    Ok(lf.select([p.value]).collect()?.column(name)?.clone())
}

/// The value column `name` of a money or number column from its cells as numbers (a
/// workbook's number cells; see `RawTable::numbers`): what [`plan`] gives for the text of
/// those numbers, without parsing it (so in any currency: a number cell names none).
pub fn numeric_value(kind: Kind, numbers: &Column, name: &str) -> PolarsResult<Column> {
    const NUMBERS: &str = "__numbers";
    let p = plan(kind, NUMBERS, name, &DataType::Float64, &Currency::Rub);
    let df = DataFrame::new(
        numbers.len(),
        vec![numbers.clone().with_name(NUMBERS.into())],
    )?;
    Ok(df.lazy().select([p.value]).collect()?.column(name)?.clone())
}

/// Currency units (Float64) to integer kopecks, rounded half away from zero as Excel shows
/// the number: a workbook formula's cached 2999.9949999999999 is the 2 999,995 Excel shows
/// (it keeps 15 significant digits), 3 000,00 to the kopeck, not 2 999,99. The kopecks are
/// first moved away from zero by [`NUDGE`] of themselves (at most [`NUDGE_CAP`]), about
/// half a unit of the 15th significant digit, which carries such a value over the half and
/// leaves every other where it was ([`to_kopecks`] for one number). Rounding every value
/// to 15 significant digits (polars' `round_sig_figs`) cost a logarithm and a power a
/// value: on a chain's 30 million amounts, a fifth of the Parquet check's time.
fn kopecks(units: Expr) -> Expr {
    // One pass over the values by `to_kopecks` itself: as five expressions (scale, nudge,
    // cap, add, round) each wrote a column of its own, a tenth of a second a chain's money
    // column. The cast keeps polars' rule for a value no integer holds (null).
    units.cast(DataType::Float64).map(
        |c| {
            let kopecks = c.f64()?.apply_values(to_kopecks);
            kopecks.into_column().cast(&DataType::Int64)
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::Int64)),
    )
}

/// Kopecks of a decimal column of `scale` digits after the point, from the decimal's
/// integer and never through a float: rounded half away from zero past two digits, as
/// [`to_kopecks`] rounds (a value no Int64 holds is null, as `kopecks` makes it).
fn decimal_kopecks(units: Expr, scale: usize) -> Expr {
    units.map(
        move |c| {
            let ca = c.decimal()?;
            let kopecks: Int64Chunked = ca
                .physical()
                .iter()
                .map(|v| v.and_then(|v| decimal_to_kopecks(v, scale)))
                .collect();
            Ok(kopecks.with_name(c.name().clone()).into_column())
        },
        |_, field| Ok(Field::new(field.name().clone(), DataType::Int64)),
    )
}

/// [`decimal_kopecks`] of one decimal's integer `v` of `scale` digits after the point.
///
/// ```
/// use stoa::ingest::cells::decimal_to_kopecks;
/// assert_eq!(decimal_to_kopecks(100050, 2), Some(100050)); // 1000.50
/// assert_eq!(decimal_to_kopecks(12345, 3), Some(1235)); // 12.345 → 12.35
/// assert_eq!(decimal_to_kopecks(-12345, 3), Some(-1235));
/// assert_eq!(decimal_to_kopecks(7, 0), Some(700));
/// ```
pub fn decimal_to_kopecks(v: i128, scale: usize) -> Option<i64> {
    let kopecks = match scale {
        0..=2 => v.checked_mul(10i128.checked_pow(2 - scale as u32)?)?,
        _ => {
            let unit = 10i128.checked_pow(scale as u32 - 2)?;
            let (q, r) = (v / unit, v % unit);
            match r.unsigned_abs() * 2 >= unit.unsigned_abs() {
                true => q + v.signum(),
                false => q,
            }
        }
    };
    i64::try_from(kopecks).ok()
}

/// How far [`kopecks`] moves a value away from zero before rounding it, relative to it:
/// half a unit of the 15th significant digit, the last Excel keeps, at the top of a decade.
const NUDGE: f64 = 5e-15;

/// The most [`kopecks`] moves a value, in kopecks: reached only past a billion roubles,
/// where a relative nudge would move whole kopecks.
const NUDGE_CAP: f64 = 1e-3;

/// [`kopecks`] of one number.
///
/// ```
/// use stoa::ingest::cells::to_kopecks;
/// // The double 2999.995 is 2999.9949999999999 to 17 digits.
/// assert_eq!(to_kopecks(2_999.995), 300_000.0);
/// assert_eq!(to_kopecks(0.285), 29.0);
/// assert_eq!(to_kopecks(-0.285), -29.0);
/// assert_eq!(to_kopecks(-1234.5), -123_450.0);
/// assert_eq!(to_kopecks(0.0), 0.0);
/// // Just under half a kopeck at the 15th digit stays under it, and a huge sum stays whole.
/// assert_eq!(to_kopecks(0.12499999999), 12.0);
/// assert_eq!(to_kopecks(1e16), 1e18);
/// ```
pub fn to_kopecks(units: f64) -> f64 {
    let kopecks = units * 100.0;
    (kopecks + (kopecks * NUDGE).clamp(-NUDGE_CAP, NUDGE_CAP)).round()
}

/// A number from prepared text: one mark is the decimal mark; with both `,` and `.` the
/// last is; repeated marks of one kind are thousands separators.
fn number(p: Expr) -> Expr {
    let valid = p.clone().str().contains(
        lit(r"^[-+]?(\d+|\d*[.,]\d+|\d{1,3}(,\d{3})+(\.\d*)?|\d{1,3}(\.\d{3})+(,\d*)?)$"),
        false,
    );
    // Thousands separators: a mark repeated, or followed by the other mark. A single mark
    // alone is the decimal mark (`1,234` is 1.234, as a Russian export means it).
    let comma_thousands = p.clone().str().contains(
        lit(r"^[-+]?\d{1,3}((,\d{3}){2,}(\.\d*)?|,\d{3}\.\d*)$"),
        false,
    );
    let dot_thousands = p.clone().str().contains(
        lit(r"^[-+]?\d{1,3}((\.\d{3}){2,}(,\d*)?|\.\d{3},\d*)$"),
        false,
    );
    let plain = when(comma_thousands)
        .then(p.clone().str().replace_all(lit(","), lit(""), true))
        .when(dot_thousands)
        .then(
            p.clone()
                .str()
                .replace_all(lit("."), lit(""), true)
                .str()
                .replace_all(lit(","), lit("."), true),
        )
        .otherwise(p.str().replace_all(lit(","), lit("."), true));
    when(valid)
        .then(plain.cast(DataType::Float64))
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// Run a plan on a frame whose column `raw` holds the raw values: the four stages in order.
/// Validation runs the stages of all columns together; this is the one-column form.
pub fn apply(lf: LazyFrame, plan: Plan) -> LazyFrame {
    let lf = match plan.prepare {
        Some(p) => lf.with_column(p),
        None => lf,
    };
    lf.with_column(plan.value)
        .with_column(plan.bad)
        .with_column(plan.fill)
}

#[cfg(test)]
mod tests;
