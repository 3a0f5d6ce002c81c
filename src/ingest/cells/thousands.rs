//! Money written with a thousands mark and no decimals, as an Excel in an English or German
//! locale writes a whole number formatted with separators: `12,345` or `12.345`. Read with
//! the mark as a decimal mark, the Russian reading of `12,5`, such an amount was 12,35: a
//! thousand times too small, and rounded to the kopeck. Money has two decimals, so a money
//! column whose cells show a mark before three digits and never before one or two has that
//! mark read as the thousands mark. Whole numbers and numbers (an odometer's `58,403`, an
//! interval's `15,000`) are read so too: taken as decimals, an odometer reading was not a
//! whole number and its visit was rejected, and an interval of 15 000 km was 15 km.

use polars::prelude::*;

use crate::schema::Kind;

/// A money column's thousands mark, found in its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thousands {
    /// `,` or `.`.
    pub mark: char,
    /// Cells of one to three digits, the mark and three digits, read as whole thousands.
    pub cells: u64,
    /// One of them.
    pub example: String,
    /// Whether the column is money (its warning says why: money has two decimals).
    pub money: bool,
    /// The rows of the cells read as whole thousands (positions in the column, ascending),
    /// once [`strip_thousands`] has read them, for counting them again on the rows accepted.
    pub rows: Vec<IdxSize>,
}

/// The shape of a cell of digits and marks: which mark it holds once with three digits
/// after it and one to three before (`12,345`), and which mark it holds last before one or
/// two digits or more than three (`12,5`, `1 234.50`, `0,0050`): a decimal mark.
#[derive(Default, Clone, Copy)]
struct Shape {
    grouped: Option<u8>,
    decimal: Option<u8>,
}

fn shape(cell: &str) -> Shape {
    // The number's span: currency words and signs around it (`12,345 ₽`, `руб. 12,345`)
    // aside.
    let b = cell.as_bytes();
    let (Some(first), Some(end)) = (
        b.iter().position(u8::is_ascii_digit),
        b.iter().rposition(u8::is_ascii_digit),
    ) else {
        return Shape::default();
    };
    let b = &b[first..=end];
    let Some(last) = b.iter().rposition(|c| matches!(c, b',' | b'.')) else {
        return Shape::default();
    };
    let after = &b[last + 1..];
    if after.is_empty() || !after.iter().all(u8::is_ascii_digit) {
        return Shape::default();
    }
    let mark = b[last];
    let before = &b[..last];
    if after.len() == 3 {
        // `1500,000` or `1 500,000`: four digits or more before the mark were never grouped
        // by it, so it is a decimal mark (an export of three decimals).
        let spaced = |c: &u8| matches!(c, b' ' | b'\'' | 0xc2 | 0xa0);
        let whole = before.iter().any(u8::is_ascii_digit)
            && before.iter().all(|c| c.is_ascii_digit() || spaced(c));
        let digits = before.iter().filter(|c| c.is_ascii_digit()).count();
        // A group of thousands never starts with a zero: `0,500` is half of something.
        let zero = before.first() == Some(&b'0');
        Shape {
            grouped: (whole && before.len() <= 3 && !zero).then_some(mark),
            decimal: (whole && (digits > 3 || zero)).then_some(mark),
        }
    } else {
        Shape {
            grouped: None,
            decimal: Some(mark),
        }
    }
}

/// The thousands mark of a money column's text cells (cleaned), if they show one: some cell
/// is one to three digits, a mark and three digits, and no cell has that mark last before
/// other than three digits.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::cells::thousands_mark;
/// let english = StringChunked::new("a".into(), ["1,500", "800", "12,345", "1,234.50"]);
/// let t = thousands_mark(&english).unwrap();
/// assert_eq!((t.mark, t.cells, t.example.as_str()), (',', 2, "1,500"));
/// let russian = StringChunked::new("a".into(), ["1,500", "800", "1500,50"]);
/// assert_eq!(thousands_mark(&russian), None);
/// ```
pub fn thousands_mark(ca: &StringChunked) -> Option<Thousands> {
    // Cells longer than this are no single group of thousands, nor decimals worth a look.
    const LONGEST: usize = 32;
    let (mut grouped, mut decimal) = ([0u64; 2], [false; 2]);
    let mut example: [Option<&str>; 2] = [None, None];
    let index = |m: u8| usize::from(m == b'.');
    // Every value, nulls as whatever their slot holds (empty): no validity to consult, and
    // an empty cell says nothing. A short cell equal to the one before (a quantity of 1 row
    // after row) is told by its view, which holds it whole, and passed over: it says what
    // the one before said.
    let cells = ca.downcast_iter().flat_map(|a| {
        let mut previous = None;
        a.views().iter().enumerate().filter_map(move |(j, v)| {
            let repeated = v.length <= 12 && previous == Some(v.as_u128());
            previous = Some(v.as_u128());
            (!repeated).then(|| a.value(j))
        })
    });
    for cell in cells.filter(|c| c.len() <= LONGEST) {
        // A mark already seen before decimals can no longer be the thousands mark: the
        // cells without the other one say nothing (a Russian column, after its first
        // `1500,00`, costs one byte search a cell).
        let b = cell.as_bytes();
        let says = match decimal {
            [false, false] => memchr::memchr2(b',', b'.', b).is_some(),
            [true, false] => memchr::memchr(b'.', b).is_some(),
            [false, true] => memchr::memchr(b',', b).is_some(),
            [true, true] => return None,
        };
        if !says {
            continue;
        }
        let s = shape(cell);
        if let Some(m) = s.grouped {
            grouped[index(m)] += 1;
            example[index(m)].get_or_insert(cell);
        }
        if let Some(m) = s.decimal {
            decimal[index(m)] = true;
        }
    }
    [(b',', 0), (b'.', 1)]
        .into_iter()
        .find(|&(_, i)| grouped[i] > 0 && !decimal[i])
        .map(|(mark, i)| Thousands {
            mark: char::from(mark),
            cells: grouped[i],
            example: example[i].unwrap_or_default().to_string(),
            money: true,
            rows: Vec::new(),
        })
}

