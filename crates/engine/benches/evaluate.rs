//! Benchmark: evaluating a 20-environment estate (the figure reported in the engine issue).
//! A benchmark, not a timed assertion: run `cargo bench -p keyholder-engine` and read the median.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use criterion::{criterion_group, criterion_main, Criterion};
use keyholder_engine::evaluate;

#[path = "common/estate.rs"]
mod estate;

fn bench(c: &mut Criterion) {
    let valid = estate::estate(20)
        .validate()
        .expect("benchmark estate is valid");
    // Force the catalogue's one-time load outside the measurement.
    let _ = evaluate(&valid);
    c.bench_function(
        "evaluate 20-environment estate (full report with action impacts)",
        |b| b.iter(|| evaluate(std::hint::black_box(&valid))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
