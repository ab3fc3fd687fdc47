//! The wasm-bindgen bindings: the only code that knows about JavaScript.
//!
//! One crossing per call. The glue (`pkg-template/src/boundary.js`) writes a [`frame`] (the request and
//! its options) and the body into the input buffer, calls an export with numbers only, and reads the
//! answer from the output buffer: the export leaves `[address, length, head length, tail length,
//! status]` in the result slots, where status 1 means the bytes read `code\nmessage` (a rejection), 0
//! an answer: a head of NUL-ended fields, the main text, a tail of NUL-ended fields.
//! No string, array or object is marshalled by wasm-bindgen on the way in or out.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use crate::{Declaration, Error, Request};

mod frame;
#[cfg(feature = "explain")]
mod registry;

use frame::Frame;

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// Where the glue writes each frame and body. It only grows, as wasm memory does; reusing it spares
    /// a malloc and free per call.
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// Each call's answer: a head of NUL-ended fields (forwarding and signing), then the main text.
    static OUTPUT: RefCell<String> = const { RefCell::new(String::new()) };
    /// `[address, length, head length, tail length, status]` of the last answer, read by the glue from
    /// memory.
    static RESULT: Cell<[u32; 5]> = const { Cell::new([0; 5]) };
}

/// Room for `len` bytes of input, at the returned address. The glue writes a string there with
/// `TextEncoder.encodeInto` (no JS-side copy: at 300 KB, 11 µs against 124 µs for `encode`).
#[wasm_bindgen(js_name = inputBuffer)]
pub fn input_buffer(len: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|input| {
        if input.len() < len {
            // Grown by hand: a reallocation would leave the old bytes (a frame with its secrets, when
            // the glue grows the buffer mid-call) in freed memory.
            let mut bigger = vec![0; len];
            bigger[..input.len()].copy_from_slice(input);
            zeroize::Zeroize::zeroize(input);
            *input = bigger;
        }
        input.as_mut_ptr()
    })
}

/// The address of the five result slots (fixed for the module's life).
#[wasm_bindgen(js_name = resultSlots)]
pub fn result_slots() -> *const u32 {
    RESULT.with(|slots| slots.as_ptr().cast())
}

/// The module's `WebAssembly.Memory`, for the glue's views of the buffers.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Runs `answer` on the frame and body in the input buffer and publishes what it wrote to the output.
/// `answer` returns the lengths of the head it wrote first and of the tail it wrote last.
fn respond(frame_len: usize, body_len: usize, mut answer: impl FnMut(&Frame<'_>, &[u8], &mut String) -> Answer) {
    respond_with(frame_len, body_len, &mut answer);
}

/// The lengths of an answer's head and tail, or why there is no answer.
type Answer = Result<(usize, usize), Error>;

/// [`respond`]'s work, one copy for every export (a generic one would be repeated for each closure).
#[inline(never)]
fn respond_with(frame_len: usize, body_len: usize, answer: &mut dyn FnMut(&Frame<'_>, &[u8], &mut String) -> Answer) {
    INPUT.with_borrow(|input| {
        // The glue writes the frame with encodeInto, so it is UTF-8; a frame that is not reads as empty.
        let frame = Frame::parse(std::str::from_utf8(&input[..frame_len]).unwrap_or_default());
        let body = &input[frame_len..frame_len + body_len];
        OUTPUT.with_borrow_mut(|out| {
            out.clear();
            let ((head_len, tail_len), status) = match answer(&frame, body, out) {
                Ok(lengths) => (lengths, 0),
                Err(error) => {
                    use std::fmt::Write;
                    out.clear();
                    let _ = write!(out, "{}\n{error}", error.code());
                    ((0, 0), 1)
                }
            };
            // wasm32 addresses and lengths fit u32.
            RESULT.set([out.as_ptr() as u32, out.len() as u32, head_len as u32, tail_len as u32, status]);
        });
    });
    // The frame carried the secrets and the body may carry one (Baback's): nothing of this call stays.
    INPUT.with_borrow_mut(|input| zeroize::Zeroize::zeroize(&mut input[..frame_len + body_len]));
}

/// The request the frame and body describe.
fn request<'a>(frame: &'a Frame<'a>, body: &'a [u8]) -> Request<'a> {
    Request { headers: &frame.headers, body, url: frame.url, method: frame.method }
}

/// The provider the frame names: a declaration given with the call (`D`), else a built-in by id (`P`).
fn provider_of(frame: &Frame<'_>) -> Result<Rc<Declaration>, Error> {
    match frame.declaration {
        Some(text) => Ok(Rc::new(Declaration::parse(text)?)),
        None => crate::providers::find(frame.provider.unwrap_or_default()).ok_or(Error::UnknownProvider),
    }
}

