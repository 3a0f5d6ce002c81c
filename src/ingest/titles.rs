//! Visits named by their 1C document title. A 1C report on order lines heads its visit
//! column `Заказ-наряд` and fills it with the document as 1C shows it (`Заказ-наряд
//! ЗН-000123 от 05.03.2026 10:00:00`), while the list of visits gives the number alone
//! (`ЗН-000123`): every line would be rejected as a line of an unknown visit. Where the
//! visits give numbers, the lines' (and feedback's) titles are read as their numbers.
//! Where the visits give titles too, both stay as they are: 1C starts its numbers again
//! each year, and the title, with its date, is then the better key. In a report that
//! groups its lines under their visits' rows, a title without its date (`Заказ-наряд
//! ЗН-000123`) is read as the number too (session 25): the layout says the cell names a
//! visit, where elsewhere two words ending in digits may be anything.

use polars::prelude::*;

/// A document title: words, the number (no spaces), `от`, a date, perhaps a time.
const TITLE: &str =
    r"^.*\s(\S+)\s+от\s+\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s*г\.?)?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$";

/// A document title without its date, as a group row of a grouped report may give it:
/// words (`Заказ-наряд`, `Заказ наряд`), perhaps `№`, and the number, which holds a digit.
const UNDATED: &str = r"^\p{L}[\p{L}.\-]*(?:\s+\p{L}[\p{L}.\-]*)*\s+(?:№\s*)?(\S*\d\S*)\s*$";

/// How many cells of a column are looked at to tell whether it holds titles: exports
/// write one column one way, and a look at every cell of millions of lines costs a pass.
const SAMPLE: usize = 1000;

/// Visit numbers taken from document titles.
#[derive(Debug, Clone, PartialEq)]
pub struct Titles {
    /// Cells read as their number.
    pub rows: u64,
    /// The first such cell.
    pub example: String,
    /// Its number.
    pub number: String,
}

/// Whether any of the first [`SAMPLE`] non-empty cells (among the first ten times as many
/// cells) of `column` is a document title.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::titles::holds_titles;
/// let titles = Column::new("v".into(), ["Заказ-наряд ЗН-000123 от 05.03.2026 10:00:00"]);
/// assert!(holds_titles(&titles).unwrap());
/// let numbers = Column::new("v".into(), ["ЗН-000123", "от 05.03.2026"]);
/// assert!(!holds_titles(&numbers).unwrap());
/// ```
pub fn holds_titles(column: &Column) -> PolarsResult<bool> {
    holds(column, TITLE)
}

/// Whether any of the first [`SAMPLE`] non-empty cells of `column` matches `pattern`.
fn holds(column: &Column, pattern: &str) -> PolarsResult<bool> {
    if column.dtype() != &DataType::String {
        return Ok(false);
    }
    // Only the head is copied: a required id is seldom empty.
    let sample = column.slice(0, SAMPLE * 10).drop_nulls().head(Some(SAMPLE));
    let found = DataFrame::new(sample.len(), vec![sample.with_name("v".into())])?
        .lazy()
        .select([col("v").str().contains(lit(pattern), true).any(true)])
        .collect()?;
    Ok(found.column("v")?.bool()?.get(0).unwrap_or(false))
}

