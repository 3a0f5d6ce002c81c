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

#[test]
fn every_phrase_of_a_warning_has_its_russian_and_is_worded_inside_it() {
    for phrase in r::PHRASES {
        let (_, russian) = RUSSIAN_PHRASES
            .iter()
            .find(|(en, _)| *en == phrase)
            .unwrap_or_else(|| panic!("no Russian for {phrase}"));
        assert_eq!(phrase.matches("{}").count(), russian.matches("{}").count());
    }
    let text = r::fill(
        r::MONTH_FIRST_CONFLICT,
        &[
            "v.csv",
            &r::fill(r::SHOWN_BY, &["«Date»", "«9/13/2026»"]),
            "p.csv",
            &r::fill(r::SHOWN_BY_REJECTED, &["«observed_at»"]),
        ],
    );
    assert!(
        warning(Lang::Ru, &text).unwrap().starts_with(
            "даты через косую черту в v.csv записаны месяцем вперёд (в столбце «Date» есть «9/13/2026», что иначе не прочитать), а в p.csv — днём вперёд (в столбце «observed_at» такие даты только в строках, отклонённых по другой причине): "
        ),
        "{text}"
    );
}

#[test]
fn regression_a_column_is_named_by_its_label_and_key_in_russian() {
    // `odometer_km` alone meant nothing to a manager; «Пробег» is what the exports say.
    let text = r::fill(
        r::LOOSE_HEADER,
        &[
            "«Пробег при приёме»",
            "v.csv",
            &crate::schema::labels::named("odometer_km", false),
            "columns.visits",
        ],
    );
    assert!(
        text.contains("is read as «Mileage» (`odometer_km` in stoa.toml) by the first words"),
        "{text}"
    );
    assert!(
        warning(Lang::Ru, &text)
            .unwrap()
            .starts_with("столбец «Пробег при приёме» в v.csv читается как «Пробег» (`odometer_km` в stoa.toml) по первым словам"),
        "{text}"
    );
}

#[test]
fn regression_a_scaled_column_at_a_dollar_station_is_said_in_dollars() {
    let text = r::fill(
        r::SCALED_MONEY,
        &[
            "«Сумма, тыс.»",
            "l.csv",
            "thousands of USD",
            "USD",
            "1,5",
            "1 500,00 $",
            "USD",
        ],
    );
    assert_eq!(
        warning(Lang::Ru, &text).unwrap(),
        "столбец «Сумма, тыс.» в l.csv даёт суммы в тысячах USD, как сказано в его заголовке: они так и прочитаны и переведены в USD (1,5 — это 1 500,00 $); если в нём всё же USD, исправьте заголовок в файле"
    );
    let text = r::fill(
        r::SCALED_MONEY,
        &[
            "«Сумма, коп.»",
            "l.csv",
            "kopecks",
            "roubles",
            "15050",
            "150,50 ₽",
            "roubles",
        ],
    );
    assert_eq!(
        warning(Lang::Ru, &text).unwrap(),
        "столбец «Сумма, коп.» в l.csv даёт суммы в копейках, как сказано в его заголовке: они так и прочитаны и переведены в рубли (15050 — это 150,50 ₽); если в нём всё же рубли, исправьте заголовок в файле"
    );
}

#[test]
fn money_headed_in_roubles_at_a_dollar_station_is_said_in_russian() {
    let text = r::fill(
        r::HEADER_ROUBLES,
        &["«Сумма, руб.»", "data/l.csv", "USD", "USD", "USD"],
    );
    assert_eq!(
        warning(Lang::Ru, &text).unwrap(),
        "заголовок столбца «Сумма, руб.» в data/l.csv называет рубли, а станция ведёт учёт в USD (`currency` в stoa.toml): его суммы прочитаны как есть, как USD, без пересчёта; проверьте, в какой валюте выгрузка: если в рублях, пересчитайте суммы или укажите `currency = \"RUB\"`, а если в USD, исправьте заголовок в файле"
    );
}

