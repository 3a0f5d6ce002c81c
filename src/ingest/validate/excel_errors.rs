//! Spreadsheet error values (`#N/A`, `#DIV/0!`, Russian Excel's `#Н/Д`, LibreOffice's
//! `Err:502`): what a formula that failed leaves in its cell. Taken as text they were
//! values: visits whose client lookup failed became one client named `#Н/Д` with all
//! their visits (a "regular client"); in a number column they were rejected as "not a
//! number", which sent the user looking for a typo. Now such a cell rejects its row with
//! a reason that names the formula.

use polars::prelude::*;

/// Every error value Excel (English and Russian) and LibreOffice write into a cell or a
/// CSV export, as the user sees it; LibreOffice's `Err:5xx` codes are matched apart.
const ERRORS: [&str; 27] = [
    "#N/A",
    "#DIV/0!",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#GETTING_DATA",
    "#DATA!",
    "#Н/Д",
    "#ДЕЛ/0!",
    "#ИМЯ?",
    "#ПУСТО!",
    "#ЧИСЛО!",
    "#ССЫЛКА!",
    "#ЗНАЧ!",
    "#ПЕРЕНОС!",
    "#ВЫЧИСЛ!",
    "#ПОЛЕ!",
    "#ПОЛУЧЕНИЕ_ДАННЫХ",
];

/// Whether the text cell `e` is a spreadsheet error value (null for an empty cell).
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::validate::is_spreadsheet_error;
/// let df = df!("c" => ["#N/A", "#Н/Д", "Err:502", "#1", "КЛ-01"]).unwrap();
/// let got = df.lazy().select([is_spreadsheet_error(col("c"))]).collect().unwrap();
/// let got: Vec<_> = got.column("c").unwrap().bool().unwrap().iter().flatten().collect();
/// assert_eq!(got, [true, true, true, false, false]);
/// ```
pub fn is_spreadsheet_error(e: Expr) -> Expr {
    let listed = Series::new("errors".into(), ERRORS);
    e.clone()
        .is_in(lit(listed).implode(true), false)
        .or(e.str().contains(lit("^Err:5[0-9][0-9]$"), false))
}

/// Whether some cell of the text column may be an error value: every error value starts
/// with `#` or `Err:`. Told from each cell's view, which holds its first four bytes, so the
/// text itself is not read: every text column of every table is asked (a chain's are 40
/// million cells), and asking polars whether each cell starts so cost the check a tenth
/// of its time. A null's view may say anything; the exact test that follows sees nulls.
fn may_hold_errors(ca: &StringChunked) -> bool {
    let hash = u32::from(b'#');
    let err = u32::from_le_bytes(*b"Err:");
    ca.downcast_iter().any(|arr| {
        arr.views()
            .iter()
            .any(|v| v.length > 0 && (v.prefix & 0xff == hash || v.prefix == err))
    })
}

/// The text columns among `names` (raw columns of `frame`) that hold an error value, in
/// the order given. The columns are scanned side by side on the machine's cores; only a
/// column with a cell starting as an error value does is matched against the list.
pub(super) fn columns_with_errors<'a>(
    frame: &DataFrame,
    names: &[(&'a str, String)],
) -> PolarsResult<Vec<&'a str>> {
    let maybe = crate::ingest::parallel::in_parallel(names, |(_, raw)| {
        Ok(may_hold_errors(frame.column(raw)?.str()?))
    })?;
    let mut found = Vec::new();
    for ((name, raw), maybe) in names.iter().zip(maybe) {
        if !maybe {
            continue;
        }
        let exact = frame
            .clone()
            .lazy()
            .select([is_spreadsheet_error(col(raw.as_str()))
                .any(true)
                .alias("any")])
            .collect()?;
        if exact.column("any")?.bool()?.get(0).unwrap_or(false) {
            found.push(*name);
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_columns_with_an_exact_error_value_are_named() {
        let df = df!(
            "a" => [Some("#1 клиент"), Some("Err:12"), None],
            "b" => [Some("x"), Some("#ЗНАЧ!"), None],
            "c" => [Some("y"), None, Some("z")],
        )
        .unwrap();
        let names = [
            ("a", "a".to_string()),
            ("b", "b".to_string()),
            ("c", "c".to_string()),
        ];
        assert_eq!(columns_with_errors(&df, &names).unwrap(), ["b"]);
    }

    #[test]
    fn a_first_hash_or_err_is_seen_in_short_and_long_cells() {
        let ca = |v: &[&str]| StringChunked::from_iter_values("c".into(), v.iter().copied());
        assert!(!may_hold_errors(&ca(&[
            "a",
            "",
            "Er",
            "длинный текст без решётки"
        ])));
        assert!(may_hold_errors(&ca(&["a", "#Н/Д"])));
        assert!(may_hold_errors(&ca(&["a", "#ПОЛУЧЕНИЕ_ДАННЫХ"])));
        assert!(may_hold_errors(&ca(&["Err:502"])));
    }
}
