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
//!
//! The report's prose — every rule's reason, every action's title and detail — is most of that
//! text and is needed only once a report is shown, so the browser build leaves it out: each is
//! written as `prose!(index, "text")`, which is the text natively and the index in the wasm, and
//! the texts go to `report-prose.txt` (with a digest the wasm checks), which the release layout
//! puts next to the wasm and the app fetches on its first report. See `catalogue::prose`.

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
// The assessor's checklist: its "not assessed" sentences are report prose too.
#[allow(dead_code, reason = "build.rs reads the sentences only")]
#[path = "src/assessor.rs"]
mod assessor;

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

/// The report's prose, in the order the generated code indexes it.
#[derive(Default)]
struct Prose(Vec<String>);

impl Prose {
    /// `prose!(index, "text")`: the text natively, its index in the browser.
    fn add(&mut self, text: &str) -> TokenStream {
        let Ok(index) = u16::try_from(self.0.len()) else {
            panic!("more than 65,535 texts of report prose: widen `ProseRef`");
        };
        self.0.push(text.to_owned());
        quote!(prose!(#index, #text))
    }

    /// A digest of the texts (FNV-1a, 64 bits, hex): the wasm carries it and refuses prose from
    /// any other build. Not a security check — the file comes from the same release folder as the
    /// wasm — but a mismatch (a stale file, another release's) shows as an error, never as a
    /// report with the wrong sentences under the right rules.
    fn digest(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for text in &self.0 {
            for b in text.bytes().chain([0]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        format!("{h:016x}")
    }
}

fn rule(file: &str, r: &Rule, prose: &mut Prose) -> TokenStream {
    let Rule {
        id,
        scope,
        outcome,
        when,
        reason,
        action,
        by_design,
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
    let reason = prose.add(reason);
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
            by_design: #by_design,
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

fn generate(data: &rule_shape::Data, prose: &mut Prose) -> TokenStream {
    let rule_shape::Meta {
        version,
        compiled,
        facts_note,
        evidence_legend,
    } = &data.meta;
    let sources: Vec<TokenStream> = data.sources.iter().map(|s| {
        let (id, url, date) = (&s.id, opt(&s.url), opt(&s.date));
        let title = prose.add(&s.title);
        let evidence = variant(s.evidence);
        quote!(SourceData { id: #id, title: #title, url: #url, date: #date, evidence: Evidence::#evidence })
    }).collect();
    let note = prose.add(facts_note);
    let legend = prose.add(evidence_legend);
    let component_labels: Vec<TokenStream> = model::ComponentId::ALL
        .iter()
        .map(|c| prose.add(c.label()))
        .collect();
    let not_assessed: Vec<TokenStream> = assessor::CHECKLIST
        .iter()
        .filter_map(|i| i.not_assessed)
        .map(|s| prose.add(s))
        .collect();
    let predicates = data.predicates.iter().map(|(name, c)| {
        let c = cond(c);
        quote!((#name, #c))
    });
    let actions: Vec<TokenStream> = data
        .actions
        .iter()
        .map(|a| {
            let id = &a.id;
            let (title, detail) = (prose.add(&a.title), prose.add(&a.detail));
            let priority = variant(a.priority);
            let (names, values): (Vec<&String>, Vec<&String>) = a.sets.iter().unzip();
            let after = &a.after;
            quote! {
                ActionData {
                    id: #id,
                    title: #title,
                    detail: #detail,
                    priority: Priority::#priority,
                    sets: &[#((#names, #values)),*],
                    after: &[#(#after),*],
                }
            }
        })
        .collect();
    let rules: Vec<TokenStream> = data
        .rules
        .iter()
        .flat_map(|f| f.rules.iter().map(|r| (f.name.as_str(), r)))
        .map(|(file, r)| rule(file, r, prose))
        .collect();
    let digest = prose.digest();
    let count = prose.0.len();
    let files = data.rules.iter().map(|f| &f.name);
    quote! {
        pub(crate) static META: MetaData = MetaData {
            version: #version,
            compiled: #compiled,
            facts_note: #note,
            evidence_legend: #legend,
        };
        pub(crate) static SOURCES: &[SourceData] = &[#(#sources),*];
        pub(crate) static PREDICATES: &[(&str, Cond)] = &[#(#predicates),*];
        pub(crate) static ACTIONS: &[ActionData] = &[#(#actions),*];
        pub(crate) static RULES: &[RuleData] = &[#(#rules),*];
        /// The components' names in reports, in `ComponentId::ALL` order, as report prose.
        #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, reason = "natively `ComponentId::label` is the table; a test compares"))]
        pub(crate) static COMPONENT_LABELS: &[ProseRef] = &[#(#component_labels),*];
        /// The assessor's checklist items no question asks (`assessor.rs`), as report prose.
        #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, reason = "natively the table itself is read; a test compares"))]
        pub(crate) static NOT_ASSESSED: &[ProseRef] = &[#(#not_assessed),*];
        /// The digest of the report's prose (`report-prose.txt`) this build was made with.
        pub const PROSE_DIGEST: &str = #digest;
        /// How many texts the prose holds.
        pub(crate) const PROSE_COUNT: usize = #count;
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
    println!("cargo:rerun-if-changed=src/assessor.rs");

    let data = match rule_shape::read(&dir) {
        Ok((data, _)) => data,
        Err(e) => panic!("\n\nthe rule catalogue is malformed: {e}\n\n"),
    };
    // Without the fact table: fact names and values are checked by the catalogue tests.
    if let Err(e) = rule_shape::check(&data, None) {
        panic!("\n\nthe rule catalogue is inconsistent: {e}\n\n");
    }

    let mut prose = Prose::default();
    let tokens = generate(&data, &mut prose);
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

    // The prose file, in OUT_DIR (for the native tests) and beside the build's artefacts in the
    // profile folder (`<target>/<triple>/<profile>/`), where the release layout step finds it.
    // Plain lines, not JSON: reading it then costs the wasm a `split`, not a JSON deserialiser.
    if let Some(t) = prose.0.iter().find(|t| t.contains(['\n', '\r'])) {
        panic!("\n\na text of the report spans lines (the prose file has one per line): {t}\n\n");
    }
    let text = format!(
        "keyholder-prose 1 {} {}\n{}\n",
        prose.digest(),
        prose.0.len(),
        prose.0.join("\n")
    );
    // OUT_DIR is `<profile>/build/<package>-<hash>/out`; say so if Cargo ever lays it out otherwise.
    let ancestors: Vec<&Path> = Path::new(&out_dir).ancestors().collect();
    let profile_dir = match (ancestors.get(2), ancestors.get(3)) {
        (Some(build), Some(profile)) if build.file_name() == Some("build".as_ref()) => {
            Some(*profile)
        }
        _ => {
            println!("cargo:warning=OUT_DIR {out_dir} is not <profile>/build/<pkg>/out: report-prose.txt is only in OUT_DIR");
            None
        }
    };
    let dests = [Some(Path::new(&out_dir)), profile_dir];
    for dir in dests.into_iter().flatten() {
        let dest = dir.join(PROSE_FILE);
        if fs::read_to_string(&dest).ok().as_deref() != Some(text.as_str()) {
            if let Err(e) = fs::write(&dest, &text) {
                panic!("{}: {e}", dest.display());
            }
        }
    }
}

/// The report's prose file, as the release layout and the app name it.
const PROSE_FILE: &str = "report-prose.txt";
