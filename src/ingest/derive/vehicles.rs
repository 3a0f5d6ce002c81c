//! The vehicle key of SPEC §4.1 (`vehicle`): a visit's own key from its VIN, plate, or
//! client and brand, each written in one canonical form, then resolved across the visits
//! so that a car keyed by its plate on one repair order and by its VIN on another is one.

use polars::prelude::*;

use crate::ingest::validate::LOOK_ALIKE;

/// The vehicle key of SPEC §4.1 for every row of a frame with `vin`, `plate`, `client_id`
/// and `brand`: the VIN upper-cased, white space and dashes removed, Cyrillic look-alikes
/// as Latin ([`vin_key`]); else the plate upper-cased, white space, dashes, dots and a
/// `RUS` after the region removed, Latin look-alikes `ABEKMHOPCTYX` mapped to Cyrillic
/// ([`plate_key`]); else `client_id|BRAND`.
/// Computed cell by cell in one pass: the same rule as polars expressions (kept in the
/// tests as the oracle) made thirteen passes over the plates and cost seconds on a chain.
///
/// Then resolved across visits ([`resolve_vehicles`]): a plate or `client_id|BRAND` seen
/// on the client's visits with exactly one VIN is that VIN's car.
pub(super) fn vehicle_keys(visits: &DataFrame) -> PolarsResult<Series> {
    let keys = visit_keys(visits)?;
    resolve_vehicles(visits, keys)
}

/// What kind of key a visit's `vehicle` is (`kind` of [`visit_keys`]).
const BY_VIN: i32 = 0;
const BY_PLATE: i32 = 1;
const BY_CLIENT_BRAND: i32 = 2;

/// A text column of the visits, whatever its type.
fn text_of(visits: &DataFrame, name: &str) -> PolarsResult<StringChunked> {
    Ok(visits.column(name)?.cast(&DataType::String)?.str()?.clone())
}

/// `text` upper-cased into `buf` (ASCII the quick way).
fn upper(text: &str, buf: &mut String) {
    if text.is_ascii() {
        buf.extend(text.chars().map(|c| c.to_ascii_uppercase()));
    } else {
        buf.extend(text.chars().flat_map(char::to_uppercase));
    }
}

/// The plate's key into `buf`: upper case, no white space, dashes or dots, Latin
/// look-alikes (`ABEKMHOPCTYX`) as the Cyrillic letters a Russian plate is made of, and a
/// `RUS` after the region set aside; false when nothing is left. Until session 30 only
/// white space was set aside: `А123ВС-77`, `А 123 ВС 77`, `А123ВС77 RUS` and `A123BC77`
/// typed in Latin were two or three cars where there was one, and one car's visits,
/// comebacks and reminders were split between them. Cyrillic is the key's alphabet, as
/// SPEC §4.1 has it, so a plate key reads as the plate does.
fn plate_key(p: Option<&str>, buf: &mut String) -> bool {
    buf.clear();
    for ch in p.unwrap_or_default().chars().flat_map(char::to_uppercase) {
        if ch.is_whitespace() || ch == '.' || DASHES.contains(&ch) {
            continue;
        }
        buf.push(
            LOOK_ALIKE
                .iter()
                .find(|(_, latin)| *latin == ch)
                .map_or(ch, |(cyrillic, _)| *cyrillic),
        );
    }
    // The country's code printed beside the flag, typed after the region (`77 RUS`, or
    // `77 РУС` on a Russian keyboard); the look-alikes above leave a Latin `RUS` as it is
    // (R, U and S have no Cyrillic twin). Only after the region's digits: a plate is never
    // only the word.
    for country in ["RUS", "РУС"] {
        if let Some(kept) = buf.strip_suffix(country) {
            if kept.ends_with(|c: char| c.is_ascii_digit()) {
                buf.truncate(kept.len());
            }
        }
    }
    !buf.is_empty()
}

