//! The errors of finding and reading the data (a missing folder or table, a file that
//! cannot be opened or read, a Parquet column of a type stoa does not read), in Russian.

use crate::ingest as missing;
use crate::ingest::read::parquet;

use super::Template;

pub(super) const RUSSIAN_DATA: [Template; 41] = [
    // Finding and reading the data.
    (
        "the visit numbers repeat across stations: {} {number is|numbers are each} on visits of more than one station (e.g. {}, at {}), and the order lines in {} do not say their station, so their visits cannot be told apart; export the order lines with the station's column («Филиал»), or make the numbers unique across the stations (e.g. a prefix for each station), or report each station from a data folder of its own exports (stoa split reads the chain as one and cannot part them either)",
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
        "the output folder {} cannot be made, as {} is a file, not a folder: name a folder with --out (it is made if missing)",
        "папку отчёта {0} не создать: {1} — это файл, а не папка; укажите в --out папку (если её нет, она будет создана)",
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
        "the table `{}` was found twice, in {} and in {}: keep one of them, or name the one to read under [files] in stoa.toml (e.g. `{}`)",
        "таблица `{0}` найдена дважды: в {1} и в {2}; оставьте одну из них или укажите, какую читать, в [files] в stoa.toml (например, `{3}`)",
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
        missing::SHEET_LACKS_COLUMN,
        "{0} похож на лист таблицы `{1}` (в заголовке есть {2}), но в нём нет столбца {4} (обязателен), поэтому его строки не прочитать; подойдёт заголовок {5}, а найдены столбцы: {6}. Переименуйте заголовок или добавьте синоним в [columns.{7}] в stoa.toml ({8}); если на листе нет строк таблицы `{9}`, укажите лист, где они есть, в [files] в stoa.toml (например, `{10}`)",
    ),
    (
        missing::MISSING_COLUMN,
        "в {0} нет столбца {3} (обязателен в таблице `{2}`); подойдёт заголовок {4}, а найдены столбцы: {5}. Переименуйте заголовок или добавьте синоним в [columns.{6}] в stoa.toml ({7})",
    ),
    // Several columns: «нет столбца «Марка», «Код клиента»» read as one column.
    (
        missing::MISSING_COLUMNS,
        "в {0} нет столбцов {3} (обязательны в таблице `{2}`); подойдут заголовки {4}, а найдены столбцы: {5}. Переименуйте заголовки или добавьте синонимы в [columns.{6}] в stoa.toml ({7})",
    ),
    (
        missing::SHEET_LACKS_COLUMNS,
        "{0} похож на лист таблицы `{1}` (в заголовке есть {2}), но в нём нет столбцов {4} (обязательны), поэтому его строки не прочитать; подойдут заголовки {5}, а найдены столбцы: {6}. Переименуйте заголовки или добавьте синонимы в [columns.{7}] в stoa.toml ({8}); если на листе нет строк таблицы `{9}`, укажите лист, где они есть, в [files] в stoa.toml (например, `{10}`)",
    ),
    (
        "{} has one column of prices per competitor ({}) and the services down its rows; stoa reads competitor prices one observation a row: the competitor, the service's code (or its description), the price and the date it was seen, as columns `Конкурент;Код работы;Цена;Дата наблюдения` (or competitor, service_code, price, observed_at). Turn the table into such rows, one per service and competitor with the date of the prices, and run again",
        "в {0} цены разложены по столбцу на конкурента ({1}), а услуги идут по строкам; stoa читает цены конкурентов по одному наблюдению в строке: конкурент, код услуги (или её наименование), цена и дата, когда цена замечена, — столбцы `Конкурент;Код работы;Цена;Дата наблюдения`. Разверните таблицу в такие строки, по одной на услугу и конкурента, с датой цен, и запустите снова",
    ),
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
    // Session 30 (J): an optional table's link to nothing.
    (
        "the table `{}` is in {}, a link to {}, which does not exist: restore the file it points to (connect its drive), put the table's file itself in place of the link, or remove the link to go without the table",
        "таблица `{0}` лежит в {1}, а это ссылка на {2}, которого нет: верните файл, на который она указывает (подключите его диск), положите на место ссылки сам файл таблицы или удалите ссылку, чтобы работать без этой таблицы",
    ),
];
