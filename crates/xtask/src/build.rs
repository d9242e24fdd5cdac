//! `cargo xtask build`: widgets (cargo → wasm-bindgen → wasm-metadce → wasm-opt, JS glue through esbuild) and the Worker (worker-build).

use crate::step;
use crate::tools::{self, modified, WASM_TARGET};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use xshell::{cmd, Shell};

/// Where the static site served by the Worker's assets binding is assembled.
pub const SITE_DIR: &str = "dist/site";

/// Installs missing tools, then builds everything.
pub fn run(sh: &Shell) -> Result<()> {
    tools::ensure(sh)?;
    all(sh)
}

/// Builds the widgets and the Worker (tools must be installed).
pub fn all(sh: &Shell) -> Result<()> {
    widgets(sh)?;
    worker(sh)?;
    Ok(())
}

fn node_bin(sh: &Shell, name: &str) -> PathBuf {
    sh.current_dir().join("node_modules/.bin").join(name)
}

/// Where wasm-bindgen and wasm-opt write the widget files before they get their hashed names.
const WIDGET_BUILD_DIR: &str = "target/widgets-build";

/// The wasm bundles of the widgets crate: (name, cargo feature).
///
/// `widgets` holds every intranet widget, for pages with several kinds; each
/// widget also has a bundle of its own, for the common page with one kind
/// (`embed.js` picks whichever downloads fewer bytes); `manage` is only for /manage.
const BUNDLES: [(&str, &str); 7] = [
    ("widgets", "widgets"),
    ("self-assessment", "self-assessment"),
    ("team-coverage", "team-coverage"),
    ("contract", "contract"),
    ("take-up", "take-up"),
    ("feedback", "feedback"),
    ("manage", "manage"),
];

/// Builds the widget bundles, their JS glue, the loader, the stylesheet and the demo page into `dist/site`.
///
/// The wasm, glue and stylesheet are published under content-hashed names
/// (`servicekit_take_up.<hash>.js`, …) that can be cached for ever; `embed.js`
/// (short-lived) names them, and `widget-manifest.json` lets the Worker answer
/// a request for an older hash with the current files.
pub fn widgets(sh: &Shell) -> Result<()> {
    let built = Path::new(WIDGET_BUILD_DIR);
    sh.create_dir(built)?;
    for (name, feature) in BUNDLES {
        bundle(sh, &stem(name), &["--no-default-features", "--features", feature])?;
    }

    step("Compiling the widget stylesheet (GOV.UK Frontend components with npm sass)…");
    let sass = node_bin(sh, "sass");
    let stylesheet = built.join("servicekit.css");
    cmd!(sh, "{sass} --no-source-map --style=compressed --load-path=node_modules widgets/style/servicekit.scss {stylesheet}")
        .run()?;

    let out = Path::new(SITE_DIR).join("widgets");
    sh.remove_path(&out)?;
    sh.create_dir(&out)?;
    let mut bundles = serde_json::Map::new();
    for (name, _) in BUNDLES {
        let stem = stem(name);
        let js = publish(sh, &built.join(format!("{stem}.js")), &out, &stem, "js")?;
        let wasm_file = built.join(format!("{stem}_bg.wasm"));
        let wasm = publish(sh, &wasm_file, &out, &format!("{stem}_bg"), "wasm")?;
        // What the page downloads for it, so that the loader can pick the smaller download.
        let bytes = [built.join(format!("{stem}.js")), wasm_file]
            .iter()
            .map(|f| std::fs::metadata(f).map(|m| m.len()))
            .sum::<std::io::Result<u64>>()?;
        bundles.insert(name.to_owned(), serde_json::json!({ "js": js, "wasm": wasm, "bytes": bytes }));
    }
    let css = publish(sh, &stylesheet, &out, "servicekit", "css")?;
    let manifest = serde_json::json!({ "css": css, "bundles": bundles });
    // Outside /widgets/, which `_headers` marks as cached for a year.
    sh.write_file(
        Path::new(SITE_DIR).join("widget-manifest.json"),
        serde_json::to_string_pretty(&manifest)?,
    )?;
    sh.copy_file("widgets/embed/_headers", Path::new(SITE_DIR).join("_headers"))?;
    let loader = sh
        .read_file("widgets/embed/embed.js")?
        .replace("__WIDGETS_CSS__", &css)
        .replace("__BUNDLES__", &serde_json::to_string(&bundles)?);
    let embed = Path::new(SITE_DIR).join("embed.js");
    sh.write_file(&embed, loader)?;
    let esbuild = node_bin(sh, "esbuild");
    cmd!(sh, "{esbuild} {embed} --minify --log-level=warning --allow-overwrite --outfile={embed}").run()?;

    step("Compiling the public pages' stylesheet (GOV.UK Frontend with npm sass)…");
    let pages = Path::new(SITE_DIR).join("pages.css");
    cmd!(sh, "{sass} --no-source-map --style=compressed --load-path=node_modules --load-path=widgets/style worker/pages.scss {pages}")
        .run()?;

    let demo = Path::new(SITE_DIR).join("demo");
    sh.create_dir(&demo)?;
    for file in sh.read_dir("widgets/demo")? {
        sh.copy_file(&file, &demo)?;
    }
    Ok(())
}

