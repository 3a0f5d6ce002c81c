//! Tests of the XML Spreadsheet 2003 reader, on small documents worked out by hand.
use super::*;

const E: Data = Data::Empty;
const HTML: &str = "xmlns:html=\"http://www.w3.org/TR/REC-html40\"";

/// A whole file; `<S>x</S>`, `<N>`, `<D>`, `<Bool>`, `<Err>` are shorthand for a typed cell.
fn doc(encoding: &str, body: &str) -> String {
    let mut body = body.to_owned();
    for (tag, kind) in [
        ("S", "String"),
        ("N", "Number"),
        ("D", "DateTime"),
        ("Bool", "Boolean"),
        ("Err", "Error"),
    ] {
        body = body.replace(
            &format!("<{tag}>"),
            &format!("<Cell><Data ss:Type=\"{kind}\">"),
        );
        body = body.replace(&format!("</{tag}>"), "</Data></Cell>");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n\
         <Workbook xmlns=\"{NS}\" xmlns:ss=\"{NS}\" {HTML}>\n{body}\n</Workbook>\n"
    )
}

fn one(rows: &str) -> Result<Sheet, String> {
    let xml = doc(
        "UTF-8",
        &format!("<Worksheet ss:Name=\"S\"><Table>{rows}</Table></Worksheet>"),
    );
    read(xml.as_bytes()).map(|mut sheets| sheets.remove(0))
}

fn grid(range: &Range<Data>) -> Vec<Vec<Data>> {
    assert_eq!(range.start(), Some((0, 0)));
    range.rows().map(|r| r.to_vec()).collect()
}

fn s(v: &str) -> Data {
    Data::String(v.into())
}

#[test]
fn plain_two_rows() {
    let sh = one(
        "<Row><S>Name</S><N>12.5</N></Row>\n<Row><D>2026-03-05T10:30:00.000</D><Bool>1</Bool></Row>",
    )
    .unwrap();
    assert_eq!(sh.name, "S");
    let when = Data::DateTimeIso("2026-03-05T10:30:00.000".into());
    assert_eq!(
        grid(&sh.range),
        [
            vec![s("Name"), Data::Float(12.5)],
            vec![when, Data::Bool(true)]
        ]
    );
    assert!(sh.merged.is_empty());
}

#[test]
fn odd_values() {
    let sh = one(
        "<Row><N>n/a</N><Err>#DIV/0!</Err><S></S><Cell/><S> </S><Bool>0</Bool><N> -1E3 </N></Row>",
    )
    .unwrap();
    let div0 = Data::Error(CellErrorType::Div0);
    let want = [
        s("n/a"),
        div0,
        E,
        E,
        s(" "),
        Data::Bool(false),
        Data::Float(-1000.0),
    ];
    assert_eq!(grid(&sh.range), [want]);
}

#[test]
fn indexes_leave_gaps() {
    let sh = one(
        "<Row><Cell ss:Index=\"2\"><Data ss:Type=\"Number\">1</Data></Cell><N>2</N></Row>\
         <Row ss:Index=\"4\"><N>3</N><Cell ss:Index=\"4\"><Data ss:Type=\"Number\">4</Data></Cell></Row>\
         <Row><N>5</N></Row>",
    );
    let f = Data::Float;
    let want = [
        [E, f(1.0), f(2.0), E],
        [E; 4],
        [E; 4],
        [f(3.0), E, E, f(4.0)],
        [f(5.0), E, E, E],
    ];
    assert_eq!(grid(&sh.unwrap().range), want);
}

#[test]
fn merges_shift_later_cells() {
    let sh = one(
        "<Row><Cell ss:MergeAcross=\"1\" ss:MergeDown=\"2\"><Data ss:Type=\"String\">X</Data></Cell>\
         <Cell ss:MergeDown=\"1\"><Data ss:Type=\"String\">Y</Data></Cell><S>c</S></Row>\
         <Row><S>Z</S></Row><Row><S>V</S><S>W</S></Row><Row ss:Span=\"1\"/><Row><S>U</S></Row>",
    )
    .unwrap();
    // X covers A1:B3 and Y covers C1:C2, so Z lands in D2 and V in C3; the spanned rows are 4 and 5.
    let want = [
        [s("X"), E, s("Y"), s("c")],
        [E, E, E, s("Z")],
        [E, E, s("V"), s("W")],
        [E, E, E, E],
        [E, E, E, E],
        [s("U"), E, E, E],
    ];
    assert_eq!(grid(&sh.range), want);
    let merged = [
        Dimensions::new((0, 0), (2, 1)),
        Dimensions::new((0, 2), (1, 2)),
    ];
    assert_eq!(sh.merged, merged);
}

