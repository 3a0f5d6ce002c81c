//! The columns of every table (SPEC §2): name, kind, whether required, and the header
//! synonyms that find them, beyond SPEC's minimum the names 1C and CRM exports give.
//! A file a table or two, since the synonyms grow with every export met.

use super::{Column, Kind};

mod clients;
mod order_lines;
mod reference;
mod visits;

pub(super) use clients::{CLIENTS, CLIENTS_INPUT};
pub(super) use order_lines::{ORDER_LINES, ORDER_LINES_INPUT};
pub(super) use reference::{AGENTS, COMPETITOR_PRICES, FEEDBACK, FEEDBACK_INPUT, PRICE_LIST};
pub(super) use visits::{VISITS, VISITS_INPUT};

const fn col(
    name: &'static str,
    kind: Kind,
    required: bool,
    synonyms: &'static [&'static str],
) -> Column {
    Column {
        name,
        kind,
        required,
        synonyms,
    }
}
