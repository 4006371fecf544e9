//! One sort for the whole engine.
//!
//! Each call of the standard library's `sort_unstable*` with its own element type or comparator
//! compiles its own copy of the sort into the wasm: thirteen copies cost about 20 KB before gzip.
//! Here the standard sort runs once, over indices, behind one `dyn` comparator, and each caller
//! only adds the small code that reorders its items. Stable, and still O(n log n).

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, keeping equal items in their order. `cmp` must be a total order (every
/// caller compares derived or tuple orderings): a list already in that order is left as it is.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    // Already in order (most of a report's lists hold one item, and many come in order, as
    // places are made): no allocation, n - 1 comparisons.
    if v.is_sorted_by(|a, b| cmp(a, b) != Ordering::Greater) {
        return;
    }
    let order = order(v.len(), &mut |i, j| match (v.get(i), v.get(j)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    });
    let mut items: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        order
            .into_iter()
            .filter_map(|i| items.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `v` by its items' own order.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// Sorts `v` by a key of each item.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in the order `cmp` gives them: the one place the standard sort is used.
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..n).collect();
    positions.sort_by(|a, b| cmp(*a, *b));
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_by_any_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        sort_by(&mut v, |a, b| b.1.cmp(&a.1));
        assert_eq!(v.iter().map(|x| x.1).collect::<String>(), "edcba");
        let mut w: Vec<u8> = vec![];
        sort(&mut w);
        assert!(w.is_empty());
        let mut u = vec![5, 4, 3, 2, 1, 0];
        sort(&mut u);
        assert_eq!(u, [0, 1, 2, 3, 4, 5]);
    }
}
