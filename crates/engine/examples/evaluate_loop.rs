//! Evaluates the benchmark's estate N times (default 100), for counting instructions: criterion's
//! median moved by 15 % and more between runs on this shared machine, an instruction count by
//! less than 0.1 %. `scripts/engine_instructions.sh` runs it under cachegrind twice (50 and 150
//! times) and takes the difference, so the estate's set-up and the catalogue's one-time load
//! cancel out.
//!
//!     cargo run --release -p keyholder-engine --example evaluate_loop -- 100

use keyholder_engine::evaluate;

#[path = "../benches/common/estate.rs"]
mod estate;

fn main() {
    let times: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let valid = estate::estate(20)
        .validate()
        .expect("the benchmark's estate is valid");
    let mut actions = 0;
    for _ in 0..times {
        let report = evaluate(std::hint::black_box(&valid));
        actions += std::hint::black_box(&report).actions.len();
    }
    // Printed so the evaluations can't be left out as unused.
    println!("{times} evaluations, {actions} actions in all");
}