/// Dashes a VIN or a plate is typed with to group its characters (`XTA-21703-0C0123456`,
/// `А123ВС-77`): the hyphen and its look-alikes (U+2010 to U+2015, the minus sign).
const DASHES: [char; 8] = ['-', '‐', '‑', '‒', '–', '—', '―', '−'];

/// The VIN's key into `buf`: upper case, no white space or dashes, Cyrillic look-alikes
/// (`А В Е К М Н О Р С Т У Х`) as the Latin letters they stand for; false when nothing is
/// left. A VIN is Latin capitals and digits (ISO 3779), so a Cyrillic letter in one was
/// typed on the wrong keyboard: `ХТА217030С0123456` (Cyrillic Х Т А С) and `Z94
/// CB41ABJR123456` were other cars than `XTA217030C0123456` and `Z94CB41ABJR123456`, and
/// one car's visits, comebacks and reminders were split between two. The letters a VIN
/// never holds (I, O, Q) are not mapped to the digits they look like: `O` for `0` stays.
fn vin_key(v: &str, buf: &mut String) -> bool {
    buf.clear();
    // Most VINs are 17 ASCII capitals and digits already: upper-cased the quick way.
    if v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        buf.extend(v.chars().map(|c| c.to_ascii_uppercase()));
        return !buf.is_empty();
    }
    for ch in v.chars().flat_map(char::to_uppercase) {
        if ch.is_whitespace() || DASHES.contains(&ch) {
            continue;
        }
        buf.push(
            LOOK_ALIKE
                .iter()
                .find(|(cyrillic, _)| *cyrillic == ch)
                .map_or(ch, |(_, latin)| *latin),
        );
    }
    !buf.is_empty()
}

/// `client_id|BRAND` into `buf`; false without either.
fn client_brand_key(c: Option<&str>, b: Option<&str>, buf: &mut String) -> bool {
    buf.clear();
    match (c, b) {
        (Some(c), Some(b)) => {
            buf.push_str(c);
            buf.push('|');
            upper(b.trim(), buf);
            true
        }
        _ => false,
    }
}

/// Each visit's own key of SPEC §4.1 (`vehicle`) and its `kind` ([`BY_VIN`], [`BY_PLATE`],
/// [`BY_CLIENT_BRAND`]).
fn visit_keys(visits: &DataFrame) -> PolarsResult<DataFrame> {
    let (vin, plate, client, brand) = (
        text_of(visits, "vin")?,
        text_of(visits, "plate")?,
        text_of(visits, "client_id")?,
        text_of(visits, "brand")?,
    );
    // Each key is built in one reused buffer and appended to the column's own buffer
    // rather than allocated as a String per visit (1.8 M on a chain).
    let n = visits.height();
    let mut out = StringChunkedBuilder::new("vehicle".into(), n);
    let mut kind: Vec<i32> = Vec::with_capacity(n);
    let mut buf = String::new();
    for (((v, p), c), b) in vin
        .iter()
        .zip(plate.iter())
        .zip(client.iter())
        .zip(brand.iter())
    {
        if v.is_some_and(|v| vin_key(v, &mut buf)) {
            out.append_value(&buf);
            kind.push(BY_VIN);
            continue;
        }
        if plate_key(p, &mut buf) {
            out.append_value(&buf);
            kind.push(BY_PLATE);
        } else if client_brand_key(c, b, &mut buf) {
            out.append_value(&buf);
            kind.push(BY_CLIENT_BRAND);
        } else {
            out.append_null();
            kind.push(BY_CLIENT_BRAND);
        }
    }
    DataFrame::new(
        n,
        vec![out.finish().into_column(), Column::new("kind".into(), kind)],
    )
}

