//! The columns of every table (SPEC §2): name, kind, whether required, and the header
//! synonyms that find them, beyond SPEC's minimum the names 1C and CRM exports give.

use super::{Column, EnumKind, Kind};

const fn col(
    name: &'static str,
    kind: Kind,
    required: bool,
    synonyms: &'static [&'static str],
) -> Column {
    Column {
        name,
        kind,
        required,
        synonyms,
    }
}

use EnumKind as E;
use Kind::*;

/// The visits' columns as read: the model's, then [`VISIT_TIMES`] of them.
pub(super) const VISITS_INPUT: &[Column] = &[
    col(
        "visit_id",
        Text,
        true,
        &[
            "id",
            "номер",
            "номер заказ-наряда",
            "заказ-наряд",
            "номер заказа",
            "№ заказ-наряда",
            "№ заказа",
            "№",
            "№ з/н",
            "номер з/н",
            "номер зн",
            "номер документа",
            "№ документа",
            // An English export's repair order (`Visit No.`, `RO #`, `WO Number`,
            // `Order No`): `Visit #` and the like are matched as `visit no`
            // (`crate::ingest::header`'s `numbered`).
            "visit no",
            "ro",
            "ro no",
            "repair order no",
            "wo",
            "wo no",
            "work order no",
            "order no",
        ],
    ),
    col(
        "opened_at",
        DateTime,
        true,
        &[
            "date",
            "дата",
            "дата приёма",
            "дата приема",
            "дата открытия",
            "открыт",
        ],
    ),
    col(
        "client_id",
        Text,
        true,
        &[
            "client",
            "клиент",
            "код клиента",
            "id клиента",
            "контрагент",
            "код контрагента",
            // 1C's client column in its repair orders.
            "заказчик",
            // 1C's buyer in its sales documents and reports (session 29: a sheet headed
            // so was passed over without a word).
            "покупатель",
            "код покупателя",
            // `Client No`, `Customer #`, `Customer ID` (matched as `… no`).
            "client no",
            "client code",
            "customer no",
            "customer code",
        ],
    ),
    // Also the names of a column of the whole car, read below these
    // (`crate::ingest::vehicle::VEHICLE_NAMES`).
    col("brand", Text, true, &["make", "марка"]),
    col("model", Text, false, &["модель"]),
    col(
        "plate",
        Text,
        false,
        &[
            "госномер",
            "гос. номер",
            "гос номер",
            "номер авто",
            "гос.номер",
            "гос. рег. знак",
            "госрегзнак",
            "регистрационный знак",
            "рег. номер",
        ],
    ),
    col(
        "vin",
        Text,
        false,
        &["vin", "вин", "vin-код", "vin код", "вин-код"],
    ),
    col(
        "odometer_km",
        Int,
        false,
        &[
            "mileage",
            "odometer",
            "пробег",
            "пробег, км",
            "одометр",
            "показания одометра",
        ],
    ),
    col(
        "closed_at",
        DateTime,
        false,
        &["дата выдачи", "дата закрытия", "closed"],
    ),
    col(
        "promised_at",
        DateTime,
        false,
        &["обещано", "плановая дата выдачи", "promised"],
    ),
    col(
        "manager",
        Text,
        false,
        &[
            "advisor",
            "мастер-приёмщик",
            "мастер-приемщик",
            "менеджер",
            "приёмщик",
            "мастер-консультант",
            "сервисный консультант",
        ],
    ),
    col(
        "channel",
        Enum(E::Channel),
        false,
        &["канал", "способ обслуживания"],
    ),
    col(
        "agent_id",
        Text,
        false,
        &["agent", "агент", "код агента", "agent no", "agent code"],
    ),
    col("status", Enum(E::Status), false, &["статус", "состояние"]),
    col("station", Text, false, &["станция", "филиал"]),
    // The time of day in a column of its own beside its date (`Дата` | `Время`), as
    // journals kept in Excel and some CRMs export a visit: read into the date-time
    // (`crate::ingest::times`) and not kept in the model. Last, so that the model's
    // columns are the slice before them.
    col(
        "opened_time",
        Time,
        false,
        &[
            "время",
            "время приема",
            "время открытия",
            "время заезда",
            "время визита",
            "opened time",
            "time",
        ],
    ),
    col(
        "closed_time",
        Time,
        false,
        &["время выдачи", "время закрытия", "closed time"],
    ),
    col(
        "promised_time",
        Time,
        false,
        &[
            "плановое время выдачи",
            "время выдачи план",
            "обещанное время",
            "promised time",
        ],
    ),
];

/// How many of the visits' columns as read are times of day ([`VISITS_INPUT`]'s last).
pub(super) const VISIT_TIMES: usize = 3;

/// The visits' columns in the model: [`VISITS_INPUT`] without its times of day.
pub(super) const VISITS: &[Column] = VISITS_INPUT.split_at(VISITS_INPUT.len() - VISIT_TIMES).0;

