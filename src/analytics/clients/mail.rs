//! Mail-merge lists (SPEC §5 `lists/`): consenting clients with their contacts, a readable
//! vehicle and the reason for the call, and the texts those reasons are made of (days,
//! money and dates in the report language).

use chrono::NaiveDate;
use polars::prelude::*;

use crate::cli::Lang;
use crate::model::Model;

/// "N days" in the report language, Russian with its three plural forms
/// (1 день, 2 дня, 5 дней, 11 дней, 21 день).
pub fn days_text(lang: Lang, n: Expr) -> Expr {
    let n = n.cast(DataType::Int64);
    let word = match lang {
        Lang::En => when(n.clone().eq(lit(1i64)))
            .then(lit("day"))
            .otherwise(lit("days")),
        Lang::Ru => {
            let m10 = n.clone() % lit(10i64);
            let m100 = n.clone() % lit(100i64);
            when(m10.clone().eq(lit(1i64)).and(m100.clone().neq(lit(11i64))))
                .then(lit("день"))
                .when(
                    m10.clone()
                        .gt_eq(lit(2i64))
                        .and(m10.lt_eq(lit(4i64)))
                        .and(m100.clone().lt(lit(12i64)).or(m100.gt(lit(14i64)))),
                )
                .then(lit("дня"))
                .otherwise(lit("дней"))
        }
    };
    concat_str([n.cast(DataType::String), word], " ", false)
}

/// Kopecks as readable money text, its thousands apart as the report's language writes
/// them: whole units without decimals (`1 500` / `1,500`), otherwise two decimals with the
/// language's decimal mark (`1 500,50` / `1,500.50`; the Russian space is non-breaking).
/// Lists said `12000 RUB`; the sign follows with [`crate::config::currency_sign`].
pub fn money_text(lang: Lang, kopecks: Expr) -> Expr {
    let k = kopecks.cast(DataType::Int64);
    let whole = k.clone().floor_div(lit(100i64));
    let cents = k.clone() % lit(100i64);
    let two = |x: Expr| {
        when(x.clone().lt(lit(10i64)))
            .then(concat_str(
                [lit("0"), x.clone().cast(DataType::String)],
                "",
                false,
            ))
            .otherwise(x.cast(DataType::String))
    };
    let three = |x: Expr| {
        when(x.clone().lt(lit(10i64)))
            .then(concat_str(
                [lit("00"), x.clone().cast(DataType::String)],
                "",
                false,
            ))
            .when(x.clone().lt(lit(100i64)))
            .then(concat_str(
                [lit("0"), x.clone().cast(DataType::String)],
                "",
                false,
            ))
            .otherwise(x.cast(DataType::String))
    };
    let (sep, mark) = match lang {
        Lang::En => (",", "."),
        Lang::Ru => ("\u{a0}", ","),
    };
    // Groups of three from the right, the first without zeros in front (to 999 999 999 999).
    let group = |k: i64| (whole.clone().floor_div(lit(k))) % lit(1000i64);
    let mut grouped = whole.clone().cast(DataType::String);
    for (at, n) in [(1_000i64, 1), (1_000_000, 2), (1_000_000_000, 3)] {
        let mut parts = vec![whole.clone().floor_div(lit(at)).cast(DataType::String)];
        for g in (0..n).rev() {
            parts.push(lit(sep));
            parts.push(three(group(10i64.pow(3 * g))));
        }
        grouped = when(whole.clone().gt_eq(lit(at)))
            .then(concat_str(parts, "", false))
            .otherwise(grouped);
    }
    when(cents.clone().eq(lit(0i64)))
        .then(grouped.clone())
        .otherwise(concat_str([grouped, lit(mark), two(cents)], "", false))
}

