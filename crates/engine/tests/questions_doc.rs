//! The answers table in `docs/formats.md` is generated from the question registry, so the docs
//! can't drift from the questions: this test renders it and compares. Run it with
//! `KH_UPDATE_DOCS=1 cargo test -p keyholder-engine --test questions_doc` to rewrite the table.

use keyholder_engine::lists::ItemList;
use keyholder_engine::questions::{Question, QUESTIONS};
use keyholder_engine::Answers;
use serde_json::Value;

const START: &str = "<!-- questions:start (generated from crates/engine/src/questions.rs) -->";
const END: &str = "<!-- questions:end -->";

/// The JSON path a question writes, found by writing it: no second spelling of the path exists.
fn json_path(q: &Question) -> String {
    let mut a = Answers::default();
    for list in ItemList::ALL {
        list.add(&mut a, "x".into());
    }
    let before = serde_json::to_value(&a).unwrap();
    assert!(q.set(&mut a, 0, Some(q.options[0].0)), "{}", q.id);
    let after = serde_json::to_value(&a).unwrap();
    diff(&before, &after, String::new()).unwrap_or_else(|| panic!("{} writes nothing", q.id))
}

fn diff(a: &Value, b: &Value, at: String) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => y.iter().find_map(|(k, v)| {
            let path = if at.is_empty() {
                k.clone()
            } else {
                format!("{at}.{k}")
            };
            diff(x.get(k).unwrap_or(&Value::Null), v, path)
        }),
        (Value::Array(x), Value::Array(y)) => y
            .iter()
            .zip(x)
            .find_map(|(v, w)| diff(w, v, format!("{at}[]"))),
        _ if a != b => Some(at),
        _ => None,
    }
}

fn table() -> String {
    let mut out = String::from(
        "| answer | fact | values (besides `unknown`, \"I don't know\") | asked |\n|---|---|---|---|\n",
    );
    for q in QUESTIONS {
        let values: Vec<String> = q.options.iter().map(|(v, _)| format!("`{v}`")).collect();
        out.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            json_path(q),
            q.id,
            values.join(", "),
            q.when
        ));
    }
    out
}

#[test]
fn the_answers_table_in_the_docs_is_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/formats.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let (head, rest) = doc
        .split_once(START)
        .expect("docs/formats.md has the start marker");
    let (_, tail) = rest
        .split_once(END)
        .expect("docs/formats.md has the end marker");
    let want = format!("{head}{START}\n{}{END}{tail}", table());
    if std::env::var_os("KH_UPDATE_DOCS").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    assert!(
        doc == want,
        "docs/formats.md's questions table is out of date: run KH_UPDATE_DOCS=1 cargo test -p keyholder-engine --test questions_doc"
    );
}
