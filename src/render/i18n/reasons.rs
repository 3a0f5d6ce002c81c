//! The reasons of rejected rows and the warnings in the reader's language. Ingest words
//! them in English from the templates of [`crate::ingest::reasons`] (`rejects.csv`, the
//! manifest and `stoa check` keep that text); the Data issues sheet and the page of a
//! Russian report show them in Russian.

use crate::cli::Lang;
use crate::ingest::reasons as r;

/// Each reason's Russian template, with the `{}` of its English one in the same order.
const RUSSIAN: [(&str, &str); 25] = [
    (r::TEXT, "нечитаемый текст"),
    (
        r::SCORE_RANGE,
        "оценка вне 0–10: оценки ставят по шкале 1–5 или 0–10",
    ),
    (
        r::DATE,
        "не дата: ожидается дд.мм.гггг, гггг-мм-дд или дата Excel",
    ),
    (
        r::DATE_TIME,
        "не дата: ожидается дд.мм.гггг [чч:мм], гггг-мм-дд [чч:мм] или дата Excel",
    ),
    (
        r::TIME,
        "не время суток: ожидается чч:мм, чч:мм:сс или время Excel",
    ),
    (
        r::MONEY,
        "не сумма: ожидается число вида 1 234,50 или 1234.50 ₽",
    ),
    (r::INT, "не целое число"),
    (r::NUMBER, "не число"),
    (
        r::BOOL,
        "не «да» или «нет»: ожидается да/нет, yes/no, 1/0, true/false или +/−",
    ),
    (
        r::UNKNOWN_VALUE,
        "неизвестное значение ({}): ожидается одно из {}",
    ),
    (
        r::REQUIRED,
        "пустое обязательное поле ({} обязательно в таблице «{}»)",
    ),
    (r::NEGATIVE, "отрицательное значение: {}"),
    (
        r::NO_SERVICE,
        "в строке нет ни кода услуги, ни наименования: её не с чем сопоставить",
    ),
    (
        r::ZERO_COMPETITOR_PRICE,
        "цена конкурента 0 (ноль или прочерк, которым список цен конкурентов отмечает услугу, которой у конкурента нет) — не цена, с которой можно сравнить нашу, поэтому строка не участвует в сравнении цен; если конкурент эту услугу оказывает, укажите его цену",
    ),
    (
        r::NO_PRICE,
        "в таблице нет столбца суммы, и сумма строки считается по цене, а у этой строки цены нет",
    ),
    (
        r::DUPLICATE_IN_FILE,
        "повтор {}: то же значение уже есть в файле «{}», в строке {}",
    ),
    (
        r::DUPLICATE_ON_SHEET,
        "повтор {}: то же значение уже есть на листе «{}», в строке {}",
    ),
    (
        r::DUPLICATE,
        "повтор {}: то же значение уже есть в строке {}",
    ),
    (
        r::SUPERSEDED,
        "заменена более поздней выгрузкой: в файле «{}», в строке {} этот визит уже не в работе, и прочитана та строка, а не эта, где он ещё в работе",
    ),
    (
        r::UNKNOWN_VISIT,
        "{} неизвестного визита: среди принятых визитов нет такого visit_id",
    ),
    (
        r::NO_SUCH_DAY,
        "нет такой даты: в этом месяце нет такого дня (например, 31.02 или 29.02 не високосного года); исправьте день",
    ),
    (
        r::VISIT_REJECTED,
        "{} отклонённого визита: визит с этим visit_id — строка {} в {}, отклонённая там",
    ),
    (
        r::REPEATED_HEADER,
        "строка повторяет заголовок (как в выгрузке, напечатанной по страницам); данных в ней нет",
    ),
    (
        r::SPREADSHEET_ERROR,
        "в ячейке ошибка формулы (например, #Н/Д или #ДЕЛ/0!), а не значение: исправьте формулу или очистите ячейку и выгрузите таблицу заново",
    ),
    (
        r::EXTRA_FIELDS,
        "полей в строке: {}, а в заголовке: {}; символ {} внутри значения без кавычек делит значение надвое и сдвигает все значения после него на столбец вправо, поэтому строка не прочитана; заключите это значение в кавычки или уберите символ {} и выгрузите таблицу заново",
    ),
];

