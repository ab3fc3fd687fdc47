//! The interpreter of a declaration's event side: picks the mapping whose condition holds, resolves
//! each field's templates against the verified delivery (its body, headers, signed id and timestamp,
//! digests), applies the field's transformations, and fills in the defaults.

use std::borrow::Cow;
use std::cell::OnceCell;

use crate::declaration::field::glob;
use crate::declaration::{Condition, Declaration, Field, Mapping, Otherwise, Part, Source, Template};
use crate::delivery::Delivery;
use crate::scheme::{sha256_hex, Verified};
use crate::{time, Error, Status, Subject, UNKNOWN_TYPE};

/// The event fields a mapping fills in; the pipeline adds `provider` and `data`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapped<'a> {
    /// Idempotency key.
    pub id: Cow<'a, str>,
    /// Normalized type.
    pub event_type: Cow<'a, str>,
    /// The provider's own event name.
    pub source_type: Cow<'a, str>,
    /// RFC 3339 UTC.
    pub occurred_at: Option<String>,
    /// What the event is about.
    pub subject: Subject<'a>,
    /// Status transition.
    pub status: Status<'a>,
    /// Test delivery flag.
    pub test: bool,
}

/// What templates are resolved against.
struct Context<'a, 'd, 'r> {
    delivery: &'d Delivery<'a, 'r>,
    verified: &'d Verified<'a>,
    /// Hex SHA-256 of the body, computed once if a template asks.
    body_digest: OnceCell<String>,
}

/// The event fields `declaration` maps `delivery` to, once `verified`.
pub fn map_event<'a>(
    declaration: &Declaration,
    delivery: &Delivery<'a, '_>,
    verified: &Verified<'a>,
) -> Result<Mapped<'a>, Error> {
    let context = Context { delivery, verified, body_digest: OnceCell::new() };
    let mut chosen = None;
    for mapping in &declaration.event {
        if mapping.when.as_ref().map_or(Ok(true), |when| context.holds(when))? {
            chosen = Some(mapping);
            break;
        }
    }
    let mapping = chosen.map_or_else(Cow::default, Cow::Borrowed);
    context.apply(&mapping)
}

