//! Tests of reading phone cells: the ways Russian client bases write a number.

use super::*;

#[test]
fn phones_are_written_as_gateways_take_them_or_left_empty() {
    let cells = [
        Some("8 (916) 123-45-67"),
        Some("89161234567"),
        Some("7 916 1234567"),
        Some(" +7 (916) 123-45-67 "),
        Some("(495) 123-45-67"),          // ten digits, the country left out
        Some("+375 29 123-45-67"),        // another country, written with its +
        Some("+86 138 0013 8000"),        // thirteen digits with +
        Some("8 916 123-45-67 доб. 12"),  // an extension: the number without it
        Some("+7 (916) 1234567 доб. 12"), // an extension after a `+`
        Some("8 916 123-45-67, 8 495 123-45-67"), // two numbers: the first
        // A landline first: the mobile (session 30; the landline before it).
        Some("8(495)123-45-67; 8 916 123 45 67"),
        Some("тел. 8-916-123-45-67 (моб.)"),
        Some("79161234567.0"), // a number turned into a decimal
        Some("7,92E+10"),      // Excel's display of a long number
        Some("8.916.123.45.67"),
        Some("123-45-67"),
        Some("0123456789"), // ten digits, but no Russian code starts with 0
        Some(""),
        None,
    ];
    let v: Vec<Option<String>> = cells.iter().map(|c| c.and_then(phone_e164)).collect();
    let m = Some("+79161234567".to_string());
    let s = |t: &str| Some(t.to_string());
    assert_eq!(
        v,
        [
            m.clone(),
            m.clone(),
            m.clone(),
            m.clone(),
            s("+74951234567"),
            s("+375291234567"),
            s("+8613800138000"),
            m.clone(),
            m.clone(),
            m.clone(),
            m.clone(),
            m.clone(),
            m.clone(),
            None,
            m,
            None,
            None,
            None,
            None
        ]
    );
}

#[test]
fn regression_a_mobile_short_of_a_digit_after_the_trunk_8_gives_no_number() {
    // `8 916 123 45 6` (ten digits) gave `+78916123456`: a number nobody should be
    // messaged at. Ten digits from 8 are a number only where an area code begins so.
    let m = |t: &str| Some(t.to_string());
    for (cell, want) in [
        ("8 916 123 45 6", None),
        ("8916123456", None),
        ("8 (903) 111-22-3", None),
        ("8 880 123 45 6", None),
        // Area codes from 8: toll-free 800, St Petersburg 812, Krasnodar 861, …
        ("800 123-45-67", m("+78001234567")),
        ("(812) 123-45-67", m("+78121234567")),
        ("861 123 45 67", m("+78611234567")),
        ("873 123 45 67", m("+78731234567")),
        // Eleven digits from 8 and ten from 9 are as before.
        ("8 916 123 45 67", m("+79161234567")),
        ("916 123 45 67", m("+79161234567")),
        ("8 812 123 45 67", m("+78121234567")),
    ] {
        assert_eq!(phone_e164(cell), want, "{cell:?}");
    }
    // The list shows such a cell as written, as every number it cannot read.
    assert_eq!(phone_text("8 916 123 45 6", Lang::Ru), "8 916 123 45 6");
}