/// The order lines' columns as read: the model's, then the station of their visit.
pub(super) const ORDER_LINES_INPUT: &[Column] = &[
    col(
        "visit_id",
        Text,
        true,
        &[
            "номер заказ-наряда",
            "заказ-наряд",
            "visit",
            "визит",
            "№ заказ-наряда",
            // A 1C report's document column, which holds the title (`src/ingest/titles.rs`).
            "документ",
            // As the visits know their number: an order line's table names it the same ways.
            "№ з/н",
            "номер з/н",
            "номер зн",
            "номер заказа",
            "№ заказа",
            "номер документа",
            "№ документа",
            // An English export's repair order, as the visits name it.
            "visit no",
            "ro",
            "ro no",
            "repair order no",
            "wo",
            "wo no",
            "work order no",
            "order no",
            // The lines' visit as the visits name it, when no other cell names it: it
            // matches whole only and below every other name (`src/ingest/header`), since
            // among lines a `Номер` may be the line's own.
            "номер",
        ],
    ),
    col(
        "service_code",
        Text,
        false,
        &["code", "код", "код работы", "артикул"],
    ),
    col(
        "description",
        Text,
        true,
        &[
            "name",
            "наименование",
            "работа",
            "наименование работы",
            "номенклатура",
        ],
    ),
    col(
        "category",
        Enum(E::Category),
        false,
        &["категория", "вид работ"],
    ),
    col("kind", Enum(E::LineKind), false, &["тип", "type"]),
    col(
        "qty",
        Number,
        false,
        &["quantity", "количество", "кол-во", "кол."],
    ),
    col("unit_price", Money, false, &["price", "цена"]),
    // The discount in money: 1C's `Сумма скидки` begins with the amount's name, and read so
    // it made the revenue the sum of the discounts.
    col(
        "discount",
        Money,
        false,
        &[
            "скидка",
            "сумма скидки",
            "сумма скидок",
            "размер скидки",
            "скидка, сумма",
            "скидка (сумма)",
            "discount amount",
        ],
    ),
    col(
        "amount",
        Money,
        true,
        &[
            "сумма",
            "сумма со скидкой",
            "к оплате",
            "total",
            // What 1C's order-line tables and hand-kept journals call the line's amount;
            // the purchase price of the line is `себестоимость` (`cost`).
            "стоимость",
            "стоимость со скидкой",
        ],
    ),
    col(
        "norm_hours",
        Number,
        false,
        &[
            "нормочасы",
            "н/ч",
            "нормо-часы",
            "hours",
            "нормочас",
            "норма времени",
        ],
    ),
    col(
        "mechanic",
        Text,
        false,
        &[
            "исполнитель",
            "механик",
            "слесарь",
            "исполнители",
            "автомеханик",
        ],
    ),
    col("warranty", Bool, false, &["гарантия"]),
    col("cost", Money, false, &["себестоимость", "закупочная цена"]),
    col("declined", Bool, false, &["отказ", "отклонено"]),
    // The amount before the discount (`Сумма без скидки`), never the amount (SPEC §2 reads
    // that net): read, not kept, and only where no cell gives the amount, which is then it
    // less the discount (`crate::ingest::validate::rules::PriceColumns`).
    col(
        "gross_amount",
        Money,
        false,
        &[
            "сумма без скидки",
            "сумма до скидки",
            "сумма без учета скидки",
            "сумма без учета скидок",
            "стоимость без скидки",
            "стоимость до скидки",
            "amount before discount",
        ],
    ),
    // A discount as a percentage (`Скидка, %`), where `discount` is an amount: read, not
    // kept, and only where the amount is computed from the price
    // (`crate::ingest::validate::rules::PriceColumns`), which takes it off.
    col(
        "discount_pct",
        Number,
        false,
        &[
            "скидка, %",
            "скидка %",
            "скидка (%)",
            "скидка в %",
            "% скидки",
            "процент скидки",
            "discount, %",
            "discount %",
        ],
    ),
    // The station of the line's visit, where a chain's stations number their visits apart
    // (`crate::ingest::validate::chain`): read, not kept. Last, so that the model's
    // columns are the slice before it.
    col("station", Text, false, &["станция", "филиал"]),
];

/// The order lines' columns in the model: [`ORDER_LINES_INPUT`] without the amount before
/// the discount, the percentage discount and the station.
pub(super) const ORDER_LINES: &[Column] = ORDER_LINES_INPUT.split_at(ORDER_LINES_INPUT.len() - 3).0;

