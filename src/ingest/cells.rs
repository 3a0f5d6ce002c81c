//! Cell parsing as polars expressions over whole columns (SPEC §2 "Cell values", §4.1):
//! dates in every form an accounting export uses, money with spaces, `₽` and decimal
//! commas, Russian booleans, and the canonical vocabularies. Each parser also says which
//! cells failed, so that the row can be rejected with a reason.

use polars::prelude::*;

use crate::ingest::normalize;
use crate::schema::{EnumKind, Kind};

/// A parsed column: the typed value and a flag for cells that held something unparseable.
pub struct Parsed {
    /// The typed value (null where empty or unparseable; defaults filled in).
    pub value: Expr,
    /// True where the raw cell was non-empty but could not be read.
    pub bad: Expr,
}

/// Excel's day 0 is 1899-12-30; Unix day 0 is serial 25 569.
const EXCEL_UNIX_EPOCH: f64 = 25_569.0;
const MS_PER_DAY: f64 = 86_400_000.0;

/// Date-only text forms, tried in order.
const DATE_FORMATS: &[&str] = &["%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%y", "%Y.%m.%d"];
/// Date-and-time text forms, tried in order.
const DATETIME_FORMATS: &[&str] = &[
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%d/%m/%Y %H:%M",
    "%d.%m.%y %H:%M",
];

const TRUE_WORDS: &[&str] = &[
    "да",
    "yes",
    "y",
    "1",
    "true",
    "+",
    "д",
    "истина",
    "t",
    "1.0",
];
const FALSE_WORDS: &[&str] = &[
    "нет", "no", "n", "0", "false", "-", "−", "н", "ложь", "f", "0.0",
];

