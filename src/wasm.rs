//! The wasm-bindgen bindings: the only file that knows about JavaScript. The JS glue in
//! `pkg-template/` turns `Headers`/objects/pairs into a flat list and maps the thrown error text
//! `"<code>\n<message>"` to `HookgateError`.

use wasm_bindgen::prelude::*;

use crate::{Error, Options, Request, Secret};

fn thrown(error: &Error) -> JsValue {
    JsValue::from_str(&format!("{}\n{error}", error.code()))
}

/// `headers` is `[name, value, name, value, …]`; `now` is unix seconds.
#[wasm_bindgen(js_name = verifyJson)]
#[allow(clippy::too_many_arguments)]
pub fn verify_json(
    provider: &str,
    headers: Vec<String>,
    body: &[u8],
    url: Option<String>,
    secrets: Vec<String>,
    tokens: Vec<String>,
    tolerance_seconds: f64,
    max_body_bytes: f64,
    now: f64,
) -> Result<String, JsValue> {
    let pairs: Vec<(&str, &str)> = headers.chunks_exact(2).map(|p| (p[0].as_str(), p[1].as_str())).collect();
    let mut request = Request::new(&pairs, body);
    if let Some(url) = url.as_deref() {
        request = request.with_url(url);
    }
    let options = Options {
        secrets: secrets.into_iter().map(Secret::new).collect(),
        tokens: tokens.into_iter().map(Secret::new).collect(),
        // `as` saturates: NaN becomes 0 and an out-of-range number the type's bound.
        tolerance_seconds: tolerance_seconds as u64,
        max_body_bytes: max_body_bytes as usize,
    };
    crate::verify_json_at(provider, &request, &options, now as i64).map_err(|e| thrown(&e))
}

/// The `X-ReReady-Signature-512` header value for `body`.
#[wasm_bindgen(js_name = signReReady)]
pub fn sign_reready(body: &[u8], secret: &str, timestamp: f64) -> String {
    crate::sign_reready(body, secret, timestamp as i64)
}

/// The `webhook-signature` header value for a Standard Webhooks message.
#[wasm_bindgen(js_name = signStandardWebhooks)]
pub fn sign_standard_webhooks(id: &str, timestamp: f64, body: &[u8], secret: &str) -> Result<String, JsValue> {
    crate::sign_standard_webhooks(id, timestamp as i64, body, secret).map_err(|e| thrown(&e))
}

/// The provider registry as JSON: `[{id, name, credentials}]`.
#[wasm_bindgen]
pub fn providers() -> String {
    crate::providers::registry_json()
}
