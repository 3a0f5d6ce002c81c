//! `--help` in Russian for the commands that speak it: a station's manager who is
//! answered in Russian by every error of `check`, `report` and `split` got the one page
//! that explains the options in English. clap has no localisation, so the help is rendered
//! from a copy of the command line's definition whose texts and headings are replaced;
//! parsing keeps using the English definition, so both accept exactly the same options.

use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::cli::Cli;

/// What every command's `-h` / `--help` and the root's `-V` / `--version` say.
const HELP: &str = "Показать эту справку";
const VERSION: &str = "Показать версию";
const OPTIONS: &str = "Параметры";

/// The commands' one-line descriptions, as listed by `stoa --help`.
const COMMANDS: [(&str, &str); 5] = [
    ("check", "Проверить входные таблицы и показать учёт каждой строки"),
    (
        "report",
        "Построить месячный отчёт (таблицы, книгу Excel, графики, списки) в reports/ГГГГ-ММ/",
    ),
    ("generate", "Создать реалистичные синтетические данные автосервиса (справка на английском)"),
    (
        "clv",
        "Подобрать модель клиентской базы (BG/NBD + Gamma-Gamma) по журналу покупок (справка на английском)",
    ),
    (
        "split",
        "Разделить данные сети на папки по автосервисам, чтобы строить их отчёты отдельно",
    ),
];

/// Each Russian-speaking command's options: (command, option id, help). The defaults and
/// the possible values are said in the text, because clap's `[default: …]` is English.
const OPTION_HELP: [(&str, &str, &str); 22] = [
    ("check", "data", "Папка с входными таблицами (по умолчанию data)"),
    ("check", "config", "Файл настроек (по умолчанию stoa.toml в папке данных, если он есть)"),
    ("check", "json", "Вывести учёт строк (`inputs`) в JSON вместо таблицы"),
    ("check", "rejects", "Записать каждую отклонённую строку в этот CSV-файл"),
    (
        "check",
        "sizes",
        "Вывести также размер в памяти каждой принятой таблицы (оценку polars) в поток ошибок, чтобы вывод --json оставался списком `inputs`",
    ),
    (
        "check",
        "lang",
        "Язык учёта, причин и предупреждений: ru или en (важнее настроек); --json и --rejects сохраняют английские коды",
    ),
    ("report", "data", "Папка с входными таблицами (по умолчанию data)"),
    ("report", "config", "Файл настроек (по умолчанию stoa.toml в папке данных, если он есть)"),
    (
        "report",
        "month",
        "Месяц отчёта: ГГГГ-ММ или ММ.ГГГГ, месяц можно одной цифрой (по умолчанию последний полный месяц в данных)",
    ),
    (
        "report",
        "out",
        "Папка отчётов: отчёт ляжет в OUT/ГГГГ-ММ/, отчёт автосервиса — в OUT/stations/<автосервис>/ГГГГ-ММ/ (по умолчанию reports)",
    ),
    (
        "report",
        "station",
        "Отчёт по одному автосервису сети (столбец station визитов, без учёта регистра) в OUT/stations/<автосервис>/ГГГГ-ММ/",
    ),
    (
        "report",
        "by_station",
        "Отчёт по всей сети (OUT/ГГГГ-ММ/) и по каждому автосервису (OUT/stations/<автосервис>/ГГГГ-ММ/) за один запуск, с одним чтением данных",
    ),
    ("report", "lang", "Язык подписей и причин в списках: ru или en (важнее настроек)"),
    (
        "report",
        "only",
        "Построить только этот раздел (можно повторять): management, demand, prices, loyalty, service_due, greetings, winback, retention",
    ),
    ("report", "quiet", "Выводить только ошибки"),
    ("report", "verbose", "Показать время каждого этапа"),
    ("split", "data", "Папка с входными таблицами сети (по умолчанию data)"),
    (
        "split",
        "config",
        "Файл настроек (по умолчанию stoa.toml в папке данных, если он есть); копируется в папку каждого автосервиса",
    ),
    (
        "split",
        "out",
        "Папка результата: по папке на автосервис (OUT/<автосервис>/), stations.tsv и split.json (по умолчанию stations)",
    ),
    ("split", "format", "Формат таблиц автосервисов: parquet, csv или xlsx (по умолчанию parquet)"),
    (
        "split",
        "lang",
        "Язык сводки и ошибок: ru или en (важнее настроек); таблицы в папках сохраняют английские названия столбцов и значения",
    ),
    ("split", "quiet", "Выводить только ошибки"),
];

/// The help page's layout with a Russian heading for the usage (clap's own says `Usage:`).
const TEMPLATE: &str = "{about-with-newline}\nИспользование: {usage}\n\n{all-args}";

/// The usage line with the Russian word for `[OPTIONS]`.
fn usage(name: &str) -> String {
    match name {
        "" => "stoa <КОМАНДА>".to_string(),
        name => format!("stoa {name} [ПАРАМЕТРЫ]"),
    }
}

/// `-h` / `--help` with the Russian text, under the options' heading.
fn help_flag() -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(HELP)
        .help_heading(OPTIONS)
}

