//! What each Parquet type is read as. A column is checked by its Parquet (Arrow) type
//! before it is read: polars panics on some types it has no feature for (decimals before
//! session 30, a time zone it does not know) and fails in its own words on others (uint8,
//! float16), so a column stoa reads of such a type stops the run with the column, its type
//! and the cure named, and a column stoa does not read is left unread. A column read is
//! then made what its kind takes ([`as_kind`]): a typed value the kind reads as it is (a
//! number for money, a date for a date) stays typed, and anything else becomes the text a
//! CSV would hold, which validation parses or rejects as it does a CSV's cells.

use polars::prelude::*;

use crate::schema::Kind;

/// Why a column of a Parquet type is not read, and what to do: lists, structures and maps.
pub(crate) const NESTED: &str =
    "store one value in each cell (text, a number or a date), not a list or a structure";

/// Unsigned integers of 8 and 16 bits, which stoa's polars is built without.
pub(crate) const SMALL_UNSIGNED: &str =
    "store it as a 32- or 64-bit integer (int32, int64) or as text";

/// Half-precision floats.
pub(crate) const HALF_FLOAT: &str = "store it as float32 or float64";

/// Decimals of more than 38 digits.
pub(crate) const WIDE_DECIMAL: &str =
    "store it as a decimal of at most 38 digits (decimal128) or as float64";

/// A time stamp whose time zone polars does not know (`+05:30`, a zone's abbreviation).
pub(crate) const UNKNOWN_ZONE: &str = "store it with a time zone's name, such as Europe/Moscow, or as the station's local time without a zone";

/// A time of day in seconds (`time32[s]`, as R's `hms` writes one): Parquet stores it in
/// milliseconds and polars 0.55 takes those for seconds, every value out of the day and
/// read as empty.
pub(crate) const TIME_SECONDS: &str = "polars, which stoa reads Parquet with, reads this type as empty; store it as time64 (pyarrow's type for a time of day) or as text such as 10:30";

/// Any other type (an interval, a union, an extension).
pub(crate) const OTHER_TYPE: &str = "store it as text, a number or a date";

/// The cures above, for their Russian wording.
pub(crate) const TYPE_CURES: [&str; 7] = [
    NESTED,
    SMALL_UNSIGNED,
    HALF_FLOAT,
    WIDE_DECIMAL,
    UNKNOWN_ZONE,
    OTHER_TYPE,
    TIME_SECONDS,
];

/// A column read of a type stoa does not read: the column, its type, the cure.
pub(crate) const UNREADABLE_TYPE: &str =
    "the column «{}» is stored as {}, a Parquet type stoa does not read: {}";

/// A column of bytes that are not UTF-8 text: the column, its type, the first such row.
pub(crate) const NOT_TEXT: &str = "the column «{}» is stored as {} and holds bytes that are not text (the first at row {}): store it as text (a UTF-8 string)";

/// A time stamp column stored in UTC, read as the UTC clock shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct UtcTimes {
    /// The column as the file names it.
    pub column: String,
    /// The file.
    pub file: String,
    /// Its values with a time of day (not midnight).
    pub values: u64,
}

/// Whether a column of `dtype` is read: Ok, or the cure to tell. A column that stoa does
/// not read (`read` false) is read only for the test of blank rows, and only if polars
/// reads it as a value (not bytes, which it would have to take for text).
pub(super) fn check(dtype: &ArrowDataType, read: bool) -> Result<(), &'static str> {
    use ArrowDataType as A;
    match dtype {
        A::Null
        | A::Boolean
        | A::Int8
        | A::Int16
        | A::Int32
        | A::Int64
        | A::UInt32
        | A::UInt64
        | A::Float32
        | A::Float64
        | A::Utf8
        | A::LargeUtf8
        | A::Utf8View
        | A::Date32
        | A::Date64
        | A::Time32(ArrowTimeUnit::Millisecond)
        | A::Time64(_)
        | A::Duration(_) => Ok(()),
        A::Binary | A::LargeBinary | A::BinaryView | A::FixedSizeBinary(_) => match read {
            true => Ok(()),
            false => Err(OTHER_TYPE),
        },
        A::Decimal(p, _) | A::Decimal32(p, _) | A::Decimal64(p, _) | A::Decimal256(p, _) => {
            match *p <= 38 {
                true => Ok(()),
                false => Err(WIDE_DECIMAL),
            }
        }
        // polars unwraps the zone when it makes the column's type: a zone it does not
        // know was a panic.
        A::Timestamp(_, tz) => match TimeZone::opt_try_new(tz.clone()) {
            Ok(_) => Ok(()),
            Err(_) => Err(UNKNOWN_ZONE),
        },
        A::Dictionary(_, values, _) => match values.as_ref() {
            A::Dictionary(..) => Err(OTHER_TYPE),
            values => check(values, read),
        },
        A::Time32(_) => Err(TIME_SECONDS),
        A::UInt8 | A::UInt16 => Err(SMALL_UNSIGNED),
        A::Float16 => Err(HALF_FLOAT),
        A::List(_)
        | A::LargeList(_)
        | A::FixedSizeList(..)
        | A::Struct(_)
        | A::Map(..)
        | A::Union(_) => Err(NESTED),
        _ => Err(OTHER_TYPE),
    }
}

