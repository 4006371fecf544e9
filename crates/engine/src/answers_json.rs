//! The answers as JSON text, read and written by hand rather than through serde.
//!
//! Why: the first load reads the saved answers and writes them back on every change, and that was
//! all it used serde for. Built with the reading and writing taken out, its wasm was 151.3 KB of
//! gzip instead of 189.9 (serde, `serde_json`, and the checks after them); with this codec it is
//! 169.3 KB, so the codec costs 10.6 KB where serde cost about 31. It knows one document shape, so
//! it is a few small non-generic functions and one macro expansion per struct.
//!
//! The format is serde's, unchanged: the types keep `#[derive(Serialize, Deserialize)]` (the
//! exports embed the answers through serde, and the derive is the reference this codec is tested
//! against). `tests/fuzz.rs` decides every generated document, and a table of edge cases, both
//! ways: the same answers when accepted, the same kind of refusal (`AnswersError` variant)
//! otherwise, and the same text written back. The one difference: serde's derive also reads a
//! struct written as an array of its fields in order, which Keyholder never writes; this reader
//! refuses it ("invalid type: array, expected an object").

use std::fmt;

use crate::answers::{
    AddIns, Answers, BcEnvironment, Brief, BusinessCentral, Cloud, Commerce, CopilotTiming,
    DataCopies, EncryptionStatus, EnvType, Environment, EnvironmentApps, FinanceOperations,
    FoEnvironment, FoHosting, Geo, HostedRpa, KeyExpiry, KeyManagement, KeySize, KeyStore, KeyType,
    LcsEndpoint, Licensing, OperatorAccess, PermissionModel, PowerPlatform, Residency, Rotation,
    ScaleUnit, Tenant, VaultNetwork, YesNo,
};

/// Why a document couldn't be read: what was wrong and where, in serde_json's style (the wording
/// and the column can differ from serde_json's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    message: String,
    line: usize,
    column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// The answers as compact JSON: the text serde_json writes for them.
pub fn to_string(answers: &Answers) -> String {
    let mut out = String::with_capacity(4096);
    answers.write(&mut out);
    out
}

/// Reads answers from JSON text: the structure only (no version check, no migration, no
/// validation; [`crate::parse_answers`] does those).
pub fn from_str(text: &str) -> Result<Answers, JsonError> {
    let mut r = Reader::new(text);
    let answers = Answers::read(&mut r)?;
    r.end()?;
    Ok(answers)
}

/// The raw text of the top-level `schema_version` (`None` when there is none), read before the
/// rest so a newer file gets its own message rather than "unknown field". Checks the whole text is
/// one JSON object; every other member is skipped, whatever it holds.
pub fn version_text(text: &str) -> Result<Option<&str>, JsonError> {
    let mut r = Reader::new(text);
    let mut version = None;
    // Only the version must be unique here: other members are checked by the typed read.
    r.object(false, &mut |r, key| {
        if key == "schema_version" {
            if version.is_some() {
                return Err(r.error(format!("duplicate field `{key}`")));
            }
            version = Some(r.skip()?);
        } else {
            r.skip()?;
        }
        Ok(())
    })?;
    r.end()?;
    Ok(version)
}

/// A value of the answers model that reads and writes itself.
pub(crate) trait Json: Sized {
    /// Reads one value at the reader's position.
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError>;
    /// Appends the value's JSON.
    fn write(&self, out: &mut String);
}

/// A cursor over JSON text.
///
/// Nothing here recurses deeper than the answers' own structure (five levels): the typed read
/// refuses whatever the structure doesn't have, and the values the version check passes over are
/// skipped by [`Reader::skip`], which keeps the containers it is in in a list rather than on the
/// stack, so however deep hostile input nests, it can't exhaust the stack.
pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

