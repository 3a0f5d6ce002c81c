//! Validation's tests: each reads a small CSV the way `stoa check` does.

use super::visit_rows::visit_rows_of;
use super::*;
use crate::ingest::header::Synonyms;
use crate::ingest::read::{read, Source};

mod dates;

/// Read a CSV text as `table` the way `stoa check` does, and validate it.
fn validated(table: Table, text: &str) -> Validated {
    validated_in(table, text, &Context::default())
}

/// [`validated`], with what the tables read before this one tell.
fn validated_in(table: Table, text: &str, ctx: &Context) -> Validated {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{table}.csv"));
    std::fs::write(&path, text).unwrap();
    let syn = Synonyms::new(table, &crate::config::Config::default());
    let source = Source { path, sheet: None };
    let (raw, sheet) = read(&source, &syn).unwrap();
    validate(table, raw, "f.csv", sheet.as_deref(), ctx).unwrap()
}

#[test]
fn a_parsed_column_whose_text_is_let_go_still_rejects_its_empty_required_cells() {
    // price parses everywhere and is never negative, so its text is let go before the
    // plan; B's empty price must still be rejected as a required value. interval_months
    // has a negative value, so its text stays and C's reject shows the cell, -1.
    // Twenty more services at 100 every 6 months make both columns repeat, so they
    // are parsed by their distinct cells before the plan, the path that lets text go.
    let mut text = String::from(
        "service_code;description;price;interval_months\n\
         A;Oil;100;6\n\
         B;Wash;;\n\
         C;Brakes;200;-1\n\
         D;Tyres;1 234,50 ₽;\n",
    );
    for i in 0..20 {
        text.push_str(&format!("X{i};Same;100;6\n"));
    }
    let v = validated(Table::PriceList, &text);
    assert_eq!(v.accepted.height(), 22);
    let rows: Vec<String> = (0..v.rejects.height())
        .map(|i| {
            let get = |c: &str| v.rejects.column(c).unwrap().get(i).unwrap().to_string();
            format!(
                "{} {} {} {}",
                get("row"),
                get("column"),
                get("value"),
                get("reason")
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "3 \"price\" \"\" \"required value is empty («price» is required in price_list)\"",
            "4 \"interval_months\" \"-1\" \"negative interval\"",
        ]
    );
    // The money of accepted and rejected rows adds up to the money read: 21 × 100 + 200
    // + 1234.50 in kopecks, of which C's 200 was rejected.
    assert_eq!(v.money_read, Some(353_450));
    assert_eq!(v.money_accepted, Some(333_450));
    assert_eq!(v.money_rejected, Some(20_000));
}

#[test]
fn cells_of_parsed_kinds_are_cleaned_before_they_are_parsed_or_cited() {
    // The reader leaves price and interval_months as read; validation trims them, after
    // telling from their distinct cells that some need it. B's price is white space
    // only: empty, so rejected as a required value. C's interval " -1 " is rejected as
    // negative and cited trimmed. D's " 1 234,50 ₽ " parses.
    let text = "service_code;description;price;interval_months\n\
         A;Oil;100;6\n\
         B;Wash;  ;\n\
         C;Brakes;200; -1 \n\
         D;Tyres; 1 234,50 ₽ ;\t\n";
    let v = validated(Table::PriceList, text);
    assert_eq!(v.accepted.height(), 2);
    let rows: Vec<String> = (0..v.rejects.height())
        .map(|i| {
            let get = |c: &str| v.rejects.column(c).unwrap().get(i).unwrap().to_string();
            format!("{} {} {}", get("row"), get("column"), get("value"))
        })
        .collect();
    assert_eq!(rows, ["3 \"price\" \"\"", "4 \"interval_months\" \"-1\""]);
    let price = v.accepted.column("price").unwrap().i64().unwrap().clone();
    assert_eq!(price.get(1), Some(123_450));
}

#[test]
fn order_lines_without_a_category_take_the_price_lists_else_other() {
    let ctx = Context {
        price_categories: Some(
            df!("service_code" => ["OIL"], "category" => ["maintenance"]).unwrap(),
        ),
        ..Context::default()
    };
    // The categories of the accepted lines of a CSV body.
    let categories = |body: &str| -> Vec<Option<String>> {
        let header = "visit_id,service_code,description,category,kind,qty,price,amount\n";
        let v = validated_in(Table::OrderLines, &format!("{header}{body}"), &ctx);
        let cats = v
            .accepted
            .column("category")
            .unwrap()
            .str()
            .unwrap()
            .clone();
        cats.iter().map(|c| c.map(String::from)).collect()
    };
    let some = |c: &str| Some(c.to_string());
    assert_eq!(
        categories(
            "V1,OIL,Oil change,,labour,1,100,100\n\
             V1,XYZ,Something,,part,1,50,50\n\
             V2,OIL,Oil change,tires,labour,1,100,100\n"
        ),
        [some("maintenance"), some("other"), some("tires")]
    );
    // Every line named its category: nothing to fill, the names stay.
    assert_eq!(
        categories("V1,OIL,Oil change,diagnostics,labour,1,100,100\n"),
        [some("diagnostics")]
    );
}

#[test]
fn rules_for_empty_cells_apply_only_to_columns_that_have_one() {
    // Validation leaves out the required-value rule and the empty-cell default of a column
    // with no empty cell. Here `kind` is empty on line 3 only: that line takes the default
    // (labor) and the others keep theirs. `description` (required) is empty on line 4 only:
    // that line alone is rejected. `amount` (required) is never empty and rejects nothing;
    // neither do the text columns, which hold no bad cell.
    let text = "visit_id;description;kind;amount\n\
         V1;Oil;part;100\n\
         V1;Wash;;200\n\
         V2;;labor;300\n\
         V3;Filter;part;400\n";
    let v = validated(Table::OrderLines, text);
    assert_eq!(v.accepted.height(), 3);
    let kinds: Vec<_> = v
        .accepted
        .column("kind")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|k| k.unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["part", "labor", "part"]);
    assert_eq!(v.rejects.height(), 1);
    let get = |c: &str| v.rejects.column(c).unwrap().get(0).unwrap().to_string();
    assert_eq!(get("row"), "4");
    assert_eq!(get("column"), "\"description\"");
    assert_eq!(
        get("reason"),
        "\"required value is empty («description» is required in order_lines)\""
    );
    assert_eq!(v.money_read, Some(100_000));
    assert_eq!(v.money_rejected, Some(30_000));
}

