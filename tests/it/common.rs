//! Helpers shared by the end-to-end tests: run the binary, read a CSV whatever its
//! delimiter, and read dates and money the way the generator writes them — plain Rust,
//! independent of the library's polars code. Each test file uses some of them.

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use polars::prelude::*;

pub fn stoa() -> Command {
    Command::cargo_bin("stoa").expect("the stoa binary is built")
}

/// Read a CSV as all-text columns keyed by header, whatever the delimiter.
pub fn read_text_csv(path: &Path) -> BTreeMap<String, Vec<Option<String>>> {
    let head = std::fs::read_to_string(path).expect("readable CSV");
    let first = head.lines().next().unwrap_or_default();
    let sep = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|c| first.bytes().filter(|b| b == c).count())
        .unwrap();
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .map_parse_options(|o| o.with_separator(sep))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .unwrap()
        .finish()
        .unwrap();
    df.columns()
        .iter()
        .map(|c| {
            let name = c
                .name()
                .trim_start_matches('\u{feff}')
                .trim()
                .to_lowercase();
            let values = c
                .str()
                .unwrap()
                .iter()
                .map(|v| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
                .collect();
            (name, values)
        })
        .collect()
}

/// `YYYY-MM-DD…` or `DD.MM.YYYY…` to (year, month, day).
pub fn ymd(text: &str) -> (i32, u32, u32) {
    let t = text.trim();
    if t.as_bytes().get(4) == Some(&b'-') {
        (
            t[0..4].parse().unwrap(),
            t[5..7].parse().unwrap(),
            t[8..10].parse().unwrap(),
        )
    } else {
        (
            t[6..10].parse().unwrap(),
            t[3..5].parse().unwrap(),
            t[0..2].parse().unwrap(),
        )
    }
}

/// Money text to kopecks: spaces and currency words dropped; the last of `,` `.` is the
/// decimal mark.
pub fn kopecks(text: &str) -> i64 {
    let t: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
        .collect();
    let (int, frac) = match t.rfind([',', '.']) {
        Some(i) => (t[..i].replace([',', '.'], ""), t[i + 1..].to_string()),
        None => (t.clone(), String::new()),
    };
    let frac = format!("{frac:0<2}");
    let sign = if int.starts_with('-') { -1 } else { 1 };
    let whole: i64 = int.trim_start_matches('-').parse().unwrap_or(0);
    sign * (whole * 100 + frac[..2].parse::<i64>().unwrap())
}

pub fn truthy(text: &Option<String>) -> bool {
    matches!(
        text.as_deref().map(str::to_lowercase).as_deref(),
        Some("true" | "yes" | "1" | "да" | "+")
    )
}

/// Generate a small English CSV station of 150 clients over `months` months into `out`.
pub fn generate_csv(out: &Path, months: u32) {
    stoa()
        .args(["generate", "--out"])
        .arg(out)
        .args(["--clients", "150", "--months", &months.to_string()])
        .args(["--format", "csv", "--lang", "en"])
        .assert()
        .success();
}

/// Generate a chain into `dir/data`: 3 stations, 300 clients, 14 months, English CSV.
pub fn generate_chain(dir: &Path) -> std::path::PathBuf {
    let data = dir.join("data");
    stoa()
        .args(["generate", "--out"])
        .arg(&data)
        .args(["--stations", "3", "--clients", "300", "--months", "14"])
        .args(["--format", "csv", "--lang", "en"])
        .assert()
        .success();
    data
}

/// A chain as [`generate_chain`] makes it whose first `blank` visits have their station
/// emptied: visits a split puts in `_no-station`.
pub fn generate_chain_blanking(dir: &Path, blank: u32) -> std::path::PathBuf {
    let data = generate_chain(dir);
    rewrite_csv(&data.join("visits.csv"), |visits| {
        visits
            .lazy()
            .with_row_index("i", None)
            .with_column(
                when(col("i").lt(lit(blank)))
                    .then(lit(NULL).cast(DataType::String))
                    .otherwise(col("station"))
                    .alias("station"),
            )
            .drop(cols(["i"]))
            .collect()
            .unwrap()
    });
    data
}

