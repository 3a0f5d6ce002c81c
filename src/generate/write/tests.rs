//! The generator's file writer: headers and values as exports show them, and files
//! that read back as written.

use super::*;
use crate::schema::fold;

#[test]
fn every_russian_header_is_a_synonym_of_its_column() {
    for table in Table::ALL {
        for c in table.columns() {
            let h = fold(russian_header(table, c.name));
            assert!(
                c.synonyms.iter().any(|s| fold(s) == h) || fold(c.name) == h,
                "{table}.{}: header {h:?} is not among {:?}",
                c.name,
                c.synonyms
            );
            // And no other column of the table claims it.
            for other in table.columns().iter().filter(|o| o.name != c.name) {
                assert!(
                    !other.synonyms.iter().any(|s| fold(s) == h),
                    "{table}: {h:?} also names {}",
                    other.name
                );
            }
        }
    }
}

#[test]
fn every_russian_word_is_read_back_as_its_canonical_value() {
    use crate::ingest::normalize::{canonical, canonical_values};
    for kind in [
        EnumKind::Channel,
        EnumKind::Status,
        EnumKind::Category,
        EnumKind::LineKind,
        EnumKind::ClientKind,
    ] {
        let (canon, words): (Vec<&str>, Vec<&str>) = russian_values(kind).iter().copied().unzip();
        let mut all = canonical_values(kind);
        all.sort();
        all.dedup();
        let mut ours = canon.clone();
        ours.sort();
        assert_eq!(
            ours, all,
            "{kind:?}: every canonical value has a Russian word"
        );
        let df = df!("w" => words).unwrap();
        let back = df
            .lazy()
            .select([canonical(kind, col("w")).alias("c")])
            .collect()
            .unwrap();
        let back: Vec<_> = back
            .column("c")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.unwrap_or(""))
            .collect();
        assert_eq!(back, canon, "{kind:?}");
    }
}

#[test]
fn presentation_in_russian_uses_export_words_and_roubles() {
    let df = df!(
        "visit_id" => ["ЗН-000001"],
        "service_code" => [Some("MNT-01")],
        "description" => ["Замена масла двигателя"],
        "category" => ["maintenance"],
        "kind" => ["labor"],
        "qty" => [1.0],
        "unit_price" => [120_050i64],
        "discount" => [0i64],
        "amount" => [120_050i64],
        "norm_hours" => [Some(0.5)],
        "mechanic" => [Some("Петров А. С.")],
        "warranty" => [false],
        "cost" => [48_000i64],
        "declined" => [true],
    )
    .unwrap();
    let out = present(df, Table::OrderLines, Lang::Ru).unwrap();
    let s = |h: &str| out.column(h).unwrap().as_materialized_series().clone();
    assert_eq!(s("Категория").str().unwrap().get(0), Some("ТО"));
    assert_eq!(s("Тип").str().unwrap().get(0), Some("работа"));
    assert_eq!(s("Отказ").str().unwrap().get(0), Some("да"));
    assert_eq!(s("Гарантия").str().unwrap().get(0), Some("нет"));
    // 120 050 kopecks = 1200.50 roubles.
    assert_eq!(s("Сумма").f64().unwrap().get(0), Some(1200.5));
}

#[test]
fn a_batch_of_other_dtypes_is_refused_not_written_as_bits() {
    // The generator's scores are whole (Int64); the typed model's are Float64. Written
    // into a Parquet file made for Int64, 4.5 would be stored as 4616189618054758400.
    let dir = tempfile::tempdir().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let mut sink = Sink::create(
        dir.path(),
        Table::Feedback,
        Format::Parquet,
        Lang::En,
        "",
        day,
    )
    .unwrap();
    let model = df!(
        "visit_id" => ["V1"],
        "score" => [4.5f64],
        "comment" => [None::<&str>]
    )
    .unwrap();
    let err = sink.write(model.clone()).unwrap_err().to_string();
    assert!(err.contains("does not match"), "{err}");
    // Made like the model's frame, the sink takes it.
    let mut sink = Sink::create_like(
        dir.path(),
        Table::Feedback,
        Format::Parquet,
        Lang::En,
        "",
        day,
        model.clear(),
    )
    .unwrap();
    sink.write(model).unwrap();
    let path = sink.finish().unwrap();
    let back = ParquetReader::new(std::fs::File::open(path).unwrap())
        .finish()
        .unwrap();
    assert_eq!(
        back.column("score").unwrap().f64().unwrap().get(0),
        Some(4.5)
    );
}

#[test]
fn presentation_in_english_keeps_canonical_values() {
    let df = df!("client_id" => ["CL-1"], "name" => ["Ivanov"], "kind" => ["company"], "phone" => ["+7"],
        "email" => [None::<&str>], "birthday" => [None::<i32>], "consent" => [true], "bought_here" => [false],
        "registered_at" => [Some(0i32)])
    .unwrap();
    let out = present(df, Table::Clients, Lang::En).unwrap();
    assert_eq!(
        out.column("kind").unwrap().str().unwrap().get(0),
        Some("company")
    );
    assert_eq!(
        out.column("consent").unwrap().bool().unwrap().get(0),
        Some(true)
    );
}
