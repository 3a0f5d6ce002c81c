//! The closed vocabularies of SPEC §2 (channel, status, category, line kind, client kind):
//! English and Russian spellings mapped to one canonical value, as polars expressions.

use polars::prelude::*;

mod stems;

use crate::schema::EnumKind;

/// Canonical value and the spellings (lower case, `ё` written as `е`) that mean it.
type Vocabulary = &'static [(&'static str, &'static [&'static str])];

const CHANNEL: Vocabulary = &[
    (
        "walk_in",
        &[
            "walk_in",
            "walk-in",
            "walk in",
            "самотек",
            "без записи",
            "не по записи",
            "без предварительной записи",
            "не записан",
            "с улицы",
        ],
    ),
    (
        "booking",
        &[
            "booking",
            "pre-booking",
            "запись",
            "предварительная запись",
            "по записи",
            "онлайн-запись",
        ],
    ),
    (
        "home",
        &[
            "home",
            "выезд",
            "на дому",
            "выезд мастера",
            "доставка на дом",
            "доставка запчастей",
        ],
    ),
    (
        "subscription",
        &[
            "subscription",
            "абонемент",
            "абонентское обслуживание",
            "абонентная форма",
        ],
    ),
    (
        "fleet",
        &[
            "fleet",
            "учет",
            "учетное обслуживание",
            "безнал",
            "корпоративный",
            "корпоративные",
            "автопарк",
        ],
    ),
    (
        "warranty",
        &[
            "warranty",
            "гарантия",
            "гарантийный",
            "гарантийное обслуживание",
        ],
    ),
    (
        "self_service",
        &["self_service", "self-service", "самообслуживание"],
    ),
    (
        "agent",
        &["agent", "агент", "через агента", "по рекомендации агента"],
    ),
    (
        "other",
        &["other", "прочее", "другое", "забота об автомобиле"],
    ),
];

const STATUS: Vocabulary = &[
    (
        "done",
        &[
            "done",
            "closed",
            "completed",
            "выполнен",
            "выполнено",
            "закрыт",
            "закрыто",
            "завершен",
            "завершено",
            "выдан",
            "выдано",
            "выдан клиенту",
            "исполнен",
            "исполнено",
            // 1C's posted document: a repair order is posted when it is closed.
            "проведен",
            "проведено",
            "готов",
            "готово",
            // A booking's or a request's status is feminine (`запись`, `заявка`).
            "выполнена",
            "закрыта",
            "завершена",
            "оплачен",
            "оплачено",
            "выполнен и оплачен",
            "закрыт (оплачен)",
        ],
    ),
    (
        "cancelled",
        &[
            "cancelled",
            "canceled",
            "отменен",
            "отменено",
            "отмена",
            "отказ",
            "отказ клиента",
            "отказ от ремонта",
            "клиент отказался",
            "отменен клиентом",
            "отменено клиентом",
            "отменена",
            "отменена клиентом",
            "аннулирован",
            "аннулировано",
            // 1C's mark of a document deleted but not yet purged.
            "помечен на удаление",
        ],
    ),
    (
        "no_show",
        &[
            "no_show",
            "no-show",
            "no show",
            "неявка",
            "неявка клиента",
            "не явился",
            "клиент не явился",
            "не приехал",
            "не пришел",
        ],
    ),
    // A repair order still in progress when the export was taken: not done, so it counts
    // nowhere, but it is a real visit whose lines and feedback belong to it.
    (
        "open",
        &[
            "open",
            "opened",
            "in progress",
            "in_progress",
            "в работе",
            "открыт",
            "открыто",
            "в ремонте",
            "не закрыт",
            // Not yet begun: a request, a draft, a quote awaiting the client's word.
            "заявка",
            "черновик",
            "предварительный",
            "на согласовании",
            "ожидание запчастей",
            "ожидает запчасти",
            "ожидает запчастей",
            "ожидает согласования",
            // Booked and not yet come: not done, and not a no-show before its day.
            "записан",
            "запланирован",
            "новый",
            "scheduled",
        ],
    ),
];

const CATEGORY: Vocabulary = &[
    ("wash", &["wash", "мойка", "автомойка"]),
    (
        "maintenance",
        &[
            "maintenance",
            "то",
            "техобслуживание",
            "техническое обслуживание",
            "обслуживание",
        ],
    ),
    ("diagnostics", &["diagnostics", "диагностика"]),
    ("repair", &["repair", "ремонт", "слесарный ремонт"]),
    (
        "tires",
        &["tires", "tyres", "tire", "tyre", "шиномонтаж", "шины"],
    ),
    (
        "body",
        &["body", "кузовной", "кузовной ремонт", "кузов", "покраска"],
    ),
    (
        "electrical",
        &[
            "electrical",
            "электрика",
            "электрооборудование",
            "автоэлектрика",
        ],
    ),
    (
        "parts",
        &[
            "parts",
            "запчасти",
            "запчасть",
            "запасные части",
            "запасная часть",
            "детали",
        ],
    ),
    ("other", &["other", "прочее", "другое"]),
];

/// The canonical categories in the order the report shows them (SPEC §2).
pub fn categories() -> impl Iterator<Item = &'static str> {
    CATEGORY.iter().map(|(canonical, _)| *canonical)
}

const LINE_KIND: Vocabulary = &[
    (
        "labor",
        &[
            "labor",
            "labour",
            "work",
            "service",
            "работа",
            "работы",
            "услуга",
            "услуги",
            "работы и услуги",
            "services",
            // 1C:Альфа-Авто's table of a repair order's work.
            "авторабота",
            "автоработы",
        ],
    ),
    (
        "part",
        &[
            "part",
            "parts",
            "material",
            "materials",
            "запчасть",
            "запчасти",
            "запасная часть",
            "запасные части",
            "запчасти и материалы",
            "расходные материалы",
            "комплектующие",
            "spare parts",
            "goods",
            "деталь",
            "детали",
            "материал",
            "материалы",
            "товар",
            "товары",
            // 1C's word for the goods of a document (its work is `Автоработы`).
            "номенклатура",
        ],
    ),
];