#[test]
fn accepted_order_lines_carry_the_row_of_their_visit() {
    // Visits V7, V3, V5 in that order; the line of V9 has no visit and the line with a
    // negative quantity breaks a rule: both are rejected and have no row.
    let ctx = Context {
        visit_ids: Some(df!("visit_id" => ["V7", "V3", "V5"]).unwrap()),
        ..Context::default()
    };
    let v = validated_in(
        Table::OrderLines,
        "visit_id,service_code,description,category,kind,qty,price,amount\n\
         V5,OIL,Oil,maintenance,labour,1,100,100\n\
         V9,OIL,Oil,maintenance,labour,1,100,100\n\
         V7,OIL,Oil,maintenance,labour,-1,100,100\n\
         V7,AIR,Filter,maintenance,part,1,50,50\n\
         V3,OIL,Oil,maintenance,labour,1,100,100\n",
        &ctx,
    );
    assert_eq!(v.accepted.height(), 3);
    let rows = v
        .visit_rows
        .expect("lines checked against visits have rows");
    let rows: Vec<_> = rows.u32().unwrap().iter().collect();
    assert_eq!(rows, [Some(2), Some(0), Some(1)]);
    // Without the visits there is nothing to look up.
    let alone = validated(
        Table::OrderLines,
        "visit_id,service_code,description,category,kind,qty,price,amount\n\
         V5,OIL,Oil,maintenance,labour,1,100,100\n",
    );
    assert!(alone.visit_rows.is_none());
}