/// The error of a column read of a type stoa does not read.
pub(super) fn unreadable_type(name: &str, dtype: &ArrowDataType, cure: &str) -> String {
    crate::ingest::reasons::fill(UNREADABLE_TYPE, &[name, &type_name(dtype), cure])
}

/// A Parquet (Arrow) type as pyarrow and pandas print it: `uint8`, `list<int64>`,
/// `timestamp[ms, tz=+05:30]`, `decimal256(40, 2)`.
pub(super) fn type_name(dtype: &ArrowDataType) -> String {
    use ArrowDataType as A;
    let unit = |u: &ArrowTimeUnit| match u {
        ArrowTimeUnit::Second => "s",
        ArrowTimeUnit::Millisecond => "ms",
        ArrowTimeUnit::Microsecond => "us",
        ArrowTimeUnit::Nanosecond => "ns",
    };
    match dtype {
        A::Null => "null".into(),
        A::Boolean => "bool".into(),
        A::Int8 => "int8".into(),
        A::Int16 => "int16".into(),
        A::Int32 => "int32".into(),
        A::Int64 => "int64".into(),
        A::Int128 => "int128".into(),
        A::UInt8 => "uint8".into(),
        A::UInt16 => "uint16".into(),
        A::UInt32 => "uint32".into(),
        A::UInt64 => "uint64".into(),
        A::UInt128 => "uint128".into(),
        A::Float16 => "float16".into(),
        A::Float32 => "float32".into(),
        A::Float64 => "float64".into(),
        A::Utf8 | A::Utf8View => "string".into(),
        A::LargeUtf8 => "large_string".into(),
        A::Binary | A::BinaryView => "binary".into(),
        A::LargeBinary => "large_binary".into(),
        A::FixedSizeBinary(n) => format!("fixed_size_binary[{n}]"),
        A::Date32 => "date32".into(),
        A::Date64 => "date64".into(),
        A::Time32(u) => format!("time32[{}]", unit(u)),
        A::Time64(u) => format!("time64[{}]", unit(u)),
        A::Duration(u) => format!("duration[{}]", unit(u)),
        A::Timestamp(u, None) => format!("timestamp[{}]", unit(u)),
        A::Timestamp(u, Some(tz)) => format!("timestamp[{}, tz={tz}]", unit(u)),
        A::Decimal(p, s) => format!("decimal128({p}, {s})"),
        A::Decimal32(p, s) => format!("decimal32({p}, {s})"),
        A::Decimal64(p, s) => format!("decimal64({p}, {s})"),
        A::Decimal256(p, s) => format!("decimal256({p}, {s})"),
        A::List(f) | A::LargeList(f) => format!("list<{}>", type_name(&f.dtype)),
        A::FixedSizeList(f, n) => format!("fixed_size_list<{}>[{n}]", type_name(&f.dtype)),
        A::Struct(_) => "struct".into(),
        A::Map(..) => "map".into(),
        A::Dictionary(_, values, _) => format!("dictionary<{}>", type_name(values)),
        other => format!("{other:?}").to_lowercase(),
    }
}

/// A column made what its kind takes, with the count of its values that have a time of
/// day if it was a time stamp in UTC (None when none has).
pub(super) struct AsKind {
    column: Column,
    utc: Option<u64>,
}

impl AsKind {
    pub(super) fn into_parts(self) -> (Column, Option<u64>) {
        (self.column, self.utc)
    }
}