fn push_field(out: &mut String, field: &str) {
    out.push_str(field);
    out.push('\0');
}

/// Verifies and normalizes; the answer is the event's JSON.
#[wasm_bindgen]
pub fn verify(frame_len: usize, body_len: usize, tolerance_seconds: f64, max_body_bytes: f64, now: f64) {
    respond(frame_len, body_len, |frame, body, out| {
        let options = frame.options(tolerance_seconds, max_body_bytes);
        let event = crate::verify_declared_at(&*provider_of(frame)?, &request(frame, body), &options, now as i64)?;
        event.write_json(out);
        Ok((0, 0))
    });
}

/// The forwarding path, in one call: verifies, normalizes, and (with an `F` field) signs the event for
/// the origin. The head's fields: provider, event id, type, the id and type as header values, the
/// replay digest (for credentials that sign no time: the scheme's canonical digest, or `body` when it is
/// hex SHA-256 of the body, which [`replay_digest`] computes only when asked; else empty), the subject id (`=` and the id, or empty when there is none) and the test flag
/// (`1` or `0`): what routing and the durable ledger need without parsing the event. The event's JSON
/// follows; with `F`, a tail of two fields ends the answer: the `webhook-timestamp` and
/// `webhook-signature` of that JSON.
#[wasm_bindgen]
pub fn deliver(frame_len: usize, body_len: usize, tolerance_seconds: f64, max_body_bytes: f64, now: f64) {
    respond(frame_len, body_len, |frame, body, out| {
        let options = frame.options(tolerance_seconds, max_body_bytes);
        let event = crate::verify_declared_at(&*provider_of(frame)?, &request(frame, body), &options, now as i64)?;
        push_field(out, &event.provider);
        push_field(out, &event.id);
        push_field(out, &event.event_type);
        push_field(out, &crate::header_safe(&event.id));
        push_field(out, &crate::header_safe(&event.event_type));
        let digest = match (&event.signed_digest, event.replayable) {
            (Some(signed), true) => signed.clone(),
            // Hashing the body costs a pass over it; only durable mode keys deliveries by it.
            (None, true) => String::from("body"),
            (_, false) => String::new(),
        };
        push_field(out, &digest);
        match &event.subject.id {
            Some(id) => {
                out.push('=');
                push_field(out, id);
            }
            None => push_field(out, ""),
        }
        push_field(out, if event.test { "1" } else { "0" });
        let head_len = out.len();
        event.write_json(out);
        let mut tail_len = 0;
        if let Some(secret) = frame.forward_secret {
            // Signed where it was written: no copy of the event is made.
            let signed = crate::sign_for_origin(&out.as_bytes()[head_len..], &event.id, secret, now as i64)?;
            let event_end = out.len();
            push_field(out, &signed.webhook_timestamp);
            push_field(out, &signed.webhook_signature);
            tail_len = out.len() - event_end;
        }
        Ok((head_len, tail_len))
    });
}

/// Hex SHA-256 of the body in the input buffer: a replayable delivery's replay digest, asked for by the
/// forwarder that keys deliveries by their content (durable mode), not computed on every delivery.
#[wasm_bindgen(js_name = replayDigest)]
pub fn replay_digest(body_len: usize) {
    respond(0, body_len, |_, body, out| {
        out.push_str(&crate::replay_digest(body));
        Ok((0, 0))
    });
}

/// Checks a declaration given at run time: `url` when one of its signatures covers the URL the sender
/// called (the gateway takes a `_PUBLIC_URL` for those only), else empty; `invalid_declaration` naming
/// the field when it does not read (the gateway's configuration and the package's `TypeError`).
#[wasm_bindgen(js_name = checkDeclaration)]
pub fn check_declaration(frame_len: usize) {
    respond(frame_len, 0, |frame, _, out| {
        let declaration = Declaration::parse(frame.declaration.unwrap_or_default())?;
        let signs_url = declaration
            .credentials
            .iter()
            .any(|credential| matches!(credential, crate::declaration::Credential::Hmac(hmac) if hmac.signs_url()));
        if signs_url {
            out.push_str("url");
        }
        Ok((0, 0))
    });
}

/// Signs an event already verified (the durable mode's consumer, at each attempt): the body is the
/// event's JSON, `I` its id, `F` the forwarding secret. The head's fields: `webhook-id`,
/// `webhook-timestamp`, `webhook-signature`.
#[wasm_bindgen(js_name = signForOrigin)]
pub fn sign_for_origin(frame_len: usize, body_len: usize, now: f64) {
    respond(frame_len, body_len, |frame, body, out| {
        let secret = frame.forward_secret.unwrap_or_default();
        let signed = crate::sign_for_origin(body, frame.id.unwrap_or_default(), secret, now as i64)?;
        push_field(out, &signed.webhook_id);
        push_field(out, &signed.webhook_timestamp);
        push_field(out, &signed.webhook_signature);
        Ok((out.len(), 0))
    });
}

