//! The brand mix (SPEC §4 *Demand*): domestic against foreign cars and the makes that come
//! most, over the last 12 months — what to stock and whom to advertise to.

use polars::prelude::*;

use super::last_12m;
use super::makes::make;
use crate::analytics::management::exact_div;
use crate::analytics::period::Period;
use crate::model::Model;

/// How many makes `demand_top_makes.csv` lists.
pub const TOP_MAKES: u32 = 10;

/// `demand_brand_mix.csv`: `brand_group,visits,share` — done visits of the last 12 months
/// by brand group (`domestic` when the brand is in the configured domestic list, else
/// `foreign`) and their share of all of them; both groups are always listed. Sorted by
/// brand_group.
pub fn brand_mix(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let counts = last_12m(model, period)
        .group_by([when(col("domestic").fill_null(lit(false)))
            .then(lit("domestic"))
            .otherwise(lit("foreign"))
            .alias("brand_group")])
        .agg([len().cast(DataType::Int64).alias("visits")]);
    df!("brand_group" => ["domestic", "foreign"])?
        .lazy()
        .left_join(counts, col("brand_group"), col("brand_group"))
        .with_column(col("visits").fill_null(lit(0i64)))
        .with_column(
            when(col("visits").sum().gt(lit(0)))
                .then(exact_div(col("visits"), col("visits").sum()))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("share"),
        )
        .sort(["brand_group"], SortMultipleOptions::default())
        .collect()
}

/// `demand_top_makes.csv`: `rank,brand,domestic,visits,share` — the [`TOP_MAKES`] makes
/// with the most done visits in the last 12 months (each brand counted under its
/// [`make`], so that `Kia`, `KIA ` and `Киа` are one make), their share of all those visits; ties broken by brand.
/// Sorted by rank.
pub fn top_makes(model: &Model, period: Period) -> PolarsResult<DataFrame> {
    let domestic = || {
        col("domestic")
            .fill_null(lit(false))
            .any(true)
            .alias("domestic")
    };
    // Counted by the brand as written first: a year of a chain's visits spells a few
    // hundred brands, and reading each spelling as its make (a regex and upper-casing)
    // then runs on those, not on every visit.
    last_12m(model, period)
        .group_by([col("brand")])
        .agg([domestic(), len().cast(DataType::Int64).alias("visits")])
        .with_column(make(col("brand")).alias("brand"))
        .group_by([col("brand")])
        .agg([domestic(), col("visits").sum()])
        .with_column(exact_div(col("visits"), col("visits").sum()).alias("share"))
        .sort(
            ["visits", "brand"],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .limit(TOP_MAKES)
        .with_row_index("rank", Some(1))
        .select([
            col("rank").cast(DataType::Int64),
            col("brand"),
            col("domestic"),
            col("visits"),
            col("share"),
        ])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::demand::testdata::*;
    use crate::schema::Table;

    #[test]
    fn domestic_share_and_makes_of_the_last_year() {
        // 2025-04 … 2026-03 done visits: V1 kia, V2 LADA (domestic), V3 Kia, V4 BMW.
        let mix = brand_mix(&station(), period()).unwrap();
        assert_eq!(f64s(&mix, "visits"), [1.0, 3.0].map(Some));
        assert_eq!(f64s(&mix, "share"), [0.25, 0.75].map(Some));
        let top = top_makes(&station(), period()).unwrap();
        // KIA 2 first; BMW and LADA 1 each, by name.
        assert_eq!(
            strs(&top, "brand"),
            ["KIA", "BMW", "LADA"].map(|s| Some(s.to_string()))
        );
        assert_eq!(f64s(&top, "rank"), [1.0, 2.0, 3.0].map(Some));
        assert_eq!(f64s(&top, "share"), [0.5, 0.25, 0.25].map(Some));
        assert_eq!(
            strs(&top, "domestic"),
            ["false", "false", "true"].map(|s| Some(s.to_string()))
        );
    }

    #[test]
    fn regression_a_make_written_in_cyrillic_is_the_same_make() {
        // V4's BMW written `лада`: it and V2's LADA are one make of 2 visits, tied with KIA
        // and after it by name; domestic because V2 is. Before, `ЛАДА` was a make apart.
        let model = station();
        let visits = model.table(Table::Visits).clone().with_column(
            when(col("visit_id").eq(lit("V4")))
                .then(lit("лада"))
                .otherwise(col("brand"))
                .alias("brand"),
        );
        let model = model.with_same_rows(Table::Visits, visits);
        let top = top_makes(&model, period()).unwrap();
        assert_eq!(
            strs(&top, "brand"),
            ["KIA", "LADA"].map(|s| Some(s.to_string()))
        );
        assert_eq!(f64s(&top, "visits"), [2.0, 2.0].map(Some));
        assert_eq!(
            strs(&top, "domestic"),
            ["false", "true"].map(|s| Some(s.to_string()))
        );
    }
}
