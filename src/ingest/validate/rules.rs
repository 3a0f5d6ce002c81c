//! The row rules' helpers: which rule rejects a row first, which columns may not be
//! negative, the values of columns a source does not have, and the rows of a CSV file
//! read with more fields than its header.

use polars::prelude::*;

use super::{Rule, RULE};
use crate::ingest::read::{EXTRA, EXTRA_REASON};
use crate::schema::{EnumKind, Kind, Table};

/// The index of the first rule that holds (it decides the reason, column and raw value of
/// a rejected row), as column `__rule`; null when none does. The rules' conditions are
/// computed as flags and the index is set from them here: as a chain of `when/then` over
/// every row (one per rule, 20-30 of them) it cost about 0.1 s per million rows, although
/// nearly every flag is false everywhere and is skipped at once.
pub(super) fn first_rule(lf: LazyFrame, rules: &[Rule]) -> PolarsResult<LazyFrame> {
    let flag = |i: usize| format!("__when_{i}");
    let mut df = lf
        .with_columns(
            rules
                .iter()
                .enumerate()
                .map(|(i, r)| r.when.clone().alias(flag(i)))
                .collect::<Vec<_>>(),
        )
        .collect()?;
    let mut index: Option<Vec<Option<u32>>> = None;
    for i in 0..rules.len() {
        let holds = df.column(&flag(i))?.bool()?.clone();
        // A null condition does not hold, as in `when/then`.
        if holds.any() {
            let index = index.get_or_insert_with(|| vec![None; df.height()]);
            for (slot, h) in index.iter_mut().zip(holds.iter()) {
                if slot.is_none() && h == Some(true) {
                    *slot = Some(i as u32);
                }
            }
        }
        df.drop_in_place(&flag(i))?;
    }
    let index = match index {
        Some(v) => UInt32Chunked::from_iter_options(RULE.into(), v.into_iter()),
        None => UInt32Chunked::full_null(RULE.into(), df.height()),
    };
    df.with_column(index.into_column())?;
    Ok(df.lazy())
}

/// The rules of one table beyond its columns' kinds: a competitor price names a service
/// (by code or description) and is not 0 (a dash or a 0 in a list of competitors' prices
/// says the service is not offered: read as a price of 0 it was the market's minimum and
/// pulled the median, the rank and the revenue gap down); a feedback score lies on a 1–5
/// or a 0–10 scale (a −1 or an 11 was counted in the mean and turned a 1–5 survey into
/// NPS). `user` gives a column's header as the source writes it; `raw` a column's raw
/// column.
pub(super) fn table_rules(
    table: Table,
    user: &dyn Fn(&str) -> String,
    raw: &dyn Fn(&str) -> String,
) -> Vec<Rule> {
    use crate::ingest::reasons;
    match table {
        Table::CompetitorPrices => vec![
            Rule {
                when: col("service_code")
                    .is_null()
                    .and(col("description").is_null()),
                column: String::new(),
                value: lit(""),
                reason: lit(reasons::NO_SERVICE),
            },
            Rule {
                when: out_of_range(table, "price").unwrap_or(lit(false)),
                column: user("price"),
                value: col(raw("price")).cast(DataType::String),
                reason: lit(reasons::ZERO_COMPETITOR_PRICE),
            },
        ],
        Table::Feedback => vec![Rule {
            when: out_of_range(table, "score").unwrap_or(lit(false)),
            column: user("score"),
            value: col(raw("score")).cast(DataType::String),
            reason: lit(reasons::SCORE_RANGE),
        }],
        _ => Vec::new(),
    }
}

/// Where a column's value lies outside its range, for the columns that have one beyond
/// "not negative" (a feedback score: 0–10; a competitor's price: not 0); validation keeps
/// such a column's text when some cell is out of range, to cite it.
pub(super) fn out_of_range(table: Table, name: &str) -> Option<Expr> {
    match (table, name) {
        (Table::Feedback, "score") => {
            Some((col("score").lt(lit(0.0)).or(col("score").gt(lit(10.0)))).fill_null(lit(false)))
        }
        (Table::CompetitorPrices, "price") => {
            Some(col("price").eq(lit(0i64)).fill_null(lit(false)))
        }
        (Table::OrderLines, "discount_pct") => Some(
            (col("discount_pct").lt(lit(0.0)))
                .or(col("discount_pct").gt(lit(100.0)))
                .fill_null(lit(false)),
        ),
        _ => None,
    }
}

