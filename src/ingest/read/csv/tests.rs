//! Tests of the CSV reader: line numbers, fallbacks, encodings, rows with more fields than
//! the header.

use std::ops::Range;

use super::text::*;
use super::*;
use crate::config::Config;
use crate::schema::Table;

/// Feedback read from CSV text: (row number, visit id) of each row.
fn feedback_rows(text: &str) -> Result<Vec<(u32, String)>, IngestError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedback.csv");
    std::fs::write(&path, text).unwrap();
    let t = read(&path, &Synonyms::new(Table::Feedback, &Config::default()))?;
    let rows = t.frame.column(ROW).unwrap().u32().unwrap().clone();
    let ids = t.frame.column("visit_id").unwrap().str().unwrap().clone();
    Ok(rows
        .iter()
        .zip(ids.iter())
        .map(|(r, v)| (r.unwrap(), v.unwrap_or("-").to_string()))
        .collect())
}

fn rows(pairs: &[(u32, &str)]) -> Vec<(u32, String)> {
    pairs.iter().map(|&(r, v)| (r, v.to_string())).collect()
}

#[test]
fn blank_lines_in_the_body_keep_the_line_numbers() {
    // Empty and white-space lines: read by polars as rows, left out as blank rows.
    let text = "Отзывы\n\nНомер заказ-наряда;Оценка\nA;5\n\nB;4\n  \t \n;\nC;3\n\n";
    assert!(simple_lines(b"A;5\n\nB;4\n  \t \n;\nC;3\n\n").is_some());
    assert_eq!(
        feedback_rows(text).unwrap(),
        rows(&[(4, "A"), (6, "B"), (9, "C")])
    );
}

#[test]
fn a_row_whose_first_cell_is_white_space_is_kept_for_validation() {
    // Regression: the first cell decided blank rows, so a line whose visit id was typed
    // as spaces was dropped unreported; a workbook row like it was kept. It now reaches
    // validation (which rejects the missing id), and only rows of white space are blank.
    // The total row's first cell that is not white space is its second; the row below it
    // is no complete row (a total above one would be a subtotal), so the table ends.
    let text = "Номер заказ-наряда;Оценка\nA;5\n  ;4\n \t; \nC;3\n   ;Итого\nD;\n";
    assert_eq!(
        feedback_rows(text).unwrap(),
        rows(&[(2, "A"), (3, "-"), (5, "C")])
    );
}

/// Every cut of `bytes` into two pieces after a byte that `at_cut` accepts.
fn two_piece_cuts(bytes: &[u8], at_cut: impl Fn(u8) -> bool) -> Vec<Vec<Range<usize>>> {
    (0..bytes.len())
        .filter(|&i| at_cut(bytes[i]))
        .map(|i| vec![0..i + 1, i + 1..bytes.len()])
        .collect()
}

#[test]
fn utf8_checked_in_pieces_agrees_with_the_whole() {
    let cyrillic = "Дата;Сумма\n01.02.2026;1 234,50 ₽\n".as_bytes();
    // Windows-1251 "Дата": not UTF-8 in any piece that holds it.
    let mut broken = cyrillic.to_vec();
    broken.extend_from_slice(b"\xc4\xe0\xf2\xe0\n");
    for bytes in [cyrillic, &broken[..]] {
        let whole = std::str::from_utf8(bytes).ok();
        for pieces in two_piece_cuts(bytes, |b| b.is_ascii()) {
            assert_eq!(utf8_in(bytes, &pieces), whole, "{pieces:?}");
        }
    }
    // Small inputs are one piece.
    assert_eq!(cuts(cyrillic, PIECE, |_| true), vec![0..cyrillic.len()]);
    assert_eq!(utf8(cyrillic), std::str::from_utf8(cyrillic).ok());
}