impl<'a> Context<'a, '_, '_> {
    fn apply(&self, mapping: &Mapping) -> Result<Mapped<'a>, Error> {
        let field = |field: &Option<Field>, name: &str| -> Result<Option<Cow<'a, str>>, Error> {
            field.as_ref().map_or(Ok(None), |field| self.resolve(field, name))
        };
        let id = match &mapping.id {
            Some(declared) => {
                self.resolve(declared, "id")?.ok_or_else(|| Error::InvalidPayload("the event id is missing".into()))?
            }
            None => match self.verified.message_id {
                Some(id) => Cow::Borrowed(id),
                None => Cow::Owned(self.digest()),
            },
        };
        let event_type = field(&mapping.event_type, "type")?;
        let source_type = match &mapping.source_type {
            Some(declared) => self.resolve(declared, "sourceType")?,
            None => match &mapping.event_type {
                Some(declared) => self.source_of(declared)?,
                None => None,
            },
        };
        let [kind, subject_id, reference] = &mapping.subject;
        let [previous, current] = &mapping.status;
        Ok(Mapped {
            id,
            event_type: event_type.unwrap_or(Cow::Borrowed(UNKNOWN_TYPE)),
            source_type: source_type.unwrap_or(Cow::Borrowed(UNKNOWN_TYPE)),
            occurred_at: self.time(mapping.occurred_at.as_ref())?,
            subject: Subject {
                kind: field(kind, "subject.type")?,
                id: field(subject_id, "subject.id")?,
                reference: field(reference, "subject.reference")?,
            },
            status: Status {
                previous: field(previous, "status.previous")?,
                current: field(current, "status.current")?,
            },
            test: field(&mapping.test, "test")?.as_deref() == Some("true"),
        })
    }

    /// `occurredAt`: the first alternative that reads as a time (an unreadable one falls through).
    fn time(&self, field: Option<&Field>) -> Result<Option<String>, Error> {
        match field {
            None => Ok(None),
            Some(Field::FirstOf(fields)) => {
                for each in fields {
                    if let Some(time) = self.time(Some(each))? {
                        return Ok(Some(time));
                    }
                }
                Ok(None)
            }
            Some(field) => Ok(self.resolve(field, "occurredAt")?.as_deref().and_then(occurred)),
        }
    }

    /// A field's value; `invalid_payload` naming it when it is `required` and does not resolve.
    fn resolve(&self, field: &Field, name: &str) -> Result<Option<Cow<'a, str>>, Error> {
        match field {
            Field::Template(template) => self.render(template, None),
            Field::FirstOf(fields) => {
                for each in fields {
                    if let Some(value) = self.resolve(each, name)? {
                        return Ok(Some(value));
                    }
                }
                Ok(None)
            }
            Field::Transform(transform) => {
                let value = self.transformed(transform, name)?;
                if value.is_none() && transform.required {
                    return Err(Error::InvalidPayload(
                        format!("the event's `{name}` is missing from the delivery").into(),
                    ));
                }
                Ok(value)
            }
        }
    }

    fn transformed(
        &self,
        transform: &crate::declaration::Transform,
        name: &str,
    ) -> Result<Option<Cow<'a, str>>, Error> {
        if let Some(when) = &transform.when {
            if !self.holds(when)? {
                return Ok(None);
            }
        }
        let Some(mut value) = self.resolve(&transform.from, name)? else { return Ok(None) };
        if let Some(prefix) = &transform.strip_prefix {
            if let Some(rest) = value.strip_prefix(prefix.as_str()) {
                value = Cow::Owned(rest.to_owned());
            }
        }
        if let Some((separator, part)) = &transform.split {
            match value.split(separator.as_str()).nth(*part) {
                Some(piece) => value = Cow::Owned(piece.to_owned()),
                None => return Ok(None),
            }
        }
        if transform.lower && value.bytes().any(|b| b.is_ascii_uppercase()) {
            value = Cow::Owned(value.to_ascii_lowercase());
        }
        for (pattern, template) in &transform.map {
            if let Some(captured) = glob(pattern, &value) {
                return Ok(self.render(template, Some(captured))?.map(|v| Cow::Owned(v.into_owned())));
            }
        }
        match &transform.otherwise {
            Otherwise::Template(template) => {
                Ok(self.render(template, Some(&value))?.map(|v| Cow::Owned(v.into_owned())))
            }
            Otherwise::Nothing => Ok(None),
            Otherwise::Keep => Ok(Some(value)),
        }
    }

    /// What `type` was read from, before its `map`.
    fn source_of(&self, field: &Field) -> Result<Option<Cow<'a, str>>, Error> {
        match field {
            Field::Template(template) => self.render(template, None),
            Field::FirstOf(fields) => {
                for each in fields {
                    if self.resolve(each, "type")?.is_some() {
                        return self.source_of(each);
                    }
                }
                Ok(None)
            }
            Field::Transform(transform) => self.resolve(&transform.from, "type"),
        }
    }

    /// Whether a condition holds.
    fn holds(&self, condition: &Condition) -> Result<bool, Error> {
        match condition {
            Condition::Present(template) => {
                for part in &template.parts {
                    if let Part::Slot { sources, optional: false } = part {
                        let mut found = false;
                        for source in sources {
                            found = match source {
                                // A body value is there when it is present and not null, whatever its kind.
                                Source::Field(path) => self.delivery.raw(path)?.is_some(),
                                other => self.source(other, None)?.is_some(),
                            };
                            if found {
                                break;
                            }
                        }
                        if !found {
                            return Ok(false);
                        }
                    }
                }
                Ok(true)
            }
            Condition::Matches(list) => {
                for (template, pattern) in list {
                    match self.render(template, None)? {
                        Some(value) if glob(pattern, &value).is_some() => {}
                        _ => return Ok(false),
                    }
                }
                Ok(true)
            }
        }
    }

    /// A template's text; `None` when a placeholder in it does not resolve.
    fn render(&self, template: &Template, captured: Option<&str>) -> Result<Option<Cow<'a, str>>, Error> {
        // One placeholder alone: its value as it is, borrowed where it can be.
        if let [Part::Slot { sources, optional }] = template.parts.as_slice() {
            return Ok(match self.slot(sources, captured)? {
                Some(value) => Some(value),
                None if *optional => Some(Cow::Borrowed("")),
                None => None,
            });
        }
        let mut out = String::new();
        for part in &template.parts {
            match part {
                Part::Literal(text) => out.push_str(text),
                Part::Slot { sources, optional } => match self.slot(sources, captured)? {
                    Some(value) => out.push_str(&value),
                    None if *optional => {}
                    None => return Ok(None),
                },
            }
        }
        Ok(Some(Cow::Owned(out)))
    }

    fn slot(&self, sources: &[Source], captured: Option<&str>) -> Result<Option<Cow<'a, str>>, Error> {
        for source in sources {
            if let Some(value) = self.source(source, captured)? {
                return Ok(Some(value));
            }
        }
        Ok(None)
    }

    fn source(&self, source: &Source, captured: Option<&str>) -> Result<Option<Cow<'a, str>>, Error> {
        let request = self.delivery.request;
        Ok(match source {
            Source::Field(path) => self.delivery.scalar(path)?,
            Source::Header(name) => request.header(name).map(Cow::Borrowed),
            Source::Id => self.verified.message_id.map(Cow::Borrowed),
            Source::T => self.verified.timestamp_text.clone(),
            Source::Url => request.url.map(Cow::Borrowed),
            Source::Method => Some(Cow::Borrowed(request.method.unwrap_or("POST"))),
            Source::Digest => Some(Cow::Owned(self.digest())),
            Source::BodyDigest => Some(Cow::Owned(self.body_digest().to_owned())),
            Source::Capture => captured.map(|text| Cow::Owned(text.to_owned())),
            Source::Body | Source::Form | Source::FloatWeights | Source::ContentfulPath | Source::ContentfulHeaders => {
                None
            }
        })
    }

    /// `{digest}`: of the signed bytes (computed during verification when the declaration reads it),
    /// or, for a credential that signs nothing (a token, a secret in the body), of the body.
    fn digest(&self) -> String {
        match &self.verified.digest {
            Some(digest) => digest.clone(),
            None => self.body_digest().to_owned(),
        }
    }

    fn body_digest(&self) -> &str {
        self.body_digest.get_or_init(|| sha256_hex(&[self.delivery.request.body]))
    }
}

