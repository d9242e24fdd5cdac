//! `cargo xtask import-ddat <dir>`: turns the official DDaT CSV export into a
//! framework catalogue (JSON), and optionally uploads it to a servicekit API.

use crate::step;
use anyhow::{bail, Context, Result};
use servicekit_core::ddat_import;
use std::path::{Path, PathBuf};
use std::process::Command;
use xshell::Shell;

/// Options of `import-ddat`.
pub struct Options {
    /// Folder holding `roles.csv` and `skills.csv`.
    pub dir: PathBuf,
    /// Framework edition, e.g. `2025`.
    pub version: String,
    /// Where to write the catalogue JSON.
    pub out: PathBuf,
    /// API origin to `PUT /v1/frameworks/{id}` to, with `ADMIN_TOKEN`.
    pub upload: Option<String>,
}

impl Options {
    /// Parses `<dir> [--version V] [--out FILE] [--upload ORIGIN]`.
    pub fn parse(args: &[String]) -> Result<Options> {
        let mut dir = None;
        let mut options =
            Options { dir: PathBuf::new(), version: "2025".into(), out: PathBuf::new(), upload: None };
        let mut out = None;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value =
                |name: &str| args.next().cloned().with_context(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--version" => options.version = value("--version")?,
                "--out" => out = Some(PathBuf::from(value("--out")?)),
                "--upload" => options.upload = Some(value("--upload")?),
                flag if flag.starts_with("--") => bail!("unknown option {flag}"),
                path if dir.is_none() => dir = Some(PathBuf::from(path)),
                extra => bail!("unexpected argument {extra}"),
            }
        }
        options.dir = dir.context(
            "usage: cargo xtask import-ddat <dir> [--version 2025] [--out FILE] [--upload ORIGIN]",
        )?;
        options.out = out.unwrap_or_else(|| PathBuf::from(format!("target/ddat-{}.json", options.version)));
        Ok(options)
    }
}

/// Imports, writes the JSON, and uploads when asked.
pub fn run(sh: &Shell, options: &Options) -> Result<()> {
    let read = |name: &str| {
        let path = options.dir.join(name);
        std::fs::read(&path).with_context(|| format!("reading {}", path.display()))
    };
    step(&format!("Importing the DDaT {} export from {}…", options.version, options.dir.display()));
    let catalogue = ddat_import::import(&options.version, &read("roles.csv")?, &read("skills.csv")?)
        .map_err(|e| anyhow::anyhow!("{e}\nNothing was imported. Fix the file and run the import again."))?;
    let profiles = catalogue.profiles().count();
    if let Some(parent) = options.out.parent() {
        sh.create_dir(parent)?;
    }
    sh.write_file(&options.out, serde_json::to_string(&catalogue)?)?;
    println!(
        "{}: {} roles, {profiles} role-level profiles → {}",
        catalogue.id,
        catalogue.roles.len(),
        options.out.display()
    );
    if let Some(origin) = &options.upload {
        upload(sh, origin, &catalogue.id, &options.out)?;
    }
    Ok(())
}

/// `PUT`s the catalogue with the admin token from `ADMIN_TOKEN` or `.dev.vars`.
fn upload(sh: &Shell, origin: &str, id: &str, file: &Path) -> Result<()> {
    let token = match std::env::var("ADMIN_TOKEN") {
        Ok(token) => token,
        Err(_) => dev_vars_token(sh)?,
    };
    let url = format!("{}/v1/frameworks/{id}", origin.trim_end_matches('/'));
    step(&format!("Uploading to {url}…"));
    let status = Command::new("node")
        .arg("tests/support/put-framework.mjs")
        .arg(file)
        .arg(&url)
        .env("ADMIN_TOKEN", token)
        .current_dir(sh.current_dir())
        .status()?;
    if !status.success() {
        bail!("the upload was refused (see above)");
    }
    Ok(())
}

fn dev_vars_token(sh: &Shell) -> Result<String> {
    let vars = sh
        .read_file(".dev.vars")
        .context("set ADMIN_TOKEN, or run `cargo xtask dev` once to write .dev.vars")?;
    vars.lines()
        .find_map(|l| l.strip_prefix("ADMIN_TOKEN="))
        .map(|t| t.trim().to_owned())
        .context(".dev.vars has no ADMIN_TOKEN line")
}