/// What a column holds, for the reason of a row rejected for a negative value, where the
/// table forbids negative values in it.
pub(crate) fn negative_rule(table: Table, name: &str) -> Option<&'static str> {
    match (table, name) {
        (Table::OrderLines, "qty") => Some("quantity"),
        (Table::OrderLines, "norm_hours") => Some("norm hours"),
        (Table::OrderLines, "cost") => Some("cost"),
        (Table::Visits, "odometer_km") => Some("odometer reading"),
        (Table::PriceList, "price") => Some("price"),
        (Table::PriceList, "interval_months" | "interval_km") => Some("interval"),
        (Table::CompetitorPrices, "price") => Some("price"),
        (Table::Agents, "commission_pct") => Some("commission"),
        _ => None,
    }
}

/// Which of the columns that give an order line's amount where no cell does the source
/// has ([`crate::ingest::header::derived_amount`]): the amount before the discount
/// (`gross`) or the unit price, at least one; those it lacks count as 1 (`qty`) and no
/// discount.
#[derive(Debug, Clone, Copy)]
pub(super) struct PriceColumns {
    pub qty: bool,
    pub price: bool,
    pub gross: bool,
    pub discount: bool,
    pub discount_pct: bool,
}

impl PriceColumns {
    /// The line's amount before the discount: as the export gives it (`Сумма без
    /// скидки`), else quantity × unit price, rounded half away from zero to the kopeck as
    /// a till rounds.
    fn gross(self) -> Expr {
        let qty = match self.qty {
            true => col("qty").fill_null(lit(1.0)),
            false => lit(1.0),
        };
        let from_price = || {
            (qty.clone() * col("unit_price").cast(DataType::Float64))
                .round(0, RoundMode::HalfAwayFromZero)
                .cast(DataType::Int64)
        };
        match (self.gross, self.price) {
            (true, true) => col("gross_amount").fill_null(from_price()),
            (true, false) => col("gross_amount"),
            (false, _) => from_price(),
        }
    }

    /// The line's percentage discount where it is the one taken off: the source has the
    /// column and the line has no discount amount (empty or 0; an amount, where a line
    /// has one, is what the till took off). Null elsewhere, and where the percentage is
    /// outside 0–100: such a line is rejected ([`Self::pct_range`]) and its money is
    /// quantity × price, what was sold before any discount; taken off, 150 % made it
    /// below zero and the money rejected negative, the money read below the accepted.
    fn pct(self) -> Expr {
        if !self.discount_pct {
            return lit(NULL).cast(DataType::Float64);
        }
        let in_range = out_of_range(Table::OrderLines, "discount_pct")
            .unwrap_or(lit(false))
            .not();
        let pct = when(in_range)
            .then(col("discount_pct").cast(DataType::Float64))
            .otherwise(lit(NULL).cast(DataType::Float64));
        match self.discount {
            true => when(col("discount").fill_null(lit(0i64)).eq(lit(0i64)))
                .then(pct)
                .otherwise(lit(NULL).cast(DataType::Float64)),
            false => pct,
        }
    }

    /// The gross less its percentage discount ([`Self::pct`]), exact in kopecks: the
    /// percentage is taken to a hundredth of a per cent, and the product in whole numbers
    /// is rounded half away from zero (a float's 94,499999… for 94,5 kopecks would round
    /// down).
    fn net_of_pct(self) -> Expr {
        let hundredths = (self.pct() * lit(100.0))
            .round(0, RoundMode::HalfAwayFromZero)
            .cast(DataType::Int64);
        let n = self.gross() * (lit(10_000i64) - hundredths);
        let rounded = (n.clone().abs() + lit(5_000i64)).floor_div(lit(10_000i64));
        when(n.lt(lit(0i64)))
            .then(lit(0i64) - rounded.clone())
            .otherwise(rounded)
    }

    /// The line's discount amount as given (empty = 0).
    fn discount(self) -> Expr {
        match self.discount {
            true => col("discount").fill_null(lit(0i64)),
            false => lit(0i64),
        }
    }

    /// The amount of an order line whose source has a unit price or a gross and no
    /// amount: the gross ([`Self::gross`]) less the discount amount, or less the
    /// percentage discount where that is the one ([`Self::pct`]). A line without either
    /// gets no amount, and [`Self::priceless_line`] rejects it.
    pub(super) fn amount(self) -> Expr {
        when(self.pct().is_not_null())
            .then(self.net_of_pct())
            .otherwise(self.gross() - self.discount())
            .alias("amount")
    }

