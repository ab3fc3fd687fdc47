//! A heapsort, by hand: std's `sort` brings about 5 KB of wasm and a `BTreeSet` about 6 KB gzip, and
//! the Worker's module counts its bytes; a heapsort is a few hundred bytes and O(n log n) whatever the
//! input, which matters where a hostile body chooses what is sorted (Twilio's form fields are sorted
//! before the signature is checked). Not stable: callers sort by a key that tells every item apart.

/// Sorts `items` by `less`, in place, in O(n log n).
pub fn heapsort_by<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift_down = |items: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(&items[child], &items[child + 1]) {
            child += 1;
        }
        if !less(&items[root], &items[child]) {
            return;
        }
        items.swap(root, child);
        root = child;
    };
    let len = items.len();
    for root in (0..len / 2).rev() {
        sift_down(items, root, len);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    proptest! {
        #[test]
        fn sorts_as_std_does(mut items in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort();
            heapsort_by(&mut items, |a, b| a < b);
            prop_assert_eq!(items, expected);
        }
    }
}
