//! The wasm-bindgen bindings: the only file that knows about JavaScript. The JS glue in
//! `pkg-template/` turns `Headers`/objects/pairs into a flat list, writes the body into [`body_buffer`]
//! and maps the thrown error text `"<code>\n<message>"` to `HookgateError`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::{Error, HmacConfig, Options, Request, Secret};

fn thrown(error: &Error) -> JsValue {
    JsValue::from_str(&format!("{}\n{error}", error.code()))
}

#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

thread_local! {
    /// Where the glue writes each body. It only grows, as wasm memory does; reusing it spares a
    /// malloc and free per call.
    static BODY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Room for a body of `len` bytes in wasm memory, at the returned address. The glue writes the body
/// there (a string with `TextEncoder.encodeInto`: no JS-side copy, which `TextEncoder.encode` makes,
/// 124 µs against 11 µs at 300 KB) and passes `len` to the next call.
#[wasm_bindgen(js_name = bodyBuffer)]
pub fn body_buffer(len: usize) -> *mut u8 {
    BODY.with_borrow_mut(|body| {
        if body.len() < len {
            body.resize(len, 0);
        }
        body.as_mut_ptr()
    })
}

/// The module's `WebAssembly.Memory`, for the glue to view [`body_buffer`]'s bytes.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The first `len` bytes of the body buffer, as the glue last wrote them.
fn with_body<R>(len: usize, read: impl FnOnce(&[u8]) -> R) -> R {
    BODY.with_borrow(|body| read(&body[..len]))
}

/// Headers arrive as one string, `name\nvalue\nname\nvalue…` (the glue drops any header holding a line
/// break, which HTTP cannot carry anyway): one string crosses the boundary instead of one per header.
fn pairs(headers: &str) -> Vec<(&str, &str)> {
    let mut parts = headers.split('\n');
    let mut pairs = Vec::new();
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        pairs.push((name, value));
    }
    pairs
}

fn options(
    secrets: Vec<String>,
    tokens: Vec<String>,
    tolerance_seconds: f64,
    max_body_bytes: f64,
    hmac: Option<String>,
) -> Result<Options, JsValue> {
    Ok(Options {
        secrets: secrets.into_iter().map(Secret::new).collect(),
        tokens: tokens.into_iter().map(Secret::new).collect(),
        // `as` saturates: NaN becomes 0 and an out-of-range number the type's bound.
        tolerance_seconds: tolerance_seconds as u64,
        max_body_bytes: max_body_bytes as usize,
        hmac: hmac.as_deref().map(HmacConfig::from_json).transpose().map_err(|e| thrown(&e))?,
    })
}

/// `headers` as [`pairs`] reads them; the body is the first `body_len` bytes of [`body_buffer`]; `now`
/// is unix seconds.
#[wasm_bindgen(js_name = verifyJson)]
#[allow(clippy::too_many_arguments)]
pub fn verify_json(
    provider: &str,
    headers: &str,
    body_len: usize,
    url: Option<String>,
    secrets: Vec<String>,
    tokens: Vec<String>,
    tolerance_seconds: f64,
    max_body_bytes: f64,
    now: f64,
    hmac: Option<String>,
) -> Result<String, JsValue> {
    let options = options(secrets, tokens, tolerance_seconds, max_body_bytes, hmac)?;
    with_request(headers, body_len, url.as_deref(), |request| {
        crate::verify_json_at(provider, request, &options, now as i64)
    })
    .map_err(|e| thrown(&e))
}

/// The step-by-step explanation as JSON (see `crate::explain`); `provider` `None` detects it.
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn explain(
    provider: Option<String>,
    headers: &str,
    body_len: usize,
    url: Option<String>,
    secrets: Vec<String>,
    tokens: Vec<String>,
    tolerance_seconds: f64,
    max_body_bytes: f64,
    now: f64,
    hmac: Option<String>,
) -> Result<String, JsValue> {
    let options = options(secrets, tokens, tolerance_seconds, max_body_bytes, hmac)?;
    Ok(with_request(headers, body_len, url.as_deref(), |request| {
        crate::explain::explain(provider.as_deref(), request, &options, now as i64).to_json()
    }))
}

/// Runs `check` on the request the glue's arguments describe.
fn with_request<R>(headers: &str, body_len: usize, url: Option<&str>, check: impl FnOnce(&Request<'_>) -> R) -> R {
    let pairs = pairs(headers);
    with_body(body_len, |body| {
        let request = Request::new(&pairs, body);
        check(&match url {
            Some(url) => request.with_url(url),
            None => request,
        })
    })
}

/// The headers a sender of `provider` would add, as `[name, value, name, value, …]`.
#[wasm_bindgen(js_name = signHeaders)]
pub fn sign_headers(
    provider: &str,
    secret: &str,
    body_len: usize,
    timestamp: f64,
    id: &str,
    hmac: Option<String>,
) -> Result<Vec<String>, JsValue> {
    let hmac = hmac.as_deref().map(HmacConfig::from_json).transpose().map_err(|e| thrown(&e))?;
    let headers =
        with_body(body_len, |body| crate::sign_headers(provider, secret, body, timestamp as i64, id, hmac.as_ref()))
            .map_err(|e| thrown(&e))?;
    Ok(headers.into_iter().flat_map(|(name, value)| [name, value]).collect())
}

/// The id of the provider a delivery most likely comes from, if any.
#[wasm_bindgen]
pub fn detect(headers: &str, body_len: usize) -> Option<String> {
    with_request(headers, body_len, None, |request| crate::detect(request).map(|provider| provider.id.to_owned()))
}

/// The provider registry as JSON: `[{id, name, credentials}]`.
#[wasm_bindgen]
pub fn providers() -> String {
    crate::providers::registry_json()
}

/// Benchmarks only, never shipped: HMAC-SHA512 hex of `t.body`, everything a ReReady verification does
/// but parsing and normalizing, so the benchmark can show what the JSON work costs.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchHmacSha512Hex)]
pub fn bench_hmac_sha512_hex(key: &str, timestamp: &str, body_len: usize) -> String {
    with_body(body_len, |body| {
        hex::encode(crate::Algorithm::Sha512.mac(key.as_bytes(), &[timestamp.as_bytes(), b".", body]))
    })
}
