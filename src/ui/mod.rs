//! The screens: question pages, list editors, the task list, Check your answers and the report.
//! Each is a function of the answers (and its own transient form state), nothing more.

pub mod check_answers;
pub mod list_page;
pub mod question_page;
pub mod report_view;
pub mod task_list;
