//! A client's name in parts (`Фамилия` | `Имя` | `Отчество`), as client bases kept in Excel
//! and CRMs export it. `Имя` names the name column, so before, the lists and greetings
//! knew each client by the first name alone (`Иван`), and a call list of a thousand
//! Ivans was no list. The surname and patronymic columns (`surname`, `patronymic`,
//! [`crate::schema::Table::input_columns`]) are now read and put around the name, as
//! Russian writes a full name (`Иванов Иван Иванович`), then dropped. A name that already
//! holds a part (an `ФИО` column beside a `Фамилия` one) is kept as it is.

use polars::prelude::*;

/// The parts of a name around the `name` column, in the order they are written.
const PARTS: [&str; 2] = ["surname", "patronymic"];

/// Names put together from their parts: how many clients, and the first as put together.
#[derive(Debug, Clone, PartialEq)]
pub struct Joined {
    /// Clients whose name was put together.
    pub rows: u64,
    /// The first such name.
    pub example: String,
}

/// Put the surname and patronymic of accepted `clients` around their `name` (`surname
/// name patronymic`, empty parts left out) where the name does not already hold the
/// surname (or, without one, the patronymic), and drop the parts' columns (the model has
/// none). Returns the clients and, when any name
/// was put together, how many and the first.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::names::join_names;
/// let clients = df!(
///     "client_id" => ["C1", "C2", "C3", "C4", "C5", "C6"],
///     "name" => [Some("Иван"), Some("Петров Пётр Петрович"), None, Some("Анна"), Some("Сидоров С.С."), Some("Олег")],
///     "surname" => [Some("Иванов"), Some("Петров"), Some("Сидоров"), None, Some("Сидоров"), None],
///     "patronymic" => [Some("Иванович"), Some("Петрович"), None, None, Some("Семёнович"), Some("Ильич")],
/// )
/// .unwrap();
/// let (clients, joined) = join_names(clients).unwrap();
/// let names: Vec<Option<&str>> = clients.column("name").unwrap().str().unwrap().iter().collect();
/// assert_eq!(
///     names,
///     [
///         Some("Иванов Иван Иванович"),
///         Some("Петров Пётр Петрович"),
///         Some("Сидоров"),
///         Some("Анна"),
///         Some("Сидоров С.С."),
///         Some("Олег Ильич"),
///     ]
/// );
/// assert!(clients.column("surname").is_err());
/// let joined = joined.unwrap();
/// assert_eq!((joined.rows, joined.example.as_str()), (3, "Иванов Иван Иванович"));
/// ```
pub fn join_names(clients: DataFrame) -> PolarsResult<(DataFrame, Option<Joined>)> {
    let present: Vec<&str> = PARTS
        .into_iter()
        .filter(|p| clients.column(p).is_ok())
        .collect();
    // Validation gives a part the file lacks as empty: nothing to put together.
    let holds = |p: &&str| clients.column(p).is_ok_and(|c| c.null_count() < c.len());
    if !present.iter().any(holds) {
        return Ok((clients.drop_many(present), None));
    }
    let part = |name: &str| match clients.column(name) {
        Ok(_) => col(name),
        Err(_) => lit(NULL).cast(DataType::String),
    };
    let name = || col("name");
    // A part the name does not hold yet; the name then is put together.
    let missing = |p: Expr| {
        p.clone().is_not_null().and(
            name()
                .str()
                .to_lowercase()
                .str()
                .contains_literal(p.str().to_lowercase())
                .fill_null(lit(false))
                .not(),
        )
    };
    // The surname decides: a name that holds it is whole (`Иванов И.И.` beside its
    // parts); without a surname, the patronymic.
    let takes = when(part("surname").is_not_null())
        .then(missing(part("surname")))
        .otherwise(missing(part("patronymic")));
    let whole = concat_str([part("surname"), name(), part("patronymic")], " ", true);
    let clients = clients
        .lazy()
        .with_columns([
            when(takes.clone())
                .then(whole)
                .otherwise(name())
                .alias("name"),
            takes.alias("__joined"),
        ])
        .collect()?;
    let flags = clients.column("__joined")?.bool()?.clone();
    let rows = flags.sum().unwrap_or(0) as u64;
    let example = match flags.iter().position(|f| f == Some(true)) {
        Some(i) => clients.column("name")?.str()?.get(i).map(String::from),
        None => None,
    };
    let mut drop = present;
    drop.push("__joined");
    let clients = clients.drop_many(drop);
    Ok((clients, example.map(|example| Joined { rows, example })))
}
