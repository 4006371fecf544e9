//! The `keyholder` binary: reports on the shipped examples, and one-line errors with exit code 2.

use std::process::Command;

fn keyholder(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_keyholder"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_example_gives_a_json_report() {
    for file in [
        "examples/ce-on-cmk.json",
        "examples/mixed-estate.json",
        "examples/just-starting.json",
    ] {
        let (code, out, err) = keyholder(&["report", file]);
        assert_eq!(code, 0, "{file}: {err}");
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(
            report["key_control"]["in_scope"].as_u64().unwrap() > 0,
            "{file}"
        );
        assert!(report["residency"]["headline"].is_string());
    }
}

#[test]
fn fully_protected_example_is_all_customer_key_but_metadata() {
    let (_, out, _) = keyholder(&["report", "examples/ce-on-cmk.json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let k = &report["key_control"];
    assert_eq!(k["blocked"], 0);
    assert_eq!(
        k["microsoft_key"], 1,
        "only the platform metadata exclusions"
    );
}

#[test]
fn markdown_format_has_both_verdicts() {
    let (code, out, _) = keyholder(&[
        "report",
        "examples/mixed-estate.json",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("## Key control"));
    assert!(out.contains("## Data residency"));
    assert!(out.contains("CSU East US"));
}

#[test]
fn bad_input_is_one_line_and_exit_code_2() {
    let dir = std::env::temp_dir().join(format!("keyholder-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let malformed = dir.join("bad.json");
    std::fs::write(&malformed, "{ not json").unwrap();
    let newer = dir.join("newer.json");
    std::fs::write(&newer, r#"{"schema_version": 7}"#).unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["report".into(), "no/such/file.json".into()],
            "no/such/file.json",
        ),
        (
            vec!["report".into(), malformed.display().to_string()],
            "not a Keyholder answers file",
        ),
        (
            vec!["report".into(), newer.display().to_string()],
            "format version 7",
        ),
        (
            vec![
                "report".into(),
                "examples/ce-on-cmk.json".into(),
                "--format".into(),
                "pdf".into(),
            ],
            "unknown format `pdf`",
        ),
        (vec!["frobnicate".into()], "unknown command"),
        (vec![], "usage"),
    ];
    for (args, needle) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, out, err) = keyholder(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty(), "{args:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
