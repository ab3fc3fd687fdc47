//! Providers as data: a declaration says where a sender's credential travels, what it signs, and where
//! each field of the event comes from (docs/declarations.md). The built-in providers are declarations
//! (`src/providers/*.json`); a user gives their own at run time in the same JSON. [`Declaration::parse`]
//! reads one and says which field is wrong; `crate::interpret` applies it.

use std::borrow::Cow;

pub mod credential;
pub mod field;
pub mod template;

pub use credential::{Credential, Hmac, KeyFormat, Syntax, TimestampAt, TimestampFormat};
pub use field::{Condition, Field, Otherwise, Transform};
pub use template::{path_text, Part, Path, Segment, Source, Template, Use};

use crate::json;

/// Why a declaration cannot be read: the field and what is wrong with it (`credential.algorithm must be
/// one of sha1, sha256, sha512`). The JS package throws it as a `TypeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid(pub String);

impl Invalid {
    /// `field` and what is wrong.
    pub fn at(field: &str, what: &str) -> Invalid {
        Invalid(format!("{field} {what}"))
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Invalid {}

impl From<Invalid> for crate::Error {
    fn from(invalid: Invalid) -> Self {
        crate::Error::InvalidDeclaration(invalid.0.into())
    }
}

/// A JSON value of a declaration, read whole (declarations are small).
#[derive(Debug, Clone)]
pub enum Raw<'a> {
    /// A string, decoded.
    String(Cow<'a, str>),
    /// A number, as written.
    Number(&'a str),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// An array.
    Array(Vec<Raw<'a>>),
    /// An object's members, in order.
    Object(Vec<(String, Raw<'a>)>),
}

impl<'a> Raw<'a> {
    /// Reads validated JSON text (a member value or an element).
    fn of(text: &'a str) -> Option<Raw<'a>> {
        Some(match text.as_bytes().first()? {
            b'"' => Raw::String(json::string(text)?),
            b'{' => Raw::Object(members_of(&json::Object::of_member(text, Cow::Borrowed("declaration")).ok()?)?),
            b'[' => Raw::Array(json::elements_of_valid(text).into_iter().map(Raw::of).collect::<Option<_>>()?),
            b't' => Raw::Bool(true),
            b'f' => Raw::Bool(false),
            b'n' => Raw::Null,
            _ => Raw::Number(text),
        })
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Raw::String(text) => Some(text),
            _ => None,
        }
    }
}

/// An object's members read whole, keys decoded.
pub fn members_of<'a>(object: &json::Object<'a>) -> Option<Vec<(String, Raw<'a>)>> {
    object.members().iter().map(|(key, value)| Some((json::string(key)?.into_owned(), Raw::of(value)?))).collect()
}

/// An object's members with the field path they are at, for reading them with errors that say where.
pub struct Members<'m, 'a> {
    /// The members.
    pub list: &'m [(String, Raw<'a>)],
    /// Where they are (`credential`, `event.subject`).
    pub name: &'m str,
}

impl<'a> Members<'_, 'a> {
    /// A member (the last of duplicates, as `JSON.parse` keeps).
    pub fn get(&self, key: &str) -> Option<Raw<'a>> {
        self.list.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    /// The path of a member, for errors.
    pub fn at(&self, key: &str) -> String {
        format!("{}.{key}", self.name)
    }

    /// A string member; `None` when absent.
    pub fn text(&self, key: &str) -> Result<Option<String>, Invalid> {
        match self.get(key) {
            None => Ok(None),
            Some(Raw::String(text)) => Ok(Some(text.into_owned())),
            Some(_) => Err(Invalid::at(&self.at(key), "must be a string")),
        }
    }

    /// A string member that must be there and not empty.
    pub fn required_text(&self, key: &str) -> Result<String, Invalid> {
        self.text(key)?
            .filter(|text| !text.is_empty())
            .ok_or_else(|| Invalid::at(&self.at(key), "must be a non-empty string"))
    }

    /// A boolean member; false when absent.
    pub fn flag(&self, key: &str) -> Result<bool, Invalid> {
        match self.get(key) {
            None => Ok(false),
            Some(Raw::Bool(value)) => Ok(value),
            Some(_) => Err(Invalid::at(&self.at(key), "must be true or false")),
        }
    }

    /// Which of `choices` a string member is; `None` when absent.
    pub fn choice(&self, key: &str, choices: &[&str]) -> Result<Option<usize>, Invalid> {
        match self.text(key)? {
            None => Ok(None),
            Some(value) => choices
                .iter()
                .position(|choice| *choice == value)
                .map(Some)
                .ok_or_else(|| Invalid::at(&self.at(key), &format!("must be one of {}", choices.join(", ")))),
        }
    }

    /// A header name or an array of them; `None` when absent.
    pub fn names(&self, key: &str) -> Result<Option<Vec<String>>, Invalid> {
        let wrong = || Invalid::at(&self.at(key), "must be a header name or an array of them");
        match self.get(key) {
            None => Ok(None),
            Some(Raw::String(text)) if !text.is_empty() => Ok(Some(vec![text.into_owned()])),
            Some(Raw::Array(items)) if !items.is_empty() => items
                .into_iter()
                .map(|item| match item {
                    Raw::String(text) if !text.is_empty() => Ok(text.into_owned()),
                    _ => Err(wrong()),
                })
                .collect::<Result<_, _>>()
                .map(Some),
            Some(_) => Err(wrong()),
        }
    }

    /// A body path (`data.secret`); `None` when absent.
    pub fn path(&self, key: &str) -> Result<Option<Path>, Invalid> {
        match self.text(key)? {
            None => Ok(None),
            Some(text) => {
                template::parse_path(&text).map(Some).ok_or_else(|| Invalid::at(&self.at(key), "must be a body path"))
            }
        }
    }

    /// Refuses a member not in `allowed`: a typo (`timestampHeadr`) would otherwise verify something else.
    pub fn known(&self, allowed: &[&str]) -> Result<(), Invalid> {
        match self.list.iter().find(|(key, _)| !allowed.contains(&key.as_str())) {
            Some((key, _)) => Err(Invalid::at(&self.at(key), "is not a member this takes")),
            None => Ok(()),
        }
    }
}

/// Where each field of the event comes from, in one mapping; absent fields take their defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Unless it holds, the next mapping is tried.
    pub when: Option<Condition>,
    /// The event id.
    pub id: Option<Field>,
    /// The normalized type.
    pub event_type: Option<Field>,
    /// The sender's own name for it.
    pub source_type: Option<Field>,
    /// When it happened.
    pub occurred_at: Option<Field>,
    /// `subject.type`, `.id`, `.reference`.
    pub subject: [Option<Field>; 3],
    /// `status.previous`, `.current`.
    pub status: [Option<Field>; 2],
    /// The test flag.
    pub test: Option<Field>,
}

/// One provider, as declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// `[a-z0-9-]{1,40}`.
    pub id: String,
    /// What people call the sender (absent where the build leaves prose out).
    pub name: Option<String>,
    /// Its credentials, in order of preference.
    pub credentials: Vec<Credential>,
    /// Its event mappings, the first whose condition holds applies.
    pub event: Vec<Mapping>,
    /// Whether form bodies are read as objects of strings.
    pub forms: bool,
    /// Body keys that identify its payloads.
    pub detect: Vec<String>,
    /// The handshake the gateway answers for it, when it has one.
    pub handshake: Option<String>,
    /// Whether an event field reads `{digest}` (the signed bytes are hashed once verified).
    pub reads_digest: bool,
    /// Whether the body may be a JSON array (an event field reads `{body.0…}`: HubSpot); else it must be
    /// an object.
    pub array_body: bool,
}

