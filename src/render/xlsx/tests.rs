//! The workbook's own tests: the Summary's KPI rows, sheet names, and tables over several sheets.

use super::*;
use issues::wrapped_height;
use polars::prelude::*;

#[test]
fn changes_are_relative_for_amounts_and_points_for_rates() {
    // 1 200 after 1 000: +20 %; 0.30 after 0.25: +5 pp.
    assert_eq!(
        change(ColumnKind::Money, Some(1200.0), Some(1000.0)),
        Some(Change::Relative(1200.0 / 1000.0 - 1.0))
    );
    assert_eq!(
        change(ColumnKind::Rate, Some(0.30), Some(0.25)),
        Some(Change::Points((0.30 - 0.25) * 100.0))
    );
    assert_eq!(change(ColumnKind::Integer, Some(3.0), Some(0.0)), None);
    assert_eq!(change(ColumnKind::Integer, None, Some(2.0)), None);
}

#[test]
fn regression_a_change_that_rounds_to_zero_is_written_as_zero() {
    // A rate from 0.300004 to 0.3: +0.0004 pp; from 0.299996: −0.0004 pp, which the
    // workbook's `-0.0" pp"` section showed as `-0.0 pp`. Both are written as 0; a change
    // past the rounding keeps its value.
    let scales = [None, None, None];
    let values = [Some(0.299996), Some(0.3), Some(0.299)];
    let [prev, year] = kpi_changes("comeback_rate", ColumnKind::Rate, &values, &scales);
    assert!(matches!(prev, Some(Change::Points(x)) if x.to_bits() == 0.0f64.to_bits()));
    assert!(matches!(year, Some(Change::Points(x)) if (x - 0.0996).abs() < 1e-9));
    // Revenue 1 000 000 against 1 000 300: −0.03 %, shown `0.0%`.
    let values = [Some(1_000_000.0), Some(1_000_300.0), None];
    let [prev, _] = kpi_changes("revenue", ColumnKind::Money, &values, &scales);
    assert!(matches!(prev, Some(Change::Relative(x)) if x.to_bits() == 0.0f64.to_bits()));
}

#[test]
fn regression_a_mean_feedback_score_has_no_change_against_a_month_of_another_scale() {
    // M on 1–5 (4.5), M−1 on 0–10 (8.2), M−12 on 1–5 (4.0): no change against M−1,
    // 4.5 / 4.0 − 1 = +12.5 % against M−12; other metrics are compared as ever.
    let feedback = df!(
        "month" => ["2025-03", "2026-02", "2026-03"],
        "scale" => [Some("1-5"), Some("0-10"), Some("1-5")]
    )
    .unwrap();
    let months = ["2026-03", "2026-02", "2025-03"].map(String::from);
    let scales = feedback_scales(Some(&feedback), &months).unwrap();
    assert_eq!(
        scales,
        [Some("1-5".into()), Some("0-10".into()), Some("1-5".into())]
    );
    let scales = [0, 1, 2].map(|i| scales[i].as_deref());
    let values = [Some(4.5), Some(8.2), Some(4.0)];
    assert_eq!(
        kpi_changes("feedback_mean", ColumnKind::Number, &values, &scales),
        [None, Some(Change::Relative(4.5 / 4.0 - 1.0))]
    );
    assert_eq!(
        kpi_changes("aro", ColumnKind::Money, &values, &scales)[0],
        Some(Change::Relative(4.5 / 8.2 - 1.0))
    );
    // Without the table, or a month without scores, the change stands.
    assert_eq!(feedback_scales(None, &months).unwrap(), [None, None, None]);
    let unknown = [Some("1-5"), None, Some("1-5")];
    assert!(kpi_changes("feedback_mean", ColumnKind::Number, &values, &unknown)[0].is_some());
}

#[test]
fn the_kpi_table_pivots_to_m_m1_m12() {
    let kpi = df!(
        "metric" => ["aro", "aro", "aro", "visits", "visits", "visits"],
        "month" => ["2025-03", "2026-02", "2026-03", "2025-03", "2026-02", "2026-03"],
        "value" => [None, Some(900.0), Some(1000.0), Some(1.0), Some(2.0), Some(3.0)]
    )
    .unwrap();
    let months = ["2026-03", "2026-02", "2025-03"].map(String::from);
    let rows = kpi_rows(&kpi, &months).unwrap();
    // In the order of SPEC §5.1: visits before aro.
    assert_eq!(
        rows[1],
        ("aro".to_string(), [Some(1000.0), Some(900.0), None])
    );
    assert_eq!(
        rows[0],
        ("visits".to_string(), [Some(3.0), Some(2.0), Some(1.0)])
    );
}

