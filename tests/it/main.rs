//! The end-to-end tests, one module per command or concern, linked into one test binary:
//! each binary links the whole of stoa and polars (about 300 MB in a debug build), so one
//! binary instead of one per file saves CI most of its link time and the disk gigabytes.
//! Run one module with `cargo test --test it check_totals::`.

#[allow(dead_code)]
mod common;

mod check;
mod check_amounts;
mod check_company_birthdays;
mod check_csv_fields;
mod check_english_exports;
mod check_flat_tables;
mod check_folders;
mod check_headers;
mod check_hidden_sheets;
mod check_messy_exports;
mod check_misnamed_files;
mod check_name_parts;
mod check_parquet_types;
mod check_price_list;
mod check_rejects_file;
mod check_repeated_ids;
mod check_sheet_tables;
mod check_spreadsheets;
mod check_times;
mod check_totals;
mod check_vehicles;
mod check_visit_ids;
mod check_workbook_sheets;
mod clv;
mod config_errors;
mod config_keys;
mod config_s35;
mod configured_names;
mod generate;
mod generate_whole;
mod guards;
mod hidden_columns;
mod messages_s32;
mod render;
mod report_1c_exports;
mod report_chain_numbers;
mod report_clients;
mod report_definitions;
mod report_demand_details;
mod report_demand_prices;
mod report_greetings;
mod report_greetings_money;
#[cfg(unix)]
mod report_interrupted;
mod report_lists;
mod report_management;
mod report_money_headers;
mod report_money_scales;
mod report_money_units;
mod report_out;
mod report_retention;
mod report_split_parts;
mod report_stations;
mod split;
mod split_whole;
mod usage_errors;
mod vocabulary;