/// The reason written into the rejects table when a cell of this kind cannot be read.
pub fn reason(kind: Kind) -> String {
    match kind {
        Kind::Text => "unreadable text".to_string(),
        Kind::Date => {
            "unparseable date: expected dd.mm.yyyy, yyyy-mm-dd or an Excel date".to_string()
        }
        Kind::DateTime => {
            "unparseable date: expected dd.mm.yyyy [hh:mm], yyyy-mm-dd [hh:mm] or an Excel date"
                .to_string()
        }
        Kind::Money => {
            "unparseable money: expected a number such as 1 234,50 or 1234.50 ₽".to_string()
        }
        Kind::Int => "not a whole number".to_string(),
        Kind::Number => "not a number".to_string(),
        Kind::Bool => {
            "not a yes/no value: expected да/нет, yes/no, 1/0, true/false or +/−".to_string()
        }
        Kind::Enum(e) => format!(
            "unknown {} value: expected one of {}",
            enum_name(e),
            normalize::canonical_values(e).join(", ")
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
    when(t.clone().str().len_bytes().eq(lit(0u32)))
        .then(null_str())
        .otherwise(t)
}

/// Parse a raw column (already cleaned with [`clean_text`] when it is text) of the given
/// source dtype into the model's type for `kind`.
pub fn parse(kind: Kind, raw: Expr, raw_dtype: &DataType) -> Parsed {
    // Typed sources (Parquet) need no text parsing when they already hold the right family.
    match (kind, raw_dtype) {
        (Kind::Date, DataType::Date) | (Kind::Date, DataType::Datetime(_, _)) => {
            return typed(raw.cast(DataType::Date))
        }
        (Kind::DateTime, DataType::Date) | (Kind::DateTime, DataType::Datetime(_, _)) => {
            return typed(raw.cast(kind.dtype()))
        }
        (Kind::Money, d) if d.is_primitive_numeric() => {
            return typed(
                (raw.cast(DataType::Float64) * lit(100.0))
                    .round(0, RoundMode::HalfAwayFromZero)
                    .cast(DataType::Int64),
            )
        }
        (Kind::Number, d) if d.is_primitive_numeric() => return typed(raw.cast(DataType::Float64)),
        (Kind::Int, d) if d.is_integer() => return typed(raw.cast(DataType::Int64)),
        (Kind::Bool, DataType::Boolean) => return typed(raw.fill_null(lit(false))),
        _ => {}
    }
    let s = raw;
    let value = match kind {
        Kind::Text => s.clone(),
        Kind::Date => date(s.clone()),
        Kind::DateTime => datetime(s.clone()),
        Kind::Money => money(s.clone()),
        Kind::Number => number(s.clone()),
        Kind::Int => {
            let n = number(s.clone());
            when(
                n.clone()
                    .eq(n.clone().floor())
                    .and(n.clone().abs().lt(lit(9.0e15))),
            )
            .then(n.cast(DataType::Int64))
            .otherwise(lit(NULL).cast(DataType::Int64))
        }
        Kind::Bool => boolean(s.clone()),
        Kind::Enum(e) => normalize::canonical(e, s.clone()),
    };
    let bad = s.clone().is_not_null().and(value.clone().is_null());
    let value = match kind {
        Kind::Bool => value.fill_null(lit(false)),
        Kind::Enum(e) => match normalize::empty_default(e) {
            Some(d) => when(s.is_null()).then(lit(d)).otherwise(value),
            None => value,
        },
        _ => value,
    };
    Parsed { value, bad }
}

fn typed(value: Expr) -> Parsed {
    Parsed {
        value,
        bad: lit(false),
    }
}

/// Excel serial number (days since 1899-12-30, fraction = time of day) as milliseconds
/// since the Unix epoch; null when the text is not a plausible serial (years 1900–9999).
fn serial_ms(s: Expr) -> Expr {
    let f = s.clone().cast(DataType::Float64);
    let ok = s
        .str()
        .contains(lit(r"^\d+(\.\d+)?$"), false)
        .and(f.clone().gt_eq(lit(1.0)))
        .and(f.clone().lt(lit(2_958_466.0)));
    when(ok)
        .then(
            ((f - lit(EXCEL_UNIX_EPOCH)) * lit(MS_PER_DAY))
                .round(0, RoundMode::HalfAwayFromZero)
                .cast(DataType::Int64),
        )
        .otherwise(lit(NULL).cast(DataType::Int64))
}

fn strptime_opts(format: &str) -> StrptimeOptions {
    StrptimeOptions {
        format: Some(format.into()),
        strict: false,
        exact: true,
        cache: true,
    }
}

fn datetime(s: Expr) -> Expr {
    let dt = DataType::Datetime(TimeUnit::Milliseconds, None);
    let mut tries: Vec<Expr> = DATETIME_FORMATS
        .iter()
        .map(|f| {
            s.clone().str().to_datetime(
                Some(TimeUnit::Milliseconds),
                None,
                strptime_opts(f),
                lit("raise"),
            )
        })
        .collect();
    tries.extend(
        DATE_FORMATS
            .iter()
            .map(|f| s.clone().str().to_date(strptime_opts(f)).cast(dt.clone())),
    );
    tries.push(serial_ms(s).cast(dt));
    coalesce(&tries)
}

fn date(s: Expr) -> Expr {
    let mut tries: Vec<Expr> = DATE_FORMATS
        .iter()
        .map(|f| s.clone().str().to_date(strptime_opts(f)))
        .collect();
    tries.push(datetime(s).cast(DataType::Date));
    coalesce(&tries)
}

/// Text of a number with currency words, units, spaces and either decimal mark, reduced
/// to a plain `-1234.5` (null when it is not such a number).
fn plain_number(s: Expr) -> Expr {
    let t = s
        .str()
        .to_lowercase()
        .str()
        .replace_all(lit("−"), lit("-"), true)
        // Currency and unit words before or after the number.
        .str()
        .replace_all(lit(r"^(₽|\$|€|руб\.?|rub)\s*"), lit(""), false)
        .str()
        .replace_all(
            lit(r"\s*(₽|\$|€|руб\.?|р\.|р|rub\.?|rur|км|km|шт\.?|ч\.?|%)$"),
            lit(""),
            false,
        )
        // Thousands separators: spaces of every kind and apostrophes.
        .str()
        .replace_all(lit(r"[\s']"), lit(""), false);
    let int = t.clone().str().contains(lit(r"^[-+]?\d+$"), false);
    let single = t.clone().str().contains(lit(r"^[-+]?\d*[.,]\d+$"), false);
    let comma_thousands = t
        .clone()
        .str()
        .contains(lit(r"^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$"), false);
    let dot_thousands = t
        .clone()
        .str()
        .contains(lit(r"^[-+]?\d{1,3}(\.\d{3})+(,\d*)?$"), false);
    when(int)
        .then(t.clone())
        .when(single)
        .then(t.clone().str().replace_all(lit(","), lit("."), true))
        .when(comma_thousands)
        .then(t.clone().str().replace_all(lit(","), lit(""), true))
        .when(dot_thousands)
        .then(
            t.str()
                .replace_all(lit("."), lit(""), true)
                .str()
                .replace_all(lit(","), lit("."), true),
        )
        .otherwise(null_str())
}

fn number(s: Expr) -> Expr {
    plain_number(s).cast(DataType::Float64)
}

/// Money as integer kopecks, rounded half away from zero.
fn money(s: Expr) -> Expr {
    (number(s) * lit(100.0))
        .round(0, RoundMode::HalfAwayFromZero)
        .cast(DataType::Int64)
}

fn boolean(s: Expr) -> Expr {
    let k = normalize::fold_expr(s);
    let set = |words: &[&str]| lit(Series::new("w".into(), words)).implode(true);
    when(k.clone().is_in(set(TRUE_WORDS), false))
        .then(lit(true))
        .when(k.is_in(set(FALSE_WORDS), false))
        .then(lit(false))
        .otherwise(lit(NULL).cast(DataType::Boolean))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveDateTime};

    /// Parse text cells as `kind`; returns the values as a Series and the bad flags.
    fn run(kind: Kind, cells: &[Option<&str>]) -> (Series, Vec<bool>) {
        let df = df!("v" => cells).unwrap();
        let p = parse(kind, clean_text(col("v")), &DataType::String);
        let out = df
            .lazy()
            .select([p.value.alias("v"), p.bad.alias("bad")])
            .collect()
            .unwrap();
        let bad = out
            .column("bad")
            .unwrap()
            .bool()
            .unwrap()
            .iter()
            .map(|b| b.unwrap())
            .collect();
        (
            out.column("v").unwrap().as_materialized_series().clone(),
            bad,
        )
    }

    fn dates(cells: &[Option<&str>]) -> (Vec<Option<NaiveDate>>, Vec<bool>) {
        let (s, bad) = run(Kind::Date, cells);
        (s.date().unwrap().as_date_iter().collect(), bad)
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_every_form() {
        let (v, bad) = dates(&[
            Some("05.03.2024"),
            Some("2024-03-05"),
            Some("45356"),    // Excel serial of 2024-03-05
            Some("45356.75"), // with a time of day
            Some("5.3.2024"), // no leading zeros
            Some("05.03.2024 14:30"),
            Some("2024-03-05 14:30:00"),
            Some(""),
            None,
            Some("31.02.2024"), // no such day
            Some("вчера"),
        ]);
        assert_eq!(
            v,
            vec![
                d(2024, 3, 5),
                d(2024, 3, 5),
                d(2024, 3, 5),
                d(2024, 3, 5),
                d(2024, 3, 5),
                d(2024, 3, 5),
                d(2024, 3, 5),
                None,
                None,
                None,
                None
            ]
        );
        assert_eq!(
            bad,
            [false, false, false, false, false, false, false, false, false, true, true]
        );
    }

    #[test]
    fn datetimes_keep_the_time_of_day() {
        let (s, bad) = run(
            Kind::DateTime,
            &[
                Some("05.03.2024 14:30"),
                Some("45356.75"),
                Some("2024-03-05"),
                Some("2024-03-05T08:05:09"),
                Some("25:00"),
            ],
        );
        let v: Vec<Option<NaiveDateTime>> = s.datetime().unwrap().as_datetime_iter().collect();
        let at = |h, m, sec| {
            NaiveDate::from_ymd_opt(2024, 3, 5)
                .unwrap()
                .and_hms_opt(h, m, sec)
        };
        assert_eq!(
            v,
            vec![at(14, 30, 0), at(18, 0, 0), at(0, 0, 0), at(8, 5, 9), None]
        );
        assert_eq!(bad, [false, false, false, false, true]);
    }

    #[test]
    fn money_as_accounting_exports_write_it() {
        let (s, bad) = run(
            Kind::Money,
            &[
                Some("1 234,50"),
                Some("1\u{a0}234,50 ₽"),
                Some("1234.5 руб."),
                Some("1 234 567"),
                Some("1,234.56"),   // comma thousands, dot decimal
                Some("1.234,56"),   // dot thousands, comma decimal
                Some("12,345,678"), // several commas: thousands
                Some("0,5"),
                Some("-300"),
                Some("−300,00"), // Unicode minus
                Some("99.999"),  // one mark: decimal, rounded to the kopeck
                Some(""),
                Some("бесплатно"),
                Some("1,2,3.4.5"),
            ],
        );
        let v: Vec<Option<i64>> = s.i64().unwrap().iter().collect();
        assert_eq!(
            v,
            vec![
                Some(123_450),
                Some(123_450),
                Some(123_450),
                Some(123_456_700),
                Some(123_456),
                Some(123_456),
                Some(1_234_567_800),
                Some(50),
                Some(-30_000),
                Some(-30_000),
                Some(10_000),
                None,
                None,
                None
            ]
        );
        assert_eq!(
            bad,
            [
                false, false, false, false, false, false, false, false, false, false, false, false,
                true, true
            ]
        );
    }

    #[test]
    fn numbers_and_whole_numbers() {
        let (s, bad) = run(
            Kind::Number,
            &[Some("1,5"), Some("2"), Some("15%"), Some("x")],
        );
        assert_eq!(
            s.f64().unwrap().iter().collect::<Vec<_>>(),
            vec![Some(1.5), Some(2.0), Some(15.0), None]
        );
        assert_eq!(bad, [false, false, false, true]);
        let (s, bad) = run(
            Kind::Int,
            &[Some("123 456"), Some("15 000 км"), Some("12,5"), Some("")],
        );
        assert_eq!(
            s.i64().unwrap().iter().collect::<Vec<_>>(),
            vec![Some(123_456), Some(15_000), None, None]
        );
        assert_eq!(bad, [false, false, true, false]);
    }

    #[test]
    fn booleans_in_both_languages_and_empty_is_false() {
        let (s, bad) = run(
            Kind::Bool,
            &[
                Some("да"),
                Some("Нет"),
                Some("yes"),
                Some("no"),
                Some("1"),
                Some("0"),
                Some("TRUE"),
                Some("false"),
                Some("+"),
                Some("−"),
                Some("-"),
                None,
                Some("может быть"),
            ],
        );
        let v: Vec<Option<bool>> = s.bool().unwrap().iter().collect();
        let t = Some(true);
        let f = Some(false);
        assert_eq!(v, vec![t, f, t, f, t, f, t, f, t, f, f, f, f]);
        assert_eq!(bad.iter().filter(|b| **b).count(), 1);
        assert!(bad[12]);
    }

    #[test]
    fn enums_default_when_empty_and_reject_unknown_status() {
        let (s, bad) = run(
            Kind::Enum(EnumKind::Status),
            &[None, Some("Отменён"), Some("в работе")],
        );
        assert_eq!(
            s.str().unwrap().iter().collect::<Vec<_>>(),
            vec![Some("done"), Some("cancelled"), None]
        );
        assert_eq!(bad, [false, false, true]);
        let (s, bad) = run(Kind::Enum(EnumKind::Channel), &[None, Some("новый канал")]);
        assert_eq!(
            s.str().unwrap().iter().collect::<Vec<_>>(),
            vec![Some("other"), Some("other")]
        );
        assert_eq!(bad, [false, false]);
    }

    #[test]
    fn typed_parquet_columns_pass_through() {
        let df = df!("m" => [1234.5f64, 0.125]).unwrap();
        let p = parse(Kind::Money, col("m"), &DataType::Float64);
        let out = df.lazy().select([p.value]).collect().unwrap();
        assert_eq!(
            out.column("m")
                .unwrap()
                .i64()
                .unwrap()
                .iter()
                .collect::<Vec<_>>(),
            vec![Some(123_450), Some(13)]
        );
    }
}
