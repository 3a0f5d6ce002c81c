//! Reading one typed column of a table from its text: the cleaning the readers left to
//! validation, the forms a column's cells take (coded words, score forms, crosses for yes,
//! month-first slash dates, thousands marks in money and numbers), and what is worth a warning about
//! how it was read.

use polars::prelude::*;

use super::Context;
use crate::ingest::cells::date_order::{
    file_lead, ColumnOrder, DateOrder, Lead, MixedOrders, TableOrder,
};
use crate::ingest::cells::{
    self, DayFirst, Distinct, LostSign, MonthFirst, Rounded, Shown, Thousands,
};
use crate::ingest::read::cleaned;
use crate::schema::{Kind, Table};

/// One column read from its text.
#[derive(Default)]
pub(super) struct Parsed {
    /// The cleaned text, where cleaning changed it.
    pub clean: Option<Column>,
    /// The values, where parsed (None: the validation plan parses the column).
    pub value: Option<Column>,
    /// A coded column's spellings outside its vocabulary: each as written, the value it was
    /// read as, and its rows.
    pub unread: Vec<(String, String, u64)>,
    /// A date column whose slash dates were read month first. Each warning of cells comes
    /// with the text its cells are quoted from (its rows are positions in it).
    pub month_first: Option<(MonthFirst, Column)>,
    /// A date column's: what its own slash dates show of their order.
    pub dates: Option<Shown>,
    /// A money or number column whose `12,345` cells were read as whole thousands.
    pub thousands: Option<(Thousands, Column)>,
    /// A money column's cells of more than two decimals, rounded to the kopeck.
    pub rounded: Option<(Rounded, Column)>,
    /// A money column's cells whose `₽` Windows-1251 wrote as `?`, read without it.
    pub lost_sign: Option<(LostSign, Column)>,
}

/// Read the text column `raw` of `table` as `kind` into the value column `name`; `numbers`
/// holds the cells a workbook stored as numbers, taken as those numbers.
pub(super) fn parse_column(
    table: Table,
    kind: Kind,
    name: &str,
    raw: &Column,
    numbers: Option<&Column>,
    ctx: &Context,
) -> PolarsResult<Parsed> {
    // `1 500,00 ?`: the `₽` a Windows-1251 CSV could not hold, or the station's own sign
    // lost so (`₸`, `₴`): an export writes its money in the station's currency, so the
    // `?` is taken for its sign wherever Windows-1251 lacks it (until session 31 at a
    // rouble station only, and a tenge station had such lines rejected). A dollar or euro
    // station's sign survives, so its `?` is a lost `₽` and the cell is rejected as
    // another currency's. The text shown for a rejected row is then the cell without it.
    if kind == Kind::Money && ctx.currency.sign_lost_in_windows_1251() {
        if let Some((stripped, lost)) = cells::lost_rouble_signs(raw)? {
            let p = parse_text(table, kind, name, &stripped, numbers, ctx)?;
            return Ok(Parsed {
                clean: p.clean.or(Some(stripped)),
                lost_sign: Some((lost, raw.clone())),
                ..p
            });
        }
    }
    parse_text(table, kind, name, raw, numbers, ctx)
}