/// Each warning's Russian template, as [`RUSSIAN`] for the reasons.
const RUSSIAN_WARNINGS: [(&str, &str); 56] = [
    (
        r::VISITS_UNZEROED,
        "строк: {} в таблице «{}» дают номер визита с другими ведущими нулями, чем в визитах: {}; Excel отбрасывает ведущие нули, когда открывает и сохраняет файл, поэтому строки отнесены к визиту с этим номером; выгрузите таблицы заново, не сохраняя их из Excel",
    ),
    (
        r::SUBTOTALS,
        "строк: {} внутри {} начинаются со слова итога, а под ними есть данные (например, строка {}: {}): они отложены как промежуточные итоги и не прочитаны, как не читается итоговая строка таблицы, а строки под ними прочитаны",
    ),
    (
        r::BELOW_TOTAL,
        "строк: {} таблицы «{}» ниже итоговой строки (строка {}) в {} не прочитаны (например, строка {}: {}); таблица кончается своей итоговой строкой: если это строки работ, перенесите их выше итоговой строки и выгрузите заново",
    ),
    (
        r::AMOUNTS_FROM_PRICES,
        "строк заказ-нарядов: {} в {} — без столбца суммы (например, «Сумма»): сумма каждой строки посчитана как количество × цена ({}) за вычетом скидки, с округлением до копейки; если в учётной системе суммы другие, выгрузите и её столбец суммы",
    ),
    (
        r::VISITS_WITHOUT_LINES,
        "строк: {} в {} — визит без работ (ни работы, ни запчасти, ни суммы; в таблице столбцы визита повторены на его работах): прочитаны только как визиты, не как работы",
    ),
    (
        r::FURTHER_LINES,
        "в {} по строке на каждую работу (есть столбец {}): визитов прочитано {}, а {} строк(и) со следующими работами визита (где столбцы визита повторены или оставлены пустыми под ним) прочитаны только как работы этого визита, не как визиты",
    ),
    (
        r::NAMES_JOINED,
        "клиентов: {} — полное имя составлено из столбцов {} в {} (например, {}); имя, в котором фамилия уже есть, сохранено как есть",
    ),
    (
        r::TIMES_JOINED,
        "визитов: {} — время суток взято из столбца {} в {} и добавлено к дате из {} (например, {}); дата, в которой своё время уже есть, его сохраняет",
    ),
    (
        r::NO_TIME_OF_DAY,
        "ни у одного из визитов ({}) в {} нет времени суток (все в 0:00): загрузка по дням недели и часам покажет их все в полночь, а во время ремонта они не войдут, так как часы от открытия неизвестны; если время в выгрузке в отдельном столбце, укажите его в [columns.visits] в stoa.toml (например, `opened_time = [\"Время\"]`) или выгрузите дату вместе со временем",
    ),
    (
        r::STRAY,
        "визитов: {}, даты {}, больше чем через {} дн. после всех остальных визитов (последний из них {}) — похоже на опечатку в годе; визиты оставлены, а месяц отчёта по умолчанию выбран без них (--month может назвать их месяц); исправьте их даты",
    ),
    (
        r::NO_CLIENT,
        "строк: {} в таблице «{}» ссылаются на клиентов, которых нет в таблице клиентов (например, {}); строки оставлены, без имени клиента и без согласия на рассылку",
    ),
    (
        r::SCIENTIFIC,
        "строк: {} в таблице «{}» — {} в экспоненциальной записи Excel (например, {}): Excel так показывает длинное число в узкой ячейке и сохраняет только видимые цифры, поэтому число потеряно и разные номера могут совпасть; выгрузите таблицу заново, не открывая и не сохраняя её в Excel, или задайте столбцу текстовый формат перед сохранением",
    ),
    (
        r::HIDDEN_SHEETS,
        "скрытые листы {} в {} тоже содержат столбцы таблицы `{}` и не прочитаны, так как Excel их не показывает; чтобы прочитать лист, укажите его в [files] в stoa.toml (например, `{}`)",
    ),
    (
        r::DISGUISED,
        "файл {} назван .{}, но внутри у него {} (так выгружают «для Excel» некоторые системы); строк: {} прочитаны как {} (переименуйте его в .{}, чтобы читать без этого предупреждения)",
    ),
    (
        r::VISITS_BY_TITLE,
        "строк: {} в таблице «{}» указывают только номер визита, а в таблице визитов он назван заголовком документа 1С: {}; каждая учтена под тем визитом, в заголовке которого этот номер (номер, который есть в двух заголовках — 1С нумерует заново каждый год, — остаётся без визита)",
    ),
    (
        r::UNREAD_KIND,
        "в {} лежит таблица `{}`, но файлы такого вида stoa не читает, и таблица не учтена: сохраните её как .xlsx или .csv (в Excel: Файл → Сохранить как; в Numbers: Файл → Экспортировать → Excel)",
    ),
    (
        r::GROUP_SUBTOTALS,
        "групп визитов: {} в {} — промежуточный итог не равен сумме их строк (например, {}: {} против {}); строки прочитаны как есть: проверьте группу в учётной системе (скидка на весь заказ, строка, не попавшая в выгрузку)",
    ),
    (
        r::GROUPS_REFUSED,
        "строки работ в {} похожи на сгруппированные по визитам, как в отчёте 1С (строк визитов: {}, под ними строк: {}), но только {} из {} промежуточных итогов равны сумме своих строк (например, {}: {} против {}), поэтому они не прочитаны как группы: строки визитов отклонены без наименования, а строки работ — без номера визита; выгрузите отчёт без промежуточных итогов (плоским списком строк, у каждой номер визита) или проверьте скидки: скидка на весь заказ делает итог группы не равным сумме её строк",
    ),
    (
        r::GROUPED_LINES,
        "строки работ в {} сгруппированы по визитам, как в отчёте 1С: строк: {} под строками визитов ({}), с промежуточными итогами, где они есть (например, {}); каждая строка отнесена к визиту своей группы, а строки групп не считаются, как и строка «Итого»",
    ),
    (
        r::VEHICLE_SPLIT,
        "в столбце {} в {} записан весь автомобиль, а отдельного столбца марки нет: визитов: {} — марка (а модель и госномер, если для них нет своих столбцов) взяты из него, например {} как {}; если марка в другом столбце, укажите его в [columns.visits] в stoa.toml",
    ),
    (
        r::SHEETS_READ,
        "строк: {} таблицы «{}» прочитаны вместе с нескольких листов {}: {}; чтобы читать один лист, укажите его в [files] в stoa.toml (например, `{}`)",
    ),
    (
        r::VISITS_RESPELLED,
        "строк: {} в таблице «{}» указывают номер визита, написанный иначе, чем в таблице визитов (другим регистром, с пробелами или кириллицей вместо похожих латинских букв): {}; они учтены под номером визита",
    ),
    (
        r::MERGED_CELLS,
        "пустых ячеек: {} в столбце {} в {} — под ячейкой, объединённой на несколько строк (например, {}); они прочитаны как её значение, как их показывает Excel; объединённые так суммы и количества не копируются",
    ),
    (
        r::DOCUMENT_TITLES,
        "строк: {} в таблице «{}» называют визит заголовком документа 1С (например, {}), а в таблице визитов указан номер; из каждого заголовка взят номер (здесь {}), чтобы строки нашли свои визиты",
    ),
    (
        r::NO_AGENT,
        "строк: {} в таблице «{}» ссылаются на агентов, которых нет в таблице агентов (например, {}); строки оставлены, без имени агента и комиссии",
    ),
    (
        r::PASSED_OVER,
        "столбцы {} в {} все означают {}; читается {} как самое точное название (чтобы читать другой, укажите его в [{}] в stoa.toml)",
    ),
    (
        r::LOOSE_HEADER,
        "столбец {} в {} читается как {} по первым словам заголовка; если в нём другое, укажите нужный заголовок в [{}] в stoa.toml (если указать там этот, предупреждение пропадёт)",
    ),
    (
        r::CLOSED_BEFORE_OPENED,
        "визитов: {} (например, {}) — закрыты раньше, чем открыты; визиты оставлены, но не учтены во времени ремонта, которое отрицательное время исказило бы; исправьте их даты",
    ),
    (
        r::STRAY_HEAD,
        "визитов: {}, даты {}, больше чем за {} дн. до всех остальных визитов (первый из них {}) — похоже на опечатку в годе; визиты оставлены, а данные считаются начинающимися после них (месяцы раньше — неизвестны, а не нулевые); исправьте их даты",
    ),
    (
        r::CLOSED_WITHOUT_TIME,
        "визитов: {} (например, {}) — дата закрытия без времени суток; во время ремонта они не вошли, так как часы от открытия до закрытия неизвестны; если время ремонта важно, выгружайте и время закрытия",
    ),
    (
        r::OPENED_WITHOUT_TIME,
        "визитов: {} (например, {}) — дата открытия без времени суток, хотя у других визитов время есть; во время ремонта они не вошли, так как часы от открытия до закрытия неизвестны, а в загрузке по дням недели и часам они в полночь; если это важно, выгружайте и время открытия",
    ),
    (
        r::PARTIAL_MONTH,
        "данные заканчиваются {}, раньше конца месяца {}: показатели месяца учитывают визиты только по этот день, а сравнения с прошлыми месяцами занижены; постройте отчёт снова, когда выгрузка за месяц будет полной",
    ),
    (
        r::UNBORN,
        "клиентов: {} (например, {}, дата рождения {}) — дата рождения позже последнего визита в данных ({}), похоже на опечатку в годе; клиенты оставлены, но не поздравляются с днём рождения; исправьте их даты рождения",
    ),
    (
        r::COMEBACKS_NOT_FINAL,
        "доля возвратов за {} ищет гарантийный случай в течение {} дней после каждого визита, а данные заканчиваются {}: у визитов месяца ({}) этот срок ещё не истёк, поэтому доля занижена по сравнению с прошлыми месяцами; окончательной она будет в отчёте по данным до {}",
    ),
    (
        r::REPEATED_LINES,
        "строк работ: {} — повторяют другую строку своего визита ячейка в ячейку, а их визиты (например, {}) есть в таблице визитов больше одного раза: похоже, выгрузки пересекаются, и повторы второй раз учтены в выручке ({}); выгружайте каждый период один раз или удалите повторённые строки",
    ),
    (
        r::SUB_KOPECK,
        "ячеек: {} в столбце {} в {} — сумма с более чем двумя знаками после запятой (например, {}, прочитано как {}): суммы хранятся с точностью до копейки, поэтому каждая округлена до копейки (половина — от нуля); если суммы должны сходиться до копейки, округлите их в учётной системе и выгрузите заново",
    ),
    (
        r::THOUSANDS_MARK,
        "в столбце {} в {} знак {} отделяет тысячи и ни разу не стоит перед копейками, как пишет Excel с английскими или немецкими настройками: {} ячеек (например, {}) прочитаны как целые тысячи, потому что у денег два знака после запятой; если это дроби, запишите их с двумя знаками после запятой",
    ),
    (
        r::MONTH_FIRST,
        "в столбце {} в {} даты записаны месяцем вперёд, как их пишет Excel с английскими настройками: {} ячеек прочитаны так, потому что некоторые (например, {}) иначе не прочитать, а записанных днём вперёд нет; если это не так, исправьте эти ячейки",
    ),
    (
        r::GROSS_AMOUNTS,
        "у строк работ со скидкой ({} из {}) сумма ({}) равна количеству × цену, как будто скидка не вычтена: скидки по ним составляют {}, и если это так, на столько завышена выручка; сумма читается как сумма после скидки, поэтому если в выгрузке она в другом столбце, укажите его в [columns.order_lines] (amount = \"…\"); если цена уже указана со скидкой, всё верно",
    ),
    (
        r::RESPELLED,
        "строк: {} в таблице «{}» указывают код услуги из прайс-листа, написанный иначе (другим регистром, с пробелами или кириллицей вместо похожих латинских букв): {}; они учтены под кодом прайс-листа (исправьте коды в учётной системе, чтобы убрать это предупреждение)",
    ),
    (
        r::ZEROS_DROPPED,
        "строк: {} в таблице «{}» содержат {}, который есть в таблице «{}» только с другими ведущими нулями (например, {} там записан как {}): Excel отбрасывает ведущие нули, когда открывает и сохраняет файл; выгрузите обе таблицы заново и не сохраняйте их из Excel",
    ),
    (
        r::NO_PRICE_LIST,
        "прайс-лист не найден: сравнение цен и напоминания о сервисе пусты; добавьте прайс (price_list) с интервалами interval_months или interval_km для услуг, о которых надо напоминать",
    ),
    (
        r::NO_INTERVALS,
        "ни у одной услуги прайса нет интервала (interval_months или interval_km), поэтому напоминаний о сервисе нет; добавьте интервалы услуг, о которых надо напоминать (например, замена масла раз в 12 месяцев или 15 000 км)",
    ),
    (
        r::NO_COMPETITORS,
        "цены конкурентов не найдены (competitor_prices): сравнение цен показывает только наши цены",
    ),
    (
        r::STALE_COMPETITORS,
        "ни одну из цен конкурентов ({}) нельзя сравнить на дату отчёта {}: {} старше competitors.max_age_days ({} дн.; самая поздняя из них получена {}), а {} датированы позже даты отчёта, поэтому сравнение цен показывает только наши цены; соберите свежие цены или увеличьте competitors.max_age_days в stoa.toml",
    ),
    (
        r::LATE_COMPETITORS,
        "все цены конкурентов ({}) датированы позже даты отчёта {} (самая ранняя — {}), поэтому сравнение цен показывает только наши цены; цены, собранные после конца месяца, войдут в отчёт за более поздний месяц",
    ),
    (
        r::NO_CONSENT,
        "ни один из клиентов ({}) не дал согласия на рассылку (столбца согласия нет или в нём «нет» у всех), поэтому все списки для рассылки пусты; если в выгрузке этот столбец называется иначе, укажите его в [columns.clients] в stoa.toml (consent = \"…\")",
    ),
    (
        r::OPEN_VISITS,
        "визитов: {} ещё не закрыты (в работе); они оставлены и нигде не учитываются, пока учётная система не отметит их выполненными",
    ),
    (
        r::PERCENT_FRACTIONS,
        "у агентов ({}) комиссия в книге записана числом меньше 1, как и у всех остальных агентов: в таких ячейках доли, как в ячейке с процентным форматом Excel (10 % хранится как 0,1), поэтому они прочитаны как проценты (0,1 как 10 %); если комиссия действительно меньше 1 %, запишите её текстом, например «0,5 %»",
    ),
    (
        r::UNREAD_VALUES,
        "строк: {} в таблице «{}» содержат в столбце {} значение, которого нет среди слов stoa: {}; они учтены так, а чтобы учесть их иначе, укажите их в [{}] в stoa.toml, например \"{}\" = одно из {}",
    ),
    (
        r::COLLIDED,
        "номера заказ-нарядов ({}) носят разные визиты (на другой станции, другого клиента или в другой день), например {}: станции сети нумеруют заказ-наряды каждая по-своему, или номер использован дважды; как при любом повторе номера, первый визит оставлен, а остальные отклонены, поэтому все работы и отзывы с этим номером учтены у первого визита, хотя часть из них относится к другим; сделайте номера уникальными (например, с префиксом станции) и выгрузите заново",
    ),
    (
        r::THOUSANDS_MARK_NUMBER,
        "в столбце {} в {} знак {} отделяет тысячи и ни разу не стоит перед дробной частью, как пишет Excel с английскими или немецкими настройками: {} ячеек (например, {}) прочитаны как целые тысячи; если это дроби с тремя знаками после запятой, запишите их с другим числом знаков",
    ),
    (
        r::JOINED_HEADER,
        "заголовок в {} занимает две строки (над ячейками столбцов — общая ячейка группы), данные начинаются под второй: {} названы ячейкой группы вместе с ячейкой под ней; если столбец прочитан неверно, укажите его заголовок в [{}] в stoa.toml",
    ),
    (
        r::SAME_NAMED_CELLS,
        "столбцы {} в {} все означают {}; читается {}; чтобы читать другой, укажите его в [{}] в stoa.toml, а столбец с повторяющимся заголовком — по его месту среди одноимённых ({} = \"{}\" читает {})",
    ),
    (
        r::UNSAVED_FORMULAS,
        "ячеек: {} в столбце {} в {} — формулы, значение которых не сохранено (например, {}: ={}), поэтому они прочитаны как пустые: книгу записала программа, которая не вычисляет формулы; откройте её в Excel или LibreOffice, сохраните и запустите stoa снова",
    ),
    (
        r::ZERO_INTERVALS,
        "у услуг прайс-листа ({}) интервал равен 0 (например, {}), а так многие выгрузки пишут пустую ячейку: он прочитан как отсутствие интервала, ведь услуга, которую снова пора делать в день, когда её сделали, попадала бы в каждый список напоминаний как просроченная; чтобы о такой услуге напоминать, укажите её интервал в месяцах или километрах",
    ),
];

