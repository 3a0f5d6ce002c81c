//! The warnings about rows kept, as templates (the reasons a row is rejected are in the
//! parent module): ingest fills them in, and the renderers word them in the report's
//! language from [`WARNINGS`]. Apart from the reasons, as the list grows by a warning a
//! session.

/// Visits whose mistyped years end the data: how many, their day (or `first to last`), the
/// gap in days, the latest other visit.
pub const STRAY: &str = "{} {visit|visits} dated {}, more than {} days after every other visit (the latest on {}), {0:looks like a mistyped year|look like mistyped years}; {0:it is|they are} kept, and the report's default month is chosen as if {0:it were|they were} not there (--month can name {0:its month|theirs}); correct {0:its date|their dates}";
/// Visits whose years mistyped into the past open the data: how many, their day (or
/// `first to last`), the gap in days, the earliest other visit.
pub const STRAY_HEAD: &str = "{} {visit|visits} dated {}, more than {} days before every other visit (the earliest on {}), {0:looks like a mistyped year|look like mistyped years}; {0:it is|they are} kept, and the data are taken to begin after {0:it|them} (months before are unknown, not zeros); correct {0:its date|their dates}";
/// Rows whose client is not among the clients: how many, the table, examples.
pub const NO_CLIENT: &str = "{} {} {row refers to a client|rows refer to clients} missing from `clients` (e.g. {}); {0:it is|they are} kept, with an empty name and no consent for marketing";
/// Rows naming their visit by its 1C document title where the visits give numbers: how
/// many, the table, the first title, its number.
pub const DOCUMENT_TITLES: &str = "{} {} {row names its|rows name their} visit by its 1C document title (e.g. {}) where the visits give its number; each is read as the number in its title (here {}), so that {0:the row finds its visit|the rows find their visits}";
/// Cells read from a cell merged over several rows: how many, the column's header, the
/// file and sheet, the first merged value, the program that shows the file (Excel, or
/// LibreOffice Calc for an .ods).
pub const MERGED_CELLS: &str = "{} empty {cell|cells} of the column {} in {} {0:lies|lie} under a cell merged over several rows (e.g. {}) and {0:is|are} read as its value, as {} shows it; money and quantities merged so are never copied";
/// Rows whose agent is not among the agents: how many, the table, examples.
pub const NO_AGENT: &str = "{} {} {row refers to an agent|rows refer to agents} missing from `agents` (e.g. {}); {0:it is|they are} kept, without the agent's name and commission";

/// Several header cells naming one column: the cells, the file, the column (by its label
/// and stoa.toml key, [`crate::schema::labels::named`]), the cell read, the section of
/// `stoa.toml` that chooses another.
pub const PASSED_OVER: &str = "the columns {} of {} all name {}; {} is read, as the most specific name (to read another, name it under [{}] in stoa.toml)";

/// A column read by the first words of its header: the header cell, the file, the column
/// (by its label and stoa.toml key, [`crate::schema::labels::named`]), the section of
/// `stoa.toml` that names the table's headers.
pub const LOOSE_HEADER: &str = "the column {} of {} is read as {} by the first words of its header; if it holds something else, name the right header under [{}] in stoa.toml (naming this one there silences this warning)";

/// Order lines repeated by overlapping exports: how many, a visit with them, their money.
/// Order lines that repeat, cell for cell, every line of several visits the same number
/// of times (an export pasted twice, block after block), where the visits are there once:
/// the repeats, the file, the visits, an example visit, the money the repeats add.
pub const REPEATED_EXPORT: &str = "{} order {line|lines} in {} {0:repeats|repeat} the lines of {0:its visit|their visits} cell for cell, every line of {} {visit|visits} (such as {}) the same number of times: the file seems to hold an export twice, and the repeats count in the revenue again ({}); remove the repeated block of rows from the file, or export each period once; two equal lines of one visit (two of the same filter) are kept, since they can be right";

/// Visits whose client code is a client's written another way: how many, the table, the
/// spellings (`кл-000001` → `КЛ-000001`, …).
pub const CLIENTS_RESPELLED: &str = "{} {} {row gives|rows give} the code of a client written another way than the clients do (in another case, with spaces for dashes, or with Latin and Cyrillic letters that look alike): {}; {0:it is|they are} counted as that client's {0:visit|visits}; write each client's code one way in the accounting system";

pub const REPEATED_LINES: &str = "{} order {line repeats|lines repeat} another line of {0:its|their} visit cell for cell, and {0:its visit|their visits} (such as {}) {0:is|are} in the visits more than once: the exports seem to overlap, and the repeats count in the revenue again ({}); export each period once, or remove the repeated rows";

/// A month asked for with `--month` whose data end before its last day: the data's last
/// day, the month. Counts the month's visits.
pub const PARTIAL_MONTH: &str = "the data end on {}, before the end of {}: the month's figures count its visits up to that day only, and its comparisons with earlier months are understated; run the report again when the month's export is complete";

/// A report month with no done visit in the data: the month. Its report is all zeros,
/// more often from a missing export than a closed station.
pub const EMPTY_MONTH: &str = "the data has no done visit in {}: the month's figures are zeros and its tables empty; if its export is missing, add it and run the report again";

