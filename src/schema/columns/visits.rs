//! The visits' columns: the repair order's number, dates and car, the bulk of the
//! synonyms, since every export names a visit its own way.

use super::col;
use crate::schema::{Column, EnumKind as E, Kind::*};

/// The visits' columns as read: the model's, then [`VISIT_TIMES`] of them.
pub(in crate::schema) const VISITS_INPUT: &[Column] = &[
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
        &[
            "agent",
            "агент",
            "код агента",
            "agent no",
            "agent code",
            // 1C's name for the counterparty who brought the client (`Партнёр`); in the
            // clients' table it names no column.
            "партнер",
        ],
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
const VISIT_TIMES: usize = 3;

/// The visits' columns in the model: [`VISITS_INPUT`] without its times of day.
pub(in crate::schema) const VISITS: &[Column] =
    VISITS_INPUT.split_at(VISITS_INPUT.len() - VISIT_TIMES).0;
