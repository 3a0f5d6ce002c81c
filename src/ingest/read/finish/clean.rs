//! Text columns cleaned: surrounding white space trimmed, empty cells null, characters of
//! no width removed; each column looked at whole first, since most need nothing.

use polars::prelude::*;

use super::may_start_space;
use crate::ingest::cells::{clean_text, strip_invisible};

/// The column cleaned with [`clean_text`] (surrounding white space trimmed, empty cells
/// null), its characters of no width removed first ([`strip_invisible`]) when it has any,
/// or None when it is not text or no cell would change.
pub(crate) fn cleaned(c: &Column) -> PolarsResult<Option<Column>> {
    if c.dtype() != &DataType::String {
        return Ok(None);
    }
    let invisible = has_invisible(c.str()?);
    if !invisible && !needs_cleaning(c.str()?) {
        return Ok(None);
    }
    let name = c.name().clone();
    let text = match invisible {
        true => strip_invisible(col(name.clone())),
        false => col(name.clone()),
    };
    let df = DataFrame::new(c.len(), vec![c.clone()])?
        .lazy()
        .select([clean_text(text).alias(name.clone())])
        .collect()?;
    Ok(Some(df.column(name.as_str())?.clone()))
}

/// Whether a text column may hold a character of no width ([`crate::ingest::cells::INVISIBLE`]),
/// all of which are E2 80 8B to 8D, E2 81 A0 or EF BB BF in UTF-8. The arrays' bytes are
/// searched whole (the views, which hold the cells of up to 12 bytes, and the buffers
/// of the longer ones) with memchr, not cell by cell: this runs over every text column.
/// A view's length or offset may look like such a character, which only costs a clean
/// that changes nothing; a cell that holds one is never missed.
fn has_invisible(ca: &StringChunked) -> bool {
    let found = |b: &[u8]| {
        memchr::memchr2_iter(0xe2, 0xef, b).any(|i| {
            matches!(
                b.get(i..i + 3),
                Some([0xe2, 0x80, 0x8b..=0x8d] | [0xe2, 0x81, 0xa0] | [0xef, 0xbb, 0xbf])
            )
        })
    };
    ca.downcast_iter().any(|arr| {
        let views = arr.views();
        // SAFETY: a view is 16 bytes of plain integers (`#[repr(C)]`, four u32, no
        // padding; polars-arrow implements bytemuck's Pod for it), so its bytes may be read.
        let bytes = unsafe {
            std::slice::from_raw_parts(
                views.as_ptr().cast::<u8>(),
                std::mem::size_of_val(&views[..]),
            )
        };
        found(bytes) || arr.data_buffers().iter().any(|b| found(b))
    })
}

/// Whether a text column has a cell that [`clean_text`] would change (surrounding white
/// space, or empty); most columns have none, and cleaning copies the whole column.
/// Looks at the arrays' values by their first and last bytes: this runs over every cell
/// of every column, and decoding the end characters of each (mostly Cyrillic) cell cost
/// more than reading the CSV body's line ends.
fn needs_cleaning(ca: &StringChunked) -> bool {
    ca.downcast_iter().any(|arr| {
        arr.iter().flatten().any(|v| {
            let b = v.as_bytes();
            let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
                return true;
            };
            // A multi-byte last character is white space only if its first byte, 2 or 3
            // bytes from the end, is C2 or E1 to E3.
            let n = b.len();
            let edge = may_start_space(first)
                || if last < 0x80 {
                    (last as char).is_whitespace()
                } else {
                    (n >= 2 && b[n - 2] == 0xc2) || (n >= 3 && matches!(b[n - 3], 0xe1..=0xe3))
                };
            edge && (v.starts_with(char::is_whitespace) || v.ends_with(char::is_whitespace))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_cleaning_agrees_with_the_plain_check() {
        let plain = |ca: &StringChunked| {
            ca.iter().flatten().any(|v| {
                v.is_empty()
                    || v.starts_with(char::is_whitespace)
                    || v.ends_with(char::is_whitespace)
            })
        };
        // Every white-space character of Unicode and some that are not, at either end.
        let edges: Vec<char> = (0u32..0x3100)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace() || c.is_alphanumeric() && (*c as u32).is_multiple_of(97))
            .chain(['а', 'я', 'Ё', '€', '₽', '"', ';'])
            .collect();
        for &c in &edges {
            for v in [
                format!("{c}"),
                format!("{c}текст"),
                format!("текст{c}"),
                format!("x{c}"),
                format!("{c}x"),
                format!("длинный текст {c}"),
            ] {
                let ca = StringChunked::new("v".into(), [Some("a"), None, Some(v.as_str())]);
                assert_eq!(needs_cleaning(&ca), plain(&ca), "{v:?}");
            }
        }
        let ca = StringChunked::new("v".into(), [Some("a"), None, Some("б")]);
        assert!(!needs_cleaning(&ca));
        let ca = StringChunked::new("v".into(), [Some("a"), Some("")]);
        assert!(needs_cleaning(&ca));
    }

    #[test]
    fn regression_characters_of_no_width_are_removed_from_text_cells() {
        // `ЗН-1\u{200B}` (pasted from a messenger) was another visit than `ЗН-1`. Short
        // cells are inline in their views, long ones in the buffers: both are found.
        let long = "Заказ-наряд ЗН-000001\u{2060}";
        let cells = [
            Some("ЗН-1\u{200B}"),
            Some(" \u{FEFF}ЗН-2 "),
            Some("З\u{200C}Н\u{200D}-3"),
            Some(long),
            Some("\u{200B}"),
            None,
        ];
        for (i, cell) in cells.iter().enumerate() {
            let one = StringChunked::new("v".into(), [Some("ЗН-0"), *cell]);
            assert_eq!(has_invisible(&one), cell.is_some(), "{i}");
        }
        let c = Column::new("v".into(), cells);
        let got = cleaned(&c).unwrap().unwrap();
        let got: Vec<Option<&str>> = got.str().unwrap().iter().collect();
        assert_eq!(
            got,
            [
                Some("ЗН-1"),
                Some("ЗН-2"),
                Some("ЗН-3"),
                Some("Заказ-наряд ЗН-000001"),
                None,
                None
            ]
        );
        // Text without them, and cells of other characters in E2 (№, ₽, —), is left alone.
        let plain = StringChunked::new(
            "v".into(),
            ["№ 5", "1 000 ₽", "ТО — 1", "ЗН-000001 длинный"],
        );
        assert!(!has_invisible(&plain));
    }
}