/// [`money_text`] with the currency's `sign` where `lang` writes it
/// ([`crate::config::sign_before`]): `$1,800`, `€1,800.50`, but `1 800 $` in Russian and
/// `4,500 ₽` in either (until session 32 the sign followed in English too: `1,800 $`).
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::clients::money_sign_text;
/// use stoa::cli::Lang;
/// let df = df!("k" => [180_000i64]).unwrap();
/// let said = |lang, sign| {
///     // A sign in front names the column after it (`literal`): alias the text.
///     let text = money_sign_text(lang, col("k"), sign).alias("k");
///     let out = df.clone().lazy().select([text]);
///     out.collect().unwrap().column("k").unwrap().str().unwrap().get(0).unwrap().to_string()
/// };
/// assert_eq!(said(Lang::En, "$"), "$1,800");
/// assert_eq!(said(Lang::Ru, "$"), "1\u{a0}800 $");
/// assert_eq!(said(Lang::En, "₽"), "1,800 ₽");
/// ```
pub fn money_sign_text(lang: Lang, kopecks: Expr, sign: &str) -> Expr {
    let amount = money_text(lang, kopecks);
    match (sign.is_empty(), crate::config::sign_before(lang, sign)) {
        (true, _) => amount,
        (false, true) => concat_str([lit(sign.to_string()), amount], "", false),
        (false, false) => concat_str([amount, lit(format!(" {sign}"))], "", false),
    }
}

/// A date as text in the report language (`14.12.2026` / `2026-12-14`).
pub fn date_text(lang: Lang, date: Expr) -> Expr {
    match lang {
        Lang::En => date.dt().to_string("%Y-%m-%d"),
        Lang::Ru => date.dt().to_string("%d.%m.%Y"),
    }
}