const CLIENT_KIND: Vocabulary = &[
    (
        "person",
        &[
            "person",
            "individual",
            "физлицо",
            "физ. лицо",
            "физ.лицо",
            "физическое лицо",
            "частное лицо",
            "фл",
        ],
    ),
    (
        "company",
        &[
            "company",
            "organisation",
            "organization",
            "юрлицо",
            "юр. лицо",
            "юр.лицо",
            "юридическое лицо",
            "организация",
            "ип",
            "юл",
        ],
    ),
];

/// The vocabulary of an enum kind.
fn vocabulary(kind: EnumKind) -> Vocabulary {
    match kind {
        EnumKind::Channel => CHANNEL,
        EnumKind::Status => STATUS,
        EnumKind::Category => CATEGORY,
        EnumKind::LineKind => LINE_KIND,
        EnumKind::ClientKind => CLIENT_KIND,
    }
}

/// Whether `folded` text (see [`crate::schema::fold`]) is a spelling of the vocabulary of
/// `kind`, as opposed to a value read by its words or taken as `other`.
///
/// ```
/// use stoa::schema::EnumKind;
/// use stoa::ingest::normalize::is_known_spelling;
/// assert!(is_known_spelling(EnumKind::Category, "шиномонтаж"));
/// assert!(!is_known_spelling(EnumKind::Category, "шиномонтажные работы"));
/// ```
pub fn is_known_spelling(kind: EnumKind, folded: &str) -> bool {
    vocabulary(kind)
        .iter()
        .any(|(_, spellings)| spellings.contains(&folded))
}

/// The canonical values of an enum kind, for messages.
pub fn canonical_values(kind: EnumKind) -> Vec<&'static str> {
    vocabulary(kind).iter().map(|(c, _)| *c).collect()
}

/// The first Russian spelling of each canonical value of `kind`, in the order of
/// [`canonical_values`] (the code itself where the vocabulary has none): how a Russian
/// reason names the values a cell may hold, where the codes meant nothing to the user.
///
/// ```
/// use stoa::schema::EnumKind;
/// use stoa::ingest::normalize::russian_values;
/// assert_eq!(russian_values(EnumKind::LineKind), ["работа", "запчасть"]);
/// ```
pub fn russian_values(kind: EnumKind) -> Vec<&'static str> {
    vocabulary(kind)
        .iter()
        .map(|(code, spellings)| {
            spellings
                .iter()
                .find(|s| s.chars().any(|c| matches!(c, 'а'..='я' | 'ё')))
                .copied()
                .unwrap_or(code)
        })
        .collect()
}

/// Unknown channels and categories become `other` (SPEC §4.1); an unknown status, line
/// kind or client kind is an unparseable value that rejects the row.
pub fn unknown_is_other(kind: EnumKind) -> bool {
    matches!(kind, EnumKind::Channel | EnumKind::Category)
}

/// The value an empty cell takes (SPEC §4.1: empty status = done, empty kind = labor).
pub fn empty_default(kind: EnumKind) -> Option<&'static str> {
    match kind {
        EnumKind::Status => Some("done"),
        EnumKind::LineKind => Some("labor"),
        EnumKind::ClientKind => Some("person"),
        EnumKind::Channel | EnumKind::Category => Some("other"),
    }
}

/// Map a trimmed text expression to its canonical value; null where unknown (or `other`
/// for channel and category) and where empty.
///
/// ```
/// use polars::prelude::*;
/// use stoa::schema::EnumKind;
/// let df = df!("c" => ["Самотёк", "ГАРАНТИЯ", "что-то"]).unwrap();
/// let out = df.lazy().select([stoa::ingest::normalize::canonical(EnumKind::Channel, col("c"))])
///     .collect().unwrap();
/// let v: Vec<_> = out.column("c").unwrap().str().unwrap().iter().collect();
/// assert_eq!(v, [Some("walk_in"), Some("warranty"), Some("other")]);
/// ```
pub fn canonical(kind: EnumKind, text: Expr) -> Expr {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    for (canon, spellings) in vocabulary(kind) {
        for s in *spellings {
            old.push(*s);
            new.push(*canon);
        }
    }
    let key = fold_expr(text);
    let mapped = key.clone().replace_strict(
        lit(Series::new("old".into(), old)).implode(true),
        lit(Series::new("new".into(), new)).implode(true),
        Some(lit(NULL).cast(DataType::String)),
        Some(DataType::String),
    );
    // Past the vocabulary, a category or channel is read by the words in it, else other.
    let mapped = if unknown_is_other(kind) {
        coalesce(&[mapped, stems::by_words(kind, key.clone()), lit("other")])
    } else {
        mapped
    };
    // An empty cell stays empty here (replace_strict would give it the default): what it
    // becomes is the column's rule, e.g. a line's category from the price list.
    when(key.is_not_null())
        .then(mapped)
        .otherwise(lit(NULL).cast(DataType::String))
}

/// Lower case, `ё` → `е`, runs of white space as one space: the expression twin of
/// [`crate::schema::fold`].
pub fn fold_expr(text: Expr) -> Expr {
    text.str()
        .to_lowercase()
        .str()
        .replace_all(lit("ё"), lit("е"), true)
        .str()
        .replace_all(lit(r"\s+"), lit(" "), false)
        .str()
        .strip_chars(lit(NULL).cast(DataType::String))
}

#[cfg(test)]
mod tests;
