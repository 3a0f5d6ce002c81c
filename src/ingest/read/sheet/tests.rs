//! The sheet reader on sheets built in memory: number cells read as numbers and as text
//! validate alike.

use super::*;

/// Validation of a sheet, with the number cells taken as numbers and from their text.
/// The accepted rows and the rejects of both readings are equal.
fn assert_same(typed: &(DataFrame, DataFrame), text: &(DataFrame, DataFrame)) {
    assert!(
        typed.0.equals_missing(&text.0),
        "{:?}\nvs\n{:?}",
        typed.0,
        text.0
    );
    assert!(
        typed.1.equals_missing(&text.1),
        "{:?}\nvs\n{:?}",
        typed.1,
        text.1
    );
}

fn both_ways(table: Table, cells: &[Vec<Data>]) -> [(DataFrame, DataFrame); 2] {
    use crate::ingest::validate::{validate, Context};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::String(s) => ws.write(r, c, s.as_str()).map(|_| ()),
                Data::Float(f) => ws.write(r, c, *f).map(|_| ()),
                Data::Bool(b) => ws.write(r, c, *b).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    wb.save(&path).unwrap();
    let syn = Synonyms::new(table, &crate::config::Config::default());
    let source = Source { path, sheet: None };
    let (raw, sheet) = read(&source, &syn, Content::Zip).unwrap();
    let run = |raw: &RawTable| {
        let v = validate(
            table,
            raw.clone(),
            "t.xlsx",
            sheet.as_deref(),
            &Context::default(),
        )
        .unwrap();
        (v.accepted, v.rejects)
    };
    let typed = run(&raw);
    let numbers = raw.numbers.len();
    let raw = RawTable {
        numbers: Vec::new(),
        ..raw
    };
    let text = run(&raw);
    assert!(numbers > 0, "some columns are read as numbers");
    [typed, text]
}

#[test]
fn number_cells_validate_as_their_text_does() {
    let s = |t: &str| Data::String(t.into());
    let f = Data::Float;
    let header = [
        "visit_id",
        "description",
        "qty",
        "unit_price",
        "discount",
        "amount",
        "norm_hours",
        "cost",
    ];
    let mut cells = vec![header.iter().map(|h| s(h)).collect::<Vec<_>>()];
    let edge = [
        0.0,
        -0.0,
        1.0,
        -1.0,
        12.5,
        -12.5,
        0.1,
        1e-7,
        0.005,
        1234.565,
        1e14,
        1e15 - 1.0,
        1e15,
        1e15 + 2.0,
        1e20,
        1.5e300,
        123_456.789_012_345,
        -7.25,
        2.0_f64.sqrt(),
    ];
    for (i, x) in edge.iter().enumerate() {
        let v: Vec<Data> = (0..6)
            .map(|k| f(x * [1.0, -1.0, 3.0, 0.5, 1.0, 7.0][k]))
            .collect();
        let mut row = vec![s(&format!("V{i}")), s("work")];
        row.extend(v);
        cells.push(row);
    }
    // Empty and blank cells among the numbers; a column with text stays text.
    cells.push(vec![
        s("E1"),
        Data::Empty,
        s("  "),
        f(1.0),
        f(2.0),
        Data::Empty,
        f(3.0),
    ]);
    cells.push(vec![
        s("E2"),
        f(2.0),
        f(3.0),
        f(4.0),
        f(5.0),
        f(6.0),
        s("7,50"),
    ]);
    let [typed, text] = both_ways(Table::OrderLines, &cells);
    assert_same(&typed, &text);
    assert!(
        typed.1.height() > 0,
        "negative values are rejected, with their text"
    );

    // Whole numbers (odometer) with fractions and negatives among them.
    let mut cells = vec![vec![
        s("visit_id"),
        s("opened_at"),
        s("client_id"),
        s("brand"),
        s("odometer_km"),
    ]];
    for (i, x) in [15_000.0, 15_000.5, -3.0, 0.0, -0.0, 9.1e15, 1e300, 2.0]
        .iter()
        .enumerate()
    {
        cells.push(vec![
            s(&format!("V{i}")),
            s("03.11.2025"),
            s("C1"),
            s("Lada"),
            f(*x),
        ]);
    }
    let [typed, text] = both_ways(Table::Visits, &cells);
    assert_same(&typed, &text);
    assert!(typed.1.height() >= 3);
}
