//! End to end: the Definitions sheet of the workbook and the page's definitions state the
//! settings the report was made with (SPEC §5: "the formula behind every figure, in
//! words"), not the defaults with an "or … of stoa.toml" hedge.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Reader, Xlsx};
use stoa::cli::Lang;

use crate::common;
use common::{put, stoa};

/// A data folder in `dir` with a visit, a sold and a declined line, a price list and a
/// competitor's price, so that every section has its tables, and `toml` as its stoa.toml.
fn data(dir: &Path, toml: &str) -> PathBuf {
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "visit_id,opened_at,client_id,brand\nV1,2026-06-10,C1,Kia\nV2,2026-10-05,C1,Kia\n",
    );
    put(
        &data,
        "order_lines.csv",
        "visit_id,service_code,description,amount,declined\n\
         V1,OIL,Engine oil change,1800,false\nV2,OIL,Engine oil change,1800,false\n",
    );
    put(
        &data,
        "clients.csv",
        "client_id,name,phone,consent\nC1,Anna,+79161234567,true\n",
    );
    put(
        &data,
        "price_list.csv",
        "service_code,description,price,interval_months\nOIL,Engine oil change,1800,12\n",
    );
    put(
        &data,
        "competitor_prices.csv",
        "competitor,service_code,price,observed_at\nA,OIL,2000,2026-10-01\n",
    );
    put(&data, "stoa.toml", toml);
    data
}

/// The Definitions sheet's texts (its second column below the header) and the page, of a
/// report of October 2026 in `lang`.
fn definitions(data: &Path, out: &Path, lang: Lang) -> (Vec<String>, String) {
    let code = if lang == Lang::En { "en" } else { "ru" };
    stoa()
        .args([
            "report", "--month", "2026-10", "-q", "--lang", code, "--data",
        ])
        .arg(data)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
    let dir = out.join("2026-10");
    let mut wb: Xlsx<_> = open_workbook(dir.join("report.xlsx")).unwrap();
    let sheet = wb
        .worksheet_range(&stoa::render::i18n::sheet(lang, "definitions"))
        .unwrap();
    let texts = sheet.rows().skip(2).map(|r| r[1].to_string()).collect();
    let page = std::fs::read_to_string(dir.join("report.html")).unwrap();
    (texts, page)
}

/// The one text of `texts` that begins with `start`.
fn text<'t>(texts: &'t [String], start: &str) -> &'t str {
    let found: Vec<&String> = texts.iter().filter(|t| t.starts_with(start)).collect();
    assert_eq!(found.len(), 1, "{start}: {texts:#?}");
    found[0]
}

const CHANGED: &str = "[loyalty]\nwindow_days = 200\nmin_visits = 2\n\
    [reminders]\nhorizon_days = 60\ndefault_km_per_day = 100\nmax_overdue_days = 100\n\
    winback_min_gap_days = 150\n\
    [competitors]\nmax_age_days = 30\n\
    [capacity]\nbays = 3\nhours_per_day = 9.5\ndays_per_week = 5\n";

#[test]
fn regression_the_definitions_state_the_settings_of_stoa_toml() {
    // The tester's stoa.toml changed the loyalty window and threshold, the reminders'
    // horizon, overdue limit and win-back gap and the competitors' age; the Definitions
    // said "at least 4 visits (or loyalty.min_visits of stoa.toml) in the 365 days",
    // "from 365 days before as-of to 30 days after", "180 days", and not the window.
    let tmp = tempfile::tempdir().unwrap();
    let data = data(tmp.path(), CHANGED);
    let (en, page) = definitions(&data, &tmp.path().join("en"), Lang::En);
    let loyalty = text(&en, "Regular:");
    assert!(
        loyalty.starts_with("Regular: at least 2 visits in the 200 days up to as-of;"),
        "{loyalty}"
    );
    assert!(loyalty.contains("Set in stoa.toml: loyalty.min_visits, loyalty.window_days."));
    let due = text(&en, "Due date of a service:");
    assert!(
        due.contains("else 100 km a day); listed when due in (as-of − 100 days, as-of + 60 days]."),
        "{due}"
    );
    let winback = text(&en, "Win-back:");
    assert!(
        winback.starts_with("Win-back: no visit for more than the larger of 150 days and 2 ×"),
        "{winback}"
    );
    let median = text(&en, "Median of the competitors' fresh prices");
    assert!(
        median.contains("(observed at most 30 days before as-of;"),
        "{median}"
    );
    let load = text(&en, "Bay load:");
    assert!(
        load.contains(
            "(bays (3) × hours per day (9.5) × its working days); the working days are Monday \
             to Friday (5 a week)"
        ),
        "{load}"
    );
    // No definition quotes a default it was not made with, or hedges.
    for t in &en {
        for said in [
            "or loyalty.min_visits",
            "or reminders.",
            "180 days",
            "365 days up to",
        ] {
            assert!(!t.contains(said), "{said}: {t}");
        }
    }
    // The page says the same.
    for said in [
        "Regular: at least 2 visits in the 200 days up to as-of;",
        "listed when due in (as-of − 100 days, as-of + 60 days].",
        "Win-back: no visit for more than the larger of 150 days and 2 ×",
        "observed at most 30 days before as-of;",
    ] {
        assert!(page.contains(said), "{said}");
    }

    let (ru, page) = definitions(&data, &tmp.path().join("ru"), Lang::Ru);
    let loyalty = text(&ru, "Постоянный:");
    assert!(
        loyalty.starts_with("Постоянный: 2 визита и больше за 200 дней до даты отчёта;"),
        "{loyalty}"
    );
    let due = text(&ru, "Срок услуги:");
    assert!(
        due.contains(
            "иначе 100 км в день); в списке — услуги со сроком в (дата отчёта − 100 дней, \
             дата отчёта + 60 дней]."
        ),
        "{due}"
    );
    let winback = text(&ru, "Возврат:");
    assert!(
        winback.starts_with("Возврат: с последнего визита прошло больше порога — 150 дней или"),
        "{winback}"
    );
    let median = text(&ru, "Медиана свежих цен конкурентов");
    assert!(
        median.contains("(наблюдение в [дата отчёта − 30 дней, дата отчёта];"),
        "{median}"
    );
    let load = text(&ru, "Загрузка постов:");
    assert!(
        load.contains("рабочие дни — с понедельника по пятницу (5 в неделю)"),
        "{load}"
    );
    for t in &ru {
        for said in [
            "числа из настроек",
            "сроки из настроек",
            "180 дней",
            "365 дней до",
        ] {
            assert!(!t.contains(said), "{said}: {t}");
        }
    }
    assert!(page.contains("Постоянный: 2 визита и больше за 200 дней до даты отчёта;"));
}

#[test]
fn the_definitions_of_a_report_without_stoa_toml_state_the_defaults() {
    let tmp = tempfile::tempdir().unwrap();
    let data = data(tmp.path(), "");
    let (en, _) = definitions(&data, &tmp.path().join("en"), Lang::En);
    assert!(text(&en, "Regular:")
        .starts_with("Regular: at least 4 visits in the 365 days up to as-of;"));
    assert!(text(&en, "Due date of a service:")
        .contains("else 40 km a day); listed when due in (as-of − 365 days, as-of + 30 days]."));
    assert!(text(&en, "Win-back:")
        .starts_with("Win-back: no visit for more than the larger of 180 days and 2 ×"));
    assert!(text(&en, "Median of the competitors' fresh prices")
        .contains("(observed at most 180 days before as-of;"));
}
