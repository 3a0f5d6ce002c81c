//! Every key of `stoa.toml` the parser accepts is in the table of README's Configuration
//! section, which every configuration error points to ("keys are listed in the
//! Configuration section of the README"): a tester found a dozen keys (`horizon_days`,
//! `bands`, `motorists_day`, …) named nowhere. The keys are read from the parser itself,
//! as serde lists them when it refuses an unknown one, so a key added later without its
//! row fails here.

/// The keys a section accepts: the list in serde's "unknown field" error for a key no
/// section has. `prefix` is the TOML that opens the section (with its required keys).
fn accepted(prefix: &str) -> Vec<String> {
    let text = format!("{prefix}\nzz_no_such_key = 1\n");
    let err = toml::from_str::<stoa::config::Config>(&text)
        .expect_err("an unknown key is refused")
        .to_string();
    let list = err
        .split_once("expected one of ")
        .or_else(|| err.split_once("expected "))
        .unwrap_or_else(|| panic!("no list of keys in: {err}"))
        .1;
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

#[test]
fn regression_every_config_key_is_in_the_readmes_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| ")).collect();
    let has = |section: &str, key: &str| {
        rows.iter()
            .any(|r| r.starts_with(&format!("| {section} | `{key}` |")))
    };
    // Sections whose keys are names of the data (a table's columns, a table, a word).
    let open = ["columns", "files", "values"];
    let sections = [
        ("(top)", ""),
        ("`[loyalty]`", "[loyalty]"),
        ("`[reminders]`", "[reminders]"),
        ("`[holidays]`", "[holidays]"),
        (
            "`[[holidays.fixed]]`",
            "[[holidays.fixed]]\nday = 1\nmonth = 1\nname = \"x\"",
        ),
        ("`[capacity]`", "[capacity]"),
        ("`[competitors]`", "[competitors]"),
        ("`[stations.\"NAME\"]`", "[stations.\"NAME\"]"),
        (
            "`[chain]`",
            "[chain]\nfirst_visit = \"2026-01-01\"\nlast_visit = \"2026-01-01\"",
        ),
    ];
    let mut missing = Vec::new();
    for (section, prefix) in sections {
        for key in accepted(prefix) {
            let a_section_of_its_own = section == "(top)"
                && (open.contains(&key.as_str())
                    || sections.iter().any(|(s, _)| s.contains(&format!("[{key}")))
                    || has(&format!("`[{key}]`"), "")
                    || rows.iter().any(|r| r.starts_with(&format!("| `[{key}."))));
            if !a_section_of_its_own && !has(section, &key) {
                missing.push(format!("{section} {key}"));
            }
        }
    }
    // The open sections have their rows, by pattern.
    for section in ["`[columns.TABLE]`", "`[files]`", "`[values.VOCABULARY]`"] {
        if !rows
            .iter()
            .any(|r| r.starts_with(&format!("| {section} |")))
        {
            missing.push(section.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "keys stoa.toml accepts that README's Configuration table lacks: {missing:?}"
    );
}
