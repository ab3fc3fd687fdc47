//! Templates: literal text with `{…}` placeholders, the one notation of a declaration. A signed string
//! (`{t}.{body}`) and an event field (`{body.data.id}`) are both templates; what each may name differs,
//! and [`Template::parse`] is told which.

use super::Invalid;

/// A path into the body: object keys, array indexes (a number), and `*`, an object's first member
/// (Square's `data.object.<type>`, named by a sibling field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object's member by key, or an array's element when the key is a number.
    Key(String),
    /// An object's first member, whatever its key.
    First,
}

/// A body path, `data.object.id`.
pub type Path = Vec<Segment>;

/// What a placeholder reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `{body}`: the body exactly as received (signed strings).
    Body,
    /// `{body.<path>}`: a value in the body.
    Field(Path),
    /// `{header:<Name>}`: a request header.
    Header(String),
    /// `{id}`: the signed message id, as sent.
    Id,
    /// `{t}`: the signed timestamp, as sent.
    T,
    /// `{url}`: the URL the sender called.
    Url,
    /// `{method}`: the request method.
    Method,
    /// `{form}`: Twilio's form parameters sorted by name, `name` + `value` (signed strings).
    Form,
    /// `{body:float-weights}`: EasyPost's body with integer weights written `N.0` (signed strings).
    FloatWeights,
    /// `{path:contentful}`: the path and query as Contentful canonicalizes them (signed strings).
    ContentfulPath,
    /// `{headers:contentful}`: the headers Contentful signs, canonicalized (signed strings).
    ContentfulHeaders,
    /// `{digest}`: hex SHA-256 of the signed bytes (event fields).
    Digest,
    /// `{digest:body}`: hex SHA-256 of the body (event fields).
    BodyDigest,
    /// `{*}`: what a `map` pattern's `*` matched (a `map`'s values).
    Capture,
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text kept as written.
    Literal(String),
    /// A placeholder: the first of its sources that resolves; `optional` (`?`) makes it empty text
    /// instead of unresolved.
    Slot {
        /// The sources tried in order (`{a|b}`).
        sources: Vec<Source>,
        /// Whether an unresolved slot is empty text rather than leaving the template unresolved.
        optional: bool,
    },
}

/// Where a template is used, which decides what it may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// A credential's signed string.
    Signed,
    /// An event field.
    Event,
    /// A `map`'s value: an event field that may also name `{*}`.
    MapValue,
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Template {
    /// Its pieces, in order.
    pub parts: Vec<Part>,
}

impl Template {
    /// Parses `text` for `usage`; `field` names it in an error (`credential.signed`).
    pub fn parse(text: &str, usage: Use, field: &str) -> Result<Template, Invalid> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(['{', '}']) {
            literal.push_str(&rest[..at]);
            let brace = rest.as_bytes()[at];
            rest = &rest[at + 1..];
            // `{{` and `}}` write a brace.
            if rest.as_bytes().first() == Some(&brace) {
                literal.push(char::from(brace));
                rest = &rest[1..];
                continue;
            }
            if brace == b'}' {
                return Err(Invalid::at(field, "has a `}` that closes nothing (write `}}` for a brace)"));
            }
            let end = rest.find('}').ok_or_else(|| Invalid::at(field, "has a `{` that is never closed"))?;
            if !literal.is_empty() {
                parts.push(Part::Literal(std::mem::take(&mut literal)));
            }
            parts.push(slot(&rest[..end], usage, field)?);
            rest = &rest[end + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Literal(literal));
        }
        Ok(Template { parts })
    }

    /// Whether any placeholder reads `source`.
    pub fn reads(&self, wanted: impl Fn(&Source) -> bool) -> bool {
        self.parts.iter().any(|part| matches!(part, Part::Slot { sources, .. } if sources.iter().any(&wanted)))
    }
}