#[test]
fn regression_counts_in_warnings_agree_with_their_words() {
    // `1 of the month's 1 new clients have …`; Russian `у 1 из 21 новых клиентов`.
    let new_clients = |unregistered: &str, all: &str| {
        r::fill(
            r::NEW_CLIENTS_UNREGISTERED,
            &["2026-03", "2025-06", unregistered, all, "2025-06"],
        )
    };
    let one = new_clients("1", "1");
    assert!(
        one.contains(": 1 of the month's 1 new client has no registration date"),
        "{one}"
    );
    let some = new_clients("3", "5");
    assert!(
        some.contains("3 of the month's 5 new clients have no"),
        "{some}"
    );
    assert!(new_clients("1", "5").contains("1 of the month's 5 new clients has no"));
    // Read back in either form and said in Russian, agreeing with its own counts.
    let russian = |text: &str| warning(Lang::Ru, text).unwrap();
    assert!(russian(&one).contains("у 1 из 1 нового клиента месяца нет"));
    assert!(russian(&new_clients("2", "21")).contains("у 2 из 21 нового клиента месяца"));
    assert!(russian(&some).contains("у 3 из 5 новых клиентов месяца"));
    assert!(russian(&new_clients("1", "11")).contains("у 1 из 11 новых клиентов месяца"));
    // The comeback rate's look-ahead in days, and a score off the scale.
    let days = r::fill(
        r::COMEBACKS_NOT_FINAL,
        &["2026-03", "21", "2026-03-31", "1", "2026-04-21"],
    );
    assert!(days.contains("1 of the month's visits has had"), "{days}");
    assert!(
        russian(&days).contains("в течение 21 дня после"),
        "{}",
        russian(&days)
    );
    let off = r::fill(r::OFF_SCALE_SCORES, &["1", "1", "2026-03", "7"]);
    assert!(
        off.starts_with("1 of the 1 feedback score of 2026-03 lies outside 1–5")
            && off.contains("(it is 7), and is left out"),
        "{off}"
    );
    assert!(russian(&off).starts_with("оценок: 1 из 1 за 2026-03"));
}

#[test]
fn regression_counted_warnings_agree_with_their_counts() {
    // The English warnings wrote every count with `(s)`: `1 visit(s) are still open …;
    // they are kept`. Each agrees now, its noun, verbs and pronouns, and its Russian is
    // still found in either form.
    let russian = |text: &str| warning(Lang::Ru, text).unwrap_or_else(|| panic!("{text}"));
    let open = |n: &str| r::fill(r::OPEN_VISITS, &[n]);
    assert!(
        open("1").starts_with("1 visit is still open (in progress); it is kept, and counts nowhere until the accounting system marks it done"),
        "{}",
        open("1")
    );
    assert!(open("3").starts_with(
        "3 visits are still open (in progress); they are kept, and count nowhere until the accounting system marks them done"
    ));
    assert!(russian(&open("1")).starts_with("визитов: 1 ещё не закрыты"));
    assert!(russian(&open("3")).starts_with("визитов: 3 ещё не закрыты"));
    // A table's name between the count and its noun is not a count.
    let no_client = |n: &str| r::fill(r::NO_CLIENT, &[n, "visits", "K-7"]);
    assert!(no_client("1").starts_with(
        "1 visits row refers to a client missing from `clients` (e.g. K-7); it is kept,"
    ));
    assert!(no_client("2").starts_with(
        "2 visits rows refer to clients missing from `clients` (e.g. K-7); they are kept,"
    ));
    for n in ["1", "2"] {
        assert!(russian(&no_client(n)).starts_with(&format!(
            "строк: {n} в таблице «Визиты» ссылаются на клиентов"
        )));
    }
    // A verb after other numbers agrees with the count it names.
    let closed = |n: &str| r::fill(r::CLOSED_BEFORE_OPENED, &[n, "«V2»"]);
    assert!(closed("1").starts_with(
        "1 visit (such as «V2») is closed before it was opened; it is kept, and left out of the turnaround, where a negative time would distort it; correct its dates"
    ));
    assert!(closed("1 021").starts_with(
        "1 021 visits (such as «V2») are closed before they were opened; they are kept"
    ));
    assert!(russian(&closed("1")).starts_with("визитов: 1 (например, «V2») — закрыты"));
    let utc = |n: &str| r::fill(r::UTC_TIMES, &["«Открыт»", "v.parquet", n]);
    assert!(utc("1").contains(": its 1 time of day is read as the UTC clock shows it, hours off"));
    assert!(utc("5").contains(": its 5 times of day are read as the UTC clock shows them, hours"));
    for n in ["1", "5"] {
        assert!(russian(&utc(n)).contains(&format!("(значений: {n})")));
    }
    let skipped = |n: &str| r::fill(r::HEADER_ROWS_SKIPPED, &[n, "v.csv", "7"]);
    assert!(skipped("1").starts_with("1 row of v.csv repeats the header (at row 7),"));
    assert!(skipped("1").contains(": it is skipped as no data"));
    assert!(skipped("2").starts_with("2 rows of v.csv repeat the header (the first at row 7),"));
    assert!(russian(&skipped("1"))
        .starts_with("строк: 1 в v.csv повторяют заголовок (первая — строка 7)"));
}

