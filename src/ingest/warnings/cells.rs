//! Warnings of cells read otherwise than as written by programs other than 1C: ids that
//! pandas wrote as floats, a `₽` lost to Windows-1251, a header repeated down the file.

use super::{reasons, warning, Warning};
use crate::schema::Table;

/// The warning of an id column whose `101.0` cells were read as `101`.
pub(in crate::ingest) fn dot_zero(
    table: Table,
    column: &str,
    file: &str,
    d: &crate::ingest::validate::DotZero,
) -> Warning {
    warning(
        table,
        d.cells,
        reasons::DOT_ZERO,
        &[
            &format!("«{column}»"),
            file,
            &d.cells.to_string(),
            &format!("«{}»", d.example),
            &format!("«{}»", d.example.trim_end_matches(".0")),
        ],
    )
}

/// The warning of a money column whose `1 500,00 ?` cells were read without the `?`, the
/// station's currency `sign` (`₽`) taken for what it lost.
pub(in crate::ingest) fn lost_sign(
    table: Table,
    column: &str,
    file: &str,
    l: &crate::ingest::cells::LostSign,
    sign: &str,
) -> Warning {
    warning(
        table,
        l.cells,
        reasons::LOST_SIGN,
        &[
            &l.cells.to_string(),
            &format!("«{column}»"),
            file,
            &format!("«{}»", l.example),
            &format!("`{sign}`"),
        ],
    )
}

/// The warning of rows that repeat the header, skipped: how many, the file, the first's row.
pub(in crate::ingest) fn repeated_headers(
    table: Table,
    rows: u64,
    file: &str,
    first: u32,
) -> Warning {
    warning(
        table,
        rows,
        reasons::HEADER_ROWS_SKIPPED,
        &[&rows.to_string(), file, &first.to_string()],
    )
}
