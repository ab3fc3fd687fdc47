//! The normalized event every provider's delivery becomes.

use std::borrow::Cow;

use crate::json::{push_optional_string, push_string};

/// What the event is about: a return, an order, a device return…
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject<'a> {
    /// The kind of object (`return`, `order`, `device_return`, …), when the provider says.
    pub kind: Option<Cow<'a, str>>,
    /// The provider's id of the object.
    pub id: Option<Cow<'a, str>>,
    /// A human-facing reference such as an order name (`#1001`).
    pub reference: Option<Cow<'a, str>>,
}

/// A status transition, when the provider reports one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status<'a> {
    /// The status before, when sent.
    pub previous: Option<Cow<'a, str>>,
    /// The status now.
    pub current: Option<Cow<'a, str>>,
}

/// One verified delivery in the normalized shape. Its strings borrow from the request body where they can.
///
/// Serialized by [`Event::to_json`] as
/// `{"provider","id","type","sourceType","occurredAt","subject":{"type","id","reference"},"status":{"previous","current"},"test","data"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// The provider id (`redo`, `stripe`, … or a declared provider's).
    pub provider: Cow<'static, str>,
    /// An idempotency key, stable across redeliveries of the same event.
    pub id: Cow<'a, str>,
    /// The normalized type (`return.created`, …); `unknown` for an event type hookgate does not know yet.
    pub event_type: Cow<'a, str>,
    /// The provider's own event name, verbatim.
    pub source_type: Cow<'a, str>,
    /// When the event happened, RFC 3339 in UTC, when the provider says.
    pub occurred_at: Option<String>,
    /// What the event is about.
    pub subject: Subject<'a>,
    /// The status transition, when there is one.
    pub status: Status<'a>,
    /// Whether the provider marked the delivery as a test.
    pub test: bool,
    /// The provider's payload as raw JSON text: verbatim, except that secrets are removed.
    pub data: Cow<'a, str>,
    /// Whether a captured copy of this delivery would verify again at any time: its credential signs no
    /// timestamp (a bearer or URL token, a secret in the body, or a signature over the body alone).
    /// Not written into the event JSON; a forwarder deduplicates such deliveries on their content too.
    pub replayable: bool,
    /// The content to deduplicate on, where it is not the body as received: hex SHA-256 of the signed
    /// bytes in canonical form, for a scheme whose signature leaves the delivery's form open (Twilio's:
    /// deliveries the signature cannot tell apart get one digest). Not written into the event JSON.
    pub signed_digest: Option<String>,
}

/// The normalized type for an event type hookgate does not map (the event still verifies and is passed on).
pub const UNKNOWN_TYPE: &str = "unknown";

impl Event<'_> {
    /// The event as one JSON object, written in a single pass; `data` is copied in as it is.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    /// Appends [`Event::to_json`]'s text to `out` (the forwarding path writes it straight into the
    /// module's output buffer).
    pub fn write_json(&self, out: &mut String) {
        out.reserve(self.data.len() + 256);
        out.push_str("{\"provider\":");
        push_string(out, &self.provider);
        out.push_str(",\"id\":");
        push_string(out, &self.id);
        out.push_str(",\"type\":");
        push_string(out, &self.event_type);
        out.push_str(",\"sourceType\":");
        push_string(out, &self.source_type);
        out.push_str(",\"occurredAt\":");
        push_optional_string(out, self.occurred_at.as_deref());
        out.push_str(",\"subject\":{\"type\":");
        push_optional_string(out, self.subject.kind.as_deref());
        out.push_str(",\"id\":");
        push_optional_string(out, self.subject.id.as_deref());
        out.push_str(",\"reference\":");
        push_optional_string(out, self.subject.reference.as_deref());
        out.push_str("},\"status\":{\"previous\":");
        push_optional_string(out, self.status.previous.as_deref());
        out.push_str(",\"current\":");
        push_optional_string(out, self.status.current.as_deref());
        out.push_str("},\"test\":");
        out.push_str(if self.test { "true" } else { "false" });
        out.push_str(",\"data\":");
        out.push_str(&self.data);
        out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn writes_valid_json_with_escaped_strings_and_raw_data() {
        let event = Event {
            provider: "redo".into(),
            id: "a\"b\\c\n".into(),
            event_type: "return.created".into(),
            source_type: "created".into(),
            occurred_at: None,
            subject: Subject { kind: Some("return".into()), id: Some("r1".into()), reference: None },
            status: Status { previous: None, current: Some("pending".into()) },
            test: true,
            data: r#"{"x": [1, 2]}"#.into(),
            replayable: false,
            signed_digest: None,
        };
        let parsed: serde_json::Value = serde_json::from_str(&event.to_json()).unwrap();
        assert_eq!(parsed["id"], "a\"b\\c\n");
        assert_eq!(parsed["occurredAt"], serde_json::Value::Null);
        assert_eq!(parsed["subject"]["type"], "return");
        assert_eq!(parsed["status"]["current"], "pending");
        assert_eq!(parsed["test"], true);
        assert_eq!(parsed["data"]["x"][1], 2);
    }
}
