//! The Parquet types' reading on small frames, by hand.

use polars::prelude::*;

use super::types::{as_kind, check, clock, decimal, type_name, HALF_FLOAT, NESTED};
use super::types::{OTHER_TYPE, SMALL_UNSIGNED, TIME_SECONDS, UNKNOWN_ZONE, WIDE_DECIMAL};
use crate::schema::{EnumKind, Kind};

fn strings(c: &Column) -> Vec<Option<String>> {
    c.str()
        .unwrap()
        .iter()
        .map(|v| v.map(str::to_string))
        .collect()
}

fn s(t: &str) -> Option<String> {
    Some(t.to_string())
}

#[test]
fn integers_floats_and_decimals_in_a_text_column_are_their_digits() {
    let ints = Column::new("visit_id".into(), [Some(101i64), None, Some(-7)]);
    let (c, utc) = as_kind(&ints, Kind::Text).unwrap().into_parts();
    assert_eq!(strings(&c), [s("101"), None, s("-7")]);
    assert_eq!(utc, None);
    // A phone pandas stored as a float (a column with an empty cell), and NaN for empty.
    let floats = Column::new(
        "phone".into(),
        [Some(79161234567.0f64), Some(f64::NAN), None, Some(12.5)],
    );
    let (c, _) = as_kind(&floats, Kind::Text).unwrap().into_parts();
    assert_eq!(strings(&c), [s("79161234567"), None, None, s("12.5")]);
    let f32s = Column::new("manager".into(), [Some(7.0f32), Some(0.1)]);
    let (c, _) = as_kind(&f32s, Kind::Enum(EnumKind::Channel))
        .unwrap()
        .into_parts();
    assert_eq!(strings(&c), [s("7"), s("0.1")]);
    // 101.00 and 1000.50 as a decimal(12, 2): its integers 10100 and 100050.
    let decimals = Int128Chunked::from_vec("client_id".into(), vec![10100, 100050, -5])
        .into_decimal_unchecked(12, 2)
        .into_column();
    let (c, _) = as_kind(&decimals, Kind::Text).unwrap().into_parts();
    assert_eq!(strings(&c), [s("101"), s("1000.5"), s("-0.05")]);
}

#[test]
fn a_decimal_stays_a_decimal_for_money_and_is_a_float_for_numbers() {
    let decimals = Int128Chunked::from_vec("amount".into(), vec![100050])
        .into_decimal_unchecked(12, 2)
        .into_column();
    let (c, _) = as_kind(&decimals, Kind::Money).unwrap().into_parts();
    assert_eq!(c.dtype(), &DataType::Decimal(12, 2));
    let (c, _) = as_kind(&decimals, Kind::Number).unwrap().into_parts();
    assert_eq!(c.f64().unwrap().get(0), Some(1000.5));
}

#[test]
fn a_pandas_category_and_utf8_bytes_are_their_text() {
    let cats = Column::new("brand".into(), [Some("Kia"), None, Some("Лада")])
        .cast(&DataType::from_categories(Categories::global()))
        .unwrap();
    let (c, _) = as_kind(&cats, Kind::Text).unwrap().into_parts();
    assert_eq!(strings(&c), [s("Kia"), None, s("Лада")]);
    let bytes = Column::new(
        "brand".into(),
        [Some("Kia".as_bytes()), Some("Лада".as_bytes())],
    );
    let (c, _) = as_kind(&bytes, Kind::Text).unwrap().into_parts();
    assert_eq!(strings(&c), [s("Kia"), s("Лада")]);
    // Bytes that are no text: the first such row named as the user counts (header row 1).
    let bad = Column::new("brand".into(), [Some(&b"Kia"[..]), Some(&b"\xff"[..])]);
    let problem = as_kind(&bad, Kind::Text).err().unwrap();
    assert!(problem.message("Марка").contains("row 3"));
}

