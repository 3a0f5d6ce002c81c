//! End to end: `stoa report` on small generated data writes the workbook, the charts and
//! the page; two runs give the same bytes; the workbook is read back by calamine (not our
//! writer) and its cells agree with `tables/*.csv`; the native charts are in the xlsx zip;
//! the page is self-contained. Optionally, headless Chromium loads the page.

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};

fn stoa() -> Command {
    Command::cargo_bin("stoa").expect("the stoa binary is built")
}

/// Generate 150 clients over 14 months as CSV into `dir/data`.
fn generate(dir: &Path) -> PathBuf {
    let data = dir.join("data");
    stoa()
        .args(["generate", "--out"])
        .arg(&data)
        .args([
            "--clients",
            "150",
            "--months",
            "14",
            "--format",
            "csv",
            "--lang",
            "en",
        ])
        .assert()
        .success();
    data
}

/// Run the report into `out` and return the report folder.
fn report(data: &Path, out: &Path, lang: &str) -> PathBuf {
    stoa()
        .args(["report", "-q", "--data"])
        .arg(data)
        .args(["--lang", lang, "--out"])
        .arg(out)
        .assert()
        .success();
    let mut months: Vec<_> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    months.sort();
    months.pop().expect("a report folder")
}

/// The names of the entries of a zip file.
fn zip_entries(path: &Path) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    archive
        .file_names()
        .map(|n| n.unwrap().to_string())
        .collect()
}

