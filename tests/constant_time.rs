//! SECURITY.md promises that no configured secret is ever compared with `==` or a helper that stops at
//! the first differing byte: tags go through `subtle`, tokens through `scheme::token::match_token`.
//! Timing cannot be asserted reliably in a test, so this reads the source: every place a secret's text
//! is exposed must hand it to a key derivation or a digest, never to a comparison.

use std::path::Path;

const COMPARISONS: [&str; 8] =
    ["==", "!=", "eq_ignore_ascii_case", "starts_with", "ends_with", "contains", ".cmp(", "strip_prefix"];

#[test]
fn no_exposed_secret_is_compared_outside_constant_time_helpers() {
    let mut offenders = Vec::new();
    visit(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut |path, text| {
        for (number, line) in text.lines().enumerate() {
            let Some(at) = line.find(".expose()") else { continue };
            let after = &line[at..];
            if let Some(comparison) = COMPARISONS.iter().find(|c| after.contains(*c)) {
                offenders.push(format!("{}:{}: `{comparison}` on an exposed secret", path.display(), number + 1));
            }
        }
    });
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

fn visit(dir: &Path, check: &mut dyn FnMut(&Path, &str)) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            visit(&path, check);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            check(&path, &std::fs::read_to_string(&path).expect("readable source"));
        }
    }
}
