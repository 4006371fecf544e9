//! The engine stays pure: no browser crate may appear in its manifest or its sources.
//!
//! Why: the same engine runs in the browser, on the command line and in native tests. A web import
//! would make it untestable natively and tie verdicts to one runtime.

use std::fs;
use std::path::{Path, PathBuf};

const FORBIDDEN: [&str; 6] = ["yew", "web_sys", "web-sys", "js_sys", "js-sys", "gloo"];
const FORBIDDEN_EXTRA: [&str; 2] = ["wasm_bindgen", "wasm-bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn mentions_crate(text: &str, name: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        !line.starts_with("//")
            && (line.contains(&format!("{name}::"))
                || line.contains(&format!("use {name}"))
                || line.starts_with(&format!("{name} "))
                || line.starts_with(&format!("{name}=")))
    })
}

#[test]
fn manifest_has_no_browser_dependency() {
    let manifest = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    for name in FORBIDDEN.iter().chain(FORBIDDEN_EXTRA.iter()) {
        assert!(
            !mentions_crate(&manifest, name),
            "the engine's Cargo.toml depends on `{name}`"
        );
    }
}

#[test]
fn sources_import_no_browser_crate() {
    let mut files = Vec::new();
    rust_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    assert!(!files.is_empty());
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for name in FORBIDDEN.iter().chain(FORBIDDEN_EXTRA.iter()) {
            assert!(
                !mentions_crate(&text, name),
                "{} imports `{name}`",
                file.display()
            );
        }
    }
}

#[test]
fn detector_catches_an_import() {
    // Guards the guard: the check above must recognise the ways a crate gets pulled in.
    assert!(mentions_crate("use yew::prelude::*;", "yew"));
    assert!(mentions_crate("    let w = web_sys::window();", "web_sys"));
    assert!(mentions_crate("gloo = \"0.11\"", "gloo"));
    assert!(!mentions_crate("// yew:: is not allowed here", "yew"));
}