/// For visits keyed by their VIN, the keys their plate and their client and brand would
/// have given (`vin_plate`, `vin_client_brand`), by which visits without the VIN find it.
fn other_keys(vin_visits: &DataFrame) -> PolarsResult<DataFrame> {
    let (plate, client, brand) = (
        text_of(vin_visits, "plate")?,
        text_of(vin_visits, "client_id")?,
        text_of(vin_visits, "brand")?,
    );
    let n = vin_visits.height();
    let mut vin_plate = StringChunkedBuilder::new("vin_plate".into(), n);
    let mut vin_client_brand = StringChunkedBuilder::new("vin_client_brand".into(), n);
    let mut buf = String::new();
    for ((p, c), b) in plate.iter().zip(client.iter()).zip(brand.iter()) {
        match plate_key(p, &mut buf) {
            true => vin_plate.append_value(&buf),
            false => vin_plate.append_null(),
        }
        match client_brand_key(c, b, &mut buf) {
            true => vin_client_brand.append_value(&buf),
            false => vin_client_brand.append_null(),
        }
    }
    vin_visits.hstack(&[
        vin_plate.finish().into_column(),
        vin_client_brand.finish().into_column(),
    ])
}

/// The vehicle of every visit, its own key ([`visit_keys`]) resolved across the visits: a
/// car whose VIN is on some repair orders and only its plate on others was two vehicles
/// (two cars counted, and its oil change on the plate's "car" unseen by the VIN's, which a
/// reminder then called overdue). A visit keyed by its plate takes the VIN seen with that
/// plate on the same client's visits, and one keyed by `client_id|BRAND` the VIN seen on
/// that client's visits of that brand, when there is exactly one such VIN; a plate seen
/// with two VINs (a plate moved to another car) stays as it is.
///
/// Only the clients with visits of both kinds are looked at: on a chain (1.8 M visits, a
/// fifth without a VIN) building the other keys of every VIN visit and joining all visits
/// back took 1.5 s of a 5 s check; the VIN visits of those clients, grouped, and the
/// non-VIN visits joined to them, then the few resolved visits put back by row, cost a
/// tenth of that. Skipped when every visit or none has a VIN.
fn resolve_vehicles(visits: &DataFrame, keys: DataFrame) -> PolarsResult<Series> {
    let vehicle = keys.column("vehicle")?.as_materialized_series().clone();
    let by_vin = keys.column("kind")?.i32()?.equal(BY_VIN).sum().unwrap_or(0) as usize;
    if by_vin == 0 || by_vin == keys.height() {
        return Ok(vehicle);
    }
    let all = visits
        .select(["client_id", "plate", "brand"])?
        .hstack(keys.columns())?
        .with_row_index("__row".into(), None)?
        .lazy();
    // Collected once: both the VIN visits' semi-join and the final join read it.
    let others = all
        .clone()
        .filter(col("kind").neq(lit(BY_VIN)))
        .select([col("__row"), col("client_id"), col("vehicle"), col("kind")])
        .collect()?
        .lazy();
    let vin_visits = all
        .filter(col("kind").eq(lit(BY_VIN)))
        .semi_join(others.clone(), col("client_id"), col("client_id"))
        .select([col("client_id"), col("plate"), col("brand"), col("vehicle")])
        .collect()?;
    if vin_visits.height() == 0 {
        return Ok(vehicle);
    }
    let vin_visits = other_keys(&vin_visits)?.lazy();
    // (client, key the VIN's visits would otherwise have had, kind) → the one VIN.
    let one_vin = |other: &str, kind: i32| {
        vin_visits
            .clone()
            .filter(col(other).is_not_null())
            .group_by([col("client_id"), col(other)])
            .agg([
                col("vehicle").n_unique().alias("vins"),
                col("vehicle").first().alias("vin"),
            ])
            .filter(col("vins").eq(lit(1u32)))
            .select([
                col("client_id"),
                col(other).alias("vehicle"),
                lit(kind).alias("kind"),
                col("vin"),
            ])
    };
    let found = concat(
        [
            one_vin("vin_plate", BY_PLATE),
            one_vin("vin_client_brand", BY_CLIENT_BRAND),
        ],
        UnionArgs::default(),
    )?;
    let on = || [col("client_id"), col("vehicle"), col("kind")];
    let fixed = others
        .join(found, on(), on(), JoinArgs::new(JoinType::Inner))
        .select([col("__row"), col("vin")])
        .collect()?;
    if fixed.height() == 0 {
        return Ok(vehicle);
    }
    let resolved = DataFrame::new(vehicle.len(), vec![vehicle.into_column()])?
        .with_row_index("__row".into(), None)?
        .lazy()
        .join(
            fixed.lazy(),
            [col("__row")],
            [col("__row")],
            JoinArgs {
                maintain_order: MaintainOrderJoin::Left,
                ..JoinArgs::new(JoinType::Left)
            },
        )
        .select([col("vin").fill_null(col("vehicle")).alias("vehicle")])
        .collect()?;
    Ok(resolved.column("vehicle")?.as_materialized_series().clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule of SPEC §4.1 written as polars expressions, independently of the cell-by-cell
    /// [`vehicle_keys`]: the oracle it is pinned against.
    fn vehicle_key(vin: Expr, plate: Expr, client_id: Expr, brand: Expr) -> Expr {
        let none = || lit(NULL).cast(DataType::String);
        let empty_null = |e: Expr| {
            when(e.clone().str().len_bytes().eq(lit(0u32)))
                .then(none())
                .otherwise(e)
        };
        let mut vin =
            vin.str()
                .to_uppercase()
                .str()
                .replace_all(lit(r"[\s\-‐‑‒–—―−]"), lit(""), false);
        for (cyrillic, latin) in "АВЕКМНОРСТУХ".chars().zip("ABEKMHOPCTYX".chars()) {
            vin = vin
                .str()
                .replace_all(lit(cyrillic.to_string()), lit(latin.to_string()), true);
        }
        let vin = empty_null(vin);
        let mut plate =
            plate
                .str()
                .to_uppercase()
                .str()
                .replace_all(lit(r"[\s.\-‐‑‒–—―−]"), lit(""), false);
        for (latin, cyrillic) in "ABEKMHOPCTYX".chars().zip("АВЕКМНОРСТУХ".chars()) {
            plate =
                plate
                    .str()
                    .replace_all(lit(latin.to_string()), lit(cyrillic.to_string()), true);
        }
        let plate = plate
            .str()
            .replace(lit(r"([0-9])(RUS|РУС)$"), lit("$1"), false);
        let fallback = concat_str(
            [
                client_id,
                brand.str().strip_chars(none()).str().to_uppercase(),
            ],
            "|",
            false,
        );
        coalesce(&[vin, empty_null(plate), fallback])
    }

    #[test]
    fn vehicle_keys_match_the_expression() {
        let df = df!(
            "vin" => [Some(" wvw123 "), Some("  "), None, None, None, Some(""), None, Some("хта 2170–30с"), Some("-"), None, None, None, None, None, None],
            "plate" => [None, Some("a 123 bc 77"), Some("\u{a0}x\tт 9"), Some(" "), None, Some("ё1o"), Some("mk"), None, Some("p1"), Some("a123bc-77 rus"), Some("А.123.ВС–77"), Some(" - "), Some("RUS"), Some("РУС1"), Some("A1 РУС")],
            "client_id" => [Some("C1"), Some("C2"), Some("C3"), Some("C4"), None, Some("C6"), Some("C7"), Some("C8"), Some("C9"), Some("C10"), Some("C11"), Some("C12"), Some("C13"), Some("C14"), Some("C15")],
            "brand" => [Some("VW"), Some("Lada"), None, Some(" Kia "), Some("BMW"), None, None, None, None, None, None, Some("Kia"), None, None, None],
        )
        .unwrap();
        let expected = df
            .clone()
            .lazy()
            .select([
                vehicle_key(col("vin"), col("plate"), col("client_id"), col("brand"))
                    .alias("vehicle"),
            ])
            .collect()
            .unwrap();
        let got = vehicle_keys(&df).unwrap();
        let e: Vec<Option<&str>> = expected
            .column("vehicle")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        let g: Vec<Option<&str>> = got.str().unwrap().iter().collect();
        assert_eq!(g, e);
        assert_eq!(g[0], Some("WVW123"));
        assert_eq!(g[1], Some("А123ВС77"));
        assert_eq!(g[3], Some("C4|KIA"));
        assert_eq!(g[4], None);
        assert_eq!(g[7], Some("XTA217030C"));
        // A VIN of a dash alone is no VIN: the plate keys the car.
        assert_eq!(g[8], Some("Р1"));
        // Dashes, dots and `RUS` after the region are set aside; a plate of a dash alone
        // is no plate, and `RUS` alone, or not after digits, is kept.
        assert_eq!(g[9], Some("А123ВС77"));
        assert_eq!(g[10], Some("А123ВС77"));
        assert_eq!(g[11], Some("C12|KIA"));
        assert_eq!(g[12], Some("RUS"));
        assert_eq!(g[13], Some("РУС1"));
        assert_eq!(g[14], Some("А1"));
    }

    #[test]
    fn regression_a_plate_with_dashes_spaces_or_latin_letters_is_one_car() {
        // The tester's visits: `А123ВС-77`, `А 123 ВС 77`, `A123BC77` (Latin) and
        // `а123вс 77 RUS` of one client's car were three vehicles (the dash and `RUS` kept
        // in the key): three cars counted and the car's history split between them.
        let df = df!(
            "vin" => [None::<&str>; 7],
            "plate" => ["А123ВС-77", "А 123 ВС 77", "A123BC77", "а123вс 77 RUS", "А123ВС77rus", "A.123.BC.77", "А123ВС‑777"],
            "client_id" => ["C1"; 7],
            "brand" => ["Kia"; 7],
        )
        .unwrap();
        let got = vehicle_keys(&df).unwrap();
        let g: Vec<Option<&str>> = got.str().unwrap().iter().collect();
        let one = Some("А123ВС77");
        // The last has another region (777): another car.
        assert_eq!(g, [one, one, one, one, one, one, Some("А123ВС777")]);
        // A plate-keyed visit finds the VIN of a visit whose plate is written otherwise.
        let df = df!(
            "vin" => [Some("XTA217030C0123456"), None],
            "plate" => [Some("А123ВС-77 RUS"), Some("a 123 bc 77")],
            "client_id" => ["C1", "C1"],
            "brand" => ["LADA", "LADA"],
        )
        .unwrap();
        let got = vehicle_keys(&df).unwrap();
        let g: Vec<Option<&str>> = got.str().unwrap().iter().collect();
        assert_eq!(g, [Some("XTA217030C0123456"); 2]);
    }

    #[test]
    fn vin_keys_set_aside_case_spaces_dashes_and_cyrillic_look_alikes() {
        let key = |v: &str| {
            let mut buf = String::new();
            vin_key(v, &mut buf).then_some(buf)
        };
        let s = |v: &str| Some(v.to_string());
        for (written, want) in [
            ("XTA217030C0123456", s("XTA217030C0123456")),
            ("xta217030c0123456", s("XTA217030C0123456")),
            // Cyrillic Х Т А С, upper and lower case.
            ("ХТА217030С0123456", s("XTA217030C0123456")),
            ("хта217030с0123456", s("XTA217030C0123456")),
            // Every look-alike: А В Е К М Н О Р С Т У Х.
            ("АВЕКМНОРСТУХ", s("ABEKMHOPCTYX")),
            ("Z94 CB41ABJR123456", s("Z94CB41ABJR123456")),
            (" Z94\u{a0}CB41-ABJR\t123456 ", s("Z94CB41ABJR123456")),
            ("Z94‑CB41—ABJR−123456", s("Z94CB41ABJR123456")),
            // O typed for 0 is not guessed at: a VIN has no O, but which digit was meant
            // is not ours to say.
            ("XTA21703OC0123456", s("XTA21703OC0123456")),
            // Other Cyrillic letters have no Latin twin and stay.
            ("ЖТА217030С0123456", s("ЖTA217030C0123456")),
            ("", None),
            (" - ", None),
        ] {
            assert_eq!(key(written), want, "{written:?}");
        }
    }

    #[test]
    fn regression_a_vin_typed_in_cyrillic_or_with_a_space_is_one_car() {
        // The tester's four visits: `ХТА217030С0123456` (Cyrillic Х Т А С) and `Z94
        // CB41ABJR123456` (a space) were two more cars, four instead of two. A fifth visit,
        // by plate only, found no VIN before (its plate was seen with "two"): now it does.
        let df = df!(
            "vin" => [Some("XTA217030C0123456"), Some("ХТА217030С0123456"), Some("Z94CB41ABJR123456"), Some("Z94 CB41ABJR123456"), None],
            "plate" => [Some("А001АА77"), Some("А001АА77"), None, None, Some("a001aa77")],
            "client_id" => [Some("C1"), Some("C1"), Some("C2"), Some("C2"), Some("C1")],
            "brand" => [Some("LADA"), Some("LADA"), Some("Kia"), Some("Kia"), Some("LADA")],
        )
        .unwrap();
        let got = vehicle_keys(&df).unwrap();
        let g: Vec<Option<&str>> = got.str().unwrap().iter().collect();
        let (lada, kia) = (Some("XTA217030C0123456"), Some("Z94CB41ABJR123456"));
        assert_eq!(g, [lada, lada, kia, kia, lada]);
    }

    #[test]
    fn regression_a_car_with_its_vin_on_some_visits_is_one_vehicle() {
        // C1's car has its VIN on one repair order, only its plate (typed in Cyrillic) on
        // another, neither on a third: three vehicles before, one now. C2 has two Kias
        // with VINs under one plate: the plate alone, and `C2|KIA`, name neither. C3's
        // plate is C1's, but the VIN was seen with C1: another client's car stays apart.
        let df = df!(
            "vin" => [Some("v1"), None, None, Some("V2"), Some("V3"), None, None, None, None, None],
            "plate" => [Some("a 123 bc"), Some("А123ВС"), None, Some("P2"), Some("p2"), Some("P 2"), Some("a123bc"), None, None, None],
            "client_id" => [Some("C1"), Some("C1"), Some("C1"), Some("C2"), Some("C2"), Some("C2"), Some("C3"), Some("C2"), Some("C2"), None],
            "brand" => [Some("Kia"), Some("Kia"), Some("kia "), Some("Kia"), Some("Kia"), Some("Kia"), Some("Kia"), Some("Lada"), Some("KIA"), None],
        )
        .unwrap();
        let got = vehicle_keys(&df).unwrap();
        let g: Vec<Option<&str>> = got.str().unwrap().iter().collect();
        assert_eq!(
            g,
            [
                Some("V1"),
                Some("V1"),
                Some("V1"),
                Some("V2"),
                Some("V3"),
                Some("Р2"),
                Some("А123ВС"),
                Some("C2|LADA"),
                Some("C2|KIA"),
                None
            ]
        );
        // Every visit with a VIN, or none: the keys of each visit as they are.
        let one = df.slice(0, 1);
        let g: Vec<Option<&str>> = vehicle_keys(&one)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.map(|_| "k"))
            .collect();
        assert_eq!(g, [Some("k")]);
        let none = df.slice(5, 5);
        let got = vehicle_keys(&none).unwrap();
        let g: Vec<Option<&str>> = got.str().unwrap().iter().collect();
        assert_eq!(
            g,
            [
                Some("Р2"),
                Some("А123ВС"),
                Some("C2|LADA"),
                Some("C2|KIA"),
                None
            ]
        );
    }
}
