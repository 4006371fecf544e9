//! The Keyholder assessment engine: plain Rust with no browser imports.
//!
//! It owns everything a report depends on — the answers model, the cited coverage catalogue, the
//! evaluator and the report — so the browser app and the `keyholder` command line give the same
//! verdicts, and every verdict can be tested natively with `cargo test`.
