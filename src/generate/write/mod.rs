//! How the generated tables leave the building: as a Russian station's accounting system
//! exports them (Russian headers and values, `;`-separated CSV with decimal commas and
//! dd.mm.yyyy dates, workbooks with a title above the header and an Итого row), or as a
//! clean English data set (ISO dates, canonical values). Headers are chosen so that every
//! one of them is a header synonym of `crate::schema`, which a test checks.

use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use polars::io::csv::write::BatchedWriter as CsvBatched;
use polars::io::parquet::write::BatchedWriter as ParquetBatched;
use polars::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as XlsxFormat, Workbook};

use super::GenerateError;
use crate::cli::{Format, Lang};
use crate::schema::{EnumKind, Kind, Table};

/// The Russian header of a canonical column, as a Russian DMS titles it.
pub fn russian_header(table: Table, column: &str) -> &'static str {
    use Table::*;
    match (table, column) {
        (Visits | OrderLines | Feedback, "visit_id") => "Номер заказ-наряда",
        (Visits, "opened_at") => "Дата приёма",
        (Visits | Clients, "client_id") => "Код клиента",
        (Visits, "brand") => "Марка",
        (Visits, "model") => "Модель",
        (Visits, "plate") => "Госномер",
        (Visits, "vin") => "VIN",
        (Visits, "odometer_km") => "Пробег, км",
        (Visits, "closed_at") => "Дата выдачи",
        (Visits, "promised_at") => "Плановая дата выдачи",
        (Visits, "manager") => "Мастер-приёмщик",
        (Visits, "channel") => "Способ обслуживания",
        (Visits, "agent_id") => "Агент",
        (Visits, "status") => "Статус",
        (Visits, "station") => "Филиал",
        (OrderLines | PriceList | CompetitorPrices, "service_code") => "Код работы",
        (OrderLines | PriceList | CompetitorPrices, "description") => "Наименование",
        (OrderLines | PriceList, "category") => "Категория",
        (OrderLines, "kind") => "Тип",
        (OrderLines, "qty") => "Количество",
        (OrderLines, "unit_price") => "Цена",
        (OrderLines, "discount") => "Скидка",
        (OrderLines, "amount") => "Сумма",
        (OrderLines, "norm_hours") => "Нормочасы",
        (OrderLines, "mechanic") => "Исполнитель",
        (OrderLines, "warranty") => "Гарантия",
        (OrderLines, "cost") => "Себестоимость",
        (OrderLines, "declined") => "Отказ",
        (Clients, "name") => "ФИО",
        (Clients, "kind") => "Вид клиента",
        (Clients, "phone") => "Телефон",
        (Clients, "email") => "Эл. почта",
        (Clients, "birthday") => "Дата рождения",
        (Clients, "consent") => "Согласие на рассылку",
        (Clients, "bought_here") => "Куплен у нас",
        (Clients, "registered_at") => "Дата регистрации",
        (PriceList | CompetitorPrices, "price") => "Цена",
        (PriceList, "interval_months") => "Интервал, мес",
        (PriceList, "interval_km") => "Интервал, км",
        (CompetitorPrices, "competitor") => "Конкурент",
        (CompetitorPrices, "observed_at") => "Дата наблюдения",
        (Feedback, "score") => "Оценка",
        (Feedback, "comment") => "Комментарий",
        (Agents, "agent_id") => "Код агента",
        (Agents, "name") => "Наименование",
        (Agents, "kind") => "Вид",
        (Agents, "commission_pct") => "Комиссия, %",
        _ => panic!("no Russian header for {table}.{column}: add one to russian_header"),
    }
}

/// The header of a column in a language.
pub fn header(table: Table, column: &'static str, lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => russian_header(table, column),
        Lang::En => column,
    }
}

/// Canonical enum values and the Russian words an export uses for them (each one a word
/// the ingest normaliser knows, SPEC §2).
pub fn russian_values(kind: EnumKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        EnumKind::Channel => &[
            ("walk_in", "самотёк"),
            ("booking", "запись"),
            ("home", "выезд"),
            ("subscription", "абонемент"),
            ("fleet", "корпоративный"),
            ("warranty", "гарантия"),
            ("self_service", "самообслуживание"),
            ("agent", "агент"),
            ("other", "прочее"),
        ],
        EnumKind::Status => &[
            ("done", "выполнен"),
            ("cancelled", "отменён"),
            ("no_show", "неявка"),
            ("open", "в работе"),
        ],
        EnumKind::Category => &[
            ("wash", "мойка"),
            ("maintenance", "ТО"),
            ("diagnostics", "диагностика"),
            ("repair", "ремонт"),
            ("tires", "шиномонтаж"),
            ("body", "кузовной"),
            ("electrical", "электрика"),
            ("parts", "запчасти"),
            ("other", "прочее"),
        ],
        EnumKind::LineKind => &[("labor", "работа"), ("part", "запчасть")],
        EnumKind::ClientKind => &[("person", "физлицо"), ("company", "юрлицо")],
    }
}