/// A comma-separated CSV with a header, every column read as text.
pub fn text_frame(path: &Path) -> DataFrame {
    CsvReadOptions::default()
        .with_has_header(true)
        .with_infer_schema_length(Some(0))
        .try_into_reader_with_file_path(Some(path.to_path_buf()))
        .unwrap()
        .finish()
        .unwrap()
}

/// Rewrite a CSV of the generator through `change`, its columns read as text.
pub fn rewrite_csv(path: &Path, change: impl FnOnce(DataFrame) -> DataFrame) {
    let mut df = change(text_frame(path));
    CsvWriter::new(std::fs::File::create(path).unwrap())
        .finish(&mut df)
        .unwrap();
}

/// Write `text` as the file `name` of the data folder `dir`.
pub fn put(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The three tables every data folder needs, as `visits.csv`, `clients.csv` and
/// `order_lines.csv` in `dir`.
pub fn put_tables(dir: &Path, visits: &str, clients: &str, order_lines: &str) {
    put(dir, "visits.csv", visits);
    put(dir, "clients.csv", clients);
    put(dir, "order_lines.csv", order_lines);
}

/// A small data folder `dir/data`: the visits' rows under
/// `visit_id;opened_at;client_id;brand[;station]` (the header is the rows' first line),
/// clients C1 Иванов and C2 Петров, and the order lines' rows under
/// `visit_id;description;amount`.
pub fn small_data(dir: &Path, visits: &str, lines: &str) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    put(&data, "visits.csv", visits);
    put(
        &data,
        "clients.csv",
        "client_id;name\nC1;Иванов\nC2;Петров\n",
    );
    put(
        &data,
        "order_lines.csv",
        &format!("visit_id;description;amount\n{lines}"),
    );
    data
}

/// A chain's data folder `dir/data` ([`small_data`]) in which one station, Север, has no
/// visit in March 2026 (its one visit is in January), while Центр has two.
pub fn north_idle_in_march(dir: &Path) -> std::path::PathBuf {
    small_data(
        dir,
        "visit_id;opened_at;client_id;brand;station\n\
         1;15.01.2026;C1;Lada;Север\n\
         2;10.03.2026;C2;Lada;Центр\n\
         3;31.03.2026;C2;Kia;Центр\n",
        "1;ТО;1000\n2;ТО;2000\n3;Мойка;500\n",
    )
}

/// A data folder `dir/data` with one visit V1 of 31.10.2026 by client C1 and `lines` as
/// its order lines (their header first), as a tester writes them: UTF-8 with a byte-order
/// mark, `;`. The end-to-end tests of money headers vary the lines alone.
pub fn one_visit_with_lines(dir: &Path, lines: &str) -> std::path::PathBuf {
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "\u{feff}Номер;Дата;Клиент;Марка\nV1;31.10.2026;C1;Kia\n",
    );
    put(
        &data,
        "clients.csv",
        "\u{feff}Код клиента;ФИО;Телефон;Согласие на рассылку\nC1;Иванов;89161234567;да\n",
    );
    put(&data, "order_lines.csv", &format!("\u{feff}{lines}"));
    data
}

/// `stoa report ARGS --data DATA --out OUT`, not yet run: the tests that look at more than
/// its end add to it.
pub fn report_command(data: &Path, out: &Path, args: &[&str]) -> Command {
    let mut run = stoa();
    run.arg("report")
        .args(args)
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out);
    run
}

/// `stoa report ARGS --data DATA --out OUT`, run to its end (in the language of the data's
/// settings unless ARGS has a `--lang`).
pub fn report(data: &Path, out: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    report_command(data, out, args).assert()
}

