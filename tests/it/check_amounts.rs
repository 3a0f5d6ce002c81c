//! Order lines exported with a price and a quantity but no amount (`Цена` | `Количество`
//! without `Сумма`), as journals kept by hand often are: the amount is computed, to the
//! kopeck, and a line with no price either is rejected, naming its cell.

use crate::common;
use common::{put, stoa, texts, warnings_of};

use stoa::config::Config;
use stoa::ingest::{load, reasons, IngestError};

const VISITS: &str =
    "visit_id;opened_at;client_id;brand\nV1;05.03.2026 10:00;C1;Kia\nV2;06.03.2026 11:00;C1;Kia\n";
const CLIENTS: &str = "client_id;name\nC1;Иванов Иван\n";

/// A folder with visits V1 and V2 of client C1, and `lines` as its order lines.
fn data_with_lines(lines: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    put(dir.path(), "visits.csv", VISITS);
    put(dir.path(), "clients.csv", CLIENTS);
    put(dir.path(), "order_lines.csv", lines);
    dir
}

#[test]
fn regression_lines_with_a_price_and_no_amount_are_read() {
    // Before, the run stopped: the order lines lacked their required amount column.
    let dir = data_with_lines(
        "Номер заказ-наряда;Наименование;Количество;Цена;Скидка\n\
         V1;ТО;1,5;123,45;\n\
         V1;Фильтр;2;1 000,00 ₽;150\n\
         V2;Мойка;;500;\n\
         V2;Диагностика;1;;\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
    // 1.5 × 123.45 = 185.175, rounded half away from zero; 2 × 1000 − 150; 1 × 500.
    assert_eq!(amounts, [Some(18_518), Some(185_000), Some(50_000)]);
    let s = |t: &str| Some(t.to_string());
    assert_eq!(texts(&ing.rejects, "row"), [s("5")]);
    assert_eq!(texts(&ing.rejects, "column"), [s("Цена")]);
    assert_eq!(texts(&ing.rejects, "reason"), [s(reasons::NO_PRICE)]);
    let file = dir.path().join("order_lines.csv").display().to_string();
    let warned: Vec<&str> = warnings_of(&ing, "order_lines")
        .into_iter()
        .filter(|w| reasons::parse(reasons::AMOUNTS_FROM_PRICES, w).is_some())
        .collect();
    assert_eq!(
        warned,
        [reasons::fill(
            reasons::AMOUNTS_FROM_PRICES,
            &["3", &file, "«Цена»"]
        )]
    );
}

#[test]
fn regression_a_percentage_discount_is_taken_off_a_computed_amount() {
    // Before, `Скидка, %` was not read: each amount was 2 × 1000 and the revenue 4000
    // instead of 3600, while the warning said the discount was taken off.
    let dir = data_with_lines(
        "Номер заказ-наряда;Наименование;Количество;Цена;Скидка, %\n\
         V1;ТО;2;1000;10\n\
         V2;ТО;2;1000;10 %\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
    assert_eq!(amounts, [Some(180_000), Some(180_000)]);
    let file = dir.path().join("order_lines.csv").display().to_string();
    let warned: Vec<&str> = warnings_of(&ing, "order_lines")
        .into_iter()
        .filter(|w| w.contains("Сумма"))
        .collect();
    assert_eq!(
        warned,
        [reasons::fill(
            reasons::AMOUNTS_FROM_PERCENT,
            &["2", &file, "«Цена»", "«Скидка, %»"]
        )]
    );
}

#[test]
fn percentage_discounts_a_workbook_stores_as_fractions_are_read_as_percentages() {
    // A `Скидка, %` column formatted as a percentage in Excel stores 10 % as 0,1: read as
    // 0,1 % it took 2 kopecks off 2 × 1000. Every cell a fraction below 1: percentages,
    // with a warning; one of 5 (a percentage written whole) leaves the column as it is.
    let write = |pcts: [f64; 2]| {
        let dir = data_with_lines("");
        std::fs::remove_file(dir.path().join("order_lines.csv")).unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_row(
            0,
            0,
            [
                "Номер заказ-наряда",
                "Наименование",
                "Количество",
                "Цена",
                "Скидка, %",
            ],
        )
        .unwrap();
        for (r, (v, pct)) in ["V1", "V2"].iter().zip(pcts).enumerate() {
            let r = r as u32 + 1;
            ws.write(r, 0, *v).unwrap();
            ws.write(r, 1, "ТО").unwrap();
            ws.write(r, 2, 2).unwrap();
            ws.write(r, 3, 1000).unwrap();
            ws.write(r, 4, pct).unwrap();
        }
        wb.save(dir.path().join("order_lines.xlsx")).unwrap();
        let ing = load(dir.path(), &Config::default()).unwrap();
        let lines = ing.model.order_lines.clone().collect().unwrap();
        let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
        let warned = warnings_of(&ing, "order_lines")
            .into_iter()
            .filter(|w| reasons::parse(reasons::DISCOUNT_FRACTIONS, w).is_some())
            .count();
        (amounts, warned)
    };
    assert_eq!(write([0.1, 0.05]), (vec![Some(180_000), Some(190_000)], 1));
    assert_eq!(write([0.5, 5.0]), (vec![Some(199_000), Some(190_000)], 0));
}

/// Order lines V1, V1, V2, V2 of 2 × 1000 in a workbook whose `Скидка, %` cells hold
/// `pcts`, formatted as `0%` where `percent` says: the computed amounts and the warnings of
/// fractions read as percentages, each as its count of lines.
fn workbook_discounts(pcts: [f64; 4], percent: bool) -> (Vec<Option<i64>>, Vec<String>) {
    let (amounts, warned, _) = workbook_discounts_rejected(pcts, percent);
    (amounts, warned)
}

/// [`workbook_discounts`] and the values of the lines rejected.
fn workbook_discounts_rejected(
    pcts: [f64; 4],
    percent: bool,
) -> (Vec<Option<i64>>, Vec<String>, Vec<Option<String>>) {
    let dir = data_with_lines("");
    std::fs::remove_file(dir.path().join("order_lines.csv")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "Номер заказ-наряда",
        "Наименование",
        "Количество",
        "Цена",
        "Скидка, %",
    ];
    ws.write_row(0, 0, header).unwrap();
    let format = rust_xlsxwriter::Format::new().set_num_format("0%");
    for (r, (v, pct)) in ["V1", "V1", "V2", "V2"].iter().zip(pcts).enumerate() {
        let r = r as u32 + 1;
        ws.write_row(r, 0, [*v, "ТО"]).unwrap();
        ws.write_row(r, 2, [2, 1000]).unwrap();
        match percent {
            true => ws.write_with_format(r, 4, pct, &format).unwrap(),
            false => ws.write(r, 4, pct).unwrap(),
        };
    }
    wb.save(dir.path().join("order_lines.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let amounts = lines.column("amount").unwrap().i64().unwrap().to_vec();
    let warned = warnings_of(&ing, "order_lines")
        .into_iter()
        .filter_map(|w| reasons::parse(reasons::DISCOUNT_FRACTIONS, w))
        .map(|args| args[0].to_string())
        .collect();
    (amounts, warned, texts(&ing.rejects, "value"))
}

#[test]
fn regression_a_line_discounted_100_percent_leaves_the_others_fractions_read_as_percentages() {
    // Before, one warranty line at 100 % (stored as 1) broke "every value below 1": every
    // 10 % (stored as 0,1) was read as 0,1 % without a word. Formatted as `0%`, the cells
    // are read as Excel shows them, with no warning.
    let want = vec![Some(180_000), Some(0), Some(200_000), Some(180_000)];
    assert_eq!(
        workbook_discounts([0.1, 1.0, 0.0, 0.1], true),
        (want.clone(), vec![])
    );
    // Unformatted (a workbook that does not tell its formats, or an export that leaves
    // them out), values from 0 to 1 with some between are fractions too: the warning
    // counts the 3 lines with a discount, not the 4 lines.
    assert_eq!(
        workbook_discounts([0.1, 1.0, 0.0, 0.1], false),
        (want, vec!["3".to_string()])
    );
    // A cell formatted as `0%` that holds 1,5 shows 150 %: rejected, and cited so.
    let (amounts, _, rejected) = workbook_discounts_rejected([0.1, 1.5, 0.0, 0.1], true);
    assert_eq!(amounts.len(), 3);
    assert_eq!(rejected, [Some("150%".to_string())]);
    // A column of 0 and 1 alone says nothing: 1 is 1 %, as written.
    assert_eq!(
        workbook_discounts([0.0, 1.0, 0.0, 1.0], false),
        (
            vec![Some(200_000), Some(198_000), Some(200_000), Some(198_000)],
            vec![]
        )
    );
}

/// The counts of the warnings of fractions read as percentages, for a workbook of lines
/// of 2 × 1000 whose visits are `visits` (V1 and V2 are there, V9 is not) and whose
/// `Скидка, %` cells hold `pcts`, unformatted.
fn discount_fractions_said(visits: [&str; 4], pcts: [f64; 4]) -> (usize, Vec<String>) {
    let dir = data_with_lines("");
    std::fs::remove_file(dir.path().join("order_lines.csv")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "Номер заказ-наряда",
        "Наименование",
        "Количество",
        "Цена",
        "Скидка, %",
    ];
    ws.write_row(0, 0, header).unwrap();
    for (r, (v, pct)) in visits.iter().zip(pcts).enumerate() {
        let r = r as u32 + 1;
        ws.write_row(r, 0, [*v, "ТО"]).unwrap();
        ws.write_row(r, 2, [2, 1000]).unwrap();
        ws.write(r, 4, pct).unwrap();
    }
    wb.save(dir.path().join("order_lines.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let accepted = ing.model.order_lines.clone().collect().unwrap().height();
    let warned = warnings_of(&ing, "order_lines")
        .into_iter()
        .filter_map(|w| reasons::parse(reasons::DISCOUNT_FRACTIONS, w))
        .map(|args| args[0].to_string())
        .collect();
    (accepted, warned)
}

#[test]
fn regression_discount_fractions_on_rejected_lines_are_not_counted() {
    // Lines of visit V9, which the visits do not hold, are rejected. Before, their
    // fractions were counted: «3 order lines have a percentage discount…» of a file whose
    // accepted lines had 2, and with every fraction on such a line, a warning of lines
    // that were never read.
    assert_eq!(
        discount_fractions_said(["V1", "V2", "V9", "V9"], [0.1, 0.05, 0.1, 0.0]),
        (2, vec!["2".to_string()])
    );
    // The column is still read as fractions (its cells decide, rejected or not), but no
    // accepted line has a discount: nothing to say.
    assert_eq!(
        discount_fractions_said(["V1", "V2", "V9", "V9"], [0.0, 0.0, 0.1, 0.05]),
        (2, vec![])
    );
}

#[test]
fn regression_a_line_rejected_for_its_percentage_counts_its_undiscounted_money() {
    // Before, 150 % was taken off the rejected line too: 2 × 1000 less 150 % is −1000, so
    // the money rejected was negative and the money read (800) below the accepted (1800).
    let dir = data_with_lines(
        "Номер заказ-наряда;Наименование;Количество;Цена;Скидка, %\n\
         V1;ТО;2;1000;150\n\
         V2;ТО;2;1000;10\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let lines = ing
        .inputs
        .iter()
        .find(|i| i.table == "order_lines")
        .unwrap();
    assert_eq!(
        (lines.money_read, lines.money_accepted, lines.money_rejected),
        (Some(3800.0), Some(1800.0), Some(2000.0))
    );
    assert_eq!(
        texts(&ing.rejects, "reason"),
        [Some(reasons::DISCOUNT_PCT_RANGE.to_string())]
    );
}

#[test]
fn lines_with_an_amount_keep_it_beside_their_price() {
    // The accounting system's amount wins: no line's amount is computed when the column
    // is there, even where it is not quantity × price.
    let dir = data_with_lines(
        "visit_id;description;qty;unit_price;amount\nV1;ТО;2;100;150\nV2;Мойка;1;500;\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
    assert_eq!(amounts, [Some(15_000)]);
    let s = |t: &str| Some(t.to_string());
    assert_eq!(texts(&ing.rejects, "column"), [s("amount")]);
    assert!(warnings_of(&ing, "order_lines")
        .iter()
        .all(|w| reasons::parse(reasons::AMOUNTS_FROM_PRICES, w).is_none()));
}

#[test]
fn lines_with_neither_amount_nor_price_still_stop_the_run() {
    let dir = data_with_lines("visit_id;description;qty\nV1;ТО;1\n");
    let Err(err) = load(dir.path(), &Config::default()) else {
        panic!("order lines without amount or price were read");
    };
    assert!(
        matches!(&err, IngestError::MissingColumns { lacking, .. } if lacking.missing == "amount"),
        "{err}"
    );
    let out = stoa()
        .args(["check", "--data"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn regression_money_of_more_than_two_decimals_is_rounded_with_a_warning() {
    // `1234,567` was rounded to 1234,57 without a word; the price column and the amount
    // column each say so, with their first such cell, in a CSV and in a workbook.
    let dir = data_with_lines(
        "Номер заказ-наряда;Наименование;Цена;Сумма\n\
         V1;ТО;1234,567;1234,567\n\
         V1;Фильтр;1 000,00;1 000,004\n\
         V2;Мойка;500;500\n\
         V2;Масло;0,29;1,500\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
    assert_eq!(
        amounts,
        [Some(123_457), Some(100_000), Some(50_000), Some(150)]
    );
    let file = dir.path().join("order_lines.csv").display().to_string();
    let mut warned: Vec<&str> = warnings_of(&ing, "order_lines")
        .into_iter()
        .filter(|w| reasons::parse(reasons::SUB_KOPECK, w).is_some())
        .collect();
    warned.sort();
    let mut want = [
        reasons::fill(
            reasons::SUB_KOPECK,
            &["2", "«Сумма»", &file, "«1234,567»", "1234.57"],
        ),
        reasons::fill(
            reasons::SUB_KOPECK,
            &["1", "«Цена»", &file, "«1234,567»", "1234.57"],
        ),
    ];
    want.sort();
    assert_eq!(warned, want);

    // A workbook's number cells.
    let dir = data_with_lines("visit_id;description;amount\nV1;ТО;1\n");
    std::fs::remove_file(dir.path().join("order_lines.csv")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_row(0, 0, ["Номер заказ-наряда", "Наименование", "Сумма"])
        .unwrap();
    for (r, (v, what, amount)) in [("V1", "ТО", 999.999), ("V2", "Мойка", 0.29)]
        .iter()
        .enumerate()
    {
        ws.write(r as u32 + 1, 0, *v).unwrap();
        ws.write(r as u32 + 1, 1, *what).unwrap();
        ws.write(r as u32 + 1, 2, *amount).unwrap();
    }
    wb.save(dir.path().join("order_lines.xlsx")).unwrap();
    let ing = load(dir.path(), &Config::default()).unwrap();
    let warned: Vec<Vec<&str>> = warnings_of(&ing, "order_lines")
        .into_iter()
        .filter_map(|w| reasons::parse(reasons::SUB_KOPECK, w))
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", ing.warnings);
    assert_eq!(warned[0][0], "1");
    assert_eq!(warned[0][4], "1000.00");
}

#[test]
fn regression_discount_headers_in_per_cent_are_not_read_as_roubles() {
    // Read by their first word `Скидка`, these took 10 ₽ off each line instead of 10 %.
    for header in [
        "Скидка,%",
        "Скидка в процентах",
        "Скидка (в %)",
        "Скидка, процент",
    ] {
        let dir = data_with_lines(&format!(
            "Номер заказ-наряда;Наименование;Количество;Цена;{header}\n\
             V1;ТО;2;1000;10\n\
             V2;ТО;1;500;0\n"
        ));
        let ing = load(dir.path(), &Config::default()).unwrap();
        let lines = ing.model.order_lines.clone().collect().unwrap();
        let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
        assert_eq!(amounts, [Some(180_000), Some(50_000)], "{header}");
        let discounts: Vec<Option<i64>> = lines.column("discount").unwrap().i64().unwrap().to_vec();
        assert_eq!(discounts, [Some(20_000), Some(0)], "{header}");
    }
}

/// A workbook of order lines whose header is `upper` over `lower`, each cell of `upper`
/// with an empty cell under it merged down and each run of empty cells after a cell of
/// `upper` merged into it, as 1C prints its reports; then `rows`.
fn two_row_workbook(dir: &std::path::Path, upper: &[&str], lower: &[&str], rows: &[&[&str]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    let mut c = 0;
    while c < upper.len() {
        let width = 1 + upper[c + 1..].iter().take_while(|u| u.is_empty()).count();
        let (first, last) = (c as u16, (c + width - 1) as u16);
        match (width, lower[c].is_empty()) {
            (1, true) => ws.merge_range(0, first, 1, first, upper[c], &plain),
            (1, false) => ws.write(0, first, upper[c]),
            _ => ws.merge_range(0, first, 0, last, upper[c], &plain),
        }
        .unwrap();
        c += width;
    }
    for (j, l) in lower.iter().enumerate().filter(|(_, l)| !l.is_empty()) {
        ws.write(1, j as u16, *l).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) => ws.write(r as u32 + 2, j as u16, n),
                Err(_) => ws.write(r as u32 + 2, j as u16, *v),
            }
            .unwrap();
        }
    }
    wb.save(dir.join("order_lines.xlsx")).unwrap();
}

#[test]
fn regression_the_sum_under_a_discount_group_is_the_discount_not_the_lines_amount() {
    // 1C's `Скидка` merged over `% | Сумма` beside the line's `Сумма` merged down: the
    // discount's `Сумма` was read as the amount, and the revenue was the discounts' sum.
    let amounts_of = |dir: &std::path::Path| {
        let ing = load(dir, &Config::default()).unwrap();
        assert_eq!(ing.rejects.height(), 0, "{:?}", ing.rejects);
        let lines = ing.model.order_lines.clone().collect().unwrap();
        let column =
            |c: &str| -> Vec<Option<i64>> { lines.column(c).unwrap().i64().unwrap().to_vec() };
        (column("amount"), column("discount"))
    };
    let want = (
        vec![Some(180_000), Some(50_000)],
        vec![Some(20_000), Some(0)],
    );
    let head = ["Номер заказ-наряда", "Наименование", "Количество", "Цена"];
    let upper: Vec<&str> = head
        .iter()
        .copied()
        .chain(["Скидка", "", "Сумма"])
        .collect();
    let lower = ["", "", "", "", "%", "Сумма", ""];
    let rows: [&[&str]; 2] = [
        &["V1", "ТО", "2", "1000", "10", "200", "1800"],
        &["V2", "Мойка", "1", "500", "0", "0", "500"],
    ];
    let dir = data_with_lines("visit_id;description;amount\nV1;ТО;1\n");
    std::fs::remove_file(dir.path().join("order_lines.csv")).unwrap();
    two_row_workbook(dir.path(), &upper, &lower, &rows);
    assert_eq!(amounts_of(dir.path()), want, "workbook");

    // The same as a CSV of two header rows.
    let csv = |upper: &[&str], lower: &[&str], rows: &[&[&str]]| {
        std::iter::once(upper)
            .chain([lower])
            .chain(rows.iter().copied())
            .map(|r| r.join(";") + "\n")
            .collect::<String>()
    };
    let dir = data_with_lines(&csv(&upper, &lower, &rows));
    assert_eq!(amounts_of(dir.path()), want, "csv");

    // Without the line's own `Сумма`, the amount is computed from the price.
    let cut: Vec<&[&str]> = rows.iter().map(|r| &r[..6]).collect();
    let dir = data_with_lines(&csv(&upper[..6], &lower[..6], &cut));
    assert_eq!(amounts_of(dir.path()), want, "no amount of the line");

    // `Скидка` over `Процент | Сумма` right of the amount: its second row was rejected
    // as a row of data.
    let upper: Vec<&str> = head
        .iter()
        .copied()
        .chain(["Сумма", "Скидка", ""])
        .collect();
    let lower = ["", "", "", "", "", "Процент", "Сумма"];
    let rows: [&[&str]; 2] = [
        &["V1", "ТО", "2", "1000", "1800", "10", "200"],
        &["V2", "Мойка", "1", "500", "500", "", ""],
    ];
    let dir = data_with_lines("visit_id;description;amount\nV1;ТО;1\n");
    std::fs::remove_file(dir.path().join("order_lines.csv")).unwrap();
    two_row_workbook(dir.path(), &upper, &lower, &rows);
    assert_eq!(amounts_of(dir.path()), want, "right of the amount");
}
