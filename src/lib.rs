//! Keyholder's web app: a thin Yew layer over `keyholder_engine`.
//!
//! The engine decides every verdict; this crate asks the questions (`wizard`, pure and tested
//! natively), keeps the answers in one reducer, and shows the report (`ui`). `browser` holds the
//! few side effects. `main.rs` mounts [`App`]; tests render components natively through Yew SSR.

mod app;
pub mod browser;
pub mod config;
mod embed;
mod landing;
pub mod route;
mod shell;
pub mod ui;
pub mod wizard;

pub use app::{App, AppProps};
pub use landing::{Landing, LandingProps, SavedProblem};