/// A station's report month with no done visit of the station: the station, the month.
pub const EMPTY_MONTH_STATION: &str = "the station {} has no done visit in {}: its report's figures for the month are zeros and its tables empty; if the station's export for the month is missing, add it and run the report again";

/// The report month's comeback rate not final: the month, the look-ahead in days, the
/// data's last day, how many of the month's visits look past it, the day it is final.
pub const COMEBACKS_NOT_FINAL: &str = "the comeback rate of {} looks {} days past each visit for a warranty event, and the data end on {}: {} of the month's visits {3:has|have} had less time to show one, so the rate is understated against the earlier months'; it is final in a report made with the data up to {}";

/// New clients of a month in the data's first year who have no registration date: the
/// month, the data's first month, how many of its new clients have none, its new clients.
pub const NEW_CLIENTS_UNREGISTERED: &str = "{} is within the first 12 months of the data, which begin in {}: {} of the month's {} new {client|clients} {2:has|have} no registration date in the clients table, and some of them may be returning clients whose earlier visits predate the data; a registration date before {} in the clients export tells them apart";

/// Feedback scores of the report month outside 1–5, the scale the month is read on, left
/// out of its mean: how many, of how many scores, the month, the scores so written.
pub const OFF_SCALE_SCORES: &str = "{} of the {} feedback {score|scores} of {} {0:lies|lie} outside 1–5, the scale the month is read on ({0:it is|they are} {}), and {0:is|are} left out of its mean score: a 0 typed for an empty cell, or a slip of the keyboard; correct {0:it|them}, or clear the cells of clients who gave no score";

/// A chain's month whose stations read their feedback on different scales: the months,
/// the stations on 1–5, the stations on 0–10.
pub const MIXED_SCALES: &str = "the feedback scores of {} are on different scales at different stations ({} on 1–5; {} on 0–10), so the chain has no one mean score or NPS for them, and both are left empty (feedback_mean of kpi.csv, mean and nps of feedback.csv); the managers' means read each score on its own station's scale; read each station's feedback in its own report (--by-station or --station NAME)";

/// A survey that moved from 1–5 to 0–10 among the compared months: the first month on
/// 0–10, how many scores before it lie above 5 and of how many, how many from it on lie
/// outside 1–5 and of how many, the month again.
pub const SCALE_SWITCHED: &str = "the feedback survey moved from 1–5 to 0–10 in {}: before then {} of {} {2:score|scores} {1:lies|lie} above 5, from then on {} of {} {3:lies|lie} outside 1–5; the months before {} are read on 1–5 and those from it on 0–10, each on its own scale, so that their mean scores do not compare across the move and a month before it has no NPS; if the survey did not change, correct the scores";

/// [`SCALE_SWITCHED`] at one station of a chain: the station, then the same.
pub const SCALE_SWITCHED_AT: &str = "the feedback survey of {} moved from 1–5 to 0–10 in {}: before then {} of {} {3:score|scores} {2:lies|lie} above 5, from then on {} of {} {4:lies|lie} outside 1–5; the months before {} are read on 1–5 and those from it on 0–10, each on its own scale, so that their mean scores do not compare across the move and a month before it has no NPS; if the survey did not change, correct the scores";

/// Clients born after the data's last visit: how many, the first (its id, its birth
/// date), the last visit's date.
pub const UNBORN: &str = "{} {client|clients} (such as {}, born {}) {0:has|have} a birth date after the data's last visit ({}), which must be a typo in the year; {0:the client is|they are} kept, and not greeted on {0:the|their} birthday; correct {0:the birth date|their birth dates}";

/// Visits closed on a date without a time of day: how many, an example.
pub const CLOSED_WITHOUT_TIME: &str = "{} {visit|visits} (such as {}) {0:has|have} a closing date without a time of day; the turnaround leaves {0:it|them} out, as the hours from opening to closing are not known; export the closing time too if the turnaround matters";

/// Visits opened on a date without a time of day, where others have one: how many, an
/// example.
pub const OPENED_WITHOUT_TIME: &str = "{} {visit|visits} (such as {}) {0:has|have} an opening date without a time of day, where other visits have one; the turnaround and the weekday × hour load leave {0:it|them} out, as the hours from opening to closing are not known; export the opening time too if these matter";

/// Visits closed before they were opened: how many, an example.
pub const CLOSED_BEFORE_OPENED: &str = "{} {visit|visits} (such as {}) {0:is|are} closed before {0:it was|they were} opened; {0:it is|they are} kept, and left out of the turnaround, where a negative time would distort it; correct {0:its|their} dates";

/// A money column whose mark before three digits is a thousands mark: the column, the
/// file, the mark, how many cells, one of them.
pub const THOUSANDS_MARK: &str = "the column {} of {} puts {} between thousands and never before decimals, as an Excel in an English or German locale does: {} of its cells (such as {}) {3:is|are} read as whole thousands, since money has two decimals; if they are decimals, write them with two decimal places";

/// A number or whole-number column whose mark before three digits is a thousands mark:
/// the column, the file, the mark, how many cells, one of them.
pub const THOUSANDS_MARK_NUMBER: &str = "the column {} of {} puts {} between thousands and never before decimals, as an Excel in an English or German locale does: {} of its cells (such as {}) {3:is|are} read as whole thousands; if they are fractions of three decimals, write them with another number of decimals";

