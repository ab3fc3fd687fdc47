//! Lists the provider files so that adding a provider is adding one file: every `src/providers/*.rs`
//! except `mod.rs` becomes a module (a raw identifier, so `loop.rs` works), and its `PROVIDER` joins
//! the registry, in file-name order.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("src/providers");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("src/providers exists")
        .map(|entry| entry.expect("readable directory entry").file_name().to_string_lossy().into_owned())
        .filter_map(|file| file.strip_suffix(".rs").map(str::to_owned))
        .filter(|name| name != "mod")
        .collect();
    names.sort();
    let mut code = String::new();
    for name in &names {
        let path = dir.join(format!("{name}.rs"));
        println!("cargo:rerun-if-changed={}", path.display());
        code += &format!("#[path = {:?}]\npub(crate) mod r#{name};\n", path.display().to_string());
    }
    code += "\n/// Every provider, in file-name order.\npub static PROVIDERS: &[&Provider] = &[\n";
    for name in &names {
        code += &format!("    &r#{name}::PROVIDER,\n");
    }
    code += "];\n";
    fs::write(Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("providers.rs"), code)
        .expect("OUT_DIR is writable");
}