#[test]
fn line_ends_counted_in_pieces_agree_with_one_pass() {
    let one_pass = |body: &[u8]| simple_lines_in(body, std::slice::from_ref(&(0..body.len())));
    let bodies: [&[u8]; 5] = [
        b"A;5\n\nB;\"4\"\r\nC;3",
        b"A;\"x\ny\";5\nB;4\n",
        b"A;\"x;5\nB;\"4\nC;3\n",
        b"A;5\r\rB\n;4\n",
        b"\n\n\n",
    ];
    // Line ends in quotes are counted as lines: the caller finds them by polars' rows.
    let expected = [Some(4), Some(3), Some(3), None, Some(3)];
    for (body, want) in bodies.iter().zip(expected) {
        assert_eq!(one_pass(body), want);
        for pieces in two_piece_cuts(body, |b| b == b'\n') {
            assert_eq!(simple_lines_in(body, &pieces), want, "{pieces:?}");
        }
    }
}

#[test]
fn a_windows_1251_row_past_an_ascii_start_decodes_the_whole_file() {
    // The first megabyte is ASCII, so it is taken as UTF-8 until polars meets the
    // Windows-1251 bytes of the last row ("ЗН-1"): the file is then decoded whole.
    let mut bytes = b"visit_id;score\n".to_vec();
    let n = HEAD / 8 + 10;
    for i in 0..n {
        bytes.extend_from_slice(format!("V{i:05};5\n").as_bytes());
    }
    bytes.extend_from_slice(b"\xc7\xcd-1;4\n");
    assert!(bytes.len() > HEAD && utf8_head(&bytes).is_some());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedback.csv");
    std::fs::write(&path, &bytes).unwrap();
    let t = read(&path, &Synonyms::new(Table::Feedback, &Config::default())).unwrap();
    let rows = t.frame.column(ROW).unwrap().u32().unwrap().clone();
    let ids = t.frame.column("visit_id").unwrap().str().unwrap().clone();
    assert_eq!(ids.len(), n + 1);
    assert_eq!(ids.get(n), Some("ЗН-1"));
    assert_eq!(rows.get(n), Some(n as u32 + 2));
    assert_eq!(ids.get(0), Some("V00000"));
}

#[test]
fn crlf_line_ends_keep_the_line_numbers() {
    let text = "Номер заказ-наряда;Оценка\r\nA;5\r\n\r\n\"B\";4\r\n \r\nC;\"3\"\r\n";
    assert!(simple_lines(text.split_once('\n').unwrap().1.as_bytes()).is_some());
    assert_eq!(
        feedback_rows(text).unwrap(),
        rows(&[(2, "A"), (4, "B"), (6, "C")])
    );
    // A `\r` inside a line is a character of the field (trimmed away later), as before.
    assert_eq!(simple_lines(b"A;5\r\r\nB;4"), None);
    let text = "Номер заказ-наряда;Оценка\nA\r;5\r\r\nB;4\n";
    assert_eq!(feedback_rows(text).unwrap(), rows(&[(2, "A"), (3, "B")]));
}

#[test]
fn regression_lone_cr_line_ends_are_line_ends_when_the_file_has_no_lf() {
    // Excel for Mac's "CSV (Macintosh)": read as one line, every table was empty.
    let text = "Номер заказ-наряда;Оценка\rA;5\r\rB;\"4\"\r  \rC;3";
    assert_eq!(
        feedback_rows(text).unwrap(),
        rows(&[(2, "A"), (4, "B"), (6, "C")])
    );
}

#[test]
fn a_quoted_line_end_numbers_rows_by_their_first_line() {
    let text =
        "Номер заказ-наряда;Оценка;Комментарий\nA;5;\"две\nстроки\"\n\nB;4;x\nC;3;\"a\r\nb\"";
    // Six lines, but polars reads four rows (one blank): not read by lines.
    let body = text.split_once('\n').unwrap().1.as_bytes();
    assert_eq!(simple_lines(body), Some(6));
    assert!(parse_by_lines(body, 3, b';', usize::MAX, |_| {}).is_none());
    assert_eq!(
        feedback_rows(text).unwrap(),
        rows(&[(2, "A"), (5, "B"), (6, "C")])
    );
}

