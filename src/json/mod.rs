//! Reading provider payloads: one parse of an object into its members, keys and values kept as raw
//! JSON text borrowed from the body (a key is decoded only when it has escapes and is looked up), and
//! typed getters that say which field was wrong. serde_json validates the body once; objects inside it
//! are then split by structure alone (`members.rs`).
//!
//! Only serde_json's `deserialize_any`, raw-value and map paths are used, with visitors that refuse
//! other kinds themselves. serde_json's typed paths (`deserialize_str`, derived structs) describe a
//! wrong value in their error text, which links float formatting into the wasm module (~20 KB); this
//! reader never produces those texts.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::Error;

mod depth;
pub mod form;
mod lanes;
mod members;
#[cfg(feature = "explain")]
pub mod rewrite;
pub use depth::check_depth;
pub(crate) use members::elements_of_valid;
use members::members_of_valid;

/// A JSON object's members in order, keys and values as raw text (a key with its quotes). Lookups take
/// the last duplicate, as `JSON.parse` does. Nothing in it owns memory but the list itself, so dropping
/// one is a single free wherever a provider's mapping returns early.
#[derive(Debug)]
pub struct Object<'a> {
    path: Cow<'static, str>,
    members: Vec<(&'a str, &'a str)>,
}

/// Whether the raw key (a JSON string with its quotes) is `key`, escapes decoded.
#[inline(never)]
pub fn key_is(raw: &str, key: &str) -> bool {
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
    if !inner.contains('\\') {
        return inner == key;
    }
    string(raw).is_some_and(|decoded| decoded == key)
}

/// `invalid_json` at the first key of `members` that does not decode (an escaped lone surrogate, which
/// serde_json's skip lets through), where it stands in `text`.
fn check_keys(text: &str, members: &[(&str, &str)]) -> Result<(), Error> {
    match members.iter().find(|(key, _)| key.contains('\\') && string(key).is_none()) {
        Some((key, _)) => {
            Err(error_at(text.as_bytes(), (key.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)))
        }
        None => Ok(()),
    }
}

// Out of line: every provider mapping calls these, and inlined copies in each would cost the wasm
// module kilobytes for no measurable speed.
impl<'a> Object<'a> {
    /// Parses `text`, which must be one JSON object (`invalid_json` / `invalid_payload` otherwise).
    /// The whole text is validated, so the objects inside it are read without validating them again.
    #[inline(never)]
    pub fn parse(text: &'a str) -> Result<Self, Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let members = deserializer
            .deserialize_any(MembersVisitor)
            .and_then(|members| deserializer.end().map(|()| members))
            .map_err(|e| Error::InvalidJson { line: e.line(), column: e.column() })?
            .ok_or(Error::InvalidPayload("the body is not a JSON object".into()))?;
        check_keys(text, &members)?;
        Ok(Object { path: Cow::Borrowed("the body"), members })
    }

    /// The object in `raw`, which must be a member value of an `Object` (text serde_json validated:
    /// it is split without validating it again); `invalid_payload` when it is another kind of value.
    #[inline(never)]
    pub fn of_member(raw: &'a str, path: Cow<'static, str>) -> Result<Self, Error> {
        if !raw.starts_with('{') {
            return Err(Error::InvalidPayload(format!("{path} is not a JSON object").into()));
        }
        match members_of_valid(raw) {
            Some(members) => Ok(Object { members, path }),
            // A key that does not decode: serde_json's own parse says where, as before the split.
            None => Self::parse(raw).map(|object| Object { path, ..object }),
        }
    }

    /// Parses `text`, which must be one JSON value: an object is split into its members, an array (HubSpot
    /// sends its events as one) is kept as raw text; any other kind is `invalid_payload`.
    #[inline(never)]
    pub fn parse_root(text: &'a str) -> Result<Root<'a>, Error> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let parsed = deserializer
            .deserialize_any(RootVisitor)
            .and_then(|parsed| deserializer.end().map(|()| parsed))
            .map_err(|e| Error::InvalidJson { line: e.line(), column: e.column() })?;
        match parsed {
            Parsed::Members(members) => {
                check_keys(text, &members)?;
                Ok(Root::Object(Object { path: Cow::Borrowed("the body"), members }))
            }
            Parsed::Array => Ok(Root::Array(text.trim_matches([' ', '\t', '\n', '\r']))),
            Parsed::Other => Err(Error::InvalidPayload("the body is not a JSON object or array".into())),
        }
    }

