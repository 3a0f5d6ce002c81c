//! The errors of what a run is asked for and writes (the customer-base model, `--month`,
//! `--only`, `--station`, the report's and the rejects' folders, `stoa split`), in Russian.

use super::Template;

pub(super) const RUSSIAN_RUN: [Template; 62] = [
    // Why the customer-base model could not be used (the win-back ranking's note), with
    // the report's words: its "end date" is the report's as-of date.
    (
        "only {} {customer has|customers have} a purchase on or before the end date; the customer-base model needs at least {}. Use a longer history or a later end date.",
        "только у {0} {0:клиента|клиентов|клиентов} есть визиты по дату отчёта, а модели клиентской базы нужно не меньше {1}; нужна более длинная история визитов",
    ),
    (
        "none of the {} customers made a repeat purchase before the end date, so BG/NBD cannot estimate how customers leave. Use a longer history or a later end date.",
        "никто из {0} {0:клиента|клиентов|клиентов} не приходил повторно до даты отчёта, поэтому модель BG/NBD не может оценить, как клиенты уходят; нужна более длинная история визитов",
    ),
    (
        "only {} repeat {customer has|customers have} a positive mean repeat spend ({} more {was|were} left out for a zero or negative one); Gamma-Gamma needs at least {}. Check the amount column or use a longer history.",
        "только у {0} {0:повторного клиента|повторных клиентов|повторных клиентов} средний чек повторных визитов больше нуля (ещё {1} {1:не учтён|не учтены|не учтены} из-за нулевого или отрицательного), а модели Gamma-Gamma нужно не меньше {2}; проверьте столбец суммы или возьмите более длинную историю",
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
        "stoa.toml names {} = \"{}\" under [columns.{}], but the header of {} has {} {cell|cells} named «{}»: give a place from 1 to {} after the #",
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
    // Session 32: a file where a folder of the rejects file's path should be.
    (
        "{} is a file, not a folder, so the rejects file {} cannot be made inside it: choose another path with --rejects, such as {}",
        "{0} — это файл, а не папка, поэтому файл отклонённых строк {1} в нём не создать: укажите в --rejects другой путь, например {2}",
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
    // Session 31: the report of a `stoa split` folder `_no-station`.
    ("the visits without a station", "по визитам без станции"),
    // Session 31: an output put in place whole (crate::replace).
    (
        "{} is in the way: this run writes an entry of that name there, and it is not one the run replaces (not what the command writes); move it away, or choose another --out; nothing was replaced",
        "{0} мешает: этот запуск записывает туда файл или папку с таким именем, а это не то, что он заменяет (не то, что пишет команда); перенесите это в другое место или укажите другую папку в --out; ничего не заменено",
    ),
    (
        "the rejects file {} is the settings file {}, which this run reads: name another file with --rejects, such as rejects.csv outside the data folder",
        "файл отклонённых строк {0} — это файл настроек {1}, который читает этот запуск: укажите в --rejects другой файл, например rejects.csv вне папки с данными",
    ),
    (
        "the rejects file {} is the input of the table `{}`, {}, which this run reads: name another file with --rejects, such as rejects.csv outside the data folder",
        "файл отклонённых строк {0} — это входной файл таблицы `{1}`, {2}, который читает этот запуск: укажите в --rejects другой файл, например rejects.csv вне папки с данными",
    ),
];