/// A date column read month first: the column, the file, how many cells, one that can
/// only be read so.
pub const MONTH_FIRST: &str = "the column {} of {} writes its dates month first, as an Excel in an English locale does: {} of its cells {2:is|are} read so, since some (such as {}) can be read no other way and none can only be read day first; if that is wrong, correct those cells";

/// A date column read month first where every cell that can only be read so is on a row
/// rejected for another reason: the column, the file, how many cells of accepted rows were
/// read so, one of them (rejected rows are not quoted: the rejects name them).
pub const MONTH_FIRST_BY_REJECTED: &str = "the column {} of {} writes its dates month first, as an Excel in an English locale does: {} of its cells on rows read {2:is|are} read so (such as {}), since cells of rows rejected for another reason can be read no other way and none can only be read day first; if that is wrong, correct those cells";

/// Money cells of more than two decimals, rounded to the kopeck: how many, the column,
/// the file, the first one as written, what it was read as.
pub const SUB_KOPECK: &str = "{} {cell|cells} of the column {} of {} {0:gives|give} money with more than two decimals (such as {}, read as {}): money is kept to the kopeck, so each was rounded to the kopeck (half away from zero); if the sums must add up to the kopeck, round them in the accounting system and export again";

/// Order lines whose amount is quantity × price, the discount not taken off: how many,
/// of how many lines with a discount, the amount's header, the sum of their discounts.
pub const GROSS_AMOUNTS: &str = "{} of the {} order {1:line|lines} with a discount {0:has|have} an amount ({}) equal to quantity × price, as if the discount were not taken off: {0:its discount totals|their discounts total} {}, by which the revenue is overstated if so; the amount is read as after the discount, so if the export has that amount in another column, name it under [columns.order_lines] (amount = \"…\"); if the price is already net of the discount, nothing is wrong";

/// Rows whose service code is a price-list code written another way: how many, the table,
/// the spellings (`то-1` → `TO-1`, …).
pub const RESPELLED: &str = "{} {} {row names|rows name} a service code of the price list written another way (in another case, with spaces, or with Cyrillic letters that look Latin): {}; {0:it is|they are} counted under the price list's code (correct the codes in the accounting system to silence this)";

/// The brand read from a column of the whole car: its header, the file, the rows, the
/// first car and what it gave.
pub const VEHICLE_SPLIT: &str = "the column {} of {} holds the whole car and no column holds the brand alone: {} {visit|visits} took {2:its|their} brand (and, where the export has no column for them, model and plate) from it, e.g. {} as {}; if the brand is elsewhere, name its column under [columns.visits] in stoa.toml";

/// Order lines grouped under rows of their visits (with subtotals, or the visit alone): the
/// file, the lines, the group rows, the first group's visit.
pub const GROUPED_LINES: &str = "the order lines of {} are grouped by visit, as a 1C report lays them out: {} {line|lines} under {} visit {row|rows}, with {2:its subtotal|their subtotals} where given (e.g. {}); each line takes the visit of its group, and the group rows are set aside as subtotals, as the total row is";

/// Visit groups of a grouped report whose subtotal is not their lines' sum: how many, the
/// file, the first one's visit, its subtotal and its lines' sum.
pub const GROUP_SUBTOTALS: &str = "{} visit {group|groups} of {} {0:gives|give} a subtotal other than the sum of {0:its|their} lines (e.g. {}: {} against {}); the lines are read as they are: check the group in the accounting system (a discount on the whole order, a line left out of the export)";

/// Order lines laid out as visit groups and not read so, since fewer than half their
/// subtotals are their lines' sum: the file, the group rows, the lines, the subtotals that
/// match, those given, the first group that differs with its subtotal and its lines' sum.
pub const GROUPS_REFUSED: &str = "the order lines of {} look grouped by visit, as a 1C report lays them out ({} visit {row|rows} over {} {line|lines}), but only {} of the {} {subtotal|subtotals} given {3:is|are} the sum of {3:its|their} lines (e.g. {}: {} against {}), so they were not read as groups: the visit rows were rejected for want of a description and the lines for want of a visit; export the report without subtotals (a flat list of lines, each with its visit number), or check the discounts: a discount on the whole order makes a subtotal differ from its lines";

/// Rows giving the bare number of a visit the visits name by its 1C document title: how
/// many, the table, the numbers and the titles they became.
pub const VISITS_BY_TITLE: &str = "{} {} {row gives|rows give} the bare number of a visit that the visits name by its 1C document title: {}; each is counted under the one visit whose title has that number (a number that two titles share, as 1C starts its numbers again each year, stays unmatched)";

/// A table read from several sheets of its workbook together: its rows, the table, the
/// file, each sheet with its rows, and the `[files]` line reading the first sheet alone.
pub const SHEETS_READ: &str = "{} {} {row was|rows were} read together from several sheets of {}: {}; to read one sheet alone, name it under [files] in stoa.toml (e.g. `{}`)";

