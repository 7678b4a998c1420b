//! The HTTP side of the live preview: site files, the live-reload script and
//! the long-poll endpoint that reports to open pages when to reload.
//!
//! Every path under `/__baken/` is reserved for the server; every other path
//! is looked up in the last good build.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::watch;
use tracing::warn;

use super::inject::{inject_live_reload, SCRIPT_PATH};
use super::path::{content_type, resolve, Resolved};
use super::state::Status;

/// How long a poll waits for a rebuild before it responds with the unchanged state.
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

const LIVE_RELOAD_JS: &str = include_str!("livereload.js");

/// State shared by every request handler.
#[derive(Clone)]
pub struct App {
    /// The state after the last rebuild attempt.
    pub status: watch::Receiver<Arc<Status>>,
    /// Becomes true when the server stops, to end waiting polls.
    pub shutdown: watch::Receiver<bool>,
    /// Id of this server run, so that pages notice a restarted server.
    pub server_id: Arc<str>,
    /// Accept only requests addressed to a loopback name (`localhost`,
    /// `127.0.0.1`, `[::1]`), which a server bound to loopback should do.
    pub loopback_only: bool,
}

/// Builds the router: the reserved `/__baken/` paths, then the site.
pub fn router(app: App) -> Router {
    Router::new()
        .route(SCRIPT_PATH, get(live_reload_script))
        .route("/__baken/events", get(events))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(app.clone(), check_host))
        .with_state(app)
}

/// Rejects requests whose `Host` is not a loopback name while the server
/// listens on loopback only. A web page elsewhere could otherwise point its
/// own domain name at 127.0.0.1 (DNS rebinding) and read the preview.
async fn check_host(State(app): State<App>, request: Request, next: Next) -> Response {
    if app.loopback_only && !is_loopback_host(request.headers()) {
        warn!(
            host = ?request.headers().get(header::HOST),
            path = %request.uri().path(),
            "rejected a request for another host name"
        );
        return respond(
            StatusCode::FORBIDDEN,
            "text/plain; charset=utf-8",
            Body::from("the preview accepts requests for localhost only\n"),
        );
    }
    next.run(request).await
}

/// Returns true when the `Host` header names localhost, 127.0.0.0/8 or ::1, with or without a port.
fn is_loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.split(':').next().unwrap_or(""),
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

async fn live_reload_script() -> Response {
    respond(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        Body::from(LIVE_RELOAD_JS),
    )
}

/// Query of a poll from the live-reload script.
#[derive(Debug, Deserialize)]
struct PollQuery {
    /// Build the polling page came from.
    build: Option<u64>,
    /// Request path of the polling page, as `location.pathname` gives it.
    path: Option<String>,
    /// Last attempt the page saw. Without it the poll responds at once.
    attempt: Option<u64>,
}

/// Responds to a poll: at once when the state differs from what the page
/// saw, else after the next rebuild attempt, the poll timeout or shutdown.
async fn events(State(app): State<App>, Query(query): Query<PollQuery>) -> Response {
    if let Some(seen) = query.attempt {
        let mut status = app.status.clone();
        let mut shutdown = app.shutdown.clone();
        tokio::select! {
            _ = status.wait_for(|s| s.attempt != seen) => {}
            _ = shutdown.wait_for(|stopping| *stopping) => {}
            _ = tokio::time::sleep(POLL_TIMEOUT) => {}
        }
    }

    let status = app.status.borrow().clone();
    let site = &status.site;
    let reload = match (query.build, query.path.as_deref()) {
        (Some(build), Some(path)) => match resolve(path, &site.files) {
            Resolved::File(key) | Resolved::NotFound(key) => site.has_changed_since(&key, build),
            Resolved::Redirect(_) | Resolved::BadRequest => false,
        },
        _ => false,
    };
    let body = json!({
        "server": &*app.server_id,
        "attempt": status.attempt,
        "build": site.build,
        "ok": status.error.is_none(),
        "error": status.error,
        "reload": reload,
    });
    respond(
        StatusCode::OK,
        "application/json",
        Body::from(body.to_string()),
    )
}

/// Serves a file of the last good build, the site's 404 page, or an error.
async fn site_file(State(app): State<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = respond(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            Body::from("method not allowed\n"),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let status = app.status.borrow().clone();
    let site = &status.site;
    if site.build == 0 {
        return waiting_page(&status, &app.server_id);
    }
    match resolve(uri.path(), &site.files) {
        Resolved::File(key) => file_response(
            StatusCode::OK,
            &key,
            &site.files[&key],
            site.build,
            &app.server_id,
        ),
        Resolved::Redirect(location) => {
            let location = match uri.query() {
                Some(query) => format!("{location}?{query}"),
                None => location,
            };
            let mut response = respond(
                StatusCode::MOVED_PERMANENTLY,
                "text/plain; charset=utf-8",
                Body::empty(),
            );
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Resolved::NotFound(_) => match site.files.get("404.html") {
            Some(page) => file_response(
                StatusCode::NOT_FOUND,
                "404.html",
                page,
                site.build,
                &app.server_id,
            ),
            None => respond(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                Body::from("not found\n"),
            ),
        },
        Resolved::BadRequest => respond(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            Body::from("bad request path\n"),
        ),
    }
}

fn file_response(
    code: StatusCode,
    key: &str,
    bytes: &Bytes,
    build: u64,
    server_id: &str,
) -> Response {
    let kind = content_type(key);
    let body = if kind.starts_with("text/html") {
        Body::from(inject_live_reload(bytes, build, server_id))
    } else {
        Body::from(bytes.clone())
    };
    respond(code, kind, body)
}

/// Renders the page shown before the first good build: the state and, after
/// a failed first build, its errors. It reloads itself when a build succeeds.
fn waiting_page(status: &Status, server_id: &str) -> Response {
    let message = match &status.error {
        Some(error) => format!(
            "<h1>De site kon niet worden gebouwd</h1>\
             <p>Herstel de fout en sla het bestand opnieuw op.</p><pre>{}</pre>",
            crate::render::markdown::escape_html(error)
        ),
        None => "<h1>De site wordt gebouwd</h1>\
                 <p>Deze pagina laadt opnieuw zodra de site klaar is.</p>"
            .to_string(),
    };
    let html = format!(
        "<!doctype html><html lang=nl><head><meta charset=utf-8>\
         <title>Baken preview</title></head><body>{message}</body></html>"
    );
    let body = inject_live_reload(html.as_bytes(), 0, server_id);
    respond(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/html; charset=utf-8",
        Body::from(body),
    )
}

fn respond(code: StatusCode, kind: &'static str, body: Body) -> Response {
    let mut response = (code, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    // The preview changes on every save, so browsers must not keep copies.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn loopback_host_names_are_accepted() {
        for value in [
            "127.0.0.1:1111",
            "localhost",
            "LOCALHOST:8080",
            "[::1]:1111",
            "127.0.0.2",
        ] {
            assert!(is_loopback_host(&host(value)), "{value}");
        }
    }

    #[test]
    fn other_host_names_are_rejected() {
        for value in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "[::2]:1111",
            "10.0.0.1",
        ] {
            assert!(!is_loopback_host(&host(value)), "{value}");
        }
        assert!(!is_loopback_host(&HeaderMap::new()), "missing Host");
    }
}
