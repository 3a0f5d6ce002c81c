//! The smaller tables' columns: the price list, the competitors' prices, the feedback and
//! the agents, kept apart from the three the station's work is read from.

use super::col;
use crate::schema::{Column, EnumKind as E, Kind::*};

pub(in crate::schema) const PRICE_LIST: &[Column] = &[
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

pub(in crate::schema) const COMPETITOR_PRICES: &[Column] = &[
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
pub(in crate::schema) const FEEDBACK_INPUT: &[Column] = &[
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
    // As the order lines' (`order_lines.rs`): read, not kept.
    col("station", Text, false, &["станция", "филиал"]),
];

/// The feedback's columns in the model: [`FEEDBACK_INPUT`] without the station.
pub(in crate::schema) const FEEDBACK: &[Column] =
    FEEDBACK_INPUT.split_at(FEEDBACK_INPUT.len() - 1).0;

pub(in crate::schema) const AGENTS: &[Column] = &[
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