/// Every sheet of a saved workbook: (name, its XML with each shared-string cell's
/// index replaced by its text, as `>text<`).
fn sheets_of_workbook(path: &Path) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = ::zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut xml = String::new();
        if let Ok(mut file) = zip.by_name(name) {
            file.read_to_string(&mut xml).unwrap();
        }
        xml
    };
    // Each `<si>` in order, its text between `<t …>` and `</t>`.
    let shared: Vec<String> = read("xl/sharedStrings.xml")
        .split("<si>")
        .skip(1)
        .map(|si| {
            let text = &si[si.find("<t").unwrap()..];
            text[text.find('>').unwrap() + 1..text.find("</t>").unwrap()].to_string()
        })
        .collect();
    let book = read("xl/workbook.xml");
    book.split("<sheet name=\"")
        .skip(1)
        .enumerate()
        .map(|(i, rest)| {
            let name = rest[..rest.find('"').unwrap()].to_string();
            let mut xml = read(&format!("xl/worksheets/sheet{}.xml", i + 1));
            for cell in xml.clone().split("t=\"s\"><v>").skip(1) {
                let index: usize = cell[..cell.find('<').unwrap()].parse().unwrap();
                xml.push_str(&format!(">{}<", shared[index]));
            }
            (name, xml)
        })
        .collect()
}