/// One entry of a zip file as text.
fn zip_text(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Read a CSV of the report as rows of text (our CSVs have no quoted commas in these
/// tables: names and numbers only).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

/// Equal to the 15 significant digits the workbook keeps.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-13 * b.abs().max(1.0)
}

#[test]
fn the_report_renders_deterministically_and_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let a = report(&data, &tmp.path().join("a"), "en");
    let b = report(&data, &tmp.path().join("b"), "en");

    // Two runs, the same bytes: the workbook, the page, every table and list, every SVG.
    let mut files = vec!["report.xlsx".to_string(), "report.html".to_string()];
    for dir in ["charts", "tables", "lists"] {
        for entry in std::fs::read_dir(a.join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".svg") || name.ends_with(".csv") {
                files.push(format!("{dir}/{name}"));
            }
        }
    }
    assert!(files.len() > 4, "no SVG charts in {}", a.display());
    for f in &files {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(x == y, "{f} differs between two runs");
    }
    for id in [
        "revenue_24m",
        "visits_24m",
        "load_weekly",
        "turnaround",
        "demand_by_category",
    ] {
        let png = std::fs::read(a.join(format!("charts/{id}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{id}.png is not a PNG");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(a.join("manifest.json")).unwrap()).unwrap();
    let outputs: Vec<&str> = manifest["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for f in [
        "report.xlsx",
        "report.html",
        "charts/revenue_24m.png",
        "tables/monthly.csv",
    ] {
        assert!(
            outputs.contains(&f),
            "{f} missing from the manifest's outputs"
        );
    }

    // The workbook through a reader that is not ours.
    let xlsx = a.join("report.xlsx");
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names();
    for sheet in [
        "Summary",
        "Monthly",
        "Managers",
        "Mechanics",
        "Channels",
        "Load",
        "Quality",
        "Definitions",
        "Data issues",
    ] {
        assert!(
            names.iter().any(|n| n == sheet),
            "sheet {sheet} missing from {names:?}"
        );
    }
    assert!(names.iter().all(|n| n.chars().count() <= 31));

    // Managers: the header is on row 2 (index 1), data from index 2, as in managers.csv.
    let managers = csv_rows(&a.join("tables/managers.csv"));
    let range = wb.worksheet_range("Managers").unwrap();
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String("Manager".into()))
    );
    assert!(managers.len() > 1, "no managers in the generated month");
    for (i, row) in managers.iter().enumerate().skip(1) {
        let r = i as u32 + 1;
        assert_eq!(
            range.get_value((r, 0)),
            Some(&Data::String(row[0].clone())),
            "manager of row {i}"
        );
        // visits (column 1) and revenue (column 3) are numbers equal to the CSV's.
        for c in [1usize, 3] {
            let want: f64 = row[c].parse().unwrap();
            // The workbook keeps Excel's 15 significant digits.
            match range.get_value((r, c as u32)) {
                Some(Data::Float(v)) => {
                    assert!(close(*v, want), "row {i} column {c}: {v} against {want}")
                }
                Some(Data::Int(v)) => assert!(close(*v as f64, want), "row {i} column {c}"),
                other => panic!("row {i} column {c}: {other:?}"),
            }
        }
    }

    // Summary: the KPI "Visits" of M equals kpi.csv's.
    let month = manifest["month"].as_str().unwrap();
    let kpi = csv_rows(&a.join("tables/kpi.csv"));
    let visits: f64 = kpi
        .iter()
        .find(|r| r[0] == "visits" && r[1] == month)
        .unwrap()[2]
        .parse()
        .unwrap();
    let summary = wb.worksheet_range("Summary").unwrap();
    let row = (0..40u32)
        .find(|r| summary.get_value((*r, 0)) == Some(&Data::String("Visits".into())))
        .expect("a Visits row on Summary");
    match summary.get_value((row, 1)) {
        Some(Data::Float(v)) => assert!(close(*v, visits), "{v} against {visits}"),
        other => panic!("visits on Summary: {other:?}"),
    }
    assert_eq!(summary.get_value((2, 1)), Some(&Data::String(month.into())));

    // Native charts: the two 24-month charts on Summary, the load and turnaround charts.
    let entries = zip_entries(&xlsx);
    for n in 1..=4 {
        assert!(
            entries.contains(&format!("xl/charts/chart{n}.xml")),
            "chart{n} missing: {entries:?}"
        );
    }
    // Demand by category × month: one native series per category column of the table.
    let categories = csv_rows(&a.join("tables/demand_by_category.csv"))[0].len() - 1;
    assert!(categories > 1, "a single category in the generated data");
    let demand_chart = entries
        .iter()
        .filter(|e| e.starts_with("xl/charts/chart"))
        .map(|e| zip_text(&xlsx, e))
        .find(|xml| xml.contains("Visits by category and month"))
        .expect("the demand by category chart in the workbook");
    assert_eq!(demand_chart.matches("<c:ser>").count(), categories);
    let created = zip_text(&xlsx, "docProps/core.xml");
    assert!(
        created.contains(&format!(
            "{}T00:00:00Z",
            manifest["as_of"].as_str().unwrap()
        )),
        "{created}"
    );

    // The page: every table has its section, charts are inline, nothing from the network.
    let html = std::fs::read_to_string(a.join("report.html")).unwrap();
    for entry in std::fs::read_dir(a.join("tables")).unwrap() {
        let stem = entry
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if stem == "kpi" || stem == "rejects" {
            continue;
        }
        assert!(
            html.contains(&format!("id=\"table-{stem}\"")),
            "no section for {stem}"
        );
    }
    for id in ["summary", "charts", "definitions", "data-issues"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no section {id}");
        assert!(html.contains(&format!("href=\"#{id}\"")), "no link to {id}");
    }
    assert!(html.matches("<svg").count() >= 4);
    for bad in [
        "src=\"http",
        "href=\"http",
        "<script",
        "url(http",
        "@import",
    ] {
        assert!(!html.contains(bad), "the page loads something: {bad}");
    }

    chromium_check(&a.join("report.html"));
}

