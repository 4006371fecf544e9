//! Typed errors, one enum per area. Messages are lowercase, name the offending item in backticks,
//! and never mention Rust types: the UI and the command line show them to people.

use thiserror::Error;

/// Why an answers document was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswersError {
    /// The text is not JSON at all, or not the answers structure.
    #[error("not a Keyholder answers file: {0}")]
    Malformed(String),
    /// `schema_version` is missing or not a number.
    #[error("the answers have no `schema_version`")]
    MissingVersion,
    /// Written by a newer Keyholder.
    #[error(
        "the answers use format version {found}, newer than this Keyholder supports ({supported})"
    )]
    NewerVersion {
        /// Version in the document.
        found: u64,
        /// Newest this build reads.
        supported: u32,
    },
    /// A version this build never wrote.
    #[error("the answers use format version {0}, which never existed")]
    UnknownVersion(u64),
    /// The document is larger than any real estate needs.
    #[error("the answers are {0} bytes; the limit is 1 MB")]
    TooLarge(usize),
    /// A list is longer than the limit.
    #[error("too many {what}: {count} (the limit is {limit})")]
    TooMany {
        /// Which list.
        what: &'static str,
        /// How many there are.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Two items in one list share an id.
    #[error("two {what} share the id `{id}`")]
    DuplicateId {
        /// Which list.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// An item has an empty id or name, or one that is too long.
    #[error("{what} `{id}` needs a name of 1 to {limit} characters")]
    BadName {
        /// Which list.
        what: &'static str,
        /// The item's id.
        id: String,
        /// Maximum length.
        limit: usize,
    },
    /// An id is empty, too long or uses characters other than letters, digits, `-` and `_`.
    #[error("{what} has an invalid id `{id}`")]
    BadId {
        /// Which list.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A cover detail of the brief is too long or holds control characters.
    #[error("{what} must be at most {limit} characters of plain text")]
    BadText {
        /// Which detail.
        what: &'static str,
        /// Maximum length.
        limit: usize,
    },
    /// A share link is cut short, damaged or not a Keyholder link.
    #[error(
        "the share link is incomplete or damaged ({0}); ask for the link again, copied in full"
    )]
    BadLink(&'static str),
    /// An import file is an export whose `answers` part is missing.
    #[error("not a Keyholder answers file: an export without its `answers`")]
    ExportWithoutAnswers,
    /// A link names an environment that isn't in the list.
    #[error(
        "{what} `{from}` is linked to environment `{to}`, which is not in the environment list"
    )]
    DanglingLink {
        /// What links.
        what: &'static str,
        /// The linking item's id.
        from: String,
        /// The missing environment id.
        to: String,
    },
}

/// Why the embedded catalogue failed to load. Tests make sure this never reaches a user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogueError {
    /// A data file is not valid.
    #[error("catalogue file `{file}`: {message}")]
    Parse {
        /// The data file.
        file: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A rule is inconsistent with the rest of the catalogue.
    #[error("rule `{rule}`: {message}")]
    Rule {
        /// The rule id.
        rule: String,
        /// What is wrong.
        message: String,
    },
    /// Something other than a rule is inconsistent.
    #[error("{0}")]
    Other(String),
}
