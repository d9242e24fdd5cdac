//! `cargo xtask test`: every check and test the project has, in the order that fails fastest.

use crate::tools::{self, WASM_TARGET};
use crate::{build, step};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use xshell::{cmd, Shell};

/// Runs formatting, lints, unit tests, then API and browser tests against a local Worker.
pub fn run(sh: &Shell) -> Result<()> {
    step("Checking formatting (cargo fmt --check)…");
    cmd!(sh, "cargo fmt --all -- --check").run().context("formatting differs: run `cargo fmt --all`")?;

    tools::ensure(sh)?;
    tools::ensure_python_tools(sh)?;

    step("Linting native crates (clippy -D warnings)…");
    cmd!(sh, "cargo clippy --all-targets -p servicekit-core -p xtask -- -D warnings")
        .run()
        .context("clippy found problems in core or xtask")?;
    step("Linting wasm crates (clippy -D warnings)…");
    // Both widget bundles at once, so code only one of them uses is still checked.
    cmd!(sh, "cargo clippy --target {WASM_TARGET} -p servicekit-widgets -p servicekit-worker --all-features -- -D warnings")
        .run()
        .context("clippy found problems in widgets or worker")?;

    step("Running unit tests…");
    cmd!(sh, "cargo test -p servicekit-core -p xtask").run().context("unit tests failed")?;

    let targets: Vec<String> = ["measurement_csv", "submission_json", "ddat_import"].map(String::from).into();
    crate::fuzz::fuzz(sh, &targets, crate::fuzz::SHORT_SECONDS)?;

    build::all(sh)?;
    let ddat = crate::import_ddat::Options::parse(&["../shared/data/ddat".to_owned()])?;
    crate::import_ddat::run(sh, &ddat)?;

    let specs = node_specs(Path::new("tests"))?;
    step(&format!("Running {} API and browser test files against local wrangler dev…", specs.len()));
    cmd!(sh, "node --test --test-concurrency=1 {specs...}")
        .env("WRANGLER_SEND_METRICS", "false")
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
        .env("SERVICEKIT_DDAT_JSON", sh.current_dir().join(&ddat.out))
        .run()
        .context("API or browser tests failed; screenshots are in target/test-artifacts")?;
    Ok(())
}

/// Every `*.test.mjs` under `dir`, sorted.
fn node_specs(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(".test.mjs") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_api_and_browser_specs() {
        let root = crate::project_root();
        let specs = node_specs(&root.join("tests")).unwrap();
        let names: Vec<String> =
            specs.iter().map(|p| p.strip_prefix(&root).unwrap().to_string_lossy().into_owned()).collect();
        assert!(names.iter().any(|n| n.starts_with("tests/api/")), "{names:?}");
        assert!(names.iter().any(|n| n.starts_with("tests/e2e/")), "{names:?}");
    }
}