/// Rows whose visit number is a visit's written another way: how many, the table, the
/// spellings (`зн-000002` → `ЗН-000002`, …).
pub const VISITS_RESPELLED: &str = "{} {} {row gives|rows give} the number of a visit written another way than the visits do (in another case, with spaces, or with Cyrillic letters that look Latin): {}; {0:it is|they are} counted under the visit's number";

/// Rows whose reference is in the other table only without its leading zeros: how many,
/// the table, the column, the other table, an example of each spelling.
pub const ZEROS_DROPPED: &str = "{} {} {row has|rows have} a {} that is in `{}` only with other leading zeros (e.g. {} there as {}): Excel drops leading zeros when it opens and saves a file; export both tables again without saving them from Excel";

/// Visits still open (in progress) when the data was exported: how many.
pub const OPEN_VISITS: &str = "{} {visit is|visits are} still open (in progress); {0:it is|they are} kept, and {0:counts|count} nowhere until the accounting system marks {0:it|them} done";

/// No price list in the data folder.
/// An optional table there only as a file of a kind stoa does not read: the file, the
/// table.
pub const UNREAD_KIND: &str = "{} holds `{}` in a kind of file stoa does not read, so the table was left out: save it as .xlsx or .csv (in Excel: File → Save As; in Numbers: File → Export To → Excel)";
pub const NO_PRICE_LIST: &str = "no price list was found: the price comparison and the service reminders are empty; add the price list (price_list), with interval_months or interval_km for the services to remind of";
/// A price list without any interval.
/// No order line has norm hours: the figures of hours are unknown, not zero.
pub const NO_NORM_HOURS: &str = "no order line has norm hours (the lines have no column for them, or it is empty in every row), so the bay load, hours per visit and the norm hours of demand and of the mechanics are left empty, not zero; if the export has them under another header, name it under [columns.order_lines] in stoa.toml (norm_hours = \"…\")";
pub const NO_INTERVALS: &str = "no service of the price list has an interval (interval_months or interval_km), so no service reminders can be made; add the intervals of the services to remind of (an oil change every 12 months or 15 000 km, say)";
/// Competitor prices none of which is fresh on the as-of date: how many, the as-of date,
/// how many are too old, the setting's days, the latest of the old ones, how many are
/// after the as-of date.
pub const STALE_COMPETITORS: &str = "none of the {} competitor {price|prices} can be compared on the as-of date {}: {} {2:is|are} older than competitors.max_age_days ({} days; the latest of them was observed on {}) and {} {5:is|are} dated after the as-of date, so the price comparison shows our prices only; collect current prices, or raise competitors.max_age_days in stoa.toml";
/// Competitor prices all dated after the as-of date: how many, the as-of date, the
/// earliest.
pub const LATE_COMPETITORS: &str = "{0:the|all} {} competitor {price is|prices are} dated after the as-of date {} (the earliest on {}), so the price comparison shows our prices only; prices observed after the month count in a later month's report";
/// No competitor prices in the data folder.
pub const NO_COMPETITORS: &str = "no competitor prices were found (competitor_prices): the price comparison shows our prices only";

/// No client agreed to marketing: how many clients there are.
pub const NO_CONSENT: &str = "none of the {} {client|clients} has agreed to marketing (the consent column is missing, or says no for every client), so every mail-merge list is empty; if the export has that column under another name, name it under [columns.clients] in stoa.toml (consent = \"…\")";

/// Agents' commissions that were fractions (Excel's `10%` cells) and are read as percentages:
/// how many.
pub const PERCENT_FRACTIONS: &str = "{} {agent has|agents have} a commission_pct above 0 that the workbook stores as a number no greater than 1, as it stores every agent's, some between 0 and 1: such cells hold fractions, as a cell formatted as a percentage in Excel does (10 % is stored as 0,1, 100 % as 1), so they are read as percentages (0,1 as 10 %, 1 as 100 %); if the commissions really are 1 % or less, write them as text, such as «0,5 %»";

/// Categories or channels spelled outside stoa's vocabulary: rows, table, column, the
/// spellings with what each was read as, the vocabulary, one spelling, the values.
pub const UNREAD_VALUES: &str = "{} {} {row has|rows have} a {} that is not among stoa's words: {}; {0:it is|they are} counted so, and to count {0:it|them} otherwise name them under [{}] in stoa.toml, as \"{}\" = one of {}";

/// Visit numbers whose rows are different visits: how many, the first few.
pub const COLLIDED: &str = "{} visit {number names|numbers name} different visits (at another station, of another client or on another day), such as {}: a chain whose stations number their orders apart, or a number used twice; as for any repeated number the first visit is kept and the others rejected, so every order line and feedback row of the number is counted under the first visit, though some belong to the others; make the numbers unique (prefix them with the station, say) and export again";

/// A file read by what it holds, which its name does not say: the file, its extension,
/// the format it holds, its rows, that format's extension.
pub const DISGUISED: &str = "{} is named .{} but holds {} (as some systems export for Excel); its {} {row was|rows were} read as {} (rename it .{} to read it without this warning)";

/// Hidden sheets holding the table's columns, not read: the sheets, the file, the table,
/// the `[files]` line that reads the first.
pub const HIDDEN_SHEETS: &str = "the hidden sheet(s) {} of {} also hold the columns of `{}` and were not read, as Excel does not show them; to read one, name it under [files] in stoa.toml (e.g. `{}`)";

