//! The rows the simulation produces, one struct per table, with the canonical column names
//! as fields (money in kopecks); `tables` turns them into polars frames.

use chrono::{NaiveDate, NaiveDateTime};

/// A row of `clients`.
#[derive(Debug, Clone)]
pub struct ClientRow {
    pub client_id: String,
    pub name: String,
    pub kind: &'static str,
    pub phone: String,
    pub email: Option<String>,
    pub birthday: Option<NaiveDate>,
    pub consent: bool,
    pub bought_here: bool,
    pub registered_at: NaiveDate,
}

/// A row of `visits`.
#[derive(Debug, Clone)]
pub struct VisitRow {
    pub visit_id: String,
    pub opened_at: NaiveDateTime,
    pub client_id: String,
    pub brand: String,
    pub model: &'static str,
    pub plate: String,
    pub vin: Option<String>,
    pub odometer_km: Option<i64>,
    pub closed_at: Option<NaiveDateTime>,
    pub promised_at: Option<NaiveDateTime>,
    pub manager: Option<String>,
    pub channel: &'static str,
    pub agent_id: Option<String>,
    pub status: &'static str,
    pub station: String,
}

/// A row of `order_lines`; money in kopecks.
#[derive(Debug, Clone)]
pub struct LineRow {
    pub visit_id: String,
    pub service_code: Option<&'static str>,
    pub description: &'static str,
    pub category: &'static str,
    pub kind: &'static str,
    pub qty: f64,
    pub unit_price: i64,
    pub discount: i64,
    pub amount: i64,
    pub norm_hours: Option<f64>,
    pub mechanic: Option<String>,
    pub warranty: bool,
    pub cost: i64,
    pub declined: bool,
}

/// A row of `feedback`.
#[derive(Debug, Clone)]
pub struct FeedbackRow {
    pub visit_id: String,
    pub score: i64,
    pub comment: Option<String>,
}

/// A row of `agents`.
#[derive(Debug, Clone)]
pub struct AgentRow {
    pub agent_id: String,
    pub name: String,
    pub kind: String,
    pub commission_pct: f64,
}

/// The rows one station produced, visits sorted by time with ids given in that order.
#[derive(Debug, Default)]
pub struct StationData {
    pub clients: Vec<ClientRow>,
    pub visits: Vec<VisitRow>,
    pub lines: Vec<LineRow>,
    pub feedback: Vec<FeedbackRow>,
}