/// The words ingest puts into its reasons (what a column holds, a vocabulary's name, a
/// row's kind), in Russian; table names are the tables' Russian names.
const ARGUMENTS: &[(&str, &str)] = &[
    ("quantity", "количество"),
    ("norm hours", "нормочасы"),
    ("cost", "себестоимость"),
    ("odometer reading", "пробег"),
    ("price", "цена"),
    ("interval", "интервал"),
    ("commission", "комиссия"),
    ("channel", "канал"),
    ("status", "статус"),
    ("category", "категория"),
    ("line kind", "вид строки"),
    ("client kind", "тип клиента"),
    ("order line", "строка работ"),
    ("feedback row", "отзыв"),
    ("feedback", "отзыв"),
    // The delimiter of a CSV row with more fields than its header, after «символ».
    ("tab", "табуляции"),
];

/// `reason` (the text of a rejected row's reason) in `lang`; `None` when it is English
/// already or not one of ingest's reasons.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::ingest::reasons::{fill, NEGATIVE, REQUIRED};
/// use stoa::render::i18n::reason;
/// let text = fill(NEGATIVE, &["odometer reading"]);
/// assert_eq!(reason(Lang::Ru, &text).as_deref(), Some("отрицательное значение: пробег"));
/// let text = fill(REQUIRED, &["visit_id", "order_lines"]);
/// assert_eq!(
///     reason(Lang::Ru, &text).as_deref(),
///     Some("пустое обязательное поле (visit_id обязательно в таблице «Работы»)")
/// );
/// assert_eq!(reason(Lang::En, &text), None);
/// ```
pub fn reason(lang: Lang, reason: &str) -> Option<String> {
    // The values a coded cell may hold (`done, cancelled, no_show, open`), in the words a
    // Russian export writes them; the codes meant nothing to the user. Only in a rejected
    // row's reason: a warning's example of a `[values]` line must keep the codes, which
    // are what stoa.toml takes.
    if lang == Lang::Ru {
        if let Some([what, codes]) = r::parse(r::UNKNOWN_VALUE, reason).as_deref() {
            use crate::ingest::normalize::{canonical_values, russian_values};
            use crate::schema::EnumKind;
            let kinds = [
                EnumKind::Status,
                EnumKind::LineKind,
                EnumKind::ClientKind,
                EnumKind::Channel,
                EnumKind::Category,
            ];
            if let Some(kind) = kinds
                .into_iter()
                .find(|k| canonical_values(*k).join(", ") == *codes)
            {
                let words = russian_values(kind).join(", ");
                return worded(lang, &RUSSIAN, &r::fill(r::UNKNOWN_VALUE, &[what, "\u{1}"]))
                    .map(|t| t.replace('\u{1}', &words));
            }
        }
    }
    worded(lang, &RUSSIAN, reason)
}