/// The file stem of bundle `name`: `servicekit_take_up` for `take-up`.
fn stem(name: &str) -> String {
    format!("servicekit_{}", name.replace('-', "_"))
}

/// Cargo flags that rebuild the standard library for the widget bundles, choosing its smaller algorithms.
///
/// With the flags below, about 8 % less brotli for all five widgets (see
/// README "Performance"). They are unstable flags, taken by the stable
/// toolchain with `RUSTC_BOOTSTRAP=1` (as `cargo xtask fuzz` does), and need
/// the `rust-src` component (`tools::ensure`).
const SIZE_STD: [&str; 2] = ["-Zbuild-std=std,panic_abort", "-Zbuild-std-features=optimize_for_size"];

/// The widget bundles' rustc flags (they replace `.cargo/config.toml`'s, so
/// `erase_components` is repeated): a panic aborts at once, without formatting
/// a message or carrying file names (nobody reads them: the widgets install no
/// panic hook), and `{:?}` writes nothing (no widget shows Debug output).
const SIZE_RUSTFLAGS: &str =
    "--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none";

/// Builds one wasm bundle of the widgets crate (`features`) into `target/widgets-build/<name>.js`
/// and `<name>_bg.wasm`: cargo, then wasm-bindgen and wasm-opt when the wasm changed.
fn bundle(sh: &Shell, name: &str, features: &[&str]) -> Result<()> {
    step(&format!("Building {name} for wasm32 (release, standard library rebuilt for size)…"));
    let [build_std, std_features] = SIZE_STD;
    cmd!(sh, "cargo build --release --target {WASM_TARGET} -p servicekit-widgets {features...} {build_std} {std_features}")
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTFLAGS", SIZE_RUSTFLAGS)
        .run()?;
    // Every bundle comes out under the crate's name: keep each under its own.
    let built = Path::new(WIDGET_BUILD_DIR);
    let compiled = PathBuf::from(format!("target/{WASM_TARGET}/release/servicekit_widgets.wasm"));
    let input = built.join(format!("{name}.wasm"));
    if sh.read_binary_file(&compiled)? != sh.read_binary_file(&input).unwrap_or_default() {
        sh.copy_file(&compiled, &input)?;
    }
    let optimised = built.join(format!("{name}_bg.wasm"));
    if modified(&optimised) < modified(&input) {
        step(&format!("Generating JS bindings and optimising {name} (wasm-opt -Oz)…"));
        cmd!(sh, "wasm-bindgen --target web --no-typescript --out-dir {built} {input}").run()?;
        drop_unused_exports(sh, &optimised)?;
        let wasm_opt = node_bin(sh, "wasm-opt");
        cmd!(sh, "{wasm_opt} -Oz --strip-debug --strip-producers {optimised} -o {optimised}").run()?;
        let glue = built.join(format!("{name}.js"));
        shorten_import_names(sh, &optimised, &glue)?;
        // The JS glue as wasm-bindgen writes it is readable, not small.
        let esbuild = node_bin(sh, "esbuild");
        cmd!(
            sh,
            "{esbuild} {glue} --minify --format=esm --log-level=warning --allow-overwrite --outfile={glue}"
        )
        .run()?;
    }
    Ok(())
}

/// Whether a wasm export is one no widget uses: leptos always compiles in its
/// server functions (`server_fn`), which export wasm-streams' `IntoUnderlying*`
/// classes for streamed responses; a client-side widget calls no server function.
fn unused_export(name: &str) -> bool {
    name.starts_with("intounderlying") || name.starts_with("__wbg_intounderlying")
}

/// Removes the [`unused_export`]s from `wasm`, and the code only they reach, with binaryen's
/// `wasm-metadce` (wasm-opt alone keeps every export). The JS glue keeps its unused classes.
fn drop_unused_exports(sh: &Shell, wasm: &Path) -> Result<()> {
    let bytes = sh.read_binary_file(wasm)?;
    let mut kept = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        if let wasmparser::Payload::ExportSection(exports) = payload? {
            for export in exports {
                let name = export?.name;
                if !unused_export(name) {
                    kept.push(
                        serde_json::json!({ "name": format!("export {name}"), "root": true, "export": name }),
                    );
                }
            }
        }
    }
    // wasm-metadce removes every export that is not a root of this graph.
    let graph = wasm.with_extension("graph.json");
    sh.write_file(&graph, serde_json::to_string(&kept)?)?;
    let metadce = node_bin(sh, "wasm-metadce");
    cmd!(sh, "{metadce} {wasm} --graph-file {graph} -o {wasm}").ignore_stdout().run()?;
    Ok(())
}