    /// The members, in order (duplicates included), keys and values as raw JSON text.
    pub fn members(&self) -> &[(&'a str, &'a str)] {
        &self.members
    }

    /// The raw value of `key`; `None` when absent.
    #[inline(never)]
    pub fn raw(&self, key: &str) -> Option<&'a str> {
        self.members.iter().rev().find(|(k, _)| key_is(k, key)).map(|(_, v)| *v)
    }

    #[inline(never)]
    fn field(&self, key: &str) -> Cow<'static, str> {
        match self.path.as_ref() {
            "the body" => format!("`{key}`").into(),
            path => format!("`{}.{key}`", path.trim_matches('`')).into(),
        }
    }

    #[inline(never)]
    fn wrong(&self, key: &str, expected: &str) -> Error {
        Error::InvalidPayload(format!("{} is not {expected}", self.field(key)).into())
    }

    /// A string member; `None` when absent or null.
    #[inline(never)]
    pub fn str(&self, key: &str) -> Result<Option<Cow<'a, str>>, Error> {
        match self.raw(key) {
            None | Some("null") => Ok(None),
            Some(raw) => string(raw).map(Some).ok_or_else(|| self.wrong(key, "a string")),
        }
    }

    /// A string or number member as text (numbers keep their exact text); `None` when absent or null.
    #[inline(never)]
    pub fn text(&self, key: &str) -> Result<Option<Cow<'a, str>>, Error> {
        match self.raw(key) {
            None | Some("null") => Ok(None),
            Some(raw) if raw.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) => {
                Ok(Some(Cow::Borrowed(raw)))
            }
            Some(raw) => string(raw).map(Some).ok_or_else(|| self.wrong(key, "a string or a number")),
        }
    }

    /// A boolean member; `None` when absent or null.
    #[inline(never)]
    pub fn bool(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.raw(key) {
            None | Some("null") => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(self.wrong(key, "a boolean")),
        }
    }

    /// An object member; `None` when absent or null.
    #[inline(never)]
    pub fn object(&self, key: &str) -> Result<Option<Object<'a>>, Error> {
        match self.raw(key) {
            None | Some("null") => Ok(None),
            Some(raw) if raw.starts_with('{') => Object::of_member(raw, self.field(key)).map(Some),
            Some(_) => Err(self.wrong(key, "an object")),
        }
    }

    /// A string member that must be there.
    #[inline(never)]
    pub fn required_str(&self, key: &str) -> Result<Cow<'a, str>, Error> {
        self.str(key)?.ok_or_else(|| self.missing(key))
    }

    /// A string-or-number member that must be there.
    #[inline(never)]
    pub fn required_text(&self, key: &str) -> Result<Cow<'a, str>, Error> {
        self.text(key)?.ok_or_else(|| self.missing(key))
    }

    /// An object member that must be there.
    #[inline(never)]
    pub fn required_object(&self, key: &str) -> Result<Object<'a>, Error> {
        self.object(key)?.ok_or_else(|| self.missing(key))
    }

    #[inline(never)]
    fn missing(&self, key: &str) -> Error {
        Error::InvalidPayload(format!("{} is missing", self.field(key)).into())
    }
}

/// `invalid_json` at byte `index` of `bytes`, as serde_json reports a position: 1-based line, and the
/// 1-based byte column within that line.
pub(crate) fn error_at(bytes: &[u8], index: usize) -> Error {
    let before = &bytes[..index.min(bytes.len())];
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |newline| newline + 1);
    Error::InvalidJson { line: before.iter().filter(|b| **b == b'\n').count() + 1, column: index - line_start + 1 }
}