/// An e-mail cell as a mail merge can use it: its first address (one `@` with something on
/// each side and a dot between words after it, up to a space, `,`, `;` or a bracket; a
/// final `.` dropped), else empty. A domain without a dot (`ivanov@mail,ru`, a comma typed
/// for the dot) or a doubled `@` is a mistyped address: a mailer would send it nowhere, or
/// to someone else.
/// Client bases fill the column with `-`, `нет` or `не указан` where the address is
/// unknown, and a mailer would send to those; a cell of two addresses (`a@x.ru; b@y.ru`)
/// or a name with its address (`Иванов <ivanov@mail.ru>`) is one recipient that no mailer
/// reads.
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::clients::email_address;
/// let df = df!("e" => [
///     Some("ivanov@mail.ru"), Some("-"), Some("нет"), Some("@"), None,
///     Some("a@x.ru; b@y.ru"), Some("Иванов <ivanov@mail.ru>"), Some("почта@сайт.рф."),
///     Some("ivanov@mail,ru"), Some("x@@y.ru"), Some("x@y..ru"),
/// ]).unwrap();
/// let out = df.lazy().select([email_address(col("e"))]).collect().unwrap();
/// let v: Vec<Option<&str>> = out.column("e").unwrap().str().unwrap().iter().collect();
/// assert_eq!(v, [
///     Some("ivanov@mail.ru"), None, None, None, None,
///     Some("a@x.ru"), Some("ivanov@mail.ru"), Some("почта@сайт.рф"),
///     None, None, None,
/// ]);
/// ```
pub fn email_address(email: Expr) -> Expr {
    let first = email
        .str()
        .extract(lit(r#"([^\s,;:<>()\[\]"'@]+@[^\s,;:<>()\[\]"']+)"#), 1)
        .str()
        .strip_chars_end(lit("."));
    // Something before the one `@`, and words joined by dots after it.
    let is_address = first
        .clone()
        .str()
        .contains(lit(r"^[^@]+@[^@.]+(\.[^@.]+)+$"), false);
    when(is_address.fill_null(lit(false)))
        .then(first)
        .otherwise(lit(NULL).cast(DataType::String))
}

/// One mail-merge list and how many of its clients were left out for lack of consent or
/// of any contact.
pub struct MailList {
    /// The list's file stem (`lists/<name>.csv`).
    pub name: String,
    /// `client_id, name, phone, phone_e164, email, vehicle, reason` of consenting clients
    /// with a phone or an e-mail, one row per client ([`one_row_per_client`]), sorted.
    pub list: DataFrame,
    /// Distinct clients the list would hold without the consent rule.
    pub clients: i64,
    /// Distinct consenting clients, those without any contact too.
    pub consenting: i64,
    /// Distinct consenting clients with neither a phone nor an e-mail address, left out of
    /// the list: nobody can call or write to them.
    pub no_contact: i64,
}

/// Whether a list row can be acted on: a phone cell with a digit in it (client bases write
/// `-` or `нет` for an unknown number; a number [`super::phone::phones_e164`] cannot read is
/// still dialled by hand), or an e-mail address [`email_address`] reads.
fn reachable() -> Expr {
    let phone = col("phone")
        .str()
        .contains(lit(r"[0-9]"), false)
        .fill_null(lit(false));
    phone.or(col("email").is_not_null())
}

/// A mail-merge list of clients (rows with `client_id`) about their latest vehicle ≤ as-of,
/// each with `reason` (and, when the rows have one, their `urgency`, see [`mail_list`]):
/// the vehicle is attached, then [`mail_list`] keeps the consenting.
pub fn client_mail_list(
    model: &Model,
    as_of: NaiveDate,
    name: &str,
    clients: LazyFrame,
    reason: Expr,
) -> PolarsResult<MailList> {
    let vehicles = super::latest_of_clients(model, as_of)?.select([
        col("client_id"),
        col("vehicle"),
        col("vehicle_label"),
    ]);
    let urgent = clients.clone().collect_schema()?.contains(URGENCY);
    let mut columns = vec![
        col("client_id"),
        col("vehicle"),
        col("vehicle_label"),
        reason.alias("reason"),
    ];
    if urgent {
        columns.push(col(URGENCY));
    }
    let candidates = clients
        .left_join(vehicles, col("client_id"), col("client_id"))
        .select(columns);
    mail_list(model, as_of, name, candidates)
}

/// The optional column of a list's candidate rows by which the list is ordered, most
/// urgent (smallest) first: a reminder's days to its due date (negative when overdue), a
/// greeting's date. It is not written: the reasons say it.
pub const URGENCY: &str = "urgency";

/// A list's items (rows `client_id, name, phone, email, vehicle, reason` and, optionally,
/// [`URGENCY`]) as one row per client, the row a caller dials or a gateway texts once:
/// 13 reminders of one client were 13 rows, 13 calls or SMS. The client's items are taken
/// in order of urgency, then vehicle, then reason; their vehicles joined with `, `, their
/// reasons with `; ` (each said once), a reason led by its vehicle (`Kia Rio: …`) when the
/// client has more than one, so that the caller knows which car it is about. The clients
/// are ordered by their most urgent item, then by client (by client alone without
/// urgency). The per-item detail stays in the section's tables.
///
/// ```
/// use polars::prelude::*;
/// use stoa::analytics::clients::one_row_per_client;
/// let items = df!(
///     "client_id" => ["B", "A", "A", "A"],
///     "name" => ["Bob", "Ann", "Ann", "Ann"],
///     "phone" => ["2", "1", "1", "1"],
///     "email" => [None::<&str>, None, None, None],
///     "vehicle" => ["Lada", "Kia", "Kia", "Audi"],
///     "reason" => ["oil, 5 days late", "oil, due in 3 days", "brakes, 2 days late", "wash, due today"],
///     "urgency" => [-5i32, 3, -2, 0],
/// ).unwrap();
/// let list = one_row_per_client(items.lazy(), true).unwrap().collect().unwrap();
/// let text = |c: &str| -> Vec<String> {
///     list.column(c).unwrap().str().unwrap().iter().map(|v| v.unwrap().to_string()).collect()
/// };
/// assert_eq!(text("client_id"), ["B", "A"]);
/// assert_eq!(text("vehicle"), ["Lada", "Kia, Audi"]);
/// assert_eq!(
///     text("reason"),
///     ["oil, 5 days late", "Kia: brakes, 2 days late; Audi: wash, due today; Kia: oil, due in 3 days"]
/// );
/// ```
pub fn one_row_per_client(items: LazyFrame, urgency: bool) -> PolarsResult<LazyFrame> {
    let nulls_last = SortMultipleOptions::default().with_nulls_last(true);
    let mut items_order = vec!["client_id"];
    let mut clients_order = Vec::new();
    if urgency {
        items_order.push(URGENCY);
        clients_order.push(URGENCY);
    }
    items_order.extend(["vehicle", "reason"]);
    clients_order.push("client_id");
    let sorted = items.sort(items_order, nulls_last.clone()).collect()?;
    // Sorted, a client's items are neighbours: a client with one item (every client of
    // the loyalty and win-back lists, most of the others) is a row whose neighbours are
    // other clients. Those rows are the list's rows as they are; only the clients with
    // several items are grouped, which is the dear part (a text join per client).
    let id = col("client_id");
    let single = id
        .clone()
        .neq_missing(id.clone().shift(lit(1)))
        .and(id.clone().neq_missing(id.shift(lit(-1))));
    // A join of no values is empty text: none, as a single item's missing vehicle is.
    let none_if_empty = |text: Expr, c: &str| {
        when(text.clone().eq(lit("")))
            .then(lit(NULL).cast(DataType::String))
            .otherwise(text)
            .alias(c)
    };
    let mut singles = vec![
        col("client_id"),
        col("name"),
        col("phone"),
        col("email"),
        none_if_empty(col("vehicle"), "vehicle"),
        none_if_empty(col("reason"), "reason"),
    ];
    if urgency {
        singles.push(col(URGENCY));
    }
    let singles = sorted.clone().lazy().filter(single.clone()).select(singles);

    let vehicles = col("vehicle")
        .drop_nulls()
        .n_unique()
        .over([col("client_id")])?;
    let led = when(vehicles.gt(lit(1)).and(col("vehicle").is_not_null()))
        .then(concat_str(
            [col("vehicle"), lit(": "), col("reason")],
            "",
            false,
        ))
        .otherwise(col("reason"));
    // Each vehicle and each reason said once, where it first comes: the repeats become
    // empty, which the join skips.
    let first_of = |c: &str| {
        when(as_struct(vec![col("client_id"), col(c)]).is_first_distinct())
            .then(col(c))
            .otherwise(lit(NULL).cast(DataType::String))
            .alias(c)
    };
    let joined = |c: &str, by: &str| none_if_empty(col(c).list().join(lit(by), true), c);
    let mut per_client = vec![
        col("name").first(),
        col("phone").first(),
        col("email").first(),
        col("vehicle"),
        col("reason"),
    ];
    if urgency {
        per_client.push(col(URGENCY).min());
    }
    let several = sorted
        .lazy()
        .filter(single.not())
        .with_column(led.alias("reason"))
        .with_columns([first_of("vehicle"), first_of("reason")])
        .group_by_stable([col("client_id")])
        .agg(per_client)
        .with_columns([joined("vehicle", ", "), joined("reason", "; ")]);
    Ok(concat([singles, several], UnionArgs::default())?
        .sort(clients_order, nulls_last)
        .select([
            col("client_id"),
            col("name"),
            col("phone"),
            col("email"),
            col("vehicle"),
            col("reason"),
        ]))
}

/// Build a mail-merge list from candidate rows (`client_id`, `vehicle` key, `reason`,
/// optionally the car as the client's own latest visit names it, `vehicle_label`, and
/// the item's [`URGENCY`]): keep
/// consenting clients only (an empty consent, or a client missing from `clients`, is no
/// consent, SPEC §2), add their contacts and a readable vehicle (without a label of the
/// client's, the vehicle's latest visit names it). A consenting client with neither a
/// phone nor an e-mail is left out too, and counted apart (`no_contact`): a row nobody can
/// act on. The list has one row per client ([`one_row_per_client`]).
pub fn mail_list(
    model: &Model,
    as_of: NaiveDate,
    name: &str,
    candidates: LazyFrame,
) -> PolarsResult<MailList> {
    let contacts = model.clients.clone().select([
        col("client_id"),
        col("name"),
        col("phone"),
        col("email"),
        col("consent").fill_null(lit(false)).alias("consent"),
    ]);
    let schema = candidates.clone().collect_schema()?;
    let own_label = schema.contains("vehicle_label");
    let urgent = schema.contains(URGENCY);
    let mut columns = vec![col("client_id"), col("vehicle"), col("reason")];
    if own_label {
        columns.push(col("vehicle_label"));
    }
    if urgent {
        columns.push(col(URGENCY));
    }
    let rows = candidates
        .select(columns)
        .left_join(contacts, col("client_id"), col("client_id"))
        .with_column(col("consent").fill_null(lit(false)))
        .collect()?;
    let distinct =
        |df: &DataFrame| -> PolarsResult<i64> { Ok(df.column("client_id")?.n_unique()? as i64) };
    let clients = distinct(&rows)?;
    let consenting = rows.clone().lazy().filter(col("consent"));
    let labelled = match own_label {
        true => consenting,
        false => {
            let labels = super::latest_of_vehicles(model, as_of)?
                .select([col("vehicle"), col("vehicle_label")]);
            consenting.left_join(labels, col("vehicle"), col("vehicle"))
        }
    };
    let mut columns = vec![
        col("client_id"),
        col("name"),
        col("phone"),
        email_address(col("email")).alias("email"),
        col("vehicle_label")
            .fill_null(col("vehicle"))
            .alias("vehicle"),
        col("reason"),
    ];
    if urgent {
        columns.push(col(URGENCY));
    }
    let list = labelled.select(columns).collect()?;
    let consenting = distinct(&list)?;
    let list = one_row_per_client(list.lazy().filter(reachable()), urgent)?.collect()?;
    let mut list = list;
    list.insert_column(3, super::phone::phones_e164(list.column("phone")?)?)?;
    let no_contact = consenting - distinct(&list)?;
    Ok(MailList {
        name: name.to_string(),
        list,
        clients,
        consenting,
        no_contact,
    })
}

/// The summary of some lists: `list, clients, consenting, left_out, no_contact` — the
/// clients each list would hold without the consent rule, the consenting ones, those left
/// out for lack of consent, and the consenting ones left out for want of a phone or an
/// e-mail (the list holds `consenting - no_contact` clients).
pub fn lists_summary(lists: &[MailList]) -> PolarsResult<DataFrame> {
    df!(
        "list" => lists.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
        "clients" => lists.iter().map(|l| l.clients).collect::<Vec<_>>(),
        "consenting" => lists.iter().map(|l| l.consenting).collect::<Vec<_>>(),
        "left_out" => lists.iter().map(|l| l.clients - l.consenting).collect::<Vec<_>>(),
        "no_contact" => lists.iter().map(|l| l.no_contact).collect::<Vec<_>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clients_of_one_item_and_of_several_come_out_as_one_grouping_would_give_them() {
        // C and D have one item each and skip the grouping; their empty texts are none,
        // as a join of nothing is. A repeats a reason; B has two cars and one item
        // without a car, so its reasons are led by their car where there is one.
        let items = df!(
            "client_id" => ["A", "B", "C", "B", "A", "D", "B"],
            "name" => ["Ann", "Bob", "Cy", "Bob", "Ann", "Di", "Bob"],
            "phone" => ["1", "2", "3", "2", "1", "4", "2"],
            "email" => [None::<&str>, None, None, None, None, None, None],
            "vehicle" => [Some("Kia"), Some("Audi"), Some(""), None, Some("Kia"), None, Some("Kia")],
            "reason" => ["oil", "r2", "wash", "r3", "oil", "", "r1"],
            "urgency" => [5i32, 3, 1, 3, 2, 0, -1],
        )
        .unwrap();
        let list = one_row_per_client(items.clone().lazy(), true)
            .unwrap()
            .collect()
            .unwrap();
        let text = |c: &str| -> Vec<Option<String>> {
            let column = list.column(c).unwrap().str().unwrap();
            column.iter().map(|v| v.map(str::to_string)).collect()
        };
        let some = |v: &str| Some(v.to_string());
        // By the most urgent item: B (−1), D (0), C (1), A (2).
        assert_eq!(
            text("client_id"),
            [some("B"), some("D"), some("C"), some("A")]
        );
        assert_eq!(
            text("vehicle"),
            [some("Kia, Audi"), None, None, some("Kia")]
        );
        assert_eq!(
            text("reason"),
            [
                some("Kia: r1; Audi: r2; r3"),
                None,
                some("wash"),
                some("oil")
            ]
        );
        // No items, no rows, with and without urgency.
        for urgency in [true, false] {
            let none = items.clone().lazy().limit(0);
            let list = one_row_per_client(none, urgency)
                .unwrap()
                .collect()
                .unwrap();
            assert_eq!(list.shape(), (0, 6));
        }
    }

    #[test]
    fn regression_money_in_a_list_has_its_thousands_apart() {
        // «12000 RUB» in a Russian call list; now «12 000» (non-breaking), and the sign
        // follows from the caller.
        let out = df!("k" => [1_200_000i64, 80_050, 5, 123_456_789_012, 100_000])
            .unwrap()
            .lazy()
            .select([
                money_text(Lang::Ru, col("k")).alias("ru"),
                money_text(Lang::En, col("k")).alias("en"),
            ])
            .collect()
            .unwrap();
        let texts = |c: &str| -> Vec<String> {
            out.column(c)
                .unwrap()
                .str()
                .unwrap()
                .iter()
                .map(|v| v.unwrap().replace('\u{a0}', " "))
                .collect()
        };
        assert_eq!(
            texts("ru"),
            ["12 000", "800,50", "0,05", "1 234 567 890,12", "1 000"]
        );
        assert_eq!(
            texts("en"),
            ["12,000", "800.50", "0.05", "1,234,567,890.12", "1,000"]
        );
    }
    use crate::analytics::clients::testdata::{csv, model, period};
    use crate::schema::Table;

    #[test]
    fn regression_a_former_owner_is_shown_the_car_as_they_had_it() {
        // The car V went from OLD (a Nissan, as OLD's visit names it) to NEW, whose visit
        // names it a Datsun. OLD's list row names OLD's car, not the one NEW brought.
        let m = model(
            &[
                ("A", "2025-02-20", "OLD", "V", "Nissan", None),
                ("B", "2025-11-10", "NEW", "V", "Datsun", None),
            ],
            &[],
            &[("OLD", "Old Owner", true, false, None)],
            &[],
        );
        let as_of = period(2026, 1).as_of;
        let who = df!("client_id" => ["OLD"]).unwrap().lazy();
        let list = client_mail_list(&m, as_of, "greetings", who, lit("birthday")).unwrap();
        assert_eq!(
            csv(&list.list),
            "client_id,name,phone,phone_e164,email,vehicle,reason\n\
             OLD,Old Owner,+7 OLD,,,Nissan P-V,birthday\n"
        );
    }

    #[test]
    fn regression_a_consenting_client_without_phone_or_email_is_counted_apart() {
        // D and C consent but give no number and no address (`нет`, `-`): they were list
        // rows counted as consenting. Now the list holds A (a phone) and B (an e-mail);
        // C and D are `no_contact`, E is left out for lack of consent.
        let m = model(&[], &[], &[], &[]);
        let c = df!(
            "client_id" => ["A", "B", "C", "D", "E"],
            "name" => ["Ann", "Bob", "Cid", "Dan", "Eve"],
            "phone" => [Some("8 916 123-45-67"), Some("-"), Some("нет"), None, None],
            "email" => [None, Some("b@x.ru"), Some("-"), None, None],
            "consent" => [true, true, true, true, false],
        )
        .unwrap();
        let m = m.with(
            Table::Clients,
            crate::analytics::management::testdata::typed(Table::Clients, c),
        );
        let as_of = period(2026, 1).as_of;
        let who = df!("client_id" => ["A", "B", "C", "D", "E"])
            .unwrap()
            .lazy();
        let list = client_mail_list(&m, as_of, "greetings", who, lit("birthday")).unwrap();
        let ids: Vec<&str> = list
            .list
            .column("client_id")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        assert_eq!(ids, ["A", "B"]);
        assert_eq!((list.clients, list.consenting, list.no_contact), (5, 4, 2));
        let summary = lists_summary(&[list]).unwrap();
        assert_eq!(
            csv(&summary),
            "list,clients,consenting,left_out,no_contact\ngreetings,5,4,1,2\n"
        );
    }
}
