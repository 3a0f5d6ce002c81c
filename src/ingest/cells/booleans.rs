//! Yes and no as exports write them: `да`/`нет`, `+`/`−`, and also the words of a consent
//! form (`согласен`/`не согласен`), a check mark or a column's only cross with the cell
//! left empty for no, and the column's own words (`отказ` in the declined column is yes, in the consent column no).
//! A client whose consent was `согласен` was rejected, and with every client so written
//! every client was lost.

use polars::prelude::*;

/// Yes in every yes/no column (folded: lower case, `ё` as `е`, single spaces; a final `.`
/// or `!` dropped).
const TRUE_WORDS: &[&str] = &[
    "да",
    "yes",
    "y",
    "1",
    "true",
    "+",
    "д",
    "истина",
    "t",
    "1.0",
    // Access and Visual Basic store True as -1, and their exports write it so.
    "-1",
    "есть",
    "имеется",
    "вкл",
    "включено",
    "on",
    "согласен",
    "согласна",
    "согласны",
    "согласие",
    "согласие есть",
    "✓",
    "✔",
    "☑",
    "v",
];

/// No in every yes/no column.
const FALSE_WORDS: &[&str] = &[
    "нет",
    "no",
    "n",
    "0",
    "false",
    "-",
    "−",
    "н",
    "ложь",
    "f",
    "0.0",
    "нету",
    "отсутствует",
    "выкл",
    "выключено",
    "off",
    "не согласен",
    "не согласна",
    "не согласны",
    "нет согласия",
    "согласия нет",
    "без согласия",
    "✗",
    "✘",
    "☐",
];

/// A column's own words for yes and for no, beyond [`TRUE_WORDS`] and [`FALSE_WORDS`]:
/// a refusal is yes where the column says whether work was declined, and no where it says
/// whether the client agreed to marketing.
fn own_words(column: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match column {
        "declined" => (
            &[
                "отказ",
                "отказано",
                "отклонено",
                "отклонена",
                "отказался",
                "отказалась",
                "отказ клиента",
                "declined",
                "refused",
            ],
            &["принято", "согласовано", "выполнено", "accepted", "done"],
        ),
        "consent" => (
            &[],
            &[
                "отказ",
                "отказался",
                "отказалась",
                "отказ от рассылки",
                "отписался",
                "отписалась",
                "отписан",
                "отписана",
                "отписан(а)",
                // A consent withdrawn: such a cell rejected the client's whole row, name,
                // car bought here and all.
                "отозвано",
                "отозван",
                "отозвана",
                "согласие отозвано",
                "revoked",
                "withdrawn",
                "unsubscribed",
            ],
        ),
        "warranty" => (
            &["гарантия", "по гарантии", "гарантийный", "гарантийная"],
            &["платно", "платный", "платная", "не гарантия"],
        ),
        _ => (&[], &[]),
    }
}

/// A yes/no column whose only mark is a cross (`x`, Cyrillic `х`, `×`), the other cells
/// empty, with the crosses as yes: a column ticked by hand. A cross is read so only where
/// nothing else is written, since some mark a yes with it and some a no; None when the
/// column is not such a column.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::cells::crosses_as_yes;
/// let c = Column::new("c".into(), [Some("X"), None, Some(" х ")]);
/// let got = crosses_as_yes(&c).unwrap().unwrap();
/// assert_eq!(got.str().unwrap().iter().collect::<Vec<_>>(), [Some("да"), None, Some("да")]);
/// let mixed = Column::new("c".into(), [Some("x"), Some("да")]);
/// assert!(crosses_as_yes(&mixed).unwrap().is_none());
/// ```
pub fn crosses_as_yes(cells: &Column) -> PolarsResult<Option<Column>> {
    let Some((distinct, idx)) = super::distinct_index(cells.str()?, 1) else {
        return Ok(None);
    };
    let cross = |v: &str| matches!(v.trim(), "x" | "X" | "х" | "Х" | "×");
    let marks: Vec<&str> = distinct
        .iter()
        .flatten()
        .filter(|v| !v.trim().is_empty())
        .copied()
        .collect();
    if marks.is_empty() || !marks.iter().all(|v| cross(v)) {
        return Ok(None);
    }
    let read: Vec<Option<&str>> = distinct
        .iter()
        .map(|d| d.filter(|v| cross(v)).map(|_| "да"))
        .collect();
    let read = Series::new(cells.name().clone(), read);
    let idx = IdxCa::from_vec("idx".into(), idx);
    Ok(Some(read.take(&idx)?.into_column()))
}

