//! `cargo xtask`: servicekit's automation, written in Rust so it runs wherever cargo does.
//!
//! `cargo xtask dev`   installs what is missing, builds, seeds demo data and serves on :8787.
//! `cargo xtask test`  runs every check and test, browser tests included.
//! `cargo xtask build` builds the widgets and the Worker only.
//! `cargo xtask import-ddat <dir>` imports the official DDaT CSV export.
//! `cargo xtask bench` measures sizes and speed against baselines run beside them.
//! `cargo xtask fuzz [--seconds N] [target…]` fuzzes core's parsers (10 minutes each by default).
//! `cargo xtask openapi` writes the API description generated from core's types.

mod bench;
mod build;
mod dev;
mod fuzz;
mod import_ddat;
mod test;
mod tools;

use anyhow::{bail, Result};
use std::path::PathBuf;
use xshell::Shell;

fn main() {
    if let Err(err) = run() {
        eprintln!("\nerror: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("dev") => dev::run(&sh),
        Some("test") => test::run(&sh),
        Some("build") => build::run(&sh),
        Some("openapi") => {
            let path = project_root().join(OPENAPI_PATH);
            std::fs::write(&path, servicekit_core::openapi::document_text())?;
            println!("wrote {}", path.display());
            Ok(())
        }
        Some("bench") => bench::run(&sh),
        Some("fuzz") => fuzz::run(&sh, &args[1..]),
        Some("import-ddat") => import_ddat::run(&sh, &import_ddat::Options::parse(&args[1..])?),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

const USAGE: &str = "usage: cargo xtask <command>

commands:
  dev    install what is missing, build, seed demo data, serve http://127.0.0.1:8787
  test   formatting, lints, unit tests, API tests and browser tests
  build  build the widgets and the Worker into dist/ and worker/build/
  import-ddat <dir> [--version 2025] [--out FILE] [--upload ORIGIN]
         turn the official DDaT CSV export into a framework catalogue and upload it
  bench  sizes, chart render vs Chart.js, widget start, API vs a JS Worker, KV operations, core
  fuzz [--seconds N] [target...]
         fuzz core's CSV parser, JSON validation and DDaT importer (600 s each by default)
  openapi  write worker/openapi.json from core's API types (a core test fails when it is stale)";

/// Where the generated OpenAPI description is committed (the Worker serves it).
const OPENAPI_PATH: &str = "worker/openapi.json";

/// The workspace root (the parent of `crates/`).
fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.ancestors().nth(2).expect("crates/xtask is two levels down").to_path_buf()
}

/// Prints one line announcing a phase of work.
fn step(message: &str) {
    eprintln!("\n==> {message}");
}