#[test]
fn russian_labels_reach_the_workbook_and_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let dir = report(&data, &tmp.path().join("ru"), "ru");
    let wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let names = wb.sheet_names();
    for sheet in [
        "Сводка",
        "Менеджеры",
        "Загрузка",
        "Определения",
        "Проблемы данных",
    ] {
        assert!(
            names.iter().any(|n| n == sheet),
            "{sheet} missing from {names:?}"
        );
    }
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"ru\">") && html.contains("Выручка за 24 месяца"));
}

#[test]
fn codes_are_words_in_the_russian_workbook_and_codes_in_the_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let dir = report(&data, &tmp.path().join("ru"), "ru");
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let word = |code: &str| match code {
        "regular" => "Постоянный",
        "losing" => "Теряет статус",
        "one_away" => "Ещё один визит",
        "domestic" => "Отечественные",
        "foreign" => "Иномарки",
        "true" => "да",
        "false" => "нет",
        other => panic!("no word expected for {other}"),
    };
    // Loyalty: the workbook row by row against tables/loyalty.csv, which keeps the codes.
    let loyalty = csv_rows(&dir.join("tables/loyalty.csv"));
    assert!(loyalty.len() > 1, "no loyalty rows in the generated data");
    let at = |name: &str| loyalty[0].iter().position(|c| c == name).unwrap();
    let sheet = wb.worksheet_range("Лояльность").unwrap();
    for (i, row) in loyalty.iter().enumerate().skip(1) {
        for c in [at("status"), at("brand_group"), at("bought_here")] {
            assert_eq!(
                sheet.get_value((i as u32 + 1, c as u32)),
                Some(&Data::String(word(&row[c]).into())),
                "row {i}, column {}",
                loyalty[0][c]
            );
        }
    }
    // Channels: every channel is a word, none is a code.
    let channels = csv_rows(&dir.join("tables/channels.csv"));
    let sheet = wb.worksheet_range("Каналы").unwrap();
    for (i, row) in channels.iter().enumerate().skip(1) {
        let cell = sheet.get_value((i as u32 + 1, 0)).unwrap().to_string();
        assert!(
            cell != row[0] && cell.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
            "channel {} shown as {cell}",
            row[0]
        );
    }
    // The page shows the same words; its first loyalty row's status among them.
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains(word(&loyalty[1][at("status")])));
    assert!(!html.contains(">one_away<") && !html.contains(">walk_in<"));
}

#[test]
fn rejected_rows_and_warnings_are_explained_in_russian_in_a_russian_report() {
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    append_row(
        &data.join("visits.csv"),
        &[("visit_id", "RO-900000"), ("odometer_km", "-5")],
    );
    // Kept with a warning: a visit of a client missing from the clients.
    append_row(
        &data.join("visits.csv"),
        &[("visit_id", "RO-900001"), ("client_id", "CL-999999")],
    );
    append_row(&data.join("order_lines.csv"), &[("qty", "много")]);
    let dir = report(&data, &tmp.path().join("ru"), "ru");
    // The contract keeps ingest's English ...
    let rejects = std::fs::read_to_string(dir.join("tables/rejects.csv")).unwrap();
    assert!(rejects.contains("negative odometer reading"), "{rejects}");
    assert!(rejects.contains(",not a number"), "{rejects}");
    // ... and the Data issues sheet and the page say it in Russian, with the tables' names.
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let issues = wb.worksheet_range("Проблемы данных").unwrap();
    let texts: Vec<String> = issues
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    for want in [
        "отрицательное значение: пробег",
        "не число",
        "Визиты",
        "Работы",
    ] {
        assert!(texts.iter().any(|t| t == want), "{want} not in {texts:?}");
    }
    let warning = "строк: 1 в таблице «Визиты» ссылаются на клиентов, которых нет в таблице \
                   клиентов (например, CL-999999)";
    assert!(
        texts.iter().any(|t| t.starts_with(warning)),
        "no Russian warning in {texts:?}"
    );
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("отрицательное значение: пробег") && html.contains(warning));
    // The manifest keeps ingest's English.
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
    assert!(manifest.contains("1 visits row refers to a client missing from `clients`"));
}