/// A canonical frame as the export shows it: money in roubles, headers, enum words and
/// booleans in the language (Russian booleans as да/нет).
pub fn present(df: DataFrame, table: Table, lang: Lang) -> PolarsResult<DataFrame> {
    let exprs: Vec<Expr> = table
        .columns()
        .iter()
        .map(|c| {
            let e = col(c.name);
            let e = match (c.kind, lang) {
                (Kind::Money, _) => crate::model::rub(e),
                (Kind::Enum(kind), Lang::Ru) => {
                    let (from, to): (Vec<&str>, Vec<&str>) =
                        russian_values(kind).iter().copied().unzip();
                    e.replace(
                        lit(Series::new("from".into(), from)),
                        lit(Series::new("to".into(), to)),
                    )
                }
                (Kind::Bool, Lang::Ru) => when(e).then(lit("да")).otherwise(lit("нет")),
                _ => e,
            };
            e.alias(header(table, c.name, lang))
        })
        .collect();
    df.lazy().select(exprs).collect()
}

/// Rows an Excel sheet holds, header and title included.
pub const XLSX_MAX_ROWS: u64 = 1_048_576;

/// An output file being written batch by batch.
pub struct Sink {
    table: Table,
    /// Where the file is written (a temporary folder until the run succeeds).
    pub path: PathBuf,
    lang: Lang,
    /// The columns and dtypes of the file: a batch of other dtypes is refused, because
    /// polars' batched Parquet writer would store its buffers under the file's types
    /// (a Float64 score written as the Int64 of its bits).
    schema: Schema,
    inner: Inner,
    /// Data rows written so far.
    pub rows: u64,
}

enum Inner {
    Csv(CsvBatched<File>),
    Parquet(Box<ParquetBatched<File>>),
    Xlsx(Box<Sheet>),
}

/// A workbook of one table, filled in memory and saved at the end.
struct Sheet {
    workbook: Workbook,
    lang: Lang,
    /// The row the next data row goes to.
    next_row: u32,
    /// The first data row (after title and header).
    first_row: u32,
    money_total: f64,
    widths: Vec<usize>,
}

impl Sink {
    /// Open `dir/<table>.<ext>` for a table; `title` heads a Russian workbook, `exported` is
    /// the day the export claims to be made (a workbook's creation time).
    pub fn create(
        dir: &Path,
        table: Table,
        format: Format,
        lang: Lang,
        title: &str,
        exported: NaiveDate,
    ) -> Result<Sink, GenerateError> {
        let empty = super::tables::empty(table)
            .map_err(|source| GenerateError::Polars { table, source })?;
        Sink::create_like(dir, table, format, lang, title, exported, empty)
    }

    /// [`Sink::create`] for canonical frames of the dtypes of `like` (an empty frame will
    /// do) rather than the generator's: `stoa split` writes the typed model, whose scores
    /// may be fractions where the generator's are whole.
    pub fn create_like(
        dir: &Path,
        table: Table,
        format: Format,
        lang: Lang,
        title: &str,
        exported: NaiveDate,
        like: DataFrame,
    ) -> Result<Sink, GenerateError> {
        let ext = match format {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
            Format::Xlsx => "xlsx",
        };
        let path = dir.join(format!("{}.{ext}", table.name()));
        let polars_err = |source| GenerateError::Polars { table, source };
        let schema = present(like.clear(), table, lang)
            .map_err(polars_err)?
            .schema()
            .as_ref()
            .clone();
        let open = || {
            File::create(&path).map_err(|source| GenerateError::Io {
                path: path.clone(),
                source,
            })
        };
        let inner = match format {
            Format::Csv => {
                // Money is kopecks divided by 100: two decimals print it exactly.
                let w = CsvWriter::new(open()?).with_float_precision(Some(2));
                let w = match lang {
                    // What Excel on a Russian Windows opens by double-click.
                    Lang::Ru => w
                        .include_bom(true)
                        .with_separator(b';')
                        .with_decimal_comma(true)
                        .with_date_format(Some("%d.%m.%Y".into()))
                        .with_datetime_format(Some("%d.%m.%Y %H:%M".into())),
                    Lang::En => w
                        .with_date_format(Some("%Y-%m-%d".into()))
                        .with_datetime_format(Some("%Y-%m-%d %H:%M".into())),
                };
                Inner::Csv(w.batched(&schema).map_err(polars_err)?)
            }
            Format::Parquet => Inner::Parquet(Box::new(
                ParquetWriter::new(open()?)
                    .batched(&schema)
                    .map_err(polars_err)?,
            )),
            Format::Xlsx => Inner::Xlsx(Box::new(Sheet::new(
                table, &schema, lang, title, &path, exported,
            )?)),
        };
        Ok(Sink {
            table,
            path,
            lang,
            schema,
            inner,
            rows: 0,
        })
    }

