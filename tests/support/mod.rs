//! Loads vector files and checks one vector against the Rust API.
// Each test binary includes this module and uses part of it.
#![allow(dead_code)]

use std::path::PathBuf;

use hookgate::{Options, Request, Secret, Signing};
use serde_json::Value;

/// The team's shared set, copied into `tests/vectors/shared/webhooks.json` (override with `HOOKGATE_VECTORS`).
pub fn shared_vectors() -> Vec<Value> {
    let path = std::env::var_os("HOOKGATE_VECTORS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/shared/webhooks.json"));
    read_vectors(&path)
}

/// Our own vectors: `tests/vectors/<provider>.json`, signed by each provider's own library or Python's hmac.
pub fn own_vectors() -> Vec<Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files.iter().flat_map(|path| read_vectors(path)).collect()
}

/// The shared vectors and ours.
pub fn load_vectors() -> Vec<Value> {
    let mut vectors = shared_vectors();
    vectors.extend(own_vectors());
    vectors
}

fn read_vectors(path: &std::path::Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
    file["vectors"].as_array().unwrap_or_else(|| panic!("{} has no `vectors` array", path.display())).clone()
}

fn keys(value: &Value) -> Vec<Secret> {
    match value {
        Value::String(s) => vec![Secret::new(s.as_str())],
        Value::Array(items) => items.iter().filter_map(Value::as_str).map(Secret::new).collect(),
        _ => Vec::new(),
    }
}

/// Builds the options a vector names.
pub fn options_of(options: &Value) -> Options {
    let mut built =
        Options { secrets: keys(&options["secret"]), tokens: keys(&options["token"]), ..Options::default() };
    if let Some(t) = options["toleranceSeconds"].as_u64() {
        built.tolerance_seconds = t;
    }
    if let Some(m) = options["maxBodyBytes"].as_u64() {
        built.max_body_bytes = m as usize;
    }
    if options["hmac"].is_object() {
        // The JS option's shape, read as the package and the gateway read it.
        built.hmac = Some(options["hmac"].to_string());
    }
    built
}

/// `Ok(())` when the vector's outcome is as expected, else a line saying what differed.
pub fn run_vector(vector: &Value) -> Result<(), String> {
    let name = format!("{} / {}", vector["provider"].as_str().unwrap_or("?"), vector["name"].as_str().unwrap_or("?"));
    let request = &vector["request"];
    let headers: Vec<(&str, &str)> = request["headers"]
        .as_object()
        .map(|h| h.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default())).collect())
        .unwrap_or_default();
    let body = request["body"].as_str().unwrap_or_default().as_bytes();
    let mut req = Request::new(&headers, body);
    if let Some(url) = request["url"].as_str() {
        req = req.with_url(url);
    }
    if let Some(method) = request["method"].as_str() {
        req = req.with_method(method);
    }
    let options = options_of(&vector["options"]);
    let now = vector["options"]["now"].as_i64().unwrap_or(1_767_225_600);
    let provider = vector["provider"].as_str().unwrap_or_default();
    let outcome = hookgate::verify_json_at(provider, &req, &options, now);
    let expect = &vector["expect"];
    match (expect["ok"].as_bool(), outcome) {
        (Some(true), Ok(json)) => {
            let event: Value = serde_json::from_str(&json).map_err(|e| format!("{name}: event is not JSON: {e}"))?;
            check_subset(&expect["event"], &event, "event").map_err(|e| format!("{name}: {e}"))?;
            if let Some(secret) = expect["secretAbsent"].as_str() {
                if json.contains(secret) {
                    return Err(format!("{name}: the secret appears in the event"));
                }
            }
            Ok(())
        }
        (Some(false), Err(error)) => {
            let accepted: Vec<&str> = match expect["codes"].as_array() {
                Some(codes) => codes.iter().filter_map(Value::as_str).collect(),
                None => vec![expect["code"].as_str().unwrap_or_default()],
            };
            if accepted.contains(&error.code()) {
                Ok(())
            } else {
                Err(format!("{name}: expected {accepted:?}, got {} ({error})", error.code()))
            }
        }
        (_, Ok(_)) => Err(format!("{name}: accepted, expected {}", expect["code"])),
        (_, Err(error)) => Err(format!("{name}: rejected with {} ({error}), expected success", error.code())),
    }
}

/// Every field of `expected` is in `actual` with an equal value; `occurredAt` compares as an instant.
pub fn check_subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match expected {
        Value::Object(fields) => fields.iter().try_for_each(|(key, want)| {
            let got = &actual[key.as_str()];
            if key == "occurredAt" {
                if want.is_null() && got.is_null() {
                    return Ok(());
                }
                let (w, g) = (instant(want), instant(got));
                return if w.is_some() && w == g {
                    Ok(())
                } else {
                    Err(format!("{path}.{key}: want {want}, got {got}"))
                };
            }
            check_subset(want, got, &format!("{path}.{key}"))
        }),
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: want {expected}, got {actual}")),
    }
}

/// An RFC 3339 value as (date-time in UTC, normalized) for comparison: hookgate always writes UTC,
/// so a `Z` form compares directly; the vectors use `Z` too.
fn instant(value: &Value) -> Option<String> {
    let text = value.as_str()?;
    let text = text.strip_suffix('Z').or_else(|| text.strip_suffix("+00:00"))?;
    let text = text.strip_suffix(".000").unwrap_or(text);
    Some(text.to_owned())
}

/// The headers `provider`'s sender adds to `body`, signed with `secret` at `timestamp` (and `id`, where
/// the scheme signs one).
#[allow(dead_code)] // each test crate uses what it needs
pub fn signed_headers(provider: &str, secret: &str, body: &[u8], timestamp: i64, id: &str) -> Vec<(String, String)> {
    let signing = Signing { secret: Some(secret), timestamp, id, ..Default::default() };
    hookgate::sign_delivery(provider, body, "", &signing).expect("signs").headers.clone()
}

/// ReReady's signature header for `body`.
#[allow(dead_code)]
pub fn reready_signature(body: &[u8], secret: &str, timestamp: i64) -> String {
    signed_headers("reready", secret, body, timestamp, "").swap_remove(0).1
}
