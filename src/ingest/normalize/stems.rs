//! Categories and channels read by the words in them, when an export names them its own
//! way: `Шиномонтажные работы` is tires, `Запись по телефону` a booking. Before, every
//! spelling outside the vocabulary counted as `other`, and a station whose accounting
//! system says `Слесарные работы` saw its whole demand study under «Прочее». A warning
//! names every spelling read so, and stoa.toml's `[values]` can read one otherwise.

use polars::prelude::*;

use crate::schema::EnumKind;

/// (pattern on the folded text, category), in order: the first that matches wins. A price
/// list names a service by what is done and to what (`Мойка кузова`, `Ремонт колёс`,
/// `Покраска бампера`), so the rules go from the work that decides whatever it is done to,
/// through goods, to the things that decide only under a word that names no kind of work
/// (`ремонт`, `замена`). Until session 32 the things came first: `Мойка кузова` was body
/// work, `Мойка колёс` tires and `Body wash` body.
const CATEGORY: &[(&str, &str)] = &[
    // The work itself. A wash is a wash of whatever it washes (`Мойка двигателя`);
    // `очистка форсунок` is not a wash.
    (r"мойк|\bмыть|химчист|\bчистк|детейлинг|wash", "wash"),
    (r"диагност|осмотр|diagnos|inspect", "diagnostics"),
    // Any обслуживание but самообслуживание (a self-service bay, a channel's word).
    // `то` as a word of its own (`Плановое ТО`, `ТО-15000`): not `тормоз`, `товар`, `авто`
    // or the particle of `что-то`.
    (
        r"(^|[^о])обслуж|(^|[^\w-])то($|[^\w-]|-?\d)|регламент|замена\s+(\w+\s+)?(масла|фильтр|жидкост)|maint|oil change|scheduled service",
        "maintenance",
    ),
    (
        r"шиномонтаж|балансир|развал|схожден|перебортир|вулканизац|alignment|balanc",
        "tires",
    ),
    (r"маляр|покрас|окрас|рихтов|paint", "body"),
    // Goods, whatever they are for (`Кузовные запчасти`, `Расходные материалы`); after the
    // work, as `Покраска деталей` is painting.
    (
        r"запчаст|запасн\w* част|детал|материал|товар|комплектующ|\bмасл|жидкост|фильтр|\bpart|spare",
        "parts",
    ),
    // The things, under a word that names no kind of work. At a word's start: `шин` is
    // inside `машина`.
    (r"\bшин|\bколес|tire|tyre|wheel", "tires"),
    (
        r"кузов|бампер|\bкапот|\bкрыл(о|а|ьев|ья)\b|вмятин|\bстекл(о|а|ами)?\b|лобов|body",
        "body",
    ),
    (
        r"электр|аккумулятор|стартер|генератор|проводк|\bламп|кондиционер|климат|electr",
        "electrical",
    ),
    (
        r"ремонт|слесар|двигател|\bдвс\b|подвеск|ходов|тормоз|трансмисс|кпп|сцеплен|рулев|глушител|колодк|\bгрм\b|repair|engine|brake",
        "repair",
    ),
];

