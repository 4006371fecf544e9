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
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[allow(missing_docs, reason = "choice values are self-describing; the enum carries the doc")]
        pub enum $name {
            $(#[$fmeta])* #[default] $first,
            $($(#[$vmeta])* $variant),*
        }
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$name::$first, $($name::$variant),*];
            /// Every value as spelled in JSON and in catalogue conditions.
            pub const NAMES: &'static [&'static str] = &[$ftext, $($text),*];
            /// The value's position in [`Self::ALL`] (declaration order: no variant has an
            /// explicit discriminant).
            pub const fn position(self) -> usize {
                self as usize
            }
            /// The value as spelled in JSON and in catalogue conditions.
            pub const fn as_str(self) -> &'static str {
                match self { $name::$first => $ftext, $($name::$variant => $text),* }
            }
        }
        impl std::str::FromStr for $name {
            type Err = ();
            fn from_str(text: &str) -> Result<Self, ()> {
                Self::NAMES
                    .iter()
                    .position(|n| *n == text)
                    .and_then(|i| Self::ALL.get(i).copied())
                    .ok_or(())
            }
        }
        // Hand-written rather than derived: one small string match per enum instead of serde's
        // generated visitors, which roughly halves what the answers model adds to the wasm.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::choice::deserialize_choice(d, Self::NAMES)
                    .and_then(|i| Self::ALL.get(i).copied().ok_or_else(|| serde::de::Error::custom("out of range")))
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

/// Reads a string and returns its position in `names`, or an error listing the allowed values.
/// Shared by every choice enum so the parsing code exists once.
pub fn deserialize_choice<'de, D: serde::Deserializer<'de>>(
    d: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    struct Visitor(&'static [&'static str]);
    impl serde::de::Visitor<'_> for Visitor {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "one of {}", self.0.join(", "))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<usize, E> {
            self.0
                .iter()
                .position(|n| *n == v)
                .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
        }
    }
    d.deserialize_str(Visitor(names))
}
