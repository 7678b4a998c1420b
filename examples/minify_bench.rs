//! Times minify-html on one HTML file, with the settings of a build, to
//! tell its throughput apart from the rest of the render stage.
//!
//! ```text
//! cargo run --release --example minify_bench -- public/index.html
//! ```

use std::time::Instant;

/// Calls timed per file.
const CALLS: u32 = 2_000;

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).ok_or_else(|| anyhow::anyhow!("usage: minify_bench FILE.html"))?;
    let html = std::fs::read_to_string(&path)?;
    let started = Instant::now();
    let mut bytes_out = 0;
    for _ in 0..CALLS {
        bytes_out = baken::render::minify::minify_page(&html).len();
    }
    let per_call = started.elapsed() / CALLS;
    let throughput = html.len() as f64 / per_call.as_secs_f64() / 1e6;
    println!("{path}: {} bytes in, {bytes_out} out, {per_call:?} per call, {throughput:.1} MB/s", html.len());
    Ok(())
}
