//! Twilio: `X-Twilio-Signature`, base64 HMAC-SHA1 keyed with the account's Auth Token, over the exact URL
//! Twilio called followed by each form parameter sorted by name (`name` + `value`); a JSON body is
//! signed as the URL alone, whose `bodySHA256` parameter must be the body's hex SHA-256. The URL may carry
//! its default port or not (Twilio's own validator accepts both); anything else about it must match.
//! Status callbacks carry no event id: it is `sha256:` and a digest of the signed bytes in canonical form.
//! The signature binds neither where a parameter's name ends and its value begins (`Ab=c` and `A=bc` sign
//! alike), nor how a value was encoded (`+` or `%20`), nor a repeated pair, nor the URL's default port:
//! every delivery it cannot tell apart gets that one id, so a durable gateway takes it once.

use std::borrow::Cow;

use super::{Delivery, Mapped, Provider};
use crate::scheme::{Algorithm, Credential, Encoding, SignatureScheme, SignedString};
use crate::{Error, Status, Subject, UNKNOWN_TYPE};

const SIGNATURE: SignatureScheme<'static> = SignatureScheme::in_one_header(
    &["X-Twilio-Signature"],
    Algorithm::Sha1,
    Encoding::Base64,
    "",
    SignedString::UrlForm,
);

pub const PROVIDER: Provider = Provider {
    id: "twilio",
    credentials: &[Credential::Signature(SIGNATURE)],
    detect_keys: &[],
    form_bodies: true,
    map,
    #[cfg(feature = "explain")]
    about: super::About {
        name: "Twilio",
        docs_url: Some("https://www.twilio.com/docs/usage/webhooks/webhooks-security"),
        secret_format: "the account's Auth Token; the URL must be the webhook URL exactly as configured in Twilio",
        events: "messages: type `message.<MessageStatus>` (or `SmsStatus`; `message.received` without one), subject the `MessageSid`; calls: type `call.<CallStatus>`, subject the `CallSid`; sourceType the status; id `sha256:` + a digest of what the signature covers (Twilio sends no event id); `data` the form's fields",
    },
};

fn map<'a>(delivery: &Delivery<'a, '_>) -> Result<Mapped<'a>, Error> {
    let body = delivery.body;
    let (kind, sid, status) = if let Some(sid) = body.str("MessageSid")? {
        let status = match body.str("MessageStatus")? {
            Some(status) => Some(status),
            None => body.str("SmsStatus")?,
        };
        ("message", Some(sid), status)
    } else if let Some(sid) = body.str("CallSid")? {
        ("call", Some(sid), body.str("CallStatus")?)
    } else {
        (UNKNOWN_TYPE, None, None)
    };
    let event_type: Cow<'a, str> = match (&sid, &status) {
        (Some(_), Some(status)) => Cow::Owned(format!("{kind}.{status}")),
        (Some(_), None) => Cow::Owned(format!("{kind}.received")),
        _ => Cow::Borrowed(UNKNOWN_TYPE),
    };
    let digest = delivery.verified.digest.as_deref().ok_or(Error::InvalidPayload("no signed digest".into()))?;
    Ok(Mapped {
        id: Cow::Owned(format!("sha256:{digest}")),
        source_type: status.clone().unwrap_or(Cow::Borrowed(UNKNOWN_TYPE)),
        event_type,
        occurred_at: None,
        subject: Subject { kind: sid.as_ref().map(|_| Cow::Borrowed(kind)), id: sid, reference: None },
        status: Status { previous: None, current: status },
        test: false,
    })
}

#[cfg(test)]
mod tests {
    use crate::{verify_at, Options, Request};
    // Compiled to wasm32 (scripts/test.sh), these run under wasm-bindgen-test-runner in Node.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const TOKEN: &str = "twilio-auth-token";

    /// Verifies `body` sent to `url` with the signature Twilio gives `signed_as` sent to `signed_url`.
    fn event_of(url: &str, body: &str, signed_url: &str, signed_as: &str) -> (String, Option<String>) {
        let signing = crate::Signing { secret: Some(TOKEN), ..Default::default() };
        let signed = crate::sign_delivery("twilio", signed_as.as_bytes(), signed_url, &signing).unwrap();
        let headers: Vec<(&str, &str)> = signed.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let request = Request::new(&headers, body.as_bytes()).with_url(url);
        let event = verify_at("twilio", &request, &Options::with_secret(TOKEN), 0).unwrap();
        (event.id.into_owned(), event.signed_digest)
    }

    #[test]
    fn deliveries_the_signature_cannot_tell_apart_get_one_id_and_one_digest() {
        let url = "https://h.test/webhooks/twilio?store=main";
        let signed = "MessageSid=SM1&MessageStatus=delivered&Body=a+b";
        let reference = event_of(url, signed, url, signed);
        assert!(reference.0.starts_with("sha256:") && reference.0.len() == 7 + 64, "{}", reference.0);
        assert_eq!(reference.1.as_deref(), Some(&reference.0[7..]));
        let same = [
            (url, "MessageSid=SM1&MessageStatus=delivered&Body=a%20b"),
            (url, "MessageSid=SM1&MessageStatus=delivered&Body=a+b&Body=a+b"),
            (url, "MessageSi=dSM1&MessageStatus=delivered&Body=a+b"),
            (url, "Body=a+b&MessageStatus=delivered&MessageSid=SM1"),
            ("https://h.test:443/webhooks/twilio?store=main", signed),
        ];
        for (received_url, body) in same {
            assert_eq!(event_of(received_url, body, url, signed), reference, "{received_url} {body}");
        }
        let other = event_of(url, "MessageSid=SM1&MessageStatus=failed", url, "MessageSid=SM1&MessageStatus=failed");
        assert_ne!(other.0, reference.0);
    }
}
