//! Installs the tools the build needs, at the versions the project pins.

use crate::step;
use anyhow::{bail, Context, Result};
use std::path::Path;
use xshell::{cmd, Shell};

/// The wasm target every wasm crate is built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// `worker-build` release matching the `worker` crate.
const WORKER_BUILD_VERSION: &str = "0.8.7";

/// Makes sure the wasm target and rust-src, wasm-bindgen CLI, worker-build and npm packages are present.
pub fn ensure(sh: &Shell) -> Result<()> {
    ensure_wasm_target(sh)?;
    ensure_wasm_bindgen(sh)?;
    ensure_worker_build(sh)?;
    ensure_npm(sh)?;
    Ok(())
}

fn ensure_wasm_target(sh: &Shell) -> Result<()> {
    let installed = cmd!(sh, "rustup target list --installed").read()?;
    if !installed.lines().any(|l| l.trim() == WASM_TARGET) {
        step("Adding the wasm32-unknown-unknown Rust target…");
        cmd!(sh, "rustup target add {WASM_TARGET}").run()?;
    }
    // The widget bundles rebuild the standard library for size (build::SIZE_STD).
    let components = cmd!(sh, "rustup component list --installed").read()?;
    if !components.lines().any(|l| l.trim().starts_with("rust-src")) {
        step("Adding the rust-src component (the widgets rebuild the standard library for size)…");
        cmd!(sh, "rustup component add rust-src").run()?;
    }
    Ok(())
}

/// The wasm-bindgen version Cargo.lock resolved (shared by leptos and worker).
pub fn locked_wasm_bindgen(sh: &Shell) -> Result<String> {
    let lock = sh.read_file("Cargo.lock").context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    let mut versions = Vec::new();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                versions.push(version.trim_end_matches('"').to_owned());
            }
        }
    }
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("Cargo.lock has no wasm-bindgen; run `cargo generate-lockfile`"),
        many => {
            bail!("Cargo.lock has several wasm-bindgen versions {many:?}; leptos and worker must share one")
        }
    }
}

fn installed_version(sh: &Shell, program: &str) -> Option<String> {
    let out = cmd!(sh, "{program} --version").quiet().ignore_stderr().read().ok()?;
    out.split_whitespace().last().map(str::to_owned)
}

fn ensure_wasm_bindgen(sh: &Shell) -> Result<()> {
    let want = locked_wasm_bindgen(sh)?;
    if installed_version(sh, "wasm-bindgen").as_deref() != Some(want.as_str()) {
        step(&format!("Installing wasm-bindgen-cli {want} (takes about 6 minutes, once)…"));
        // Without --locked: the CLI's own lockfile names a crate version this registry lacks.
        cmd!(sh, "cargo install wasm-bindgen-cli --version {want} --force").run()?;
    }
    let got = installed_version(sh, "wasm-bindgen");
    if got.as_deref() != Some(want.as_str()) {
        bail!(
            "wasm-bindgen CLI is {got:?} but Cargo.lock has {want}; they must match.\n\
             Run `cargo install wasm-bindgen-cli --version {want} --force` and make sure ~/.cargo/bin is first on PATH."
        );
    }
    Ok(())
}

fn ensure_worker_build(sh: &Shell) -> Result<()> {
    if installed_version(sh, "worker-build").as_deref() != Some(WORKER_BUILD_VERSION) {
        step(&format!("Installing worker-build {WORKER_BUILD_VERSION} (takes a few minutes, once)…"));
        cmd!(sh, "cargo install worker-build --version {WORKER_BUILD_VERSION} --force").run()?;
    }
    Ok(())
}

fn ensure_npm(sh: &Shell) -> Result<()> {
    let stamp = Path::new("node_modules/.package-lock.json");
    let fresh = match (modified(stamp), modified(Path::new("package-lock.json"))) {
        (Some(installed), Some(lock)) => installed >= lock,
        _ => false,
    };
    if !fresh {
        step("Installing pinned npm packages (wrangler, binaryen, esbuild, playwright-core)…");
        cmd!(sh, "npm ci --no-audit --no-fund").run()?;
    }
    Ok(())
}

/// The virtual environment holding the Python test tools (schemathesis).
pub const VENV: &str = "target/venv";

/// The pinned Python test tools.
const PYTHON_REQUIREMENTS: &str = "tests/contract/requirements.txt";

/// Makes sure schemathesis (PyPI, pinned with everything it needs) is in `target/venv`.
pub fn ensure_python_tools(sh: &Shell) -> Result<()> {
    let stamp = Path::new(VENV).join("installed.txt");
    let fresh =
        matches!((modified(&stamp), modified(Path::new(PYTHON_REQUIREMENTS))), (Some(s), Some(r)) if s >= r);
    if fresh {
        return Ok(());
    }
    step("Installing pinned Python test tools (schemathesis) into target/venv…");
    cmd!(sh, "python3 -m venv {VENV}")
        .run()
        .context("python3 -m venv failed: install Python 3.11 with venv")?;
    let pip = Path::new(VENV).join("bin/pip");
    cmd!(sh, "{pip} install --quiet --disable-pip-version-check -r {PYTHON_REQUIREMENTS}").run()?;
    sh.write_file(&stamp, "installed from tests/contract/requirements.txt\n")?;
    Ok(())
}

/// When a file was last changed, if it exists.
pub fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