/// A sheet in view of a workbook read from several that was not read, holding no header of
/// the table: the sheet, the file, the table, the required columns not found, the cells of
/// its row nearest a header, the section of `stoa.toml` for the table's synonyms.
pub const SKIPPED_SHEET: &str = "the sheet «{}» of {} was not read as `{}`: no row of it names every required column ({} not found, in a Russian export {}; its row nearest a header: {}); if the sheet holds rows of this table, rename its header or add a synonym under {} in stoa.toml";

/// A sheet in view of a workbook read from several, set aside as another table's: the
/// sheet, the file, the table, the table's columns its header names (only those another
/// table has too), the table whose columns it names more of, the `[files]` line that reads
/// it as this table.
pub const SHEET_OF_OTHER: &str = "the sheet «{}» of {} was not read as `{}`: its header names no column of it but {}, which other tables have too, and more columns of `{}`, so it looks like that table's sheet; if it does hold this table, name it under [files] in stoa.toml (e.g. `{}`)";

/// A sheet in view of a workbook read from several, set aside as a summary: the sheet, the
/// file, the table, the table's columns its header names (only those a summary has too),
/// the `[files]` line that reads it as this table.
pub const SHEET_SUMMARY: &str = "the sheet «{}» of {} was not read as `{}`: its header names no column of it but {}, which a summary (a row a visit or a client) has too, so its rows would count again what the other sheets hold; if it does hold this table, name it under [files] in stoa.toml (e.g. `{}`)";

/// Ids, codes or phones in Excel's scientific notation: how many, the table, the column's
/// header as the file writes it (in «»), an example.
pub const SCIENTIFIC: &str = "{} {} {row has|rows have} the column {} in Excel's scientific notation (e.g. {}): Excel shows a long number so in a narrow cell and saves only the digits shown, so the number is lost and different ones may read as one; export the table again without opening and saving it in Excel, or format the column as text before saving";

/// Visits whose time of day is in a column of its own: how many, the time column, the
/// file, the date column, an example as read.
pub const TIMES_JOINED: &str = "{} {visit|visits} took {0:its|their} time of day from the column {} of {} into the date of {} (e.g. {}); a date that gives its own time keeps it";

/// Visits with no time of day at all: how many, the date column.
pub const NO_TIME_OF_DAY: &str = "none of the {} {visit|visits} has a time of day in {} (every one is at 0:00): the weekday × hour load and the turnaround leave {0:it|them} out, as the hours from opening are not known; if the export keeps the time in a column of its own, name it under [columns.visits] in stoa.toml (e.g. `opened_time = [\"Время\"]`), or export the date with its time";

/// Clients whose name is in parts: how many, the columns, the file, an example.
pub const NAMES_JOINED: &str = "{} {client|clients} took their full name from the columns {} of {} (e.g. {}); a name that already holds the surname is kept as written";

/// Visits read from a flat table of lines: the file, the amount's column, the visits,
/// the rows set aside.
pub const FURTHER_LINES: &str = "{} holds a row per order line (it has the column {}): {} {visit was|visits were} read from it, and its {} {row|rows} that {3:repeats|repeat} a visit's columns for its further lines, or {3:leaves|leave} them empty below it (all of them or some), {3:was|were} read as that visit's order lines only, not as visits";

/// A flat table's rows of visits without work: how many, the file.
pub const VISITS_WITHOUT_LINES: &str = "{} {row|rows} of {} {0:gives|give} a visit and no order line (no work, part or amount, as the table gives each visit's columns on its lines) and {0:was read as a visit only, not as an order line|were read as visits only, not as order lines}";

/// Order lines whose amount was computed from the price: how many, the file, the price's
/// column.
pub const AMOUNTS_FROM_PRICES: &str = "{} order {line|lines} of {} {0:has|have} no amount column (such as Сумма): each line's amount was computed as quantity × price ({}) less the discount, rounded to the kopeck; if the accounting system's amounts differ, export its amount column as well";
/// Order lines whose amount was computed from the amount before the discount: how many,
/// the file, the gross's column, the discount's columns.
pub const AMOUNTS_FROM_GROSS: &str = "{} order {line|lines} of {} {0:has|have} no amount after the discount (such as Сумма or Сумма со скидкой): each line's amount was computed as its amount before the discount ({}) less its discount ({}), to the kopeck; if the accounting system's amounts differ, export its amount column as well";
/// The same without a discount column: how many, the file, the gross's column.
pub const AMOUNTS_GROSS_ONLY: &str = "{} order {line|lines} of {} {0:has|have} no amount after the discount (such as Сумма or Сумма со скидкой) and no discount column: each line's amount is its amount before the discount ({}), so any discount given is counted as revenue; export the amount after the discount, or the discount, as well";
/// The same where a percentage discount is taken off: how many, the file, the price's
/// header, the percentage's header.
pub const AMOUNTS_FROM_PERCENT: &str = "{} order {line|lines} of {} {0:has|have} no amount column (such as Сумма): each line's amount was computed as quantity × price ({}) less its percentage discount ({}) where the line gives no discount amount, rounded half away from zero to the kopeck; if the accounting system's amounts differ, export its amount column as well";
/// Percentage discounts a workbook stores as fractions from 0 to 1: how many (not 0), the
/// column, the file.
pub const DISCOUNT_FRACTIONS: &str = "{} order {line has|lines have} a percentage discount ({} of {}) above 0 that the workbook stores as a number no greater than 1, as it stores every line's, some between 0 and 1: such cells hold fractions, as a cell formatted as a percentage in Excel does (10 % is stored as 0,1, 100 % as 1), so they are read as percentages (0,1 as 10 %, 1 as 100 %) and taken off the amounts computed from the price; if the discounts really are 1 % or less, write them as text, such as «0,5 %»";