/// Append a copy of the CSV's first data row with some fields changed (by column name).
fn append_row(path: &Path, changes: &[(&str, &str)]) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut row: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    for (name, value) in changes {
        let at = header.iter().position(|h| h == name).unwrap();
        row[at] = value.to_string();
    }
    let mut text = text.trim_end().to_string();
    text.push('\n');
    text.push_str(&row.join(","));
    text.push('\n');
    std::fs::write(path, text).unwrap();
}

#[test]
fn regression_a_visit_dated_1850_is_reported_not_a_failed_workbook() {
    // A mistyped year is a date all the same, and ingest accepts it; the workbook failed
    // with exit 3 ("Year: '1850' outside Excel range of 1900-9999") on a client whose
    // only visit it was.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    append_row(&data.join("clients.csv"), &[("client_id", "CL-900000")]);
    append_row(
        &data.join("visits.csv"),
        &[
            ("visit_id", "RO-900000"),
            ("client_id", "CL-900000"),
            ("opened_at", "1850-03-01 10:00"),
            ("closed_at", "1850-03-01 12:00"),
            ("promised_at", ""),
            ("status", "done"),
        ],
    );
    let dir = report(&data, &tmp.path().join("out"), "en");
    // A lapsed client: on the win-back table with the visit as the last.
    let winback = csv_rows(&dir.join("tables/winback.csv"));
    let row = winback
        .iter()
        .find(|r| r[0] == "CL-900000")
        .expect("the client is on the win-back table");
    assert!(row.contains(&"1850-03-01".to_string()), "{row:?}");
    // In the workbook the date is text, as Excel holds no date before 1900.
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let sheet = wb.worksheet_range("Win-back").unwrap();
    assert!(
        sheet
            .rows()
            .any(|r| r.contains(&Data::String("1850-03-01".into()))),
        "no 1850-03-01 text on the Win-back sheet"
    );
}

#[test]
fn regression_a_cell_past_excels_text_limit_is_clipped_in_the_workbook_only() {
    // A garbage cell of 40 000 characters, rejected, failed the workbook ("String exceeds
    // Excel's limit of 32,767 characters") when its raw value went to Data issues.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let garbage = "Ж".repeat(40_000);
    append_row(
        &data.join("visits.csv"),
        &[("visit_id", "RO-900000"), ("opened_at", garbage.as_str())],
    );
    let dir = report(&data, &tmp.path().join("out"), "en");
    let rejects = std::fs::read_to_string(dir.join("tables/rejects.csv")).unwrap();
    assert!(rejects.contains(&garbage), "the CSV keeps the whole value");
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let issues = wb.worksheet_range("Data issues").unwrap();
    let clipped = issues
        .rows()
        .flat_map(|r| r.iter())
        .find_map(|c| match c {
            Data::String(s) if s.starts_with("ЖЖЖ") => Some(s.clone()),
            _ => None,
        })
        .expect("the value is on the Data issues sheet");
    assert_eq!(clipped.chars().count(), 32_767);
    assert!(clipped.ends_with('…'));
}

