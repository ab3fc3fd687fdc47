//! Embeds the provider catalog: each `src/providers/<id>.json` declaration, checked to be JSON whose id
//! is its file's name, written compact into `$OUT_DIR/catalog.rs`. The Worker-sized build (without the
//! `explain` feature) leaves out each declaration's prose (`name`, `docs`, `secretFormat`, `notes`, and
//! the headers its sender `sends` besides its credential, the CLI's defaults): a receiver never reads it,
//! and it would cost the module its bytes.

use std::fs;
use std::path::Path;

const PROSE: [&str; 5] = ["name", "docs", "secretFormat", "notes", "sends"];

fn main() {
    let dir = Path::new("src/providers");
    println!("cargo:rerun-if-changed={}", dir.display());
    let keep_prose = std::env::var_os("CARGO_FEATURE_EXPLAIN").is_some();
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("src/providers is readable")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut out =
        String::from("/// Every built-in provider: its id and its declaration (compact JSON), in id order.\n");
    out.push_str("pub static CATALOG: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).expect("a readable declaration");
        let mut declaration: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not a JSON object: {e}", path.display()));
        let id = declaration.get("id").and_then(|id| id.as_str()).unwrap_or_default().to_owned();
        let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
        assert_eq!(id, stem, "{}: the id must be the file's name", path.display());
        if !keep_prose {
            for key in PROSE {
                declaration.remove(key);
            }
        }
        let compact = serde_json::to_string(&declaration).expect("JSON writes back");
        out.push_str(&format!("    ({id:?}, {compact:?}),\n"));
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}