/// What a field reader gets: the reader at the value, and the member's (unescaped) name.
type Member<'f, 'a> = dyn FnMut(&mut Reader<'a>, &str) -> Result<(), JsonError> + 'f;

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader { text, pos: 0 }
    }

    /// An error where reading stopped: the 1-based line and column (in characters) of the next
    /// character (the one that couldn't be read, or the one after a token that was read but
    /// refused, such as a duplicate member's name).
    pub(crate) fn error(&self, message: impl Into<String>) -> JsonError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        JsonError {
            message: message.into(),
            line,
            column,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte that isn't JSON whitespace, without taking it.
    fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes().get(self.pos) {
            if !matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// Takes `b` (after whitespace), or fails with `expected`.
    fn expect(&mut self, b: u8, expected: &str) -> Result<(), JsonError> {
        match self.peek() {
            Some(c) if c == b => {
                self.pos += 1;
                Ok(())
            }
            None => Err(self.error(format!("EOF while parsing {expected}"))),
            Some(_) => Err(self.error(format!("expected {expected}"))),
        }
    }

    /// Only whitespace may follow the document.
    fn end(&mut self) -> Result<(), JsonError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters")),
        }
    }

    /// Takes `null` if it is next.
    fn null(&mut self) -> bool {
        self.peek();
        if self.bytes()[self.pos..].starts_with(b"null") {
            self.pos += 4;
            return true;
        }
        false
    }

    /// Reads an object, handing each member to `member`, which must read its value. With
    /// `unique`, a name given twice is refused, as serde's derive refuses a field given twice.
    pub(crate) fn object(
        &mut self,
        unique: bool,
        member: &mut Member<'_, 'a>,
    ) -> Result<(), JsonError> {
        if self.peek() == Some(b'[') {
            // Named apart: serde's derive reads a struct from an array too, this reader doesn't.
            return Err(self.error("invalid type: array, expected an object"));
        }
        self.expect(b'{', "an object")?;
        let mut seen: Vec<String> = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                if self.peek() != Some(b'"') {
                    return Err(self.fail("key must be a string"));
                }
                let key = self.string()?;
                if unique {
                    if seen.contains(&key) {
                        return Err(self.error(format!("duplicate field `{key}`")));
                    }
                    seen.push(key.clone());
                }
                self.expect(b':', "`:`")?;
                member(self, &key)?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.fail("expected `,` or `}`")),
                }
            }
        }
        Ok(())
    }

    /// Reads an array, calling `item` for each element, which must read it.
    pub(crate) fn array(
        &mut self,
        item: &mut dyn FnMut(&mut Reader<'a>) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.expect(b'[', "an array")?;
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                item(self)?;
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.fail("expected `,` or `]`")),
                }
            }
        }
        Ok(())
    }

    /// An error saying `message`, or "EOF while parsing a value" when the text has ended.
    fn fail(&mut self, message: &str) -> JsonError {
        match self.peek() {
            None => self.error("EOF while parsing a value"),
            Some(_) => self.error(message),
        }
    }

    /// Reads a string, unescaping it.
    pub(crate) fn string(&mut self) -> Result<String, JsonError> {
        let mut out = String::new();
        self.string_into(Some(&mut out))?;
        Ok(out)
    }

    /// Reads a string into `out`, or only checks it when `out` is `None`, as serde_json checks a
    /// string it skips: there, a `\u` escape needs only its four hex digits, and whether
    /// surrogates pair up is checked only in text that is kept.
    fn string_into(&mut self, mut out: Option<&mut String>) -> Result<(), JsonError> {
        self.expect(b'"', "a string")?;
        loop {
            let start = self.pos;
            // Copy the run up to the next quote, backslash or control character in one go.
            while let Some(&b) = self.bytes().get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&self.text[start..self.pos]);
            }
            match self.bytes().get(self.pos) {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match out.as_deref_mut() {
                        Some(out) => out.push(self.escape()?),
                        None if self.bytes().get(self.pos) == Some(&b'u') => {
                            self.pos += 1;
                            self.hex4()?;
                        }
                        None => {
                            self.escape()?;
                        }
                    }
                }
                Some(_) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    /// The character of the escape after a backslash.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(&b) = self.bytes().get(self.pos) else {
            return Err(self.error("EOF while parsing a string"));
        };
        let simple = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.pos += 1;
                return self.unicode();
            }
            // Not stepped over: the error points at it (which may be a non-ASCII character).
            _ => return Err(self.error("invalid escape")),
        };
        self.pos += 1;
        Ok(simple)
    }

    /// The character of a `\u` escape (after the `u`), with a surrogate pair's second half.
    fn unicode(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            // A leading surrogate must be followed by an escaped trailing one.
            if !self.bytes()[self.pos..].starts_with(b"\\u") {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("lone trailing surrogate in hex escape"))
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.bytes().get(self.pos..self.pos + 4);
        let value = digits.and_then(|d| {
            d.iter()
                .try_fold(0u32, |n, &c| char::from(c).to_digit(16).map(|v| n * 16 + v))
        });
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => Err(self.error("invalid escape")),
        }
    }

    /// Reads a whole number that fits in a `u32`.
    fn number(&mut self) -> Result<u32, JsonError> {
        let raw = self.skip()?;
        raw.parse()
            .ok()
            .filter(|_| raw.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| self.error(format!("invalid type: `{raw}`, expected u32")))
    }

    /// Skips one value of any kind, checking its syntax, and returns its text. Iterative, as
    /// serde_json skips a value: the containers it is in are a list of their closing brackets.
    pub(crate) fn skip(&mut self) -> Result<&'a str, JsonError> {
        self.peek();
        let start = self.pos;
        let mut open: Vec<u8> = Vec::new();
        loop {
            // At a value.
            match self.peek() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b @ (b'{' | b'[')) => {
                    self.pos += 1;
                    let close = if b == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                    } else {
                        open.push(close);
                        if close == b'}' {
                            self.key()?;
                        }
                        continue;
                    }
                }
                Some(b'"') => self.string_into(None)?,
                Some(b't' | b'f' | b'n') => {
                    let word = ["true", "false", "null"]
                        .into_iter()
                        .find(|w| self.bytes()[self.pos..].starts_with(w.as_bytes()))
                        .ok_or_else(|| self.error("expected value"))?;
                    self.pos += word.len();
                }
                Some(b'-' | b'0'..=b'9') => self.skip_number()?,
                Some(_) => return Err(self.error("expected value")),
            }
            // After a value: close the containers it ends, or go on to the next element.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(&self.text[start..self.pos]);
                };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if close == b'}' {
                            self.key()?;
                        }
                        break;
                    }
                    Some(c) if c == close => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ => {
                        let expected = if close == b'}' {
                            "`,` or `}`"
                        } else {
                            "`,` or `]`"
                        };
                        return Err(self.fail(&format!("expected {expected}")));
                    }
                }
            }
        }
    }

    /// Skips an object member's name and its colon.
    fn key(&mut self) -> Result<(), JsonError> {
        if self.peek() != Some(b'"') {
            return Err(self.fail("key must be a string"));
        }
        self.string_into(None)?;
        self.expect(b':', "`:`")
    }

    /// Skips a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn skip_number(&mut self) -> Result<(), JsonError> {
        let b = self.bytes();
        let digits = |pos: &mut usize| {
            let start = *pos;
            while b.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > start
        };
        let mut pos = self.pos;
        if b.get(pos) == Some(&b'-') {
            pos += 1;
        }
        let int_start = pos;
        if !digits(&mut pos) {
            self.pos = pos;
            return Err(self.error("invalid number"));
        }
        if b[int_start] == b'0' && pos - int_start > 1 {
            self.pos = int_start + 1;
            return Err(self.error("invalid number"));
        }
        if b.get(pos) == Some(&b'.') {
            pos += 1;
            if !digits(&mut pos) {
                self.pos = pos;
                return Err(self.error("invalid number"));
            }
        }
        if matches!(b.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            if matches!(b.get(pos), Some(b'+' | b'-')) {
                pos += 1;
            }
            if !digits(&mut pos) {
                self.pos = pos;
                return Err(self.error("invalid number"));
            }
        }
        self.pos = pos;
        Ok(())
    }

    /// Reads a string that must be one of `names`, and returns its position there.
    pub(crate) fn choice(&mut self, names: &[&str]) -> Result<usize, JsonError> {
        let text = self.string()?;
        names.iter().position(|n| *n == text).ok_or_else(|| {
            self.error(format!(
                "invalid value: string {}, expected one of {}",
                quoted(&text),
                names.join(", ")
            ))
        })
    }

    /// The error for a member no struct field has.
    fn unknown_field(&self, key: &str, fields: &[&str]) -> JsonError {
        let expected: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        self.error(format!(
            "unknown field `{key}`, expected one of {}",
            expected.join(", ")
        ))
    }
}

