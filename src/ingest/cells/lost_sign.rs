//! A `₽` that Windows-1251 lost. Excel on a Russian Windows saves a CSV in Windows-1251,
//! which has no `₽`: a price formatted as roubles, shown `1 500,00 ₽`, is written
//! `1 500,00 ?`. Such a cell was rejected as no amount while `600,00 р.` beside it was read.
//! Nor has it `₸` or `₴`: since session 31 the `?` is taken for the station's own sign,
//! whatever its currency.

use polars::prelude::*;

/// The money cells that end in a `?` after a number: how many, and the first as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LostSign {
    pub cells: u64,
    pub example: String,
    /// The rows of those cells (positions in the column, ascending), for counting them
    /// again on the rows accepted.
    pub rows: Vec<IdxSize>,
}

/// Whether some cell of the column may hold `byte`: the arrays' bytes searched whole (the
/// views, which hold the cells of up to 12 bytes, and the buffers of the longer ones) with
/// memchr, not cell by cell. A view's length or offset may look like the byte, which only
/// costs the column-wide look that follows; a cell that holds it is never missed.
fn may_hold(ca: &StringChunked, byte: u8) -> bool {
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
        memchr::memchr(byte, bytes).is_some()
            || arr
                .data_buffers()
                .iter()
                .any(|b| memchr::memchr(byte, b).is_some())
    })
}

/// The money column without the `?` that follows a number at a cell's end (`1 500,00 ?`
/// is `1 500,00`), and how many cells had one; None when no cell has (most columns: one
/// byte search over the column's memory).
pub fn lost_rouble_signs(raw: &Column) -> PolarsResult<Option<(Column, LostSign)>> {
    let ca = raw.str()?;
    if !may_hold(ca, b'?') {
        return Ok(None);
    }
    const LOST: &str = r"(\d)\s*\?\s*$";
    let hit = ca.contains(LOST, false)?;
    let rows: Vec<IdxSize> = hit
        .iter()
        .enumerate()
        .filter(|(_, h)| *h == Some(true))
        .map(|(i, _)| i as IdxSize)
        .collect();
    let Some(&first) = rows.first() else {
        return Ok(None);
    };
    let example = ca.get(first as usize).unwrap_or_default().to_string();
    let stripped = ca.replace(LOST, "$1")?;
    Ok(Some((
        stripped.into_column().with_name(raw.name().clone()),
        LostSign {
            cells: rows.len() as u64,
            example,
            rows,
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_mark_after_a_number_is_the_lost_rouble_sign() {
        let raw = Column::new(
            "price".into(),
            [
                Some("1\u{a0}500,00 ?"),
                Some("600,00 р."),
                None,
                Some("650?"),
                Some("что?"),
            ],
        );
        let (col, lost) = lost_rouble_signs(&raw).unwrap().unwrap();
        assert_eq!(
            lost,
            LostSign {
                cells: 2,
                example: "1\u{a0}500,00 ?".into(),
                rows: vec![0, 3],
            }
        );
        let got: Vec<Option<&str>> = col.str().unwrap().iter().collect();
        assert_eq!(
            got,
            [
                Some("1\u{a0}500,00"),
                Some("600,00 р."),
                None,
                Some("650"),
                Some("что?")
            ]
        );
        let plain = Column::new("price".into(), ["1 500,00", "600"]);
        assert!(lost_rouble_signs(&plain).unwrap().is_none());
    }
}