/// Gives the wasm's imports short names (`a`, `b`, …, `ab`, …), in the wasm and in
/// the JS glue's import object alike.
///
/// wasm-bindgen names each import after the JS it calls plus a hash
/// (`__wbg_setinnerhtml_fc4ab1c3ed7b3c57`), and both files carry every name;
/// the hashes do not compress. The glue is matched as wasm-bindgen (pinned in
/// Cargo.lock) writes it, one `name: function(` line per import; a glue of
/// another shape stops the build rather than leaving an import unmatched.
fn shorten_import_names(sh: &Shell, wasm: &Path, glue: &Path) -> Result<()> {
    use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
    let bytes = sh.read_binary_file(wasm)?;
    let mut js = sh.read_file(glue)?;
    let mut module = wasm_encoder::Module::new();
    for payload in wasmparser::Parser::new(0).parse_all(&bytes) {
        let payload = payload?;
        if let wasmparser::Payload::ImportSection(reader) = payload {
            let mut imports = wasm_encoder::ImportSection::new();
            for (index, import) in reader.into_imports().enumerate() {
                let import = import?;
                let short = short_name(index);
                let key = format!("\n        {}: function(", import.name);
                anyhow::ensure!(
                    js.matches(&key).count() == 1,
                    "{} does not define the wasm import `{}` once, as `{}: function(`: \
                     has wasm-bindgen changed how it writes its glue?",
                    glue.display(),
                    import.name,
                    import.name
                );
                js = js.replacen(&key, &format!("\n        {short}: function("), 1);
                imports.import(import.module, &short, RoundtripReencoder.entity_type(import.ty)?);
            }
            module.section(&imports);
        } else if let Some((id, range)) = payload.as_section() {
            module.section(&wasm_encoder::RawSection { id, data: &bytes[range] });
        }
    }
    sh.write_file(wasm, module.finish())?;
    sh.write_file(glue, js)?;
    Ok(())
}

/// The `index`th short name: its digits in base 52, written in letters, least significant first.
fn short_name(mut index: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = String::new();
    loop {
        name.push(char::from(LETTERS[index % 52]));
        index /= 52;
        if index == 0 {
            return name;
        }
    }
}

/// Copies `file` into `dir` as `<stem>.<hash>.<extension>`; returns the new name.
fn publish(sh: &Shell, file: &Path, dir: &Path, stem: &str, extension: &str) -> Result<String> {
    let bytes = sh.read_binary_file(file).with_context(|| format!("reading {}", file.display()))?;
    let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes));
    let name = format!("{stem}.{}.{extension}", &hash[..12]);
    sh.write_file(dir.join(&name), bytes)?;
    Ok(name)
}

/// Builds the Worker into `worker/build` with worker-build, using only local tools.
pub fn worker(sh: &Shell) -> Result<()> {
    // Sources and the files they include (`include_str!`).
    let inputs = [
        "worker/src",
        "worker/Cargo.toml",
        "worker/i18n",
        "worker/builder.js",
        "worker/openapi.json",
        "crates/core",
        "Cargo.toml",
        "Cargo.lock",
    ];
    let newest_input = inputs.iter().filter_map(|p| newest(Path::new(p))).max();
    if newest_input.is_some() && modified(Path::new("worker/build/index.js")) > newest_input {
        step("The Worker is up to date (worker/build).");
        return Ok(());
    }
    step("Building the Worker for wasm32 (release, worker-build)…");
    let wasm_bindgen = which("wasm-bindgen")?;
    let wasm_opt = node_bin(sh, "wasm-opt");
    let esbuild = node_bin(sh, "esbuild");
    let _dir = sh.push_dir("worker");
    cmd!(sh, "worker-build --release")
        .env("WASM_BINDGEN_BIN", wasm_bindgen)
        .env("WASM_OPT_BIN", wasm_opt)
        .env("ESBUILD_BIN", esbuild)
        .run()?;
    Ok(())
}

/// The first `program` on `PATH`, as an absolute path.
fn which(program: &str) -> Result<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
        .with_context(|| format!("{program} is not on PATH"))
}

/// The latest modification time of `path` or of any file below it.
fn newest(path: &Path) -> Option<std::time::SystemTime> {
    if path.is_dir() {
        std::fs::read_dir(path).ok()?.filter_map(|e| e.ok()).filter_map(|e| newest(&e.path())).max()
    } else {
        modified(path)
    }
}

#[cfg(test)]
mod tests {
    use super::short_name;
    use std::collections::HashSet;

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..10_000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(names[52], "ab");
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_alphabetic())));
        assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
    }
}