/// Appends `text` as a JSON string, escaped as serde_json escapes it.
pub(crate) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Starts an object's member: the comma before every member but the first, then its name and
/// colon. (A member is the first when the text so far ends with the object's `{`: no value's
/// text ends with one.)
#[inline(never)]
fn member(out: &mut String, name: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    write_string(out, name);
    out.push(':');
}

impl Json for String {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.string()
    }
    fn write(&self, out: &mut String) {
        write_string(out, self);
    }
}

impl Json for u32 {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.number()
    }
    fn write(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl<T: Json> Json for Option<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        if r.null() {
            Ok(None)
        } else {
            T::read(r).map(Some)
        }
    }
    fn write(&self, out: &mut String) {
        match self {
            Some(v) => v.write(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: Json> Json for Vec<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut items = Vec::new();
        r.array(&mut |r| {
            items.push(T::read(r)?);
            Ok(())
        })?;
        Ok(items)
    }
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write(out);
        }
        out.push(']');
    }
}

/// Reads and writes a choice as its name (`"unknown"`, `"yes"`…); one shared lookup for all.
macro_rules! json_choice {
    ($($ty:ident),* $(,)?) => {$(
        impl Json for $ty {
            fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
                let i = r.choice(Self::NAMES)?;
                Self::ALL.get(i).copied().ok_or_else(|| r.error("out of range"))
            }
            fn write(&self, out: &mut String) {
                write_string(out, self.as_str());
            }
        }
    )*};
}

