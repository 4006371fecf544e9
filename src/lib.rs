//! Keyholder's web app: a thin Yew layer over `keyholder_engine`.
//!
//! The engine decides every verdict; this crate asks the questions (`wizard`, pure and tested
//! natively), keeps the answers in one reducer, and shows the report (`ui`). `browser` holds the
//! few side effects. `main.rs` mounts [`App`]; tests render components natively through Yew SSR.
//!
//! Two wasm modules are built from this crate: the first load (`main.rs`: landing page and
//! questionnaire) and the report module (`bin/keyholder-report.rs`: engine, report and exports),
//! fetched when a report is first shown (`ui::report_host`). They share no memory; what the
//! report asks of the app crosses as `bridge::Event`s.

mod app;
pub mod bridge;
pub mod browser;
pub mod config;
mod embed;
mod landing;
pub mod page;
pub mod route;
mod shell;
pub mod ui;
pub mod wizard;

pub use app::{first_screen, App, AppProps};
pub use landing::{Landing, LandingProps, SavedProblem};
