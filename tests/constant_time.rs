//! SECURITY.md promises that no configured secret is ever compared with `==` or a helper that stops at
//! the first differing byte: tags go through `subtle`, tokens through `scheme::token::match_token`, and
//! the gateway's admin token through `crypto.subtle.timingSafeEqual` over digests. Timing cannot be
//! asserted reliably in a test, so this reads the source: every place a secret's text is exposed (and
//! every variable it is bound to) must hand it to a key derivation or a digest, never to a comparison.
//! A line may opt out only with a `// constant-time:` comment saying why it is safe.

use std::path::Path;

const COMPARISONS: [&str; 9] =
    ["==", "!=", "eq_ignore_ascii_case", "starts_with", "ends_with", "contains", ".cmp(", "strip_prefix", ".eq("];

/// Where `source` (Rust) compares a secret: on the line that exposes it, or through a variable bound to it.
fn rust_offenders(source: &str) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    let mut tainted: Vec<String> = Vec::new();
    for (number, line) in source.lines().enumerate() {
        if line.contains("// constant-time:") {
            continue;
        }
        if line.trim_start().starts_with("fn ") || line.trim_start().starts_with("pub fn ") {
            tainted.clear(); // a variable lives in its function
        }
        if let Some(at) = line.find(".expose()") {
            if let Some(comparison) = COMPARISONS.iter().find(|c| line[at..].contains(*c)) {
                found.push((number + 1, *comparison));
            }
            if let Some(name) = bound_name(line) {
                tainted.push(name);
            }
            continue;
        }
        for name in &tainted {
            if let Some(comparison) = COMPARISONS.iter().find(|c| compares(line, name, c)) {
                found.push((number + 1, *comparison));
            }
        }
    }
    found
}

/// The variable a `let` line binds, if it binds one plain name.
fn bound_name(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix("let ")?;
    let rest = rest.strip_prefix("mut ").unwrap_or(rest);
    let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    (!name.is_empty()).then_some(name)
}

/// Whether `line` uses `name` (as a whole word) as an operand of `comparison`.
fn compares(line: &str, name: &str, comparison: &str) -> bool {
    let words = |text: &str| -> bool {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    };
    let Some(at) = line.find(comparison) else { return false };
    // The operand just before the operator or method, and just after it.
    let left = line[..at].trim_end().rsplit([' ', '(', '!', '&', '|', ',']).next().unwrap_or_default();
    let right = line[at + comparison.len()..].trim_start();
    let right = right.split([' ', ')', ',', ';', '{']).next().unwrap_or_default();
    words(left) || words(right) || (comparison.len() > 2 && words(&line[at..]))
}

/// Where a JS source compares the admin token (or any `secret`/`token`/`presented` value) with `===`,
/// `!==` or a string method instead of `timingSafeEqual` (a comparison with `undefined`/`null`, or a
/// `typeof`, reads no content).
fn js_offenders(source: &str) -> Vec<usize> {
    let secret = |word: &str| {
        let lower = word.to_ascii_lowercase();
        ["secret", "token", "presented"].iter().any(|s| lower.contains(s))
    };
    let mut found = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        if line.contains("// constant-time:") {
            continue;
        }
        for op in ["===", "!==", ".startsWith(", ".endsWith(", ".includes(", ".indexOf(", ".localeCompare("] {
            for (at, _) in code.match_indices(op) {
                let left = code[..at].trim_end();
                let left_word: String = left
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect();
                let right = code[at + op.len()..].trim_start();
                let right_word: String =
                    right.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect();
                let typeof_left = left.trim_end_matches(&left_word).trim_end().ends_with("typeof");
                let trivial = |w: &str| matches!(w, "undefined" | "null") || w.starts_with('"');
                if typeof_left || trivial(&right_word) || trivial(&left_word) {
                    continue;
                }
                if secret(&left_word) || secret(&right_word) {
                    found.push(number + 1);
                }
            }
        }
    }
    found
}

#[test]
fn no_exposed_secret_is_compared_outside_constant_time_helpers() {
    let mut offenders = Vec::new();
    visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), "rs", &mut |path, text| {
        for (line, comparison) in rust_offenders(text) {
            offenders.push(format!("{}:{line}: `{comparison}` on an exposed secret", path.display()));
        }
    });
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

#[test]
fn the_gateway_compares_no_token_or_secret_outside_timing_safe_equal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut offenders = Vec::new();
    for dir in ["js/worker", "pkg-template/src"] {
        visit(&root.join(dir), "js", &mut |path, text| {
            offenders.extend(js_offenders(text).into_iter().map(|line| format!("{}:{line}", path.display())));
        });
    }
    assert!(offenders.is_empty(), "compared outside timingSafeEqual:\n{}", offenders.join("\n"));
    // The admin check itself is the constant-time one.
    let admin = std::fs::read_to_string(root.join("js/worker/durable/admin.js")).unwrap();
    assert!(admin.contains("crypto.subtle.timingSafeEqual("), "the admin token is compared in constant time");
}

#[test]
fn the_lints_catch_what_they_are_for() {
    let direct = "fn f(s: &Secret, p: &str) -> bool {\n    s.expose() == p\n}";
    assert_eq!(rust_offenders(direct), vec![(2, "==")]);
    let through_a_variable =
        "fn f(s: &Secret, p: &str) -> bool {\n    let key = s.expose();\n    let x = 1;\n    key == p\n}";
    assert_eq!(rust_offenders(through_a_variable), vec![(4, "==")]);
    let method = "fn f(s: &Secret, p: &str) -> bool {\n    let key = s.expose();\n    p.starts_with(key)\n}";
    assert_eq!(rust_offenders(method), vec![(3, "starts_with")]);
    let hashed = "fn f(s: &Secret) -> Digest {\n    let key = s.expose();\n    digest(key)\n}";
    assert!(rust_offenders(hashed).is_empty());
    assert_eq!(js_offenders("  return presented === token;"), vec![1]);
    assert_eq!(js_offenders("  if (header.startsWith(adminToken)) ok();"), vec![1]);
    assert!(js_offenders("  if (typeof secret === \"function\") x(); if (token === undefined) y();").is_empty());
}

fn visit(dir: &Path, extension: &str, check: &mut dyn FnMut(&Path, &str)) {
    for entry in std::fs::read_dir(dir).expect("the folder is readable") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            visit(&path, extension, check);
        } else if path.extension().is_some_and(|ext| ext == extension) {
            check(&path, &std::fs::read_to_string(&path).expect("readable source"));
        }
    }
}