/// (pattern, channel), in order: a visit without booking before booking, whatever words
/// deny it (`Без записи`, `Не по записи`, `Без предварительной записи`, `Не записан`): the
/// `запис` in them is what they deny.
const CHANNEL: &[(&str, &str)] = &[
    (
        r"(^|[^\w])(не|без|нет)\s+(\w+\s+){0,2}запис|незапис|самотек|с улицы|walk|\b(not|no|without|un)[\s-]*(pre-?)?(book|appointment)",
        "walk_in",
    ),
    ("запис|бронир|book|appointment", "booking"),
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

    /// A station's price list as it names its services, each with the category a manager
    /// files it under: the work done decides, not the thing it is done to.
    #[test]
    fn the_work_done_decides_a_service_category_over_the_thing_it_is_done_to() {
        let table = [
            ("Мойка кузова", "wash"),
            ("Мойка колёс", "wash"),
            ("Мойка двигателя", "wash"),
            ("Body wash", "wash"),
            ("Wheel wash", "wash"),
            ("Комплексная мойка", "wash"),
            ("Химчистка салона", "wash"),
            ("Диагностика подвески", "diagnostics"),
            ("Компьютерная диагностика двигателя", "diagnostics"),
            ("Техосмотр", "diagnostics"),
            ("Диагностика электрики", "diagnostics"),
            ("Плановое ТО", "maintenance"),
            ("ТО-15000", "maintenance"),
            ("Регламентное ТО 2", "maintenance"),
            ("Техническое обслуживание", "maintenance"),
            ("Замена масла", "maintenance"),
            ("Замена масла в двигателе", "maintenance"),
            ("Замена фильтра салона", "maintenance"),
            ("Oil change", "maintenance"),
            ("Сервисное обслуживание", "maintenance"),
            ("Замена технических жидкостей", "maintenance"),
            ("Шиномонтаж", "tires"),
            ("Шиномонтаж колёс R16", "tires"),
            ("Балансировка колёс", "tires"),
            ("Развал-схождение", "tires"),
            ("Ремонт колёс", "tires"),
            ("Хранение шин", "tires"),
            ("Wheel alignment", "tires"),
            ("Кузовной ремонт", "body"),
            ("Кузовные работы", "body"),
            ("Ремонт кузова", "body"),
            ("Покраска бампера", "body"),
            ("Покраска деталей кузова", "body"),
            ("Рихтовка крыла", "body"),
            ("Покраска дисков", "body"),
            ("Замена лобового стекла", "body"),
            ("Запасные части", "parts"),
            ("Запчасти и материалы", "parts"),
            ("Расходные материалы", "parts"),
            ("Кузовные запчасти", "parts"),
            ("Spare parts", "parts"),
            ("Масла и жидкости", "parts"),
            ("Масляный фильтр", "parts"),
            ("Ремонт генератора", "electrical"),
            ("Замена аккумулятора", "electrical"),
            ("Ремонт электропроводки", "electrical"),
            ("Замена ламп", "electrical"),
            ("Заправка кондиционера", "electrical"),
            ("Ремонт двигателя", "repair"),
            ("Ремонт ходовой части", "repair"),
            ("Замена тормозных колодок", "repair"),
            ("Тормозные диски", "repair"),
            ("Ремонт подвески", "repair"),
            ("Замена ремня ГРМ", "repair"),
            ("Ремонт КПП", "repair"),
            ("Ремонт ДВС", "repair"),
            ("Engine repair", "repair"),
            ("Эвакуатор", "other"),
            ("Что-то ещё", "other"),
        ];
        let (cells, want): (Vec<&str>, Vec<&str>) = table.iter().copied().unzip();
        let got = read(EnumKind::Category, &cells);
        let wrong: Vec<String> = cells
            .iter()
            .zip(got.iter().zip(&want))
            .filter(|(_, (g, w))| g != *w)
            .map(|(c, (g, w))| format!("{c}: {g}, not {w}"))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_channel_that_denies_a_booking_is_a_walk_in() {
        assert_eq!(
            read(
                EnumKind::Channel,
                &[
                    "Не по записи",
                    "без записи",
                    "Без предварительной записи",
                    "Не записан",
                    "Клиент не записывался",
                    "Нет записи",
                    "Not booked",
                    "No appointment",
                    "Unbooked",
                    "По записи",
                    "Запись по телефону",
                    "Онлайн-запись на сайте",
                    "Appointment",
                ]
            ),
            [
                "walk_in", "walk_in", "walk_in", "walk_in", "walk_in", "walk_in", "walk_in",
                "walk_in", "walk_in", "booking", "booking", "booking", "booking",
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