/// Why a column read could not be made its kind.
#[derive(Debug)]
pub(super) enum Problem {
    /// Bytes that are not UTF-8: the column's type, the first such row (as numbered in
    /// messages: the header is row 1).
    NotText { dtype: String, row: usize },
    /// polars failed (never expected of the types [`check`] lets through).
    Polars(PolarsError),
}

impl From<PolarsError> for Problem {
    fn from(e: PolarsError) -> Self {
        Problem::Polars(e)
    }
}

impl Problem {
    /// The message, naming the column as the file does.
    pub(super) fn message(&self, name: &str) -> String {
        match self {
            Problem::NotText { dtype, row } => {
                crate::ingest::reasons::fill(NOT_TEXT, &[name, dtype, &row.to_string()])
            }
            Problem::Polars(e) => super::unreadable("Parquet file", e),
        }
    }
}

/// The column `c` of a Parquet file made what the kind of the column it is read as takes:
///
/// - a time stamp with a time zone is the wall time in its zone (stoa's dates are the
///   station's local time; pandas, Spark and Postgres' `timestamptz` write the zone), and
///   the values with a time of day of one in UTC are counted for the warning;
/// - a pandas `category` (a dictionary) is its text, and bytes are text if they are UTF-8;
/// - money, numbers and integers stay numbers (a decimal: money exactly, from its integer,
///   by validation; numbers and integers as floats), dates and date-times stay dates, a
///   time of day stays a time (a date-time gives its time of day), a yes/no stays a bool;
/// - anything else is its text, as a CSV would hold it: an integer its digits, a whole
///   float an integer's digits (`79161234567.0` → `79161234567`), a decimal its digits
///   without trailing zeros, a duration `h:mm:ss`, a date ISO.
pub(super) fn as_kind(c: &Column, kind: Kind) -> Result<AsKind, Problem> {
    let mut c = c.clone();
    let mut utc = None;
    if let DataType::Datetime(unit, Some(tz)) = c.dtype() {
        if is_utc(tz) {
            utc = Some(times_of_day(&c, *unit)?).filter(|&n| n > 0);
        }
        c = wall_time(&c)?;
    }
    if matches!(c.dtype(), DataType::Categorical(..) | DataType::Enum(..)) {
        c = c.cast(&DataType::String)?;
    }
    if c.dtype() == &DataType::Binary {
        c = utf8(&c)?;
    }
    let d = c.dtype().clone();
    let typed = match kind {
        Kind::Text | Kind::Enum(_) => matches!(d, DataType::String),
        Kind::Date | Kind::DateTime => {
            matches!(
                d,
                DataType::String | DataType::Date | DataType::Datetime(..)
            )
        }
        Kind::Money => d == DataType::String || d.is_primitive_numeric() || d.is_decimal(),
        Kind::Number | Kind::Int => {
            if d.is_decimal() {
                c = c.cast(&DataType::Float64)?;
            }
            c.dtype() == &DataType::String || c.dtype().is_primitive_numeric()
        }
        Kind::Bool => matches!(d, DataType::String | DataType::Boolean),
        Kind::Time => {
            // A time of day stored as a date and time (Access writes 1899-12-30 10:30).
            if matches!(d, DataType::Datetime(..)) {
                c = c.cast(&DataType::Time)?;
            }
            matches!(c.dtype(), DataType::String | DataType::Time)
        }
    };
    let column = match typed {
        true => c,
        false => text(&c)?,
    };
    Ok(AsKind { column, utc })
}

/// How many values of a time stamp column have a time of day (are not midnight): a date
/// stored as UTC midnight, as pandas stores a date with a zone, is the right day whatever
/// the station's zone, and is no reason for the warning.
fn times_of_day(c: &Column, unit: TimeUnit) -> PolarsResult<u64> {
    let day: i64 = 86_400
        * match unit {
            TimeUnit::Milliseconds => 1_000,
            TimeUnit::Microseconds => 1_000_000,
            TimeUnit::Nanoseconds => 1_000_000_000,
        };
    Ok(c.datetime()?
        .physical()
        .iter()
        .flatten()
        .filter(|v| v.rem_euclid(day) != 0)
        .count() as u64)
}