/// One placeholder's inside: sources separated by `|`, `?` at the end for optional.
fn slot(inside: &str, usage: Use, field: &str) -> Result<Part, Invalid> {
    let (inside, optional) = match inside.strip_suffix('?') {
        Some(inside) => (inside, true),
        None => (inside, false),
    };
    let sources = inside.split('|').map(|name| source(name.trim(), usage, field)).collect::<Result<Vec<_>, _>>()?;
    Ok(Part::Slot { sources, optional })
}

fn source(name: &str, usage: Use, field: &str) -> Result<Source, Invalid> {
    let unknown = || Invalid::at(field, &format!("names `{{{name}}}`, which is not a placeholder here"));
    let signed_only = |source: Source| if usage == Use::Signed { Ok(source) } else { Err(unknown()) };
    let event_only = |source: Source| if usage == Use::Signed { Err(unknown()) } else { Ok(source) };
    if let Some(path) = name.strip_prefix("body.") {
        return Ok(Source::Field(parse_path(path).ok_or_else(unknown)?));
    }
    if let Some(header) = name.strip_prefix("header:") {
        return if header.is_empty() { Err(unknown()) } else { Ok(Source::Header(header.to_owned())) };
    }
    match name {
        "body" => signed_only(Source::Body),
        "id" => Ok(Source::Id),
        "t" => Ok(Source::T),
        "url" => Ok(Source::Url),
        "method" => Ok(Source::Method),
        "form" => signed_only(Source::Form),
        "body:float-weights" => signed_only(Source::FloatWeights),
        "path:contentful" => signed_only(Source::ContentfulPath),
        "headers:contentful" => signed_only(Source::ContentfulHeaders),
        "digest" => event_only(Source::Digest),
        "digest:body" => event_only(Source::BodyDigest),
        "*" if usage == Use::MapValue => Ok(Source::Capture),
        _ => Err(unknown()),
    }
}

/// A path as a declaration writes it, `a.b.0.*.c`: [`parse_path`]'s inverse.
pub fn path_text(path: &Path) -> String {
    let names: Vec<&str> = path
        .iter()
        .map(|segment| match segment {
            Segment::Key(key) => key.as_str(),
            Segment::First => "*",
        })
        .collect();
    names.join(".")
}

/// `a.b.0.*.c` as segments; `None` when a segment is empty.
pub fn parse_path(text: &str) -> Option<Path> {
    text.split('.')
        .map(|segment| match segment {
            "" => None,
            "*" => Some(Segment::First),
            key => Some(Segment::Key(key.to_owned())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn slot(sources: Vec<Source>) -> Part {
        Part::Slot { sources, optional: false }
    }

    #[test]
    fn reads_literals_placeholders_alternatives_and_braces() {
        let template = Template::parse("v0:{t}:{body}", Use::Signed, "signed").unwrap();
        assert_eq!(
            template.parts,
            vec![
                Part::Literal("v0:".into()),
                slot(vec![Source::T]),
                Part::Literal(":".into()),
                slot(vec![Source::Body])
            ]
        );
        let field = Template::parse("{{{body.a.0|header:X-Id}-{body.at?}}}", Use::Event, "event.id").unwrap();
        assert_eq!(
            field.parts,
            vec![
                Part::Literal("{".into()),
                slot(vec![
                    Source::Field(vec![Segment::Key("a".into()), Segment::Key("0".into())]),
                    Source::Header("X-Id".into())
                ]),
                Part::Literal("-".into()),
                Part::Slot { sources: vec![Source::Field(vec![Segment::Key("at".into())])], optional: true },
                Part::Literal("}".into()),
            ]
        );
        assert_eq!(Template::parse("", Use::Event, "x").unwrap().parts, vec![]);
    }

    #[test]
    fn names_the_field_and_what_is_wrong() {
        for (text, usage) in [
            ("{body", Use::Signed),
            ("a}", Use::Signed),
            ("{nope}", Use::Event),
            ("{body}", Use::Event),
            ("{digest}", Use::Signed),
            ("{*}", Use::Event),
            ("{body..x}", Use::Event),
            ("{header:}", Use::Event),
        ] {
            let error = Template::parse(text, usage, "event.type").unwrap_err();
            assert!(error.0.starts_with("event.type "), "{text}: {}", error.0);
        }
    }
}