/// [`parse_column`] once the column's text is as the other forms read it.
fn parse_text(
    table: Table,
    kind: Kind,
    name: &str,
    raw: &Column,
    numbers: Option<&Column>,
    ctx: &Context,
) -> PolarsResult<Parsed> {
    // Coded values, the station's words for them first, in one pass of their own.
    if let Kind::Enum(e) = kind {
        let words = crate::config::words(&ctx.values, e);
        // A blank mark (`-`, `NULL`) is an empty cell: the column's default.
        let blanked = cells::blank_no_value_marks(kind, raw)?;
        let p = cells::parse_enum(e, blanked.as_ref().unwrap_or(raw), name, &words)?;
        return Ok(Parsed {
            clean: p.cleaned.or(blanked),
            value: Some(p.values),
            unread: p.unread,
            ..Parsed::default()
        });
    }
    // Money, numbers and whole numbers written `12,345` by an English Excel: whole
    // thousands, where the column never writes decimals with that mark. The text shown for
    // a rejected row stays as written.
    if matches!(kind, Kind::Money | Kind::Int | Kind::Number) {
        if let Some(mut t) = cells::column_thousands_mark(kind, raw.str()?) {
            let whole = cells::strip_thousands(raw, &mut t)?;
            let p = parse_cells(kind, name, &whole, numbers, ctx)?;
            return Ok(Parsed {
                thousands: Some((t, raw.clone())),
                ..p
            });
        }
    }
    // A score written `5 из 5`, `★★★★☆` or `отлично` is that number.
    if (table, name) == (Table::Feedback, "score") {
        if let Some(forms) = cells::score_forms(raw)? {
            let p = parse_cells(kind, name, &forms, numbers, ctx)?;
            return Ok(Parsed {
                clean: p.clean.or(Some(forms)),
                ..p
            });
        }
    }
    let p = parse_cells(kind, name, raw, numbers, ctx)?;
    // A yes/no column ticked by hand with crosses: the crosses are yes. Asked only of a
    // column with unread cells, so the others pay nothing.
    let unread = |v: &Column| v.null_count() > raw.null_count();
    if kind == Kind::Bool && p.value.as_ref().is_some_and(unread) {
        if let Some(ticks) = cells::crosses_as_yes(raw)? {
            let p = parse_cells(kind, name, &ticks, numbers, ctx)?;
            return Ok(Parsed {
                clean: p.clean.or(Some(ticks)),
                ..p
            });
        }
    }
    Ok(p)
}

/// The readers left these columns' text uncleaned (surrounding white space, empty cells):
/// each is cleaned here first where any cell needs it, which parsing by distinct cells
/// tells from those cells alone. Money and numbers are read in the station's currency.
fn parse_cells(
    kind: Kind,
    name: &str,
    raw: &Column,
    numbers: Option<&Column>,
    ctx: &Context,
) -> PolarsResult<Parsed> {
    let currency = &ctx.currency;
    let done = |clean, value| Parsed {
        clean,
        value,
        ..Parsed::default()
    };
    let money = kind == Kind::Money;
    // The text a rounded cell is quoted from: the cleaned text where cleaning changed it.
    let with_rounded = |p: Parsed, r: Rounded, text: &Column| Parsed {
        rounded: (money && r.cells > 0).then(|| (r, p.clean.clone().unwrap_or(text.clone()))),
        ..p
    };
    // No-value marks (a lone dash, 1C's empty date) are empty cells, not bad ones.
    let blanked = cells::blank_no_value_marks(kind, raw)?;
    let raw = blanked.as_ref().unwrap_or(raw);
    let or_blanked = |clean: Option<Column>| clean.or_else(|| blanked.clone());
    if let (Some(n), Kind::Money | Kind::Number | Kind::Int) = (numbers, kind) {
        let clean = or_blanked(cleaned(raw)?);
        let rounded = match money {
            true => cells::rounded_numbers(n, clean.as_ref().unwrap_or(raw))?,
            false => Rounded::default(),
        };
        let p = done(clean, Some(cells::numeric_value(kind, n, name)?));
        return Ok(with_rounded(p, rounded, raw));
    }
    // Dates of the usual forms are read by hand, the rest by the plan.
    if matches!(kind, Kind::Date | Kind::DateTime) {
        return date_cells(kind, name, raw, blanked.clone(), None);
    }
    Ok(
        match cells::parse_distinct_cells(kind, raw, name, true, currency)? {
            Distinct::Parsed(v, r) => with_rounded(done(or_blanked(None), Some(v)), *r, raw),
            // Mostly distinct numbers (a chain's costs, odometer readings): the strict pass
            // over every cell instead of the plan's regexes over the column.
            Distinct::TooMany if matches!(kind, Kind::Money | Kind::Number | Kind::Int) => {
                let clean = or_blanked(cleaned(raw)?);
                let text = clean.as_ref().unwrap_or(raw);
                let (v, r) = cells::parse_numbers_rounded(kind, text, name, currency)?;
                with_rounded(done(clean, Some(v)), r, raw)
            }
            Distinct::TooMany => done(or_blanked(cleaned(raw)?), None),
            Distinct::Unclean => {
                let clean = or_blanked(cleaned(raw)?);
                let text = clean.as_ref().unwrap_or(raw);
                match cells::parse_distinct_cells(kind, text, name, false, currency)? {
                    Distinct::Parsed(v, r) => with_rounded(done(clean, Some(v)), *r, raw),
                    _ => done(clean, None),
                }
            }
        },
    )
}

