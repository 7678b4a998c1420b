//! A minimal Hugo site with the same Markdown bodies, for comparison.
//!
//! The layout is one base template with the title, summary, table of contents
//! and body of a page. Taxonomies, RSS and the sitemap are off, so Hugo does
//! no work that the Baken build has no counterpart for.

use std::path::Path;

use anyhow::Result;

use crate::text::quoted;
use crate::write_file;

const CONFIG: &str = r#"baseURL = "http://localhost/"
languageCode = "nl"
title = "Mensenhandel Nederland (synthetisch)"
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
"#;

const BASEOF: &str = r#"<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ .Description }}</p>
{{ .TableOfContents }}
{{ .Content }}
</article>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"#;

/// Writes the configuration and the layout templates.
pub fn write_skeleton(dir: &Path) -> Result<()> {
    write_file(&dir.join("hugo.toml"), CONFIG)?;
    write_file(&dir.join("layouts/_default/baseof.html"), BASEOF)?;
    write_file(&dir.join("layouts/_default/single.html"), SINGLE)?;
    write_file(&dir.join("layouts/_default/list.html"), LIST)?;
    write_file(&dir.join("layouts/index.html"), LIST)
}

/// Writes one page at `content/ID.md` with Hugo's front matter and `body` unchanged.
pub fn write_page(dir: &Path, id: &str, title: &str, summary: &str, body: &str) -> Result<()> {
    let text = format!("---\ntitle: {}\ndescription: {}\n---\n\n{body}", quoted(title), quoted(summary));
    write_file(&dir.join("content").join(format!("{id}.md")), &text)
}