/// The value of a raw JSON string, borrowed when it has no escapes; `None` when `raw` is not a string.
pub fn string(raw: &str) -> Option<Cow<'_, str>> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains('\\') {
        return Some(Cow::Borrowed(inner)); // raw text is already validated JSON: no quote or control char inside
    }
    unescape(inner, false).map(Cow::Owned)
}

/// Whether any string in the JSON `text` (a key or a value, escapes decoded as `JSON.parse` decodes
/// them) contains `needle`.
pub fn any_string_contains(text: &str, needle: &str) -> bool {
    // The needle is a secret that just matched (tens of bytes), the haystack a body: each place its
    // first byte occurs is compared whole. Hand-written: `str::contains` brings the two-way searcher
    // (2.5 KB of wasm) for a search whose needle is short and never the attacker's choice.
    let found = |haystack: &str| {
        let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
        let Some(&first) = needle.first() else { return true };
        memchr::memchr_iter(first, hay).any(|at| hay.get(at..at + needle.len()) == Some(needle))
    };
    if found(text) {
        return true;
    }
    if !text.contains('\\') {
        return false; // no escapes: the plain search above saw every string as it decodes
    }
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] != b'"' {
            index += 1;
            continue;
        }
        let start = index + 1;
        index += 1;
        while index < bytes.len() && bytes[index] != b'"' {
            index += if bytes[index] == b'\\' { 2 } else { 1 };
        }
        let inner = text.get(start..index.min(bytes.len())).unwrap_or_default();
        if inner.contains('\\') && found(&decode_as_js(inner)) {
            return true;
        }
        index += 1;
    }
    false
}

/// The escapes of a JSON string literal's inside decoded as `JSON.parse` decodes them, a lone
/// surrogate included (written as U+FFFD, as it cannot be UTF-8): a secret hidden behind one would
/// reach the origin's parse.
fn decode_as_js(inner: &str) -> String {
    unescape(inner, true).unwrap_or_default()
}

/// The inside of a JSON string literal that a validating parse accepted, its escapes decoded; a lone
/// surrogate is U+FFFD when `lenient`, else the whole string is `None` (as serde_json's decoding says).
/// Hand-written: serde_json's own string decoding would be the only reason its escape parser is in the
/// wasm module (about 4 KB), and it refuses the lone surrogates that JS accepts, which the Baback
/// check must see as JS does.
fn unescape(inner: &str, lenient: bool) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    let mut pending_high: Option<u32> = None;
    // A high surrogate not followed by a low one.
    let lone = |out: &mut String| lenient.then(|| out.push(char::REPLACEMENT_CHARACTER));
    while let Some(c) = chars.next() {
        if c != '\\' {
            if pending_high.take().is_some() {
                lone(&mut out)?;
            }
            out.push(c);
            continue;
        }
        let unit = match chars.next()? {
            'u' => chars.by_ref().take(4).try_fold(0, |unit, c| Some(unit * 16 + c.to_digit(16)?))?,
            'n' => 0x0a,
            't' => 0x09,
            'r' => 0x0d,
            'b' => 0x08,
            'f' => 0x0c,
            other => other as u32,
        };
        match (pending_high.take(), unit) {
            (Some(high), 0xdc00..=0xdfff) => {
                out.push(char::from_u32(0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00))?)
            }
            (high, 0xd800..=0xdbff) => {
                if high.is_some() {
                    lone(&mut out)?;
                }
                pending_high = Some(unit);
            }
            (high, unit) => {
                if high.is_some() {
                    lone(&mut out)?;
                }
                match char::from_u32(unit) {
                    Some(c) => out.push(c),
                    None => lone(&mut out)?, // a low surrogate alone
                }
            }
        }
    }
    if pending_high.is_some() {
        lone(&mut out)?;
    }
    Some(out)
}

/// Appends `text` as a JSON string. Written here rather than through `serde_json::to_string`, whose
/// `Result` would bring its error formatting into the wasm module for a call that cannot fail.
pub fn push_string(out: &mut String, text: &str) {
    // Most values need no escaping; those are copied straight in.
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(text);
        out.push('"');
        return;
    }
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 0xf] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends `text` as a JSON string, or `null`.
pub fn push_optional_string(out: &mut String, text: Option<&str>) {
    match text {
        Some(text) => push_string(out, text),
        None => out.push_str("null"),
    }
}

