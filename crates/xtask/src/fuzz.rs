//! `cargo xtask fuzz`: the cargo-fuzz targets of `crates/core/fuzz`, each for a bounded time.
//!
//! Seeds come from the example files (and the DDaT export when it sits beside the
//! project); the corpus grows in `target/fuzz-corpus`. A crash stops the run and
//! names the input to add to `crates/core/fuzz/regressions/<target>/`, which core's
//! tests replay.

use crate::step;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use xshell::{cmd, Shell};

/// `cargo-fuzz` release xtask installs.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Where the fuzz crate lives.
const FUZZ_DIR: &str = "crates/core/fuzz";

/// Every fuzz target with the files that seed it.
const TARGETS: &[(&str, &[&str])] = &[
    ("measurement_csv", &["tests/support/measurements/apply-for-a-fishing-licence.csv"]),
    (
        "submission_json",
        &[
            "tests/support/contracts/apply-for-a-fishing-licence.json",
            "tests/support/contracts/coe-payment-outage.json",
        ],
    ),
    ("ddat_import", &[]),
];

/// Seconds per target in `cargo xtask test`.
pub const SHORT_SECONDS: u32 = 45;

/// Runs every target (or those named) for `seconds` each; fails on the first crash.
pub fn run(sh: &Shell, args: &[String]) -> Result<()> {
    let mut seconds = 600;
    let mut names = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                seconds = args.next().context("--seconds needs a number")?.parse().context("--seconds")?
            }
            name if TARGETS.iter().any(|(t, _)| *t == name) => names.push(name.to_owned()),
            other => bail!(
                "unknown fuzz argument `{other}`; targets: {:?}",
                TARGETS.iter().map(|t| t.0).collect::<Vec<_>>()
            ),
        }
    }
    if names.is_empty() {
        names = TARGETS.iter().map(|(t, _)| (*t).to_owned()).collect();
    }
    fuzz(sh, &names, seconds)
}

/// Fuzzes `names` for `seconds` each.
pub fn fuzz(sh: &Shell, names: &[String], seconds: u32) -> Result<()> {
    ensure_cargo_fuzz(sh)?;
    for name in names {
        let corpus = seed(sh, name)?;
        step(&format!("Fuzzing {name} for {seconds} s (cargo fuzz, address sanitizer)…"));
        let time = format!("-max_total_time={seconds}");
        // cargo fuzz passes -Z flags to rustc; RUSTC_BOOTSTRAP lets the stable toolchain take them.
        let outcome = cmd!(
            sh,
            "cargo fuzz run --fuzz-dir {FUZZ_DIR} -O {name} {corpus} -- {time} -print_final_stats=1"
        )
        .env("RUSTC_BOOTSTRAP", "1")
        .run();
        if outcome.is_err() {
            bail!(
                "fuzz target {name} found an input that breaks a rule: it is in {FUZZ_DIR}/artifacts/{name}/. \
                 Copy it into {FUZZ_DIR}/regressions/{name}/ (core's tests replay it) and fix the cause."
            );
        }
    }
    Ok(())
}

fn ensure_cargo_fuzz(sh: &Shell) -> Result<()> {
    let version = cmd!(sh, "cargo fuzz --version").quiet().ignore_stderr().read().unwrap_or_default();
    if !version.contains(CARGO_FUZZ_VERSION) {
        step(&format!("Installing cargo-fuzz {CARGO_FUZZ_VERSION} (about a minute, once)…"));
        cmd!(sh, "cargo install cargo-fuzz --version {CARGO_FUZZ_VERSION} --locked --force").run()?;
    }
    Ok(())
}

/// The target's corpus folder, seeded with the example files and the regressions.
fn seed(sh: &Shell, name: &str) -> Result<PathBuf> {
    let corpus = PathBuf::from("target/fuzz-corpus").join(name);
    sh.create_dir(&corpus)?;
    let (_, seeds) = TARGETS.iter().find(|(t, _)| *t == name).context("known target")?;
    for file in seeds.iter().map(PathBuf::from) {
        sh.copy_file(&file, &corpus)?;
    }
    for entry in std::fs::read_dir(Path::new(FUZZ_DIR).join("regressions").join(name))? {
        let path = entry?.path();
        if path.file_name().is_some_and(|n| n != ".gitkeep") {
            sh.copy_file(&path, &corpus)?;
        }
    }
    let ddat = Path::new("../shared/data/ddat");
    if name == "ddat_import" && ddat.join("roles.csv").exists() {
        // The target reads roles.csv, a NUL byte, then skills.csv.
        let mut pair = std::fs::read(ddat.join("roles.csv"))?;
        pair.push(0);
        pair.extend(std::fs::read(ddat.join("skills.csv"))?);
        std::fs::write(corpus.join("ddat-export"), pair)?;
    }
    Ok(corpus)
}
