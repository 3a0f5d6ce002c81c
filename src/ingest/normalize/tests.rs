//! The vocabularies' spellings and the values they read to, on small frames.

use super::*;

fn map(kind: EnumKind, values: &[&str]) -> Vec<Option<String>> {
    let df = df!("v" => values).unwrap();
    let out = df
        .lazy()
        .select([canonical(kind, col("v"))])
        .collect()
        .unwrap();
    out.column("v")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.map(String::from))
        .collect()
}

fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| Some(s.to_string())).collect()
}

#[test]
fn channels_in_russian_and_english() {
    let got = map(
        EnumKind::Channel,
        &[
            "самотёк",
            "Предварительная запись",
            "выезд",
            "Абонемент",
            "учёт",
            "безнал",
            "корпоративный",
            "гарантия",
            "самообслуживание",
            "агент",
            "прочее",
            "walk_in",
            "Booking",
            "неведомо",
        ],
    );
    let want = some(&[
        "walk_in",
        "booking",
        "home",
        "subscription",
        "fleet",
        "fleet",
        "fleet",
        "warranty",
        "self_service",
        "agent",
        "other",
        "walk_in",
        "booking",
        "other",
    ]);
    assert_eq!(got, want);
}

#[test]
fn statuses_and_unknown_status_is_null() {
    let got = map(
        EnumKind::Status,
        &[
            "Выполнен",
            "закрыт",
            "отменён",
            "отменен",
            "неявка",
            "done",
            "no_show",
            "В работе",
            "черновик",
            "Выполнен и оплачен",
            "Помечен на удаление",
            "наверное",
        ],
    );
    let mut want = some(&[
        "done",
        "done",
        "cancelled",
        "cancelled",
        "no_show",
        "done",
        "no_show",
        "open",
        "open",
        "done",
        "cancelled",
    ]);
    want.push(None);
    assert_eq!(got, want);
}

#[test]
fn categories_with_unknown_as_other() {
    let got = map(
        EnumKind::Category,
        &[
            "Мойка",
            "ТО",
            "диагностика",
            "ремонт",
            "Шиномонтаж",
            "кузовной",
            "электрика",
            "запчасти",
            "прочее",
            "tyres",
            "полировка",
        ],
    );
    let want = some(&[
        "wash",
        "maintenance",
        "diagnostics",
        "repair",
        "tires",
        "body",
        "electrical",
        "parts",
        "other",
        "tires",
        "other",
    ]);
    assert_eq!(got, want);
}

/// The statuses of 1C and of hand-kept sheets (session 32: `Проведён`, `Отменен
/// клиентом` and `Готов` rejected their visits and lines as unknown statuses), and
/// those of a visit not yet done, which are `open`, never `done`.
#[test]
fn statuses_of_accounting_systems_and_of_visits_not_yet_done() {
    let table = [
        ("Проведён", "done"),
        ("Проведен", "done"),
        ("Выполнен", "done"),
        ("Исполнено", "done"),
        ("Готов", "done"),
        ("Закрыт", "done"),
        ("Выполнена", "done"),
        ("Отменен клиентом", "cancelled"),
        ("Отказ клиента", "cancelled"),
        ("Отменён", "cancelled"),
        ("Отказ от ремонта", "cancelled"),
        ("Не явился", "no_show"),
        ("Неявка", "no_show"),
        ("Клиент не явился", "no_show"),
        ("В работе", "open"),
        ("Открыт", "open"),
        ("Черновик", "open"),
        ("Ожидает запчасти", "open"),
        ("Записан", "open"),
    ];
    let (cells, want): (Vec<&str>, Vec<&str>) = table.iter().copied().unzip();
    assert_eq!(map(EnumKind::Status, &cells), some(&want));
    // Statuses are exact: `Не выполнен` is not done, and not guessed at.
    assert_eq!(map(EnumKind::Status, &["Не выполнен"]), vec![None]);
}

#[test]
fn line_kinds_in_their_full_and_plural_forms() {
    let table = [
        ("Запасные части", "part"),
        ("Запасная часть", "part"),
        ("Запчасти", "part"),
        ("Материалы", "part"),
        ("Расходные материалы", "part"),
        ("Товары", "part"),
        ("Детали", "part"),
        ("Работы", "labor"),
        ("Услуги", "labor"),
        ("Автоработы", "labor"),
    ];
    let (cells, want): (Vec<&str>, Vec<&str>) = table.iter().copied().unzip();
    assert_eq!(map(EnumKind::LineKind, &cells), some(&want));
}

#[test]
fn line_and_client_kinds() {
    assert_eq!(
        map(
            EnumKind::LineKind,
            &["Работа", "запчасть", "labour", "part"]
        ),
        some(&["labor", "part", "labor", "part"])
    );
    assert_eq!(map(EnumKind::LineKind, &["бензин"]), vec![None]);
    assert_eq!(
        map(
            EnumKind::ClientKind,
            &["физлицо", "Юрлицо", "company", "ИП"]
        ),
        some(&["person", "company", "company", "company"])
    );
}
