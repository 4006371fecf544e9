//! Fuzzing at volume: every decoder of outside input — the answers file and saved state
//! (`parse_answers`), the import (`parse_import`) and the share link (`share::decode`) — under
//! `KH_FUZZ_CASES` generated inputs each (256 by default, so `cargo test` stays fast; `make fuzz`
//! runs 10,000 in a release build).
//!
//! Inputs mix fully random text and bytes with structure-aware mutations of real documents:
//! fields removed, nulled, retyped, duplicated, renamed, lists grown past their limits, hostile
//! names, huge numbers, deep nesting, byte-order marks, truncation and bit flips; for links, real
//! links cut, altered and re-prefixed, mutated JSON deflated into a link, and decompression bombs.
//!
//! The property: the decoder never panics; a rejection is a typed error whose message reads as a
//! one-line sentence; an acceptance passes validation again, round-trips through JSON and a share
//! link, and evaluates and exports without panicking. Each test prints one count line:
//! `fuzz <decoder>: N inputs, A accepted, R rejected (typed), 0 panics`.
//!
//! The answers' hand-written JSON codec (`answers_json`) is also fuzzed against serde_json, the
//! reference it replaces in the app: on every generated document `parse_answers` must decide as
//! serde's reading of the same types would, and write back the same text.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

