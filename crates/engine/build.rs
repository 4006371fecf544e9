//! Turns the catalogue's data files into static Rust data at build time.
//!
//! The rules stay data: `data/*.json` and `data/rules/*.json` are the only place a rule is written,
//! and changing what the docs say means editing those files. The files' shape is defined once, in
//! `src/rule_shape.rs`, which this script includes along with the engine's enums (`src/model.rs`):
//! a misspelt key, status, severity, scope or evidence level, an unknown source, action or
//! predicate, a malformed id or date — each stops the build with a panic that names the file, the
//! rule and, for an enum, the allowed values. The fact names can only be checked once the crate
//! runs (the fact table is read off its flatteners): `catalogue::load` resolves them, and the
//! catalogue tests run `rule_shape::check` with the table.
//!
//! The output is built as tokens (`quote`) and printed by `prettyplease`, so a value can't break
//! the Rust around it. Why not `include_str!` + serde at run time: parsing JSON in the browser cost
//! ~50 KB gzip of wasm (parser, deserialisers, the JSON text) and a parse on first use; literals
//! cost only their text. These crates are build-dependencies: nothing of them reaches the wasm.

// The engine's enums, their parsing and the files' shape: the same source files the crate compiles.
// The build uses their names and parsing only, not their labels, hence the dead code.
#[allow(dead_code, reason = "build.rs uses the choice enums' parsing only")]
#[path = "src/choice.rs"]
mod choice;
#[allow(dead_code, reason = "build.rs uses the enums' names and scopes only")]
#[path = "src/model.rs"]
mod model;
#[allow(
    dead_code,
    reason = "build.rs doesn't lay files out; the catalogue tests do"
)]
#[path = "src/rule_shape.rs"]
mod rule_shape;

use std::fmt::Debug;
use std::fs;
use std::path::Path;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use rule_shape::{Cond, Example, Outcome, Rule};

/// The Rust variant of a choice enum value: its derived `Debug` name (`Status::CustomerKey`).
fn variant(value: impl Debug) -> Ident {
    Ident::new(&format!("{value:?}"), Span::call_site())
}

fn opt(value: &Option<String>) -> TokenStream {
    match value {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    }
}

