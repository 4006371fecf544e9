//! `choice!`: the enums behind every multiple-choice answer.
//!
//! Each answer the questionnaire collects is one of a fixed set of values, one of which is usually
//! `unknown`. The macro gives every such enum the same serde spelling (snake_case), a `Default`
//! (the first variant, which is always the "not answered yet" choice), and `as_str`/`ALL`, which the
//! fact table uses so condition values in the catalogue are checked against the real answer values.

/// Defines a choice enum. The first variant is the default.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident {
        $(#[$fmeta:meta])* $first:ident = $ftext:literal
        $(, $(#[$vmeta:meta])* $variant:ident = $text:literal)* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
        #[allow(missing_docs, reason = "choice values are self-describing; the enum carries the doc")]
        pub enum $name {
            $(#[$fmeta])* #[default] #[serde(rename = $ftext)] $first,
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),*
        }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$name::$first, $($name::$variant),*];
            /// Every value as spelled in JSON and in catalogue conditions.
            pub const NAMES: &'static [&'static str] = &[$ftext, $($text),*];
            /// The value as spelled in JSON and in catalogue conditions.
            pub fn as_str(self) -> &'static str {
                match self { $name::$first => $ftext, $($name::$variant => $text),* }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use choice;
