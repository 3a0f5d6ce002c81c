//! Which reports one run writes (the whole data, a station, or both with
//! `--by-station`), worked out and checked before any section runs or anything is written.

use crate::cli::ReportArgs;
use crate::config::Config;
use crate::error::Classified;
use crate::ingest::reasons::fill;
use crate::ingest::Warning;
use crate::report;
use crate::stations::{self, Station};

/// What one report of the run covers.
#[derive(Debug)]
pub(super) struct Target {
    /// `None`: the whole data (the chain, or a single station's data); else one station.
    pub(super) station: Option<Station>,
    /// Whether the model is filtered to the station (false when the data has no station
    /// column and `--station` named the configured station: the data is that station).
    pub(super) filter: bool,
}

/// Whether the run writes the whole data's report and then every station's: `--by-station`
/// on data that is not a folder of `stoa split`. Such a folder (its settings have
/// `[chain]`) is one part of a chain: there is no chain's report to make of it, and no
/// other station. `--by-station` wrote the part's report into `OUT/YYYY-MM/` as if it were
/// the chain's (replacing the chain's report there, or refused by a station's) and then
/// its station's; it now reports on the part alone, as the run without it does, and
/// `run` says so.
pub(super) fn by_station(args: &ReportArgs, config: &Config) -> bool {
    args.by_station && config.chain.is_none()
}

/// The reports of the run: the whole data; one station (`--station`); or the whole data
/// and then every station ([`by_station`]). A station the data does not hold is a usage
/// error (exit code 2) that lists the stations found; a station folder of the run that two
/// names of the data give is bad data (1), see `no_shared_folder`.
pub(super) fn plan(
    args: &ReportArgs,
    config: &Config,
    found: &[Station],
) -> anyhow::Result<Vec<Target>> {
    let whole = Target {
        station: None,
        filter: false,
    };
    if let Some(query) = &args.station {
        if found.is_empty() {
            // No station column: the data is one station, the configured one.
            let only = Station::new(&config.station);
            if only.matches(query) {
                return Ok(vec![Target {
                    station: Some(only),
                    filter: false,
                }]);
            }
            return Err(Classified::usage(format!(
                "there is no station {:?}: the visits in {} have no station column, so the data is one station, {:?} (the `station` of stoa.toml); drop --station or name that station",
                query.trim(),
                args.data.display(),
                config.station
            ))
            .into());
        }
        return match found.iter().find(|s| s.matches(query)) {
            Some(s) => {
                let targets = vec![Target {
                    station: Some(s.clone()),
                    filter: true,
                }];
                no_shared_folder(&targets, found)?;
                Ok(targets)
            }
            None => Err(Classified::usage(format!(
                "there is no station {:?} in the visits of {}: the stations found are {}; correct --station (names match trimmed, in any case)",
                query.trim(),
                args.data.display(),
                found
                    .iter()
                    .map(|s| format!("{:?}", s.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .into()),
        };
    }
    // A station folder of `stoa split` (its settings have `[chain]` and name the station)
    // is reported on as that station, as `--station` would: its report lands in
    // `stations/<slug>/`, apart from the chain's, which it replaced in `OUT/YYYY-MM/`.
    // Its `_no-station` folder (`[chain]`, and no visit with a station) is the part of the
    // chain without a station: its report lands in `stations/_no-station/`; it landed in
    // `stations/<the chain's slug>/`, titled and recorded as the whole chain's name.
    if config.chain.is_some() {
        if found.is_empty() {
            return Ok(vec![Target {
                station: Some(Station::none()),
                filter: false,
            }]);
        }
        let station = found
            .iter()
            .find(|s| s.matches(&config.station))
            .cloned()
            .map(|s| Target {
                station: Some(s),
                filter: true,
            })
            .unwrap_or_else(|| Target {
                station: Some(Station::new(&config.station)),
                filter: false,
            });
        return Ok(vec![station]);
    }
    let mut targets = vec![whole];
    if by_station(args, config) {
        targets.extend(found.iter().map(|s| Target {
            station: Some(s.clone()),
            filter: true,
        }));
        no_shared_folder(&targets, found)?;
    }
    Ok(targets)
}

/// The warning that a station's folder of `stoa split` (its settings have `[chain]`) gives
/// the station no capacity of its own, when the report computes a bay load: the split
/// copied the chain's `[capacity]`, which is often all the stations' bays together, and the
/// station's load would be a fraction of the real one without a word. The station is the
/// one `--station` names, else the folder's `station` when its visits are that station's.
pub(super) fn part_capacity(
    config: &Config,
    found: &[Station],
    targets: &[Target],
    sections: &[report::Section],
) -> Option<Warning> {
    config.chain.as_ref()?;
    if !sections
        .iter()
        .any(|s| s.name == "demand" || s.name == "management")
    {
        return None;
    }
    let station = match targets {
        [Target {
            station: Some(s), ..
        }] => s.clone(),
        [Target { station: None, .. }] => {
            found.iter().find(|s| s.matches(&config.station))?.clone()
        }
        _ => return None,
    };
    // The part without a station has no bays of its own to name.
    if station.is_none() || stations::own_capacity(config, &station).is_some() {
        return None;
    }
    let name = format!("{:?}", station.name);
    Some(Warning {
        table: crate::schema::Table::Visits.name().to_string(),
        rows: 0,
        message: fill(
            crate::ingest::reasons::PART_CAPACITY,
            &[&name, &config.capacity.bays.to_string(), &name],
        ),
    })
}

/// Bad data (exit code 1) when a station folder the run would write is also the folder of
/// another station of the data (`Север-2` and `Север 2` are both `stations/sever-2/`):
/// either name's report would replace the other's, in one `--by-station` run or in two
/// `--station` runs, without a word. Only the stations of `targets` are asked, so a
/// `--station` of a third station whose folder is its own is still written, as the
/// chain's report is; `--by-station` writes every station, so any such pair stops it.
/// Checked in `plan`, before any section runs or anything is written.
fn no_shared_folder(targets: &[Target], found: &[Station]) -> anyhow::Result<()> {
    let written: Vec<Station> = found
        .iter()
        .filter(|f| {
            targets
                .iter()
                .filter_map(|t| t.station.as_ref())
                .any(|s| s.slug == f.slug)
        })
        .cloned()
        .collect();
    // `found`'s order is kept, so either run names the same pair in the same order.
    match stations::shared_folder(&written) {
        Some((b, a)) => Err(Classified::data(format!(
            "the stations {:?} and {:?} would share the report folder stations/{}/: rename one of them in the visits",
            b.name, a.name, a.slug
        ))
        .into()),
        None => Ok(()),
    }
}
