//! The Keyholder assessment engine: plain Rust with no browser imports.
//!
//! It owns everything a report depends on — the answers model ([`answers`]), the cited coverage
//! catalogue ([`catalogue`], data in `data/`), the evaluator ([`evaluate()`]) and the report
//! ([`report`], [`markdown`]) — so the browser app and the `keyholder` command line give the same
//! verdicts, and every verdict can be tested natively with `cargo test`.
//!
//! The pipeline follows Cedar's: text → [`answers::Answers`] (syntax) → [`answers::ValidAnswers`]
//! (validated) → facts → rules → a [`report::Report`] that explains every verdict.

pub mod answers;
pub mod answers_json;
pub mod assessor;
pub mod catalogue;
mod choice;
pub mod compare;
pub mod error;
pub mod estate;
mod evaluate;
pub mod export;
pub mod facts;
pub mod lists;
pub mod markdown;
pub mod model;
pub mod picture;
pub mod prose;
pub mod questions;
pub mod report;
#[cfg(not(target_arch = "wasm32"))]
pub mod rule_shape;
pub mod share;
pub mod sort;
pub mod text;
mod validate;

pub use answers::{Answers, ValidAnswers, SCHEMA_VERSION};
pub use catalogue::CATALOGUE;
pub use error::{AnswersError, CatalogueError};
pub use evaluate::{evaluate, evaluate_with};
pub use report::Report;
pub use validate::{parse_answers, MAX_BYTES};
