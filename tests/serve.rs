//! `baken serve` end to end: the real binary on a copy of a site, spoken to
//! over 127.0.0.1 with plain HTTP/1.1 requests on a `TcpStream`.

mod common;

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{fixture_site, real_site};

/// Maximum wait for a build or rebuild, generous for a loaded CI machine.
const DEADLINE: Duration = Duration::from_secs(60);

/// A running `baken serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `baken serve --port 0` on `root` and waits for the first good build.
    fn start(root: &Path) -> Server {
        let server = Server::spawn(root);
        server.wait_for(|s| s["build"].as_u64() >= Some(1), "the first build");
        server
    }

    /// Starts `baken serve --port 0` on `root` and returns once it listens.
    fn spawn(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_baken"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env_remove("BAKEN_LOG")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("baken serve starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).expect("first line of stdout");
        let port = first
            .trim()
            .strip_prefix("Serving on http://127.0.0.1:")
            .and_then(|rest| rest.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("first stdout line names no port: {first:?}"));
        let stdout_text = Arc::new(Mutex::new(first));
        let stderr_text = Arc::new(Mutex::new(String::new()));
        collect(stdout, Arc::clone(&stdout_text));
        collect(
            BufReader::new(child.stderr.take().unwrap()),
            Arc::clone(&stderr_text),
        );
        Server {
            child,
            port,
            stdout: stdout_text,
            stderr: stderr_text,
        }
    }

    fn get(&self, path: &str) -> Response {
        request(
            self.port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        )
    }

    /// Returns the live-reload state as the poll endpoint reports it, at once.
    fn state(&self) -> serde_json::Value {
        let response = self.get("/__baken/events");
        assert_eq!(response.status, 200, "events endpoint: {}", response.body);
        serde_json::from_str(&response.body).expect("events endpoint returns JSON")
    }

    /// Polls the state until `done` holds, or panics after [`DEADLINE`].
    fn wait_for(&self, done: impl Fn(&serde_json::Value) -> bool, what: &str) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let state = self.state();
            if done(&state) {
                return state;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "timed out waiting for {what}; last state {state}\nstderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Waits until stdout contains `text`, or panics after [`DEADLINE`].
    fn wait_for_stdout(&self, text: &str) {
        let started = Instant::now();
        while !self.stdout().contains(text) {
            assert!(
                started.elapsed() < DEADLINE,
                "stdout never contained {text:?}:\n{}",
                self.stdout()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Polls `path` until its body contains `text`, or panics after [`DEADLINE`].
    fn wait_for_page(&self, path: &str, text: &str) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(path);
            if response.body.contains(text) {
                return response;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{path} never contained {text:?}\nstderr:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Appends every line `reader` produces to `into`, on a thread of its own,
/// so the child never blocks on a full pipe.
fn collect(reader: impl BufRead + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            let mut text = into.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
}

/// A parsed HTTP response.
struct Response {
    status: u16,
    headers: HashMap<String, String>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }
}

/// Sends `raw` to 127.0.0.1:`port` as it is and reads the whole response.
fn request(port: u16, raw: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("server accepts connections");
    stream.set_read_timeout(Some(DEADLINE)).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("response read");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_string(),
    }
}

/// Replaces `from` with `to` in a site file, failing when `from` is absent.
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serves_pages_with_content_types() {
    let site = real_site();
    let server = Server::start(site.path());
    let cases = [
        ("/", 200, "text/html; charset=utf-8"),
        ("/beleid/vormen.html", 200, "text/html; charset=utf-8"),
        ("/meldroute/", 200, "text/html; charset=utf-8"),
        ("/assets/css/base.css", 200, "text/css; charset=utf-8"),
        (
            "/assets/js/search.js",
            200,
            "text/javascript; charset=utf-8",
        ),
        ("/partners/avim.vcf", 200, "text/vcard; charset=utf-8"),
        (
            "/__baken/livereload.js",
            200,
            "text/javascript; charset=utf-8",
        ),
        ("/__baken/events", 200, "application/json"),
    ];
    for (path, status, kind) in cases {
        let response = server.get(path);
        assert_eq!(response.status, status, "status of {path}");
        assert_eq!(
            response.header("content-type"),
            kind,
            "content type of {path}"
        );
        assert_eq!(
            response.header("cache-control"),
            "no-store",
            "cache header of {path}"
        );
    }
}

#[test]
fn folder_without_slash_redirects() {
    let site = real_site();
    let server = Server::start(site.path());
    let response = server.get("/meldroute");
    assert_eq!(response.status, 301);
    assert_eq!(response.header("location"), "/meldroute/");
}

#[test]
fn unknown_path_gets_site_404_page() {
    let site = real_site();
    let server = Server::start(site.path());
    let response = server.get("/bestaat/niet.html");
    assert_eq!(response.status, 404);
    assert!(
        response.body.contains("Pagina niet gevonden"),
        "404 body: {}",
        response.body
    );
    assert!(response.body.contains("/__baken/livereload.js"));
}

#[test]
fn served_html_loads_live_reload_and_allows_polling() {
    let site = real_site();
    let server = Server::start(site.path());
    let page = server.get("/beleid/vormen.html").body;
    assert!(
        page.contains("<script src=\"/__baken/livereload.js\""),
        "no live-reload script"
    );
    assert!(
        page.contains("connect-src 'self'"),
        "CSP not loosened for polling"
    );
    assert!(!page.contains("connect-src 'none'"));
    assert!(
        page.contains("script-src 'self'"),
        "script-src must stay 'self'"
    );
    let script = server.get("/__baken/livereload.js").body;
    assert!(
        !script.contains("innerHTML"),
        "the overlay must be built from text nodes"
    );
}

#[test]
fn build_output_has_no_live_reload() {
    let site = fixture_site(&["minimal"]);
    let output = common::baken(site.path(), &["build"]);
    assert!(
        output.status.success(),
        "build failed: {}",
        common::stderr(&output)
    );
    for entry in walkdir::WalkDir::new(site.path().join("public"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("__baken"),
                "{} mentions __baken",
                entry.path().display()
            );
            assert!(
                !text.contains("livereload"),
                "{} mentions livereload",
                entry.path().display()
            );
        }
    }
}

#[test]
fn edit_updates_served_page() {
    let site = real_site();
    let server = Server::start(site.path());
    let marker = "Deze zin is net toegevoegd in de preview.";
    assert!(!server.get("/beleid/vormen.html").body.contains(marker));

    let path = site.path().join("content/beleid/vormen.md");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(&format!("\n{marker}\n"));
    fs::write(&path, text).unwrap();
    let response = server.wait_for_page("/beleid/vormen.html", marker);
    assert_eq!(response.status, 200);
    server.wait_for_stdout("after a change to content/beleid/vormen.md");
}

#[test]
fn body_edit_renders_few_pages() {
    let site = fixture_site(&["minimal"]);
    let server = Server::start(site.path());
    edit(
        site.path(),
        "content/welkom.md",
        "## Eerste kop",
        "## Eerste kop\n\nNieuwe alinea.",
    );
    server.wait_for_page("/welkom.html", "Nieuwe alinea.");
    server.wait_for_stdout("after a change to content/welkom.md");
    let line = last_rebuild_line(&server);
    let (rendered, total) = rendered_counts(&line);
    assert!(rendered >= 1, "a body edit rendered no page: {line}");
    assert!(rendered < total, "a body edit rendered every page: {line}");
}

#[test]
fn template_edit_renders_all_pages() {
    let site = fixture_site(&["minimal"]);
    let server = Server::start(site.path());
    edit(
        site.path(),
        "themes/default/templates/base.html",
        "</footer>",
        "<p>Sjabloonregel</p></footer>",
    );
    server.wait_for_page("/welkom.html", "Sjabloonregel");
    server.wait_for_stdout("after a change to themes/default/templates/base.html");
    let line = last_rebuild_line(&server);
    let (rendered, total) = rendered_counts(&line);
    assert_eq!(
        rendered, total,
        "a template edit must render every page: {line}"
    );
}

fn last_rebuild_line(server: &Server) -> String {
    let stdout = server.stdout();
    stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("Rebuilt in"))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no rebuild line in stdout:\n{stdout}"))
}

/// Reads "rendered N of M pages" from a rebuild line.
fn rendered_counts(line: &str) -> (usize, usize) {
    let rest = line.split("rendered ").nth(1).expect("rendered count");
    let mut words = rest.split(' ');
    let rendered = words.next().unwrap().parse().unwrap();
    let total = words.nth(1).unwrap().parse().unwrap();
    (rendered, total)
}

#[test]
fn burst_of_writes_causes_one_rebuild() {
    let site = fixture_site(&["minimal"]);
    let server = Server::start(site.path());
    let path = site.path().join("content/welkom.md");
    let original = fs::read_to_string(&path).unwrap();
    for i in 0..10 {
        fs::write(&path, format!("{original}\nVersie {i}.\n")).unwrap();
    }
    server.wait_for_page("/welkom.html", "Versie 9.");
    std::thread::sleep(Duration::from_millis(800));
    let rebuilds = server
        .stdout()
        .lines()
        .filter(|l| l.starts_with("Rebuilt in"))
        .count();
    assert_eq!(rebuilds, 1, "stdout:\n{}", server.stdout());
}

#[test]
fn bad_edit_keeps_last_good_site() {
    let site = fixture_site(&["minimal"]);
    let server = Server::start(site.path());
    let before = server.get("/partners/team-a.html");
    assert_eq!(before.status, 200);
    assert!(before.body.contains("Team A"));
    let attempt = server.state()["attempt"].as_u64().unwrap();

    // A poll that names the current attempt waits until the next one.
    let port = server.port;
    let poll = std::thread::spawn(move || {
        let path =
            format!("/__baken/events?build=1&path=%2Fpartners%2Fteam-a.html&attempt={attempt}");
        request(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        )
    });
    std::thread::sleep(Duration::from_millis(200));
    edit(
        site.path(),
        "content/partners/team-a.yaml",
        "name: Team A",
        "name: [Team A",
    );

    let polled: serde_json::Value = serde_json::from_str(&poll.join().unwrap().body).unwrap();
    assert_eq!(polled["ok"], false, "poll answer: {polled}");
    let error = polled["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("content/partners/team-a.yaml:"),
        "error names no file and line: {error}"
    );
    assert!(error.contains("error["), "error has no code: {error}");

    // The last good page stays online and the terminal shows the error.
    let during = server.get("/partners/team-a.html");
    assert_eq!(during.status, 200);
    assert_eq!(during.body, before.body);
    let stderr = server.stderr();
    assert!(
        stderr.contains("content/partners/team-a.yaml:"),
        "stderr:\n{stderr}"
    );
    assert!(
        stderr.contains("still serving the last good build"),
        "stderr:\n{stderr}"
    );

    // The next good save clears the error.
    edit(
        site.path(),
        "content/partners/team-a.yaml",
        "name: [Team A",
        "name: Team Alfa",
    );
    server.wait_for(|s| s["ok"] == true, "recovery");
    server.wait_for_page("/partners/team-a.html", "Team Alfa");
    assert!(server.state()["error"].is_null());
}

#[test]
fn failed_first_build_serves_error_until_fixed() {
    let site = fixture_site(&["minimal"]);
    edit(
        site.path(),
        "content/partners/team-a.yaml",
        "name: Team A",
        "name: [Team A",
    );
    let server = Server::spawn(site.path());
    let state = server.wait_for(|s| s["ok"] == false, "the failed first build");
    assert_eq!(state["build"], 0);
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("team-a.yaml"), "503 body: {}", page.body);

    edit(
        site.path(),
        "content/partners/team-a.yaml",
        "name: [Team A",
        "name: Team A",
    );
    server.wait_for(|s| s["build"] == 1, "the first good build");
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn page_reload_flag_follows_changes() {
    let site = fixture_site(&["minimal"]);
    let server = Server::start(site.path());
    let build = server.state()["build"].as_u64().unwrap();
    let ask = |path: &str| server.get(&format!("/__baken/events?build={build}&path={path}"));
    let reload = |path: &str| {
        serde_json::from_str::<serde_json::Value>(&ask(path).body).unwrap()["reload"].clone()
    };
    assert_eq!(reload("/welkom.html"), false);

    edit(
        site.path(),
        "content/welkom.md",
        "## Eerste kop",
        "## Eerste kop\n\nAndere tekst.",
    );
    server.wait_for_page("/welkom.html", "Andere tekst.");
    server.wait_for_stdout("Updated search and related items");
    assert_eq!(reload("/welkom.html"), true);
    assert_eq!(reload("/contactblad.html"), false);
}

#[test]
fn path_traversal_is_rejected() {
    let site = fixture_site(&["minimal"]);
    fs::write(site.path().join("geheim.txt"), "GEHEIM-BUITEN-DE-SITE").unwrap();
    let server = Server::start(site.path());
    let attempts = [
        "/../baken.yaml",
        "/../../../../etc/passwd",
        "/assets/../../baken.yaml",
        "/%2e%2e/baken.yaml",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fbaken.yaml",
        "/..%2F..%2F..%2Fetc%2Fpasswd",
        "/%2e%2e%2fgeheim.txt",
        "/..%5cbaken.yaml",
        "/%5c..%5cgeheim.txt",
        "/..\\geheim.txt",
        "/%252e%252e/baken.yaml",
        "/%252e%252e%252fgeheim.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/geheim.txt",
        "/baken.yaml",
        "/index.html%00.css",
        "/%00",
        "/%c0%ae%c0%ae/baken.yaml",
        "/.%2e/baken.yaml",
        "http://127.0.0.1/../baken.yaml",
    ];
    for target in attempts {
        let response = request(
            server.port,
            &format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
        );
        assert!(
            response.status == 400 || response.status == 404,
            "{target} gave status {}",
            response.status
        );
        assert!(
            !response.body.contains("GEHEIM-BUITEN-DE-SITE"),
            "{target} leaked a file of the site root"
        );
        assert!(
            !response.body.contains("output_dir"),
            "{target} leaked baken.yaml"
        );
        assert!(
            !response.body.contains("root:x:0"),
            "{target} leaked /etc/passwd"
        );
    }
}

#[test]
fn foreign_host_name_is_rejected() {
    let site = fixture_site(&["minimal"]);
    let server = Server::start(site.path());
    let response = request(
        server.port,
        "GET /welkom.html HTTP/1.1\r\nHost: aanvaller.example\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(response.status, 403);
    assert!(
        !response.body.contains("Welkom"),
        "page content leaked to a foreign host name"
    );
    let localhost = request(
        server.port,
        &format!(
            "GET /welkom.html HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
            server.port
        ),
    );
    assert_eq!(localhost.status, 200);
}

#[test]
fn other_methods_are_not_allowed() {
    let site = fixture_site(&["minimal"]);
    let server = Server::start(site.path());
    let raw = "POST /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\
               Content-Length: 0\r\nConnection: close\r\n\r\n";
    let response = request(server.port, raw);
    assert_eq!(response.status, 405);
    assert_eq!(response.header("allow"), "GET, HEAD");
}

#[test]
fn many_concurrent_requests_succeed() {
    let site = fixture_site(&["minimal"]);
    let server = Server::start(site.path());
    let port = server.port;
    let workers: Vec<_> = (0..32)
        .map(|i| {
            std::thread::spawn(move || {
                let paths = [
                    "/",
                    "/welkom.html",
                    "/assets/css/base.css",
                    "/partners/team-a.vcf",
                ];
                (0..10)
                    .map(|j| {
                        request(
                            port,
                            &format!(
                                "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                                paths[(i + j) % 4]
                            ),
                        )
                        .status
                    })
                    .collect::<Vec<u16>>()
            })
        })
        .collect();
    for worker in workers {
        assert!(worker.join().unwrap().iter().all(|status| *status == 200));
    }
}
