//! Measures the live preview: the time from saving one Markdown page to the
//! rebuilt page being served by `baken serve`.
//!
//! The site is a temporary copy of the real site, optionally with synthetic
//! pages added under `content/synthetiek/`. Each run appends a unique line to
//! one page and polls that page over HTTP every 2 ms until the line appears.
//! Before the next run it waits for the server to finish the search index
//! it rebuilds in the background, so each run saves into an idle server.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example serve_latency -- --bin target/release/baken --pages 10000 --runs 9
//! ```
//!
//! `--dir DIR` writes the site into DIR and keeps it, to run `baken serve -vv`
//! on it by hand and see the time of each step.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Settings from the command line.
struct Options {
    bin: PathBuf,
    pages: usize,
    runs: usize,
    /// Folder to write the site into and keep; a temporary folder otherwise.
    dir: Option<PathBuf>,
}

fn main() {
    let options = parse_options();
    let temporary = tempfile::tempdir().expect("temporary folder");
    let root = options
        .dir
        .clone()
        .unwrap_or_else(|| temporary.path().to_path_buf());
    std::fs::create_dir_all(&root).expect("site folder");
    copy_real_site(&root);
    write_synthetic_pages(&root, options.pages);
    let target = if options.pages > 0 {
        format!("content/synthetiek/p{:05}.md", options.pages / 2)
    } else {
        "content/beleid/vormen.md".to_string()
    };
    let url_path = format!(
        "/{}",
        target
            .trim_start_matches("content/")
            .replace(".md", ".html")
    );

    let started = Instant::now();
    let mut server = Server::start(&options.bin, &root);
    server.wait_for_first_build();
    let first_build = started.elapsed();

    let mut samples = Vec::new();
    for run in 0..options.runs {
        let marker = format!("Meetregel {run} {}", std::process::id());
        let file = root.join(&target);
        let mut text = std::fs::read_to_string(&file).expect("page source");
        text.push_str(&format!("\n{marker}\n"));
        let saved = Instant::now();
        std::fs::write(&file, text).expect("page saved");
        loop {
            let body = get(server.port, &url_path);
            if body.contains(&marker) {
                break;
            }
            assert!(
                saved.elapsed() < Duration::from_secs(120),
                "page not rebuilt within 120 s"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        samples.push(saved.elapsed());
        // Each save also rebuilds the search index in the background. Wait
        // for it, so every run measures a save into an idle server.
        server.wait_for_line("Updated search and related items", run + 1);
        std::thread::sleep(Duration::from_millis(200));
    }

    samples.sort();
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    println!("pages added: {}, edited page: {target}", options.pages);
    println!("first build and serve: {:.0} ms", ms(&first_build));
    println!(
        "save to served, {} runs: median {:.0} ms, min {:.0} ms, max {:.0} ms",
        samples.len(),
        ms(&samples[samples.len() / 2]),
        ms(&samples[0]),
        ms(&samples[samples.len() - 1])
    );
    let prefixes = ["Built", "Rebuilt", "Updated"];
    for line in server
        .output
        .lock()
        .unwrap()
        .iter()
        .filter(|l| prefixes.iter().any(|p| l.starts_with(p)))
    {
        println!("  server: {line}");
    }
}

fn parse_options() -> Options {
    let mut options = Options {
        bin: PathBuf::from("target/release/baken"),
        pages: 0,
        runs: 7,
        dir: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .unwrap_or_else(|| panic!("{flag} needs a value"));
        match flag.as_str() {
            "--bin" => options.bin = PathBuf::from(value),
            "--pages" => options.pages = value.parse().expect("--pages takes a number"),
            "--runs" => options.runs = value.parse().expect("--runs takes a number"),
            "--dir" => options.dir = Some(PathBuf::from(value)),
            _ => panic!(
                "unknown option {flag}; options are --bin PATH, --pages N, --runs N, --dir DIR"
            ),
        }
    }
    assert!(options.runs > 0, "--runs must be at least 1");
    options
}

/// Copies baken.yaml, content/, quizzes/ and themes/ of this repository.
fn copy_real_site(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("baken.yaml"), to.join("baken.yaml")).expect("baken.yaml copied");
    for folder in ["content", "quizzes", "themes"] {
        for entry in walkdir::WalkDir::new(root.join(folder)) {
            let entry = entry.expect("readable source");
            let target = to.join(entry.path().strip_prefix(root).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
}

/// Writes `count` simple policy pages, each linking to the next one.
fn write_synthetic_pages(root: &Path, count: usize) {
    if count == 0 {
        return;
    }
    let dir = root.join("content/synthetiek");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..count {
        let next = (i + 1) % count;
        let partners = if i % 10 == 0 {
            "\npartners: [avim]"
        } else {
            ""
        };
        let order = 1000 + i;
        let front_matter = format!(
            "---\ntitle: Synthetische pagina {i}\n\
             summary: Testpagina {i} voor de meting van de live preview.\n\
             order: {order}\naudience: [medewerker]{partners}\n---\n"
        );
        let body = format!(
            "\n## Signalen op het werk\n\n\
             Deze pagina {i} beschrijft signalen van arbeidsuitbuiting in een werkplaats.\n\
             Een medewerker ziet lange werkdagen, geen loonstrook en een werkgever\n\
             die de paspoorten bewaart.\n\n\
             ## Wat doet u?\n\n\
             Bespreek het signaal met de aandachtsfunctionaris.\n\
             Lees ook [de volgende pagina](p{next:05}.html).\n"
        );
        let page = format!("{front_matter}{body}");
        std::fs::write(dir.join(format!("p{i:05}.md")), page).unwrap();
    }
}

/// A running `baken serve` with its output collected by background threads.
struct Server {
    child: Child,
    port: u16,
    output: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(bin: &Path, root: &Path) -> Server {
        let mut child = Command::new(bin)
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|err| {
                panic!(
                    "cannot start {}: {err}; build it with cargo build --release",
                    bin.display()
                )
            });
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).expect("first line of stdout");
        let port = first
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no port in {first:?}"));
        let output = Arc::new(Mutex::new(Vec::new()));
        let lines = Arc::clone(&output);
        std::thread::spawn(move || {
            stdout
                .lines()
                .map_while(Result::ok)
                .for_each(|l| lines.lock().unwrap().push(l))
        });
        let mut stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
        Server {
            child,
            port,
            output,
        }
    }

    /// Waits until `count` lines of stdout start with `prefix`, at most 120 s.
    fn wait_for_line(&self, prefix: &str, count: usize) {
        let deadline = Instant::now() + Duration::from_secs(120);
        while self
            .output
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.starts_with(prefix))
            .count()
            < count
        {
            assert!(
                Instant::now() < deadline,
                "no {count} lines starting with {prefix:?} within 120 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for_first_build(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(300);
        while !get(self.port, "/__baken/events").contains("\"build\":1") {
            assert!(
                Instant::now() < deadline,
                "first build did not finish within 300 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a GET request to 127.0.0.1 and returns the response, headers included.
fn get(port: u16, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return String::new();
    }
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}
