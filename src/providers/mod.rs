//! The built-in providers: one declaration each, `src/providers/<id>.json` (docs/declarations.md), read
//! by the same interpreter as a declaration given at run time. The build embeds them (`build.rs`); each is
//! parsed the first time it is used and kept for the module's life. A new provider is its file and its
//! vectors; no code.

use std::cell::RefCell;
use std::rc::Rc;

use crate::declaration::Declaration;
use crate::Request;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

thread_local! {
    /// Each built-in declaration once parsed, by its place in the catalog.
    static PARSED: RefCell<Vec<Option<Rc<Declaration>>>> = RefCell::new(vec![None; CATALOG.len()]);
}

/// The ids of the built-in providers, in id order.
pub fn ids() -> impl Iterator<Item = &'static str> {
    CATALOG.iter().map(|(id, _)| *id)
}

/// The built-in provider with this id, parsed.
pub fn find(id: &str) -> Option<Rc<Declaration>> {
    // A call per comparison keeps the loop a loop: inlined, it is unrolled over every provider.
    #[inline(never)]
    fn same(a: &str, b: &str) -> bool {
        a == b
    }
    let index = CATALOG.iter().position(|(each, _)| same(each, id))?;
    Some(at(index))
}

/// The declaration at `index` of the catalog, parsed on first use. A built-in declaration that does not
/// parse is a bug the tests catch (`every_built_in_declaration_parses`); it reads as the id alone here.
fn at(index: usize) -> Rc<Declaration> {
    PARSED.with_borrow_mut(|parsed| {
        parsed[index]
            .get_or_insert_with(|| {
                let (id, text) = CATALOG[index];
                Rc::new(Declaration::parse(text).unwrap_or_else(|_| Declaration::unusable(id)))
            })
            .clone()
    })
}

/// Every built-in provider, parsed.
pub fn all() -> impl Iterator<Item = Rc<Declaration>> {
    (0..CATALOG.len()).map(at)
}

/// The built-in provider a delivery most likely comes from: a signature header one of them names
/// decides; otherwise the body's top-level keys are matched against each provider's `detect` keys (the
/// most keys wins).
pub fn detect(request: &Request<'_>) -> Option<Rc<Declaration>> {
    use crate::declaration::Credential;
    let signed_by = all().find(|declaration| {
        declaration.credentials.iter().any(|credential| match credential {
            Credential::Hmac(hmac) => {
                hmac.signature_field.is_none() && hmac.headers.iter().any(|name| request.header(name).is_some())
            }
            _ => false,
        })
    });
    if signed_by.is_some() {
        return signed_by;
    }
    let body = crate::json::Object::parse(std::str::from_utf8(request.body).ok()?).ok()?;
    all()
        .filter(|declaration| {
            !declaration.detect.is_empty() && declaration.detect.iter().all(|key| body.raw(key).is_some())
        })
        .max_by_key(|declaration| declaration.detect.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_built_in_declaration_parses_and_ids_are_unique_and_in_order() {
        for (id, text) in CATALOG {
            let declaration = Declaration::parse(text).unwrap_or_else(|invalid| panic!("{id}: {}", invalid.0));
            assert_eq!(declaration.id, *id);
        }
        let ids: Vec<&str> = ids().collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
    }
}