fn cond(c: &Cond) -> TokenStream {
    match c {
        Cond::All(cs) => {
            let cs = cs.iter().map(cond);
            quote!(Cond::All(&[#(#cs),*]))
        }
        Cond::Any(cs) => {
            let cs = cs.iter().map(cond);
            quote!(Cond::Any(&[#(#cs),*]))
        }
        Cond::Not(c) => {
            let c = cond(c);
            quote!(Cond::Not(&#c))
        }
        // `is` is `in` with one value.
        Cond::Is(f, v) => quote!(Cond::In(#f, &[#v])),
        Cond::In(f, vs) => quote!(Cond::In(#f, &[#(#vs),*])),
        Cond::Ref(n) => quote!(Cond::Ref(#n)),
    }
}

fn examples(list: &[Example]) -> TokenStream {
    let items = list.iter().map(|example| {
        let (names, values): (Vec<&String>, Vec<&String>) = example.iter().unzip();
        quote!(&[#((#names, #values)),*])
    });
    quote!(&[#(#items),*])
}

fn rule(file: &str, r: &Rule) -> TokenStream {
    let Rule {
        id,
        scope,
        outcome,
        when,
        reason,
        action,
        evidence,
        sources,
        as_of,
        section,
        examples: ex,
    } = r;
    let scope = variant(scope);
    let outcome = match outcome {
        Outcome::Coverage { component, status } => {
            let (c, s) = (variant(component), variant(status));
            quote!(OutcomeData::Coverage(ComponentId::#c, Status::#s))
        }
        Outcome::Risk(s) => {
            let s = variant(s);
            quote!(OutcomeData::Risk(Severity::#s))
        }
        Outcome::Residency(l) => {
            let l = variant(l);
            quote!(OutcomeData::Residency(ResidencyLevel::#l))
        }
        Outcome::Access(l) => {
            let l = variant(l);
            quote!(OutcomeData::Access(ResidencyLevel::#l))
        }
        Outcome::Limit => quote!(OutcomeData::Limit),
    };
    let when = cond(when);
    let (action, as_of, section) = (opt(action), opt(as_of), opt(section));
    let evidence = variant(evidence);
    let (matching, no_match) = (examples(&ex.matching), examples(&ex.no_match));
    quote! {
        RuleData {
            #[cfg(not(target_arch = "wasm32"))]
            file: #file,
            id: #id,
            scope: Scope::#scope,
            outcome: #outcome,
            when: #when,
            reason: #reason,
            action: #action,
            evidence: Evidence::#evidence,
            sources: &[#(#sources),*],
            as_of: #as_of,
            section: #section,
            #[cfg(not(target_arch = "wasm32"))]
            examples: #matching,
            #[cfg(not(target_arch = "wasm32"))]
            no_match: #no_match,
        }
    }
}

fn generate(data: &rule_shape::Data) -> TokenStream {
    let rule_shape::Meta {
        version,
        compiled,
        facts_note,
    } = &data.meta;
    let sources = data.sources.iter().map(|s| {
        let (id, title, url, date) = (&s.id, &s.title, opt(&s.url), opt(&s.date));
        let evidence = variant(s.evidence);
        quote!(Source { id: #id, title: #title, url: #url, date: #date, evidence: Evidence::#evidence })
    });
    let predicates = data.predicates.iter().map(|(name, c)| {
        let c = cond(c);
        quote!((#name, #c))
    });
    let actions = data.actions.iter().map(|a| {
        let (id, title, detail) = (&a.id, &a.title, &a.detail);
        let priority = variant(a.priority);
        let (names, values): (Vec<&String>, Vec<&String>) = a.sets.iter().unzip();
        quote! {
            ActionData {
                id: #id,
                title: #title,
                detail: #detail,
                priority: Priority::#priority,
                sets: &[#((#names, #values)),*],
            }
        }
    });
    let rules = data
        .rules
        .iter()
        .flat_map(|f| f.rules.iter().map(|r| rule(&f.name, r)));
    let files = data.rules.iter().map(|f| &f.name);
    quote! {
        pub(crate) static META: MetaData = MetaData {
            version: #version,
            compiled: #compiled,
            facts_note: #facts_note,
        };
        pub(crate) static SOURCES: &[Source] = &[#(#sources),*];
        pub(crate) static PREDICATES: &[(&str, Cond)] = &[#(#predicates),*];
        pub(crate) static ACTIONS: &[ActionData] = &[#(#actions),*];
        pub(crate) static RULES: &[RuleData] = &[#(#rules),*];
        /// The rule files, by topic (every `.json` in `data/rules`).
        pub const RULE_FILES: &[&str] = &[#(#files),*];
    }
}

// A build script reports a broken data file by panicking: cargo prints the message and stops.
#[expect(clippy::panic, reason = "a build script's way to fail with a message")]
fn main() {
    // Read at run time, not baked in with `env!`: the same compiled build script then reads the
    // data of whichever copy of the crate cargo is building (a copy of the workspace built into
    // the same target directory must not silently use the original's rules).
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| ".".into());
    let dir = Path::new(&manifest).join("data");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=src/rule_shape.rs");
    println!("cargo:rerun-if-changed=src/model.rs");
    println!("cargo:rerun-if-changed=src/choice.rs");

    let data = match rule_shape::read(&dir) {
        Ok((data, _)) => data,
        Err(e) => panic!("\n\nthe rule catalogue is malformed: {e}\n\n"),
    };
    // Without the fact table: fact names and values are checked by the catalogue tests.
    if let Err(e) = rule_shape::check(&data, None) {
        panic!("\n\nthe rule catalogue is inconsistent: {e}\n\n");
    }

    let tokens = generate(&data);
    let code = match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => panic!("build.rs generated invalid Rust (a bug in build.rs): {e}"),
    };
    let out = format!(
        "// @generated by build.rs from data/*.json. Edit the JSON, not this file.\n\n{code}"
    );
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    let dest = Path::new(&out_dir).join("catalogue_data.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("{}: {e}", dest.display());
    }
}