#[test]
fn a_header_over_two_lines_numbers_the_body_after_it() {
    let text = "\"Номер\nзаказ-наряда\";Оценка\nA;5\nB;4\n";
    assert_eq!(feedback_rows(text).unwrap(), rows(&[(3, "A"), (4, "B")]));
}

/// Feedback read from CSV text: (row number, visit id, comment) of each row.
fn feedback_comments(text: &str) -> Vec<(u32, String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feedback.csv");
    std::fs::write(&path, text).unwrap();
    let t = read(&path, &Synonyms::new(Table::Feedback, &Config::default())).unwrap();
    let f = &t.frame;
    let rows = f.column(ROW).unwrap().u32().unwrap().clone();
    let text = |c: &str| f.column(c).unwrap().str().unwrap().clone();
    let (ids, comments) = (text("visit_id"), text("comment"));
    (0..f.height())
        .map(|i| {
            let s = |v: Option<&str>| v.unwrap_or("-").to_string();
            (rows.get(i).unwrap(), s(ids.get(i)), s(comments.get(i)))
        })
        .collect()
}

#[test]
fn regression_a_stray_quote_reads_as_excel_reads_it() {
    // Before: an inch mark, a quoted word at a field's start or a quote at its end made the
    // whole file unreadable ("the CSV body cannot be parsed"). A quote opens a quoted field
    // only at the field's start; elsewhere it is a character; after the closing quote the
    // rest of the field is kept, as Excel reads such a file.
    let text = "Номер заказ-наряда;Оценка;Комментарий\n\
                A;5;Диск литой 16\" 5x114,3\n\
                B;4;\"Лукойл\" масло 4л\n\
                C;3;масло 4л\"\n\
                D;2;\"две\nстроки; и \"\"кавычки\"\"\"\n\
                E;1;x\n";
    let s = |r: u32, v: &str, c: &str| (r, v.to_string(), c.to_string());
    assert_eq!(
        feedback_comments(text),
        [
            s(2, "A", "Диск литой 16\" 5x114,3"),
            s(3, "B", "Лукойл масло 4л"),
            s(4, "C", "масло 4л\""),
            s(5, "D", "две\nстроки; и \"кавычки\""),
            s(7, "E", "x"),
        ]
    );
    // Two inch marks on lines of their own: neither opens a quoted stretch, in the fast
    // reading by lines as in the fallback.
    let text = "Номер заказ-наряда;Оценка;Комментарий\nA;5;шина 16\" x;\nB;4;17\" y\nC;3;z\n";
    assert_eq!(
        feedback_comments(text),
        [
            s(2, "A", "шина 16\" x"),
            s(3, "B", "17\" y"),
            s(4, "C", "z")
        ]
    );
}