/// Read the titles of `frame`'s `column` as their numbers, when its first cells hold
/// titles; the other cells stay as they are. `grouped`: the column's cells come from the
/// group rows of a grouped report, where a title without its date ([`UNDATED`]) is read
/// too. None when there is no title to read.
pub fn read_numbers(
    frame: &mut DataFrame,
    column: &str,
    grouped: bool,
) -> PolarsResult<Option<Titles>> {
    let Ok(c) = frame.column(column) else {
        return Ok(None);
    };
    let undated = grouped && holds(c, UNDATED)?;
    if !undated && !holds_titles(c)? {
        return Ok(None);
    }
    let number = match undated {
        true => number_of(col(column)),
        false => col(column).str().extract(lit(TITLE), 1),
    };
    let read = frame
        .clone()
        .lazy()
        .select([
            number.clone().alias("__number"),
            col(column).alias("__title"),
        ])
        .collect()?;
    let numbers = read.column("__number")?.str()?;
    let rows = (numbers.len() - numbers.null_count()) as u64;
    let first = numbers.iter().position(|n| n.is_some()).unwrap_or(0);
    let text = |name: &str| -> PolarsResult<String> {
        Ok(read
            .column(name)?
            .str()?
            .get(first)
            .unwrap_or_default()
            .to_string())
    };
    let titles = Titles {
        rows,
        example: text("__title")?,
        number: text("__number")?,
    };
    let replaced = read
        .lazy()
        .select([coalesce(&[col("__number"), col("__title")]).alias(column)])
        .collect()?;
    frame.with_column(replaced.column(column)?.clone())?;
    Ok(Some(titles))
}

/// The number in a title, dated or not ([`UNDATED`]; null where neither).
fn number_of(title: Expr) -> Expr {
    coalesce(&[
        title.clone().str().extract(lit(TITLE), 1),
        title.str().extract(lit(UNDATED), 1),
    ])
}

/// The number that [`read_numbers`] read in the cell `title`: the number a warning quotes
/// with its title once validation has rejected some rows. Empty where the cell holds no
/// title.
///
/// ```
/// use stoa::ingest::titles::number_in;
/// assert_eq!(number_in("Заказ-наряд ЗН-000123 от 05.03.2026 10:00:00").unwrap(), "ЗН-000123");
/// assert_eq!(number_in("Заказ-наряд № 0000-000045").unwrap(), "0000-000045");
/// ```
pub fn number_in(title: &str) -> PolarsResult<String> {
    let read = df!("t" => [title])?
        .lazy()
        .select([number_of(col("t")).alias("n")])
        .collect()?;
    Ok(read
        .column("n")?
        .str()?
        .get(0)
        .unwrap_or_default()
        .to_string())
}