#[test]
fn visit_rows_found_by_walking_are_those_a_join_finds() {
    // Visits V0 … V199; lines in visit order with gaps, a jump further than the look-ahead,
    // a step back, a line of no visit, a line without an id, and lines repeating a visit.
    let visits: Vec<String> = (0..200).map(|i| format!("V{i}")).collect();
    let mut lines: Vec<Option<String>> = Vec::new();
    for i in [0, 0, 1, 3, 3, 4, 150, 151, 2, 152, 199] {
        lines.push(Some(format!("V{i}")));
    }
    lines.insert(5, Some("V-unknown".into()));
    lines.insert(7, None);
    lines.push(Some("V0".into()));
    let visits =
        StringChunked::from_iter_values("visit_id".into(), visits.iter().map(|s| s.as_str()));
    let lines: StringChunked = lines.iter().map(|l| l.as_deref()).collect();
    let walked: Vec<Option<IdxSize>> = visit_rows_of(&lines, &visits).iter().collect();
    let joined = DataFrame::new(
        lines.len(),
        vec![lines.clone().with_name("visit_id".into()).into_column()],
    )
    .unwrap()
    .lazy()
    .join(
        DataFrame::new(visits.len(), vec![visits.clone().into_column()])
            .unwrap()
            .lazy()
            .with_row_index(VISIT_ROW, None),
        [col("visit_id")],
        [col("visit_id")],
        JoinArgs {
            maintain_order: MaintainOrderJoin::Left,
            ..JoinArgs::new(JoinType::Left)
        },
    )
    .collect()
    .unwrap();
    let joined: Vec<Option<IdxSize>> = joined
        .column(VISIT_ROW)
        .unwrap()
        .idx()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(walked, joined);
    assert_eq!(
        walked,
        [
            Some(0),
            Some(0),
            Some(1),
            Some(3),
            Some(3),
            None,
            Some(4),
            None,
            Some(150),
            Some(151),
            Some(2),
            Some(152),
            Some(199),
            Some(0)
        ]
    );
}

#[test]
fn regression_a_row_with_more_fields_than_the_header_is_rejected_before_its_cells() {
    // `Диск R16;17` split in two: read as it lay, the row was accepted at a price of 17
    // every 2500 months. Now it is rejected whole, before any rule of its shifted cells,
    // with the row as written as its value (since session 28; the fields past the header
    // alone did not show where the stray `;` is) and no money; an error value among its
    // fields is no cell of a formula.
    let text = "service_code;description;price;interval_months\n\
                A;Oil;100;6\n\
                C;Диск R16;17;2500;12\n\
                D;Шины;x;-100;#Н/Д\n\
                E;Wash;200;\n";
    let v = validated(Table::PriceList, text);
    assert_eq!(v.accepted.height(), 2);
    let get = |c: &str, i: usize| {
        v.rejects
            .column(c)
            .unwrap()
            .str()
            .unwrap()
            .get(i)
            .map(str::to_string)
    };
    let reason = |n: &str| {
        Some(reasons::fill(
            reasons::EXTRA_FIELDS,
            &[n, "4", "`;`", "`;`"],
        ))
    };
    assert_eq!(v.rejects.height(), 2);
    assert_eq!(
        v.rejects.column("row").unwrap().u32().unwrap().get(0),
        Some(3)
    );
    assert_eq!(
        (get("column", 0), get("value", 0), get("reason", 0)),
        (
            Some(String::new()),
            Some("C;Диск R16;17;2500;12".into()),
            reason("5")
        )
    );
    assert_eq!(
        (get("column", 1), get("value", 1), get("reason", 1)),
        (
            Some(String::new()),
            Some("D;Шины;x;-100;#Н/Д".into()),
            reason("5")
        )
    );
    // Read, accepted and rejected money add up; the rejected rows' money is not known.
    assert_eq!(v.money_read, Some(30_000));
    assert_eq!(v.money_accepted, Some(30_000));
    assert_eq!(v.money_rejected, Some(0));
}

#[test]
fn regression_a_score_on_no_scale_is_rejected() {
    // −1 and 11 fit neither a 1–5 nor a 0–10 survey: they were counted in the mean, and
    // the −1 made a 1–5 survey read as 0–10 (NPS −60). Scores repeat, so the column is
    // parsed by its distinct cells, the path that lets a column's text go.
    let mut text = String::from("visit_id;score\nV1;5\nV2;-1\nV3;11\nV4;4,5\n");
    for i in 0..20 {
        text.push_str(&format!("W{i};4\n"));
    }
    let v = validated(Table::Feedback, &text);
    assert_eq!(v.accepted.height(), 22);
    let rows: Vec<String> = (0..v.rejects.height())
        .map(|i| {
            let get = |c: &str| v.rejects.column(c).unwrap().get(i).unwrap().to_string();
            format!("{} {} {}", get("row"), get("column"), get("value"))
        })
        .collect();
    assert_eq!(rows, ["3 \"score\" \"-1\"", "4 \"score\" \"11\""]);
    let reason = v
        .rejects
        .column("reason")
        .unwrap()
        .get(0)
        .unwrap()
        .to_string();
    assert_eq!(
        reason,
        format!("\"{}\"", crate::ingest::reasons::SCORE_RANGE)
    );
}