/// A warning of ingest (`message`) in `lang`, as [`reason`] does for reasons.
///
/// ```
/// use stoa::cli::Lang;
/// use stoa::ingest::reasons::{fill, NO_AGENT};
/// use stoa::render::i18n::warning;
/// let text = fill(NO_AGENT, &["2", "visits", "A-7, A-9"]);
/// assert!(warning(Lang::Ru, &text).unwrap().starts_with("строк: 2 в таблице «Визиты»"));
/// ```
pub fn warning(lang: Lang, message: &str) -> Option<String> {
    worded(lang, &RUSSIAN_WARNINGS, message)
}

/// `text` read by the first English template of `templates` it fills, written with that
/// template's Russian.
fn worded(lang: Lang, templates: &[(&str, &str)], text: &str) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    templates.iter().find_map(|(english, russian)| {
        let args = r::parse(english, text)?;
        let args: Vec<String> = args.into_iter().map(argument).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        Some(r::fill(russian, &args))
    })
}

/// An argument of a reason or warning in Russian, or as it is (a column's name, a number).
fn argument(arg: &str) -> String {
    if let Some(table) = crate::schema::Table::ALL.iter().find(|t| t.name() == arg) {
        return table.russian_name().to_string();
    }
    if let Some(place) = place(arg) {
        return place;
    }
    if let Some(money) = russian_amount(arg) {
        return money;
    }
    // A span of days, `first to last`.
    if let Some((first, last)) = arg.split_once(" to ") {
        let is_day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok();
        if is_day(first) && is_day(last) {
            return format!("{first} — {last}");
        }
    }
    ARGUMENTS
        .iter()
        .find(|(en, _)| *en == arg)
        .map_or(arg, |(_, ru)| *ru)
        .to_string()
}

