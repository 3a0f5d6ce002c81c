//! The header search and the reading of header cells, on rows as exports write them.

use super::*;

mod names_1c;

fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
    r.iter()
        .map(|row| row.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn header_below_title_rows_wins_over_a_title_that_names_one_column() {
    let s = Synonyms::new(Table::Visits, &Config::default());
    let r = rows(&[
        &["Выгрузка заказ-нарядов", "", ""],
        &["Дата", "01.11.2026", ""], // names one column (дата) by accident
        &[],
        &[
            "Номер заказ-наряда",
            "Дата приёма",
            "Код клиента",
            "Марка",
            "Примечание",
        ],
    ]);
    let h = s.find_header(&r).unwrap();
    assert_eq!(h.index, 3);
    assert_eq!(h.mapping.get("visit_id"), Some(&0));
    assert_eq!(h.mapping.get("opened_at"), Some(&1));
    assert_eq!(h.mapping.get("brand"), Some(&3));
    assert_eq!(h.mapping.len(), 4);
    assert!(s.missing_required(&h).is_empty());
}

#[test]
fn config_synonyms_and_missing_columns() {
    let cfg = Config::from_toml("[columns.visits]\nopened_at = [\"Принят\"]\n", "t").unwrap();
    let s = Synonyms::new(Table::Visits, &cfg);
    let h = s.find_header(&rows(&[&["Принят", "Клиент"]])).unwrap();
    assert_eq!(h.mapping.get("opened_at"), Some(&0));
    assert_eq!(s.missing_required(&h), vec!["visit_id", "brand"]);
}

#[test]
fn the_most_specific_of_two_names_for_a_column_is_read() {
    // A 1C export: the row number, the client's name beside their code, the amount
    // before and after the discount. Read in the first cell's favour, the visit id was
    // the row number, the client the name and the revenue the gross amount.
    let s = Synonyms::new(Table::Visits, &Config::default());
    let h = s
        .find_header(&rows(&[&[
            "№",
            "Номер заказ-наряда",
            "Дата",
            "Клиент",
            "Код клиента",
            "Марка",
        ]]))
        .unwrap();
    assert_eq!(h.mapping.get("visit_id"), Some(&1));
    assert_eq!(h.mapping.get("client_id"), Some(&4));
    assert_eq!(h.passed_over.get("visit_id"), Some(&vec![0]));
    assert_eq!(h.passed_over.get("client_id"), Some(&vec![3]));
    assert_eq!(h.passed_over.get("opened_at"), None);
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    let h = lines
        .find_header(&rows(&[&[
            "Заказ-наряд",
            "Наименование",
            "Сумма",
            "Сумма со скидкой",
        ]]))
        .unwrap();
    assert_eq!(h.mapping.get("amount"), Some(&3));
    // A name given in stoa.toml is read before any built-in one, however short.
    let cfg = Config::from_toml("[columns.order_lines]\namount = [\"Сумма\"]\n", "t").unwrap();
    let lines = Synonyms::new(Table::OrderLines, &cfg);
    let h = lines
        .find_header(&rows(&[&[
            "Заказ-наряд",
            "Наименование",
            "Сумма со скидкой",
            "Сумма",
        ]]))
        .unwrap();
    assert_eq!(h.mapping.get("amount"), Some(&3));
    assert_eq!(h.passed_over.get("amount"), Some(&vec![2]));
}

#[test]
fn a_cell_that_begins_with_a_name_is_read_when_no_cell_names_the_column_whole() {
    // 1C's own headers. Before, `Статус документа` went unread without a word and every
    // visit counted as done, cancelled and no-show ones too.
    let s = Synonyms::new(Table::Visits, &Config::default());
    let h = s
        .find_header(&rows(&[&[
            "Номер док.",
            "Дата документа",
            "Код клиента:",
            "Марка а/м",
            "Пробег (км)",
            "Статус документа",
            "Дата выдачи план",
            "Номер телефона",
        ]]))
        .unwrap();
    let read: Vec<(&str, usize)> = h.mapping.iter().map(|(c, i)| (*c, *i)).collect();
    assert_eq!(
        read,
        [
            ("brand", 3),
            ("client_id", 2),
            ("closed_at", 6), // the longest name it begins with: `дата выдачи`
            ("odometer_km", 4),
            ("opened_at", 1),
            ("status", 5),
            ("visit_id", 0), // `Номер телефона` is known to be no visit number
        ]
    );
    // `Код клиента:` is the whole name once its colon is gone.
    assert_eq!(
        h.loose,
        [
            "brand",
            "closed_at",
            "odometer_km",
            "opened_at",
            "status",
            "visit_id"
        ]
    );
    assert!(h.passed_over.is_empty(), "{:?}", h.passed_over);

    // A whole name wins, and the cell that only began with one is not passed over.
    let h = s
        .find_header(&rows(&[&[
            "Номер телефона",
            "Номер заказ-наряда",
            "Дата",
            "Клиент",
            "Марка",
        ]]))
        .unwrap();
    assert_eq!(h.mapping.get("visit_id"), Some(&1));
    assert!(h.loose.is_empty() && h.passed_over.is_empty());

    // Two cells that begin with the same name, and none whole: which is the visit's
    // date is not guessed, and the missing column is the error it always was.
    let h = s
        .find_header(&rows(&[&[
            "Номер заказ-наряда",
            "Дата документа",
            "Дата записи",
            "Клиент",
            "Марка",
        ]]))
        .unwrap();
    assert_eq!(h.mapping.get("opened_at"), None);
    assert_eq!(s.missing_required(&h), ["opened_at"]);

    // Headers known to be something else are not read by their first words: the
    // amount before the discount is no amount, but the gross the amount is computed from.
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    let h = lines
        .find_header(&rows(&[&[
            "Заказ-наряд",
            "Наименование",
            "Сумма без скидки",
        ]]))
        .unwrap();
    assert_eq!(h.mapping.get("amount"), None);
    assert_eq!(h.mapping.get("gross_amount"), Some(&2));
    assert!(derived_amount(Table::OrderLines, &h));
    assert!(lines.missing_required(&h).is_empty());
    // A discount in per cent is no discount amount; a time of repair no time of day;
    // `Фамилия, имя, отчество` is the whole name, not the surname.
    let h = lines
        .find_header(&rows(&[&["Заказ-наряд", "Сумма", "Скидка, %"]]))
        .unwrap();
    assert_eq!(h.mapping.get("discount"), None);
    let visits = Synonyms::new(Table::Visits, &Config::default());
    let h = visits
        .find_header(&rows(&[&["Номер", "Дата", "Время ремонта", "Время"]]))
        .unwrap();
    assert_eq!(h.mapping.get("opened_time"), Some(&3));
    let clients = Synonyms::new(Table::Clients, &Config::default());
    let h = clients
        .find_header(&rows(&[&["Код клиента", "Фамилия, имя, отчество"]]))
        .unwrap();
    assert_eq!(h.mapping.get("name"), Some(&1));
    assert_eq!(h.mapping.get("surname"), None);

    // Short names are not read from the start of a cell: `№ п/п` is no visit number, and
    // `Код клиента` among order lines no service code; nor is a word that merely begins
    // with a name (`Заказ-наряды за октябрь`).
    let h = lines
        .find_header(&rows(&[&[
            "№ п/п",
            "Код клиента",
            "Заказ-наряды за октябрь",
            "Сумма",
        ]]))
        .unwrap();
    assert_eq!(h.mapping.keys().copied().collect::<Vec<_>>(), ["amount"]);
}

#[test]
fn no_header_when_nothing_matches() {
    let s = Synonyms::new(Table::Clients, &Config::default());
    assert!(s.find_header(&rows(&[&["a", "b"], &["1", "2"]])).is_none());
}

#[test]
fn competitor_prices_need_code_or_description() {
    let s = Synonyms::new(Table::CompetitorPrices, &Config::default());
    let h = s
        .find_header(&rows(&[&["Конкурент", "Цена", "Дата"]]))
        .unwrap();
    assert_eq!(s.missing_required(&h), vec!["service_code or description"]);
}

#[test]
fn a_group_cell_over_sub_headers_is_read_with_them_as_one_header() {
    // 1C's layout: `Сумма` merged over the amounts before and after the discount, the other
    // cells merged down over both rows (a merged cell's others are empty). Read a row at a
    // time, `Сумма` was the amount (the gross one) and the second row a row of data.
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    let r = rows(&[
        &["Заказ-наряд", "Номенклатура", "Количество", "Сумма", ""],
        &["", "", "", "без скидки", "со скидкой"],
        &["ЗН-1", "Масло", "1", "2000", "1500"],
    ]);
    let h = lines.find_header(&r).unwrap();
    assert_eq!(h.index, 1, "the data begin on the third row");
    assert_eq!(h.mapping.get("amount"), Some(&4));
    assert_eq!(h.mapping.get("visit_id"), Some(&0));
    assert_eq!(h.cells[4], "Сумма со скидкой");
    // The amount before the discount is read only where no cell gives the amount.
    assert_eq!(h.cells[3], "Сумма без скидки");
    assert_eq!(h.mapping.get("gross_amount"), None);
    assert_eq!(
        h.joined,
        [Joined {
            position: 4,
            upper: "Сумма".into(),
            lower: "со скидкой".into()
        }]
    );
    // The group cell's unit is not part of the name; a title row above changes nothing.
    let r = rows(&[
        &["Работы за март 2026"],
        &[],
        &[
            "Номер заказ-наряда",
            "Наименование",
            "Цена",
            "Сумма, руб.",
            "",
        ],
        &["", "", "", "без скидки", "со скидкой"],
    ]);
    let h = lines.find_header(&r).unwrap();
    assert_eq!((h.index, h.mapping.get("amount")), (3, Some(&4)));
    assert_eq!(h.mapping.get("unit_price"), Some(&2));
}

#[test]
fn sub_headers_name_columns_alone_or_as_the_code_of_their_group() {
    // Groups over the visit's, the client's and the car's columns: `Номер` and `Дата` under
    // `Заказ-наряд`, `Код` under `Клиент` is the client; `Статус` merged down.
    let visits = Synonyms::new(Table::Visits, &Config::default());
    let r = rows(&[
        &["Реестр заказ-нарядов"],
        &[],
        &["Заказ-наряд", "", "Клиент", "", "Автомобиль", "", "Статус"],
        &[
            "Номер",
            "Дата",
            "Код",
            "Наименование",
            "Марка",
            "Госномер",
            "",
        ],
        &[
            "ЗН-1",
            "01.03.2026",
            "КЛ-1",
            "Иванов",
            "Lada",
            "А123ВС77",
            "Выполнен",
        ],
    ]);
    let h = visits.find_header(&r).unwrap();
    assert_eq!(h.index, 3);
    let read: Vec<(&str, usize)> = h.mapping.iter().map(|(c, i)| (*c, *i)).collect();
    assert_eq!(
        read,
        [
            ("brand", 4),
            ("client_id", 2),
            ("opened_at", 1),
            ("plate", 5),
            ("status", 6),
            ("visit_id", 0),
        ]
    );
    assert!(visits.missing_required(&h).is_empty());
    let joined: Vec<(usize, &str)> = h
        .joined
        .iter()
        .map(|j| (j.position, j.upper.as_str()))
        .collect();
    assert_eq!(joined, [(0, "Заказ-наряд"), (2, "Клиент")]);
}

#[test]
fn a_row_of_data_under_a_header_is_no_sub_header() {
    // Values under cells of one column each name nothing: the header stays one row, even
    // where a value happens to be a header's word (`Работа`) or the last header cell
    // looks like a group over an unnamed column.
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    let r = rows(&[
        &["Заказ-наряд", "Наименование", "Сумма", ""],
        &["ЗН-1", "Работа", "1000", "примечание"],
    ]);
    let h = lines.find_header(&r).unwrap();
    assert_eq!(h.index, 0);
    assert!(h.joined.is_empty());
    // `Сумма` over `с НДС | НДС` is a header of two rows: `Сумма с НДС` is the amount,
    // the VAT no column (until session 29 `Сумма с НДС` named nothing, the row above was
    // read alone and the second row rejected as data).
    let r = rows(&[
        &["Заказ-наряд", "Наименование", "Сумма", ""],
        &["", "", "с НДС", "НДС"],
    ]);
    let h = lines.find_header(&r).unwrap();
    assert_eq!((h.index, h.mapping.get("amount")), (1, Some(&2)));
}

#[test]
fn a_row_of_column_numbers_under_the_header_belongs_to_it() {
    let visits = Synonyms::new(Table::Visits, &Config::default());
    let r = rows(&[
        &["", "Реестр заказ-нарядов"],
        &[
            "",
            "№ п/п",
            "Номер заказ-наряда",
            "Дата приёма",
            "",
            "Код клиента",
            "Марка",
        ],
        &["", "1", "2", "3", "", "4", "5"],
        &["", "1", "ЗН-1", "01.03.2026", "", "КЛ-1", "Lada"],
    ]);
    let h = visits.find_header(&r).unwrap();
    // Both rows as written, for finding them repeated over each page.
    assert_eq!((h.index, h.written.as_slice()), (2, &r[1..3]));
    // Numbers out of order, or fewer than the header's cells, are data.
    let short = |numbers: &[&str]| {
        let r = rows(&[&["Номер", "Дата", "Клиент", "Марка"], numbers]);
        visits.find_header(&r).unwrap().index
    };
    assert_eq!(short(&["1", "2", "4", "3"]), 0);
    assert_eq!(short(&["1", "2", "3", ""]), 0);
    assert_eq!(short(&["1", "2", "3", "4"]), 1);
}

#[test]
fn a_word_broken_at_a_line_end_is_read_whole() {
    let s = Synonyms::new(Table::Visits, &Config::default());
    assert_eq!(s.column_of("№ заказ-\nнаряда"), Some("visit_id"));
    assert_eq!(s.column_of("№ заказ-\r\n наряда"), Some("visit_id"));
    assert_eq!(s.column_of("Номер заказ-на\u{ad}ряда"), Some("visit_id"));
    // A line break between words is a space.
    assert_eq!(s.column_of("Дата\nприёма"), Some("opened_at"));
    assert_eq!(unbroken("Мастер- приёмщик"), "Мастер- приёмщик");
}

#[test]
fn a_header_past_the_first_thirty_rows_is_read_when_none_above_holds_the_table() {
    // 1C's parameter block: thirty rows of filters above the header.
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    let mut r: Vec<Vec<String>> = (0..33)
        .map(|k| vec!["Отбор:".to_string(), format!("Смена {k}")])
        .collect();
    r.push(vec![
        "Номер заказ-наряда".into(),
        "Наименование".into(),
        "Сумма".into(),
    ]);
    r.push(vec!["ЗН-1".into(), "Работа".into(), "1000".into()]);
    let h = lines.find_header(&r).unwrap();
    assert_eq!(h.index, 33);
    assert!(lines.missing_required(&h).is_empty());
    // A complete header among the first thirty rows is read, whatever lies below.
    let mut r = rows(&[&["Заказ-наряд", "Наименование", "Сумма"]]);
    r.extend((0..40).map(|_| vec!["ЗН-1".to_string(), "Работа".into(), "1".into()]));
    r.push(vec![
        "Номер заказ-наряда".into(),
        "Наименование".into(),
        "Сумма".into(),
        "Скидка".into(),
    ]);
    assert_eq!(lines.find_header(&r).unwrap().index, 0);
}

#[test]
fn a_title_right_above_a_two_row_header_is_no_group_cell() {
    // The title's one cell, carried over the header's cells, names nothing: the header is
    // the two rows under it.
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    let r = rows(&[
        &["Работы за март"],
        &["Заказ-наряд", "Наименование", "Сумма, руб.", ""],
        &["", "", "без скидки", "со скидкой"],
    ]);
    let h = lines.find_header(&r).unwrap();
    assert_eq!((h.index, h.mapping.get("amount")), (2, Some(&3)));
}

#[test]
fn the_error_of_no_header_names_how_far_it_was_looked_for() {
    let e = crate::ingest::IngestError::NoHeader {
        table: Table::OrderLines,
        place: "order_lines.csv".into(),
        examples: String::new(),
    };
    let said = e.to_string();
    assert!(
        said.contains(&format!("the first {HEADER_SEARCH_FAR} rows")),
        "{said}"
    );
}

#[test]
fn a_cell_of_a_repeated_name_is_chosen_by_its_place() {
    // Two `Сумма` columns, before and after the discount: `Сумма` in stoa.toml cannot tell
    // them apart, `Сумма#2` reads the second.
    let row = rows(&[&["Заказ-наряд", "Работа", "Сумма", "Сумма"]]);
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    let h = lines.find_header(&row).unwrap();
    assert_eq!(h.mapping.get("amount"), Some(&2));
    assert_eq!(h.passed_over.get("amount"), Some(&vec![3]));
    let second = |toml: &str| {
        let cfg = Config::from_toml(toml, "t").unwrap();
        let h = Synonyms::new(Table::OrderLines, &cfg)
            .find_header(&row)
            .unwrap();
        (
            h.mapping.get("amount").copied(),
            h.passed_over.get("amount").cloned(),
        )
    };
    assert_eq!(
        second("[columns.order_lines]\namount = \"Сумма#2\"\n"),
        (Some(3), Some(vec![2]))
    );
    assert_eq!(
        second("[columns.order_lines]\namount = \"сумма #2\"\n"),
        (Some(3), Some(vec![2]))
    );
    // No third cell of the name: the built-in reading stands.
    assert_eq!(
        second("[columns.order_lines]\namount = \"Сумма#3\"\n"),
        (Some(2), Some(vec![3]))
    );
}

#[test]
fn order_numbers_written_with_the_number_sign_name_the_visit() {
    for table in [Table::Visits, Table::OrderLines, Table::Feedback] {
        let s = Synonyms::new(table, &Config::default());
        for cell in ["№ заказа", "№ заказ-наряда", "№ Заказа:"] {
            assert_eq!(s.column_of(cell), Some("visit_id"), "{table:?}: {cell}");
        }
    }
}

#[test]
fn a_bare_number_is_the_lines_visit_only_when_nothing_else_names_it() {
    let s = Synonyms::new(Table::OrderLines, &Config::default());
    let h = s
        .find_header(&rows(&[&["Номер", "Наименование", "Сумма"]]))
        .unwrap();
    assert_eq!(h.mapping.get("visit_id"), Some(&0));
    // Beside the order's own column, `Номер` is the line's number: not read, not named
    // in a warning, on either side.
    for row in [
        &["Номер", "Номер заказ-наряда", "Наименование", "Сумма"][..],
        &["Заказ-наряд", "Номер", "Наименование", "Сумма"][..],
    ] {
        let h = s.find_header(&rows(&[row])).unwrap();
        assert_eq!(
            h.mapping.get("visit_id"),
            Some(&(1 - usize::from(row[0] != "Номер")))
        );
        assert!(h.passed_over.is_empty(), "{row:?}");
    }
    // Never loosely: a line's number is no visit.
    assert_eq!(s.column_of("Номер строки"), None);
    // The visits and feedback keep their own reading of it.
    let v = Synonyms::new(Table::Visits, &Config::default());
    assert_eq!(v.column_of("Номер"), Some("visit_id"));
}

#[test]
fn words_hyphenated_by_hand_are_matched_joined() {
    let s = Synonyms::new(Table::Visits, &Config::default());
    assert_eq!(s.column_of("Дата от-\nкрытия"), Some("opened_at"));
    assert_eq!(s.column_of("Дата от-крытия"), Some("opened_at"));
    assert_eq!(s.column_of("Номер заказ- наряда"), Some("visit_id"));
    let h = s
        .find_header(&rows(&[&["Номер", "Дата от- крытия", "Клиент", "Марка"]]))
        .unwrap();
    // Matched whole, not by its first word: no warning of a loose reading.
    assert!(h.loose.is_empty(), "{:?}", h.loose);
    let lines = Synonyms::new(Table::OrderLines, &Config::default());
    assert_eq!(lines.column_of("Наимено- вание"), Some("description"));
    assert_eq!(lines.column_of("Наимено-\r\nвание"), Some("description"));
    // A hyphenated word matched as written stays so.
    assert_eq!(
        dehyphenated("заказ-наряд").map(|j| j[0].clone()),
        Some("заказнаряд".into())
    );
    assert_eq!(dehyphenated("дата - 1"), None);
}