/// The members a declaration's prose carries (docs, the inspector, the CLI's sample headers): read by the
/// build, never needed here.
const PROSE: [&str; 5] = ["name", "docs", "secretFormat", "notes", "sends"];

impl Declaration {
    /// Reads a declaration from its JSON text; `Invalid` names the first wrong field.
    pub fn parse(text: &str) -> Result<Declaration, Invalid> {
        // Read whole and recursively: nesting is bounded first, as for a body.
        json::check_depth(text).map_err(|_| Invalid("the declaration is not JSON nested at most 128 deep".into()))?;
        let object = json::Object::parse(text).map_err(|_| Invalid("the declaration is not a JSON object".into()))?;
        let members_list = members_of(&object).ok_or_else(|| Invalid("the declaration is not readable JSON".into()))?;
        let root = Members { list: &members_list, name: "declaration" };
        let mut allowed = vec!["id", "credential", "event", "forms", "detect", "handshake"];
        allowed.extend(PROSE);
        root.known(&allowed)?;
        let id = root.required_text("id")?;
        if id.len() > 40 || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(Invalid::at("declaration.id", "must be 1 to 40 of a-z, 0-9 and -"));
        }
        let credentials = match root.get("credential") {
            Some(Raw::Object(list)) => vec![Credential::parse(&Members { list: &list, name: "credential" })?],
            Some(Raw::Array(items)) if !items.is_empty() => items
                .into_iter()
                .enumerate()
                .map(|(index, item)| match item {
                    Raw::Object(list) => {
                        Credential::parse(&Members { list: &list, name: &format!("credential[{index}]") })
                    }
                    _ => Err(Invalid::at(&format!("credential[{index}]"), "must be an object")),
                })
                .collect::<Result<_, _>>()?,
            _ => return Err(Invalid::at("declaration.credential", "must be an object or a non-empty array of them")),
        };
        let event = match root.get("event") {
            None => vec![Mapping::default()],
            Some(Raw::Object(list)) => vec![Mapping::parse(&Members { list: &list, name: "event" })?],
            Some(Raw::Array(items)) if !items.is_empty() => items
                .into_iter()
                .enumerate()
                .map(|(index, item)| match item {
                    Raw::Object(list) => Mapping::parse(&Members { list: &list, name: &format!("event[{index}]") }),
                    _ => Err(Invalid::at(&format!("event[{index}]"), "must be an object")),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(Invalid::at("declaration.event", "must be an object or a non-empty array of them")),
        };
        let detect = match root.get("detect") {
            None => Vec::new(),
            Some(Raw::Array(items)) => items
                .into_iter()
                .map(|item| {
                    item.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| Invalid::at("declaration.detect", "must be an array of keys"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(Invalid::at("declaration.detect", "must be an array of keys")),
        };
        // A mapping without `id` falls back to `{digest}` when no id is signed.
        let reads_digest =
            event.iter().any(|mapping| mapping.id.is_none() || mapping.reads(&|source| *source == Source::Digest));
        let array_body = event.iter().any(|mapping| {
            mapping.reads(&|source| matches!(source, Source::Field(path) if matches!(path.first(), Some(Segment::Key(key)) if key.bytes().all(|b| b.is_ascii_digit()))))
        });
        Ok(Declaration {
            id,
            name: root.text("name")?,
            credentials,
            event,
            forms: root.flag("forms")?,
            detect,
            handshake: root.text("handshake")?,
            reads_digest,
            array_body,
        })
    }
}

impl Declaration {
    /// A declaration no delivery can pass (no credential: every one is `missing_secret`), for a built-in
    /// whose text does not parse (a bug the tests catch) rather than a panic.
    pub(crate) fn unusable(id: &str) -> Declaration {
        Declaration {
            id: id.to_owned(),
            name: None,
            credentials: Vec::new(),
            event: vec![Mapping::default()],
            forms: false,
            detect: Vec::new(),
            handshake: None,
            reads_digest: false,
            array_body: false,
        }
    }
}

impl Mapping {
    fn parse(members: &Members<'_, '_>) -> Result<Mapping, Invalid> {
        members.known(&["when", "id", "type", "sourceType", "occurredAt", "subject", "status", "test"])?;
        let field = |key: &str| members.get(key).map(|raw| Field::parse(raw, &members.at(key))).transpose();
        let group = |key: &str, names: &[&str]| -> Result<Vec<Option<Field>>, Invalid> {
            match members.get(key) {
                None => Ok(names.iter().map(|_| None).collect()),
                Some(Raw::Object(list)) => {
                    let inner = Members { list: &list, name: &members.at(key) };
                    inner.known(names)?;
                    names
                        .iter()
                        .map(|name| inner.get(name).map(|raw| Field::parse(raw, &inner.at(name))).transpose())
                        .collect()
                }
                Some(_) => Err(Invalid::at(&members.at(key), "must be an object")),
            }
        };
        let subject = group("subject", &["type", "id", "reference"])?;
        let status = group("status", &["previous", "current"])?;
        let [kind, id, reference]: [Option<Field>; 3] = subject.try_into().unwrap_or_default();
        let [previous, current]: [Option<Field>; 2] = status.try_into().unwrap_or_default();
        Ok(Mapping {
            when: members.get("when").map(|raw| Condition::parse(raw, &members.at("when"))).transpose()?,
            id: field("id")?,
            event_type: field("type")?,
            source_type: field("sourceType")?,
            occurred_at: field("occurredAt")?,
            subject: [kind, id, reference],
            status: [previous, current],
            test: field("test")?,
        })
    }

    /// Whether any of its fields (or its condition) reads a source `wanted` picks.
    fn reads(&self, wanted: &dyn Fn(&Source) -> bool) -> bool {
        [&self.id, &self.event_type, &self.source_type, &self.occurred_at, &self.test]
            .into_iter()
            .chain(&self.subject)
            .chain(&self.status)
            .flatten()
            .any(|field| field.reads(wanted))
    }
}
