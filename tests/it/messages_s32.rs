//! End to end on session 32's messages that said the wrong thing with the right figures:
//! scaled money said in roubles at a dollar station, columns named by stoa's own names,
//! missing columns said in the singular, a rejects path under a file said to be a missing
//! folder, and the day-first date of a rejected row quoted. Each in English and Russian.

use std::path::Path;

use crate::common;
use common::{one_visit_with_lines, put, stoa};

/// `stoa check --lang LANG --data DATA ARGS`: its exit code and all it printed.
fn check(lang: &str, data: &Path, args: &[&str]) -> (i32, String) {
    let out = stoa()
        .args(["check", "--lang", lang, "--data"])
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), said)
}

#[test]
fn regression_money_in_thousands_at_a_dollar_station_is_said_in_dollars() {
    // `Сумма, тыс.` at a station keeping its books in dollars was "turned into roubles
    // (1,5 as 1 500,00 ₽)", though the figures were read as dollars.
    let dir = tempfile::tempdir().unwrap();
    let data = one_visit_with_lines(
        dir.path(),
        "Номер заказ-наряда;Наименование;Сумма, тыс.\nV1;Работа;1,5\n",
    );
    put(&data, "stoa.toml", "currency = \"USD\"\n");
    let (code, said) = check("en", &data, &[]);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("gives its money in thousands of USD, as its header says: its figures were read so and turned into USD (1,5 as 1 500,00 $); if they are USD after all, correct the header"),
        "{said}"
    );
    assert!(!said.contains("roubles") && !said.contains('₽'), "{said}");
    let (_, said) = check("ru", &data, &[]);
    assert!(
        said.contains("даёт суммы в тысячах USD, как сказано в его заголовке: они так и прочитаны и переведены в USD (1,5 — это 1 500,00 $); если в нём всё же USD, исправьте"),
        "{said}"
    );
    assert!(!said.contains("рубл"), "{said}");
    // A rouble station's warning reads as before.
    put(&data, "stoa.toml", "");
    let (_, said) = check("ru", &data, &[]);
    assert!(
        said.contains("даёт суммы в тысячах рублей, как сказано в его заголовке: они так и прочитаны и переведены в рубли (1,5 — это 1 500,00 ₽); если в нём всё же рубли,"),
        "{said}"
    );
}

#[test]
fn regression_columns_are_named_as_exports_name_them_with_their_stoa_toml_key() {
    // `all name odometer_km` and `is read as `status``: stoa's own names, which no export
    // writes; the key stays, as the key.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    put(
        data,
        "visits.csv",
        "Номер;Дата;Клиент;Марка;Пробег;Пробег, км;Статус документа\n\
         V1;31.10.2026;C1;Kia;1000;1000;Выполнен\n",
    );
    put(data, "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    put(
        data,
        "order_lines.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV1;Работа;1500\n",
    );
    let (code, said) = check("en", data, &[]);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("all name «Пробег» (`odometer_km` in stoa.toml); «Пробег, км» is read"),
        "{said}"
    );
    assert!(
        said.contains("is read as «Статус» (`status` in stoa.toml) by the first words"),
        "{said}"
    );
    let (_, said) = check("ru", data, &[]);
    assert!(
        said.contains("все означают «Пробег» (`odometer_km` в stoa.toml); читается «Пробег, км»"),
        "{said}"
    );
    assert!(
        said.contains("читается как «Статус» (`status` в stoa.toml) по первым словам"),
        "{said}"
    );
    // An English export's column is named by its English header in English.
    put(
        data,
        "visits.csv",
        "Visit No,Date,Client,Make,Status of the order\nV1,31.10.2026,C1,Kia,done\n",
    );
    let (_, said) = check("en", data, &[]);
    assert!(
        said.contains("is read as «Status» (`status` in stoa.toml) by the first words"),
        "{said}"
    );
}

#[test]
fn regression_several_missing_columns_are_said_in_the_plural() {
    // «нет столбца «Код клиента», «Марка» (обязателен)»: one column of two names.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    put(data, "visits.csv", "Номер;Дата\nV1;31.10.2026\n");
    put(data, "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    put(
        data,
        "order_lines.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV1;Работа;1500\n",
    );
    let (code, said) = check("ru", data, &[]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("нет столбцов «Код клиента», «Марка» (обязательны в таблице `visits`); подойдут заголовки «Код клиента»,"),
        "{said}"
    );
    assert!(
        said.contains("Переименуйте заголовки или добавьте синонимы в [columns.visits]"),
        "{said}"
    );
    let (code, said) = check("en", data, &[]);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("has no columns «Client», «Make» (required in `visits`; in a Russian export «Код клиента», «Марка»); headers such as «Код клиента»,"),
        "{said}"
    );
    assert!(
        said.contains("are read as them, and the columns found are"),
        "{said}"
    );
    // One column is still one.
    put(data, "visits.csv", "Номер;Дата;Клиент\nV1;31.10.2026;C1\n");
    let (_, said) = check("ru", data, &[]);
    assert!(
        said.contains(
            "нет столбца «Марка» (обязателен в таблице `visits`); подойдёт заголовок «Марка»"
        ),
        "{said}"
    );
}