#[test]
fn regression_a_visit_mistyped_into_2099_does_not_move_the_report_month() {
    // One visit dated 2099 made the default month 2099-02: a report of an empty month.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let month = |dir: PathBuf| dir.file_name().unwrap().to_string_lossy().to_string();
    let before = month(report(&data, &tmp.path().join("before"), "en"));
    append_row(
        &data.join("visits.csv"),
        &[
            ("visit_id", "RO-900000"),
            ("opened_at", "2099-03-01 10:00"),
            ("closed_at", "2099-03-01 12:00"),
            ("promised_at", ""),
        ],
    );
    let out = tmp.path().join("after");
    let run = stoa()
        .args(["report", "--lang", "en", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(
        stderr.contains("warning: 1 visit dated 2099-03-01, more than 92 days after"),
        "{stderr}"
    );
    let folders: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(folders, std::slice::from_ref(&before));
    // The visit is kept and named among the report's warnings.
    let manifest = std::fs::read_to_string(out.join(&before).join("manifest.json")).unwrap();
    assert!(
        manifest.contains("looks like a mistyped year; it is kept"),
        "{manifest}"
    );
    // `stoa check` says it too.
    let check = stoa()
        .args(["check", "--lang", "en", "--data"])
        .arg(&data)
        .assert()
        .success();
    let said = String::from_utf8_lossy(&check.get_output().stdout).to_string()
        + &String::from_utf8_lossy(&check.get_output().stderr);
    assert!(said.contains("looks like a mistyped year"), "{said}");
    // Asked for by name, the month is that month.
    stoa()
        .args(["report", "-q", "--month", "2099-03", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("2099-03").is_dir());
}

/// Load the page in headless Chromium (no network) and check that the sections and charts
/// are in the rendered DOM. Skipped, with a message, where Chromium is not installed.
fn chromium_check(page: &Path) {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists());
    let Some(chromium) = chromium else {
        println!("skipping the browser check: /usr/bin/chromium is not installed");
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let output = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            // This machine has no network; Chromium's own background calls would stall.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // No network: every fetch fails, so a page that needs one shows it.
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(
        dom.contains("id=\"summary\"") && dom.contains("id=\"data-issues\""),
        "{dom}"
    );
    assert!(
        dom.matches("<svg").count() >= 4,
        "charts missing from the rendered page"
    );
}

#[test]
fn regression_channels_and_categories_are_shown_in_the_order_of_their_words() {
    // tables/*.csv sort by the codes (agent, booking, …; body, diagnostics, …); the Russian
    // workbook showed them in that order, «Кузовной ремонт» before «Диагностика». Shown,
    // they sort by the words; the CSVs keep the codes' order.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let dir = report(&data, &tmp.path().join("ru"), "ru");
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let folded = |s: &str| s.to_lowercase().replace('ё', "е");
    for (table, sheet) in [("channels", "Каналы"), ("demand_yoy", "Год к году")] {
        let rows = csv_rows(&dir.join(format!("tables/{table}.csv")));
        let codes: Vec<&str> = rows.iter().skip(1).map(|r| r[0].as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted, "{table}.csv keeps the codes' order");
        assert!(codes.len() > 2, "few rows in {table}");
        let range = wb.worksheet_range(sheet).unwrap();
        let shown: Vec<String> = (2..2 + codes.len() as u32)
            .map(|r| range.get_value((r, 0)).unwrap().to_string())
            .collect();
        let mut by_word = shown.clone();
        by_word.sort_by_key(|w| folded(w));
        assert_eq!(shown, by_word, "{sheet} in the order of its words");
        assert_ne!(shown.len(), 0);
    }
    // The page lists the channels in the same order as the sheet.
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let at = html.find("id=\"table-channels\"").unwrap();
    let section = &html[at..at + html[at..].find("</table>").unwrap()];
    let shown: Vec<String> = section
        .split("<tr><td")
        .skip(1)
        .map(|row| {
            let cell = &row[row.find('>').unwrap() + 1..];
            cell[..cell.find("</td>").unwrap()].to_string()
        })
        .collect();
    assert!(shown.len() > 2, "{section}");
    let mut by_word = shown.clone();
    by_word.sort_by_key(|w| folded(w));
    assert_eq!(
        shown, by_word,
        "the page's channels in the order of their words"
    );
}

#[test]
fn regression_the_pages_money_carries_the_currency_sign() {
    // The workbook shows money as `#,##0.00" ₽"`; the page showed bare numbers. Each
    // amount on the page now ends with the sign, a number or a rate does not.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let dir = report(&data, &tmp.path().join("en"), "en");
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let row = |label: &str| {
        let at = html
            .find(&format!("<tr><td>{label}</td>"))
            .unwrap_or_else(|| panic!("no {label} row"));
        html[at..at + html[at..].find("</tr>").unwrap()].to_string()
    };
    let revenue = row("Revenue");
    assert!(revenue.contains("\u{a0}₽</td>"), "{revenue}");
    let visits = row("Visits");
    assert!(!visits.contains('₽'), "{visits}");
}

#[test]
fn regression_a_report_of_one_section_defines_only_its_figures() {
    // `--only management` listed the forecast's, the prices' and the win-back's
    // definitions too, on the Definitions sheet and the page.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let out = tmp.path().join("m");
    stoa()
        .args([
            "report",
            "-q",
            "--only",
            "management",
            "--lang",
            "en",
            "--data",
        ])
        .arg(&data)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let dir = std::fs::read_dir(&out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let sheet = wb.worksheet_range("Definitions").unwrap();
    let names: Vec<String> = sheet.rows().skip(2).map(|r| r[0].to_string()).collect();
    for shown in ["Revenue", "Turnaround"] {
        assert!(
            names.iter().any(|n| n == shown),
            "{shown} missing: {names:?}"
        );
    }
    for hidden in ["Forecast", "Price index"] {
        assert!(!names.iter().any(|n| n == hidden), "{hidden} in {names:?}");
    }
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<dt>Revenue</dt>") && html.contains("<dt>Turnaround</dt>"));
    assert!(!html.contains("<dt>Forecast</dt>") && !html.contains("<dt>Price index</dt>"));
}

#[test]
fn regression_an_empty_seasonality_says_why() {
    // 10 months of data hold no whole calendar year: the seasonality table is empty, and
    // its sheet and the page said nothing of why.
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    stoa()
        .args([
            "generate",
            "--clients",
            "100",
            "--months",
            "10",
            "--format",
            "csv",
        ])
        .arg("--out")
        .arg(&data)
        .assert()
        .success();
    let dir = report(&data, &tmp.path().join("ru"), "ru");
    let rows = csv_rows(&dir.join("tables/demand_seasonality.csv"));
    assert_eq!(rows.len(), 1, "only the header: {rows:?}");
    let note = "Пусто: индекс сезонности считается по полным календарным годам";
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let sheet = wb.worksheet_range("Сезонность").unwrap();
    let below_header = sheet.get_value((2, 0)).unwrap().to_string();
    assert!(below_header.starts_with(note), "{below_header}");
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let at = html.find("id=\"table-demand_seasonality\"").unwrap();
    let section = &html[at..at + html[at..].find("</section>").unwrap()];
    assert!(section.contains(note), "{section}");
}

#[test]
fn regression_an_english_report_of_an_unnamed_station_is_titled_in_english() {
    // With no `station` in stoa.toml the title was the default's Russian «СТО», the one
    // Cyrillic word of an English page and workbook. A named station keeps its name.
    let tmp = tempfile::tempdir().unwrap();
    let data = generate(tmp.path());
    let toml = data.join("stoa.toml");
    let kept: String = std::fs::read_to_string(&toml)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("station"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&toml, kept).unwrap();
    let en = report(&data, &tmp.path().join("en"), "en");
    let html = std::fs::read_to_string(en.join("report.html")).unwrap();
    assert!(
        html.contains("<title>Management report — Service station — "),
        "{}",
        &html[..300]
    );
    assert!(!html.contains("СТО"));
    let book = en.join("report.xlsx");
    let sheets =
        zip_text(&book, "xl/worksheets/sheet1.xml") + &zip_text(&book, "xl/sharedStrings.xml");
    assert!(sheets.contains("Service station"));
    let ru = report(&data, &tmp.path().join("ru"), "ru");
    let html = std::fs::read_to_string(ru.join("report.html")).unwrap();
    assert!(html.contains(" — СТО — "), "{}", &html[..300]);
}
