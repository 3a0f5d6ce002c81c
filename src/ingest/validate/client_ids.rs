//! Visits' client codes written another way than the clients write them: `кл-000001`,
//! `KЛ-000001` (a Latin K) or `КЛ 000001` for the clients' `КЛ-000001`. Matched exactly,
//! one regular client became four new ones. A visit's code that is not a client's as
//! written, but shares its [`code_key`] with exactly one client's, takes that client's
//! spelling; the warning says how many visits and which spellings.

use std::collections::{BTreeMap, HashMap, HashSet};

use polars::prelude::*;

use super::codes::{code_key, replace_spellings, Respelled};

/// Give the clients' spelling to every `client_id` of `visits` that is not among
/// `clients` as written but shares its [`code_key`] (case, spaces, dashes and Cyrillic
/// look-alikes set aside) with exactly one of them. A key two clients share decides
/// nothing, and those visits stay as written. None when no code needed it.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::validate::respell_clients;
/// let clients = StringChunked::from_slice("client_id".into(), &["КЛ-000001"]);
/// let mut visits = df!("client_id" => ["КЛ-000001", "кл-000001", "КЛ 000001"]).unwrap();
/// let r = respell_clients(&mut visits, &clients).unwrap().unwrap();
/// assert_eq!(r.rows, 2);
/// assert!(visits.column("client_id").unwrap().str().unwrap().iter().all(|c| c == Some("КЛ-000001")));
/// ```
pub fn respell_clients(
    visits: &mut DataFrame,
    clients: &StringChunked,
) -> PolarsResult<Option<Respelled>> {
    let exact: HashSet<&str> = clients.iter().flatten().collect();
    let ids = visits.column("client_id")?.str()?.unique()?;
    let mut wanted: HashMap<String, Vec<String>> = HashMap::new();
    for id in ids.iter().flatten().filter(|id| !exact.contains(id)) {
        wanted.entry(code_key(id)).or_default().push(id.to_string());
    }
    if wanted.is_empty() {
        return Ok(None);
    }
    let mut by_key: HashMap<String, Option<&str>> = HashMap::new();
    for client in &exact {
        let k = code_key(client);
        if wanted.contains_key(&k) {
            by_key
                .entry(k)
                .and_modify(|c| *c = None)
                .or_insert(Some(client));
        }
    }
    let mut spellings = BTreeMap::new();
    for (key, ids) in wanted {
        if let Some(Some(client)) = by_key.get(&key) {
            for id in ids {
                spellings.insert(id, client.to_string());
            }
        }
    }
    replace_spellings(visits, "client_id", spellings, lit(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(df: &DataFrame) -> Vec<Option<String>> {
        let c = df.column("client_id").unwrap().str().unwrap().clone();
        c.iter().map(|v| v.map(str::to_string)).collect()
    }

    #[test]
    fn a_client_code_in_four_spellings_is_one_client() {
        let clients = StringChunked::from_slice("client_id".into(), &["КЛ-000001", "КЛ-000002"]);
        // Cyrillic, lower case, a Latin K, a space for the dash.
        let mut visits =
            df!("client_id" => ["КЛ-000001", "кл-000001", "KЛ-000001", "КЛ 000001"]).unwrap();
        let r = respell_clients(&mut visits, &clients).unwrap().unwrap();
        assert_eq!(r.rows, 3);
        assert_eq!(
            r.spellings,
            [
                ("KЛ-000001".to_string(), "КЛ-000001".to_string()),
                // Sorted by spelling, byte by byte: `К` comes before `к`.
                ("КЛ 000001".to_string(), "КЛ-000001".to_string()),
                ("кл-000001".to_string(), "КЛ-000001".to_string()),
            ]
        );
        assert!(ids(&visits)
            .iter()
            .all(|c| c.as_deref() == Some("КЛ-000001")));
    }

    #[test]
    fn a_spelling_two_clients_share_stays_as_written() {
        // `KЛ-1` (Latin K) and `КЛ-1` are both clients: `кл-1` could be either.
        let clients = StringChunked::from_slice("client_id".into(), &["KЛ-1", "КЛ-1"]);
        let mut visits = df!("client_id" => [Some("кл-1"), None, Some("КЛ-9")]).unwrap();
        assert_eq!(respell_clients(&mut visits, &clients).unwrap(), None);
        assert_eq!(
            ids(&visits),
            [Some("кл-1".into()), None, Some("КЛ-9".into())]
        );
    }
}