json_choice!(
    YesNo,
    Geo,
    Cloud,
    Residency,
    EnvType,
    EncryptionStatus,
    FoHosting,
    LcsEndpoint,
    HostedRpa,
    CopilotTiming,
    KeyStore,
    KeyType,
    KeySize,
    KeyExpiry,
    PermissionModel,
    VaultNetwork,
    Rotation,
);

/// Reads and writes a struct of the answers as an object, one member per field in declaration
/// order (serde's order), `#[serde(default)]` (a missing member keeps the default) and
/// `deny_unknown_fields`. Every field must be listed: the writer destructures the struct without
/// `..`, so a field added to the type and not here fails to compile.
macro_rules! json_struct {
    ($($ty:ident { $($field:ident $(as $name:literal)?),* $(,)? })*) => {$(
        impl Json for $ty {
            fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
                const FIELDS: &[&str] = &[$(json_struct!(@name $field $($name)?)),*];
                let mut value = $ty::default();
                r.object(true, &mut |r, key| {
                    match key {
                        $(json_struct!(@name $field $($name)?) => value.$field = Json::read(r)?,)*
                        _ => return Err(r.unknown_field(key, FIELDS)),
                    }
                    Ok(())
                })?;
                Ok(value)
            }
            fn write(&self, out: &mut String) {
                let $ty { $($field),* } = self;
                out.push('{');
                $(
                    member(out, json_struct!(@name $field $($name)?));
                    $field.write(out);
                )*
                out.push('}');
            }
        }
    )*};
    (@name $field:ident) => { stringify!($field) };
    (@name $field:ident $name:literal) => { $name };
}

json_struct! {
    Answers {
        schema_version, tenant, environments, finance_operations, addins, commerce,
        power_platform, business_central, key, licensing, copies, access, brief,
    }
    Tenant { cloud, home_geo, residency, required_geo }
    Environment {
        id, name, kind as "type", region, managed, cmk_policy, policy_region, encryption_status,
        legacy_byok, apps,
    }
    EnvironmentApps {
        sales, sales_forecasting, sales_predictive_scoring, sales_conversation_intelligence,
        sales_relationship_intelligence, customer_service, field_service, chat, contact_center,
        customer_insights_data, customer_insights_own_adls, customer_insights_journeys,
        power_automate, copilot_studio, power_pages, ai_builder, genai_cross_region, synapse_link,
        synapse_link_storage_cmk,
    }
    FinanceOperations {
        used, environments, finance, supply_chain, human_resources, project_operations, commerce,
        intelligent_order_management, fraud_protection, demand_planning, lcs_data, hr_standalone,
        lcs_endpoint,
    }
    FoEnvironment {
        id, name, hosting, region, power_platform_integration, linked_environment,
        cmk_before_link, data_resident_region,
    }
    AddIns { tax_calculation, electronic_invoicing, standalone_rcs, other }
    Commerce { scale_units, ecommerce_cms, recommendations, ratings_reviews, ratings_reviews_geo }
    ScaleUnit { id, name, geo, self_hosted }
    PowerPlatform {
        flows_before_cmk, cmk_before_auto_migration, special_trigger_flows, non_oauth_connections,
        hosted_rpa, copilot_cmk_timing, copilot_cmk_toggled, copilot_agent365_audit,
        copilot_file_uploads,
    }
    BusinessCentral { used, environments, exports }
    BcEnvironment { id, name, linked, linked_environment, from_copy_or_restore }
    KeyManagement {
        store, soft_delete, purge_protection, key_type, key_size, expiry, permission_model,
        network, rotation, separate_admins, lockout_runbook, policy_reader,
    }
    Licensing { managed_environments, e5_users }
    DataCopies { fabric_link, power_bi, dual_write, ci_exports, long_term_retention }
    OperatorAccess { lockbox, lockbox_monitored }
    Brief { organisation, prepared_by, classification }
}

