//! The questionnaire's logic, free of the browser: the pages and their questions, the steps that
//! apply to an estate, reading and writing answers by path, and the reducer. Tested natively.

pub mod access;
pub mod pages;
pub mod steps;
pub mod store;
