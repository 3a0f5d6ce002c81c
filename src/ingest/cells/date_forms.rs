//! The general plan for date and date-time cells, which the strict pass of
//! [`super::dates`] leaves to it: every form an export writes (month names in Russian and
//! English, two-digit years, slashes, `yyyymmdd`, ISO with `T` and a time zone, Excel
//! serials) rewritten as ISO text by regexes, then read by strptime.

use polars::prelude::*;

/// Excel's day 0 is 1899-12-30; Unix day 0 is serial 25 569.
const EXCEL_UNIX_EPOCH: f64 = 25_569.0;
const MS_PER_DAY: f64 = 86_400_000.0;

/// Excel serial number (days since 1899-12-30, fraction = time of day) as milliseconds
/// since the Unix epoch, to the nearest second; null when the text is not a plausible serial (from 10 000, 18 May
/// 1927, to the year 9999). The fraction may follow a decimal comma, as a Russian Excel
/// writes a serial to CSV. A smaller number in a date column is not a date: `1985` is a
/// year and `09.08` a day and month without one, which read as serials were days of 1905
/// and 1900 (a client greeted on 16 June for a birthday written `1994`).
const LEAST_SERIAL: f64 = 10_000.0;

/// See [`LEAST_SERIAL`].
fn serial_ms(s: Expr) -> Expr {
    let f = s
        .clone()
        .str()
        .replace(lit(","), lit("."), true)
        .cast(DataType::Float64);
    let ok = s
        .str()
        .contains(lit(r"^\d+([.,]\d+)?$"), false)
        .and(f.clone().gt_eq(lit(LEAST_SERIAL)))
        .and(f.clone().lt(lit(2_958_466.0)));
    // To the nearest second, as Excel shows a date-time: `45231,33333` is 07:59:59.7,
    // which Excel shows as 08:00 (and the hour of a visit is 8, not 7).
    when(ok)
        .then(
            ((f - lit(EXCEL_UNIX_EPOCH)) * lit(MS_PER_DAY / 1000.0))
                .round(0, RoundMode::HalfAwayFromZero)
                .cast(DataType::Int64)
                * lit(1000i64),
        )
        .otherwise(lit(NULL).cast(DataType::Int64))
}

fn strptime_opts(format: &str) -> StrptimeOptions {
    StrptimeOptions {
        format: Some(format.into()),
        strict: false,
        exact: true,
        cache: true,
    }
}

/// The months as a date written in words gives them after the day: Russian in the
/// genitive (`1 марта 2026 г.`, Excel's long date in a Russian locale), the nominative
/// some exports use, and the abbreviations of Excel's `ДД МММ ГГГГ` and `Д-МММ-ГГ` formats
/// (`6 мар 2026`, `6-мар-26`, `6 сент. 2026`); then the English names and abbreviations
/// (`6-Mar-2026`). Longer names come first, as the first name that matches is taken.
const MONTH_NAMES: [&str; 12] = [
    "января|январь|янв|january|jan",
    "февраля|февраль|февр|фев|february|feb",
    "марта|март|мар|march|mar",
    "апреля|апрель|апр|april|apr",
    "мая|май|may",
    "июня|июнь|июн|june|jun",
    "июля|июль|июл|july|jul",
    "августа|август|авг|august|aug",
    "сентября|сентябрь|сент|сен|september|sept|sep",
    "октября|октябрь|окт|october|oct",
    "ноября|ноябрь|нояб|ноя|november|nov",
    "декабря|декабрь|дек|december|dec",
];