/// The thousands mark of a text column (cleaned) of `kind`, as [`thousands_mark`] finds it
/// for money and whole numbers. A number column (quantities, norm hours) must also have a
/// cell of digits without a mark: 1C writes quantities with three decimals (`1,000`,
/// `2,500`), a mark in every cell, where an Excel that puts a mark between thousands writes
/// the numbers under a thousand without one. Money and whole numbers need no such cell:
/// money has two decimals, and whole numbers none.
///
/// ```
/// use polars::prelude::*;
/// use stoa::{ingest::cells::column_thousands_mark, schema::Kind};
/// let odometer = StringChunked::new("a".into(), ["58,403", "101,250"]);
/// assert_eq!(column_thousands_mark(Kind::Int, &odometer).unwrap().cells, 2);
/// assert_eq!(column_thousands_mark(Kind::Number, &odometer), None);
/// let qty = StringChunked::new("a".into(), ["1,500", "2"]);
/// assert_eq!(column_thousands_mark(Kind::Number, &qty).unwrap().mark, ',');
/// ```
pub fn column_thousands_mark(kind: Kind, ca: &StringChunked) -> Option<Thousands> {
    if !matches!(kind, Kind::Money | Kind::Int | Kind::Number) {
        return None;
    }
    let t = thousands_mark(ca)?;
    let unmarked = |c: &str| {
        let c = c.trim();
        !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())
    };
    if kind == Kind::Number && !ca.iter().flatten().any(unmarked) {
        return None;
    }
    Some(Thousands {
        money: kind == Kind::Money,
        ..t
    })
}

/// `cells` with the thousands mark taken out of the cells of one group (`12,345` → `12345`),
/// the other cells as they are. `t` then counts the cells so read, every one (the search
/// for the mark passes over a cell repeated on the next row), and holds their rows.
pub fn strip_thousands(cells: &Column, t: &mut Thousands) -> PolarsResult<Column> {
    let mark = regex_escape(t.mark);
    let ca = cells.str()?;
    let out = ca.replace(&format!(r"^(\D*\d{{1,3}}){mark}(\d{{3}}\D*)$"), "${1}${2}")?;
    t.rows = ca
        .iter()
        .zip(out.iter())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| i as IdxSize)
        .collect();
    t.cells = t.rows.len() as u64;
    Ok(out.into_column().with_name(cells.name().clone()))
}

fn regex_escape(c: char) -> String {
    match c {
        '.' => r"\.".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_take_the_mark_as_money_does_and_numbers_need_an_unmarked_cell() {
        let read = |kind, cells: &[&str]| {
            column_thousands_mark(kind, &StringChunked::new("a".into(), cells))
        };
        // An English odometer column: every reading past a thousand.
        let t = read(Kind::Int, &["58,403", "101,250", "9,876"]).unwrap();
        assert_eq!((t.mark, t.cells, t.money), (',', 3, false));
        assert!(read(Kind::Money, &["1,500"]).unwrap().money);
        // 1C's quantities with three decimals: a mark in every cell, read as decimals.
        assert_eq!(read(Kind::Number, &["1,000", "2,000", "4,000"]), None);
        assert_eq!(read(Kind::Number, &["1,000", "2,500", "0,750"]), None);
        // An English quantity column: small numbers without a mark.
        let t = read(Kind::Number, &["1,500", "2", "12"]).unwrap();
        assert_eq!((t.mark, t.cells), (',', 1));
        assert_eq!(read(Kind::Text, &["1,500"]), None);
    }

    #[test]
    fn a_mark_before_three_digits_is_a_thousands_mark_unless_the_column_shows_decimals() {
        let read = |cells: &[&str]| thousands_mark(&StringChunked::new("a".into(), cells));
        // German: `.` between thousands, `,` before the decimals.
        let t = read(&["12.345", "1.234,50", "-7.000"]).unwrap();
        assert_eq!((t.mark, t.cells), ('.', 2));
        // A `.` used as a decimal mark elsewhere keeps `12.345` a decimal.
        assert_eq!(read(&["12.345", "12.5"]), None);
        assert_eq!(read(&["12.345", "0.0050"]), None);
        // Four digits before the mark are no group of thousands: such a cell shows the
        // mark as a decimal mark for the column (an export of three decimals).
        assert_eq!(read(&["1234,567"]), None);
        assert_eq!(read(&["150,000", "1500,000"]), None);
        assert_eq!(read(&["150,000", "1 500,000"]), None);
        assert_eq!(read(&["1500", "800"]), None);
        // A zero before the mark is no group of thousands.
        assert_eq!(read(&["1,500", "0,500"]), None);
        let cells = [
            "12,345",
            "-1,500 ₽",
            "руб. 2,000",
            "1,234.50",
            "1,234,567",
            "7",
        ];
        let mut t = read(&cells).unwrap();
        assert_eq!((t.mark, t.cells), (',', 3));
        let out = strip_thousands(&Column::new("a".into(), cells), &mut t).unwrap();
        assert_eq!((t.cells, t.rows.as_slice()), (3, [0, 1, 2].as_slice()));
        let out: Vec<Option<&str>> = out.str().unwrap().iter().collect();
        assert_eq!(
            out,
            [
                Some("12345"),
                Some("-1500 ₽"),
                Some("руб. 2000"),
                Some("1,234.50"),
                Some("1,234,567"),
                Some("7")
            ]
        );
    }
}
