//! The distinct-cell path of cell parsing against the plan over every cell: the same
//! values cell for cell, on repeated cells, mostly distinct ones, short, long and chunked
//! text, and typed Parquet columns.

use super::*;

/// The distinct-cell path gives the plan's values cell for cell, on repeated clean
/// cells with a few dirty ones, and gives up on columns of mostly distinct cells.
#[test]
fn parsing_by_distinct_cells_matches_the_plan() {
    let cases: [(Kind, &[Option<&str>]); 5] = [
        (
            Kind::Money,
            &[
                Some("1 234,50"),
                Some("0,29"),
                None,
                Some("1234.56"),
                Some("0.07"),
                Some("бесплатно"),
                Some("1 234,50"),
                Some("−300,00"),
            ],
        ),
        (
            Kind::DateTime,
            &[
                Some("05.03.2024 14:30"),
                Some("45356.75"),
                Some("вчера"),
                None,
                Some("05.03.2024 14:30"),
            ],
        ),
        (
            Kind::Bool,
            &[
                Some("да"),
                Some("нет"),
                Some("может быть"),
                None,
                Some("да"),
            ],
        ),
        (
            Kind::Enum(EnumKind::Status),
            &[Some("Отменён"), None, Some("в работе"), Some("Отменён")],
        ),
        (
            Kind::Int,
            &[Some("15 000 км"), Some("12,5"), None, Some("15 000 км")],
        ),
    ];
    for (kind, cells) in cases {
        let cells: Vec<Option<&str>> = cells
            .iter()
            .cycle()
            .take(cells.len() * 1000)
            .copied()
            .collect();
        let df = df!("raw" => &cells).unwrap();
        let p = plan(kind, "raw", "v", &DataType::String, &Currency::Rub);
        let lf = match p.prepare {
            Some(e) => df.clone().lazy().with_column(e),
            None => df.clone().lazy(),
        };
        let direct = lf.with_column(p.value).collect().unwrap();
        let by_distinct = parse_distinct(kind, df.column("raw").unwrap(), "v", &Currency::Rub)
            .unwrap()
            .expect("repeated cells take the distinct path");
        let direct = direct.column("v").unwrap().as_materialized_series();
        assert!(
            by_distinct.as_materialized_series().equals_missing(direct),
            "{kind:?}: {by_distinct:?} vs {direct:?}"
        );
        assert_eq!(direct.null_count(), by_distinct.null_count());
    }
    let distinct: Vec<String> = (0..100_000).map(|i| format!("{i},5")).collect();
    let df = df!("raw" => &distinct).unwrap();
    assert!(
        parse_distinct(Kind::Money, df.column("raw").unwrap(), "v", &Currency::Rub)
            .unwrap()
            .is_none()
    );
}

#[test]
fn mostly_distinct_numbers_are_read_as_the_plan_reads_them() {
    // Every cell distinct (a chain's costs, odometer readings): each is read by the strict
    // pass or, where it is not of the strict form, by the plan, and the column is the one
    // the plan gives over every cell.
    let odd = [
        "бесплатно",
        "1,234.56",
        "1.234,56",
        "−300,00",
        "15 000 км",
        "99.999",
        "1e3",
        "",
        "12,5 руб.",
        "9999999999999999",
    ];
    let cells: Vec<Option<String>> = (0..20_000)
        .map(|i| match i % 7 {
            0 => None,
            1 => Some(odd[(i / 7) % odd.len()].to_string()),
            2 => Some(format!("{},{:02}", i, i % 100)),
            3 => Some(format!("-{}.{}", i, i % 10)),
            4 => Some(format!("{} {:03},5", i / 1000, i % 1000)),
            _ => Some(format!("{i}")),
        })
        .collect();
    for kind in [Kind::Money, Kind::Number, Kind::Int] {
        let df = df!("raw" => &cells)
            .unwrap()
            .lazy()
            .with_column(clean_text(col("raw")))
            .collect()
            .unwrap();
        let p = plan(kind, "raw", "v", &DataType::String, &Currency::Rub);
        let lf = match p.prepare {
            Some(e) => df.clone().lazy().with_column(e),
            None => df.clone().lazy(),
        };
        let direct = lf.with_column(p.value).collect().unwrap();
        let direct = direct.column("v").unwrap().as_materialized_series();
        let read = parse_numbers(kind, df.column("raw").unwrap(), "v", &Currency::Rub).unwrap();
        assert_eq!(read.dtype(), direct.dtype(), "{kind:?}");
        assert!(
            read.as_materialized_series().equals_missing(direct),
            "{kind:?}: {read:?} vs {direct:?}"
        );
    }
}

#[test]
fn typed_parquet_columns_pass_through() {
    let df = df!("raw" => [1234.5f64, 0.125]).unwrap();
    let out = apply(
        df.lazy(),
        plan(Kind::Money, "raw", "m", &DataType::Float64, &Currency::Rub),
    )
    .collect()
    .unwrap();
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

#[test]
fn distinct_parsing_of_short_long_and_chunked_text() {
    // Texts of 12 bytes and less are keyed by their view, longer ones by value; the
    // column comes in two chunks, as a CSV body read by several threads does.
    let a = [
        Some("1 234,50"),
        Some("123 456 789,5"),
        None,
        Some("12 345 678,5"),
        Some("мусор"),
        Some("очень длинный мусор"),
    ];
    let b = [
        Some("12 345 678,5"),
        None,
        Some("123 456 789,5"),
        Some("1 234,50"),
    ];
    let mut s = Series::new("raw".into(), a.repeat(20));
    s.append(&Series::new("raw".into(), b.repeat(20))).unwrap();
    assert_eq!(s.n_chunks(), 2);
    let df = DataFrame::new(s.len(), vec![s.into_column()]).unwrap();
    let (direct, by_distinct) = money_by_plan_and_by_distinct(&df);
    assert!(by_distinct.equals_missing(&direct));
    // Empty cells and the two unreadable texts.
    assert_eq!(direct.null_count(), 80);
}

#[test]
fn long_texts_alike_in_length_and_prefix_keep_their_own_values() {
    // Twelve long texts of one length and one prefix, in turn, more than the recent long
    // texts kept: each must be told from the others by its bytes.
    let texts: Vec<String> = (0..12).map(|i| format!("1 000 000 {i:03},5")).collect();
    let cells: Vec<Option<&str>> = (0..120).map(|k| Some(texts[k % 12].as_str())).collect();
    let df = df!("raw" => cells).unwrap();
    let (direct, by_distinct) = money_by_plan_and_by_distinct(&df);
    assert!(by_distinct.equals_missing(&direct));
    let v = by_distinct.i64().unwrap();
    assert_eq!(
        (v.get(0), v.get(13)),
        (Some(100_000_000_050), Some(100_000_000_150))
    );
}

/// The money column `raw` of `df` parsed by the plan over every cell and by its distinct
/// cells (which must take that path: the cells repeat).
fn money_by_plan_and_by_distinct(df: &DataFrame) -> (Series, Series) {
    let p = plan(Kind::Money, "raw", "v", &DataType::String, &Currency::Rub);
    let direct = df
        .clone()
        .lazy()
        .with_column(p.prepare.unwrap())
        .with_column(p.value)
        .collect()
        .unwrap();
    let by_distinct = parse_distinct(Kind::Money, df.column("raw").unwrap(), "v", &Currency::Rub)
        .unwrap()
        .expect("repeated cells take the distinct path");
    (
        direct.column("v").unwrap().as_materialized_series().clone(),
        by_distinct.as_materialized_series().clone(),
    )
}
