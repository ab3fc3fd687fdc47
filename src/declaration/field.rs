//! An event's fields as declared: where each comes from and how it is transformed.

use super::template::{Source, Template, Use};
use super::{Invalid, Members, Raw};

/// One field: a template, alternatives (the first that resolves), or a transformed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A template.
    Template(Template),
    /// The first alternative that resolves.
    FirstOf(Vec<Field>),
    /// A value read from a field and transformed.
    Transform(Box<Transform>),
}

/// A field object: `{ from, when, stripPrefix, split, part, lower, map, else, required }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transform {
    /// What is read.
    pub from: Field,
    /// Unless it holds, the field does not resolve.
    pub when: Option<Condition>,
    /// Removed from the start when there.
    pub strip_prefix: Option<String>,
    /// Split on this text, keeping part number `.1`.
    pub split: Option<(String, usize)>,
    /// Lower-case ASCII letters.
    pub lower: bool,
    /// Patterns (`*` matches any run) and what each gives; the first that matches wins.
    pub map: Vec<(String, Template)>,
    /// What a value no pattern matches gives.
    pub otherwise: Otherwise,
    /// Unresolved is `invalid_payload` rather than the field's default.
    pub required: bool,
}

/// What a value no `map` pattern matches gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Otherwise {
    /// The value as it is (no `else`).
    Keep,
    /// This template (`"else": "unknown"`).
    Template(Template),
    /// Nothing: the field does not resolve (`"else": null`).
    Nothing,
}

/// A condition: a template that must resolve, or templates whose values must match patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// Holds when the template resolves (for a body path: when the value is there and not null).
    Present(Template),
    /// Holds when each template resolves to text its pattern matches.
    Matches(Vec<(Template, String)>),
}

impl Field {
    /// Reads a field: a string (template), an array (alternatives) or an object (transform).
    pub fn parse(raw: Raw<'_>, name: &str) -> Result<Field, Invalid> {
        match raw {
            Raw::String(text) => Ok(Field::Template(Template::parse(&text, Use::Event, name)?)),
            Raw::Array(items) if !items.is_empty() => {
                items.into_iter().map(|item| Field::parse(item, name)).collect::<Result<_, _>>().map(Field::FirstOf)
            }
            Raw::Object(members) => {
                Transform::parse(&Members { list: &members, name }).map(|t| Field::Transform(Box::new(t)))
            }
            _ => Err(Invalid::at(name, "must be a template, an array of them, or an object with `from`")),
        }
    }

    /// Whether any template in it reads a source `wanted` picks (`{digest}`: the signed bytes are hashed
    /// once verified; `{body.0…}`: the body may be an array).
    pub fn reads(&self, wanted: &dyn Fn(&Source) -> bool) -> bool {
        match self {
            Field::Template(template) => template.reads(wanted),
            Field::FirstOf(fields) => fields.iter().any(|field| field.reads(wanted)),
            Field::Transform(t) => {
                t.from.reads(wanted)
                    || t.map.iter().any(|(_, v)| v.reads(wanted))
                    || matches!(&t.otherwise, Otherwise::Template(v) if v.reads(wanted))
            }
        }
    }
}

impl Transform {
    fn parse(members: &Members<'_, '_>) -> Result<Transform, Invalid> {
        members.known(&["from", "when", "stripPrefix", "split", "part", "lower", "map", "else", "required"])?;
        let from = members.get("from").ok_or_else(|| Invalid::at(members.name, "needs `from`"))?;
        let split = match (members.text("split")?, members.get("part")) {
            (None, None) => None,
            (Some(separator), Some(Raw::Number(part))) if !separator.is_empty() => {
                let part = crate::time::digits(part.as_bytes())
                    .ok_or_else(|| Invalid::at(&members.at("part"), "must be a whole number"))?;
                Some((separator, part as usize))
            }
            _ => {
                return Err(Invalid::at(
                    members.name,
                    "needs `split` (a non-empty string) and `part` (a number) together",
                ))
            }
        };
        let map = match members.get("map") {
            None => Vec::new(),
            Some(Raw::Object(entries)) => entries
                .into_iter()
                .map(|(pattern, value)| match value {
                    Raw::String(text) => Ok((pattern, Template::parse(&text, Use::MapValue, &members.at("map"))?)),
                    _ => Err(Invalid::at(&members.at("map"), "values must be templates")),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(Invalid::at(&members.at("map"), "must be an object of patterns and templates")),
        };
        Ok(Transform {
            from: Field::parse(from, &members.at("from"))?,
            when: members.get("when").map(|raw| Condition::parse(raw, &members.at("when"))).transpose()?,
            strip_prefix: members.text("stripPrefix")?.filter(|prefix| !prefix.is_empty()),
            split,
            lower: members.flag("lower")?,
            map,
            otherwise: match members.get("else") {
                None => Otherwise::Keep,
                Some(Raw::Null) => Otherwise::Nothing,
                Some(Raw::String(text)) => {
                    Otherwise::Template(Template::parse(&text, Use::MapValue, &members.at("else"))?)
                }
                Some(_) => return Err(Invalid::at(&members.at("else"), "must be a template or null")),
            },
            required: members.flag("required")?,
        })
    }
}

impl Condition {
    /// A template (present) or an object of templates and patterns (all match).
    pub fn parse(raw: Raw<'_>, name: &str) -> Result<Condition, Invalid> {
        match raw {
            Raw::String(text) => Ok(Condition::Present(Template::parse(&text, Use::Event, name)?)),
            Raw::Object(entries) if !entries.is_empty() => entries
                .into_iter()
                .map(|(template, pattern)| match pattern {
                    Raw::String(pattern) => Ok((Template::parse(&template, Use::Event, name)?, pattern.into_owned())),
                    _ => Err(Invalid::at(name, "patterns must be strings")),
                })
                .collect::<Result<_, _>>()
                .map(Condition::Matches),
            _ => Err(Invalid::at(name, "must be a template or an object of templates and patterns")),
        }
    }
}

/// Whether `text` matches `pattern`, where `*` matches any run of characters (none included); what the
/// first `*` matched when it does.
pub fn glob<'t>(pattern: &str, text: &'t str) -> Option<&'t str> {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let rest: Vec<&str> = parts.collect();
    let Some((last, middle)) = rest.split_last() else { return (pattern == text).then_some("") };
    let body = text.strip_prefix(first)?.strip_suffix(last)?;
    if text.len() < first.len() + last.len() {
        return None;
    }
    let mut at = 0;
    let mut captured = None;
    for part in middle {
        let found = body[at..].find(part)? + at;
        captured.get_or_insert(&body[..found]);
        at = found + part.len();
    }
    Some(captured.unwrap_or(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn matches_globs_and_captures_the_first_run() {
        assert_eq!(glob("orders/*ed", "orders/fulfilled"), Some("fulfill"));
        assert_eq!(glob("orders/*", "orders/create"), Some("create"));
        assert_eq!(glob("*.*", "return.created"), Some("return"));
        assert_eq!(glob("*.*", "created"), None);
        assert_eq!(glob("charge.*", "charge."), Some(""));
        assert_eq!(glob("a*a", "a"), None);
        assert_eq!(glob("exact", "exact"), Some(""));
        assert_eq!(glob("exact", "exactly"), None);
        assert_eq!(glob("*", ""), Some(""));
        assert_eq!(glob("x*y*z", "x1y2y3z"), Some("1"));
    }
}