#[test]
fn regression_counts_without_a_plural_mark_agree_too() {
    // Warnings that never wrote `(s)` still said `1 of its cells are read so`, `1 of the 4
    // order lines with a discount have` and `1 of 20 scores lie above 5`.
    let russian = |text: &str| warning(Lang::Ru, text).unwrap_or_else(|| panic!("{text}"));
    let month_first = |n: &str| r::fill(r::MONTH_FIRST, &["«Дата»", "v.csv", n, "03/25/2026"]);
    assert!(month_first("1").contains(": 1 of its cells is read so, since"));
    assert!(month_first("7").contains(": 7 of its cells are read so, since"));
    let gross = |n: &str, of: &str| r::fill(r::GROSS_AMOUNTS, &[n, of, "«Сумма»", "150,00"]);
    assert!(gross("1", "4").starts_with(
        "1 of the 4 order lines with a discount has an amount («Сумма») equal to quantity × price, as if the discount were not taken off: its discount totals 150,00,"
    ));
    assert!(gross("1", "1").starts_with("1 of the 1 order line with a discount has"));
    assert!(gross("3", "4").contains(": their discounts total 150,00,"));
    let switched =
        |a: &str, b: &str| r::fill(r::SCALE_SWITCHED, &["2026-03", a, b, "2", "40", "2026-03"]);
    assert!(switched("1", "20")
        .contains("before then 1 of 20 scores lies above 5, from then on 2 of 40 lie outside"));
    assert!(switched("3", "20").contains("before then 3 of 20 scores lie above 5"));
    let dot_zero = |n: &str| r::fill(r::DOT_ZERO, &["«Код»", "c.csv", n, "7.0", "7"]);
    assert!(dot_zero("1").contains(": its 1 cell (such as 7.0, read as 7) is read without"));
    assert!(dot_zero("5").contains(": its 5 cells (such as 7.0, read as 7) are read without"));
    for text in [
        month_first("1"),
        gross("1", "4"),
        switched("1", "20"),
        dot_zero("1"),
    ] {
        russian(&text);
    }
}

#[test]
fn every_warning_with_counts_of_one_and_of_several_reads_back_and_is_worded() {
    // The forms a count of one chooses (`1 row refers`, `it is kept`) are read back as
    // their template alone and worded in Russian, as the forms of several are.
    let all: Vec<&str> = r::ALL.iter().chain(&r::WARNINGS).copied().collect();
    for n in ["1", "2"] {
        for template in all.iter().copied() {
            let args = vec![n; template.matches("{}").count()];
            let text = r::fill(template, &args);
            assert!(!text.contains('|'), "{text}");
            assert_eq!(r::parse(template, &text), Some(args.clone()), "{text}");
            for other in all.iter().filter(|o| **o != template) {
                assert_eq!(r::parse(other, &text), None, "{text} read as {other}");
            }
            let said = warning(Lang::Ru, &text).or_else(|| reason(Lang::Ru, &text));
            assert!(said.is_some(), "{text}");
        }
    }
}
