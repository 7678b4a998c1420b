// The built site under test and the two ways a visitor opens it: from the
// file system (file://, as from a network share) and over http on 127.0.0.1.
"use strict";

const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const SITE_DIR = path.resolve(
  process.env.BAKEN_SITE || path.join(__dirname, "..", "..", "..", "target", "browser-site"),
);

if (!fs.existsSync(path.join(SITE_DIR, "index.html"))) {
  throw new Error(
    `No built site at ${SITE_DIR} (index.html is missing). ` +
      "Build it with `cargo run -- build --out target/browser-site` or set BAKEN_SITE to the built site folder.",
  );
}

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".vcf": "text/vcard; charset=utf-8",
  ".pdf": "application/pdf",
  ".webmanifest": "application/manifest+json",
};

function contentType(filePath) {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] || "application/octet-stream";
}

// Maps a request path to a file inside `root`, or null when the path is
// invalid or escapes the root. A path ending in "/" gets "index.html".
function resolveRequestPath(root, requestPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) {
    return null;
  }
  if (decoded.endsWith("/")) {
    decoded += "index.html";
  }
  const filePath = path.resolve(root, "." + path.posix.normalize(decoded));
  if (filePath !== root && !filePath.startsWith(root + path.sep)) {
    return null;
  }
  return filePath;
}

function sendNotFound(root, response) {
  const page = path.join(root, "404.html");
  fs.readFile(page, (error, body) => {
    if (error) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      response.end("404 Not Found\n");
      return;
    }
    response.writeHead(404, { "Content-Type": CONTENT_TYPES[".html"], "Content-Length": body.length });
    response.end(body);
  });
}

// Starts a static file server for `root` on 127.0.0.1 with a free port.
// Returns `{origin, close}`. Missing files get status 404 with 404.html as
// the body, and a folder without a trailing slash is redirected to it.
function startStaticServer(root) {
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" });
      response.end();
      return;
    }
    const requestPath = new URL(request.url, "http://127.0.0.1").pathname;
    const filePath = resolveRequestPath(root, requestPath);
    if (filePath === null) {
      sendNotFound(root, response);
      return;
    }
    fs.stat(filePath, (statError, stats) => {
      if (!statError && stats.isDirectory()) {
        response.writeHead(301, { Location: requestPath + "/" });
        response.end();
        return;
      }
      if (statError || !stats.isFile()) {
        sendNotFound(root, response);
        return;
      }
      response.writeHead(200, {
        "Content-Type": contentType(filePath),
        "Content-Length": stats.size,
        "Cache-Control": "no-store",
      });
      if (request.method === "HEAD") {
        response.end();
        return;
      }
      fs.createReadStream(filePath).pipe(response);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

// Splits "a/b.html?q=x#frag" into the path and the rest ("?q=x#frag").
function splitSuffix(relativeUrl) {
  const match = /^([^?#]*)(.*)$/.exec(relativeUrl);
  return { filePart: match[1], suffix: match[2] };
}

// Opens the site at `siteDir` the way a visitor would: `kind` "file" reads
// it from the file system, and "http" serves it over http on 127.0.0.1.
// Returns a target with:
//   name          "file" or "http"
//   url(rel)      the address of a page, such as url("meldroute/index.html#stap-af-su")
//   isSiteUrl(u)  true when `u` points into the site itself
//   relative(u)   `u` relative to the site root ("partners/avim.html#x"), or null
//   close()       stops the server, if any
// NOTE: this is the one place that chooses the http server. To test the site
// with `baken serve` instead, start it here and return its origin.
async function openSite(kind, siteDir = SITE_DIR) {
  const root = path.resolve(siteDir);
  if (kind === "file") {
    const base = pathToFileURL(root + path.sep).href;
    return {
      name: "file",
      root,
      url(relativeUrl) {
        const { filePart, suffix } = splitSuffix(relativeUrl);
        return pathToFileURL(path.join(root, filePart)).href + suffix;
      },
      isSiteUrl: (address) => address.startsWith(base),
      relative: (address) => (address.startsWith(base) ? decodeURI(address.slice(base.length)) : null),
      close: async () => {},
    };
  }
  if (kind === "http") {
    const server = await startStaticServer(root);
    return {
      name: "http",
      root,
      origin: server.origin,
      url: (relativeUrl) => `${server.origin}/${relativeUrl.replace(/^\/+/, "")}`,
      isSiteUrl: (address) => address.startsWith(server.origin + "/"),
      relative: (address) =>
        address.startsWith(server.origin + "/") ? decodeURI(address.slice(server.origin.length + 1)) : null,
      close: server.close,
    };
  }
  throw new Error(`Unknown site target kind ${JSON.stringify(kind)}: use "file" or "http"`);
}

const TARGET_KINDS = ["file", "http"];

// Lists every *.html file of the site as a path relative to the site root,
// with "/" as separator, sorted.
function listHtmlPages(siteDir = SITE_DIR) {
  const pages = [];
  const walk = (folder) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith(".html")) {
        pages.push(path.relative(siteDir, full).split(path.sep).join("/"));
      }
    }
  };
  walk(siteDir);
  return pages.sort();
}

module.exports = { SITE_DIR, TARGET_KINDS, openSite, startStaticServer, listHtmlPages };
