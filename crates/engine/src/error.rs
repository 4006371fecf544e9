//! Typed errors, one enum per area. Messages are lowercase, name the offending item in backticks,
//! and never mention Rust types: the UI and the command line show them to people.

use thiserror::Error;

/// Why an answers document was refused.
///
/// Each message is a lowercase clause that reads as a sentence ("environment 3 has an invalid id
/// `a b`…"): the app puts it after "The file x.json can't be imported:" and ends it with a full
/// stop, the command line after the file's name. Items are named by their position in their list
/// (1 = first), which is what a person sees in the questionnaire; outside text quoted in a message
/// is cut short and kept on one line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswersError {
    /// The text is not JSON at all, or not the answers structure. Build it with
    /// [`AnswersError::malformed`], which keeps the parser's message on one line.
    #[error("this is not a Keyholder answers file ({0})")]
    Malformed(String),
    /// `schema_version` is missing.
    #[error("the answers have no `schema_version`")]
    MissingVersion,
    /// `schema_version` is there but not a whole number (such as the string `"2"`).
    #[error("the answers' `schema_version` must be a number such as 2, not {0}")]
    VersionNotNumber(String),
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
    #[error("there are {count} {what}s; the limit is {limit}")]
    TooMany {
        /// Which list, singular ("environment").
        what: &'static str,
        /// How many there are.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// Two items in one list share an id.
    #[error("{what}s {first} and {second} share the id `{id}`")]
    DuplicateId {
        /// Which list, singular.
        what: &'static str,
        /// Position of the first item with the id (1 = first).
        first: usize,
        /// Position of the second.
        second: usize,
        /// The id.
        id: String,
    },
    /// An item has an empty name, or one that is too long.
    #[error("{what} {index} needs a name of 1 to {limit} characters")]
    BadName {
        /// Which list, singular.
        what: &'static str,
        /// The item's position (1 = first).
        index: usize,
        /// Maximum length.
        limit: usize,
    },
    /// An item's name holds a control character or an invisible format character.
    #[error(
        "{what} {index} has a name with a control character or an invisible formatting character"
    )]
    NameControl {
        /// Which list, singular.
        what: &'static str,
        /// The item's position (1 = first).
        index: usize,
    },
    /// An id is empty, too long or uses characters other than letters, digits, `-` and `_`.
    #[error("{what} {index} has an invalid id `{id}` (use 1 to 40 letters, digits, `-` or `_`)")]
    BadId {
        /// Which list, singular.
        what: &'static str,
        /// The item's position (1 = first).
        index: usize,
        /// The id, cut short and on one line.
        id: String,
    },
    /// A cover detail of the brief is too long.
    #[error("{what} must be at most {limit} characters")]
    BadText {
        /// Which detail ("the organisation").
        what: &'static str,
        /// Maximum length.
        limit: usize,
    },
    /// A cover detail of the brief holds a control character or an invisible format character.
    #[error("{what} has a control character or an invisible formatting character")]
    TextControl {
        /// Which detail ("the organisation").
        what: &'static str,
    },
    /// A share link is cut short, damaged or not a Keyholder link.
    #[error(
        "the share link is incomplete or damaged ({0}); ask for the link again, copied in full"
    )]
    BadLink(&'static str),
    /// An import file is an export whose `answers` part is missing.
    #[error("this is a Keyholder export without its `answers`, so there is nothing to import")]
    ExportWithoutAnswers,
    /// A link names an environment that isn't in the list.
    #[error(
        "{what} {index} is linked to environment `{to}`, which is not in the environment list"
    )]
    DanglingLink {
        /// What links, singular.
        what: &'static str,
        /// The linking item's position (1 = first).
        index: usize,
        /// The missing environment id, cut short and on one line.
        to: String,
    },
}

impl AnswersError {
    /// A [`AnswersError::Malformed`] from a parser's message, kept to one line of at most 200
    /// characters: the message can quote the document (an unknown field's name), and a name with
    /// line breaks must not split the command line's one-line error or the app's summary.
    pub fn malformed(message: impl std::fmt::Display) -> AnswersError {
        AnswersError::Malformed(crate::text::one_line(&message.to_string(), 200))
    }
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
