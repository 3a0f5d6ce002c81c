//! Where a key of a `stoa.toml` is written, for the errors that name it: its line and
//! column, from the spans of the document as `toml_edit` reads it. The reader's own errors
//! (a value of the wrong type, an unknown key) carry their place; the checks of the values
//! (`bays = 0`) and the `[files]` entries ingest could not find did not, and named
//! `stoa.toml` whatever file `--config` gave.

use std::ops::Range;

use toml_edit::{Item, Value};

/// A key as the file nests it: `["stations", "Север", "capacity", "bays"]`.
pub type KeyPath = Vec<String>;

/// `key` as a dotted name, each part that is not a bare TOML key in quotes:
/// `stations."Север".capacity.bays`.
///
/// ```
/// let key = ["stations", "Север", "capacity", "bays"].map(String::from);
/// assert_eq!(stoa::config::dotted(&key), "stations.\"Север\".capacity.bays");
/// ```
pub fn dotted(key: &[String]) -> String {
    let bare = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    key.iter()
        .map(|k| match bare(k) {
            true => k.clone(),
            false => format!("{k:?}"),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The line and column (both from 1, the column in characters) of the byte `offset` of
/// `text`.
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The document of `text` with its spans, a byte-order mark left out (the offsets are then
/// shifted back by its length).
fn document(text: &str) -> Option<(toml_edit::Document<&str>, usize)> {
    let body = text.trim_start_matches('\u{feff}');
    let shift = text.len() - body.len();
    Some((toml_edit::Document::parse(body).ok()?, shift))
}

/// Where `key` is written in `text`: the span of its value when `value` (a value out of
/// range), else of the key itself (a name stoa does not know), each where there is one; a
/// key the file leaves out (its default is what is wrong with the keys written beside it)
/// is placed at the nearest section around it that the file writes; None when nothing of
/// it is written, or the text is not TOML.
pub(super) fn of_key(text: &str, key: &[String], value: bool) -> Option<(usize, usize)> {
    let (doc, shift) = document(text)?;
    let mut item = doc.as_item();
    let mut found: Option<Range<usize>> = None;
    for (i, part) in key.iter().enumerate() {
        let Some((k, next)) = child(item, part) else {
            break;
        };
        // A section's key is written in its header (`[capacity]`): where the section is.
        let last = i + 1 == key.len();
        found = match value || !last {
            true => next.span().or_else(|| k.span()),
            false => k.span().or_else(|| next.span()),
        }
        .or(found);
        item = next;
    }
    found.map(|span| line_column(text, span.start + shift))
}

/// The entry `name` of a table, inline or not, with its key.
fn child<'a>(item: &'a Item, name: &str) -> Option<(&'a toml_edit::Key, &'a Item)> {
    item.as_table_like()?.get_key_value(name)
}

/// The value of `key` as `text` writes it, quotes and escapes as typed
/// (`"C:\exports"`); None when the file does not write it.
pub(super) fn raw_value(text: &str, key: &[String]) -> Option<String> {
    let (doc, shift) = document(text)?;
    let mut item = doc.as_item();
    for part in key {
        item = child(item, part)?.1;
    }
    let span = item.span()?;
    text.get(span.start + shift..span.end + shift)
        .map(str::to_string)
}

/// The key whose value holds the byte `offset` of `text`, the deepest one (entries of a
/// list of sections, `[[holidays.fixed]]`, are their list's: `holidays.fixed.day`).
pub(super) fn key_at(text: &str, offset: usize) -> Option<KeyPath> {
    let (doc, shift) = document(text)?;
    let offset = offset.checked_sub(shift)?;
    let mut path = Vec::new();
    deepest(doc.as_item(), offset, &mut path).then_some(path)
}

/// Push onto `path` the keys down to the value of `item` that holds `offset`; whether one
/// does.
fn deepest(item: &Item, offset: usize, path: &mut KeyPath) -> bool {
    let holds = |span: Option<Range<usize>>| span.is_some_and(|s| s.contains(&offset));
    match item {
        Item::Table(_) | Item::Value(Value::InlineTable(_)) => {
            let table = item.as_table_like().expect("a table");
            for (name, child) in table.iter() {
                let key_holds = table
                    .get_key_value(name)
                    .is_some_and(|(k, _)| holds(k.span()));
                path.push(name.to_string());
                if deepest(child, offset, path) || key_holds {
                    return true;
                }
                path.pop();
            }
            // An inline table where another value belongs (`bands = { a = 1 }`) is its
            // key's value, as a list is.
            matches!(item, Item::Value(_)) && holds(item.span())
        }
        Item::ArrayOfTables(list) => list.iter().any(|t| {
            let before = path.len();
            for (name, child) in t.iter() {
                path.push(name.to_string());
                if deepest(child, offset, path) {
                    return true;
                }
                path.truncate(before);
            }
            false
        }),
        Item::Value(Value::Array(list)) => {
            let inner = list.iter().any(|v| {
                let before = path.len();
                let found = match v {
                    Value::InlineTable(_) => deepest(&Item::Value(v.clone()), offset, path),
                    _ => false,
                };
                if !found {
                    path.truncate(before);
                }
                found
            });
            inner || holds(list.span())
        }
        Item::Value(v) => holds(v.span()),
        Item::None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(parts: &[&str]) -> KeyPath {
        parts.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_key_is_placed_at_its_value_or_at_itself() {
        let text = "station = \"x\"\n[loyalty]\nmin_visits = 0\n[stations.\"Север\".capacity]\nbays = 0\n[files]\nvisit = \"v.xlsx\"\n";
        let at = |parts: &[&str]| of_key(text, &key(parts), true);
        assert_eq!(at(&["loyalty", "min_visits"]), Some((3, 14)));
        assert_eq!(at(&["stations", "Север", "capacity", "bays"]), Some((5, 8)));
        // A name stoa does not know: the name.
        assert_eq!(of_key(text, &key(&["files", "visit"]), false), Some((7, 1)));
        assert_eq!(of_key(text, &key(&["files", "visit"]), true), Some((7, 9)));
        // A key left out: the section around it.
        assert_eq!(at(&["loyalty", "domestic"]), Some((2, 1)));
        assert_eq!(at(&["capacity", "bays"]), None);
        // Dotted keys and inline tables have their places too.
        let text = "loyalty.min_visits = 0\ncapacity = { bays = 0 }\n";
        assert_eq!(
            of_key(text, &key(&["loyalty", "min_visits"]), true),
            Some((1, 22))
        );
        assert_eq!(
            of_key(text, &key(&["capacity", "bays"]), true),
            Some((2, 21))
        );
        // After a byte-order mark, counted as the reader counts it.
        let text = "\u{feff}[capacity]\nbays = 0\n";
        assert_eq!(
            of_key(text, &key(&["capacity", "bays"]), true),
            Some((2, 8))
        );
    }

    #[test]
    fn the_key_of_a_place_is_the_deepest_one_there() {
        let text = "[capacity]\nbays = \"два\"\n[[holidays.fixed]]\nday = \"x\"\nmonth = 1\nname = \"a\"\n";
        let at = |needle: &str| key_at(text, text.find(needle).unwrap());
        assert_eq!(at("\"два\""), Some(key(&["capacity", "bays"])));
        assert_eq!(at("\"x\""), Some(key(&["holidays", "fixed", "day"])));
        let text = "[holidays]\nfixed = [{ day = 1, month = \"май\", name = \"a\" }]\n";
        assert_eq!(
            key_at(text, text.find("\"май\"").unwrap()),
            Some(key(&["holidays", "fixed", "month"]))
        );
        assert_eq!(key_at("station = 5\n", 10), Some(key(&["station"])));
        let text = "[loyalty]\nbands = { a = 1 }\n";
        assert_eq!(
            key_at(text, text.find('{').unwrap()),
            Some(key(&["loyalty", "bands"]))
        );
        assert_eq!(key_at("languge = \"ru\"\n", 0), Some(key(&["languge"])));
    }

    #[test]
    fn a_name_that_is_not_a_bare_key_is_quoted() {
        assert_eq!(
            dotted(&key(&["values", "category", "Шины"])),
            "values.category.\"Шины\""
        );
        assert_eq!(dotted(&key(&["capacity", "bays"])), "capacity.bays");
    }
}