#[test]
fn batches_of_lines_give_the_rows_of_one_parse() {
    // Blank, white-space, ragged, quoted and CRLF lines; batches of every size from one
    // byte (one line each) to the whole body give the same rows and line count.
    let body = b"A;5;x\n\nB;4;\"y;z\"\r\n  \nC\n;;\nD;1;2;3\n\"E\";2;w";
    let (whole, lines, past) = parse_by_lines(body, 3, b';', usize::MAX, |_| {}).unwrap();
    assert_eq!((whole.height(), lines), (8, 8));
    // `D;1;2;3` has a fourth field: seen in the spare columns, which are dropped.
    assert_eq!((whole.width(), past.as_slice()), (3, &[6][..]));
    let col = |name: &str| -> Vec<Option<String>> {
        let c = whole.column(name).unwrap().str().unwrap().clone();
        c.iter().map(|v| v.map(str::to_string)).collect()
    };
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        col("c0"),
        [s("A"), None, s("B"), s("  "), s("C"), None, s("D"), s("E")]
    );
    assert_eq!(
        col("c1"),
        [s("5"), None, s("4"), None, None, None, s("1"), s("2")]
    );
    assert_eq!(
        col("c2"),
        [s("x"), None, s("y;z"), None, None, None, s("2"), s("w")]
    );
    for batch in 1..body.len() {
        let mut parts = Vec::new();
        let (f, n, p) = parse_by_lines(body, 3, b';', batch, |p| parts.push(p.len())).unwrap();
        assert_eq!((n, &p), (lines, &past), "batch {batch}");
        assert!(f.equals_missing(&whole), "batch {batch}");
        // The batches cover the body, each ending after a line end (the last at the end).
        assert_eq!(parts.iter().sum::<usize>(), body.len(), "batch {batch}");
    }
    // One byte per batch: a batch ends at the first line end after its first byte, so
    // it is one line, or an empty line with the next one (a batch may start empty).
    let mut parts = Vec::new();
    parse_by_lines(body, 3, b';', 1, |p| parts.push(p.to_vec())).unwrap();
    assert_eq!(parts[0], b"A;5;x\n");
    assert_eq!(parts[1], b"\nB;4;\"y;z\"\r\n");
    assert_eq!(parts[2], b"  \n");
    assert_eq!(parts.len(), 7);
}

#[test]
fn a_batch_with_a_quoted_line_end_or_stray_cr_falls_back() {
    // A line end in quotes, or a `\r` inside a line: no fast parse, the caller splits the
    // whole text into records. Cut anywhere, a batch that ends or starts inside the quotes
    // is one polars fails on (an unclosed quote, or rows its count of records disagrees
    // with), and one that holds them reads fewer rows than lines.
    let quoted = b"A;5;x\nB;4;\"two\nlines\"\nC;3;y\n";
    for batch in 1..=quoted.len() {
        assert!(
            parse_by_lines(quoted, 3, b';', batch, |_| {}).is_none(),
            "{batch}"
        );
    }
    assert!(parse_by_lines(quoted, 3, b';', usize::MAX, |_| {}).is_none());
    let stray = b"A;5;x\nB\r;4;y\n";
    assert!(parse_by_lines(stray, 3, b';', 4, |_| {}).is_none());
    assert!(parse_by_lines(b"", 3, b';', 4, |_| {}).is_none());
}

#[test]
fn records_skip_blank_lines_and_keep_quoted_line_ends() {
    let text = "title\r\n\r\na;b\r\n1;\"x\ny\"\r\n   \r\n2;z";
    let r = records(text, usize::MAX);
    let lines: Vec<u32> = r.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 3, 4, 7]);
    assert_eq!(&text[r[2].start..r[2].end], "1;\"x\ny\"");
}

#[test]
fn split_handles_quotes_and_doubled_quotes() {
    assert_eq!(
        split("a;\"b;c\";\"say \"\"hi\"\"\"", ';'),
        ["a", "b;c", "say \"hi\""]
    );
}

/// Order lines read from CSV text: (row number, visit id, amount, the row as written where
/// it has fields past the header, their reason) of each row.
type Extra = (u32, String, String, Option<String>, Option<String>);

fn order_lines_extra(text: &str) -> Vec<Extra> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("order_lines.csv");
    std::fs::write(&path, text).unwrap();
    let t = read(&path, &Synonyms::new(Table::OrderLines, &Config::default())).unwrap();
    let f = &t.frame;
    let rows = f.column(ROW).unwrap().u32().unwrap().clone();
    let text = |c: &str| match f.column(c) {
        Ok(c) => c
            .str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_string))
            .collect(),
        Err(_) => vec![None; f.height()],
    };
    let (ids, amounts) = (text("visit_id"), text("amount"));
    let (extra, reason) = (
        text(crate::ingest::read::EXTRA),
        text(crate::ingest::read::EXTRA_REASON),
    );
    (0..f.height())
        .map(|i| {
            let s = |v: &Option<String>| v.clone().unwrap_or("-".into());
            let (e, r) = (extra[i].clone(), reason[i].clone());
            (rows.get(i).unwrap(), s(&ids[i]), s(&amounts[i]), e, r)
        })
        .collect()
}