    /// The discount amount of such a line: as given, or what its percentage took off, so
    /// that the model's `discount` says what the lines were given either way.
    pub(super) fn discount_amount(self) -> Expr {
        when(self.pct().is_not_null())
            .then(self.gross() - self.net_of_pct())
            .otherwise(self.discount())
            .alias("discount")
    }

    /// The rule that rejects a line whose percentage discount is outside 0–100 %: its
    /// amount cannot be computed from it (a −10 % discount is a surcharge no export means,
    /// a 150 % one an amount below zero).
    pub(super) fn pct_range(self, column: String, raw: &str) -> Option<Rule> {
        self.discount_pct.then(|| Rule {
            when: out_of_range(Table::OrderLines, "discount_pct").unwrap_or(lit(false)),
            column,
            value: col(raw).cast(DataType::String),
            reason: lit(crate::ingest::reasons::DISCOUNT_PCT_RANGE),
        })
    }

    /// The rule that rejects an order line of a source without an amount column whose
    /// gross and price (those the source has) are empty: nothing gives its amount. The
    /// column cited is the gross's where the source has one, else the price's (`user`
    /// gives a column's header).
    pub(super) fn priceless_line(self, user: &dyn Fn(&str) -> String) -> Rule {
        let (when, column, reason) = match (self.gross, self.price) {
            (true, true) => (
                col("gross_amount")
                    .is_null()
                    .and(col("unit_price").is_null()),
                "gross_amount",
                crate::ingest::reasons::NO_GROSS,
            ),
            (true, false) => (
                col("gross_amount").is_null(),
                "gross_amount",
                crate::ingest::reasons::NO_GROSS,
            ),
            (false, _) => (
                col("unit_price").is_null(),
                "unit_price",
                crate::ingest::reasons::NO_PRICE,
            ),
        };
        Rule {
            when,
            column: user(column),
            value: lit(""),
            reason: lit(reason),
        }
    }
}

/// The value of a column the source does not have: its empty-cell default (SPEC §4.1).
pub(super) fn absent_value(table: Table, name: &str, kind: Kind) -> Expr {
    match (table, name, kind) {
        (_, "qty", _) => lit(1.0),
        (_, "discount", _) => lit(0i64),
        (_, _, Kind::Bool) => lit(false),
        (_, _, Kind::Enum(EnumKind::Category)) => lit(NULL).cast(DataType::String),
        (_, _, Kind::Enum(e)) => match crate::ingest::normalize::empty_default(e) {
            Some(d) => lit(d),
            None => lit(NULL).cast(DataType::String),
        },
        (_, _, k) => lit(NULL).cast(k.dtype()),
    }
}

/// The rule that rejects a CSV row with more fields than its header ([`EXTRA`], which the
/// reader adds only then): the whole row is at fault (no column), its raw value is the
/// fields past the header, and the reader worded its reason. It comes before every other
/// rule: each value after the stray delimiter is in the next column, so a rule about any
/// one cell would name a value that is not the column's.
pub(super) fn extra_fields() -> Rule {
    Rule {
        when: col(EXTRA).is_not_null(),
        column: String::new(),
        value: col(EXTRA),
        reason: col(EXTRA_REASON),
    }
}

/// The table's money column with no value on the rows of [`EXTRA`]: read shifted, the cell
/// under the money's header holds another column's value (the price, a quantity), and
/// counted as the row's money it made the money rejected wrong. The row's money is not
/// known, as that of a row whose amount cannot be read.
pub(super) fn unread_money(table: Table) -> Option<Expr> {
    let m = table.money_column()?;
    Some(
        when(col(EXTRA).is_not_null())
            .then(lit(NULL))
            .otherwise(col(m))
            .alias(m),
    )
}

/// The category of an order line without one: the price list's for its service code
/// (`price_categories`, when the lines have codes), else `other`.
pub(super) fn category_fill(
    price_categories: Option<&DataFrame>,
    has_code: bool,
) -> PolarsResult<Expr> {
    let from_list = match price_categories {
        Some(pc) if has_code && pc.height() > 0 => {
            // The accepted price list has one row per code (duplicates are rejected), so
            // a lookup is the left join without gathering every column of the lines.
            let codes = pc.column("service_code")?.as_materialized_series().clone();
            let cats = pc.column("category")?.as_materialized_series().clone();
            col("service_code").replace_strict(
                lit(codes).implode(true),
                lit(cats).implode(true),
                Some(lit(NULL).cast(DataType::String)),
                Some(DataType::String),
            )
        }
        _ => lit(NULL).cast(DataType::String),
    };
    Ok(coalesce(&[col("category"), from_list, lit("other")]).alias("category"))
}