/// Total rows inside a table, with data below them: how many, the file (and sheet), the
/// first one's row and its first cell.
pub const SUBTOTALS: &str = "{} {row|rows} inside {} {0:starts|start} with a total word and {0:has|have} data below {0:it|them} (e.g. row {}: {}): {0:it was set aside as a subtotal|they were set aside as subtotals} and not read, as a table's total row is not, and the rows below {0:it|them} were read";

/// Rows below a table's total row that are not blank, not read: how many, the table, the
/// total's row, the file (and sheet), the first one's row and cells.
pub const BELOW_TOTAL: &str = "{} {row|rows} of `{}` below the total row (row {}) of {} {0:was|were} not read (such as row {}: {}); a table ends at its total row: if {0:it is a line|they are lines} of work, move {0:it|them} above the total row and export again";

/// Rows whose visit number lost (or gained) leading zeros: how many, the table, the
/// spellings.
pub const VISITS_UNZEROED: &str = "{} {} {row gives|rows give} the number of a visit with other leading zeros than the visits do: {}; Excel drops leading zeros when it opens and saves a file, so {0:it is|they are} counted under the visit's number; export the tables again without saving them from Excel";

/// A header of two rows: the file, each column read by its group cell and its own
/// (`«Сумма» + «со скидкой» → amount`), the section of `stoa.toml` that names the table's
/// headers.
pub const JOINED_HEADER: &str = "the header of {} takes two rows (a group cell over the cells of its columns), and the data begin below the second: {} were named by the group cell and the cell under it together; if a column is read wrongly, name its header under [{}] in stoa.toml";

/// Several header cells naming one column, some by the same name (each of those shown
/// with its place among the cells of that name, `«Сумма»#2`): the cells, the file, the
/// column (as [`PASSED_OVER`] names it), the cell read, the section of `stoa.toml`, the
/// column's key, the name of another
/// cell with its place, that cell.
pub const SAME_NAMED_CELLS: &str = "the columns {} of {} all name {}; {} is read; to read another, name it under [{}] in stoa.toml, a cell whose name is repeated by its place among the cells of that name ({} = \"{}\" reads {})";

/// Price-list services with an interval of 0: how many, examples.
pub const ZERO_INTERVALS: &str = "{} {service|services} of the price list {0:has|have} an interval of 0 (e.g. {}), which many exports write for an empty cell: it is read as no interval, since a service due again the day it was done would be on every reminder list as overdue; to be reminded of such a service, give its interval in months or km";

/// Formulas with no saved value: how many cells, the column, the file (and sheet), the
/// first one's address and formula.
pub const UNSAVED_FORMULAS: &str = "{} {cell|cells} of the column {} in {} {0:holds|hold} a formula whose value was never saved (e.g. {}: ={}), so {0:it reads|they read} as empty: the workbook was written by a program that does not compute formulas; open it in Excel or LibreOffice, save it, and run stoa again";

/// An id column whose every cell is an integer followed by `.0`: the column, the file, how
/// many cells, the first one, what it was read as.
pub const DOT_ZERO: &str = "the column {} of {} writes its ids as decimal numbers, as pandas does for a number column with an empty cell: its {} {2:cell|cells} (such as {}, read as {}) {2:is|are} read without `.0`, so that they match the other tables' ids; if the ids really end in `.0`, write them as text";

/// Money cells ending in `?` after the number: how many, the column, the file, the first,
/// the station's currency sign.
pub const LOST_SIGN: &str = "{} {cell|cells} of the column {} of {} {0:ends|end} in `?` after the amount (such as {}): that is taken for the station's currency sign {} of a money format, which a CSV saved in Windows-1251 cannot hold (as it cannot hold `₽`), so each is read as the amount before it; to keep the sign, save the CSV as UTF-8";

/// Rows that repeat the header, skipped: how many, the file, the first one's row.
pub const HEADER_ROWS_SKIPPED: &str = "{} {row|rows} of {} {0:repeats|repeat} the header ({0:at|the first at} row {}), as a report printed by pages or exports pasted together do: {0:it is|they are} skipped as no data and not counted";

/// The report on a station's folder of `stoa split` whose settings give the station no
/// capacity of its own: the station, the bays of `[capacity]`, the station again.
pub const PART_CAPACITY: &str = "this data folder is the station {} of a chain split by `stoa split`, and its stoa.toml gives the station no capacity of its own: the bay load is computed against [capacity] ({} bays), which the split copied from the chain's settings; if that is the whole chain's capacity, the load is understated; add [stations.{}.capacity] with the station's own bays to the folder's stoa.toml";