/// `text` in quotes as serde_json's messages show a string (Rust's `{:?}`) for every character
/// a name may hold; a control or hidden character as its `\u{…}` escape. Written out because
/// `{:?}` pulls the standard library's printable-character tables into the first load's wasm.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if crate::text::is_forbidden(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_choice_is_quoted_as_serde_json_quotes_it_and_hidden_characters_show() {
        for text in [
            "Europe",
            "",
            "say \"hi\"",
            "back\\slash",
            "a\nb\tc\rd",
            "Café ✓ 東京",
        ] {
            assert_eq!(quoted(text), format!("{text:?}"));
        }
        assert_eq!(
            quoted("a\u{202e}b\u{200b}\u{1}"),
            r#""a\u{202e}b\u{200b}\u{1}""#
        );
    }

    fn example(name: &str) -> Answers {
        let text = match name {
            "mixed" => include_str!("../../../examples/mixed-estate.json"),
            "cmk" => include_str!("../../../examples/ce-on-cmk.json"),
            _ => include_str!("../../../examples/just-starting.json"),
        };
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn writes_what_serde_json_writes_and_reads_it_back() {
        for name in ["mixed", "cmk", "starting"] {
            let answers = example(name);
            let text = to_string(&answers);
            assert_eq!(text, serde_json::to_string(&answers).unwrap(), "{name}");
            assert_eq!(from_str(&text).unwrap(), answers, "{name}");
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut answers = Answers::default();
        answers.brief.organisation = Some("a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é中😀/".into());
        let text = to_string(&answers);
        assert_eq!(text, serde_json::to_string(&answers).unwrap());
        assert_eq!(from_str(&text).unwrap(), answers);
    }

    #[test]
    fn escapes_and_surrogate_pairs_are_read() {
        let text = r#"{"brief": {"organisation": "\u0041\ud83d\ude00\/\b"}}"#;
        let answers = from_str(text).unwrap();
        assert_eq!(answers.brief.organisation.as_deref(), Some("A😀/\u{8}"));
    }

    #[test]
    fn refusals_say_what_and_where() {
        let cases = [
            ("", "EOF while parsing an object at line 1 column 1"),
            ("{\"tenant\": {\"cloud\": \"mars\"}}", "invalid value: string \"mars\", expected one of unknown, commercial, us_government, china at line 1 column 28"),
            ("{\n  \"surprise\": 1}", "unknown field `surprise`, expected one of `schema_version`, `tenant`"),
            ("{\"tenant\": {}, \"tenant\": {}}", "duplicate field `tenant` at line 1 column 24"),
            ("{\"environments\": null}", "expected an array"),
            ("{\"brief\": {\"organisation\": \"\\ud800\"}}", "lone leading surrogate"),
            ("{\"brief\": {\"organisation\": \"a\u{1}\"}}", "control character"),
            ("{} x", "trailing characters at line 1 column 4"),
            ("{\"schema_version\": 4.0}", "expected u32"),
        ];
        for (text, message) in cases {
            let error = from_str(text).unwrap_err().to_string();
            assert!(error.contains(message), "{text:?}: {error}");
        }
    }

    #[test]
    fn the_version_is_found_as_written_and_the_rest_only_checked() {
        assert_eq!(
            version_text(r#"{"a": [1, {"b": -0.5e+3}], "schema_version": "2"}"#),
            Ok(Some("\"2\""))
        );
        assert_eq!(version_text(r#"{"tenant": {}}"#), Ok(None));
        assert!(version_text(r#"{"schema_version": 1, "schema_version": 2}"#).is_err());
        assert!(version_text(r#"{"schema_version": 01}"#).is_err());
        assert!(version_text(r#"{"x": [1,]}"#).is_err());
        // Skipped without recursion: hostile nesting can't exhaust the stack.
        let deep = format!(
            "{{\"x\": {}1{}}}",
            "[{\"a\":".repeat(100_000),
            "}]".repeat(100_000)
        );
        assert_eq!(version_text(&deep), Ok(None));
        assert!(version_text(&deep[..deep.len() - 2]).is_err());
    }
}
