use super::*;
use crate::ingest::cells::reason as cell_reason;
use crate::schema::{EnumKind, Kind};

#[test]
fn regression_an_amount_in_a_russian_warning_is_written_as_russian_money() {
    // The repeated lines' money read `1234567.50` in a Russian warning.
    assert_eq!(
        russian_amount("1234567.50").as_deref(),
        Some("1\u{a0}234\u{a0}567,50")
    );
    assert_eq!(russian_amount("-50.00").as_deref(), Some("-50,00"));
    assert_eq!(russian_amount("999.5"), None);
    assert_eq!(russian_amount("2026-03-05"), None);
    assert_eq!(russian_amount("1.2.30"), None);
    let said = warning(
        Lang::Ru,
        &r::fill(r::REPEATED_LINES, &["3", "«V1»", "1234567.50"]),
    )
    .unwrap();
    assert!(said.contains("(1\u{a0}234\u{a0}567,50)"), "{said}");
}

#[test]
fn every_reason_of_ingest_has_its_russian_with_as_many_arguments() {
    let russian: Vec<(&str, &str)> = RUSSIAN.iter().chain(&RUSSIAN_WARNINGS).copied().collect();
    for template in r::ALL.iter().chain(&r::WARNINGS).copied() {
        let (_, russian) = russian
            .iter()
            .find(|(en, _)| *en == template)
            .unwrap_or_else(|| panic!("no Russian for {template}"));
        assert_eq!(
            template.matches("{}").count(),
            russian.matches("{}").count(),
            "{template}"
        );
    }
}

#[test]
fn the_reasons_ingest_writes_are_read_in_russian() {
    let kinds = [
        Kind::Text,
        Kind::Date,
        Kind::DateTime,
        Kind::Time,
        Kind::Money,
        Kind::Int,
        Kind::Number,
        Kind::Bool,
        Kind::Enum(EnumKind::Channel),
        Kind::Enum(EnumKind::ClientKind),
    ];
    for kind in kinds {
        let text = cell_reason(kind);
        let ru = reason(Lang::Ru, &text).unwrap_or_else(|| panic!("{text}"));
        assert!(!ru.is_ascii(), "{text} → {ru}");
    }
    assert_eq!(
        reason(Lang::Ru, &cell_reason(Kind::Enum(EnumKind::LineKind))).unwrap(),
        "неизвестное значение (вид строки): ожидается одно из работа, запчасть"
    );
    // A warning's example of a `[values]` line keeps the codes stoa.toml takes.
    assert_eq!(argument("walk_in, booking, home"), "walk_in, booking, home");
    let codes = crate::ingest::normalize::canonical_values(EnumKind::Channel).join(", ");
    assert_eq!(argument(&codes), codes);
    // Regression: the codes `done, cancelled, no_show, open` meant nothing to a user
    // whose export says «Выполнен».
    assert_eq!(
        reason(Lang::Ru, &cell_reason(Kind::Enum(EnumKind::Status))).unwrap(),
        "неизвестное значение (статус): ожидается одно из выполнен, отменен, неявка, в работе"
    );
    assert_eq!(
        reason(
            Lang::Ru,
            "duplicate «Номер»: the same value is already on row 17"
        )
        .unwrap(),
        "повтор «Номер»: то же значение уже есть в строке 17"
    );
    assert_eq!(
        reason(Lang::Ru, &r::fill(r::UNKNOWN_VISIT, &["order line"])).unwrap(),
        "строка работ неизвестного визита: среди принятых визитов нет визита с таким номером"
    );
    assert_eq!(
        reason(Lang::Ru, &r::fill(r::UNKNOWN_VISIT, &["feedback row"])).unwrap(),
        "отзыв неизвестного визита: среди принятых визитов нет визита с таким номером"
    );
    let stray = r::fill(
        r::STRAY,
        &["2", "2099-02-01 to 2099-02-03", "92", "2026-10-31"],
    );
    assert!(warning(Lang::Ru, &stray)
        .unwrap()
        .starts_with("визитов: 2, даты 2099-02-01 — 2099-02-03, больше чем через 92 дн."));
    // Not a reason of ingest: left as it is.
    assert_eq!(reason(Lang::Ru, "something else"), None);
}

#[test]
fn every_argument_ingest_uses_has_its_russian() {
    use crate::schema::Table;
    let words: Vec<&str> = ARGUMENTS.iter().map(|(en, _)| *en).collect();
    for e in [
        EnumKind::Channel,
        EnumKind::Status,
        EnumKind::Category,
        EnumKind::LineKind,
        EnumKind::ClientKind,
    ] {
        let text = cell_reason(Kind::Enum(e));
        let kind = r::parse(r::UNKNOWN_VALUE, &text).unwrap()[0];
        assert!(words.contains(&kind), "{kind}");
    }
    for table in Table::ALL {
        for c in table.columns() {
            if let Some(what) = crate::ingest::validate::negative_rule(table, c.name) {
                assert!(words.contains(&what), "{what}");
            }
        }
    }
}