/// A money column whose header gives it in kopecks or in thousands or millions of roubles
/// (of the station's currency, `currency` in stoa.toml: `thousands of USD`), read scaled:
/// the column, the file, the unit, the money it is read in (`roubles`, `USD`), a figure
/// of the unit, the money it is read as with its sign, the money again.
pub const SCALED_MONEY: &str = "the column {} of {} gives its money in {}, as its header says: its figures were read so and turned into {} ({} as {}); if they are {} after all, correct the header in the file";

/// A distance column whose header gives it in thousands of km (`Пробег, тыс. км`,
/// `Интервал, тыс. км`), read scaled: the column, the file, a figure of it, the km it is
/// read as.
pub const SCALED_KM: &str = "the column {} of {} gives its distances in thousands of km, as its header says: its figures were read so and turned into km ({} as {} km); if they are km after all, correct the header in the file";

/// A Parquet time stamp column stored in UTC, read as the UTC clock shows it: the column,
/// the file, how many values have a time of day.
pub const UTC_TIMES: &str = "the column {} of {} holds times in UTC (a Parquet time stamp of the zone UTC), while the report's dates are the station's local time: its {} {time|times} of day {2:is|are} read as the UTC clock shows {2:it|them}, hours off the station's (in Moscow, 3 hours early: a visit at 00:30 on the 1st is read as 21:30 on the last day of the month before); export the column in the station's time zone (a time stamp of the zone Europe/Moscow) or as local time without a zone";

/// A date column whose slash dates show no order of their own, read month first as
/// another date column shows them (of its file, else of another file of the data): the
/// column, the file, the column it followed, that column's file, a date of that column
/// that can only be read month first, how many cells were read so, one of them.
pub const MONTH_FIRST_FOLLOWED: &str = "the column {} of {} is read month first, as the column {} of {} is, whose dates such as {} can be read no other way: none of its own slash dates tells the order (each has both numbers 12 or less), and one export writes all its dates one way; {} of its cells {5:is|are} read so (such as {}); if that is wrong, correct those cells";

/// [`MONTH_FIRST_FOLLOWED`], where only rows rejected for another reason have a date of
/// the column followed that can be read no other way, which is not quoted: the column,
/// the file, the column it followed, that column's file, how many cells were read month
/// first, one of them.
pub const MONTH_FIRST_FOLLOWED_BY_REJECTED: &str = "the column {} of {} is read month first, as the column {} of {} is, whose dates on rows rejected for another reason can be read no other way: none of its own slash dates tells the order (each has both numbers 12 or less), and one export writes all its dates one way; {} of its cells {4:is|are} read so (such as {}); if that is wrong, correct those cells";

/// A file whose dates are written both day first and month first: the file, a column and
/// a date of it that can only be read day first, a column and a date that can only be
/// read month first, how many cells were read day first, how many month first.
pub const DATES_MIXED: &str = "the dates of {} are written both day first and month first, as if two exports were joined: the column {} has {}, which can be read only day first, and the column {} has {}, which can be read only month first; {} date {cell is|cells are} read day first (those written with dots, and the slash dates of a column read day first) and {} month first (the slash dates of a column read month first); if one export wrote them all, correct the cells written the other way";

/// Files of the data whose slash dates show different orders: a file read month first,
/// what shows it ([`SHOWN_BY`] or [`SHOWN_BY_REJECTED`]); a file read day first, what
/// shows it.
pub const MONTH_FIRST_CONFLICT: &str = "the slash dates of {} are written month first ({}), and those of {} day first ({}): each file is read as its own dates show, and a date column whose slash dates can all be read either way (both numbers 12 or less) is read as the other date columns of its file show, else day first; if one of the exports wrote its dates otherwise, correct those cells";

/// What shows a file's order of slash dates in [`MONTH_FIRST_CONFLICT`]: a column, a date
/// of an accepted row that can be read only that way.
pub const SHOWN_BY: &str = "the column {} has {}, which can be read no other way";

/// [`SHOWN_BY`] where only rows rejected for another reason have such a date, which is not
/// quoted: the user would look for a row that was not read. The column.
pub const SHOWN_BY_REJECTED: &str =
    "the column {} has such dates only on rows rejected for another reason";

/// The phrases some warnings take as an argument, for the renderers.
pub const PHRASES: [&str; 2] = [SHOWN_BY, SHOWN_BY_REJECTED];

/// Rows of one text cell after a table's last blank row, not read: how many, the file (and
/// sheet), the first one's row and cell, the table.
pub const FOOTER: &str = "{} {row|rows} at the end of {} {0:holds|hold} one text cell alone below the table's last blank row (such as row {}: {}): a footer of the export (a signature, the time it was made), not a row of `{}`; {0:it was|they were} not read, and {0:is|are} not counted among the rows read, as the rows below a total row are not; if {0:it|one} is a row of the table, fill in its other cells";

