//! The share link: the answers carried in a URL fragment, which browsers never send to a server.
//!
//! Format: `1` (the link codec version) followed by the URL-safe base64 (no padding) of the raw
//! DEFLATE of the answers' JSON with unanswered (`null`) fields left out. Decoding accepts any
//! string: a wrong prefix, bad base64, a damaged stream or a decompression bomb is an
//! [`AnswersError::BadLink`]; what decompresses then goes through [`parse_answers`] like any file.

use crate::answers::Answers;
use crate::error::AnswersError;
use crate::validate::{parse_answers, MAX_BYTES};
use crate::ValidAnswers;

/// The codec version, the payload's first character.
const CODEC: char = '1';

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The answers as a share-link payload (what follows `#/share/`).
pub fn encode(answers: &Answers) -> String {
    // Level 9: links are made rarely and read by people pasting them; smaller beats faster.
    let packed = miniz_oxide::deflate::compress_to_vec(link_json(answers).as_bytes(), 9);
    from_deflated(&packed)
}

/// The JSON a link carries: the answers without unanswered (`null`) members.
pub fn link_json(answers: &Answers) -> String {
    let mut value = serde_json::to_value(answers).unwrap_or_default();
    prune_nulls(&mut value);
    value.to_string()
}

/// A payload from [`link_json`] already compressed with raw DEFLATE. The browser app compresses
/// with the platform's `CompressionStream` instead of [`encode`], which keeps the compressor out
/// of the wasm (11 KB gzip); both produce links [`decode`] reads.
pub fn from_deflated(packed: &[u8]) -> String {
    let mut out = String::with_capacity(2 + packed.len() * 4 / 3);
    out.push(CODEC);
    base64url(packed, &mut out);
    out
}

/// Reads a share-link payload (or a whole link: anything up to `#/share/` is skipped).
pub fn decode(link: &str) -> Result<ValidAnswers, AnswersError> {
    let payload = link.rsplit_once("share/").map_or(link, |(_, p)| p).trim();
    let body = payload.strip_prefix(CODEC).ok_or(AnswersError::BadLink(
        "it doesn't start like a Keyholder link",
    ))?;
    let packed =
        unbase64url(body).ok_or(AnswersError::BadLink("it has characters a link can't hold"))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_BYTES)
        .map_err(|_| AnswersError::BadLink("its data is cut short or altered"))?;
    let text = String::from_utf8(json).map_err(|_| AnswersError::BadLink("its data is altered"))?;
    parse_answers(&text)
}

/// Drops `null` object members: unanswered questions need no bytes, and the model reads a missing
/// member as unanswered.
fn prune_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(prune_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(prune_nulls),
        _ => {}
    }
}

fn base64url(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
}

fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        acc = (acc << 6 | v) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    // A lone trailing character can't hold a whole byte: the link was cut.
    (bits < 6).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        for len in 0..70 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let mut text = String::new();
            base64url(&bytes, &mut text);
            assert_eq!(unbase64url(&text).as_deref(), Some(&bytes[..]), "{len}");
        }
    }

    #[test]
    fn answers_round_trip_through_a_link() {
        let text = include_str!("../../../examples/mixed-estate.json");
        let valid = parse_answers(text).unwrap();
        let link = encode(valid.answers());
        assert!(link
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&link).unwrap(), valid);
        assert_eq!(
            decode(&format!("https://example.org/app/#/share/{link}")).unwrap(),
            valid
        );
    }

    #[test]
    fn damaged_links_are_refused_with_a_reason() {
        let link = encode(&Answers::default());
        for (bad, why) in [
            ("", "start"),
            ("2abc", "start"),
            ("1ab$c", "characters"),
            ("1A", "characters"),
            (&link[..link.len() / 2], "cut short"),
        ] {
            let err = decode(bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