// The visitors take every kind of value and say `None` for the kinds they do not want (after reading
// them, so the parse goes on), rather than failing: a visitor's own error goes through serde_json's
// `Error::custom`, which formats and searches its message, and costs the wasm module that code for an
// answer (`invalid_payload`) the caller gives anyway.

/// Reads and forgets the rest of a container.
fn drain<'de, S: de::SeqAccess<'de>>(mut seq: S) -> Result<(), S::Error> {
    while seq.next_element::<de::IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Says `None` for scalars.
macro_rules! none_for_scalars {
    () => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_seq<S: de::SeqAccess<'de>>(self, seq: S) -> Result<Self::Value, S::Error> {
            drain(seq).map(|()| None)
        }
    };
}

/// A body as parsed: an object's members, an array, or another kind of value.
pub enum Root<'a> {
    /// An object, split into its members.
    Object(Object<'a>),
    /// An array, as raw JSON text (validated).
    Array(&'a str),
}

enum Parsed<'a> {
    Members(Vec<(&'a str, &'a str)>),
    Array,
    Other,
}

/// An object's members, or which other kind of value it was.
struct RootVisitor;

impl<'de> Visitor<'de> for RootVisitor {
    type Value = Parsed<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or array")
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
        Ok(MembersVisitor.visit_map(map)?.map_or(Parsed::Other, Parsed::Members))
    }

    fn visit_seq<S: de::SeqAccess<'de>>(self, seq: S) -> Result<Self::Value, S::Error> {
        drain(seq).map(|()| Parsed::Array)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Parsed::Other)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Parsed::Other)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Parsed::Other)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Parsed::Other)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Parsed::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Parsed::Other)
    }
}

