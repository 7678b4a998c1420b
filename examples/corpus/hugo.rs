//! A Hugo site with the same Markdown bodies, for comparison.
//!
//! The default layout makes what the default Baken theme makes of a page:
//! the same head, header with search form, main menu, table of contents,
//! body, lists of signals and partners, "Zie ook" list and footer. The
//! signals, partners and audiences of the pages are Hugo taxonomies, so Hugo
//! writes a page per signal, partner and audience that lists its pages, as
//! Baken does. Hugo's related content, from the signals and partners of a
//! page, takes the place of Baken's related items: with the audiences as
//! well, each page would be compared with half the site, and Hugo took two
//! minutes. RSS and the sitemap are off: Baken makes neither.
//!
//! The minimal layout (`--hugo-layout minimal`) shows how fast Hugo is when
//! it makes much less: one template with the title, summary, table of
//! contents and body, and no taxonomy pages.

use std::path::Path;

use anyhow::Result;

use crate::text::quoted;
use crate::write_file;

const CONFIG: &str = r#"baseURL = "http://localhost/"
languageCode = "nl"
title = "Mensenhandel Nederland (synthetisch)"
uglyURLs = true
disableKinds = ["RSS", "sitemap"]

[taxonomies]
signal = "signals"
partner = "partners"
audience = "audience"

[markup.tableOfContents]
startLevel = 2
endLevel = 2

[related]
includeNewer = true
threshold = 20
toLower = false
[[related.indices]]
name = "signals"
weight = 100
[[related.indices]]
name = "partners"
weight = 80

[[menus.main]]
name = "Van signaal naar actie"
url = "/meldroute/index.html"
weight = 1
[[menus.main]]
name = "Signalen"
url = "/signals/index.html"
weight = 2
[[menus.main]]
name = "Partners"
url = "/partners/index.html"
weight = 3
[[menus.main]]
name = "Casussen"
url = "/casussen/index.html"
weight = 4
[[menus.main]]
name = "Quizzen"
url = "/quizzen/index.html"
weight = 5
[[menus.main]]
name = "Begrippen"
url = "/begrippen.html"
weight = 6
[[menus.main]]
name = "Waar meld ik?"
url = "/waar-melden.html"
weight = 7
"#;

const BASEOF: &str = r##"<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/css/base.css" | relURL }}">
<link rel="stylesheet" href="{{ "assets/css/search.css" | relURL }}">
<link rel="stylesheet" href="{{ "assets/css/wizard.css" | relURL }}">
<link rel="stylesheet" href="{{ "assets/css/quiz.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#main">Naar de inhoud</a>
<div class="acute" role="note">
  <p><strong>Acuut gevaar?</strong> Bel <a href="tel:112">112</a>.</p>
</div>
<header class="site-header">
  <div class="site-header__inner">
    <a class="site-title" href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a>
    <form class="site-search" action="{{ "zoeken.html" | relURL }}" method="get" role="search">
      <label for="site-search-q">Zoeken op de site</label>
      <div class="site-search__row">
        <input type="search" name="q" id="site-search-q" autocomplete="off" spellcheck="false">
        <button type="submit">Zoek</button>
      </div>
    </form>
  </div>
  <nav class="site-nav" aria-label="Hoofdmenu">
    <ul>
      {{ $page := . }}{{ range .Site.Menus.main }}<li><a href="{{ .URL | relURL }}"{{ if eq .URL $page.RelPermalink }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
      {{ end }}
    </ul>
  </nav>
</header>
<main id="main" tabindex="-1">
{{ block "main" . }}{{ end }}
{{ with first 5 (.Site.RegularPages.Related .) }}
<aside class="related" aria-labelledby="zie-ook">
  <h2 id="zie-ook">Zie ook</h2>
  <ul>
    {{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="kind">{{ .Section }}</span></li>
    {{ end }}
  </ul>
</aside>
{{ end }}
</main>
<footer class="site-footer">
  <ul>
    <li><a href="{{ "contactblad.html" | relURL }}">Contactblad</a></li>
    <li><a href="{{ "gemeenten.html" | relURL }}">Gemeenten</a></li>
    <li><a href="{{ "over-deze-site.html" | relURL }}">Over deze site</a></li>
    <li><a href="{{ "toegankelijkheid.html" | relURL }}">Toegankelijkheid</a></li>
    <li><a href="{{ "kaart.html" | relURL }}">Alle pagina's</a></li>
  </ul>
  <p>Deze site werkt ook zonder internet. Er worden geen gegevens verstuurd.</p>
</footer>
<script src="{{ "assets/js/search.js" | relURL }}" defer></script>
</body>
</html>
"##;

const SINGLE: &str = r#"{{ define "main" }}<article class="page">
  <h1>{{ .Title }}</h1>
  <p class="lead">{{ .Description }}</p>
  {{ if gt (len .Fragments.Headings) 0 }}
  <nav class="toc" aria-labelledby="toc-title">
    <h2 id="toc-title">Op deze pagina</h2>
    {{ .TableOfContents }}
  </nav>
  {{ end }}
  <div class="prose">{{ .Content }}</div>
  {{ with .GetTerms "signals" }}
  <section aria-labelledby="signalen"><h2 id="signalen">Signalen</h2>
    <ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
  </section>
  {{ end }}
  {{ with .GetTerms "partners" }}
  <section aria-labelledby="contact"><h2 id="contact">Contact</h2>
    <ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
  </section>
  {{ end }}
</article>{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="page-list">{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>{{ end }}</ul>{{ end }}
"#;

/// The layout of the minimal site: the title, summary, table of contents
/// and body of a page, without taxonomies.
const MINIMAL_CONFIG: &str = r#"baseURL = "http://localhost/"
languageCode = "nl"
title = "Mensenhandel Nederland (synthetisch)"
uglyURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
"#;

const MINIMAL_BASEOF: &str = r#"<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "index.html" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const MINIMAL_SINGLE: &str = r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ .Description }}</p>
{{ .TableOfContents }}
{{ .Content }}
</article>{{ end }}
"#;

/// The set of pages the Hugo site makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Layout {
    /// The pages of the default Baken theme.
    Theme,
    /// One template with the title, summary, table of contents and body.
    Minimal,
}

/// Writes the configuration and the layout templates.
pub fn write_skeleton(dir: &Path, layout: Layout) -> Result<()> {
    let (config, baseof, single) = match layout {
        Layout::Theme => (CONFIG, BASEOF, SINGLE),
        Layout::Minimal => (MINIMAL_CONFIG, MINIMAL_BASEOF, MINIMAL_SINGLE),
    };
    write_file(&dir.join("hugo.toml"), config)?;
    write_file(&dir.join("layouts/_default/baseof.html"), baseof)?;
    write_file(&dir.join("layouts/_default/single.html"), single)?;
    write_file(&dir.join("layouts/_default/list.html"), LIST)?;
    write_file(&dir.join("layouts/index.html"), LIST)
}

/// Writes one page at `content/ID.md` with Hugo's front matter, the
/// taxonomy lines `terms` (YAML, each ending in a newline) and `body` unchanged.
pub fn write_page(dir: &Path, id: &str, title: &str, summary: &str, terms: &str, body: &str) -> Result<()> {
    let text = format!("---\ntitle: {}\ndescription: {}\n{terms}---\n\n{body}", quoted(title), quoted(summary));
    write_file(&dir.join("content").join(format!("{id}.md")), &text)
}