/// An amount of two decimals as English warnings give it (`1234567.50`, the money that
/// repeated lines add) as Russian writes it: `1 234 567,50`, its thousands apart by a
/// non-breaking space, as the lists and the check write money. None for anything else.
fn russian_amount(arg: &str) -> Option<String> {
    let (sign, unsigned) = match arg.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", arg),
    };
    let (whole, cents) = unsigned.split_once('.')?;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || cents.len() != 2 || !digits(cents) {
        return None;
    }
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('\u{a0}');
        }
        grouped.push(c);
    }
    Some(format!("{sign}{grouped},{cents}"))
}

/// A file's sheet as messages name it (`data/x.xlsx, sheet "Лист1"`, from
/// [`crate::ingest::read::place`]) in Russian; None for any other text.
///
/// ```
/// use stoa::render::i18n::place;
/// assert_eq!(place(r#"data/x.xlsx, sheet "Работы""#).as_deref(), Some("data/x.xlsx, лист «Работы»"));
/// assert_eq!(place("data/x.csv"), None);
/// ```
pub fn place(arg: &str) -> Option<String> {
    let (file, sheet) = arg.strip_suffix('"')?.rsplit_once(", sheet \"")?;
    Some(format!("{file}, лист «{sheet}»"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn regression_an_amount_in_a_russian_warning_is_written_as_russian_money() {
        // The repeated lines' money read `1234567.50` in a Russian warning.
        assert_eq!(
            russian_amount("1234567.50").as_deref(),
            Some("1\u{a0}234\u{a0}567,50")
        );
        assert_eq!(russian_amount("-50.00").as_deref(), Some("-50,00"));
        assert_eq!(russian_amount("999.5"), None);
        assert_eq!(russian_amount("2026-03-05"), None);
        assert_eq!(russian_amount("1.2.30"), None);
        let said = warning(
            Lang::Ru,
            &r::fill(r::REPEATED_LINES, &["3", "«V1»", "1234567.50"]),
        )
        .unwrap();
        assert!(said.contains("(1\u{a0}234\u{a0}567,50)"), "{said}");
    }

    use super::*;
    use crate::ingest::cells::reason as cell_reason;
    use crate::schema::{EnumKind, Kind};

    #[test]
    fn every_reason_of_ingest_has_its_russian_with_as_many_arguments() {
        let russian: Vec<(&str, &str)> = RUSSIAN.iter().chain(&RUSSIAN_WARNINGS).copied().collect();
        for template in r::ALL.iter().chain(&r::WARNINGS).copied() {
            let (_, russian) = russian
                .iter()
                .find(|(en, _)| *en == template)
                .unwrap_or_else(|| panic!("no Russian for {template}"));
            assert_eq!(
                template.matches("{}").count(),
                russian.matches("{}").count(),
                "{template}"
            );
        }
    }

    #[test]
    fn the_reasons_ingest_writes_are_read_in_russian() {
        let kinds = [
            Kind::Text,
            Kind::Date,
            Kind::DateTime,
            Kind::Time,
            Kind::Money,
            Kind::Int,
            Kind::Number,
            Kind::Bool,
            Kind::Enum(EnumKind::Channel),
            Kind::Enum(EnumKind::ClientKind),
        ];
        for kind in kinds {
            let text = cell_reason(kind);
            let ru = reason(Lang::Ru, &text).unwrap_or_else(|| panic!("{text}"));
            assert!(!ru.is_ascii(), "{text} → {ru}");
        }
        assert_eq!(
            reason(Lang::Ru, &cell_reason(Kind::Enum(EnumKind::LineKind))).unwrap(),
            "неизвестное значение (вид строки): ожидается одно из работа, запчасть"
        );
        // A warning's example of a `[values]` line keeps the codes stoa.toml takes.
        assert_eq!(argument("walk_in, booking, home"), "walk_in, booking, home");
        let codes = crate::ingest::normalize::canonical_values(EnumKind::Channel).join(", ");
        assert_eq!(argument(&codes), codes);
        // Regression: the codes `done, cancelled, no_show, open` meant nothing to a user
        // whose export says «Выполнен».
        assert_eq!(
            reason(Lang::Ru, &cell_reason(Kind::Enum(EnumKind::Status))).unwrap(),
            "неизвестное значение (статус): ожидается одно из выполнен, отменен, неявка, в работе"
        );
        assert_eq!(
            reason(
                Lang::Ru,
                "duplicate visit_id: the same value is already on row 17"
            )
            .unwrap(),
            "повтор visit_id: то же значение уже есть в строке 17"
        );
        assert_eq!(
            reason(Lang::Ru, &r::fill(r::UNKNOWN_VISIT, &["order line"])).unwrap(),
            "строка работ неизвестного визита: среди принятых визитов нет такого visit_id"
        );
        assert_eq!(
            reason(Lang::Ru, &r::fill(r::UNKNOWN_VISIT, &["feedback row"])).unwrap(),
            "отзыв неизвестного визита: среди принятых визитов нет такого visit_id"
        );
        let stray = r::fill(
            r::STRAY,
            &["2", "2099-02-01 to 2099-02-03", "92", "2026-10-31"],
        );
        assert!(warning(Lang::Ru, &stray)
            .unwrap()
            .starts_with("визитов: 2, даты 2099-02-01 — 2099-02-03, больше чем через 92 дн."));
        // Not a reason of ingest: left as it is.
        assert_eq!(reason(Lang::Ru, "something else"), None);
    }

    #[test]
    fn every_argument_ingest_uses_has_its_russian() {
        use crate::schema::Table;
        let words: Vec<&str> = ARGUMENTS.iter().map(|(en, _)| *en).collect();
        for e in [
            EnumKind::Channel,
            EnumKind::Status,
            EnumKind::Category,
            EnumKind::LineKind,
            EnumKind::ClientKind,
        ] {
            let text = cell_reason(Kind::Enum(e));
            let kind = r::parse(r::UNKNOWN_VALUE, &text).unwrap()[0];
            assert!(words.contains(&kind), "{kind}");
        }
        for table in Table::ALL {
            for c in table.columns() {
                if let Some(what) = crate::ingest::validate::negative_rule(table, c.name) {
                    assert!(words.contains(&what), "{what}");
                }
            }
        }
    }
}
