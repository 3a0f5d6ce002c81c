//! Plural agreement: one helper per language ([`english`], [`russian`]) and the forms a
//! template gives for a count. A template of [`crate::ingest::reasons::fill`] writes the
//! words that agree with a count as a group of forms, `{client|clients}` in English (one,
//! other) and `{клиент|клиента|клиентов}` in Russian (one, few, many), and the group agrees
//! with the nearest whole number filled in before it; `{2:has|have}` agrees with the third
//! argument instead (0-based), wherever it stands. A count said as `1 of the month's 1 new
//! clients have` read as a slip; `1 of the month's 1 new client has` does not.

use std::borrow::Cow;

/// The English form of a count of `n`: 0 for one (`1 client`), 1 for any other
/// (`0 clients`, `2 clients`, `21 clients`).
///
/// ```
/// use stoa::render::i18n::plural::english;
/// assert_eq!([0, 1, 2, 21].map(english), [1, 0, 1, 1]);
/// ```
pub fn english(n: u64) -> usize {
    usize::from(n != 1)
}

/// The Russian form of a count of `n`: 0 for one (`1 клиент`, `21 клиент`), 1 for few
/// (`2 клиента`, `34 клиента`), 2 for many (`5 клиентов`, `11 клиентов`, `0 клиентов`).
///
/// ```
/// use stoa::render::i18n::plural::russian;
/// assert_eq!([1, 2, 5, 11, 12, 21, 22, 25, 111, 0].map(russian), [0, 1, 2, 2, 2, 0, 1, 2, 2, 2]);
/// ```
pub fn russian(n: u64) -> usize {
    match (n % 10, n % 100) {
        (_, 11..=14) => 2,
        (1, _) => 0,
        (2..=4, _) => 1,
        _ => 2,
    }
}

/// The form of `forms` that agrees with `n`: two forms are English's ([`english`]), three
/// Russian's ([`russian`]); the last (many) when the count is unknown.
///
/// ```
/// use stoa::render::i18n::plural::form;
/// assert_eq!(form(Some(1), &["client", "clients"]), "client");
/// assert_eq!(form(Some(21), &["клиент", "клиента", "клиентов"]), "клиент");
/// assert_eq!(form(None, &["client", "clients"]), "clients");
/// ```
pub fn form<'a>(n: Option<u64>, forms: &[&'a str]) -> &'a str {
    let i = match (n, forms.len()) {
        (Some(n), 2) => english(n),
        (Some(n), 3) => russian(n),
        _ => forms.len().saturating_sub(1),
    };
    forms.get(i).copied().unwrap_or("")
}

/// The count an argument says: a whole number (`1`, `1 234`, `1,234`), else none.
pub fn count(arg: &str) -> Option<u64> {
    let digits: String = arg
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | ','))
        .collect();
    match !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        true => digits.parse().ok(),
        false => None,
    }
}

/// A group of forms at the start of `text` (`{client|clients}`, `{2:has|have}`): the
/// argument it names, if any, its forms and its length in bytes.
fn group(text: &str) -> Option<(Option<usize>, Vec<&str>, usize)> {
    let inner = text.strip_prefix('{')?;
    let end = inner.find(['}', '{'])?;
    if !inner[end..].starts_with('}') || !inner[..end].contains('|') {
        return None;
    }
    let body = &inner[..end];
    let (index, body) = match body.split_once(':') {
        Some((i, rest)) if !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) => {
            (i.parse().ok(), rest)
        }
        _ => (None, body),
    };
    Some((index, body.split('|').collect(), end + 2))
}

/// `piece` (a template's text between two arguments) with each group of forms replaced by
/// the form that agrees with its count: the argument it names of `args`, else `nearest`
/// (the last whole number filled in before it).
pub fn agree<'t>(piece: &'t str, args: &[&str], nearest: Option<u64>) -> Cow<'t, str> {
    if !piece.contains('|') {
        return Cow::Borrowed(piece);
    }
    let mut out = String::with_capacity(piece.len());
    let mut rest = piece;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match group(rest) {
            Some((index, forms, len)) => {
                let n = match index {
                    Some(i) => args.get(i).copied().and_then(count),
                    None => nearest,
                };
                out.push_str(form(n, &forms));
                rest = &rest[len..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Every way `template` can be written with one form of each of its groups (the template
/// itself when it has none), for reading a text back ([`crate::ingest::reasons::parse`]).
pub fn variants(template: &str) -> Vec<String> {
    let mut done = vec![String::new()];
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        let (before, from) = rest.split_at(at);
        done.iter_mut().for_each(|d| d.push_str(before));
        match group(from) {
            Some((_, forms, len)) => {
                let forms = &forms;
                done = done
                    .iter()
                    .flat_map(|d| forms.iter().map(move |f| format!("{d}{f}")))
                    .collect();
                rest = &from[len..];
            }
            None => {
                done.iter_mut().for_each(|d| d.push('{'));
                rest = &from[1..];
            }
        }
    }
    done.iter_mut().for_each(|d| d.push_str(rest));
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_agree_as_russian_says_them() {
        let clients = ["клиент", "клиента", "клиентов"];
        let said = |n: u64| format!("{n} {}", form(Some(n), &clients));
        assert_eq!(said(1), "1 клиент");
        assert_eq!(said(2), "2 клиента");
        assert_eq!(said(4), "4 клиента");
        assert_eq!(said(5), "5 клиентов");
        assert_eq!(said(11), "11 клиентов");
        assert_eq!(said(14), "14 клиентов");
        assert_eq!(said(21), "21 клиент");
        assert_eq!(said(22), "22 клиента");
        assert_eq!(said(111), "111 клиентов");
        assert_eq!(said(0), "0 клиентов");
    }

    #[test]
    fn english_counts_agree() {
        let said = |n: u64| format!("{n} {}", form(Some(n), &["client", "clients"]));
        assert_eq!(said(1), "1 client");
        assert_eq!(said(0), "0 clients");
        assert_eq!(said(21), "21 clients");
    }

    #[test]
    fn groups_agree_with_the_count_before_them_or_the_one_they_name() {
        let piece = " new {client|clients} {0:has|have} none";
        assert_eq!(agree(piece, &["1", "1"], Some(1)), " new client has none");
        assert_eq!(agree(piece, &["1", "5"], Some(5)), " new clients has none");
        assert_eq!(agree(piece, &["3", "5"], Some(5)), " new clients have none");
        // Text without a group, and braces that are not one, stay as they are.
        assert_eq!(agree("`{}` {a}", &[], Some(1)), "`{}` {a}");
        assert_eq!(agree("[columns.{x|y", &[], Some(1)), "[columns.{x|y");
        // A count written with its thousands apart.
        assert_eq!(count("1 021"), Some(1021));
        assert_eq!(count("2026-03"), None);
    }

    #[test]
    fn a_template_reads_back_with_any_of_its_forms() {
        assert_eq!(
            variants("{} {row|rows} {0:is|are} x"),
            [
                "{} row is x",
                "{} row are x",
                "{} rows is x",
                "{} rows are x"
            ]
        );
        assert_eq!(variants("no {} group"), ["no {} group"]);
    }
}