#[test]
fn regression_a_table_past_excels_rows_goes_on_over_numbered_sheets() {
    // A chain of 1.4 M clients failed its whole report: one list had more rows than
    // an Excel sheet holds. Here a sheet holds two rows.
    let list = df!("client_id" => ["c1", "c2", "c3", "c4", "c5"]).unwrap();
    let tables = vec![("winback".to_string(), list)];
    let rejects = df!(
        "table" => ["visits", "visits", "visits"],
        "file" => ["v.csv", "v.csv", "v.csv"],
        "sheet" => [None::<&str>, None, None],
        "row" => [2i64, 3, 4],
        "column" => ["date", "date", "date"],
        "value" => ["x", "y", "z"],
        "reason" => ["not a date", "not a date", "not a date"]
    )
    .unwrap();
    let warnings = [crate::ingest::Warning {
        table: "visits".into(),
        rows: 3,
        message: "three bad dates".into(),
    }];
    let input = RenderInput {
        tables: &tables,
        rejects: &rejects,
        warnings: &warnings,
        period: crate::analytics::period::Period::new(
            crate::analytics::period::Month::new(2026, 10).unwrap(),
        ),
        station: "Chain",
        currency: "RUB",
        settings: Default::default(),
        lang: Lang::En,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    // The rejects' sheets leave four rows to the warnings (blank, title, header, one).
    build_in_sheets(&path, &input, 7).unwrap().save().unwrap();
    let at_two = dir.path().join("two.xlsx");
    build_in_sheets(&at_two, &input, 2).unwrap().save().unwrap();

    let sheets = sheets_of_workbook(&at_two);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    let winback = i18n::sheet(Lang::En, "winback");
    let issues = i18n::sheet(Lang::En, "data_issues");
    let cont = |base: &str, k: usize| format!("{base} ({k})");
    assert!(names.contains(&winback.as_str()), "{names:?}");
    assert!(names.contains(&cont(&winback, 2).as_str()), "{names:?}");
    assert!(names.contains(&cont(&winback, 3).as_str()), "{names:?}");
    assert!(!names.contains(&cont(&winback, 4).as_str()), "{names:?}");
    let xml = |name: &str| &sheets.iter().find(|(n, _)| n == name).unwrap().1;
    // Every client is on exactly one sheet, in order, each titled with its rows.
    let on = |name: &str| {
        ["c1", "c2", "c3", "c4", "c5"]
            .into_iter()
            .filter(|c| xml(name).contains(&format!(">{c}<")))
            .collect::<Vec<_>>()
    };
    assert_eq!(on(&winback), ["c1", "c2"]);
    assert_eq!(on(&cont(&winback, 2)), ["c3", "c4"]);
    assert_eq!(on(&cont(&winback, 3)), ["c5"]);
    assert!(xml(&winback).contains("rows 1–2 of 5"));
    assert!(xml(&cont(&winback, 3)).contains("rows 5–5 of 5"));
    // With room for the warnings at seven rows a sheet, the three rejects take one
    // sheet, whose title names no rows, and the warnings follow them.
    let whole = sheets_of_workbook(&path);
    let issues_xml = &whole.iter().find(|(n, _)| *n == issues).unwrap().1;
    assert!(!issues_xml.contains("of 3"));
    assert!(issues_xml.contains("three bad dates"));
    assert_eq!(
        whole.iter().filter(|(n, _)| n.starts_with(&issues)).count(),
        1
    );
    // At two rows a sheet (none left beside the warnings' four), each reject has a
    // sheet of its own, and the warnings are on the last.
    assert!(xml(&issues).contains(">x<"));
    assert!(xml(&cont(&issues, 3)).contains(">z<"));
    assert!(xml(&cont(&issues, 3)).contains("three bad dates"));
    assert!(!xml(&issues).contains("three bad dates"));
}

#[test]
fn sheet_names_stay_unique_and_short() {
    let mut used = vec![];
    assert_eq!(unique_name(&mut used, "Load".into()), "Load");
    assert_eq!(unique_name(&mut used, "load".into()), "load 2");
    let long = "x".repeat(31);
    assert_eq!(unique_name(&mut used, long.clone()), long);
    assert_eq!(unique_name(&mut used, long).chars().count(), 31);
}

#[test]
fn a_file_failure_asks_for_a_writable_folder_and_a_refused_value_is_a_bug() {
    let path = Path::new("out/report.xlsx");
    let io = XlsxError::IoError(std::io::Error::other("No space left on device"));
    let message = xlsx_error(path, io).to_string();
    assert!(message.contains("No space left on device"), "{message}");
    assert!(message.contains("writable and has free space"), "{message}");
    let content = xlsx_error(path, XlsxError::MaxStringLengthExceeded).to_string();
    assert!(content.contains("bug of stoa"), "{content}");
    assert!(!content.contains("free space"), "{content}");
}

/// A Russian workbook of `tables` (no rejects or warnings, month 2026-10, roubles), saved
/// in a temporary folder.
fn russian_workbook(tables: Vec<(String, DataFrame)>) -> (tempfile::TempDir, std::path::PathBuf) {
    workbook(tables, Lang::Ru, "RUB")
}

/// A workbook of `tables` in `lang` and `currency`, as [`russian_workbook`].
fn workbook(
    tables: Vec<(String, DataFrame)>,
    lang: Lang,
    currency: &str,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let rejects = DataFrame::empty();
    let input = RenderInput {
        tables: &tables,
        rejects: &rejects,
        warnings: &[],
        period: crate::analytics::period::Period::new(
            crate::analytics::period::Month::new(2026, 10).unwrap(),
        ),
        station: "Station",
        currency,
        settings: Default::default(),
        lang,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    build_in_sheets(&path, &input, 1000)
        .unwrap()
        .save()
        .unwrap();
    (dir, path)
}

#[test]
fn regression_definitions_wrap_within_their_column() {
    // Written unformatted, the longest definitions ran on one line three screens wide and
    // were cut when printed.
    let (_dir, path) = russian_workbook(Vec::new());
    let sheets = sheets_of_workbook(&path);
    let name = i18n::sheet(Lang::Ru, "definitions");
    let xml = &sheets.iter().find(|(n, _)| *n == name).unwrap().1;
    let texts: Vec<&str> = xml.split("<c r=\"B").skip(1).collect();
    // The header on row 2 and one definition a row from row 3: of a report without
    // tables, those shown in every report.
    assert_eq!(
        texts.len(),
        1 + crate::render::definitions::of_tables(
            Lang::Ru,
            &Default::default(),
            std::iter::empty()
        )
        .len()
    );
    for cell in &texts[1..] {
        let tag = &cell[..cell.find('>').unwrap()];
        assert!(tag.contains(" s=\""), "unstyled: <c r=\"B{tag}>");
    }
}

/// The styles part of a workbook in `lang` and `currency` whose one table, prices, holds
/// an amount of money: where its money format is.
fn price_styles(lang: Lang, currency: &str) -> String {
    let prices = df!("service_code" => ["A"], "our_price" => [1500.5]).unwrap();
    let (_dir, path) = workbook(vec![("prices".to_string(), prices)], lang, currency);
    part_of_workbook(&path, "xl/styles.xml")
}

#[test]
fn regression_money_shows_the_currency_sign() {
    // Money was `#,##0.00`, as norm hours and indices are, and the workbook named no
    // currency anywhere.
    let styles = price_styles(Lang::Ru, "RUB");
    assert!(
        styles.contains("formatCode=\"#,##0.00&quot; ₽&quot;\""),
        "{styles}"
    );
}

#[test]
fn regression_the_sign_stands_where_the_language_writes_it() {
    // An English workbook of a dollar station showed `1,500.50 $`: English writes the
    // dollar, the euro and the pound before the amount; Russian after it, and the rouble
    // after it in either.
    let format = |lang, currency| {
        let styles = price_styles(lang, currency);
        let at = styles
            .find("#,##0.00&quot;")
            .or_else(|| styles.find("&quot;#,##0.00"));
        let at = at.expect("a money format");
        let start = styles[..at].rfind("formatCode=\"").unwrap() + "formatCode=\"".len();
        let end = at + styles[at..].find("\"").unwrap();
        styles[start..end].replace("&quot;", "\"")
    };
    assert_eq!(format(Lang::En, "USD"), "\"$\"#,##0.00");
    assert_eq!(format(Lang::En, "EUR"), "\"€\"#,##0.00");
    assert_eq!(format(Lang::En, "£"), "\"£\"#,##0.00");
    assert_eq!(format(Lang::Ru, "USD"), "#,##0.00\" $\"");
    assert_eq!(format(Lang::En, "RUB"), "#,##0.00\" ₽\"");
    assert_eq!(format(Lang::En, "KZT"), "#,##0.00\" ₸\"");
    assert_eq!(format(Lang::En, "GEL"), "#,##0.00\" GEL\"");
}

#[test]
fn regression_gbp_money_is_shown_with_the_pound_sign() {
    // A `GBP` station's money was `#,##0.00" GBP"`: the pound had no sign of its own
    // unless the settings wrote `£` itself.
    let format = |lang| price_styles(lang, "GBP");
    assert!(format(Lang::En).contains("formatCode=\"&quot;£&quot;#,##0.00\""));
    assert!(format(Lang::Ru).contains("formatCode=\"#,##0.00&quot; £&quot;\""));
    assert_eq!(crate::config::currency_sign("gbp"), "£");
}

#[test]
fn a_height_counts_the_lines_a_text_wraps_into_word_by_word() {
    // 90 characters' width holds 81 letters a line: 13 words of 5 and their spaces
    // (5 + 12 × 6 = 77; a 14th would make 83). 50 words: 13 + 13 + 13 + 11, four lines.
    let words = vec!["слово"; 50].join(" ");
    assert_eq!(wrapped_height(&words, 90.0), 60.0);
    assert_eq!(wrapped_height("коротко", 90.0), 15.0);
    assert_eq!(wrapped_height("", 90.0), 15.0);
    // A word longer than a line fills as many lines as it needs.
    assert_eq!(wrapped_height(&"ж".repeat(200), 90.0), 45.0);
}

#[test]
fn regression_a_warning_on_data_issues_wraps_over_the_sheet_not_past_it() {
    // A warning's message was one cell in the third column: a sentence of 400 letters ran
    // far to the right and was cut when printed. It is merged over the third to the last
    // column, wrapped, its row as tall as its lines.
    let rejects = DataFrame::empty();
    let message = vec!["слово"; 50].join(" ");
    let warnings = [crate::ingest::Warning {
        table: "visits".into(),
        rows: 3,
        message: message.clone(),
    }];
    let tables = Vec::new();
    let input = RenderInput {
        tables: &tables,
        rejects: &rejects,
        warnings: &warnings,
        period: crate::analytics::period::Period::new(
            crate::analytics::period::Month::new(2026, 10).unwrap(),
        ),
        station: "Station",
        currency: "RUB",
        settings: Default::default(),
        lang: Lang::Ru,
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    build_in_sheets(&path, &input, 1000)
        .unwrap()
        .save()
        .unwrap();
    let sheets = sheets_of_workbook(&path);
    let name = i18n::sheet(Lang::Ru, "data_issues");
    let xml = &sheets.iter().find(|(n, _)| *n == name).unwrap().1;
    // No rejects: the title, the rejects' header, a blank row, the warnings' title on
    // row 4, their header on row 5 and the warning on row 6, its message over C:G.
    assert!(xml.contains("<mergeCell ref=\"C5:G5\"/>"), "{xml}");
    assert!(xml.contains("<mergeCell ref=\"C6:G6\"/>"), "{xml}");
    let row = &xml[xml.find("<row r=\"6\"").unwrap()..];
    let row = &row[..row.find('>').unwrap()];
    // 50 words over at least 90 characters' width: four lines of 15 points.
    assert!(
        row.contains("ht=\"60\"") && row.contains("customHeight=\"1\""),
        "{row}"
    );
    let cell = &xml[xml.find("<c r=\"C6\"").unwrap()..];
    let style = &cell[..cell.find('>').unwrap()];
    assert!(style.contains(" s=\""), "unstyled: {style}");
    assert!(xml.contains(&format!(">{message}<")), "{xml}");
}

/// The text of one part of a saved workbook.
fn part_of_workbook(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = ::zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// The cached points of the `n`-th series element `tag` (`c:cat` or `c:val`) of a chart's
/// XML, in order.
fn cached_points(xml: &str, tag: &str, n: usize) -> Vec<String> {
    let open = format!("<{tag}>");
    let part = xml.split(&open).nth(n + 1).expect("the series is written");
    let part = &part[..part.find(&format!("</{tag}>")).unwrap()];
    part.split("<c:v>")
        .skip(1)
        .map(|p| p[..p.find("</c:v>").unwrap()].to_string())
        .collect()
}

#[test]
fn regression_native_charts_carry_their_points_for_viewers_that_do_not_recalculate() {
    // Charts read constant-memory sheets, whose cells the save no longer had: every
    // chart was written with its ranges only, and showed empty in Quick Look, Excel's
    // protected view, Google Sheets and openpyxl.
    let monthly = df!(
        "month" => ["2026-08", "2026-09", "2026-10"],
        "revenue" => [1000.5, 2000.0, 1500.25],
        "visits" => [3i64, 5, 4]
    )
    .unwrap();
    let (_dir, path) = russian_workbook(vec![("monthly".into(), monthly)]);
    // The Summary holds the two monthly charts: revenue (line) then visits (bars).
    let revenue = part_of_workbook(&path, "xl/charts/chart1.xml");
    assert!(revenue.contains("<c:numCache>"), "{revenue}");
    assert!(revenue.contains("<c:strCache>"), "{revenue}");
    assert_eq!(
        cached_points(&revenue, "c:cat", 0),
        ["2026-08", "2026-09", "2026-10"]
    );
    assert_eq!(
        cached_points(&revenue, "c:val", 0),
        ["1000.5", "2000", "1500.25"]
    );
    let visits = part_of_workbook(&path, "xl/charts/chart2.xml");
    assert_eq!(cached_points(&visits, "c:val", 0), ["3", "5", "4"]);
}

#[test]
fn regression_phones_and_ids_are_text_cells_that_excel_keeps_as_written() {
    // A phone or an all-digit id written as a number is shown by Excel as `7,92E+10` or
    // `123`: the workbook writes them as text cells, equal to the CSVs, whether the table
    // holds them as text (as the model does) or as numbers; a count stays a number.
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let table = df!(
        "client_id" => ["000123", "100234567890"],
        "phone_e164" => [Some("+79161234567"), None],
        "phone" => [Some(79_161_234_567.0), Some(84_957_654_321.0)],
        "agent_id" => [100_234_567_890i64, 7],
        "visits" => [3i64, 12],
    )
    .unwrap();
    let (_dir, path) = russian_workbook(vec![("winback".to_string(), table)]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    let sheet = book
        .worksheet_range(&i18n::sheet(Lang::Ru, "winback"))
        .unwrap();
    // Data from row 3 (index 2): title and header above.
    let cell = |row: u32, col: u32| sheet.get_value((row, col)).cloned();
    let text = |t: &str| Some(Data::String(t.to_string()));
    assert_eq!(cell(2, 0), text("000123"));
    assert_eq!(cell(3, 0), text("100234567890"));
    assert_eq!(cell(2, 1), text("+79161234567"));
    assert!(matches!(cell(3, 1), None | Some(Data::Empty)));
    assert_eq!(cell(2, 2), text("79161234567"));
    assert_eq!(cell(3, 2), text("84957654321"));
    assert_eq!(cell(2, 3), text("100234567890"));
    assert_eq!(cell(3, 3), text("7"));
    assert!(
        matches!(cell(2, 4), Some(Data::Float(v)) if v == 3.0) || cell(2, 4) == Some(Data::Int(3)),
        "{:?}",
        cell(2, 4)
    );
}
