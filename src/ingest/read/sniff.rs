//! What a file holds, told by its first bytes rather than its name. Exports are often
//! named for the program meant to open them, not for what they are: a web system's
//! "export to Excel" writes an HTML page as `.xls`, an older one a text table as `.xls`,
//! a report generator XML Spreadsheet 2003 as `.xls` or `.xml`, and a workbook renamed by
//! hand keeps the wrong one of `.xls` and `.xlsx`. Excel opens them all (after a warning),
//! so the user cannot tell; stoa reads each by what it holds.

use std::io::Read;
use std::path::Path;

use super::FileKind;

/// How many bytes of a file are looked at.
const HEAD: usize = 8192;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// A zip archive: xlsx, xlsm, xlsb or ods.
    Zip,
    /// An OLE compound file: an Excel 97–2003 workbook, or a workbook encrypted with a
    /// password.
    Ole,
    /// Parquet.
    Parquet,
    /// An HTML page holding a table.
    Html,
    /// XML Spreadsheet 2003.
    SpreadsheetXml,
    /// Text: CSV, or text separated otherwise.
    Text,
    /// Binary data of no kind stoa reads (a PDF, an image, …).
    Other,
}

impl Content {
    /// What the file at `path` holds.
    pub fn of(path: &Path) -> std::io::Result<Content> {
        let mut head = Vec::with_capacity(HEAD);
        std::fs::File::open(path)?
            .take(HEAD as u64)
            .read_to_end(&mut head)?;
        Ok(Content::from_head(&head))
    }

    /// What a file starting with `head` holds.
    ///
    /// ```
    /// use stoa::ingest::read::sniff::Content;
    /// assert_eq!(Content::from_head(b"PK\x03\x04\x14\x00"), Content::Zip);
    /// assert_eq!(Content::from_head(b"<html><table><tr><td>1</td></tr></table>"), Content::Html);
    /// assert_eq!(Content::from_head("Дата;Сумма\n".as_bytes()), Content::Text);
    /// ```
    pub fn from_head(head: &[u8]) -> Content {
        if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
            Content::Zip
        } else if head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
            Content::Ole
        } else if head.starts_with(b"PAR1") {
            Content::Parquet
        } else if super::xml2003::looks_like(head) {
            Content::SpreadsheetXml
        } else if super::html::looks_like(head) {
            Content::Html
        } else if encoding_rs::Encoding::for_bom(head).is_some() || !head.contains(&0) {
            Content::Text
        } else {
            Content::Other
        }
    }

    /// The reader it takes; None for [`Content::Other`].
    pub fn kind(self) -> Option<FileKind> {
        match self {
            Content::Zip | Content::Ole => Some(FileKind::Workbook),
            Content::Parquet => Some(FileKind::Parquet),
            Content::Html => Some(FileKind::Html),
            Content::SpreadsheetXml => Some(FileKind::SpreadsheetXml),
            Content::Text => Some(FileKind::Csv),
            Content::Other => None,
        }
    }

    /// Its name in messages, the same in every language.
    pub fn format(self) -> &'static str {
        match self {
            Content::Zip => "xlsx",
            Content::Ole => "xls",
            Content::Parquet => "Parquet",
            Content::Html => "HTML",
            Content::SpreadsheetXml => "XML Spreadsheet 2003",
            Content::Text => "CSV",
            Content::Other => "binary",
        }
    }

    /// The extension a file holding it takes.
    pub fn extension(self) -> &'static str {
        match self {
            Content::Zip => "xlsx",
            Content::Ole => "xls",
            Content::Parquet => "parquet",
            Content::Html => "html",
            Content::SpreadsheetXml => "xml",
            Content::Text | Content::Other => "csv",
        }
    }
}

/// Whether an OLE file is an Office document encrypted with a password: its stream
/// `EncryptedPackage` is named in UTF-16 in the file's directory. Looked for only once
/// the file has failed to open as a workbook.
pub fn is_encrypted(path: &Path) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::read(path).is_ok_and(|bytes| memchr::memmem::find(&bytes, &name).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_decide_before_names() {
        assert_eq!(
            Content::from_head(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"),
            Content::Ole
        );
        assert_eq!(Content::from_head(b"PAR1\x15\x04"), Content::Parquet);
        assert_eq!(
            Content::from_head(
                b"<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"
            ),
            Content::SpreadsheetXml
        );
        assert_eq!(
            Content::from_head(b"\r\n<TABLE BORDER=1><TR><TD>x</TD></TR>"),
            Content::Html
        );
    }

    #[test]
    fn text_is_told_from_other_binaries_by_its_zero_bytes() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Дата;Сумма\r\n");
        assert_eq!(Content::from_head(&cp1251), Content::Text);
        // Excel's "Unicode text" is UTF-16 with a byte-order mark: zero bytes, still text.
        assert_eq!(Content::from_head(b"\xff\xfeD\0a\0"), Content::Text);
        assert_eq!(Content::from_head(b"%PDF-1.7\n\0\x01"), Content::Other);
        assert_eq!(Content::from_head(b"\x89PNG\r\n\x1a\n\0\0"), Content::Other);
    }

    #[test]
    fn an_encrypted_workbook_is_told_by_its_stream() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("visits.xlsx");
        let mut bytes = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec();
        bytes.extend(vec![0u8; 600]);
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        bytes.extend(&name);
        std::fs::write(&path, &bytes).unwrap();
        assert!(is_encrypted(&path));
        std::fs::write(&path, &bytes[..600]).unwrap();
        assert!(!is_encrypted(&path));
    }
}