    /// Append canonical rows.
    pub fn write(&mut self, df: DataFrame) -> Result<(), GenerateError> {
        let table = self.table;
        let polars_err = |source| GenerateError::Polars { table, source };
        let n = df.height() as u64;
        let df = present(df, table, self.lang).map_err(polars_err)?;
        if df.schema().as_ref() != &self.schema {
            return Err(polars_err(PolarsError::SchemaMismatch(
                format!(
                    "a batch of {:?} does not match the file's columns {:?}",
                    df.schema(),
                    self.schema
                )
                .into(),
            )));
        }
        match &mut self.inner {
            Inner::Csv(w) => w.write_batch(&df).map_err(polars_err)?,
            Inner::Parquet(w) => w.write_batch(&df).map_err(polars_err)?,
            Inner::Xlsx(sheet) => {
                if u64::from(sheet.next_row) + n + 1 >= XLSX_MAX_ROWS {
                    return Err(GenerateError::TooManyRows {
                        table,
                        rows: self.rows + n,
                    });
                }
                sheet.write(table, &df, &self.path)?;
            }
        }
        self.rows += n;
        Ok(())
    }

    /// Finish the file: flush and close it (a workbook gets its total row and is saved).
    pub fn finish(self) -> Result<PathBuf, GenerateError> {
        let table = self.table;
        let polars_err = |source| GenerateError::Polars { table, source };
        match self.inner {
            Inner::Csv(mut w) => w.finish().map_err(polars_err)?,
            Inner::Parquet(w) => {
                w.finish().map_err(polars_err)?;
            }
            Inner::Xlsx(mut sheet) => sheet.save(table, &self.path)?,
        }
        Ok(self.path)
    }
}