// What follows is for tools (the inspector, the CLI, tests), in the module built with `explain`: the
// Worker-sized core carries only the receiving path above.

/// Puts a credential on a delivery as the provider's sender does. The head's fields: the URL, `1` when
/// the body changed (its new text follows the head) or `0`, then header name and value pairs.
#[cfg(feature = "explain")]
#[wasm_bindgen]
pub fn sign(frame_len: usize, body_len: usize, timestamp: f64) {
    respond(frame_len, body_len, |frame, body, out| {
        let signing = crate::Signing {
            secret: frame.secrets.first().copied(),
            token: frame.tokens.first().copied(),
            timestamp: timestamp as i64,
            id: frame.id.unwrap_or_default(),
            hmac: frame.hmac,
        };
        let url = frame.url.unwrap_or_default();
        // Room for the whole answer up front: growing it would copy a key into memory left unwiped.
        out.reserve(
            url.len()
                + body.len()
                + 2 * frame.secrets.iter().chain(&frame.tokens).map(|k| k.len()).sum::<usize>()
                + 4096,
        );
        let signed = crate::sign_delivery_declared(&*provider_of(frame)?, &frame.headers, body, url, &signing)?;
        push_field(out, &signed.url);
        push_field(out, if signed.body.is_some() { "1" } else { "0" });
        for (name, value) in &signed.headers {
            push_field(out, name);
            push_field(out, value);
        }
        let head_len = out.len();
        out.push_str(signed.body.as_deref().unwrap_or_default());
        Ok((head_len, 0))
    });
}

/// The id of the built-in provider a delivery most likely comes from, or nothing.
#[cfg(feature = "explain")]
#[wasm_bindgen]
pub fn detect(frame_len: usize, body_len: usize) {
    respond(frame_len, body_len, |frame, body, out| {
        out.push_str(&crate::detect(&request(frame, body)).unwrap_or_default());
        Ok((0, 0))
    });
}

/// The provider registry as JSON (see `registry.rs`); the build writes it into the package as data.
#[cfg(feature = "explain")]
#[wasm_bindgen]
pub fn providers() {
    respond(0, 0, |_, _, out| {
        out.push_str(&registry::json());
        Ok((0, 0))
    });
}

/// The step-by-step explanation as JSON (see `crate::explain`); a frame without `P` or `D` detects the
/// provider.
#[cfg(feature = "explain")]
#[wasm_bindgen]
pub fn explain(frame_len: usize, body_len: usize, tolerance_seconds: f64, max_body_bytes: f64, now: f64) {
    respond(frame_len, body_len, |frame, body, out| {
        let options = frame.options(tolerance_seconds, max_body_bytes);
        let reveal = if frame.reveal { crate::explain::Reveal::Signing } else { crate::explain::Reveal::Verdict };
        let declared = frame.declaration.map(Declaration::parse).transpose()?;
        let which = match (&declared, frame.provider) {
            (Some(declaration), _) => crate::explain::Which::Declared(declaration),
            (None, Some(id)) => crate::explain::Which::Id(id),
            (None, None) => crate::explain::Which::Detect,
        };
        let explained = crate::explain::explain(which, &request(frame, body), &options, now as i64, reveal);
        out.push_str(&explained.to_json());
        Ok((0, 0))
    });
}

/// Benchmarks only, never shipped: the floor a delivery cannot go under, its HMACs alone. ReReady's
/// HMAC-SHA512 of `t.body` (the frame's `S` key, `I` the timestamp), and with `forward` also the
/// forward's HMAC-SHA256 of `id.t.body` (the frame's `F` key; the body stands in for the event, which is
/// it and a few hundred bytes more), so that the benchmark can show what everything else costs.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchHmacOnly)]
pub fn bench_hmac_only(frame_len: usize, body_len: usize, forward: bool) {
    respond(frame_len, body_len, |frame, body, out| {
        let key = frame.secrets.first().copied().unwrap_or_default();
        let timestamp = frame.id.unwrap_or_default();
        out.push_str(&hex::encode(crate::Algorithm::Sha512.mac(key.as_bytes(), &[timestamp.as_bytes(), b".", body])));
        if forward {
            let signed = crate::sign_for_origin(body, timestamp, frame.forward_secret.unwrap_or_default(), 0)?;
            out.push_str(&signed.webhook_signature);
        }
        Ok((0, 0))
    });
}