/// `stoa report --lang en ARGS --data DATA --out OUT`, which must succeed: what it said on
/// stderr.
pub fn report_ok(data: &Path, out: &Path, args: &[&str]) -> String {
    let run = report_command(data, out, &[&["--lang", "en"][..], args].concat())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stderr).to_string();
    assert_eq!(run.status.code(), Some(0), "{said}");
    said
}

/// `stoa report --only management` on `data`, written beside it: the `revenue` row of
/// October 2026 in `tables/kpi.csv` and what the run said on stderr.
pub fn october_revenue(data: &Path) -> (String, String) {
    let out = data.parent().unwrap().join("reports");
    let said = report_ok(data, &out, &["--only", "management"]);
    let kpi = std::fs::read_to_string(out.join("2026-10/tables/kpi.csv")).unwrap();
    let row = kpi
        .lines()
        .find(|l| l.starts_with("revenue,2026-10,"))
        .unwrap_or_else(|| panic!("no revenue in\n{kpi}"))
        .to_string();
    (row, said)
}

/// A column of a frame as text, each value as it prints.
pub fn texts(df: &DataFrame, column: &str) -> Vec<Option<String>> {
    df.column(column)
        .unwrap()
        .cast(&DataType::String)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|x| x.map(String::from))
        .collect()
}

/// Each of `values` present, as [`texts`] gives a column.
pub fn somes(values: &[&str]) -> Vec<Option<String>> {
    values.iter().map(|v| Some(v.to_string())).collect()
}

/// The warnings ingest gave about `table`, their messages in order.
pub fn warnings_of<'a>(ing: &'a stoa::ingest::Ingested, table: &str) -> Vec<&'a str> {
    ing.warnings
        .iter()
        .filter(|w| w.table == table)
        .map(|w| w.message.as_str())
        .collect()
}

/// `stoa check --json --data DIR --rejects DIR/r.csv`, which must succeed: the `inputs`
/// accounting and the rejects file.
pub fn check_json(dir: &Path) -> (serde_json::Value, std::path::PathBuf) {
    let rejects = dir.join("r.csv");
    let out = stoa()
        .args(["check", "--json", "--data"])
        .arg(dir)
        .arg("--rejects")
        .arg(&rejects)
        .output()
        .unwrap();
    (json_out(&out), rejects)
}

/// `stoa check --json --data DIR` (no rejects file), which must succeed: the `inputs`
/// accounting.
pub fn check_inputs(dir: &Path) -> serde_json::Value {
    let out = stoa()
        .args(["check", "--json", "--data"])
        .arg(dir)
        .output()
        .unwrap();
    json_out(&out)
}

/// The JSON a run that must have succeeded printed; its stderr when it did not.
fn json_out(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The entry of `table` in check's `inputs` accounting.
pub fn input_of<'a>(inputs: &'a serde_json::Value, table: &str) -> &'a serde_json::Value {
    inputs
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["table"] == table)
        .unwrap_or_else(|| panic!("no `{table}` in {inputs}"))
}

/// Rows read, accepted and rejected of an entry of check's accounting.
pub fn row_counts(input: &serde_json::Value) -> (u64, u64, u64) {
    let n = |k: &str| {
        input[k]
            .as_u64()
            .unwrap_or_else(|| panic!("no {k} in {input}"))
    };
    (n("rows_read"), n("rows_accepted"), n("rows_rejected"))
}

/// `stoa check --lang LANG --data DIR`: its output and exit status, whatever they are.
pub fn check_in(lang: &str, dir: &Path) -> std::process::Output {
    stoa()
        .args(["check", "--lang", lang, "--data"])
        .arg(dir)
        .output()
        .unwrap()
}

/// `stoa check --lang en --data DIR` (English: the default, as for the report, is
/// Russian), its output and exit status whatever they are.
pub fn check_en(dir: &Path) -> std::process::Output {
    check_in("en", dir)
}