/// An event time as RFC 3339 in UTC: the text read as RFC 3339 (any offset), or as a unix time
/// (seconds, or milliseconds when it is 10^12 or more; a fraction is dropped).
pub fn occurred(text: &str) -> Option<String> {
    if let Some(normalized) = time::normalize_rfc3339(text) {
        return Some(normalized);
    }
    let whole =
        text.split_once('.').map_or(
            text,
            |(whole, fraction)| {
                if fraction.bytes().all(|b| b.is_ascii_digit()) {
                    whole
                } else {
                    ""
                }
            },
        );
    let number = time::digits(whole.as_bytes())?;
    if number >= 1_000_000_000_000 {
        time::format_unix_millis(number)
    } else {
        time::format_utc(number, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_event_times_as_rfc_3339_seconds_or_milliseconds() {
        assert_eq!(occurred("2026-07-25T16:39:55+02:00").as_deref(), Some("2026-07-25T14:39:55Z"));
        assert_eq!(occurred("1784999995").as_deref(), Some("2026-07-25T17:19:55Z"));
        assert_eq!(occurred("1784999995000").as_deref(), Some("2026-07-25T17:19:55Z"));
        assert_eq!(occurred("1784999995123").as_deref(), Some("2026-07-25T17:19:55.123Z"));
        assert_eq!(occurred("1784999995.5").as_deref(), Some("2026-07-25T17:19:55Z"));
        for odd in ["-5", "1e9", "yesterday", "true", "", "99999999999999999999999", "17.x"] {
            assert_eq!(occurred(odd), None, "{odd}");
        }
    }
}
