//! Per channel (the seed's service methods: walk-in, pre-booking, home, subscription,
//! fleet, warranty, self-service, agent): how the month's visits arrive and how well each
//! way of serving brings clients back.

use polars::prelude::*;

use super::{figure, ratio, Facts};

/// `channels.csv`: `channel, visits, share, aro, repeat_rate` over the done visits of M,
/// sorted by channel (visits with no channel last, with an empty channel, so that the
/// shares add up to 1).
///
/// `share` = the channel's visits / all visits of M. `aro` as in the KPIs. `repeat_rate` =
/// the share of the channel's visits made by a returning client: one who had a done visit
/// on an earlier day (through any channel). It only looks back, so it needs no data after
/// the as-of date.
pub fn channels(f: &Facts) -> PolarsResult<DataFrame> {
    f.visits_of(f.period.month)
        .group_by([col("channel")])
        .agg([
            figure::visits(),
            figure::aro(),
            ratio(col("repeat").cast(DataType::Int64).sum(), len()).alias("repeat_rate"),
        ])
        .with_column(ratio(col("visits"), col("visits").sum()).alias("share"))
        .select([
            col("channel"),
            col("visits"),
            col("share"),
            col("aro"),
            col("repeat_rate"),
        ])
        .sort(
            ["channel"],
            SortMultipleOptions::default().with_nulls_last(true),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::management::testdata::*;
    use crate::analytics::period::{Month, Period};

    #[test]
    fn channels_of_march() {
        let f = Facts::compute(&station(), Period::new(Month::new(2026, 3).unwrap())).unwrap();
        let t = channels(&f).unwrap();
        let names: Vec<_> = strs(&t, "channel").into_iter().flatten().collect();
        assert_eq!(names, ["agent", "booking", "walk_in", "warranty"]);
        assert_eq!(f64s(&t, "visits"), [Some(1.0); 4]);
        assert_eq!(f64s(&t, "share"), [Some(0.25); 4]);
        // agent V2 2000; booking V1 1500; walk_in V4 has no sold line (empty); warranty
        // V3's only sold line is worth 0.
        assert_eq!(
            f64s(&t, "aro"),
            [Some(2000.0), Some(1500.0), None, Some(0.0)]
        );
        // V2 is C2's first visit, V1 and V3 are C1's returns, V4 is C3's first visit.
        assert_eq!(
            f64s(&t, "repeat_rate"),
            [Some(0.0), Some(1.0), Some(0.0), Some(1.0)]
        );
    }
}