#[test]
fn regression_typographic_dashes_and_spaces_group_the_digits() {
    // `+7 (916) 123‑45‑67` with non-breaking hyphens (U+2011) had no phone_e164: the
    // hyphen ended the number after `123`.
    let n = "+79161234567".to_string();
    let m = Some(n.clone());
    for cell in [
        "+7 (916) 123\u{2011}45\u{2011}67",
        "+7 (916) 123\u{2010}45\u{2010}67",
        "8 916 123\u{2012}45\u{2012}67",
        "8 916 123\u{2013}45\u{2013}67",
        "8 916 123\u{2014}45\u{2014}67",
        "8\u{2015}916\u{2015}123\u{2015}45\u{2015}67",
        "8 916 123\u{2212}45\u{2212}67",
        "+7\u{a0}916\u{a0}123\u{a0}45\u{a0}67",
        "+7\u{202f}916\u{202f}123\u{202f}45\u{202f}67",
        "8\u{2009}916\u{2009}1234567",
    ] {
        assert_eq!(phone_e164(cell), m, "{cell:?}");
        assert_eq!(phone_text(cell, Lang::Ru), "8 (916) 123-45-67", "{cell:?}");
    }
    // A word after the number still ends it; an extension after a dash is still one.
    assert_eq!(phone_e164("8 916 123\u{2011}45\u{2011}67 (моб.)"), m);
    let p = parse_phone("8 916 123\u{2011}45\u{2011}67 доб. 12").unwrap();
    assert_eq!((p.e164, p.extension), (n, Some("12".to_string())));
}

#[test]
fn regression_a_plus_before_the_russian_8_is_read_as_plus_7() {
    // `+8 916 123 45 67` gave `+89161234567`, a number that does not exist.
    assert_eq!(
        phone_e164("+8 916 123 45 67").as_deref(),
        Some("+79161234567")
    );
    assert_eq!(
        phone_e164("+8(903)111-22-33").as_deref(),
        Some("+79031112233")
    );
    // Other `+8` numbers are countries of their own: China (+86), Vietnam (+84).
    assert_eq!(
        phone_e164("+86 138 0013 8000").as_deref(),
        Some("+8613800138000")
    );
    assert_eq!(
        phone_e164("+84 91 234 56 78").as_deref(),
        Some("+84912345678")
    );
    // `+8 9…` of other than eleven digits is no number at all (no country code is 89).
    assert_eq!(phone_e164("+8 916 123 45 6"), None);
}

#[test]
fn regression_an_extension_is_kept_apart_and_an_additional_number_gives_the_first() {
    // `доп. 8(903)…` (an additional number) and `доб. 12` (an extension) left e164
    // empty; the extension's digits must not be dialled as part of the number.
    let p = |c: &str| {
        let p = parse_phone(c).unwrap();
        (p.e164, p.extension, p.alone)
    };
    let ext = |x: &str| Some(x.to_string());
    let n = "+79161234567".to_string();
    assert_eq!(
        p("8(916)123-45-67 доп. 8(903)111-22-33"),
        (n.clone(), None, false)
    );
    assert_eq!(p("8 916 123-45-67 доп. 123"), (n.clone(), ext("123"), true));
    assert_eq!(p("8 916 123-45-67 ext 7"), (n.clone(), ext("7"), true));
    assert_eq!(p("8 916 123-45-67 x12"), (n.clone(), ext("12"), true));
    assert_eq!(p("8 916 123-45-67, доб. 12"), (n.clone(), ext("12"), true));
    assert_eq!(p("8 916 123-45-67 (вн. 305)"), (n, ext("305"), true));
    // Digits that are neither an extension nor a number: nothing to dial.
    assert_eq!(parse_phone("8 916 123-45-67 кв 12 дом 4"), None);
    assert_eq!(parse_phone("8 916 123-45-67 доб. 1234567"), None);
}