/// `stoa check --lang en --data DIR`, which must succeed: what it printed on stdout.
pub fn check_said(dir: &Path) -> String {
    let out = check_en(dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Ingest's accounting of `table` (rows read, accepted, rejected; its money).
pub fn accounted<'a>(
    ing: &'a stoa::ingest::Ingested,
    table: &str,
) -> &'a stoa::ingest::InputReport {
    ing.inputs
        .iter()
        .find(|i| i.table == table)
        .unwrap_or_else(|| panic!("no `{table}` among the inputs"))
}

/// The data folder `dir` read through the library with the default settings.
pub fn load(dir: &Path) -> stoa::ingest::Ingested {
    stoa::ingest::load(dir, &stoa::config::Config::default()).unwrap()
}

/// A boolean column of a frame (it must be one).
pub fn bools(df: &DataFrame, column: &str) -> Vec<Option<bool>> {
    df.column(column).unwrap().bool().unwrap().iter().collect()
}

/// A whole-number column of a frame (it must be one): kopecks, for money.
pub fn i64s(df: &DataFrame, column: &str) -> Vec<Option<i64>> {
    df.column(column).unwrap().i64().unwrap().iter().collect()
}

/// A text column of a frame (it must be one).
pub fn strs(df: &DataFrame, column: &str) -> Vec<Option<String>> {
    df.column(column)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|v| v.map(String::from))
        .collect()
}

/// A JSON file (a report's manifest, a split's `split.json`, `clv_params.json`).
pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The names of the entries of `dir`, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A new folder `name` in `dir`: a data folder the test writes its files into.
pub fn folder(dir: &Path, name: &str) -> std::path::PathBuf {
    let made = dir.join(name);
    std::fs::create_dir_all(&made).unwrap();
    made
}

/// `rows` as the sheet `sheet` of a new workbook at `path`: cells that parse as numbers
/// written as numbers, empty cells left out.
pub fn put_sheet<const N: usize>(path: &Path, sheet: &str, rows: &[[&str; N]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
            match cell.parse::<f64>() {
                Ok(n) => ws.write(r as u32, c as u16, n).unwrap(),
                Err(_) => ws.write(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    wb.save(path).unwrap();
}

/// Every folder (`None`), file (its bytes) and link (its target) under `dir`, hidden ones
/// too, by path relative to `dir`.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Option<Vec<u8>>> {
    fn walk(
        root: &Path,
        dir: &Path,
        into: &mut std::collections::BTreeMap<String, Option<Vec<u8>>>,
    ) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.strip_prefix(root).unwrap().display().to_string();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                into.insert(name, Some(target.display().to_string().into_bytes()));
            } else if meta.is_dir() {
                into.insert(name, None);
                walk(root, &path, into);
            } else {
                into.insert(name, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut found = std::collections::BTreeMap::new();
    walk(dir, dir, &mut found);
    found
}

/// The hidden entries of `dir`.
pub fn hidden(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// Interrupt `child` (SIGINT) once `staged` says its hidden working folder is there, or
/// let it finish if it does first or `limit` passes: the interrupt tests of the commands
/// that put their output in place whole.
pub fn interrupt_once_staged(
    child: &mut std::process::Child,
    staged: impl Fn() -> bool,
    limit: std::time::Duration,
) {
    let start = std::time::Instant::now();
    while !staged() && start.elapsed() < limit {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    if child.try_wait().unwrap().is_none() {
        std::process::Command::new("kill")
            .arg("-INT")
            .arg(child.id().to_string())
            .status()
            .unwrap();
    }
}

/// An OpenDocument spreadsheet at `path` whose sheets are `tables` (the XML of its
/// `table:table`s), as LibreOffice saves it: a zip with its mimetype first, stored.
pub fn put_ods(path: &Path, tables: &str) {
    use std::io::Write;
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    );
    let mut z = ::zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", stored).unwrap();
    z.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>")
        .unwrap();
    z.start_file("content.xml", ::zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(content.as_bytes()).unwrap();
    z.finish().unwrap();
}
