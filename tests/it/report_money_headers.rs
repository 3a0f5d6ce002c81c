//! End to end on the order lines' money headers as Russian exports write them: a unit after
//! the name (`Сумма, руб.`), VAT beside the amount (`Сумма НДС, руб.`), the amount before
//! the discount beside the one after it, and the discount in money (`Сумма скидки`). Each
//! gave a wrong revenue with exit code 0 before session 29 (the tester's bugs 04 and 05);
//! the revenue in `tables/kpi.csv` is worked out by hand: 2 × 100 less 20 off is 180.

use std::path::Path;

use crate::common;
use common::{put, warnings_of};

use stoa::config::Config;
use stoa::ingest::{load, reasons};

/// A data folder with one visit V1 of 31.10.2026 and `lines` as its order lines, as the
/// tester wrote them (UTF-8 with a byte-order mark, `;`), and a price list.
fn data_with_lines(dir: &Path, lines: &str) -> std::path::PathBuf {
    let data = common::one_visit_with_lines(dir, lines);
    put(
        &data,
        "price_list.csv",
        "\u{feff}Код работы;Наименование;Категория;Цена\nS1;Работа;ремонт;1000\n",
    );
    data
}

/// `stoa report` on the lines; its `revenue` row of October 2026 and what it said.
fn revenue(lines: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    common::october_revenue(&data_with_lines(dir.path(), lines))
}

#[test]
fn regression_an_amount_with_its_unit_beside_the_vat_is_the_amount() {
    // Bug 04, case a: `Сумма, руб.` and `Сумма НДС, руб.` both began with `Сумма`, neither
    // was read, and the amount was 2 × 100 with a warning that there was no amount.
    let (row, said) = revenue(
        "Номер заказ-наряда;Наименование;Цена, руб.;Кол-во;Сумма, руб.;Сумма НДС, руб.\n\
         V1;Работа;100;2;180;30\n",
    );
    assert_eq!(row, "revenue,2026-10,180");
    assert!(!said.contains("no amount column"), "{said}");
    // `Цена, руб.` is the price by its whole name, not by its first word.
    assert!(!said.contains("«Цена, руб.»"), "{said}");
}

#[test]
fn regression_an_amount_with_its_unit_beside_the_gross_is_the_amount() {
    // Bug 04, case b: `Сумма без скидки, руб.` was read by its first word too.
    let (row, said) = revenue(
        "Номер заказ-наряда;Наименование;Цена;Кол-во;Сумма без скидки, руб.;Сумма, руб.\n\
         V1;Работа;100;2;200;180\n",
    );
    assert_eq!(row, "revenue,2026-10,180");
    assert!(!said.contains("no amount"), "{said}");
}

#[test]
fn regression_the_discount_in_money_is_the_discount_not_the_amount() {
    // Bug 05: `Сумма скидки` was read as the line's amount, and the revenue was 20.
    let (row, said) = revenue(
        "Номер заказ-наряда;Наименование;Цена;Кол-во;Сумма без скидки;Сумма скидки\n\
         V1;Работа;100;2;200;20\n",
    );
    assert_eq!(row, "revenue,2026-10,180");
    assert!(
        said.contains("amount before the discount («Сумма без скидки»)"),
        "{said}"
    );
}

#[test]
fn the_amount_is_the_gross_less_the_discount_where_no_cell_gives_it() {
    // No price: the gross less the discount, to the kopeck (before, the run stopped for
    // want of an amount). A line with no gross gives no amount and is rejected.
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Сумма без скидки, руб.;Сумма скидки, руб.\n\
         V1;Работа;1 234,55;123,46\n\
         V1;Масло;;\n",
    );
    let ing = load(&data, &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
    let discounts: Vec<Option<i64>> = lines.column("discount").unwrap().i64().unwrap().to_vec();
    assert_eq!(
        (amounts, discounts),
        (vec![Some(111_109)], vec![Some(12_346)])
    );
    assert!(
        lines.column("gross_amount").is_err(),
        "not kept in the model"
    );
    let reasons_given = common::texts(&ing.rejects, "reason");
    assert_eq!(reasons_given, [Some(reasons::NO_GROSS.to_string())]);
    let file = data.join("order_lines.csv").display().to_string();
    let warned: Vec<&str> = warnings_of(&ing, "order_lines")
        .into_iter()
        .filter(|w| reasons::parse(reasons::AMOUNTS_FROM_GROSS, w).is_some())
        .collect();
    assert_eq!(
        warned,
        [reasons::fill(
            reasons::AMOUNTS_FROM_GROSS,
            &[
                "1",
                &file,
                "«Сумма без скидки, руб.»",
                "«Сумма скидки, руб.»"
            ]
        )]
    );

    // A percentage discount is taken off the gross as off quantity × price; with no
    // discount at all, the gross is the amount, and the warning says the revenue counts
    // no discount.
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Сумма без скидки;Скидка, %\nV1;Работа;1,05;10\n",
    );
    let ing = load(&data, &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
    assert_eq!(amounts, [Some(95)]);
    let dir = tempfile::tempdir().unwrap();
    let data = data_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Сумма без скидки\nV1;Работа;200\n",
    );
    let ing = load(&data, &Config::default()).unwrap();
    let lines = ing.model.order_lines.clone().collect().unwrap();
    let amounts: Vec<Option<i64>> = lines.column("amount").unwrap().i64().unwrap().to_vec();
    assert_eq!(amounts, [Some(20_000)]);
    let warned = warnings_of(&ing, "order_lines");
    assert!(
        warned
            .iter()
            .any(|w| reasons::parse(reasons::AMOUNTS_GROSS_ONLY, w).is_some()),
        "{warned:?}"
    );
}

#[test]
fn the_amount_with_vat_is_read_beside_the_one_without() {
    // What the client paid: 1 200 with VAT, not 1 000 without it nor the VAT's 200.
    let (row, _) = revenue(
        "Номер заказ-наряда;Наименование;Сумма без НДС;Ставка НДС;Сумма НДС;Сумма с НДС\n\
         V1;Работа;1000;20%;200;1200\n",
    );
    assert_eq!(row, "revenue,2026-10,1200");
}