/// A date column's text `raw` (its no-value marks made empty: `blanked`, where that changed
/// it) read as `kind` into `name`, its slash dates month first as `lead`'s where its own
/// show no order ([`cells::read_dates`]).
fn date_cells(
    kind: Kind,
    name: &str,
    raw: &Column,
    blanked: Option<Column>,
    lead: Option<&Lead>,
) -> PolarsResult<Parsed> {
    let clean = cleaned(raw)?.or(blanked);
    let text = clean.as_ref().unwrap_or(raw);
    let d = cells::read_dates(kind, text, name, lead)?;
    Ok(Parsed {
        month_first: d.month_first.map(|m| (m, text.clone())),
        dates: Some(d.shown),
        clean,
        value: Some(d.values),
        ..Parsed::default()
    })
}

/// The date column `raw` read again, its slash dates month first as `lead`'s column shows
/// ([`date_leads`]).
pub(super) fn dates_led(kind: Kind, name: &str, raw: &Column, lead: &Lead) -> PolarsResult<Parsed> {
    let blanked = cells::blank_no_value_marks(kind, raw)?;
    let text = blanked.as_ref().unwrap_or(raw);
    date_cells(kind, name, text, blanked.clone(), Some(lead))
}

/// The order of a table's slash dates (`crate::ingest::cells::date_order`), from its
/// columns as parsed (`parsed`, each with its header cell in `headers`, of `file`): the
/// lead of each column to be read again (one that has slash dates and shows no order,
/// where the other columns of the file show month first or, showing none, the files read
/// before do: `folder`), and what the table shows and asked.
pub(super) fn date_leads(
    parsed: &[Parsed],
    headers: &[String],
    file: &str,
    folder: impl FnOnce() -> Option<Lead>,
) -> (Vec<Option<Lead>>, TableOrder) {
    let shown: Vec<ColumnOrder> = parsed
        .iter()
        .zip(headers)
        .filter_map(|(p, header)| {
            let (order, example) = p.dates.as_ref()?.order.clone()?;
            Some(ColumnOrder {
                column: header.clone(),
                order,
                example,
                decides: true,
            })
        })
        .collect();
    let undecided = |p: &Parsed| {
        p.dates
            .as_ref()
            .is_some_and(|d| d.slashes && d.order.is_none())
    };
    let mut read = TableOrder { shown, asked: None };
    let lead = match file_lead(&read.shown, file) {
        Some(lead) => lead,
        None if parsed.iter().any(undecided) => {
            let lead = folder();
            read.asked = Some(lead.clone());
            lead
        }
        None => None,
    };
    let leads = parsed
        .iter()
        .map(|p| lead.clone().filter(|_| undecided(p)))
        .collect();
    (leads, read)
}

/// `read` with the example of each column read month first by its own cells taken from
/// the warning of its accepted rows (`month_first`, by column): where one of them shows
/// it, that date; else (only rejected rows show it) a date of them read month first, or
/// none where no accepted row has one, and the column no longer `decides`. The date a
/// file leads its followers with is then never a rejected row's.
pub(super) fn accepted_examples(
    mut read: TableOrder,
    month_first: &[(String, MonthFirst)],
) -> TableOrder {
    for c in read
        .shown
        .iter_mut()
        .filter(|c| c.order == DateOrder::MonthFirst)
    {
        // The recount drops a column's warning where no accepted row has a cell read so.
        let own = month_first
            .iter()
            .find(|(column, m)| *column == c.column && m.led_by.is_none());
        (c.example, c.decides) = match own {
            Some((_, m)) => (m.example.clone(), m.example_decides),
            None => (String::new(), false),
        };
    }
    read
}

