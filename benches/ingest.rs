//! Ingest benchmark (issue 2): stoa's read + validation of a 1 M-line `order_lines.csv`
//! and a 100 k-row xlsx sheet, against polars' bare CSV reader and calamine's bare read of
//! the same files, in one run. Run with `cargo bench --bench ingest`; the figures go into
//! docs/performance.md. Sizes can be changed with STOA_BENCH_LINES / STOA_BENCH_XLSX_ROWS.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use calamine::{open_workbook_auto, Reader};
use polars::prelude::*;
use stoa::config::Config;
use stoa::ingest::header::Synonyms;
use stoa::ingest::read::{self, Source};
use stoa::ingest::validate::{validate, Context};
use stoa::schema::Table;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Best of `n` runs: the least disturbed by the rest of the machine.
fn best<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let mut best = Duration::MAX;
    for _ in 0..n {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        out = Some(v);
    }
    (best, out.expect("at least one run"))
}

fn write_lines_csv(path: &Path, n: usize) {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(w, "Заказ-наряд;Код работы;Наименование;Вид работ;Тип;Кол-во;Цена;Сумма;Н/ч;Исполнитель;Гарантия;Себестоимость;Отказ").unwrap();
    let names = [
        "Замена масла",
        "Шиномонтаж R16",
        "Диагностика ходовой",
        "Мойка кузова",
        "Фильтр масляный",
    ];
    let cats = ["ТО", "шиномонтаж", "диагностика", "мойка", "запчасти"];
    for i in 0..n {
        let k = i % 5;
        let amount = 500 + (i * 37) % 20_000;
        writeln!(
            w,
            "ЗН-{:07};S{k};{};{};{};1;{},00;\"{} {:03},50\";1,5;Механик {};нет;{};{}",
            i / 3,
            names[k],
            cats[k],
            if k == 4 {
                "запчасть"
            } else {
                "работа"
            },
            amount,
            amount / 1000,
            amount % 1000,
            i % 7,
            amount / 2,
            if i % 50 == 0 { "да" } else { "нет" },
        )
        .unwrap();
    }
}

fn write_visits_xlsx(path: &Path, n: usize) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Визиты").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy hh:mm");
    ws.write(0, 0, "Заказ-наряды").unwrap();
    for (i, h) in [
        "Номер заказ-наряда",
        "Дата приёма",
        "Код клиента",
        "Марка",
        "Госномер",
        "Пробег",
        "Мастер-приёмщик",
        "Способ обслуживания",
        "Статус",
    ]
    .iter()
    .enumerate()
    {
        ws.write(2, i as u16, *h).unwrap();
    }
    for i in 0..n {
        let r = i as u32 + 3;
        ws.write(r, 0, format!("ЗН-{i:07}")).unwrap();
        ws.write_number_with_format(r, 1, 44_927.0 + (i % 1000) as f64 + 0.4, &date)
            .unwrap();
        ws.write_number(r, 2, (i % 20_000) as f64).unwrap();
        ws.write(r, 3, if i % 3 == 0 { "Лада" } else { "Toyota" })
            .unwrap();
        ws.write(r, 4, format!("А{:03}ВС77", i % 1000)).unwrap();
        ws.write_number(r, 5, (10_000 + i * 7) as f64).unwrap();
        ws.write(r, 6, "Иванов").unwrap();
        ws.write(r, 7, "самотёк").unwrap();
        ws.write(r, 8, "выполнен").unwrap();
    }
    wb.save(path).unwrap();
}

fn stoa_table(table: Table, path: &Path, ctx: &Context) -> usize {
    let config = Config::default();
    let syn = Synonyms::new(table, &config);
    let source = Source {
        path: path.to_path_buf(),
        sheet: None,
    };
    let t = Instant::now();
    let (raw, sheet) = read::read(&source, &syn).unwrap();
    let read_time = t.elapsed();
    let v = validate(
        table,
        &raw,
        &path.display().to_string(),
        sheet.as_deref(),
        ctx,
    )
    .unwrap();
    if std::env::var_os("STOA_BENCH_STAGES").is_some() {
        eprintln!(
            "{table}: read {read_time:?}, validate {:?}",
            t.elapsed() - read_time
        );
    }
    v.accepted.height() + v.rejects.height()
}

fn main() {
    let lines = env_usize("STOA_BENCH_LINES", 1_000_000);
    let xlsx_rows = env_usize("STOA_BENCH_XLSX_ROWS", 100_000);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("order_lines.csv");
    let xlsx = dir.path().join("visits.xlsx");
    write_lines_csv(&csv, lines);
    write_visits_xlsx(&xlsx, xlsx_rows);
    let mb = |p: &Path| std::fs::metadata(p).unwrap().len() as f64 / 1e6;

    let (t_polars, n) = best(3, || {
        CsvReadOptions::default()
            .with_parse_options(CsvParseOptions::default().with_separator(b';'))
            .try_into_reader_with_file_path(Some(csv.clone()))
            .unwrap()
            .finish()
            .unwrap()
            .height()
    });
    assert_eq!(n, lines);
    let (t_stoa_csv, n) = best(3, || {
        stoa_table(Table::OrderLines, &csv, &Context::default())
    });
    assert_eq!(n, lines);

    let (t_calamine, n) = best(3, || {
        let mut wb = open_workbook_auto(&xlsx).unwrap();
        let r = wb.worksheet_range("Визиты").unwrap();
        r.height()
    });
    assert_eq!(n, xlsx_rows + 3);
    let (t_stoa_xlsx, n) = best(3, || stoa_table(Table::Visits, &xlsx, &Context::default()));
    assert_eq!(n, xlsx_rows);

    let mut out = String::new();
    let s = |d: Duration| d.as_secs_f64();
    let _ = writeln!(
        out,
        "| input | size | bare read | stoa ingest | ratio | target |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    let _ = writeln!(
        out,
        "| order_lines.csv, {lines} lines | {:.0} MB | polars CsvReader {:.2} s | {:.2} s | {:.2}× | ≤ 1.5× |",
        mb(&csv),
        s(t_polars),
        s(t_stoa_csv),
        s(t_stoa_csv) / s(t_polars)
    );
    let _ = writeln!(
        out,
        "| visits.xlsx, {xlsx_rows} rows | {:.1} MB | calamine worksheet_range {:.2} s | {:.2} s | {:.2}× | ≤ 1.3× |",
        mb(&xlsx),
        s(t_calamine),
        s(t_stoa_xlsx),
        s(t_stoa_xlsx) / s(t_calamine)
    );
    print!("{out}");
}