/// The folded text of a yes/no cell without a final `.` or `!` (`Да.`) and without a remark
/// in brackets after its word (`да (СМС)`, `нет (звонить)`): the word says yes or no, the
/// remark how; such a consent rejected the client's row.
pub(super) fn prepare(folded: Expr) -> Expr {
    folded
        .str()
        .strip_chars_end(lit(".!"))
        .str()
        .replace(lit(r"^([^()]*[^()\s])\s*\([^()]*\)$"), lit("${1}"), false)
        .str()
        .strip_chars_end(lit(".!"))
}

/// The yes/no value of the prepared text of a cell of `column`, null where it is neither.
pub(super) fn boolean(prepared: Expr, column: &str) -> Expr {
    let (yes, no) = own_words(column);
    let set = |common: &[&str], own: &[&str]| {
        let words: Vec<&str> = common.iter().chain(own).copied().collect();
        lit(Series::new("w".into(), words)).implode(true)
    };
    when(prepared.clone().is_in(set(TRUE_WORDS, yes), false))
        .then(lit(true))
        .when(prepared.is_in(set(FALSE_WORDS, no), false))
        .then(lit(false))
        .otherwise(lit(NULL).cast(DataType::Boolean))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of `cells` as a yes/no column named `column`.
    fn read(column: &str, cells: &[&str]) -> Vec<Option<bool>> {
        let df = df!("c" => cells).unwrap();
        let v = boolean(
            prepare(crate::ingest::normalize::fold_expr(col("c"))),
            column,
        );
        let out = df.lazy().select([v.alias("v")]).collect().unwrap();
        out.column("v").unwrap().bool().unwrap().iter().collect()
    }

    #[test]
    fn consent_form_words_check_marks_and_a_final_dot() {
        let (t, f) = (Some(true), Some(false));
        assert_eq!(
            read(
                "consent",
                &[
                    "Согласен",
                    "НЕ  СОГЛАСНА",
                    "✓",
                    "☐",
                    "Да.",
                    "Нет!",
                    "есть",
                    "Отказ",
                    "x",
                    "-1"
                ]
            ),
            [t, f, t, f, t, f, t, f, None, t]
        );
    }

    #[test]
    fn regression_a_word_with_a_remark_in_brackets_is_the_word() {
        // «да (СМС)» rejected the client's row; the word before the bracket decides. A
        // bracket alone, or a remark on no word, stays unreadable; «отписан(а)» is a word.
        let (t, f) = (Some(true), Some(false));
        assert_eq!(
            read(
                "consent",
                &[
                    "да (СМС)",
                    "Да(email).",
                    "согласен (звонки)",
                    "нет (только звонки)",
                    "(да)",
                    "да (смс) нет",
                    "отписан(а)"
                ]
            ),
            [t, t, t, f, None, None, f]
        );
        assert_eq!(read("declined", &["отказ (дорого)"]), [t]);
    }

    #[test]
    fn a_refusal_is_yes_for_declined_work_and_no_for_consent() {
        assert_eq!(
            read("declined", &["Отказ", "принято"]),
            [Some(true), Some(false)]
        );
        assert_eq!(read("consent", &["отказ"]), [Some(false)]);
        // A consent withdrawn is no: «отозвано» rejected the client's whole row.
        assert_eq!(
            read(
                "consent",
                &[
                    "Отозвано",
                    "отозван",
                    "Отписан(а)",
                    "отписана",
                    "Согласие отозвано"
                ]
            ),
            [Some(false); 5]
        );
        // Elsewhere it means neither.
        assert_eq!(read("bought_here", &["отказ"]), [None]);
        assert_eq!(
            read("warranty", &["По гарантии", "платно"]),
            [Some(true), Some(false)]
        );
    }
}
