//! Keyholder's web app: a thin Yew layer over `keyholder_engine`.
//!
//! The engine decides every verdict; this crate only asks the questions, keeps the answers and shows
//! the report. `main.rs` mounts [`App`]; tests render components natively through Yew SSR.

mod app;
mod landing;

pub use app::App;
pub use landing::{Landing, LandingProps};
