//! The price list as exports write it: an interval of 0 is an empty cell, not a service
//! due again the day it was done (which put every wash on the reminder lists as overdue).

use stoa::config::Config;
use stoa::ingest::{load, reasons};

mod common;
use common::{put, texts, warnings_of};

#[test]
fn regression_an_interval_of_zero_is_no_interval_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    put(
        dir.path(),
        "visits.csv",
        "visit_id;opened_at;client_id;brand\n1;05.03.2026;C1;Lada\n",
    );
    put(dir.path(), "clients.csv", "client_id;name\nC1;Иванов\n");
    put(
        dir.path(),
        "order_lines.csv",
        "visit_id;service_code;description;amount\n1;WSH;Мойка;500\n",
    );
    put(
        dir.path(),
        "price_list.csv",
        "Код;Наименование;Цена;Интервал, мес;Интервал, км\n\
         OIL;Замена масла;1000;0;15000\n\
         WSH;Мойка;500;0;0\n\
         BRK;Тормозная жидкость;800;24;\n",
    );
    let ing = load(dir.path(), &Config::default()).unwrap();
    let prices = ing.model.price_list.clone().collect().unwrap();
    assert_eq!(
        texts(&prices, "interval_months"),
        [None, None, Some("24".into())]
    );
    assert_eq!(
        texts(&prices, "interval_km"),
        [Some("15000".into()), None, None]
    );
    assert_eq!(
        warnings_of(&ing, "price_list"),
        [reasons::fill(reasons::ZERO_INTERVALS, &["2", "«OIL», «WSH»"]).as_str()]
    );
    // Nothing is lost: every row is accepted.
    assert!(ing.rejects.height() == 0, "{:?}", ing.rejects);
}
