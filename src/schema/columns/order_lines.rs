//! The order lines' columns: the work, parts and money of a visit, with the amount before
//! the discount and the station read only to work out the model's.

use super::col;
use crate::schema::{Column, EnumKind as E, Kind::*};

/// The order lines' columns as read: the model's, then the station of their visit.
pub(in crate::schema) const ORDER_LINES_INPUT: &[Column] = &[
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
pub(in crate::schema) const ORDER_LINES: &[Column] =
    ORDER_LINES_INPUT.split_at(ORDER_LINES_INPUT.len() - 3).0;