/// Give the visit ids of `df` that `unmatched` marks the title of the one visit among
/// `visits` (titles) whose number they are: a list of lines by bare number (`ЗН-000123`)
/// against visits named by title. A number that two titles share (1C starts its numbers
/// again each year) stays as written. None when the visits hold no titles or no id is such
/// a number.
pub fn numbers_to_titles(
    df: &mut DataFrame,
    visits: &StringChunked,
    unmatched: &BooleanChunked,
    rejected: Expr,
) -> PolarsResult<Option<crate::ingest::validate::Respelled>> {
    let visits = visits.clone().into_series().into_column();
    if !holds_titles(&visits)? {
        return Ok(None);
    }
    let ids = df.column("visit_id")?.str()?.filter(unmatched)?.unique()?;
    if ids.null_count() == ids.len() {
        return Ok(None);
    }
    // Each wanted number with the title of the one visit it numbers; a number two titles
    // share decides nothing.
    let found = DataFrame::new(visits.len(), vec![visits.with_name("t".into())])?
        .lazy()
        .select([col("t"), col("t").str().extract(lit(TITLE), 1).alias("n")])
        .filter(col("n").is_in(lit(ids.into_series()).implode(true), false))
        .group_by([col("n")])
        .agg([col("t").first(), len().alias("titles")])
        .filter(col("titles").eq(lit(1)))
        .collect()?;
    let (numbers, titles) = (found.column("n")?.str()?, found.column("t")?.str()?);
    let spellings = numbers
        .iter()
        .zip(titles.iter())
        .filter_map(|(n, t)| Some((n?.to_string(), t?.to_string())))
        .collect();
    crate::ingest::validate::replace_spellings(df, "visit_id", spellings, rejected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_gives_its_number_and_other_cells_stay() {
        let mut frame = df!(
            "visit_id" => [
                Some("Заказ-наряд ЗН-000123 от 05.03.2026 10:00:00"),
                Some("Заказ-наряд 0000-000045 от 5.3.26"),
                Some("Заказ-наряд (ремонт) АА-7 от 05.03.2026 г. 9:05"),
                Some("ЗН-000124"),
                None,
                Some("Заказ-наряд ЗН-1 от позавчера"),
            ],
            "amount" => ["1", "2", "3", "4", "5", "6"],
        )
        .unwrap();
        let got = read_numbers(&mut frame, "visit_id", false)
            .unwrap()
            .unwrap();
        assert_eq!(
            got,
            Titles {
                rows: 3,
                example: "Заказ-наряд ЗН-000123 от 05.03.2026 10:00:00".into(),
                number: "ЗН-000123".into(),
            }
        );
        let ids = crate::ingest::texts_of(&frame, "visit_id");
        assert_eq!(
            ids,
            [
                Some("ЗН-000123"),
                Some("0000-000045"),
                Some("АА-7"),
                Some("ЗН-000124"),
                None,
                Some("Заказ-наряд ЗН-1 от позавчера"),
            ]
        );
    }

    #[test]
    fn a_bare_number_takes_the_title_of_the_one_visit_it_numbers() {
        let visits = StringChunked::from_slice(
            "visit_id".into(),
            &[
                "Заказ-наряд ЗН-000123 от 05.03.2026 10:00:00",
                "Заказ-наряд 00001 от 05.01.2025 9:00:00",
                "Заказ-наряд 00001 от 03.01.2026 9:00:00",
            ],
        );
        let mut df =
            df!("visit_id" => [Some("ЗН-000123"), Some("00001"), Some("ЗН-9"), None]).unwrap();
        let unmatched = BooleanChunked::from_slice("u".into(), &[true, true, true, false]);
        let got = numbers_to_titles(&mut df, &visits, &unmatched, lit(false))
            .unwrap()
            .unwrap();
        assert_eq!(got.rows, 1);
        let ids = crate::ingest::texts_of(&df, "visit_id");
        // `00001` numbers two visits, of 2025 and 2026: left as written.
        assert_eq!(
            ids,
            [
                Some("Заказ-наряд ЗН-000123 от 05.03.2026 10:00:00"),
                Some("00001"),
                Some("ЗН-9"),
                None
            ]
        );
    }

    #[test]
    fn numbers_alone_are_left_as_they_are() {
        let mut frame = df!("visit_id" => ["ЗН-000123", "123 от 5"]).unwrap();
        let before = frame.clone();
        assert_eq!(read_numbers(&mut frame, "visit_id", false).unwrap(), None);
        assert!(frame.equals(&before));
    }

    #[test]
    fn regression_a_title_without_its_date_is_a_number_in_a_grouped_report_only() {
        // `Заказ-наряд ЗН-000001` from a grouped report's group rows (filled down over
        // their lines) was kept whole, and every line missed its visit.
        let cells = [
            Some("Заказ-наряд ЗН-000001"),
            Some("Заказ-наряд ЗН-000001"),
            Some("Заказ-наряд № 0000-000045"),
            Some("Заказ-наряд ЗН-000002 от 05.03.2026 10:00:00"),
            Some("ЗН-000003"),
            Some("Заказ-наряд без номера"),
        ];
        let mut frame = df!("visit_id" => cells).unwrap();
        let before = frame.clone();
        assert_eq!(
            read_numbers(&mut frame, "visit_id", false)
                .unwrap()
                .map(|t| t.rows),
            Some(1)
        );
        assert_eq!(
            crate::ingest::texts_of(&frame, "visit_id")[0],
            Some("Заказ-наряд ЗН-000001")
        );
        let mut frame = before;
        let got = read_numbers(&mut frame, "visit_id", true).unwrap().unwrap();
        assert_eq!(got.rows, 4);
        assert_eq!(got.number, "ЗН-000001");
        assert_eq!(
            crate::ingest::texts_of(&frame, "visit_id"),
            [
                Some("ЗН-000001"),
                Some("ЗН-000001"),
                Some("0000-000045"),
                Some("ЗН-000002"),
                Some("ЗН-000003"),
                Some("Заказ-наряд без номера"),
            ]
        );
    }
}
