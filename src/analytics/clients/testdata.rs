//! Small hand-made models for the unit tests of the client lists: rows written as tuples
//! so that each test states its data next to the arithmetic it checks.

use polars::prelude::*;

use crate::analytics::management::testdata::{ms, typed};
use crate::analytics::period::{Month, Period};
use crate::model::Model;
use crate::schema::Table;

/// A visit: id, date (`YYYY-MM-DD`), client, vehicle, brand, odometer.
pub type V<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, Option<i64>);
/// A line: visit, service code, description, amount in kopecks, declined.
pub type L<'a> = (&'a str, Option<&'a str>, &'a str, i64, bool);
/// A client: id, name, consent, bought_here, birthday (`YYYY-MM-DD`).
pub type C<'a> = (&'a str, &'a str, bool, bool, Option<&'a str>);

/// The period of a report month.
pub fn period(year: i32, month: u32) -> Period {
    Period::new(Month::new(year, month).expect("valid month"))
}

/// A model from tuples; all visits are done, `LADA` is the one domestic brand, every visit
/// opens at 10:00 and the price list is `(code, description, interval_months, interval_km)`.
pub fn model(
    visits: &[V],
    lines: &[L],
    clients: &[C],
    prices: &[(&str, &str, Option<i64>, Option<i64>)],
) -> Model {
    let v = df!(
        "visit_id" => visits.iter().map(|v| v.0).collect::<Vec<_>>(),
        "opened_at" => visits.iter().map(|v| ms(&format!("{} 10:00", v.1))).collect::<Vec<_>>(),
        "client_id" => visits.iter().map(|v| v.2).collect::<Vec<_>>(),
        "vehicle" => visits.iter().map(|v| v.3).collect::<Vec<_>>(),
        "brand" => visits.iter().map(|v| v.4).collect::<Vec<_>>(),
        "domestic" => visits.iter().map(|v| v.4 == "LADA").collect::<Vec<_>>(),
        "plate" => visits.iter().map(|v| format!("P-{}", v.3)).collect::<Vec<_>>(),
        "odometer_km" => visits.iter().map(|v| v.5).collect::<Vec<_>>(),
        "status" => visits.iter().map(|_| "done").collect::<Vec<_>>(),
    )
    .expect("valid frame");
    let l = df!(
        "visit_id" => lines.iter().map(|l| l.0).collect::<Vec<_>>(),
        "service_code" => lines.iter().map(|l| l.1).collect::<Vec<_>>(),
        "description" => lines.iter().map(|l| l.2).collect::<Vec<_>>(),
        "amount" => lines.iter().map(|l| l.3).collect::<Vec<_>>(),
        "declined" => lines.iter().map(|l| l.4).collect::<Vec<_>>(),
    )
    .expect("valid frame");
    let days = |s: &str| {
        crate::analytics::period::to_days(
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test dates are valid"),
        )
    };
    let c = df!(
        "client_id" => clients.iter().map(|c| c.0).collect::<Vec<_>>(),
        "name" => clients.iter().map(|c| c.1).collect::<Vec<_>>(),
        "phone" => clients.iter().map(|c| format!("+7 {}", c.0)).collect::<Vec<_>>(),
        "consent" => clients.iter().map(|c| c.2).collect::<Vec<_>>(),
        "bought_here" => clients.iter().map(|c| c.3).collect::<Vec<_>>(),
        "birthday" => clients.iter().map(|c| c.4.map(days)).collect::<Vec<_>>(),
    )
    .expect("valid frame");
    let p = df!(
        "service_code" => prices.iter().map(|p| p.0).collect::<Vec<_>>(),
        "description" => prices.iter().map(|p| p.1).collect::<Vec<_>>(),
        "price" => prices.iter().map(|_| 100_000i64).collect::<Vec<_>>(),
        "interval_months" => prices.iter().map(|p| p.2).collect::<Vec<_>>(),
        "interval_km" => prices.iter().map(|p| p.3).collect::<Vec<_>>(),
    )
    .expect("valid frame");
    Model::empty()
        .with(Table::Visits, typed(Table::Visits, v))
        .with(Table::OrderLines, typed(Table::OrderLines, l))
        .with(Table::Clients, typed(Table::Clients, c))
        .with(Table::PriceList, typed(Table::PriceList, p))
}

/// A frame as CSV text (header and rows), the way the report writes it.
pub fn csv(df: &DataFrame) -> String {
    let mut buf = Vec::new();
    CsvWriter::new(&mut buf)
        .include_header(true)
        .with_date_format(Some("%Y-%m-%d".into()))
        .with_float_scientific(Some(false))
        .finish(&mut df.clone())
        .expect("writable");
    String::from_utf8(buf).expect("utf-8")
}