#[test]
fn regression_a_competitor_price_of_0_or_a_dash_is_rejected() {
    // «—» (money's dash is a zero) and 0 say the competitor does not offer the service:
    // read as prices of 0 they were the market's minimum and pulled the median down.
    // 0,00 is a zero too; 1 234 is a price. Prices repeat, so the column is parsed by its
    // distinct cells, the path that lets a column's text go unless a cell is cited.
    let mut text = String::from(
        "competitor;description;price;observed_at\n\
         A;Wash;—;2026-10-10\n\
         B;Wash;250;2026-10-10\n\
         C;Wash;0;2026-10-10\n\
         D;Wash;0,00;2026-10-10\n\
         E;Wash;1 234;2026-10-10\n",
    );
    for i in 0..20 {
        text.push_str(&format!("X{i};Wash;300;2026-10-10\n"));
    }
    let v = validated(Table::CompetitorPrices, &text);
    assert_eq!(v.accepted.height(), 22);
    let rows: Vec<String> = (0..v.rejects.height())
        .map(|i| {
            let get = |c: &str| v.rejects.column(c).unwrap().get(i).unwrap().to_string();
            format!("{} {} {}", get("row"), get("column"), get("value"))
        })
        .collect();
    assert_eq!(
        rows,
        [
            "2 \"price\" \"—\"",
            "4 \"price\" \"0\"",
            "5 \"price\" \"0,00\""
        ]
    );
    let reason = v
        .rejects
        .column("reason")
        .unwrap()
        .get(0)
        .unwrap()
        .to_string();
    assert_eq!(
        reason,
        format!("\"{}\"", crate::ingest::reasons::ZERO_COMPETITOR_PRICE)
    );
}

#[test]
fn regression_a_percentage_discount_is_taken_off_an_amount_computed_from_the_price() {
    // Lines with a price and no amount: before, `Скидка, %` was not read and every amount
    // was quantity × price, the revenue overstated by every discount. Hand-worked, in
    // kopecks: 2 × 1000 less 10 % = 1800; 3 × 333,33 = 999,99 less 10,5 % = 894,99105 →
    // 894,99; 1,05 less 10 % = 0,945 → 0,95 (half away from zero, which a float's
    // 94,4999… would miss); a discount amount (50) is taken instead of the percentage; a
    // discount of 0 leaves the percentage; no percentage, nothing off; 150 % and −5 %
    // are rejected, naming the cell.
    let text = "Номер заказ-наряда;Наименование;Количество;Цена;Скидка;Скидка, %\n\
                V1;A;2;1000;;10\n\
                V2;B;3;333,33;;10,5 %\n\
                V3;C;1;1,05;;10\n\
                V4;D;1;1000;50;10\n\
                V5;E;1;1000;0;10\n\
                V6;F;1;1000;;\n\
                V7;G;1;1000;;150\n\
                V8;H;1;1000;;-5\n";
    let v = validated(Table::OrderLines, text);
    let ints = |c: &str| -> Vec<Option<i64>> {
        v.accepted
            .column(c)
            .unwrap()
            .i64()
            .unwrap()
            .iter()
            .collect()
    };
    let amounts = [180_000, 89_499, 95, 95_000, 90_000, 100_000];
    assert_eq!(ints("amount"), amounts.map(Some));
    assert_eq!(
        ints("discount"),
        [20_000, 10_500, 10, 5_000, 10_000, 0].map(Some)
    );
    // The percentage is not a column of the model.
    assert!(v.accepted.column("discount_pct").is_err());
    let get = |c: &str, i: usize| v.rejects.column(c).unwrap().get(i).unwrap().to_string();
    let rows: Vec<String> = (0..v.rejects.height())
        .map(|i| format!("{} {} {}", get("row", i), get("column", i), get("value", i)))
        .collect();
    assert_eq!(rows, ["8 \"Скидка, %\" \"150\"", "9 \"Скидка, %\" \"-5\""]);
    let reason = format!("\"{}\"", crate::ingest::reasons::DISCOUNT_PCT_RANGE);
    assert_eq!(get("reason", 0), reason);

    // Beside an amount column the percentage is not needed: the amounts are read as they
    // are, and a cell that is no percentage rejects nothing.
    let text = "Номер заказ-наряда;Наименование;Количество;Цена;Сумма;Скидка, %\n\
                V1;A;2;1000;1800;10\n\
                V2;B;1;1000;1000;много\n";
    let v = validated(Table::OrderLines, text);
    assert_eq!(v.rejects.height(), 0);
    let amounts: Vec<Option<i64>> = v
        .accepted
        .column("amount")
        .unwrap()
        .i64()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(amounts, [Some(180_000), Some(100_000)]);
}

