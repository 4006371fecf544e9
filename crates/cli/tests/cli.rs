//! The `keyholder` binary: reports on the shipped examples, and one-line errors with exit code 2.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
            "there is no format `pdf`",
        ),
        (
            vec!["frobnicate".into()],
            "there is no command `frobnicate`",
        ),
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

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("keyholder-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the binary with `input` on standard input, written from a thread (the binary may stop
/// reading early, which is the point of some tests).
fn keyholder_with_stdin(args: &[&str], input: Vec<u8>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_keyholder"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdin = child.stdin.take().unwrap();
    // A broken pipe once the binary has stopped reading is expected, not a failure.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts a refusal: exit code 2, nothing on stdout, one line on stderr holding `needle`.
fn assert_refused((code, out, err): (i32, String, String), needle: &str) {
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "wanted {needle:?} in {err}");
}

#[test]
fn help_and_version_print_on_stdout_and_exit_0() {
    for flag in ["--help", "-h"] {
        for args in [vec![flag], vec!["report", flag]] {
            let (code, out, err) = keyholder(&args);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert!(out.contains("usage: keyholder report"), "{out}");
            assert!(out.contains("--format"), "{out}");
        }
    }
    for flag in ["--version", "-V"] {
        let (code, out, _) = keyholder(&[flag]);
        assert_eq!(code, 0);
        assert_eq!(
            out.trim(),
            format!("keyholder {}", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = scratch("bom");
    let file = dir.join("bom.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/just-starting.json"
        ))
        .unwrap(),
    );
    std::fs::write(&file, bytes).unwrap();
    let (code, out, err) = keyholder(&["report", &file.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("key_control"));
}

#[test]
fn an_export_from_the_app_is_read_like_an_answers_file() {
    let dir = scratch("export");
    let file = dir.join("export.json");
    let answers = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/mixed-estate.json"
    ))
    .unwrap();
    let export = format!(
        r#"{{"keyholder_export": 1, "exported_on": "2026-11-29", "answers": {answers}, "report": {{}}}}"#
    );
    std::fs::write(&file, export).unwrap();
    let (code, out, err) = keyholder(&["report", &file.display().to_string(), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Fabrikam CRM"), "{out}");
}

#[test]
fn a_string_schema_version_says_it_must_be_a_number() {
    let dir = scratch("version");
    let file = dir.join("v.json");
    std::fs::write(&file, r#"{"schema_version": "2"}"#).unwrap();
    assert_refused(
        keyholder(&["report", &file.display().to_string()]),
        "`schema_version` must be a number",
    );
}

#[test]
fn a_huge_file_is_refused_by_its_size_without_being_read() {
    let dir = scratch("huge");
    let file = dir.join("huge.json");
    // Sparse: 100 MB on paper, nothing on disk.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let started = Instant::now();
    assert_refused(
        keyholder(&["report", &file.display().to_string()]),
        "the file is 104857600 bytes; the limit is 1 MB",
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    std::fs::remove_file(&file).unwrap();
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_read_only_up_to_the_limit() {
    // `/dev/zero` reports size 0 and never ends: only the capped read can stop it.
    assert_refused(
        keyholder(&["report", "/dev/zero"]),
        "the answers are over 1 MB; the limit is 1 MB",
    );
}

#[test]
fn a_dash_reads_standard_input() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/mixed-estate.json"
    ))
    .unwrap();
    let (code, out, err) = keyholder_with_stdin(&["report", "-", "--format", "markdown"], text);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("CSU East US"), "{out}");
    assert_refused(
        keyholder_with_stdin(&["report", "-"], b"{ not json".to_vec()),
        "standard input: this is not a Keyholder answers file",
    );
}

#[test]
fn standard_input_is_capped_too() {
    let mut big = b"{\"schema_version\": 2, \"pad\": \"".to_vec();
    big.resize(3 * 1024 * 1024, b'x');
    assert_refused(
        keyholder_with_stdin(&["report", "-"], big),
        "standard input: the answers are over 1 MB",
    );
}

#[test]
fn csv_format_gives_the_findings() {
    let (code, out, err) = keyholder(&["report", "examples/mixed-estate.json", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("\u{feff}Kind,Item,Where,Kind of place,Status or level,"),
        "{out}"
    );
    assert!(out.contains("CSU East US (Commerce Scale Unit)"), "{out}");
    assert!(out.ends_with("\r\n"));
}

#[test]
fn errors_are_sentences_naming_the_item() {
    let dir = scratch("sentences");
    for (name, text, message) in [
        (
            "id.json",
            r#"{"schema_version": 2, "environments": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, {"id": "c d", "name": "C"}]}"#,
            "environment 3 has an invalid id `c d`",
        ),
        (
            "control.json",
            r#"{"schema_version": 2, "commerce": {"scale_units": [{"id": "a", "name": "A\u202Eb"}]}}"#,
            "Commerce Scale Unit 1 has a name with a control character",
        ),
        ("dir", "", "this is a folder, not a file"),
    ] {
        let path = dir.join(name);
        if name == "dir" {
            std::fs::create_dir_all(&path).unwrap();
        } else {
            std::fs::write(&path, text).unwrap();
        }
        let shown = path.display().to_string();
        assert_refused(
            keyholder(&["report", &shown]),
            &format!("keyholder: {shown}: {message}"),
        );
    }
    assert_refused(
        keyholder(&["report", "no/such/file.json"]),
        "keyholder: no/such/file.json: there is no such file",
    );
}

#[test]
fn compare_names_what_moved_between_two_exports_with_their_dates_and_rules() {
    let dir = scratch("compare");
    let before: serde_json::Value =
        serde_json::from_str(include_str!("../../../examples/mixed-estate.json")).unwrap();
    let mut after = before.clone();
    let sandbox = after["environments"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["id"] == "us-sandbox")
        .unwrap();
    for (k, v) in [
        ("managed", "yes"),
        ("cmk_policy", "yes"),
        ("policy_region", "unitedstates"),
        ("encryption_status", "encrypted"),
    ] {
        sandbox[k] = v.into();
    }
    let export = |answers: &serde_json::Value, date: &str, rules: &str| {
        format!(
            r#"{{"keyholder_export": 1, "exported_on": "{date}", "answers": {answers}, "report": {{"rules_version": "{rules}"}}}}"#
        )
    };
    let (a, b) = (dir.join("a.json"), dir.join("b.json"));
    std::fs::write(&a, export(&before, "2026-08-29", "2026.11.1")).unwrap();
    std::fs::write(&b, export(&after, "2026-11-29", "2026.11.3")).unwrap();
    let (code, out, err) = keyholder(&[
        "compare",
        &a.display().to_string(),
        &b.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Earlier assessment: 2026-08-29; this one: 2026-11-29"),
        "{out}"
    );
    assert!(
        out.contains("written under rules version 2026.11.1"),
        "{out}"
    );
    assert!(
        out.contains("US Sandbox (environment): Microsoft key → Customer key"),
        "{out}"
    );
    assert!(out.contains("## Answers that changed"), "{out}");

    // A malformed earlier file is refused with the import's message, and nothing is printed.
    std::fs::write(&a, "not json").unwrap();
    let (code, out, err) = keyholder(&[
        "compare",
        &a.display().to_string(),
        &b.display().to_string(),
    ]);
    assert_eq!(code, 2);
    assert!(
        out.is_empty() && err.contains("not a Keyholder answers file"),
        "{err}"
    );
}