fn xlsx_err(path: &Path) -> impl Fn(rust_xlsxwriter::XlsxError) -> GenerateError + '_ {
    move |e| GenerateError::Xlsx {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Days from the Excel epoch (1899-12-30) to the Unix epoch.
const EXCEL_UNIX_DAYS: f64 = 25_569.0;

impl Sheet {
    fn new(
        table: Table,
        schema: &Schema,
        lang: Lang,
        title: &str,
        path: &Path,
        exported: NaiveDate,
    ) -> Result<Sheet, GenerateError> {
        let mut workbook = Workbook::new();
        // The creation time comes from the arguments, not the clock: the same arguments
        // must give the same bytes.
        let created = ExcelDateTime::from_ymd(
            exported.year() as u16,
            exported.month() as u8,
            exported.day() as u8,
        )
        .map_err(xlsx_err(path))?;
        workbook.set_properties(
            &DocProperties::new()
                .set_author("stoa generate")
                .set_creation_datetime(&created),
        );
        let sheet = workbook.add_worksheet();
        let err = xlsx_err(path);
        let name = match lang {
            Lang::Ru => table.russian_name(),
            Lang::En => table.name(),
        };
        sheet.set_name(name).map_err(&err)?;
        // An accounting export puts the report title above the header.
        let header_row = match lang {
            Lang::Ru => {
                sheet
                    .write_string_with_format(0, 0, title, &XlsxFormat::new().set_bold())
                    .map_err(&err)?;
                2
            }
            Lang::En => 0,
        };
        let bold = XlsxFormat::new().set_bold().set_text_wrap();
        let mut widths = Vec::new();
        for (i, name) in schema.iter_names().enumerate() {
            sheet
                .write_string_with_format(header_row, i as u16, name.as_str(), &bold)
                .map_err(&err)?;
            widths.push(name.chars().count().clamp(8, 30));
        }
        sheet.set_freeze_panes(header_row + 1, 0).map_err(&err)?;
        Ok(Sheet {
            workbook,
            lang,
            next_row: header_row + 1,
            first_row: header_row + 1,
            money_total: 0.0,
            widths,
        })
    }

    fn write(&mut self, table: Table, df: &DataFrame, path: &Path) -> Result<(), GenerateError> {
        let err = xlsx_err(path);
        let polars_err = |source| GenerateError::Polars { table, source };
        let money = XlsxFormat::new().set_num_format("#,##0.00");
        let (date_fmt, datetime_fmt) = match self.lang {
            Lang::Ru => ("dd.mm.yyyy", "dd.mm.yyyy hh:mm"),
            Lang::En => ("yyyy-mm-dd", "yyyy-mm-dd hh:mm"),
        };
        let date_fmt = XlsxFormat::new().set_num_format(date_fmt);
        let datetime_fmt = XlsxFormat::new().set_num_format(datetime_fmt);
        let money_col = table.money_column();
        let sheet = self.workbook.worksheet_from_index(0).map_err(&err)?;
        for (c, column) in table.columns().iter().enumerate() {
            let s = df.columns()[c].as_materialized_series();
            let x = c as u16;
            let is_money = column.kind == Kind::Money;
            let mut width = self.widths[c];
            match s.dtype() {
                DataType::String => {
                    for (i, v) in s.str().map_err(polars_err)?.iter().enumerate() {
                        if let Some(v) = v {
                            sheet.write_string(self.next_row + i as u32, x, v).map_err(&err)?;
                            width = width.max(v.chars().count().min(40));
                        }
                    }
                }
                DataType::Float64 => {
                    for (i, v) in s.f64().map_err(polars_err)?.iter().enumerate() {
                        if let Some(v) = v {
                            if is_money {
                                sheet.write_number_with_format(self.next_row + i as u32, x, v, &money).map_err(&err)?;
                                if money_col == Some(column.name) {
                                    self.money_total += v;
                                }
                            } else {
                                sheet.write_number(self.next_row + i as u32, x, v).map_err(&err)?;
                            }
                        }
                    }
                }
                DataType::Int64 => {
                    for (i, v) in s.i64().map_err(polars_err)?.iter().enumerate() {
                        if let Some(v) = v {
                            sheet.write_number(self.next_row + i as u32, x, v as f64).map_err(&err)?;
                        }
                    }
                }
                DataType::Boolean => {
                    for (i, v) in s.bool().map_err(polars_err)?.iter().enumerate() {
                        if let Some(v) = v {
                            sheet.write_boolean(self.next_row + i as u32, x, v).map_err(&err)?;
                        }
                    }
                }
                DataType::Date => {
                    for (i, v) in s.date().map_err(polars_err)?.physical().iter().enumerate() {
                        if let Some(days) = v {
                            let serial = f64::from(days) + EXCEL_UNIX_DAYS;
                            sheet.write_number_with_format(self.next_row + i as u32, x, serial, &date_fmt).map_err(&err)?;
                        }
                    }
                    width = width.max(11);
                }
                DataType::Datetime(_, _) => {
                    for (i, v) in s.datetime().map_err(polars_err)?.physical().iter().enumerate() {
                        if let Some(ms) = v {
                            let serial = ms as f64 / 86_400_000.0 + EXCEL_UNIX_DAYS;
                            sheet.write_number_with_format(self.next_row + i as u32, x, serial, &datetime_fmt).map_err(&err)?;
                        }
                    }
                    width = width.max(17);
                }
                other => {
                    return Err(GenerateError::Xlsx {
                        path: path.to_path_buf(),
                        message: format!("the column {}.{} has the type {other}, which the workbook writer does not handle", table, column.name),
                    })
                }
            }
            self.widths[c] = width;
        }
        self.next_row += df.height() as u32;
        Ok(())
    }

    fn save(&mut self, table: Table, path: &Path) -> Result<(), GenerateError> {
        let err = xlsx_err(path);
        let last_row = self.next_row;
        let first_row = self.first_row;
        let widths = self.widths.clone();
        let money_total = self.money_total;
        let sheet = self.workbook.worksheet_from_index(0).map_err(&err)?;
        for (c, w) in widths.iter().enumerate() {
            sheet
                .set_column_width(c as u16, *w as f64 + 2.0)
                .map_err(&err)?;
        }
        let last_col = (table.columns().len() - 1) as u16;
        sheet
            .autofilter(
                first_row - 1,
                0,
                last_row.saturating_sub(1).max(first_row - 1),
                last_col,
            )
            .map_err(&err)?;
        // An accounting export closes the table with its total.
        if let (Lang::Ru, Some(money)) = (self.lang, table.money_column()) {
            if table == Table::OrderLines {
                let bold = XlsxFormat::new().set_bold();
                let c = table
                    .columns()
                    .iter()
                    .position(|c| c.name == money)
                    .expect("money column is a column") as u16;
                sheet
                    .write_string_with_format(last_row, 0, "Итого", &bold)
                    .map_err(&err)?;
                let total = (money_total * 100.0).round() / 100.0;
                sheet
                    .write_number_with_format(
                        last_row,
                        c,
                        total,
                        &bold.clone().set_num_format("#,##0.00"),
                    )
                    .map_err(&err)?;
            }
        }
        self.workbook.save(path).map_err(&err)
    }
}

#[cfg(test)]
mod tests;