#[test]
fn regression_two_numbers_joined_by_a_dash_give_the_first_mobile() {
    // `+7 916 123-45-67 - 8 495 765-43-21` and `89161234567-84957654321` were one run
    // of 22 digits: no phone_e164 at all. Of two numbers, the first Russian mobile is
    // the one an SMS reaches; the first that reads where none is a mobile.
    let (mobile, landline) = (Some("+79161234567"), Some("+74957654321"));
    for (cell, want) in [
        ("+7 916 123-45-67 - 8 495 765-43-21", mobile),
        ("89161234567-84957654321", mobile),
        ("8 495 765-43-21 - 8 916 123-45-67", mobile),
        ("84957654321-89161234567", mobile),
        ("8 495 765-43-21 – 8 916 123-45-67", mobile),
        ("8 495 765-43-21 / 8 916 123-45-67", mobile),
        ("8 495 765-43-21; 8 916 123-45-67", mobile),
        ("8 495 765-43-21, 8 916 123-45-67", mobile),
        ("8 495 765-43-21 или 8 916 123-45-67", mobile),
        ("8 495 765-43-21 ИЛИ 89161234567", mobile),
        ("8 495 765-43-21 or +7 916 1234567", mobile),
        ("8 495 765-43-21 OR +7 916 1234567", mobile),
        ("тел. 8 495 765-43-21 - моб. 8 916 123-45-67", mobile),
        // Three numbers, the mobile last.
        ("(495) 765-43-21 - (812) 123-45-67 - 916 123 45 67", mobile),
        // No mobile: the first number that reads.
        ("8 495 765-43-21 - 8 812 123-45-67", landline),
        ("+375 29 123-45-67 - 8 495 765-43-21", Some("+375291234567")),
        // A part of digits that make no number before one that does: the number.
        ("123-45, 8 495 765-43-21", landline),
    ] {
        assert_eq!(phone_e164(cell).as_deref(), want, "{cell:?}");
        // Two numbers: the list shows the cell as written.
        assert_eq!(phone_text(cell, Lang::Ru), cell, "{cell:?}");
    }
    // A run that reads as one number is never split at its dashes; one that splits
    // into no whole numbers gives none.
    assert_eq!(phone_e164("8-916-123-45-67").as_deref(), mobile);
    // Within a run, every piece must read: `123-45 - 8 916 …` may be one mistyped
    // number as well as two.
    for none in [
        "8-916-123-45-67-12",
        "+7-912-345-67-890",
        "8 916 123-45-6 - 8 495",
        "123-45 - 8 916 123-45-67",
    ] {
        assert_eq!(phone_e164(none), None, "{none:?}");
    }
    // A digit run too long to be a few numbers is not searched for them.
    assert_eq!(phone_e164(&"1-".repeat(200)), None);
    // The extension stays with its own number, not the mobile chosen.
    let p = parse_phone("8 495 765-43-21 доб. 12, 8 916 123-45-67").unwrap();
    assert_eq!(
        (p.e164.as_str(), p.extension, p.alone),
        ("+79161234567", None, false)
    );
    let p = parse_phone("8 916 123-45-67 доб. 12 или 8 495 765-43-21").unwrap();
    assert_eq!(
        (p.e164.as_str(), p.extension.as_deref(), p.alone),
        ("+79161234567", Some("12"), false)
    );
    // `или` inside a word is no separator.
    assert_eq!(phone_e164("Вилисов 8 916 123-45-67").as_deref(), mobile);
}

#[test]
fn a_phone_is_written_for_a_caller_and_kept_as_text_by_excel() {
    let ru = |c: &str| phone_text(c, Lang::Ru);
    assert_eq!(ru("+79161234567"), "8 (916) 123-45-67");
    assert_eq!(ru("89161234567"), "8 (916) 123-45-67");
    assert_eq!(ru("79161234567.0"), "8 (916) 123-45-67");
    assert_eq!(ru("+7 (701) 123 45 67"), "8 (701) 123-45-67");
    assert_eq!(ru("8 916 123-45-67 доб. 12"), "8 (916) 123-45-67 доб. 12");
    assert_eq!(
        phone_text("8 916 123-45-67 доб. 12", Lang::En),
        "8 (916) 123-45-67 ext. 12"
    );
    // Two numbers, another country's, or no number: as written.
    for kept in [
        "8 916 123-45-67, 8 495 123-45-67",
        "8(916)123-45-67 доп. 8(903)111-22-33",
        "+375 29 123-45-67",
        "7,92E+10",
        "",
    ] {
        assert_eq!(ru(kept), kept);
    }
}