/// One Russian-speaking command with its texts replaced.
fn russian_command(name: &'static str, cmd: Command) -> Command {
    let about = COMMANDS.iter().find(|(n, _)| *n == name).map(|(_, a)| *a);
    let mut cmd = cmd
        .disable_help_flag(true)
        .arg(help_flag())
        .help_template(TEMPLATE)
        .override_usage(usage(name));
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    for (_, id, text) in OPTION_HELP.iter().filter(|(c, _, _)| *c == name) {
        cmd = cmd.mut_arg(*id, |a| {
            let a = a.help(*text).help_heading(OPTIONS);
            match a.get_action().takes_values() {
                true => a.hide_default_value(true).hide_possible_values(true),
                false => a,
            }
        });
    }
    cmd
}

/// The command line's definition with Russian texts: the root's list of commands and the
/// options of `check`, `report` and `split` (`generate` and `clv` speak English, and their
/// pages stay English).
///
/// ```
/// let page = stoa::commands::help::russian().render_help().to_string();
/// assert!(page.contains("Использование: stoa <КОМАНДА>"), "{page}");
/// assert!(page.contains("Построить месячный отчёт"), "{page}");
/// ```
pub fn russian() -> Command {
    let mut root = Cli::command()
        .about("stoa: клиентская аналитика для автосервисов")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .arg(help_flag())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(VERSION)
                .help_heading(OPTIONS),
        )
        .subcommand(Command::new("help").about("Показать справку команды: stoa help <КОМАНДА>"))
        .subcommand_help_heading("Команды")
        .subcommand_value_name("КОМАНДА")
        .help_template(TEMPLATE)
        .override_usage(usage(""));
    for name in ["check", "report", "split"] {
        root = root.mut_subcommand(name, |c| russian_command(name, c));
    }
    for (name, about) in COMMANDS {
        if matches!(name, "generate" | "clv") {
            root = root.mut_subcommand(name, |c| c.about(about));
        }
    }
    root
}

/// The Russian help page asked for by `args` (the raw command line): the command's own
/// for `stoa check --help`, `stoa help report` and the like, the root's otherwise; None
/// for `generate` and `clv`, whose help is English.
///
/// ```
/// let args = |a: &[&str]| a.iter().map(|s| s.into()).collect::<Vec<std::ffi::OsString>>();
/// let page = stoa::commands::help::russian_page(&args(&["stoa", "report", "--help"])).unwrap();
/// assert!(page.contains("Использование: stoa report [ПАРАМЕТРЫ]"), "{page}");
/// assert!(page.contains("Месяц отчёта"), "{page}");
/// assert!(stoa::commands::help::russian_page(&args(&["stoa", "clv", "--help"])).is_none());
/// ```
pub fn russian_page(args: &[std::ffi::OsString]) -> Option<String> {
    let words: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .filter(|a| !a.starts_with('-'))
        .collect();
    let named = match words.first().map(String::as_str) {
        Some("help") => words.get(1),
        _ => words.first(),
    };
    let mut root = russian();
    match named.map(String::as_str) {
        Some("generate" | "clv") => None,
        Some(name @ ("check" | "report" | "split")) => {
            root.build();
            let cmd = root.find_subcommand_mut(name)?;
            Some(cmd.render_help().to_string())
        }
        _ => Some(root.render_help().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_of_the_russian_commands_has_a_russian_help() {
        // An option added to check, report or split without a Russian text would show up
        // in English on the Russian page: this names it.
        let cli = Cli::command();
        for name in ["check", "report", "split"] {
            let cmd = cli.find_subcommand(name).unwrap();
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" {
                    continue;
                }
                assert!(
                    OPTION_HELP.iter().any(|(c, i, _)| *c == name && *i == id),
                    "stoa {name} --{id} has no Russian help in OPTION_HELP"
                );
            }
        }
        for (c, id, _) in OPTION_HELP {
            let cmd = cli.find_subcommand(c).unwrap();
            assert!(
                cmd.get_arguments().any(|a| a.get_id() == id),
                "OPTION_HELP names stoa {c} --{id}, which does not exist"
            );
        }
        for sub in cli.get_subcommands() {
            let name = sub.get_name();
            assert!(
                COMMANDS.iter().any(|(n, _)| *n == name),
                "stoa {name} has no Russian description in COMMANDS"
            );
        }
    }

    #[test]
    fn the_russian_page_of_report_has_no_english_left() {
        let args: Vec<std::ffi::OsString> =
            ["stoa", "report", "-h"].iter().map(|s| s.into()).collect();
        let page = russian_page(&args).unwrap();
        for english in ["Usage", "Options", "default:", "possible values", "Print"] {
            assert!(!page.contains(english), "{english:?} left in\n{page}");
        }
        assert!(page.contains("--by-station"), "{page}");
        assert!(page.contains("Показать эту справку"), "{page}");
        assert!(page.contains("(по умолчанию reports)"), "{page}");
    }

    #[test]
    fn help_of_a_command_names_that_command_and_the_root_lists_them_all() {
        let args = |a: &[&str]| {
            a.iter()
                .map(|s| s.into())
                .collect::<Vec<std::ffi::OsString>>()
        };
        let page = russian_page(&args(&["stoa", "help", "split"])).unwrap();
        assert!(page.contains("stoa split [ПАРАМЕТРЫ]"), "{page}");
        assert!(page.contains("Формат таблиц автосервисов"), "{page}");
        let root = russian_page(&args(&["stoa", "--help"])).unwrap();
        for (name, _) in COMMANDS {
            assert!(root.contains(name), "{name} missing from\n{root}");
        }
        assert!(root.contains("Команды:"), "{root}");
        assert!(!root.contains("Usage"), "{root}");
    }
}
