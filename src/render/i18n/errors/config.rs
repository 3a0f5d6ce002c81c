//! The mistakes of the settings (`stoa.toml`: its keys, values, `[files]` and
//! `[columns]`), in Russian; the TOML reader's own syntax mistakes are in `toml`.

use super::Template;

pub(super) const RUSSIAN_CONFIG: [Template; 77] = [
    // The configuration.
    (
        "the configuration file {} does not exist: correct --config, or leave it out to use stoa.toml beside the data (or the defaults)",
        "файла настроек {0} нет: исправьте --config или не указывайте его, чтобы взять stoa.toml рядом с данными (или настройки по умолчанию)",
    ),
    (
        "the configuration file {} is a folder: name the stoa.toml file itself with --config, or leave --config out to use the data folder's stoa.toml",
        "файл настроек {0} — это папка: укажите в --config сам файл stoa.toml или уберите --config, чтобы читался stoa.toml из папки с данными",
    ),
    (
        "cannot read the configuration file {}: {}",
        "не удалось прочитать файл настроек {0}: {1}",
    ),
    (
        "the configuration file {} is not valid at {}; correct it (the README's Configuration section lists the keys)",
        "в файле настроек {0} ошибка ({1}); исправьте её (ключи перечислены в разделе Configuration файла README)",
    ),
    ("line {}, column {}: {}", "строка {0}, столбец {1}: {2}"),
    // What the TOML reader says of a key or a value (after `plain_types`).
    (" (did you mean `{}`?)", " (может быть, `{0}`?)"),
    (
        "unknown key `{}`{}; the keys here are {}",
        "неизвестный ключ `{0}`{1}; здесь допустимы ключи {2}",
    ),
    (
        "unknown variant `{}`, expected one of {}",
        "недопустимое значение `{0}`; допустимы {1}",
    ),
    (
        "unknown variant `{}`, expected {}",
        "недопустимое значение `{0}`; допустимо {1}",
    ),
    (
        "invalid value: {}, expected a whole number, 0 or more",
        "неверное значение ({0}): нужно целое число, 0 или больше",
    ),
    (
        "invalid type: {}, expected a whole number, 0 or more",
        "неверное значение ({0}): нужно целое число, 0 или больше",
    ),
    (
        "invalid type: {}, expected a holiday written { day = 4, month = 11, name = \"День народного единства\" }",
        "неверное значение ({0}): праздник записывается так: { day = 4, month = 11, name = \"День народного единства\" }",
    ),
    (
        "invalid type: {}, expected a whole number",
        "неверное значение ({0}): нужно целое число",
    ),
    (
        "invalid type: {}, expected a number",
        "неверное значение ({0}): нужно число",
    ),
    (
        "invalid type: {}, expected a list in brackets, such as [\"a\", \"b\"]",
        "неверное значение ({0}): нужен список в квадратных скобках, например [\"a\", \"b\"]",
    ),
    (
        "invalid type: {}, expected a string",
        "неверное значение ({0}): нужен текст в кавычках",
    ),
    (
        "invalid type: {}, expected a boolean",
        "неверное значение ({0}): нужно true или false",
    ),
    (
        "invalid type: {}, expected a section of keys, written as [name] on a line of its own with its keys under it",
        "неверное значение ({0}): нужен раздел, записанный как [название] на отдельной строке, с ключами под ним",
    ),
    (
        "expected the column's header name in quotes, a list of names in brackets, or false",
        "нужно название заголовка столбца в кавычках, список названий в квадратных скобках или false",
    ),
    (
        "invalid type: {}, expected {}",
        "неверное значение ({0}): нужно {1}",
    ),
    ("duplicate key", "ключ указан дважды"),
    // Session 35: the key a value's mistake is of, a key left out that has no default, and
    // serde's words for a list or a table where another value was expected.
    ("the key `{}`: {}", "ключ `{0}`: {1}"),
    (
        "the key `{}` of `{}` is left out, and it has no default: add it",
        "в `{1}` не указан ключ `{0}`, а значения по умолчанию у него нет: добавьте его",
    ),
    (
        "the key `{}` is left out, and it has no default: add it",
        "не указан ключ `{0}`, а значения по умолчанию у него нет: добавьте его",
    ),
    ("a list", "список"),
    ("a table", "таблица"),
    ("no value", "нет значения"),
    ("a value without quotes", "значение без кавычек"),
    // serde's words for the value found and the choices (arguments of the above).
    ("string {}", "текст {0}"),
    ("integer `{}`", "целое число {0}"),
    ("floating point `{}`", "дробное число {0}"),
    ("boolean `{}`", "{0}"),
    ("`{}` or `{}`", "`{0}` или `{1}`"),
    // Values that read but make no sense, each said with its file, line and column.
    (
        "in the configuration file {}, line {}, column {}: {}",
        "в файле настроек {0}, строка {1}, столбец {2}: {3}",
    ),
    (
        "[{}] names the table `{}`, but there is no table of that name{}: use one of {}",
        "в [{0}] названа таблица `{1}`, но такой таблицы нет{2}: используйте одну из таблиц {3}",
    ),
    (
        "[{}] names the column `{}`, but there is no column of that name{}: use one of {}",
        "в [{0}] назван столбец `{1}`, но такого столбца нет{2}: используйте один из столбцов {3}",
    ),
    (
        "[{}] names the vocabulary `{}`, but there is no vocabulary of that name{}: use one of {}",
        "есть раздел [{0}], но словаря значений `{1}` нет{2}: используйте один из словарей {3}",
    ),
    (
        "the column `{}` of `{}` is left out (`{} = false` in [columns.{}]), but that column is required: remove the line, or give the column's header names instead",
        "столбец `{0}` таблицы `{1}` не читается (`{0} = false` в [columns.{1}]), но этот столбец обязателен: удалите строку или укажите вместо неё названия его заголовка",
    ),
    (
        "the key `{}` has the value {}, but {}",
        "у ключа `{0}` значение {1}, а {2}",
    ),
    ("it must be one of {}", "допустимы только {0}"),
    (
        "it must name the station or the chain: it is the report's title",
        "нужно название станции или сети: это заголовок отчёта",
    ),
    (
        "every brand in the list must be named: remove the empty one",
        "у каждой марки списка должно быть название: удалите пустую",
    ),
    (
        "every holiday must be named: the greetings list says its name",
        "у каждого праздника должно быть название: список поздравлений называет его",
    ),
    (
        "it must be the code of the currency the books are kept in, one of {}",
        "нужен код валюты, в которой ведётся учёт, один из {0}",
    ),
    ("it must be {}", "нужно {0}"),
    ("it is out of range", "такое значение недопустимо"),
    // The values each numeric key takes (`RANGES` of src/config/validate.rs), said by the
    // check of its value and by the reader of a value of another type alike.
    (
        "a whole number of visits, 1 or more",
        "целое число визитов, 1 или больше",
    ),
    (
        "a whole number of days from 1 to 36500",
        "целое число дней от 1 до 36500",
    ),
    (
        "a number of percentage points from 0 to 100",
        "число процентных пунктов от 0 до 100",
    ),
    (
        "a whole number of days from 0 to 36500",
        "целое число дней от 0 до 36500",
    ),
    ("a number of km above 0", "число километров больше 0"),
    (
        "a whole number of bays, 1 or more",
        "целое число постов, 1 или больше",
    ),
    (
        "a number of hours above 0, at most 24",
        "число часов больше 0 и не больше 24",
    ),
    (
        "a whole number of days from 1 to 7",
        "целое число дней от 1 до 7",
    ),
    ("a day of the month from 1 to 31", "число месяца от 1 до 31"),
    ("a month from 1 to 12", "номер месяца от 1 до 12"),
    (
        "invalid value: {}, expected {}",
        "неверное значение ({0}): нужно {1}",
    ),
    (
        "invalid type: a value without quotes, expected a text in quotes, such as \"2026-01-01\"",
        "неверное значение (значение без кавычек): нужен текст в кавычках, например \"2026-01-01\"",
    ),
    (
        "it must start at 0 and increase, e.g. [0, 5000, 20000]",
        "границы должны начинаться с 0 и возрастать, например [0, 5000, 20000]",
    ),
    (
        "it must have one percent per band ({} bands in loyalty.bands)",
        "нужен один процент на каждую границу (в loyalty.bands их {0})",
    ),
    (
        "every percent must be between 0 and 100",
        "каждый процент должен быть от 0 до 100",
    ),
    (
        "day and month must form a real date",
        "день и месяц должны составлять существующую дату",
    ),
    (
        "there are settings for the station {} and for {} under [stations], which are one station (names match trimmed, with white space inside as one space, in any case): keep one of [stations.{}] and [stations.{}], with the settings of both",
        "в разделе [stations] есть настройки станции {0} и станции {1}, а это одна станция (названия сравниваются без пробелов по краям, с любыми пробелами внутри как одним и без учёта регистра): оставьте один из разделов [stations.{0}] и [stations.{1}], перенеся в него настройки обоих",
    ),
    (
        "`{} = \"{}\"` under [files] names {}, which does not exist: there is no {} in the folder {}; correct the name, relative to the data folder{}, or remove the line for stoa to find the table by its file's name",
        "`{0} = \"{1}\"` в разделе [files] указывает на {2}, а такого пути нет: в папке {4} нет {3}; исправьте название, считая путь от папки с данными{5}, или удалите строку, и stoa найдёт таблицу по названию её файла",
    ),
    (
        "`{} = \"{}\"` under [files] names {}, a link to {}, which does not exist: restore the file it points to, or name the file itself",
        "`{0} = \"{1}\"` в разделе [files] указывает на {2}, символическую ссылку на {3}, а такого файла нет: восстановите файл, на который она указывает, или укажите сам файл",
    ),
    (
        "[files] names the sheet «{}» of {} for `{}`, but the workbook has no such sheet; its sheets are {}: correct the name after the #",
        "в разделе [files] для таблицы `{2}` указан лист «{0}» книги {1}, но такого листа в ней нет; её листы: {3}; исправьте название после #",
    ),
    (
        "the data folder {} is a link to {}, which does not exist: restore the folder it points to, or pass the folder of the exports itself with --data",
        "папка с данными {0} — символическая ссылка на {1}, а такой папки нет: восстановите папку, на которую она указывает, или укажите в --data саму папку с выгрузками",
    ),
    (
        "the configuration file {} is a link to {}, which does not exist: restore the file it points to, or replace the link with the file itself",
        "файл настроек {0} — символическая ссылка на {1}, а такого файла нет: восстановите файл, на который она указывает, или положите вместо ссылки сам файл",
    ),
    (
        "the required table `{}` was not found in {}: {} is a link to {}, which does not exist; restore the file it points to, or put the table's file itself in place of the link",
        "в {1} не найдена обязательная таблица `{0}`: {2} — символическая ссылка на {3}, а такого файла нет; восстановите файл, на который она указывает, или положите вместо ссылки сам файл таблицы",
    ),
    (
        "every closed date must be a real date written YYYY-MM-DD, such as \"2026-01-01\"",
        "каждая дата закрытия должна быть существующей датой в виде ГГГГ-ММ-ДД, например \"2026-01-01\"",
    ),
    // Session 30: the `[files]` mistakes ingest says in the settings' file.
    (
        "`{} = \"{}\"` under [files] names the folder {} with a sheet, but a folder has no sheets: name a workbook with `#sheet`, or the folder alone to read all its files",
        "`{0} = \"{1}\"` в разделе [files] указывает на папку {2} с листом, а у папки нет листов: укажите книгу Excel с `#лист` или одну папку, чтобы читать все её файлы",
    ),
    (
        "the path of `{}` is empty, which names the data folder itself: name the table's file or folder, relative to the data folder, or remove the line for stoa to find the table by its file's name",
        "путь в `{0}` пуст, то есть указывает на саму папку с данными: укажите файл или папку таблицы, считая путь от папки с данными, или удалите строку, и stoa найдёт таблицу по названию её файла",
    ),
    // Session 35: a sheet after a CSV or Parquet file.
    (
        "`{} = \"{}\"` under [files] names {} with the sheet «{}», but {} has no sheets: remove `#{}` from the entry to read the file whole, or name a workbook (.xlsx, .xls, .ods) with `#sheet`",
        "`{0} = \"{1}\"` в разделе [files] указывает на {2} с листом «{3}», но {4} не делится на листы: уберите `#{5}` из строки, чтобы читать файл целиком, или укажите книгу Excel (.xlsx, .xls, .ods) с `#лист`",
    ),
    ("a CSV file", "файл CSV"),
    ("a Parquet file", "файл Parquet"),
    // Session 30: a Windows path in double quotes in stoa.toml.
    (
        "the path {} of `{}` is in double quotes, where a backslash begins an escape: `{}` in it is read as one special character, not as a backslash before a name, so the path names no file; write it in single quotes ({}) or with forward slashes ({})",
        "путь {0} в `{1}` записан в двойных кавычках, а в них обратная косая черта начинает особую последовательность: `{2}` читается как один особый символ, а не как черта перед именем, и путь не указывает ни на какой файл; запишите его в одинарных кавычках ({3}) или с прямыми косыми чертами ({4})",
    ),
    (
        "the path {} of `{}` holds a control character (a line break, a tab or the like), which no file name has: write the path on one line, in single quotes ('C:\\exports\\visits.xlsx') or with forward slashes (\"C:/exports/visits.xlsx\")",
        "в пути {0} в `{1}` есть управляющий символ (перевод строки, табуляция и т. п.), а в именах файлов их не бывает: запишите путь в одну строку, в одинарных кавычках ('C:\\exports\\visits.xlsx') или с прямыми косыми чертами (\"C:/exports/visits.xlsx\")",
    ),
];
