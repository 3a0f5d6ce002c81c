//! Categories and channels read by the words in them, when an export names them its own
//! way: `Шиномонтажные работы` is tires, `Запись по телефону` a booking. Before, every
//! spelling outside the vocabulary counted as `other`, and a station whose accounting
//! system says `Слесарные работы` saw its whole demand study under «Прочее». A warning
//! names every spelling read so, and stoa.toml's `[values]` can read one otherwise.

use polars::prelude::*;

use crate::schema::EnumKind;

/// (pattern on the folded text, category), in order: the first that matches wins, so the
/// specific kinds of work come before repair, which names most of them (`кузовной ремонт`
/// is body work, `ремонт генератора` electrical).
const CATEGORY: &[(&str, &str)] = &[
    ("диагност|diagnos", "diagnostics"),
    // At a word's start: `шин` is inside `машина`.
    (r"\bшин|\bколес|балансир|развал|tire|tyre|wheel", "tires"),
    ("кузов|маляр|покрас|окрас|рихтов|body|paint", "body"),
    ("электр|аккумулятор|стартер|генератор|electr", "electrical"),
    // `очистка форсунок` is not a wash.
    (r"мойк|химчист|\bчистк|детейлинг|wash", "wash"),
    (
        r"техобслуж|техническ\w* обслуж|^то\b|\bто-?\d|регламент|замена масла|maint",
        "maintenance",
    ),
    (r"запчаст|детал|материал|товар|\bpart", "parts"),
    (
        "ремонт|слесар|двигател|подвеск|ходов|тормоз|трансмисс|кпп|repair",
        "repair",
    ),
];

/// (pattern, channel), in order: a visit without booking before booking.
const CHANNEL: &[(&str, &str)] = &[
    ("без записи|самотек|с улицы|walk", "walk_in"),
    ("запис|бронир|book", "booking"),
    ("выезд|на дом|доставк", "home"),
    ("абонем|абонент|подписк|subscri", "subscription"),
    ("гарант|warrant", "warranty"),
    ("самообслуж|self", "self_service"),
    ("агент|agent", "agent"),
    (
        r"корпорат|безнал|договор|автопарк|юр\.? ?лиц|организац|учетн|fleet",
        "fleet",
    ),
];

/// The value of `folded` text (lower case, `ё` as `е`) of `kind` by the words in it; null
/// where none matches or the kind is not read so (statuses and kinds must be exact).
pub(super) fn by_words(kind: EnumKind, folded: Expr) -> Expr {
    let rules = match kind {
        EnumKind::Category => CATEGORY,
        EnumKind::Channel => CHANNEL,
        _ => &[],
    };
    let mut e = lit(NULL).cast(DataType::String);
    for (pattern, value) in rules.iter().rev() {
        e = when(folded.clone().str().contains(lit(*pattern), false))
            .then(lit(*value))
            .otherwise(e);
    }
    e
}

#[cfg(test)]
mod tests {
    use super::super::canonical;
    use super::*;

    fn read(kind: EnumKind, cells: &[&str]) -> Vec<String> {
        let df = df!("c" => cells).unwrap();
        let out = df
            .lazy()
            .select([canonical(kind, col("c"))])
            .collect()
            .unwrap();
        let c = out.column("c").unwrap().str().unwrap();
        c.iter().map(|v| v.unwrap_or("").to_string()).collect()
    }

    #[test]
    fn categories_of_an_accounting_system_by_their_words() {
        assert_eq!(
            read(
                EnumKind::Category,
                &[
                    "Шиномонтажные работы",
                    "Развал-схождение",
                    "Малярно-кузовные работы",
                    "Кузовной ремонт",
                    "Ремонт генератора",
                    "Диагностика ходовой",
                    "ТО-1",
                    "Замена масла",
                    "Слесарные работы",
                    "Ремонт двигателя",
                    "Химчистка салона",
                    "Тормозная система",
                    "Товары",
                    "Эвакуация",
                    "Мойка машины",
                    "Очистка форсунок",
                ]
            ),
            [
                "tires",
                "tires",
                "body",
                "body",
                "electrical",
                "diagnostics",
                "maintenance",
                "maintenance",
                "repair",
                "repair",
                "wash",
                "repair",
                "parts",
                "other",
                "wash",
                "other"
            ]
        );
    }

    #[test]
    fn channels_by_their_words_and_a_word_inside_another_is_not_one() {
        assert_eq!(
            read(
                EnumKind::Channel,
                &[
                    "Запись по телефону",
                    "Без записи",
                    "Корпоративный клиент",
                    "Юр. лицо по договору",
                    "Звонок",
                ]
            ),
            ["booking", "walk_in", "fleet", "fleet", "other"]
        );
        // `то` starts `тормоз` and `товар`, which are not maintenance.
        assert_eq!(
            read(EnumKind::Category, &["Тормоза", "Товар", "то 2"]),
            ["repair", "parts", "maintenance"]
        );
    }
}