/// Whether a time zone is UTC under one of its names.
fn is_utc(tz: &TimeZone) -> bool {
    matches!(
        tz.as_str(),
        "UTC"
            | "Etc/UTC"
            | "Etc/UCT"
            | "UCT"
            | "GMT"
            | "Etc/GMT"
            | "Etc/GMT0"
            | "Etc/GMT+0"
            | "Etc/GMT-0"
            | "GMT0"
            | "Universal"
            | "Etc/Universal"
            | "Zulu"
            | "Etc/Zulu"
    )
}

/// A time stamp with a zone as the wall time in that zone, without the zone: what the
/// station's clock showed (polars keeps the instant and reads it in UTC otherwise).
fn wall_time(c: &Column) -> PolarsResult<Column> {
    let raise = StringChunked::from_slice(PlSmallStr::EMPTY, &["raise"]);
    let naive = replace_time_zone(c.datetime()?, None, &raise, NonExistent::Raise)?;
    Ok(naive.into_column().with_name(c.name().clone()))
}

/// Bytes as text, every cell UTF-8 (else the first that is not is named).
fn utf8(c: &Column) -> Result<Column, Problem> {
    let bytes = c.binary()?;
    let mut out = Vec::with_capacity(bytes.len());
    for (i, b) in bytes.iter().enumerate() {
        out.push(match b {
            None => None,
            Some(b) => match std::str::from_utf8(b) {
                Ok(t) => Some(t),
                Err(_) => {
                    return Err(Problem::NotText {
                        dtype: "binary".into(),
                        row: i + 2,
                    })
                }
            },
        });
    }
    Ok(StringChunked::from_iter_options(c.name().clone(), out.into_iter()).into_column())
}

/// A typed column as the text a CSV would hold (see [`as_kind`]).
fn text(c: &Column) -> PolarsResult<Column> {
    let name = c.name().clone();
    let strings = |it: Vec<Option<String>>| {
        Ok(StringChunked::from_iter_options(name.clone(), it.into_iter()).into_column())
    };
    match c.dtype() {
        DataType::Float64 => strings(c.f64()?.iter().map(|v| v.and_then(float)).collect()),
        DataType::Float32 => strings(
            c.f32()?
                .iter()
                .map(|v| v.filter(|v| v.is_finite()).map(|v| v.to_string()))
                .collect(),
        ),
        DataType::Decimal(..) => decimal_text(c),
        DataType::Duration(unit) => {
            let per_ms: i64 = match unit {
                TimeUnit::Milliseconds => 1,
                TimeUnit::Microseconds => 1_000,
                TimeUnit::Nanoseconds => 1_000_000,
            };
            let ca = c.duration()?;
            strings(
                ca.physical()
                    .iter()
                    .map(|v| v.map(|v| clock(v / per_ms)))
                    .collect(),
            )
        }
        _ => c.cast(&DataType::String),
    }
}

/// A float's text: a whole one as an integer's digits, as a CSV of the number holds it (a
/// phone of 11 digits in a float column is `79161234567`, not `7.9161234567e10`); NaN and
/// infinities, which pandas writes for an empty cell, are empty.
fn float(v: f64) -> Option<String> {
    // Rust writes floats in full, without an exponent, and whole ones without `.0`.
    v.is_finite().then(|| v.to_string())
}

/// A decimal column as text, each value [`decimal`].
pub(crate) fn decimal_text(c: &Column) -> PolarsResult<Column> {
    let ca = c.decimal()?;
    let scale = ca.scale();
    let text: StringChunked = ca
        .physical()
        .iter()
        .map(|v| v.map(|v| decimal(v, scale)))
        .collect();
    Ok(text.with_name(c.name().clone()).into_column())
}

/// A decimal's text from its integer and scale, without trailing zeros (`1000.50` →
/// `1000.5`, `101.00` → `101`).
pub(super) fn decimal(v: i128, scale: usize) -> String {
    let digits = v.unsigned_abs().to_string();
    let sign = if v < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let digits = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = digits.split_at(digits.len() - scale);
    match fraction.trim_end_matches('0') {
        "" => format!("{sign}{whole}"),
        f => format!("{sign}{whole}.{f}"),
    }
}

/// A duration in milliseconds as a clock: `h:mm:ss`, with milliseconds where it has any,
/// a minus before a negative one.
pub(super) fn clock(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let ms = ms.unsigned_abs();
    let (s, frac) = (ms / 1000, ms % 1000);
    let text = format!("{sign}{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    match frac {
        0 => text,
        f => format!("{text}.{f:03}"),
    }
}
