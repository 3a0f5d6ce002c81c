//! The warnings of how slash dates were read: a column read month first, a file whose
//! dates are written both ways, files of the data that write them differently.

use super::warning;
use crate::ingest::reasons;
use crate::ingest::Warning;
use crate::schema::Table;

/// The warning of a date column whose slash dates were read month first. Where only
/// rejected rows have a cell that can be read no other way, it says so without quoting one;
/// where another column's dates decided, it names that column (quoting none of its dates
/// where only its rejected rows decided).
pub(in crate::ingest) fn month_first(
    table: Table,
    column: &str,
    file: &str,
    m: &crate::ingest::cells::MonthFirst,
) -> Warning {
    if let Some(lead) = &m.led_by {
        let (followed, lead_file) = (format!("«{}»", lead.column), lead.file.as_str());
        let (cells, example) = (m.cells.to_string(), format!("«{}»", m.example));
        let column = format!("«{column}»");
        // A lead whose rows that decide were all rejected is named, none of them quoted.
        if !lead.decides {
            return warning(
                table,
                m.cells,
                reasons::MONTH_FIRST_FOLLOWED_BY_REJECTED,
                &[&column, file, &followed, lead_file, &cells, &example],
            );
        }
        return warning(
            table,
            m.cells,
            reasons::MONTH_FIRST_FOLLOWED,
            &[
                &column,
                file,
                &followed,
                lead_file,
                &format!("«{}»", lead.example),
                &cells,
                &example,
            ],
        );
    }
    let template = match m.example_decides {
        true => reasons::MONTH_FIRST,
        false => reasons::MONTH_FIRST_BY_REJECTED,
    };
    warning(
        table,
        m.cells,
        template,
        &[
            &format!("«{column}»"),
            file,
            &m.cells.to_string(),
            &format!("«{}»", m.example),
        ],
    )
}

/// The warning of a file whose dates are written both day first and month first.
pub(in crate::ingest) fn dates_mixed(
    table: Table,
    file: &str,
    m: &crate::ingest::cells::date_order::MixedOrders,
) -> Warning {
    let ((day_column, day), (month_column, month)) = (&m.day_first, &m.month_first);
    // The counts are of cells, said in the message: a row may hold one of each.
    warning(
        table,
        0,
        reasons::DATES_MIXED,
        &[
            file,
            &format!("«{day_column}»"),
            &format!("«{day}»"),
            &format!("«{month_column}»"),
            &format!("«{month}»"),
            &m.day_cells.to_string(),
            &m.month_cells.to_string(),
        ],
    )
}

/// The warning of files of the data whose slash dates show different orders: the first
/// file of each, its column and a date that shows it.
pub(in crate::ingest) fn month_first_conflict(
    c: &crate::ingest::cells::date_order::Conflict,
) -> Warning {
    let ((month_file, month), (day_file, day)) = (&c.month_first, &c.day_first);
    // A date of a rejected row is not quoted: only such rows of the column show its order.
    let shown = |c: &crate::ingest::cells::date_order::ColumnOrder| {
        let column = format!("«{}»", c.column);
        match c.decides && !c.example.is_empty() {
            true => reasons::fill(reasons::SHOWN_BY, &[&column, &format!("«{}»", c.example)]),
            false => reasons::fill(reasons::SHOWN_BY_REJECTED, &[&column]),
        }
    };
    warning(
        c.table,
        0,
        reasons::MONTH_FIRST_CONFLICT,
        &[month_file, &shown(month), day_file, &shown(day)],
    )
}