/// Every date form rewritten as ISO `yyyy-mm-dd[ hh:mm[:ss]]`, so that three formats
/// (and the serial) parse them all.
pub(super) fn date_text(s: Expr) -> Expr {
    // `1 марта 2026 г.`, `6-мар-26` (and with a time) → `1.3.2026 г.`, `6.3.26`: one
    // rewrite per month, each touching only its own month's cells; the rules for dates in
    // digits below then read them. An English locale writes the month first (`Mar 5,
    // 2026`, `March 5, 2026`, as CRMs in English export a date), read so with a
    // four-digit year.
    let s = MONTH_NAMES.iter().enumerate().fold(s, |s, (i, names)| {
        s.str()
            .replace(
                lit(format!(
                    r"(?i)^(\d{{1,2}})(?:\s+|-)(?:{names})\.?(?:\s+|-)(\d{{4}}|\d{{2}})(\s|г|$)"
                )),
                lit(format!("${{1}}.{}.${{2}}${{3}}", i + 1)),
                false,
            )
            .str()
            .replace(
                lit(format!(
                    r"(?i)^(?:{names})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(\s|$)"
                )),
                lit(format!("${{1}}.{}.${{2}}${{3}}", i + 1)),
                false,
            )
    });
    s.str()
        // `05.03.2024 г.` (the year's mark of Russian documents, also before a time):
        // the mark goes, the date stays.
        .replace(
            lit(r"^(\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\s*г\.?(\s|$)"),
            lit("${1}${2}"),
            false,
        )
        .str()
        // dd.mm.yy and dd/mm/yy → yyyy-mm-dd in Excel's window of two-digit years:
        // 00–29 are 2000–2029, 30–99 are 1930–1999 (a visit of "01.03.26", a birthday
        // of "15.06.85").
        .replace(
            lit(r"^(\d{1,2})[./](\d{1,2})[./]([0-2]\d)(\s|$)"),
            lit("20${3}-${2}-${1}${4}"),
            false,
        )
        .str()
        .replace(
            lit(r"^(\d{1,2})[./](\d{1,2})[./]([3-9]\d)(\s|$)"),
            lit("19${3}-${2}-${1}${4}"),
            false,
        )
        // dd.mm.yyyy, dd/mm/yyyy and dd-mm-yyyy → yyyy-mm-dd
        .str()
        .replace(
            lit(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})"),
            lit("${3}-${2}-${1}"),
            false,
        )
        // yyyy.mm.dd and yyyy/mm/dd → yyyy-mm-dd
        .str()
        .replace(
            lit(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})"),
            lit("${1}-${2}-${3}"),
            false,
        )
        // yyyymmdd, as databases and some 1C reports write a date (`20260305`): never an
        // Excel serial, whose largest, 31 December 9999, has seven digits.
        .str()
        .replace(
            lit(r"^((?:19|20)\d{2})(\d{2})(\d{2})(\s|$)"),
            lit("${1}-${2}-${3}${4}"),
            false,
        )
        // ISO `T` separator, a time zone (a web system's `+03:00` or `Z`: the time is kept
        // as written, the station's own) and fractional seconds
        .str()
        .replace(lit(r"^(\d{4}-\d{1,2}-\d{1,2})T"), lit("${1} "), false)
        .str()
        .replace(
            lit(r"(\d:\d{2}(?::\d{2})?(?:\.\d+)?)\s*(?:Z|[+-]\d{2}:?\d{2})$"),
            lit("${1}"),
            false,
        )
        .str()
        .replace(lit(r"(\d:\d{2})\.\d+$"), lit("${1}"), false)
}

const ISO_DATETIME: [&str; 2] = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"];
const ISO_DATE: &str = "%Y-%m-%d";

pub(super) fn datetime(p: Expr) -> Expr {
    let dt = DataType::Datetime(TimeUnit::Milliseconds, None);
    let mut tries: Vec<Expr> = ISO_DATETIME
        .iter()
        .map(|f| {
            p.clone().str().to_datetime(
                Some(TimeUnit::Milliseconds),
                None,
                strptime_opts(f),
                lit("raise"),
            )
        })
        .collect();
    tries.push(
        p.clone()
            .str()
            .to_date(strptime_opts(ISO_DATE))
            .cast(dt.clone()),
    );
    tries.push(serial_ms(p).cast(dt));
    coalesce(&tries)
}

pub(super) fn date(p: Expr) -> Expr {
    coalesce(&[
        p.clone().str().to_date(strptime_opts(ISO_DATE)),
        datetime(p).cast(DataType::Date),
    ])
}
/// Whether a date cell that did not parse is written in a date's form whose day does not
/// exist (`31.02.2026`, `29.02.2025`, `2026-04-31`, with or without a time of day): its
/// reason says so, where "expected dd.mm.yyyy" puzzled a user who had written just that.
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::cells::no_such_day;
/// let df = df!("v" => ["31.02.2026", "2026-04-31 10:00", "вчера", "05.13.2026"]).unwrap();
/// let out = df.lazy().select([no_such_day(col("v"))]).collect().unwrap();
/// let v: Vec<_> = out.column("v").unwrap().bool().unwrap().iter().flatten().collect();
/// assert_eq!(v, [true, true, false, false]);
/// ```
pub fn no_such_day(value: Expr) -> Expr {
    const DAY: &str = r"(0?[1-9]|[12]\d|3[01])";
    const MONTH: &str = r"(0?[1-9]|1[0-2])";
    const TIME: &str = r"([ T]([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?";
    let day_first = format!(r"^\s*{DAY}[./-]{MONTH}[./-](\d{{2}}|\d{{4}}){TIME}\s*$");
    let iso = format!(r"^\s*\d{{4}}[-./]{MONTH}[-./]{DAY}{TIME}\s*$");
    let form = |p: String| value.clone().str().contains(lit(p), false);
    form(day_first).or(form(iso))
}

/// Whether a cell is a slash date that can only be read month first (`09/17/2026`, its
/// second number 13 to 31): rejected as no date, it stood in a column read day first,
/// whose other slash dates can only be read so (`16/09/2026`,
/// [`super::date_order`]).
///
/// ```
/// use polars::prelude::*;
/// use stoa::ingest::cells::against_day_first;
/// let df = df!("v" => ["09/17/2026", "9/17/26 14:30", "16/09/2026", "17.09.2026"]).unwrap();
/// let out = df.lazy().select([against_day_first(col("v"))]).collect().unwrap();
/// let v: Vec<_> = out.column("v").unwrap().bool().unwrap().iter().flatten().collect();
/// assert_eq!(v, [true, true, false, false]);
/// ```
pub fn against_day_first(value: Expr) -> Expr {
    const FORM: &str = r"^\s*(0?\d|1[0-2])/(1[3-9]|2\d|3[01])/(\d{2}|\d{4})([ T].*)?\s*$";
    value.str().contains(lit(FORM), false)
}
