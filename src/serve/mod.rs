//! The live preview behind `baken serve`: build in memory, serve over HTTP,
//! rebuild when a source file changes and tell open pages to reload.
//!
//! Four parts run side by side. A notify watcher ([`watch`]) batches file
//! changes. One rebuild thread ([`driver`]) runs the pipeline incrementally
//! ([`rebuild`]) and publishes each result ([`state`]). A search thread
//! ([`search_worker`]) builds the search index, which takes longest, after
//! the edited page is already served. The tokio runtime serves the last good
//! build and the live-reload endpoint ([`http`]). A failed rebuild keeps the
//! last good build online and sends its errors to the open pages.

pub mod driver;
pub mod fingerprint;
pub mod http;
pub mod inject;
pub mod path;
pub mod rebuild;
pub mod search_worker;
pub mod state;
pub mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use anyhow::Context;
use tokio::sync::watch as channel;
use tracing::{info, warn};

use driver::{Driver, Job};
use rebuild::Rebuilder;
use search_worker::SearchWorker;
use state::Status;

/// How long open connections may take to finish after a stop signal.
const STOP_GRACE: Duration = Duration::from_secs(3);

/// Settings of one `baken serve` run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Site root with baken.yaml, content/, quizzes/ and themes/.
    pub root: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    pub addr: SocketAddr,
    /// Open the site in the default browser once the server listens.
    pub open: bool,
}

/// Runs the live preview until Ctrl-C or SIGTERM.
///
/// Prints `Serving on http://ADDR:PORT/` as the first line of stdout once
/// the socket listens, before the first build has finished.
pub fn serve(options: ServeOptions) -> anyhow::Result<()> {
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("site root {} not found", options.root.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(run_server(root, options))
}

async fn run_server(root: PathBuf, options: ServeOptions) -> anyhow::Result<()> {
    // Listen first, so the address is known while the first build runs.
    let listener = tokio::net::TcpListener::bind(options.addr)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {}; choose another port with --port, or --port 0 for a free one",
                options.addr
            )
        })?;
    let local = listener
        .local_addr()
        .context("cannot read the listening address")?;
    let url = format!("http://{local}/");
    println!("Serving on {url}");
    info!(%url, root = %root.display(), "live preview started");
    if !local.ip().is_loopback() {
        warn!(
            address = %local,
            "the preview is reachable from other machines and shows unpublished content"
        );
    }

    let status = start_rebuilding(&root)?;
    if options.open {
        open_browser(&url);
    }
    serve_until_stopped(listener, status, local.ip().is_loopback()).await?;
    println!("Stopped serving {url}");
    info!("live preview stopped");
    Ok(())
}

/// Starts the watcher, the search thread and the rebuild thread, which
/// runs the first build at once. Returns the channel the builds arrive on.
fn start_rebuilding(root: &Path) -> anyhow::Result<channel::Receiver<Arc<Status>>> {
    // The pipeline blocks and uses rayon, so it gets a thread of its own.
    // The watcher and the search thread send their work to it.
    let (status_tx, status_rx) = channel::channel(Arc::new(Status::default()));
    let (jobs_tx, jobs_rx) = mpsc::channel();
    let changes_tx = jobs_tx.clone();
    let site_watcher = watch::watch_site(root, move |paths| {
        changes_tx.send(Job::Changes(paths)).is_ok()
    })
    .context("cannot start the file watcher")?;
    let rebuilder = Rebuilder::new(root);
    let search = SearchWorker::start(rebuilder.cache_dir(), move |result| {
        // The receiver is gone only while the server shuts down.
        let _ = jobs_tx.send(Job::Search(result));
    })
    .context("cannot start the search thread")?;
    let driver = Driver::new(rebuilder, site_watcher, search, status_tx);
    std::thread::Builder::new()
        .name("baken-rebuild".into())
        .spawn(move || driver.run(jobs_rx))
        .context("cannot start the rebuild thread")?;
    Ok(status_rx)
}

/// Serves until a stop signal, then gives open requests a moment to finish.
///
/// `loopback_only` rejects requests for other host names (see [`http::App`]).
async fn serve_until_stopped(
    listener: tokio::net::TcpListener,
    status: channel::Receiver<Arc<Status>>,
    loopback_only: bool,
) -> anyhow::Result<()> {
    let (stop_tx, stop_rx) = channel::channel(false);
    let app = http::App {
        status,
        shutdown: stop_rx.clone(),
        server_id: server_id().into(),
        loopback_only,
    };
    let mut stopped = stop_rx;
    let server = axum::serve(listener, http::router(app)).with_graceful_shutdown(async move {
        let _ = stopped.wait_for(|stop| *stop).await;
    });
    let mut server = tokio::spawn(std::future::IntoFuture::into_future(server));
    tokio::select! {
        result = &mut server => {
            result.context("the HTTP server task failed")?.context("the HTTP server failed")?;
            return Ok(());
        }
        _ = stop_signal() => {}
    }
    info!("stop requested; shutting down");
    stop_tx.send_replace(true);
    if tokio::time::timeout(STOP_GRACE, server).await.is_err() {
        warn!(grace = ?STOP_GRACE, "connections still open after the grace period, stopped anyway");
    }
    Ok(())
}

/// Returns an id that differs between server runs, so pages notice a restart.
fn server_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{:x}{:x}", nanos, std::process::id())
}

/// Waits for Ctrl-C, or SIGTERM on Unix.
async fn stop_signal() {
    let interrupt = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            warn!(error = %err, "cannot listen for Ctrl-C; stop the server another way");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
}

/// Opens `url` in the default browser; a failure is logged and otherwise ignored,
/// because the URL is printed anyway.
fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    match std::process::Command::new(program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            // Reap the opener when it exits, so it does not linger as a zombie.
            std::thread::spawn(move || {
                if let Ok(code) = child.wait() {
                    if !code.success() {
                        warn!(program, %code, "the browser opener failed; open the URL yourself");
                    }
                }
            });
        }
        Err(err) => warn!(program, error = %err, "cannot open the browser; open the URL yourself"),
    }
}