/// Milliseconds of 2026-`month`-`day` `h`:`m` (UTC), as a time stamp holds them.
fn ms(month: u32, day: u32, h: u32, m: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(2026, month, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis()
}

fn zoned(zone: &str, instants: Vec<i64>) -> Column {
    let tz = TimeZone::opt_try_new(Some(zone)).unwrap();
    Int64Chunked::from_vec("opened_at".into(), instants)
        .into_datetime(TimeUnit::Milliseconds, tz)
        .into_column()
}

fn wall(c: &Column) -> Vec<i64> {
    c.datetime().unwrap().physical().iter().flatten().collect()
}

#[test]
fn a_time_stamp_with_a_zone_is_the_wall_time_of_its_zone() {
    // 30 September 21:30 UTC is 1 October 00:30 in Moscow (UTC+3 all year).
    let moscow = zoned("Europe/Moscow", vec![ms(9, 30, 21, 30), ms(9, 15, 7, 0)]);
    let (c, utc) = as_kind(&moscow, Kind::DateTime).unwrap().into_parts();
    assert_eq!(c.dtype(), &DataType::Datetime(TimeUnit::Milliseconds, None));
    assert_eq!(wall(&c), [ms(10, 1, 0, 30), ms(9, 15, 10, 0)]);
    assert_eq!(utc, None);
    // A fixed offset, as Postgres' timestamptz comes through psycopg.
    let plus3 = zoned("+03:00", vec![ms(9, 30, 21, 30)]);
    let (c, _) = as_kind(&plus3, Kind::Date).unwrap().into_parts();
    assert_eq!(wall(&c), [ms(10, 1, 0, 30)]);
    // UTC: the instant's UTC clock, counted for the warning.
    let utc_times = zoned("UTC", vec![ms(9, 30, 21, 30), ms(9, 15, 7, 0)]);
    let (c, utc) = as_kind(&utc_times, Kind::DateTime).unwrap().into_parts();
    assert_eq!(wall(&c), [ms(9, 30, 21, 30), ms(9, 15, 7, 0)]);
    assert_eq!(utc, Some(2));
    // Dates stored as UTC midnight are the right days: no time of day, no warning.
    let midnights = zoned("UTC", vec![ms(9, 30, 0, 0), ms(9, 15, 0, 0)]);
    let (c, utc) = as_kind(&midnights, Kind::Date).unwrap().into_parts();
    assert_eq!(wall(&c), [ms(9, 30, 0, 0), ms(9, 15, 0, 0)]);
    assert_eq!(utc, None);
}

#[test]
fn a_duration_is_a_clock_and_a_date_time_gives_a_time_its_time_of_day() {
    assert_eq!(clock(37_800_000), "10:30:00");
    assert_eq!(clock(-1_800_000), "-0:30:00");
    assert_eq!(clock(90_000_500), "25:00:00.500");
    let seconds = Int64Chunked::from_vec("opened_time".into(), vec![37_800])
        .into_duration(TimeUnit::Milliseconds)
        .into_column();
    // 37 800 ms is 0:00:37.800.
    let (c, _) = as_kind(&seconds, Kind::Time).unwrap().into_parts();
    assert_eq!(strings(&c), [s("0:00:37.800")]);
    let access = Int64Chunked::from_vec("opened_time".into(), vec![ms(9, 15, 10, 30)])
        .into_datetime(TimeUnit::Milliseconds, None)
        .into_column();
    let (c, _) = as_kind(&access, Kind::Time).unwrap().into_parts();
    assert_eq!(c.dtype(), &DataType::Time);
    // 10:30 in nanoseconds since midnight.
    assert_eq!(
        c.as_materialized_series().time().unwrap().physical().get(0),
        Some(37_800 * 1_000_000_000)
    );
}

#[test]
fn decimals_are_written_without_trailing_zeros() {
    assert_eq!(decimal(100050, 2), "1000.5");
    assert_eq!(decimal(10100, 2), "101");
    assert_eq!(decimal(-5, 2), "-0.05");
    assert_eq!(decimal(0, 3), "0");
    assert_eq!(decimal(7, 0), "7");
    assert_eq!(decimal(1234, 1), "123.4");
}

#[test]
fn types_stoa_does_not_read_are_named_with_their_cure() {
    use ArrowDataType as A;
    let item = || Box::new(ArrowField::new("item".into(), A::Utf8View, true));
    let wrong = [
        (A::UInt8, SMALL_UNSIGNED, "uint8"),
        (A::UInt16, SMALL_UNSIGNED, "uint16"),
        (A::Float16, HALF_FLOAT, "float16"),
        (A::Decimal256(40, 2), WIDE_DECIMAL, "decimal256(40, 2)"),
        (
            A::Timestamp(ArrowTimeUnit::Millisecond, Some("+05:30".into())),
            UNKNOWN_ZONE,
            "timestamp[ms, tz=+05:30]",
        ),
        (A::LargeList(item()), NESTED, "list<string>"),
        (A::Struct(vec![]), NESTED, "struct"),
        // polars 0.55 reads pyarrow's time32[s] (stored in milliseconds) as all empty.
        (A::Time32(ArrowTimeUnit::Second), TIME_SECONDS, "time32[s]"),
    ];
    for (dtype, cure, name) in wrong {
        assert_eq!(check(&dtype, true), Err(cure), "{dtype:?}");
        assert_eq!(type_name(&dtype), name);
    }
    for dtype in [
        A::UInt64,
        A::LargeUtf8,
        A::Decimal(12, 2),
        A::Decimal256(38, 2),
        A::Time64(ArrowTimeUnit::Microsecond),
        A::Time32(ArrowTimeUnit::Millisecond),
        A::Duration(ArrowTimeUnit::Second),
        A::Timestamp(ArrowTimeUnit::Millisecond, Some("Europe/Moscow".into())),
        A::Timestamp(ArrowTimeUnit::Millisecond, Some("+03:00".into())),
        A::BinaryView,
    ] {
        assert_eq!(check(&dtype, true), Ok(()), "{dtype:?}");
    }
    // Bytes are read only where the column is: elsewhere polars would take them for text.
    assert_eq!(check(&A::BinaryView, false), Err(OTHER_TYPE));
}
