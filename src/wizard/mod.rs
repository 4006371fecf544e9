//! The questionnaire's logic, free of the browser: the pages and their questions, the steps that
//! apply to an estate, where Back and Continue go, and the reducer. Tested natively.

pub mod navigation;
pub mod pages;
pub mod steps;
pub mod store;