/// The clients' columns as read: the model's, then [`CLIENT_NAME_PARTS`] of them.
pub(super) const CLIENTS_INPUT: &[Column] = &[
    col(
        "client_id",
        Text,
        true,
        // `Код`: the code column of 1C's catalogue of counterparties, exported as it is.
        &[
            "client",
            "клиент",
            "код клиента",
            "код контрагента",
            "код покупателя",
            "код",
            "id",
            // `Client No`, `Customer #`, `Customer ID` (matched as `… no`).
            "client no",
            "client code",
            "customer no",
            "customer code",
        ],
    ),
    col(
        "name",
        Text,
        false,
        &[
            "фио",
            "ф.и.о.",
            "ф.и.о",
            "фамилия, имя, отчество",
            "фамилия имя отчество",
            "фамилия и.о.",
            "наименование",
            "имя",
        ],
    ),
    col(
        "kind",
        Enum(E::ClientKind),
        false,
        &["вид клиента", "тип клиента", "тип"],
    ),
    col(
        "phone",
        Text,
        false,
        &[
            "телефон",
            "тел.",
            "мобильный телефон",
            "моб. телефон",
            "контактный телефон",
        ],
    ),
    col(
        "email",
        Text,
        false,
        &[
            "эл. почта",
            "e-mail",
            "электронная почта",
            "почта",
            "адрес электронной почты",
            "адрес эл. почты",
        ],
    ),
    col("birthday", Date, false, &["дата рождения", "день рождения"]),
    col(
        "consent",
        Bool,
        false,
        &["согласие на рассылку", "согласие", "рассылка", "подписка"],
    ),
    col(
        "bought_here",
        Bool,
        false,
        &["куплен у нас", "автомобиль куплен у нас"],
    ),
    col(
        "registered_at",
        Date,
        false,
        &["дата регистрации", "registered"],
    ),
    // A person's name in parts (`Фамилия` | `Имя` | `Отчество`), as client bases kept in
    // Excel and CRMs export it: `Имя` alone is the first name, so the surname and
    // patronymic are read and put around it (`crate::ingest::names`), and not kept in the
    // model. Last, so that the model's columns are the slice before them.
    col(
        "surname",
        Text,
        false,
        &["фамилия", "last name", "last_name"],
    ),
    col(
        "patronymic",
        Text,
        false,
        &["отчество", "middle name", "middle_name"],
    ),
];

/// How many of the clients' columns as read are parts of a name ([`CLIENTS_INPUT`]'s last).
pub(super) const CLIENT_NAME_PARTS: usize = 2;

/// The clients' columns in the model: [`CLIENTS_INPUT`] without the parts of a name.
pub(super) const CLIENTS: &[Column] = CLIENTS_INPUT
    .split_at(CLIENTS_INPUT.len() - CLIENT_NAME_PARTS)
    .0;

pub(super) const PRICE_LIST: &[Column] = &[
    col("service_code", Text, true, &["code", "код", "код работы"]),
    col(
        "description",
        Text,
        true,
        &["name", "наименование", "работа", "услуга"],
    ),
    col(
        "category",
        Enum(E::Category),
        false,
        &["категория", "вид работ"],
    ),
    col("price", Money, true, &["цена", "стоимость"]),
    col(
        "interval_months",
        Int,
        false,
        &[
            "интервал, мес",
            "интервал (мес)",
            "интервал мес",
            "периодичность, мес",
            "периодичность (мес)",
        ],
    ),
    col(
        "interval_km",
        Int,
        false,
        &[
            "интервал, км",
            "интервал (км)",
            "интервал км",
            "периодичность, км",
            "периодичность (км)",
        ],
    ),
];

pub(super) const COMPETITOR_PRICES: &[Column] = &[
    col("competitor", Text, true, &["конкурент"]),
    col("service_code", Text, false, &["code", "код", "код работы"]),
    col(
        "description",
        Text,
        false,
        &["name", "наименование", "работа", "услуга"],
    ),
    col("price", Money, true, &["цена", "стоимость"]),
    col(
        "observed_at",
        Date,
        true,
        &["date", "дата", "дата наблюдения"],
    ),
];

/// The feedback's columns as read: the model's, then the station of their visit.
pub(super) const FEEDBACK_INPUT: &[Column] = &[
    col(
        "visit_id",
        Text,
        true,
        &[
            "номер заказ-наряда",
            "заказ-наряд",
            "visit",
            "визит",
            "документ",
            "№ заказ-наряда",
            "№ заказа",
            "номер заказа",
            // An English export's repair order, as the visits name it.
            "visit no",
            "ro",
            "ro no",
            "repair order no",
            "wo",
            "wo no",
            "work order no",
            "order no",
        ],
    ),
    col("score", Number, true, &["оценка", "балл", "nps"]),
    col("comment", Text, false, &["комментарий", "отзыв"]),
    // As the order lines' (above): read, not kept.
    col("station", Text, false, &["станция", "филиал"]),
];

/// The feedback's columns in the model: [`FEEDBACK_INPUT`] without the station.
pub(super) const FEEDBACK: &[Column] = FEEDBACK_INPUT.split_at(FEEDBACK_INPUT.len() - 1).0;

pub(super) const AGENTS: &[Column] = &[
    col(
        "agent_id",
        Text,
        true,
        &[
            "agent",
            "агент",
            "код агента",
            "код",
            "id",
            "agent no",
            "agent code",
        ],
    ),
    col("name", Text, false, &["имя", "фио", "наименование"]),
    col("kind", Text, false, &["тип", "вид"]),
    col(
        "commission_pct",
        Number,
        false,
        &["commission", "комиссия", "комиссия, %", "процент"],
    ),
];