/// A hidden column of a sheet passed over for a column in view that names its column too:
/// the hidden column's letter and header cell, the file (and sheet), the table's column,
/// the letter and header cell of the column read, the section of `stoa.toml` that names
/// the table's headers, the column and the name that reads the hidden one (`Сумма#1`).
pub const HIDDEN_COLUMN: &str = "the column {} ({}) of {} is hidden and names {}, as the column {} ({}) in view does: the column in view is read, as Excel shows it, and the hidden one is not; to read the hidden one instead, name it under [{}] in stoa.toml ({} = \"{}\")";
/// A money column whose header names roubles (`Сумма, руб.`, `Цена (₽)`) at a station
/// whose books are in another currency, read as it is, in the station's currency (session
/// 34): the header cell, the file, the station's currency, again, and once more.
pub const HEADER_ROUBLES: &str = "the header of the column {} of {} names roubles, while the station keeps its books in {} (`currency` in stoa.toml): its figures were read as they are, as {}, and not converted; check which money the export gives: if roubles, convert them or set `currency = \"RUB\"`, and if {}, correct the header in the file";
/// Companies with a birthday set, left out of the birthday greetings (session 32): how
/// many. Said by the greetings section of a report.
pub const COMPANY_BIRTHDAYS: &str = "{} {client|clients} of kind company (юрлицо) {0:has|have} a birthday set: a company is greeted on holidays, not on a birthday (its date is a founding day or a slip), so {0:this date is|these dates are} left out of the birthday greetings; if such a client is a person, set its kind to person (физлицо)";

/// Done visits of the weekday × hour load (M−11 … M) opened on a date alone, left out of
/// it (session 35; they were counted at midnight): how many, of how many, the first month,
/// the report month. Said by a report with the demand section.
pub const UNTIMED_LOAD: &str = "{} of the {} done {visit|visits} of {} to {} {0:has|have} an opening date without a time of day (read as 0:00), so the weekday × hour load leaves {0:it|them} out and counts the visits with a time only; every other figure counts them; export the opening time too if the hours of arrival matter";

/// Every warning, for the renderers and their tests.
pub const WARNINGS: [&str; 90] = [
    PART_CAPACITY,
    MONTH_FIRST_BY_REJECTED,
    HEADER_ROWS_SKIPPED,
    DOT_ZERO,
    LOST_SIGN,
    STRAY,
    NO_CLIENT,
    NO_AGENT,
    PASSED_OVER,
    LOOSE_HEADER,
    RESPELLED,
    ZEROS_DROPPED,
    OPEN_VISITS,
    NO_PRICE_LIST,
    UNREAD_KIND,
    NO_INTERVALS,
    NO_NORM_HOURS,
    NO_COMPETITORS,
    STALE_COMPETITORS,
    LATE_COMPETITORS,
    NO_CONSENT,
    PERCENT_FRACTIONS,
    GROSS_AMOUNTS,
    MONTH_FIRST,
    THOUSANDS_MARK,
    SUB_KOPECK,
    REPEATED_LINES,
    CLOSED_BEFORE_OPENED,
    CLOSED_WITHOUT_TIME,
    OPENED_WITHOUT_TIME,
    STRAY_HEAD,
    UNREAD_VALUES,
    COLLIDED,
    DOCUMENT_TITLES,
    MERGED_CELLS,
    VISITS_RESPELLED,
    SHEETS_READ,
    VEHICLE_SPLIT,
    GROUPED_LINES,
    GROUP_SUBTOTALS,
    GROUPS_REFUSED,
    VISITS_BY_TITLE,
    DISGUISED,
    HIDDEN_SHEETS,
    SKIPPED_SHEET,
    SHEET_OF_OTHER,
    SHEET_SUMMARY,
    SCIENTIFIC,
    TIMES_JOINED,
    NO_TIME_OF_DAY,
    NAMES_JOINED,
    FURTHER_LINES,
    VISITS_WITHOUT_LINES,
    AMOUNTS_FROM_PRICES,
    AMOUNTS_FROM_PERCENT,
    AMOUNTS_FROM_GROSS,
    AMOUNTS_GROSS_ONLY,
    DISCOUNT_FRACTIONS,
    SUBTOTALS,
    BELOW_TOTAL,
    VISITS_UNZEROED,
    THOUSANDS_MARK_NUMBER,
    JOINED_HEADER,
    SAME_NAMED_CELLS,
    ZERO_INTERVALS,
    UNSAVED_FORMULAS,
    PARTIAL_MONTH,
    EMPTY_MONTH,
    EMPTY_MONTH_STATION,
    UNBORN,
    COMEBACKS_NOT_FINAL,
    NEW_CLIENTS_UNREGISTERED,
    OFF_SCALE_SCORES,
    MIXED_SCALES,
    SCALE_SWITCHED,
    SCALE_SWITCHED_AT,
    SCALED_MONEY,
    SCALED_KM,
    UTC_TIMES,
    MONTH_FIRST_FOLLOWED,
    MONTH_FIRST_FOLLOWED_BY_REJECTED,
    DATES_MIXED,
    MONTH_FIRST_CONFLICT,
    FOOTER,
    REPEATED_EXPORT,
    CLIENTS_RESPELLED,
    HIDDEN_COLUMN,
    COMPANY_BIRTHDAYS,
    HEADER_ROUBLES,
    UNTIMED_LOAD,
];