#[test]
fn regression_money_read_otherwise_than_written_is_counted_on_accepted_rows_only() {
    // 103.0 and 104.0 have no description: rejected. Their thousands, their ids written
    // `.0` and their lost `₽` were counted in the warnings before.
    let v = validated(
        Table::PriceList,
        "service_code;description;price\n\
         103.0;;3,000\n\
         101.0;Oil;1,500\n\
         102.0;Wash;1,500\n\
         104.0;;4,000\n",
    );
    assert_eq!(v.rejects.height(), 2);
    let [(_, t)] = v.thousands.as_slice() else {
        panic!("one column of thousands: {:?}", v.thousands);
    };
    // Both accepted `1,500` are counted: the mark's search passed over the repeated cell.
    assert_eq!((t.cells, t.example.as_str()), (2, "1,500"));
    let [(_, d)] = v.dot_zero.as_slice() else {
        panic!("one id column written .0: {:?}", v.dot_zero);
    };
    assert_eq!((d.cells, d.example.as_str()), (2, "101.0"));
    // Every such cell rejected: no warning.
    let v = validated(
        Table::PriceList,
        "service_code;description;price\n\
         A;;3,000\n\
         B;Oil;800\n",
    );
    assert!(v.thousands.is_empty(), "{:?}", v.thousands);
    // A `₽` lost to Windows-1251, and money of more than two decimals: the first accepted
    // cell is quoted, with what it was read as (1234,567 as 1 234,57: 123 457 kopecks).
    let v = validated(
        Table::PriceList,
        "service_code;description;price\n\
         A;;700 ?\n\
         B;Oil;1 500,00 ?\n\
         C;;10,001\n\
         D;Wash;1234,567\n\
         E;Tyres;0,29\n",
    );
    assert_eq!(v.rejects.height(), 2);
    let [(_, l)] = v.lost_sign.as_slice() else {
        panic!("one column of lost signs: {:?}", v.lost_sign);
    };
    assert_eq!((l.cells, l.example.as_str()), (1, "1 500,00 ?"));
    let [(_, r)] = v.rounded.as_slice() else {
        panic!("one column rounded: {:?}", v.rounded);
    };
    assert_eq!(
        (r.cells, r.example.as_str(), r.kopecks),
        (1, "1234,567", 123_457)
    );
}

#[test]
fn regression_a_dollar_station_reads_dollars_and_rejects_roubles_naming_its_currency() {
    // Session 29 read the rouble's signs alone whatever `currency` said: every `$` price
    // of a dollar station was rejected. A `?` is no lost `$` (Windows-1251 has `$`), so
    // most likely a lost `₽`: rejected as another currency's, as in session 30.
    let ctx = Context {
        currency: cells::Currency::new("USD"),
        ..Context::default()
    };
    let v = validated_in(
        Table::PriceList,
        "service_code;description;price\n\
         A;Oil;$1,234.50\n\
         B;Wash;$1,500\n\
         C;Tyres;1 234 ₽\n\
         D;Brakes;1,500.00 ?\n",
        &ctx,
    );
    let price = v.accepted.column("price").unwrap().i64().unwrap();
    assert_eq!(
        price.iter().collect::<Vec<_>>(),
        [Some(123_450), Some(150_000)]
    );
    let reasons: Vec<_> = v
        .rejects
        .column("reason")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .collect();
    let usd = ctx.currency.money_reason();
    assert_eq!(reasons, [Some(usd.as_str()), Some(usd.as_str())]);
    assert!(v.lost_sign.is_empty(), "{:?}", v.lost_sign);
}
