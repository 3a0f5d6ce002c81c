//! The errors a station manager meets in `stoa check` and `stoa report` (a missing folder,
//! table or column, an unreadable file, a wrong `--month`, `--only`, `--station` or
//! `--config`, an output folder that cannot be written), in Russian. Each English message
//! is read back by its template, as the warnings are, so an error keeps one wording in the
//! code; a test builds every such error and fails if its template no longer matches.

use crate::cli::Lang;
use crate::ingest::read::parquet;
use crate::ingest::reasons as r;

/// An English message with `{}` for each value, and its Russian with `{N}` for the N-th
/// value (so that a value can be repeated, left out or moved).
type Template = (&'static str, &'static str);

const RUSSIAN_ERRORS: [Template; 159] = [
    // Why the customer-base model could not be used (the win-back ranking's note), with
    // the report's words: its "end date" is the report's as-of date.
    (
        "only {} customers have a purchase on or before the end date; the customer-base model needs at least {}. Use a longer history or a later end date.",
        "только у {0} клиентов есть визиты по дату отчёта, а модели клиентской базы нужно не меньше {1}; нужна более длинная история визитов",
    ),
    (
        "none of the {} customers made a repeat purchase before the end date, so BG/NBD cannot estimate how customers leave. Use a longer history or a later end date.",
        "никто из {0} клиентов не приходил повторно до даты отчёта, поэтому модель BG/NBD не может оценить, как клиенты уходят; нужна более длинная история визитов",
    ),
    (
        "only {} repeat customers have a positive mean repeat spend ({} more were left out for a zero or negative one); Gamma-Gamma needs at least {}. Check the amount column or use a longer history.",
        "только у {0} повторных клиентов средний чек повторных визитов больше нуля (ещё {1} не учтены из-за нулевого или отрицательного), а модели Gamma-Gamma нужно не меньше {2}; проверьте столбец суммы или возьмите более длинную историю",
    ),
    (
        "the {} fit did not converge; the data may be too few or too irregular for the model. Use more customers or a longer history.",
        "модель {0} не удалось подобрать: данных слишком мало или они слишком неоднородны; нужно больше клиентов или более длинная история",
    ),
    (
        "the {} fit did not converge: parameter {} ran off to {}, so the data cannot identify the model (typically too few repeat purchases). Use more customers or a longer history.",
        "модель {0} не удалось подобрать: параметр {1} ушёл к {2}, то есть данные не определяют модель (обычно слишком мало повторных визитов); нужно больше клиентов или более длинная история",
    ),
    (
        "the {} fit is unusable: {}.",
        "подобранная модель {0} непригодна: {1}",
    ),
    (
        "q = {} is not above 1, so the population mean spend p·γ/(q−1) does not exist (a few customers with extreme spends dominate)",
        "q = {0} не больше 1, поэтому средний чек по клиентской базе p·γ/(q−1) не существует (преобладают несколько клиентов с крайними суммами)",
    ),
    (
        "{} is not a finite number; the fitted parameters are too extreme for this data. Use more customers or a longer history.",
        "{0} — не конечное число: подобранные параметры слишком крайние для этих данных; нужно больше клиентов или более длинная история",
    ),
    ("the BG/NBD log-likelihood", "логарифм правдоподобия BG/NBD"),
    ("the Gamma-Gamma log-likelihood", "логарифм правдоподобия Gamma-Gamma"),
    // Finding and reading the data.
    (
        "the visit numbers repeat across stations: {} number(s) are each on visits of more than one station (e.g. {}, at {}), and the order lines in {} do not say their station, so their visits cannot be told apart; export the order lines with the station's column («Филиал»), or make the numbers unique across the stations (e.g. a prefix for each station), or report each station from a data folder of its own exports (stoa split reads the chain as one and cannot part them either)",
        "номера визитов повторяются на разных станциях: номеров, которые есть у визитов нескольких станций, — {0} (например, {1} у станций {2}), а в строках работ {3} станция не указана, поэтому не понять, к визиту какой станции относится строка; выгрузите строки работ со столбцом станции («Филиал»), или сделайте номера разными на разных станциях (например, с префиксом станции), или делайте отчёт каждой станции из отдельной папки с её выгрузками (stoa split тоже не поможет: он читает сеть целиком)",
    ),
    (
        "the data folder {} does not exist: pass the folder of the exports with --data (the default is ./data)",
        "папки с данными {0} нет: укажите папку с выгрузками в --data (по умолчанию ./data)",
    ),
    (
        "{} is a file, not the data folder: pass the folder that holds the exports with --data (the default is ./data)",
        "{0} — это файл, а не папка с данными: укажите в --data папку с выгрузками (по умолчанию ./data)",
    ),
    (
        "the output folder {} is a file: name a folder with --out (it is made if missing)",
        "папка отчёта {0} — это файл: укажите в --out папку (если её нет, она будет создана)",
    ),
    (
        "cannot read the data folder {}: {}",
        "не удалось прочитать папку с данными {0}: {1}",
    ),
    (
        "the required table `{}` was not found in {}: add a file named {}.xlsx, {}.csv or {}.parquet (or a sheet named `{}` / `{}` in a workbook, or a folder `{}` of such files, an export a month), or name the file in stoa.toml under [files]",
        "в {1} не найдена обязательная таблица `{0}` ({6}): добавьте файл {0}.xlsx, {0}.csv или {0}.parquet (или лист `{0}` / `{6}` в книге Excel, или папку `{0}` с такими файлами, по выгрузке за месяц) либо укажите файл в stoa.toml в разделе [files]",
    ),
    (
        "the required table `{}` is in {}, a file of a kind stoa does not read{}: save it as .xlsx or .csv (in Excel: File → Save As; in Numbers: File → Export To → Excel) and run again",
        "обязательная таблица `{0}` лежит в {1}, а файлы такого вида stoa не читает{2}: сохраните её как .xlsx или .csv (в Excel: Файл → Сохранить как; в Numbers: Файл → Экспортировать → Excel) и запустите снова",
    ),
    (" (an Apple Numbers file)", " (это файл Apple Numbers)"),
    (" (a PDF, which holds no table to read)", " (это PDF, в нём нет таблицы для чтения)"),
    (" (a Word document)", " (это документ Word)"),
    (
        "the table `{}` was found twice, in {} and in {}: keep one of them",
        "таблица `{0}` найдена дважды: в {1} и в {2}; оставьте одну из них",
    ),
    ("cannot read {}: {}", "не удалось прочитать {0}: {1}"),
    (
        "cannot open {}: {}; check that the file is there and that you may read it, and close it in any program that holds it (Excel locks a file it has open), then run again",
        "не удалось открыть {0}: {1}; проверьте, что файл на месте и у вас есть право его читать, и закройте его в программе, которая его держит (Excel не даёт читать открытый в нём файл), затем запустите снова",
    ),
    ("access is denied", "доступ запрещён"),
    ("the file is no longer there", "файла больше нет"),
    ("another program has it open", "файл открыт в другой программе"),
    (
        "the folder holds no file stoa reads (.xlsx, .xls, .ods, .csv or .parquet): put the table's exports in it, or remove the folder",
        "в папке нет файлов, которые читает stoa (.xlsx, .xls, .ods, .csv или .parquet): положите в неё выгрузки таблицы или удалите папку",
    ),
    (
        "the folder cannot be read ({})",
        "папку не удалось прочитать ({0})",
    ),
    (
        "the file is empty (0 bytes): export the table again, or remove the file if the table has no rows and is optional",
        "файл пуст (0 байт): выгрузите таблицу заново или удалите файл, если таблица необязательна и в ней нет строк",
    ),
    (
        "not a readable workbook ({}); the file may be damaged or cut short: export the table again (or open it in Excel and save it again)",
        "это не читаемая книга Excel ({0}); возможно, файл повреждён или обрезан: выгрузите таблицу заново (или откройте её в Excel и сохраните снова)",
    ),
    (
        "not a readable XML Spreadsheet 2003 file ({}); the file may be damaged or cut short: export the table again (or open it in Excel and save it again)",
        "это не читаемый файл XML Spreadsheet 2003 ({0}); возможно, файл повреждён или обрезан: выгрузите таблицу заново (или откройте его в Excel и сохраните снова)",
    ),
    (
        "the workbook is protected with a password, which stoa cannot open: open it in Excel, clear the password (File → Info → Protect Workbook → Encrypt with Password) and save it, then run again",
        "книга защищена паролем, и stoa не может её открыть: откройте её в Excel, снимите пароль (Файл → Сведения → Защитить книгу → Зашифровать с использованием пароля) и сохраните, затем запустите снова",
    ),
    (
        "not a readable Parquet file ({}); the file may be damaged or cut short: export the table again (or open it in Excel and save it again)",
        "это не читаемый файл Parquet ({0}); возможно, файл повреждён или обрезан: выгрузите таблицу заново",
    ),
    (
        "the file type is not supported: use .xlsx, .xls, .ods, .csv or .parquet",
        "этот тип файла не поддерживается: используйте .xlsx, .xls, .ods, .csv или .parquet",
    ),
    (
        "no header row was found in {}: none of the first 200 rows names a column of `{}` (such as {}); check that this is the right file or add synonyms under [columns.{}] in stoa.toml",
        "в {0} не найдена строка заголовка: ни одна из первых 200 строк не называет столбец таблицы `{1}` (например, {2}); проверьте, тот ли это файл, или добавьте синонимы в [columns.{3}] в stoa.toml",
    ),
    (
        "{} looks like a sheet of `{}` (its header names {}) but has no column {} (required; in a Russian export {}), so its rows cannot be read; a header such as {} is read as it, and the columns found are: {}. Rename the header or add a synonym under [columns.{}] in stoa.toml ({}); if the sheet holds no rows of `{}`, name the sheet that does under [files] in stoa.toml (e.g. `{}`)",
        "{0} похож на лист таблицы `{1}` (в заголовке есть {2}), но в нём нет столбца {4} (обязателен), поэтому его строки не прочитать; подойдёт заголовок {5}, а найдены столбцы: {6}. Переименуйте заголовок или добавьте синоним в [columns.{7}] в stoa.toml ({8}); если на листе нет строк таблицы `{9}`, укажите лист, где они есть, в [files] в stoa.toml (например, `{10}`)",
    ),
    (
        "{} has no column {} (required in `{}`; in a Russian export {}); a header such as {} is read as it, and the columns found are: {}. Rename the header or add a synonym under [columns.{}] in stoa.toml ({})",
        "в {0} нет столбца {3} (обязателен в таблице `{2}`); подойдёт заголовок {4}, а найдены столбцы: {5}. Переименуйте заголовок или добавьте синоним в [columns.{6}] в stoa.toml ({7})",
    ),
    (
        "{} has one column of prices per competitor ({}) and the services down its rows; stoa reads competitor prices one observation a row: the competitor, the service's code (or its description), the price and the date it was seen, as columns `Конкурент;Код работы;Цена;Дата наблюдения` (or competitor, service_code, price, observed_at). Turn the table into such rows, one per service and competitor with the date of the prices, and run again",
        "в {0} цены разложены по столбцу на конкурента ({1}), а услуги идут по строкам; stoa читает цены конкурентов по одному наблюдению в строке: конкурент, код услуги (или её наименование), цена и дата, когда цена замечена, — столбцы `Конкурент;Код работы;Цена;Дата наблюдения`. Разверните таблицу в такие строки, по одной на услугу и конкурента, с датой цен, и запустите снова",
    ),
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
    ("it must be {}", "нужно {0}"),
    ("it is out of range", "такое значение недопустимо"),
    // The values each numeric key takes (`RANGES` of src/config/validate.rs), said by the
    // check of its value and by the reader of a value of another type alike.
    (
        "a whole number of visits, 1 or more",
        "целое число визитов, 1 или больше",
    ),
    (
        "a whole number of days, 1 or more",
        "целое число дней, 1 или больше",
    ),
    (
        "a number of percentage points from 0 to 100",
        "число процентных пунктов от 0 до 100",
    ),
    (
        "a whole number of days, 0 or more",
        "целое число дней, 0 или больше",
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
    // The month, the sections and the stations asked for.
    (
        "the month {} is not of the form YYYY-MM or MM.YYYY (for example 2026-09 or 09.2026): correct --month",
        "месяц {0} записан не в виде ГГГГ-ММ или ММ.ГГГГ (например, 2026-09 или 09.2026): исправьте --month",
    ),
    (
        "the month {} is outside the data, whose visits run from {} to {}: choose a month between {} and {} with --month YYYY-MM",
        "месяц {0} вне данных: визиты идут с {1} по {2}; выберите месяц между {1} и {2} в --month ГГГГ-ММ",
    ),
    (
        "the visits table holds no visit, so there is no month to report on: check the data folder",
        "в таблице визитов нет ни одного визита, и отчитываться не за что: проверьте папку с данными",
    ),
    (
        "the data holds no complete month: its visits run from {} to {}, and the default report month is the latest month whose last day is covered; pass --month {} to report on that partial month",
        "в данных нет полного месяца: визиты идут с {0} по {1}, а месяц отчёта по умолчанию — последний месяц, последний день которого есть в данных; укажите --month {2}, чтобы получить отчёт за этот неполный месяц",
    ),
    (
        "there is no report section named {}: the sections are {}; correct --only",
        "раздела отчёта {0} нет: разделы — {1}; исправьте --only",
    ),
    (
        "there is no station {}: the visits in {} have no station column, so the data is one station, {} (the `station` of stoa.toml); drop --station or name that station",
        "станции {0} нет: у визитов в {1} нет столбца станции, значит, данные — одна станция, {2} (`station` в stoa.toml); уберите --station или укажите эту станцию",
    ),
    (
        "there is no station {} in the visits of {}: the stations found are {}; correct --station (names match trimmed, in any case)",
        "станции {0} нет среди визитов в {1}: найдены станции {2}; исправьте --station (названия сравниваются без пробелов по краям и без учёта регистра)",
    ),
    (
        "the stations {} and {} would share the report folder stations/{}/: rename one of them in the visits",
        "у станций {0} и {1} была бы одна папка отчёта stations/{2}/: переименуйте одну из них в визитах",
    ),
    (
        "stoa.toml names {} = \"{}\" under [columns.{}], but the header of {} has {} cell(s) named «{}»: give a place from 1 to {} after the #",
        "в stoa.toml в разделе [columns.{2}] указано {0} = \"{1}\", но в заголовке {3} ячеек с названием «{5}» только {4}: после # укажите номер от 1 до {6}",
    ),
    // Writing the report.
    (
        "{} exists and is not a stoa report (it has no manifest.json of one), and the report would replace it: move it away, or choose another --out",
        "{0} уже есть, и это не отчёт stoa (в ней нет его manifest.json), а отчёт заменил бы её: перенесите её в другое место или укажите другую папку в --out",
    ),
    (
        "{} holds a report with the sections {}, and this run of --only {} would replace it with a report without {}: choose another --out for it (e.g. --out {}), or run every section",
        "в {0} лежит отчёт с разделами {1}, и этот запуск с --only {2} заменил бы его отчётом, в котором не все его разделы (нет {3}): укажите для него другую папку в --out (например, --out {4}) или запустите все разделы",
    ),
    (
        "cannot write {}: {}; check that the output folder is writable and has free space",
        "не удалось записать {0}: {1}; проверьте, что в папку отчёта можно писать и на диске есть место",
    ),
    (
        "writing the workbook {} failed: {}; check that the output folder is writable and has free space",
        "не удалось записать книгу Excel {0}: {1}; проверьте, что в папку отчёта можно писать и на диске есть место",
    ),
    (
        "cannot write the rejects file {}: {}; check that its folder is writable and has free space",
        "не удалось записать файл отклонённых строк {0}: {1}; проверьте, что в его папку можно писать и на диске есть место",
    ),
    (
        "the rejects file {} is a folder: name a file with --rejects, such as {}",
        "файл отклонённых строк {0} — это папка: укажите в --rejects файл, например {1}",
    ),
    (
        "the folder {} of the rejects file {} does not exist: create it, or choose another path with --rejects",
        "папки {0} для файла отклонённых строк {1} нет: создайте её или укажите в --rejects другой путь",
    ),
    // `stoa split`: the data, and the output folder an earlier split may have written.
    (
        "the visits in {} have no station (no `station` column, or it is empty on every row): the data is one station and there is nothing to split; run `stoa report` on it as it is",
        "у визитов в {0} нет станции (нет столбца `station`, или он пуст во всех строках): данные — одна станция, и делить нечего; постройте по ним `stoa report` как есть",
    ),
    (
        "the stations {} and {} would share the folder {}: rename one of them in the visits (or write them the same way, if they are one station)",
        "у станций {0} и {1} была бы одна папка {2}: переименуйте одну из них в визитах (или напишите их одинаково, если это одна станция)",
    ),
    (
        "the folders' rows of {} do not add up to the {} rows ingest accepted; nothing was written; this is a bug of stoa, please report it",
        "строки таблицы {0} в папках не сходятся с числом принятых строк ({1}); ничего не записано; это ошибка stoa, пожалуйста, сообщите о ней",
    ),
    (
        "{} is not a folder an earlier `stoa split` wrote ({}), and this split would replace it with {}: move it away, or choose another --out, such as --out {}",
        "{0} — не папка, записанная прежним запуском `stoa split` ({1}), а этот запуск заменил бы её на {2}: перенесите её в другое место или укажите другую папку в --out, например --out {3}",
    ),
    (
        "{} is a file, not a folder an earlier `stoa split` wrote, and this split would put {} in its place: move it away, or choose another --out, such as --out {}",
        "{0} — файл, а не папка, записанная прежним запуском `stoa split`, а этот запуск поставил бы на его место {1}: перенесите его в другое место или укажите другую папку в --out, например --out {2}",
    ),
    (
        "{} is not the {} an earlier `stoa split` wrote ({}), and this split would replace it: move it away, or choose another --out, such as --out {}",
        "{0} — не {1}, записанный прежним запуском `stoa split` ({2}), а этот запуск заменил бы его: перенесите его в другое место или укажите другую папку в --out, например --out {3}",
    ),
    ("the folder of the station {}", "папку станции {0}"),
    (
        "the folder of the visits without a station",
        "папку визитов без станции",
    ),
    ("list of station folders", "список папок станций"),
    ("row accounting", "счёт строк"),
    ("list of rejected rows", "список отклонённых строк"),
    ("it is not listed in {}", "её нет в {0}"),
    ("there is no {} to list it", "нет {0}, где она была бы указана"),
    ("it is a folder", "это папка"),
    ("it cannot be read: {}", "его не удалось прочитать: {0}"),
    (
        "it is not text (UTF-8, or UTF-16 with a byte order mark)",
        "это не текст (UTF-8 или UTF-16 с меткой порядка байтов)",
    ),
    (
        "its line {}, {}, has no tab between a station's folder and its name",
        "в его строке {0}, {1}, нет табуляции между папкой станции и её названием",
    ),
    (
        "its line {} begins with {}, which is not a station's folder as a split names them (Latin lower-case letters, digits and dashes)",
        "его строка {0} начинается с {1}, а так split папки станций не называет (только строчные латинские буквы, цифры и дефисы)",
    ),
    (
        "its line {}, {}, has no station's name after the tab",
        "в его строке {0}, {1}, после табуляции нет названия станции",
    ),
    ("it lists no station", "в нём нет ни одной станции"),
    ("it is not JSON: {}", "это не JSON: {0}"),
    (
        "it has no version, inputs and folders of a split",
        "в нём нет версии, входных таблиц и папок, которые записывает split",
    ),
    ("its first line is {}, not {}", "его первая строка — {0}, а не {1}"),
    // A Parquet column of a type stoa does not read, and what to store it as.
    (
        parquet::UNREADABLE_TYPE,
        "столбец «{0}» хранится как {1}, а этот тип Parquet stoa не читает: {2}",
    ),
    (
        parquet::NOT_TEXT,
        "столбец «{0}» хранится как {1}, и в нём байты, которые не являются текстом (первые — в строке {2}): сохраните его как текст (строку UTF-8)",
    ),
    (
        parquet::TYPE_CURES[0],
        "сохраняйте в каждой ячейке одно значение (текст, число или дату), а не список или структуру",
    ),
    (
        parquet::TYPE_CURES[1],
        "сохраните его как 32- или 64-битное целое (int32, int64) или как текст",
    ),
    (
        parquet::TYPE_CURES[2],
        "сохраните его как float32 или float64",
    ),
    (
        parquet::TYPE_CURES[3],
        "сохраните его как десятичное число не длиннее 38 цифр (decimal128) или как float64",
    ),
    (
        parquet::TYPE_CURES[4],
        "сохраните его с названием часового пояса, например Europe/Moscow, или местным временем станции без пояса",
    ),
    (
        parquet::TYPE_CURES[5],
        "сохраните его как текст, число или дату",
    ),
    (
        parquet::TYPE_CURES[6],
        "polars, которым stoa читает Parquet, читает этот тип как пустой; сохраните его как time64 (тип pyarrow для времени суток) или как текст, например 10:30",
    ),
    // Session 30: the `[files]` mistakes ingest says in the settings' file.
    (
        "`{} = \"{}\"` under [files] names the folder {} with a sheet, but a folder has no sheets: name a workbook with `#sheet`, or the folder alone to read all its files",
        "`{0} = \"{1}\"` в разделе [files] указывает на папку {2} с листом, а у папки нет листов: укажите книгу Excel с `#лист` или одну папку, чтобы читать все её файлы",
    ),
    // Session 30: a rejects file in a folder the run may not write in, or behind a link.
    (
        "the folder {} of the rejects file {} cannot be written in ({}): choose another path with --rejects, in a folder you may write in, or ask for the right to write in this one",
        "в папку {0} нельзя записать файл отклонённых строк {1} ({2}): укажите в --rejects путь в папке, куда у вас есть право писать, или попросите право писать в эту папку",
    ),
    ("{} (a link to {})", "{0} (символическая ссылка на {1})"),
    (
        "the file system is read-only",
        "файловая система доступна только для чтения",
    ),
    // Session 30: a Windows path in double quotes in stoa.toml.
    (
        "the path {} of `{}` is in double quotes, where a backslash begins an escape: `{}` in it is read as one special character, not as a backslash before a name, so the path names no file; write it in single quotes ({}) or with forward slashes ({})",
        "путь {0} в `{1}` записан в двойных кавычках, а в них обратная косая черта начинает особую последовательность: `{2}` читается как один особый символ, а не как черта перед именем, и путь не указывает ни на какой файл; запишите его в одинарных кавычках ({3}) или с прямыми косыми чертами ({4})",
    ),
    (
        "the path {} of `{}` holds a control character (a line break, a tab or the like), which no file name has: write the path on one line, in single quotes ('C:\\exports\\visits.xlsx') or with forward slashes (\"C:/exports/visits.xlsx\")",
        "в пути {0} в `{1}` есть управляющий символ (перевод строки, табуляция и т. п.), а в именах файлов их не бывает: запишите путь в одну строку, в одинарных кавычках ('C:\\exports\\visits.xlsx') или с прямыми косыми чертами (\"C:/exports/visits.xlsx\")",
    ),
    // Session 30: `stoa split` puts its output folder in place whole.
    (
        "cannot keep {} in the new output folder, which is written beside the old one and takes its place: {}; nothing was replaced; check that the folder around the output folder is writable and has free space",
        "не удалось сохранить {0} в новой папке результата, которая пишется рядом со старой и встаёт на её место: {1}; ничего не заменено; проверьте, что в папку, где лежит папка результата, можно писать и на диске есть место",
    ),
    (
        "the output folder {} cannot be written in ({}): choose another folder with --out, where you may write, or ask for the right to write in this one",
        "в папку результата {0} нельзя писать ({1}): укажите в --out другую папку, куда у вас есть право писать, или попросите право писать в эту",
    ),
    // Session 30 (J): a report of another scope, a rejects file that is an input, a
    // folder of the user's exports for generate, an optional table's link to nothing.
    (
        "{} holds the report of {}, and this run would replace it with the report of {}: choose another --out for it (e.g. --out {}), or move that report away first",
        "в {0} лежит отчёт {1}, и этот запуск заменил бы его отчётом {2}: укажите для него другую папку в --out (например, --out {3}) или сначала перенесите тот отчёт в другое место",
    ),
    ("the station {} alone", "одной станции {0}"),
    ("the whole data (the chain)", "по всем данным (по сети)"),
    (
        "the rejects file {} is the settings file {}, which this run reads: name another file with --rejects, such as rejects.csv outside the data folder",
        "файл отклонённых строк {0} — это файл настроек {1}, который читает этот запуск: укажите в --rejects другой файл, например rejects.csv вне папки с данными",
    ),
    (
        "the rejects file {} is the input of the table `{}`, {}, which this run reads: name another file with --rejects, such as rejects.csv outside the data folder",
        "файл отклонённых строк {0} — это входной файл таблицы `{1}`, {2}, который читает этот запуск: укажите в --rejects другой файл, например rejects.csv вне папки с данными",
    ),
    (
        "the table `{}` is in {}, a link to {}, which does not exist: restore the file it points to (connect its drive), put the table's file itself in place of the link, or remove the link to go without the table",
        "таблица `{0}` лежит в {1}, а это ссылка на {2}, которого нет: верните файл, на который она указывает (подключите его диск), положите на место ссылки сам файл таблицы или удалите ссылку, чтобы работать без этой таблицы",
    ),
];
/// One error message of the chain in `lang`; None when it is English already or not one of
/// the messages above. A value that is itself such a message (the reason a file could not
/// be read) is worded too.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::render::i18n::error;
/// let text = "the month \"13.2026\" is not of the form YYYY-MM or MM.YYYY (for example 2026-09 or 09.2026): correct --month";
/// assert!(error(Lang::Ru, text).unwrap().starts_with("месяц \"13.2026\" записан не в виде ГГГГ-ММ"));
/// assert_eq!(error(Lang::En, text), None);
/// ```
pub fn error(lang: Lang, text: &str) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    // Of the templates that read the text, the one with the most words of its own: the
    // general `cannot read {}: {}` reads `cannot read the configuration file …` too, and
    // left its English in the Russian.
    let (russian, args) = RUSSIAN_ERRORS
        .iter()
        .chain(&toml::RUSSIAN_SYNTAX)
        .filter_map(|(english, russian)| Some((english, russian, r::parse(english, text)?)))
        .max_by_key(|(english, _, _)| english.replace("{}", "").len())
        .map(|(_, russian, args)| (russian, args))?;
    {
        let args: Vec<String> = args
            .into_iter()
            .map(|a| {
                error(lang, a)
                    .or_else(|| super::reasons::place(a))
                    .unwrap_or_else(|| a.to_string())
            })
            .collect();
        Some(indexed(russian, &args))
    }
}

/// `template` with every `{N}` replaced by `args[N]`.
fn indexed(template: &str, args: &[String]) -> String {
    let mut out = template.to_string();
    // From the last index down, so that `{1}` is not taken for the start of `{10}`.
    for (i, a) in args.iter().enumerate().rev() {
        out = out.replace(&format!("{{{i}}}"), a);
    }
    out
}

mod toml;

#[cfg(test)]
mod tests;
