//! A delivery being verified: the request, its body as text, and the body read as JSON at most once,
//! when something needs a field of it (a signature inside the body, the signed fields, the event).

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use crate::declaration::{Path, Segment};
use crate::json::{self, Object, Root};
use crate::{Error, Request};

/// An object's members, split once.
type Members<'a> = Rc<Vec<(&'a str, &'a str)>>;

/// The request, its body's text, and the body's JSON once read.
pub struct Delivery<'a, 'r> {
    /// The request as received.
    pub request: &'r Request<'a>,
    text: Result<&'a str, Error>,
    root: OnceCell<Result<Root<'a>, Error>>,
    /// Nested objects already split, by where their text starts: a mapping reads several fields of one
    /// object (`body.return.id`, `body.return.status`), and splitting it scans all of it.
    nested: RefCell<Vec<(*const u8, Members<'a>)>>,
}

impl<'a, 'r> Delivery<'a, 'r> {
    /// A delivery of `request`: its body is not UTF-8 only once something reads it as text.
    pub fn new(request: &'r Request<'a>) -> Self {
        let text = std::str::from_utf8(request.body).map_err(|e| json::error_at(request.body, e.valid_up_to()));
        Delivery { request, text, root: OnceCell::new(), nested: RefCell::default() }
    }

    /// A delivery whose body text is `text` (a form read into JSON) rather than the request's.
    pub fn with_text(request: &'r Request<'a>, text: &'a str) -> Self {
        Delivery { request, text: Ok(text), root: OnceCell::new(), nested: RefCell::default() }
    }

    /// The body as text; `invalid_json` when it is not UTF-8.
    pub fn text(&self) -> Result<&'a str, Error> {
        self.text.clone()
    }

    /// The body as JSON, read once: nesting bounded first, then validated whole.
    pub fn root(&self) -> Result<&Root<'a>, Error> {
        self.root
            .get_or_init(|| {
                let text = self.text()?;
                json::check_depth(text)?;
                Object::parse_root(text)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The raw JSON value at `path`, `None` when it is not there: object keys (the last of duplicates, as
    /// `JSON.parse` keeps), array indexes, `*` for an object's first member.
    pub fn raw(&self, path: &Path) -> Result<Option<&'a str>, Error> {
        let root = self.root()?;
        let Some((first, rest)) = path.split_first() else { return Ok(None) };
        let mut raw = match root {
            Root::Object(object) => member(object.members(), first),
            Root::Array(text) => element(text, first),
        };
        for segment in rest {
            raw = match raw {
                Some(text) if text.starts_with('{') => {
                    self.members_of(text).and_then(|members| member(&members, segment))
                }
                Some(text) if text.starts_with('[') => element(text, segment),
                _ => None,
            };
        }
        Ok(raw.filter(|text| *text != "null"))
    }

    /// The members of a nested object, split on first use.
    fn members_of(&self, raw: &'a str) -> Option<Members<'a>> {
        let at = raw.as_ptr();
        if let Some((_, members)) = self.nested.borrow().iter().find(|(start, _)| *start == at) {
            return Some(members.clone());
        }
        let members: Members<'a> = Rc::new(Object::of_member(raw, Cow::Borrowed("")).ok()?.members().to_vec());
        self.nested.borrow_mut().push((at, members.clone()));
        Some(members)
    }

    /// The text of the scalar at `path` (a string decoded, a number as written, `true`/`false`); `None`
    /// when it is absent, `null`, an object or an array.
    pub fn scalar(&self, path: &Path) -> Result<Option<Cow<'a, str>>, Error> {
        Ok(self.raw(path)?.and_then(scalar))
    }
}

/// The text of a raw scalar: a string decoded, a number as written, `true` or `false`.
pub fn scalar(raw: &str) -> Option<Cow<'_, str>> {
    match raw.as_bytes().first()? {
        b'"' => json::string(raw),
        b'{' | b'[' | b'n' => None,
        _ => Some(Cow::Borrowed(raw)),
    }
}

fn member<'a>(members: &[(&'a str, &'a str)], segment: &Segment) -> Option<&'a str> {
    match segment {
        Segment::First => members.first().map(|(_, value)| *value),
        Segment::Key(key) => members.iter().rev().find(|(k, _)| json::key_is(k, key)).map(|(_, value)| *value),
    }
}

fn element<'a>(array: &'a str, segment: &Segment) -> Option<&'a str> {
    let Segment::Key(index) = segment else { return json::elements_of_valid(array).first().copied() };
    let index = crate::time::digits(index.as_bytes())?;
    json::elements_of_valid(array).get(usize::try_from(index).ok()?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declaration::template::parse_path;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn at(body: &str, path: &str) -> Option<String> {
        let request = Request::new(&[], body.as_bytes());
        let delivery = Delivery::new(&request);
        delivery.scalar(&parse_path(path).unwrap()).unwrap().map(Cow::into_owned)
    }

    #[test]
    fn follows_keys_indexes_and_first_members() {
        let body = r#"{"a": {"b": [10, {"c": "x\u0079"}], "b": [1, {"c": "last"}]}, "n": null, "t": true}"#;
        assert_eq!(at(body, "a.b.1.c").as_deref(), Some("last"), "the last duplicate, as JSON.parse");
        assert_eq!(at(body, "a.b.0").as_deref(), Some("1"));
        assert_eq!(at(body, "a.*.1.c").as_deref(), Some("xy"), "`*` is the first member, whatever its key");
        assert_eq!(at(body, "t").as_deref(), Some("true"));
        for absent in ["n", "a", "a.b", "a.b.2", "a.b.x", "t.x", "zz"] {
            assert_eq!(at(body, absent), None, "{absent}");
        }
        assert_eq!(at(r#"[{"eventId": 7}, {"eventId": 8}]"#, "1.eventId").as_deref(), Some("8"));
        assert_eq!(at(r#"{"s": "a\u0062"}"#, "s").as_deref(), Some("ab"));
    }

    #[test]
    fn reads_many_fields_of_one_nested_object_from_one_split() {
        let body = r#"{"r": {"id": "r1", "s": {"id": "s1"}, "status": "open"}, "q": {"id": "q1"}}"#;
        let request = Request::new(&[], body.as_bytes());
        let delivery = Delivery::new(&request);
        let read = |path: &str| delivery.scalar(&parse_path(path).unwrap()).unwrap().map(Cow::into_owned);
        for _ in 0..2 {
            let found: Vec<Option<String>> = ["r.id", "r.status", "r.s.id", "q.id", "r.x"].map(read).into();
            assert_eq!(found, [Some("r1".into()), Some("open".into()), Some("s1".into()), Some("q1".into()), None]);
        }
        assert_eq!(delivery.nested.borrow().len(), 3, "r, r.s and q, each split once");
    }
}
