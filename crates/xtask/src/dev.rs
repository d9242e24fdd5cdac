//! `cargo xtask dev`: everything a developer needs, served on http://127.0.0.1:8787.

use crate::{build, step, tools};
use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};
use xshell::Shell;

/// Address of the local server.
pub const ADDRESS: &str = "127.0.0.1:8787";

/// Installs, builds, writes `.dev.vars`, starts `wrangler dev`, seeds demo data and waits.
pub fn run(sh: &Shell) -> Result<()> {
    tools::ensure(sh)?;
    build::all(sh)?;
    write_dev_vars(sh)?;
    step(&format!("Starting wrangler dev on http://{ADDRESS} (KV persisted in .wrangler/state)…"));
    let mut server = start_wrangler(sh, 8787, Path::new(".wrangler/state"))?;
    let base = format!("http://{ADDRESS}");
    if let Err(err) = wait_healthy(&base, Duration::from_secs(90)) {
        let _ = server.kill();
        return Err(err);
    }
    step("Seeding demo data…");
    let seeded = seed(sh, &base);
    if let Err(err) = &seeded {
        eprintln!("warning: demo data not seeded: {err:#}");
    }
    // The official DDaT export sits beside the project in ../shared on the team's machines.
    let export = std::path::PathBuf::from("../shared/data/ddat");
    if export.join("roles.csv").is_file() {
        let options = crate::import_ddat::Options {
            dir: export,
            version: "2025".to_owned(),
            out: "target/ddat-2025.json".into(),
            upload: Some(base.clone()),
        };
        if let Err(err) = crate::import_ddat::run(sh, &options) {
            eprintln!("warning: the DDaT framework was not imported: {err:#}");
        }
    }
    println!(
        "\nservicekit is running:\n\
         \x20 demo intranet pages  {base}/demo/ (service owner), {base}/demo/service-manager.html, {base}/demo/team.html,\n\
         \x20                      {base}/demo/contract.html, {base}/demo/performance.html, {base}/demo/all.html (every widget)\n\
         \x20 public pages         {base}/services\n\
         \x20 manage a service     {base}/manage (sign in with a service token below)\n\
         \x20 embed builder        {base}/embed-builder\n\
         \x20 API health           {base}/v1/health\n\
         \x20 role profiles        {base}/v1/roles\n\
         \x20 widget loader        {base}/embed.js\n\
         {}\nPress Ctrl-C to stop.",
        seeded.unwrap_or_default()
    );
    let status = server.wait()?;
    if !status.success() {
        bail!("wrangler dev exited with {status}");
    }
    Ok(())
}

/// Writes `.dev.vars` with a random local admin token unless it exists.
fn write_dev_vars(sh: &Shell) -> Result<()> {
    if sh.path_exists(".dev.vars") {
        return Ok(());
    }
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    sh.write_file(
        ".dev.vars",
        format!("# Local secrets for wrangler dev; never commit.\nADMIN_TOKEN={token}\n"),
    )?;
    step("Wrote .dev.vars with a random local ADMIN_TOKEN.");
    Ok(())
}

/// Starts `wrangler dev` on 127.0.0.1:`port`, persisting KV under `persist`.
pub fn start_wrangler(sh: &Shell, port: u16, persist: &Path) -> Result<Child> {
    let wrangler = sh.current_dir().join("node_modules/.bin/wrangler");
    let inspector = (port + 1000).to_string();
    Command::new(wrangler)
        .current_dir(sh.current_dir())
        .args(["dev", "--ip", "127.0.0.1", "--port", &port.to_string(), "--inspector-port", &inspector])
        .arg("--persist-to")
        .arg(persist)
        .args(["--show-interactive-dev-session=false", "--log-level", "warn"])
        .env("WRANGLER_SEND_METRICS", "false")
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
        .spawn()
        .context("starting wrangler dev (run `npm ci`?)")
}

/// Polls `/v1/health` until it answers 200 or `limit` passes.
pub fn wait_healthy(base: &str, limit: Duration) -> Result<()> {
    let start = Instant::now();
    let url = format!("{base}/v1/health");
    while start.elapsed() < limit {
        let ok = Command::new("node")
            .args([
                "-e",
                "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))",
                &url,
            ])
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    bail!("wrangler dev did not answer {url} within {}s", limit.as_secs())
}

/// Posts the demo assessment once; returns lines describing what is seeded.
fn seed(sh: &Shell, base: &str) -> Result<String> {
    let record = Path::new(".wrangler/servicekit-demo.txt");
    if !sh.path_exists(record) {
        let out = Command::new("node")
            .args(["tests/support/seed.mjs", base])
            .output()
            .context("running tests/support/seed.mjs")?;
        if !out.status.success() {
            bail!("{}", String::from_utf8_lossy(&out.stderr));
        }
        sh.write_file(record, out.stdout)?;
    }
    let demo = sh.read_file(record)?;
    Ok(demo.lines().map(|line| format!("  {line}\n")).collect())
}