/// An object's members; `None` for any other kind of value.
struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Option<Vec<(&'de str, &'de str)>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<&'de RawValue>()? {
            members.push((key.get(), map.next_value::<&'de RawValue>()?.get()));
        }
        Ok(Some(members))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    none_for_scalars!();
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_typed_fields_and_keeps_number_text_exact() {
        let object = Object::parse(
            r#"{"s": "a\u0062", "n": 123456789012345678901234567890, "b": true, "o": {"x": 1}, "z": null}"#,
        )
        .unwrap();
        assert_eq!(object.str("s").unwrap().as_deref(), Some("ab"));
        assert_eq!(object.text("n").unwrap().as_deref(), Some("123456789012345678901234567890"));
        assert_eq!(object.bool("b").unwrap(), Some(true));
        assert_eq!(object.object("o").unwrap().unwrap().text("x").unwrap().as_deref(), Some("1"));
        assert_eq!(object.str("z").unwrap(), None);
        assert_eq!(object.str("absent").unwrap(), None);
    }

    #[test]
    fn borrows_strings_without_escapes() {
        let object = Object::parse(r#"{"s": "plain"}"#).unwrap();
        assert!(matches!(object.str("s").unwrap(), Some(Cow::Borrowed("plain"))));
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        let object = Object::parse(r#"{"return": {"id": true}, "type": 5}"#).unwrap();
        let nested = object.required_object("return").unwrap();
        assert_eq!(
            nested.required_text("id").unwrap_err().to_string(),
            "the payload is not what the provider sends: `return.id` is not a string or a number"
        );
        assert_eq!(object.required_str("type").unwrap_err().code(), "invalid_payload");
        assert_eq!(
            object.required_str("missing").unwrap_err().to_string(),
            "the payload is not what the provider sends: `missing` is missing"
        );
    }

    #[test]
    fn writes_strings_that_parse_back_to_themselves() {
        for text in ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{1}\u{1f}\u{7f}", "é ✓ 😀", ""]
        {
            let mut out = String::new();
            push_string(&mut out, text);
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), text, "{out}");
        }
    }

    #[test]
    fn finds_a_needle_in_escaped_strings_too() {
        assert!(any_string_contains(r#"{"a": "x secret y"}"#, "secret"));
        assert!(any_string_contains(r#"{"a": "\u0073ecret"}"#, "secret"));
        assert!(any_string_contains(r#"{"\u0073ecret": 1}"#, "secret"));
        assert!(!any_string_contains(r#"{"a": "\u0073ecre"}"#, "secret"));
        assert!(!any_string_contains(r#"{"a": "s\"ecret"}"#, "secret"));
    }

    proptest::proptest! {
        #[test]
        fn decodes_strings_as_serde_json_does(text in "\\PC{0,40}", escape_all in proptest::bool::ANY) {
            // As serde_json writes it, and with every character as a \u escape (pairs beyond the BMP).
            let plain = serde_json::to_string(&text).unwrap();
            let escaped: String = std::iter::once("\"".to_owned())
                .chain(text.encode_utf16().map(|unit| format!("\\u{unit:04x}")))
                .chain(std::iter::once("\"".to_owned()))
                .collect();
            for raw in [plain, escaped].iter().filter(|raw| escape_all || !raw.contains("\\u")) {
                let decoded = string(raw);
                proptest::prop_assert_eq!(decoded.as_deref(), Some(text.as_str()), "{}", raw);
                let by_serde: String = serde_json::from_str(raw).unwrap();
                proptest::prop_assert_eq!(by_serde, text.clone());
            }
        }
    }

    #[test]
    fn refuses_lone_surrogates_where_serde_json_does_and_decodes_them_as_js_does() {
        for raw in [r#""\ud800""#, r#""\udc00x""#, r#""a\ud83d""#, r#""\ud83d\u0041""#] {
            assert_eq!(string(raw), None, "{raw}");
            assert!(serde_json::from_str::<String>(raw).is_err(), "{raw}");
        }
        assert_eq!(string(r#""\ud83d\ude00 \" \\ \/ \b\f\n\r\t""#).as_deref(), Some("😀 \" \\ / \u{8}\u{c}\n\r\t"));
    }

    #[test]
    fn finds_a_needle_behind_a_lone_surrogate_or_inside_arrays() {
        // serde_json refuses to decode these strings; JSON.parse decodes them, secret and all.
        for text in [
            r#"{"a": "\ud800secret"}"#,
            r#"{"a": "\udc00\u0073ecret"}"#,
            r#"{"a": ["x", {"b": ["\ud83d\u0073ecret"]}]}"#,
            r#"{"a": "\ud83d\ude00secret"}"#,
            r#"{"\ud800\u0073\u0065cret": 1}"#,
        ] {
            assert!(any_string_contains(text, "secret"), "{text}");
        }
        assert_eq!(decode_as_js(r"\ud83d\ude00\n\/\u00e9"), "😀\n/é");
        assert_eq!(decode_as_js(r"\ud800x\udc00"), "\u{fffd}x\u{fffd}");
    }

    #[test]
    fn a_nested_key_that_does_not_decode_is_invalid_json_as_in_a_parse() {
        // serde_json's skip of the outer value accepts the lone surrogate; decoding the key refuses it.
        let object = Object::parse(r#"{"o": {"a": 1, "\udc00": 2}}"#).unwrap();
        assert_eq!(object.object("o").unwrap_err().code(), "invalid_json");
        assert!(members_of_valid(r#"{"a": 1, "\udc00": 2}"#).is_none());
    }

    #[test]
    fn takes_the_last_of_duplicate_keys_as_json_parse_does() {
        let object = Object::parse(r#"{"a": "first", "\u0061": "last"}"#).unwrap();
        assert_eq!(object.str("a").unwrap().as_deref(), Some("last"));
    }

    #[test]
    fn tells_broken_json_from_a_non_object() {
        for text in [r#"{"a": "#, "{} x", "", "\u{feff}{}", r#"{"a": "\x"}"#] {
            assert_eq!(Object::parse(text).unwrap_err().code(), "invalid_json", "{text:?}");
        }
        for text in ["[1, 2]", "1.5e3", "\"s\"", "true", "null"] {
            assert_eq!(Object::parse(text).unwrap_err().code(), "invalid_payload", "{text}");
        }
    }
}
