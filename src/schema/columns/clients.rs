//! The clients' columns, with the parts of a name that 1C and CRM exports give apart.

use super::col;
use crate::schema::{Column, EnumKind as E, Kind::*};

/// The clients' columns as read: the model's, then [`CLIENT_NAME_PARTS`] of them.
pub(in crate::schema) const CLIENTS_INPUT: &[Column] = &[
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
const CLIENT_NAME_PARTS: usize = 2;

/// The clients' columns in the model: [`CLIENTS_INPUT`] without the parts of a name.
pub(in crate::schema) const CLIENTS: &[Column] = CLIENTS_INPUT
    .split_at(CLIENTS_INPUT.len() - CLIENT_NAME_PARTS)
    .0;