#[test]
fn two_worksheets_and_empty_ones() {
    let body = "<Worksheet ss:Name=\"A &amp; B\"><Table><Row><S>x</S></Row></Table></Worksheet>\
                <Worksheet ss:Name=\"Blank\"><Table/></Worksheet><Worksheet ss:Name=\"None\"/>";
    let sheets = read(doc("UTF-8", body).as_bytes()).unwrap();
    let names: Vec<_> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["A & B", "Blank", "None"]);
    assert_eq!(grid(&sheets[0].range), [[s("x")]]);
    assert!(sheets[1].range.is_empty() && sheets[2].range.is_empty());
}

#[test]
fn a_worksheet_excel_hides_is_marked_hidden() {
    let body = "<Worksheet ss:Name=\"Shown\"><Table/></Worksheet>\
                <Worksheet ss:Name=\"Old\"><Table/><WorksheetOptions \
                xmlns=\"urn:schemas-microsoft-com:office:excel\"><Visible>SheetHidden</Visible>\
                </WorksheetOptions></Worksheet>\
                <Worksheet ss:Name=\"Macro\"><x:WorksheetOptions><x:Visible> SheetVeryHidden \
                </x:Visible></x:WorksheetOptions></Worksheet>";
    let sheets = read(doc("UTF-8", body).as_bytes()).unwrap();
    let hidden: Vec<_> = sheets.iter().map(|s| s.hidden).collect();
    assert_eq!(hidden, [false, true, true]);
}

#[test]
fn hidden_columns_are_counted_with_their_indexes_and_spans() {
    // A in view; B hidden; C and D (ss:Span="1") in view; F hidden by its ss:Index with
    // G and H (ss:Span="2"); I, after them, hidden; K hidden by `true`; L explicitly not.
    let sh = one(
        "<Column ss:Width=\"60\"/><Column ss:Hidden=\"1\" ss:Width=\"0\"/>\
         <Column ss:Span=\"1\" ss:AutoFitWidth=\"0\"/>\
         <Column ss:Index=\"6\" ss:Hidden=\"1\" ss:Span=\"2\"/><Column ss:Hidden=\"1\"/>\
         <Column ss:Index=\"11\" ss:Hidden=\"true\"/><Column ss:Hidden=\"0\"/>\
         <Row><S>a</S><S>b</S></Row>",
    )
    .unwrap();
    assert_eq!(sh.hidden_columns, [1, 5, 6, 7, 8, 10]);
    // The cells are laid out as before: the columns say nothing of them.
    assert_eq!(grid(&sh.range), [[s("a"), s("b")]]);
}

#[test]
fn hidden_columns_belong_to_their_own_worksheet() {
    let body = "<Worksheet ss:Name=\"One\"><Table><Column ss:Index=\"3\" ss:Hidden=\"1\"/>\
                <Row><S>x</S></Row></Table></Worksheet>\
                <Worksheet ss:Name=\"Two\"><Table><Row><S>y</S></Row></Table></Worksheet>\
                <Worksheet ss:Name=\"Three\"><Table><Column ss:Hidden=\"1\" ss:Span=\"1\"/>\
                <Column ss:Index=\"2\" ss:Hidden=\"1\"/></Table></Worksheet>";
    let sheets = read(doc("UTF-8", body).as_bytes()).unwrap();
    let hidden: Vec<&[u32]> = sheets.iter().map(|s| s.hidden_columns.as_slice()).collect();
    // Three's B is named twice, and is hidden once.
    assert_eq!(hidden, [&[2][..], &[], &[0, 1]]);
}

#[test]
fn a_hidden_span_past_the_last_column_is_cut_there() {
    let sh =
        one("<Column ss:Index=\"16384\" ss:Span=\"99\" ss:Hidden=\"1\"/><Column ss:Hidden=\"1\"/>")
            .unwrap();
    assert_eq!(sh.hidden_columns, [16_383]);
    assert!(one("<Column ss:Index=\"0\"/>")
        .unwrap_err()
        .contains("ss:Index=\"0\""));
    assert!(one("<Column ss:Span=\"-1\"/>")
        .unwrap_err()
        .contains("ss:Span=\"-1\""));
}