#[test]
fn regression_a_rejects_file_under_a_file_is_said_to_be_under_a_file() {
    // `--rejects notes.txt/r.csv` said the folder notes.txt does not exist, while it was
    // there, as a file.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    put(
        &data,
        "visits.csv",
        "Номер;Дата;Клиент;Марка\nV1;31.10.2026;C1;Kia\n",
    );
    put(&data, "clients.csv", "Код клиента;ФИО\nC1;Иванов\n");
    put(
        &data,
        "order_lines.csv",
        "Номер заказ-наряда;Наименование;Сумма\nV1;Работа;1500\n",
    );
    let file = dir.path().join("notes.txt");
    put(dir.path(), "notes.txt", "keep me\n");
    for rejects in [file.join("r.csv"), file.join("sub").join("r.csv")] {
        let arg = rejects.to_str().unwrap();
        let (code, said) = check("en", &data, &["--rejects", arg]);
        assert_eq!(code, 2, "{said}");
        assert_eq!(
            said,
            format!(
                "error: {} is a file, not a folder, so the rejects file {} cannot be made inside it: choose another path with --rejects, such as {}\n",
                file.display(),
                rejects.display(),
                dir.path().join("r.csv").display()
            )
        );
        let (code, said) = check("ru", &data, &["--rejects", arg]);
        assert_eq!(code, 2, "{said}");
        assert!(
            said.starts_with(&format!(
                "ошибка: {} — это файл, а не папка, поэтому файл отклонённых строк {} в нём не создать: укажите в --rejects другой путь, например {}",
                file.display(),
                rejects.display(),
                dir.path().join("r.csv").display()
            )),
            "{said}"
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me\n");
}

/// A folder of visits written month first (`9/13/2026`) and competitor prices `prices`
/// (under `competitor,service_code,price,observed_at`).
fn month_first_visits_and(dir: &Path, prices: &str) {
    let (mut visits, mut clients, mut lines) = (
        String::from("visit_id,Date,Client,Make\n"),
        String::from("client_id,name\n"),
        String::from("visit_id,service_code,description,amount\n"),
    );
    for d in 1..=20 {
        visits.push_str(&format!("V{d},9/{d}/2026 9:00 AM,C{d},Kia\n"));
        clients.push_str(&format!("C{d},N{d}\n"));
        lines.push_str(&format!("V{d},W1,Wash,\"1,000.00\"\n"));
    }
    put(dir, "visits.csv", &visits);
    put(dir, "clients.csv", &clients);
    put(dir, "order_lines.csv", &lines);
    put(
        dir,
        "price_list.csv",
        "service_code,description,price\nW1,Wash,\"1,000.00\"\n",
    );
    put(
        dir,
        "competitor_prices.csv",
        &format!("competitor,service_code,price,observed_at\n{prices}"),
    );
}

#[test]
fn regression_the_day_first_date_of_a_conflict_is_an_accepted_rows() {
    // The competitor prices show day first by `16/09/2026`, on a row rejected for its
    // negative price: the warning quoted it, and the user looked for a row not read.
    let dir = tempfile::tempdir().unwrap();
    month_first_visits_and(
        dir.path(),
        "Alpha,W1,-5,16/09/2026\nBeta,W1,\"1,100.00\",03/09/2026\nGamma,W1,\"1,000.00\",17/09/2026\n",
    );
    let (code, said) = check("en", dir.path(), &[]);
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("competitor_prices.csv day first (the column «observed_at» has «17/09/2026», which can be read no other way)"),
        "{said}"
    );
    assert!(!said.contains("«16/09/2026»"), "{said}");
    // Only the rejected row shows it: said so, and nothing quoted.
    month_first_visits_and(
        dir.path(),
        "Alpha,W1,-5,16/09/2026\nBeta,W1,\"1,100.00\",03/09/2026\n",
    );
    let (_, said) = check("en", dir.path(), &[]);
    assert!(
        said.contains("competitor_prices.csv day first (the column «observed_at» has such dates only on rows rejected for another reason)"),
        "{said}"
    );
    assert!(!said.contains("«16/09/2026»"), "{said}");
    let (_, said) = check("ru", dir.path(), &[]);
    assert!(
        said.contains("competitor_prices.csv — днём вперёд (в столбце «observed_at» такие даты только в строках, отклонённых по другой причине)"),
        "{said}"
    );
    assert!(
        said.contains("записаны месяцем вперёд (в столбце «Date» есть «9/13/2026 9:00 AM», что иначе не прочитать)"),
        "{said}"
    );
}

#[test]
fn regression_a_report_folder_under_a_file_is_a_usage_error_naming_the_file() {
    // `--out notes.txt/2026-10` was the system's "Not a directory" after the whole ingest,
    // with advice about free space; a file named by --out itself was already exit 2.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    put(dir.path(), "notes.txt", "keep me\n");
    let out = file.join("2026-10");
    for lang in ["en", "ru"] {
        let run = stoa()
            .args(["report", "--lang", lang, "--data"])
            .arg(dir.path().join("nowhere"))
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2));
        let said = String::from_utf8(run.stderr).unwrap();
        let expected = match lang {
            "en" => format!(
                "error: the output folder {} cannot be made, as {} is a file, not a folder: name a folder with --out",
                out.display(),
                file.display()
            ),
            _ => format!(
                "ошибка: папку отчёта {} не создать: {} — это файл, а не папка; укажите в --out папку",
                out.display(),
                file.display()
            ),
        };
        assert!(said.starts_with(&expected), "{said}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me\n");
}