/// `read` with the example of each column that shows day first taken from its accepted
/// rows: the first slash date of them that can be read only day first, or none where only
/// rows rejected for another reason have one, and the column no longer `decides`. Those
/// dates of the column `column` (as the file names it), the other cells empty, are
/// `telling(column)`. The warning of files whose dates show different orders quoted the
/// first such date of the file, a rejected row's too (session 31 did the same for month
/// first).
pub(super) fn accepted_day_examples(
    mut read: TableOrder,
    telling: impl Fn(&str) -> Option<Column>,
    rejected: &BooleanChunked,
) -> PolarsResult<TableOrder> {
    for c in read
        .shown
        .iter_mut()
        .filter(|c| c.order == DateOrder::DayFirst)
    {
        let Some(text) = telling(&c.column) else {
            continue;
        };
        let kept = text.str()?.filter(&!rejected)?;
        let telling = kept.iter().flatten().next();
        (c.example, c.decides) = match telling {
            Some(cell) => (cell.to_string(), true),
            None => (String::new(), false),
        };
    }
    Ok(read)
}

/// Where a file's dates are written both ways ([`MixedOrders`]), from the cells of its
/// accepted rows read month first (`month_first`, by column) and day first (`day_first`):
/// some date of each that can be read only that way (month first by its own column, not a
/// follower's); None where either has none.
pub(super) fn mixed_orders(
    month_first: &[(String, MonthFirst)],
    day_first: &[(String, DayFirst)],
) -> Option<MixedOrders> {
    let (day_column, day) = day_first.iter().find(|(_, d)| d.example_decides)?;
    let (month_column, month) = month_first
        .iter()
        .find(|(_, m)| m.example_decides && m.led_by.is_none())?;
    Some(MixedOrders {
        day_first: (day_column.clone(), day.example.clone()),
        month_first: (month_column.clone(), month.example.clone()),
        day_cells: day_first.iter().map(|(_, d)| d.cells).sum(),
        month_cells: month_first.iter().map(|(_, m)| m.cells).sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A date column as parsing gave it: what its slash dates show.
    fn dates(order: Option<(DateOrder, &str)>, slashes: bool) -> Parsed {
        Parsed {
            dates: Some(Shown {
                order: order.map(|(o, e)| (o, e.to_string())),
                slashes,
            }),
            ..Parsed::default()
        }
    }

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_column_that_shows_no_order_follows_its_file_then_the_files_before() {
        let month = Some((DateOrder::MonthFirst, "9/13/2026"));
        let lead = Lead {
            column: "Date".into(),
            file: "v.csv".into(),
            example: "9/13/2026".into(),
            decides: true,
        };
        // `Date` shows month first; `Promised` has slash dates and shows nothing; a
        // column of dotted dates has nothing to follow. The folder is not asked.
        let parsed = [dates(month, true), dates(None, true), dates(None, false)];
        let names = headers(&["Date", "Promised", "Дата"]);
        let (leads, read) = date_leads(&parsed, &names, "v.csv", || unreachable!());
        assert_eq!(leads, [None, Some(lead.clone()), None]);
        assert_eq!(read.asked, None);
        assert_eq!(read.shown.len(), 1);
        // A column of the file that shows day first: nothing follows anything.
        let day = Some((DateOrder::DayFirst, "16/09/2026"));
        let parsed = [dates(month, true), dates(day, true), dates(None, true)];
        let names = headers(&["Date", "Closed", "Promised"]);
        let (leads, _) = date_leads(&parsed, &names, "v.csv", || unreachable!());
        assert_eq!(leads, [None, None, None]);
        // No column of the file shows an order: the folder's lead, and the file asked.
        let parsed = [dates(None, true), Parsed::default()];
        let names = headers(&["observed_at", "price"]);
        let (leads, read) = date_leads(&parsed, &names, "p.csv", || Some(lead.clone()));
        assert_eq!(leads, [Some(lead.clone()), None]);
        assert_eq!(read.asked, Some(Some(lead)));
        // Without slash dates it does not ask.
        let parsed = [dates(None, false)];
        let (leads, read) = date_leads(&parsed, &headers(&["d"]), "p.csv", || unreachable!());
        assert_eq!((leads, read.asked), (vec![None], None));
    }
}