const LINES_HEADER: &str = "Номер заказ-наряда;Наименование;Тип;Сумма;Отказ";

fn extra(row: u32, id: &str, amount: &str, past: Option<(&str, usize, usize)>) -> Extra {
    let reason = past.map(|(_, n, w)| {
        crate::ingest::reasons::fill(
            crate::ingest::reasons::EXTRA_FIELDS,
            &[&n.to_string(), &w.to_string(), "`;`", "`;`"],
        )
    });
    (
        row,
        id.into(),
        amount.into(),
        past.map(|(t, _, _)| t.to_string()),
        reason,
    )
}

#[test]
fn regression_a_semicolon_in_an_unquoted_value_marks_the_row_in_the_fast_reading() {
    // Before: the row was read one column to the right from the stray `;` on, its last
    // field cut, and `работа` became the amount. Now the row as written is
    // kept for validation, which rejects the row; trailing empty fields mark nothing.
    let text = format!(
        "{LINES_HEADER}\nA;Мойка;работа;100,00;нет\n\
         B;Мойка; кузов;работа;200,00;нет\n\
         C;Шины;работа;300,00;нет;\n\
         D;Шины;работа;400,00;;;\n\
         E;x;y;z;работа;500,00;нет\n\
         F;Шины;работа;600,00;нет;;\"7\";\r\n\
         G;Шины;работа;700,00;нет\n"
    );
    let body = text.split_once('\n').unwrap().1.as_bytes();
    assert!(parse_by_lines(body, 5, b';', usize::MAX, |_| {}).is_some());
    assert_eq!(
        order_lines_extra(&text),
        [
            extra(2, "A", "100,00", None),
            extra(
                3,
                "B",
                "работа",
                Some(("B;Мойка; кузов;работа;200,00;нет", 6, 5))
            ),
            extra(4, "C", "300,00", None),
            extra(5, "D", "400,00", None),
            extra(6, "E", "z", Some(("E;x;y;z;работа;500,00;нет", 7, 5))),
            extra(
                7,
                "F",
                "600,00",
                Some(("F;Шины;работа;600,00;нет;;\"7\";", 7, 5))
            ),
            extra(8, "G", "700,00", None),
        ]
    );
    // Without such a row the frame has no column for it.
    let plain = format!("{LINES_HEADER}\nA;Мойка;работа;100,00;нет\nC;Шины;работа;300,00;нет;\n");
    assert!(order_lines_extra(&plain).iter().all(|r| r.3.is_none()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("order_lines.csv");
    std::fs::write(&path, plain).unwrap();
    let t = read(&path, &Synonyms::new(Table::OrderLines, &Config::default())).unwrap();
    assert!(t.frame.column(crate::ingest::read::EXTRA).is_err());
}

#[test]
fn a_header_ending_with_a_delimiter_holds_rows_to_its_named_cells() {
    // Every line, the header's too, ends with `;`: the header's last cell is empty, and a
    // shifted row's last value lands under it. A column the export leaves unnamed and most
    // rows fill is a column, read and ignored as before.
    let text = format!(
        "{LINES_HEADER};\nA;Мойка;работа;100,00;нет;\nB;Мойка; кузов;работа;200,00;нет;\n\
         C;Шины;работа;300,00;нет;\n"
    );
    assert_eq!(
        order_lines_extra(&text),
        [
            extra(2, "A", "100,00", None),
            extra(
                3,
                "B",
                "работа",
                Some(("B;Мойка; кузов;работа;200,00;нет;", 6, 5))
            ),
            extra(4, "C", "300,00", None),
        ]
    );
    let unnamed = format!(
        "{LINES_HEADER};\nA;Мойка;работа;100,00;нет;1\nB;Мойка;работа;200,00;нет;2\n\
         C;Шины;работа;300,00;нет;3;x\n"
    );
    assert_eq!(
        order_lines_extra(&unnamed),
        [
            extra(2, "A", "100,00", None),
            extra(3, "B", "200,00", None),
            extra(
                4,
                "C",
                "300,00",
                Some(("C;Шины;работа;300,00;нет;3;x", 7, 6))
            ),
        ]
    );
}

#[test]
fn regression_a_semicolon_in_an_unquoted_value_marks_the_row_in_the_fallback() {
    // A stray quote (an inch mark) sends the body to the reading as Excel reads it,
    // which cut the fields past the header as polars did. A trailing empty field marks
    // nothing there either, and a quoted `;` is a character of its value.
    let text = format!(
        "{LINES_HEADER}\nA;Диск 16\" литой;работа;100,00;нет;\n\
         B;Мойка; кузов;работа;200,00;нет\n\
         C;\"Шины; R16\";работа;300,00;нет\n\
         D;Шины;работа;400,00;нет;;\"x;y\"\n"
    );
    let body = text.split_once('\n').unwrap().1.as_bytes();
    assert!(parse_by_lines(body, 5, b';', usize::MAX, |_| {}).is_none());
    assert_eq!(
        order_lines_extra(&text),
        [
            extra(2, "A", "100,00", None),
            extra(
                3,
                "B",
                "работа",
                Some(("B;Мойка; кузов;работа;200,00;нет", 6, 5))
            ),
            extra(4, "C", "300,00", None),
            extra(
                5,
                "D",
                "400,00",
                Some(("D;Шины;работа;400,00;нет;;\"x;y\"", 7, 5))
            ),
        ]
    );
}

#[test]
fn the_lines_of_marked_rows_are_found_by_their_numbers() {
    let body = b"a\n\nb\nc";
    assert_eq!(super::extra::line_starts(body, &[0, 2, 3]), [0, 3, 5]);
    assert_eq!(super::extra::line_starts(body, &[1]), [2]);
    assert_eq!(
        super::extra::past(b"x;y;\"a;b\";c;\r\n", 0, 2, 2, b';'),
        Some((4, "x;y;\"a;b\";c;".to_string()))
    );
    assert_eq!(super::extra::past(b"x;y; ;\r\n", 0, 2, 2, b';'), None);
}

#[test]
fn utf16_without_a_bom_is_told_by_its_zero_bytes() {
    let text = "Номер;Дата;Клиент\r\nЗН-1;05.03.2026;КЛ-1\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_eq!(text::utf16_without_bom(&le), Some(encoding_rs::UTF_16LE));
    assert_eq!(text::utf16_without_bom(&be), Some(encoding_rs::UTF_16BE));
    assert_eq!(decode(&be).0, text);
    // UTF-8 and Windows-1251 hold no zero byte; zeros at both offsets are no text.
    assert_eq!(text::utf16_without_bom(text.as_bytes()), None);
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    assert_eq!(text::utf16_without_bom(&cp1251), None);
    assert_eq!(text::utf16_without_bom(b"a\0\0b\0\0c\0d"), None);
}

#[test]
fn lines_ended_by_cr_alone_are_told_from_crlf_and_lf_files() {
    assert!(cr_line_ends(b"a;b\rc;d\r"));
    assert!(cr_line_ends(b"a;b\r\"c\nx\";d\re;f\r"));
    assert!(!cr_line_ends(b"a;b\r\nc;d\r\n"));
    assert!(!cr_line_ends(b"a;b\nc;d\n"));
    // An LF file with a stray `\r` in a cell: its `\n`s end the lines.
    assert!(!cr_line_ends(b"a;b\rx\nc;d\ne;f\n"));
    assert_eq!(
        cr_to_lf("id;note\r1;\"two\nlines\"\r2;bare\nbreak\r3;Диск 16\"\r"),
        "id;note\n1;\"two\nlines\"\n2;bare break\n3;Диск 16\"\n"
    );
}