use keyholder_engine::export::{parse_import, to_csv, to_json};
use keyholder_engine::markdown::to_markdown;
use keyholder_engine::{
    answers_json, evaluate, parse_answers, share, text, Answers, AnswersError, ValidAnswers,
    MAX_BYTES, SCHEMA_VERSION,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

/// Real answers documents the mutations start from.
const SEEDS: [&str; 3] = [
    include_str!("../../../examples/ce-on-cmk.json"),
    include_str!("../../../examples/mixed-estate.json"),
    include_str!("../../../examples/just-starting.json"),
];

/// Strings a mutation may put anywhere: empty, long, hostile, near-miss enum values, numbers as
/// text, control and invisible characters.
const PALETTE: [&str; 16] = [
    "",
    "unknown",
    "yes",
    "mars",
    "2",
    "<script>alert(1)</script>",
    "=HYPERLINK(\"http://x\",\"y\")",
    "a\rb\nc",
    "evil\u{202E}txt",
    "zero\u{200B}width",
    "\u{FEFF}",
    "\u{0}",
    "é中😀",
    "a b",
    "../../etc/passwd",
    "ghost",
];

/// Numbers JSON can spell but Rust types may not hold; spliced in as text.
const HUGE: [&str; 6] = [
    "18446744073709551616",
    "-9223372036854775809",
    "1e308",
    "-0",
    "2.5",
    "123456789012345678901234567890",
];

fn cases() -> u32 {
    std::env::var("KH_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(256)
}

/// One step of a path into a JSON value.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every path in `v` (the root first), at most `limit` of them.
fn paths(v: &Value, limit: usize) -> Vec<Vec<Step>> {
    let mut out = vec![Vec::new()];
    let mut i = 0;
    while i < out.len() && out.len() < limit {
        let path = out[i].clone();
        if let Some(node) = get(v, &path) {
            match node {
                Value::Object(map) => {
                    for k in map.keys() {
                        let mut p = path.clone();
                        p.push(Step::Key(k.clone()));
                        out.push(p);
                    }
                }
                Value::Array(items) => {
                    for j in 0..items.len() {
                        let mut p = path.clone();
                        p.push(Step::Index(j));
                        out.push(p);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    out
}

fn get<'a>(v: &'a Value, path: &[Step]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, s| match s {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

fn get_mut<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, s| match s {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    })
}

/// Applies mutation `op` at the node `pick` selects; `arg` parameterises it. Some mutations leave
/// a `@@…@@` marker that [`splice`] turns into text serde_json would never write.
fn mutate(v: &mut Value, op: u8, pick: u32, arg: u32) {
    let all = paths(v, 4000);
    let path = &all[pick as usize % all.len()];
    if op % 12 == 0 {
        // Remove the node from its parent.
        if let Some((last, parent)) = path.split_last() {
            match (get_mut(v, parent), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    map.remove(k);
                }
                (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
        return;
    }
    let Some(node) = get_mut(v, path) else {
        return;
    };
    let a = arg as usize;
    match op % 12 {
        1 => *node = Value::Null,
        2 => *node = Value::String(format!("@@HUGE{}@@", a % HUGE.len())),
        3 => *node = Value::String(PALETTE[a % PALETTE.len()].to_owned()),
        4 => *node = Value::Bool(a % 2 == 0),
        5 => {
            let inner = node.take();
            *node = if a % 2 == 0 {
                Value::Array(vec![inner])
            } else {
                serde_json::json!({ "value": inner })
            };
        }
        6 => match node {
            // Duplicate: an array element, or an object member under the same key.
            Value::Array(items) if !items.is_empty() => {
                let copy = items[a % items.len()].clone();
                items.push(copy);
            }
            Value::Object(map) if !map.is_empty() => {
                if let Some((k, val)) = map.iter().nth(a % map.len()) {
                    let (k, val) = (format!("@@DUP@@{k}"), val.clone());
                    map.insert(k, val);
                }
            }
            _ => {}
        },
        7 => *node = Value::String(format!("@@DEEP{}@@", a % 600)),
        8 => {
            // Rename a member: an unknown field, or a known one moved elsewhere.
            if let Value::Object(map) = node {
                if let Some(k) = map.keys().nth(a % map.len().max(1)).cloned() {
                    if let Some(val) = map.remove(&k) {
                        let to = ["name", "id", "schema_version", "environments", "surprise"];
                        map.insert(to[a % to.len()].to_owned(), val);
                    }
                }
            }
        }
        9 => {
            // Grow a list past the 200-item limit, with unique or repeated ids.
            if let Value::Array(items) = node {
                if let Some(first) = items.first().cloned() {
                    for i in items.len()..(195 + a % 10) {
                        let mut copy = first.clone();
                        if a % 3 != 0 {
                            if let Some(obj) = copy.as_object_mut() {
                                obj.insert("id".into(), Value::String(format!("x{i}")));
                            }
                        }
                        items.push(copy);
                    }
                }
            }
        }
        10 => *node = Value::from(i64::from(arg as i32)),
        _ => {
            // A hostile or overlong name on an item.
            if let Some(obj) = node.as_object_mut() {
                let name = if a % 5 == 0 {
                    "n".repeat(90 + a % 20)
                } else {
                    PALETTE[a % PALETTE.len()].to_owned()
                };
                obj.insert("name".into(), Value::String(name));
            }
        }
    }
}

/// Turns the markers [`mutate`] left into raw JSON text: huge numbers, duplicate keys, deep
/// nesting.
fn splice(mut text: String) -> String {
    for (i, huge) in HUGE.iter().enumerate() {
        text = text.replace(&format!("\"@@HUGE{i}@@\""), huge);
    }
    text = text.replace("\"@@DUP@@", "\"");
    while let Some(start) = text.find("\"@@DEEP") {
        let Some(len) = text[start + 7..].find("@@\"") else {
            break;
        };
        let depth: usize = text[start + 7..start + 7 + len].parse().unwrap_or(0);
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        text.replace_range(start..start + 7 + len + 3, &nested);
    }
    text
}

/// Damage at the text level after the structural mutations.
fn damage(text: String, how: u8, at: u32, with: u8) -> String {
    let mut bytes = text.into_bytes();
    let i = if bytes.is_empty() {
        0
    } else {
        at as usize % bytes.len()
    };
    match how % 8 {
        0 => {
            let mut out = vec![0xEF, 0xBB, 0xBF];
            out.extend(bytes);
            bytes = out;
        }
        1 => bytes.truncate(i),
        2 if !bytes.is_empty() => bytes[i] ^= 1 << (with % 8),
        3 => bytes.insert(i, with),
        4 => bytes.extend_from_slice(b"  \n\t"),
        // Otherwise unchanged: most inputs should reach the deep checks intact.
        _ => {}
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A structure-aware answers document: a seed, mutated, spliced, damaged.
fn mutated_answers() -> impl Strategy<Value = String> {
    (
        0..SEEDS.len(),
        proptest::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 0..4),
        (any::<u8>(), any::<u32>(), any::<u8>()),
        any::<bool>(),
    )
        .prop_map(|(seed, ops, (how, at, with), export)| {
            let mut v: Value = serde_json::from_str(SEEDS[seed]).unwrap_or_default();
            if export {
                // The import's other shape: an export wrapping the answers and a report.
                if let Ok(valid) = parse_answers(SEEDS[seed]) {
                    let text = to_json(&valid, &evaluate(&valid), "2026-11-23");
                    v = serde_json::from_str(&text).unwrap_or_default();
                }
            }
            for (op, pick, arg) in ops {
                mutate(&mut v, op, pick, arg);
            }
            damage(splice(v.to_string()), how, at, with)
        })
}

/// Any text: arbitrary Unicode, arbitrary bytes read as text, and JSON-shaped noise.
fn random_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(any::<u8>(), 0..512)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        r#"\{("[a-z_]{0,16}": ?(null|true|-?[0-9]{1,25}|"[^"]{0,12}"|\[\]|\{\}|\[\{"id": ?"[a-z]{1,3}", ?"name": ?"[^"]{0,8}"\}\]), ?){0,6}\}"#,
    ]
}

fn answers_input() -> impl Strategy<Value = String> {
    prop_oneof![1 => random_text(), 3 => mutated_answers()]
}

/// A share-link payload: random, link-shaped, a real link damaged, mutated JSON deflated into a
/// link, or a decompression bomb.
fn link_input() -> impl Strategy<Value = String> {
    let real = (
        0..SEEDS.len(),
        any::<u8>(),
        any::<u32>(),
        "[A-Za-z0-9_~ $=-]",
    )
        .prop_map(|(seed, how, at, with)| {
            let link = parse_answers(SEEDS[seed])
                .map(|v| share::encode(v.answers()))
                .unwrap_or_default();
            let i = if link.is_empty() {
                0
            } else {
                at as usize % link.len()
            };
            match how % 7 {
                0 => link[..i].to_owned(),
                1 => format!("{}{with}{}", &link[..i], &link[(i + 1).min(link.len())..]),
                2 => format!("{}{with}{}", &link[..i], &link[i..]),
                3 => format!("https://example.org/app/#/share/{link}"),
                4 => format!("2{}", &link[1.min(link.len())..]),
                5 => format!(" {link}\n"),
                _ => link,
            }
        });
    let deflated = mutated_answers().prop_map(|json| {
        share::from_deflated(&miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6))
    });
    let bomb = (1usize..4).prop_map(|mb| {
        let zeros = vec![b' '; mb * 1024 * 1024 + 1];
        share::from_deflated(&miniz_oxide::deflate::compress_to_vec(&zeros, 9))
    });
    prop_oneof![
        2 => random_text(),
        2 => "1[A-Za-z0-9_-]{0,600}",
        4 => real,
        4 => deflated,
        1 => bomb,
    ]
}

/// Counts for the report line.
#[derive(Default)]
struct Counts {
    inputs: AtomicUsize,
    accepted: AtomicUsize,
    rejected: AtomicUsize,
    panics: AtomicUsize,
}

/// A rejection message must read as one sentence: non-empty, on one line, free of control and
/// invisible characters, several words, and without the full stop the app and CLI add.
fn check_sentence(e: &AnswersError) -> Result<(), TestCaseError> {
    let m = e.to_string();
    let ok = !m.trim().is_empty()
        && !text::has_forbidden(&m)
        && m.split(' ').filter(|w| !w.is_empty()).count() >= 3
        && !m.starts_with(' ')
        && !m.ends_with(['.', ' ', ':']);
    prop_assert!(ok, "not a one-line sentence: {:?} ({:?})", m, e);
    Ok(())
}

/// An accepted document is really valid: it validates again, survives JSON and a share link
/// unchanged, and the report and its exports build.
fn check_accepted(valid: &ValidAnswers) -> Result<(), TestCaseError> {
    prop_assert_eq!(&valid.clone().into_inner().validate(), &Ok(valid.clone()));
    let json =
        serde_json::to_string(valid.answers()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&parse_answers(&json), &Ok(valid.clone()));
    prop_assert_eq!(
        &share::decode(&share::encode(valid.answers())),
        &Ok(valid.clone())
    );
    let report = evaluate(valid);
    prop_assert!(!to_csv(&report).is_empty());
    prop_assert!(!to_markdown(&report, None).is_empty());
    Ok(())
}

/// Runs `decode` on `KH_FUZZ_CASES` inputs from `inputs` and prints the count line.
fn fuzz<S: Strategy<Value = String>>(
    name: &str,
    inputs: S,
    decode: fn(&str) -> Result<ValidAnswers, AnswersError>,
) {
    let counts = Counts::default();
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&inputs, |input| {
        counts.inputs.fetch_add(1, Ordering::Relaxed);
        // Caught here, not left to proptest, so a panic is counted and named as one.
        let outcome = catch_unwind(AssertUnwindSafe(|| decode(&input)));
        match outcome {
            Err(_) => {
                counts.panics.fetch_add(1, Ordering::Relaxed);
                Err(TestCaseError::fail(format!("{name} panicked on {input:?}")))
            }
            Ok(Ok(valid)) => {
                counts.accepted.fetch_add(1, Ordering::Relaxed);
                check_accepted(&valid)
            }
            Ok(Err(e)) => {
                counts.rejected.fetch_add(1, Ordering::Relaxed);
                check_sentence(&e)
            }
        }
    });
    let (n, a, r, p) = (
        counts.inputs.load(Ordering::Relaxed),
        counts.accepted.load(Ordering::Relaxed),
        counts.rejected.load(Ordering::Relaxed),
        counts.panics.load(Ordering::Relaxed),
    );
    println!("fuzz {name}: {n} inputs, {a} accepted, {r} rejected (typed), {p} panics");
    if let Err(e) = result {
        panic!("fuzz {name} failed: {e}");
    }
    // Why: a generator that only ever produced junk (or only valid documents) would test little.
    assert!(a > 0 && r > 0, "fuzz {name}: {a} accepted, {r} rejected");
}

#[test]
fn fuzz_parse_answers() {
    fuzz("parse_answers", answers_input(), parse_answers);
}

#[test]
fn fuzz_parse_import() {
    fuzz("parse_import", answers_input(), parse_import);
}

#[test]
fn fuzz_share_decode() {
    fuzz("share_decode", link_input(), share::decode);
}

/// `parse_answers` as it was written on serde_json (until the hand-written codec replaced it in
/// the app, to take serde out of the first load): the reference the codec must agree with.
fn parse_answers_by_serde(text: &str) -> Result<ValidAnswers, AnswersError> {
    #[derive(serde::Deserialize)]
    struct Head<'a> {
        #[serde(borrow, default, deserialize_with = "present")]
        schema_version: Option<&'a serde_json::value::RawValue>,
    }
    fn present<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Option<&'de serde_json::value::RawValue>, D::Error> {
        serde::Deserialize::deserialize(d).map(Some)
    }
    if text.len() > MAX_BYTES {
        return Err(AnswersError::TooLarge(text.len()));
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if !text.trim_start().starts_with('{') {
        return Err(AnswersError::malformed("expected a JSON object"));
    }
    let head: Head = serde_json::from_str(text).map_err(AnswersError::malformed)?;
    let raw = head
        .schema_version
        .ok_or(AnswersError::MissingVersion)?
        .get();
    let version = raw
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| raw.parse::<u64>().ok())
        .flatten()
        .ok_or_else(|| AnswersError::VersionNotNumber(text::one_line(raw, 40)))?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(AnswersError::NewerVersion {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        return Err(AnswersError::UnknownVersion(version));
    }
    let mut answers: Answers = serde_json::from_str(text).map_err(AnswersError::malformed)?;
    answers.schema_version = SCHEMA_VERSION;
    answers.validate()
}

/// Documents the generators rarely or never write (they spell strings through
/// `serde_json::Value`, which escapes nothing but control characters): escapes of every kind,
/// surrogates kept and skipped, escaped member names, numbers at the edges of the grammar, and
/// `null` where a struct, a list or a string belongs.
const EDGES: &[&str] = &[
    r#"{"x":"\ud800"}"#,
    r#"{"x":{"\ud800":1}}"#,
    r#"{"schema_version":"\ud800"}"#,
    r#"{"schema_version":["\ud800"]}"#,
    r#"{"x":"\udc00","schema_version":9}"#,
    r#"{"schema_version":9,"brief":{"organisation":"\ud800"}}"#,
    r#"{"schema_version":4,"brief":{"organisation":"\ud800"}}"#,
    r#"{"schema_version":4,"brief":{"organisation":"\udc00"}}"#,
    r#"{"schema_version":4,"brief":{"organisation":"\ud800\u0041"}}"#,
    r#"{"schema_version":4,"brief":{"organisation":"\ud800x"}}"#,
    r#"{"schema_version":4,"brief":{"organisation":"\ud83d\ude00 \/ \b\f\n\r\t \u00e9"}}"#,
    r#"{"schema_version":4,"brief":{"organisation":"\x"}}"#,
    r#"{"schema_version":4,"brief":{"organisation":"\u12"}}"#,
    r#"{"schema_version":4,"brief":{"organisation":"\é"}}"#,
    r#"{"schema_version":4,"x":"\é"}"#,
    r#"{"schema\u005fversion":4,"t\u0065nant":{"cloud":"\u0075k"}}"#,
    r#"{"schema_version":4,"tenant":{"cloud":"commercial","cl\u006fud":"china"}}"#,
    r#"{"schema_version":01}"#,
    r#"{"schema_version":-0}"#,
    r#"{"schema_version":4,"x":1e400}"#,
    r#"{"schema_version":4,"x":[1,2,]}"#,
    r#"{"schema_version":4,}"#,
    "\u{FEFF}{\"schema_version\":4}",
    "\u{FEFF}\u{FEFF}{\"schema_version\":4}",
    "{\"schema_version\":4}\u{a0}",
    "{\"schema_version\":4,\"brief\":{\"organisation\":\"a\u{7f}\u{2028}b\"}}",
    r#"{"schema_version":4,"tenant":null}"#,
    r#"{"schema_version":4,"environments":null}"#,
    r#"{"schema_version":4,"environments":[{"id":null,"name":"A"}]}"#,
    r#"{"schema_version":4,"environments":[{"id":"a","name":"A","type":"production","kind":"sandbox"}]}"#,
    r#"{"schema_version":4,"tenant":{"cloud":1}}"#,
    r#"{"schema_version":4,"tenant":{"cloud":nul}}"#,
    r#"{"schema_version":4,"tenant":{"cloud":"commercial"}} x"#,
];

/// Whether the codec decides `input` as serde_json does (`Ok(true)`), or refuses a struct
/// written as an array (`Ok(false)`); an error says how they differ.
fn decide_alike(input: &str) -> Result<bool, TestCaseError> {
    let ours = parse_answers(input);
    let reference = parse_answers_by_serde(input);
    match (&ours, &reference) {
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(a, b);
            let written = answers_json::to_string(a.answers());
            prop_assert_eq!(Some(written), serde_json::to_string(a.answers()).ok());
        }
        (Err(AnswersError::Malformed(m)), _)
            if m.starts_with("invalid type: array, expected an object") =>
        {
            return Ok(false)
        }
        (Err(a), Err(b)) => prop_assert_eq!(
            std::mem::discriminant(a),
            std::mem::discriminant(b),
            "{} / {} on {:?}",
            a,
            b,
            input
        ),
        _ => prop_assert!(false, "{:?} / serde: {:?} on {:?}", ours, reference, input),
    }
    Ok(true)
}

#[test]
fn the_codec_decides_edge_cases_as_serde_json_does() {
    for input in EDGES {
        match decide_alike(input) {
            Ok(true) => {}
            other => panic!("{input:?}: {other:?}"),
        }
    }
    // And one struct written as an array, which only serde reads.
    let array = decide_alike(r#"{"schema_version":4,"tenant":["commercial"]}"#);
    assert!(matches!(array, Ok(false)), "{array:?}");
}

/// The codec decides every document as serde_json did: the same answers when accepted, the same
/// kind of refusal otherwise, and the same text written back. The one allowed difference: serde's
/// derive also reads a struct written as an array of its fields, which Keyholder never writes and
/// the codec refuses ("invalid type: array, expected an object"), whatever serde then decides.
#[test]
fn fuzz_the_codec_against_serde_json() {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    });
    let (same, arrays) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let result = runner.run(&answers_input(), |input| {
        let counter = if decide_alike(&input)? {
            &same
        } else {
            &arrays
        };
        counter.fetch_add(1, Ordering::Relaxed);
        Ok(())
    });
    let (same, arrays) = (same.into_inner(), arrays.into_inner());
    // The count line `make fuzz` collects: `fuzz <name>: N inputs, …`.
    println!(
        "fuzz codec_vs_serde_json: {} inputs, {same} decided alike, {arrays} structs as arrays refused",
        same + arrays
    );
    if let Err(e) = result {
        panic!("codec and serde_json disagree: {e}");
    }
}

/// The mutations themselves do what they say (a fuzzer whose mutations silently did nothing
/// would pass for the wrong reason).
#[test]
fn mutations_produce_what_they_claim() {
    let mut v: Value = serde_json::from_str(SEEDS[1]).unwrap();
    let root = 0; // the root is always the first path
    mutate(&mut v, 2, root, 0);
    assert_eq!(splice(v.to_string()), HUGE[0]);
    let mut v = serde_json::json!({"a": 1});
    mutate(&mut v, 6, 0, 0);
    assert_eq!(splice(v.to_string()), r#"{"a":1,"a":1}"#);
    let mut v = serde_json::json!({"a": 1});
    mutate(&mut v, 7, 1, 3);
    assert_eq!(splice(v.to_string()), r#"{"a":[[[]]]}"#);
    assert!(damage("{}".into(), 0, 0, 0).starts_with('\u{FEFF}'));
    assert!(matches!(
        parse_answers(&splice(v.to_string())),
        Err(AnswersError::MissingVersion)
    ));
}