#[test]
fn prefixed_elements() {
    let xml = format!(
        "<?xml version=\"1.0\"?><ss:Workbook xmlns:ss=\"{NS}\"><ss:Worksheet ss:Name=\"P\"><ss:Table>\
         <ss:Row><ss:Cell ss:Index=\"2\"><ss:Data ss:Type=\"Number\">7</ss:Data></ss:Cell></ss:Row>\
         </ss:Table></ss:Worksheet></ss:Workbook>"
    );
    assert!(looks_like(xml.as_bytes()));
    let sheets = read(xml.as_bytes()).unwrap();
    assert_eq!(sheets[0].name, "P");
    assert_eq!(grid(&sheets[0].range), [[E, Data::Float(7.0)]]);
}

#[test]
fn rich_text_and_entities() {
    let sh = one(
        "<Row><Cell><ss:Data ss:Type=\"String\" xmlns=\"http://www.w3.org/TR/REC-html40\"><B>Bold</B>\
         <Font html:Color=\"#FF0000\"> &amp; red</Font>&#10;<html:Font>next&lt;</html:Font></ss:Data></Cell></Row>",
    );
    assert_eq!(grid(&sh.unwrap().range), [[s("Bold & red\nnext<")]]);
}

#[test]
fn comments_do_not_leak() {
    let sh = one(
        "<Row><Cell><Comment ss:Author=\"me\"><ss:Data xmlns=\"http://www.w3.org/TR/REC-html40\">\
         <B>note</B></ss:Data></Comment><Data ss:Type=\"String\">value</Data>\
         <NamedCell ss:Name=\"Print_Area\"/><PhoneticText>kana</PhoneticText></Cell>\
         <Cell><Data ss:Type=\"Number\">3</Data><Comment><ss:Data>hidden</ss:Data></Comment></Cell>\
         <Cell><Comment><ss:Data>only</ss:Data></Comment></Cell></Row>",
    );
    assert_eq!(grid(&sh.unwrap().range), [[s("value"), Data::Float(3.0)]]);
}

#[test]
fn declared_and_bom_encodings() {
    let body =
        "<Worksheet ss:Name=\"Лист1\"><Table><Row><S>Привет, мир</S></Row></Table></Worksheet>";
    let check = |bytes: &[u8]| {
        assert!(looks_like(bytes));
        let sheets = read(bytes).unwrap();
        assert_eq!(sheets[0].name, "Лист1");
        assert_eq!(grid(&sheets[0].range), [[s("Привет, мир")]]);
    };
    let text = doc("windows-1251", body);
    let (cp1251, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&text);
    assert!(!unmappable && std::str::from_utf8(&cp1251).is_err());
    check(&cp1251);
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        doc("UTF-16", body)
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    check(&utf16);
    check(&[b"\xEF\xBB\xBF \n".as_slice(), doc("UTF-8", body).as_bytes()].concat());
}

#[test]
fn sniffing() {
    let real = doc("UTF-8", "<Worksheet ss:Name=\"S\"/>");
    assert!(looks_like(real.as_bytes()));
    // Cut inside the root tag, as a short read of a file's head would be.
    assert!(looks_like(
        &real.as_bytes()[..real.find(HTML).unwrap() + 12]
    ));
    assert!(!looks_like(
        b"<html><table><tr><td>1</td></tr></table></html>"
    ));
    assert!(!looks_like(
        b"<?xml version=\"1.0\"?><root xmlns=\"urn:example\"><Workbook/></root>"
    ));
    assert!(!looks_like(
        b"<?xml version=\"1.0\"?><Workbook xmlns=\"urn:example\"/>"
    ));
    assert!(!looks_like(b"name,amount\nWorkbook,1\n"));
}

#[test]
fn malformed_input_is_an_error() {
    let err = one("<Row></Table>").unwrap_err();
    assert!(
        err.starts_with("the XML is malformed at byte ") && err.ends_with('.'),
        "{err}"
    );
    let good = doc(
        "UTF-8",
        "<Worksheet ss:Name=\"S\"><Table><Row><S>x</S></Row></Table></Worksheet>",
    );
    for n in [good.len() / 2, good.len() - 12, good.len() - 3] {
        assert!(read(&good.as_bytes()[..n]).is_err(), "cut at {n}");
    }
    assert!(read(b"<html><body/></html>")
        .unwrap_err()
        .contains("not an XML Spreadsheet 2003"));
    assert!(read(b"").is_err());
    assert!(one("<Row ss:Index=\"x\"/>")
        .unwrap_err()
        .contains("ss:Index=\"x\""));
}
