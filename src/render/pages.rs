//! The list of pages a site consists of, each with its template and values.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde_json::{json, Value};

use super::markdown::Rendered;
use super::views::{self, gemeente_view, partner_link, partner_view, script_json, signal_link, signal_view};
use super::{Bodies, OutputFile, PagePlan};
use crate::content::common::{Audience, Form};
use crate::content::partner::PartnerKind;
use crate::content::route::Role;
use crate::content::Site;

/// The main menu: the pages every user needs, in order. Entries whose
/// content is missing (no route, no `waar-melden` page) are left out.
pub fn navigation(site: &Site) -> Value {
    let mut items = Vec::new();
    if site.route.is_some() {
        items.push(json!({"title": "Van signaal naar actie", "url": "meldroute/index.html"}));
    }
    items.push(json!({"title": "Signalen", "url": "signalen/index.html"}));
    items.push(json!({"title": "Partners", "url": "partners/index.html"}));
    items.push(json!({"title": "Casussen", "url": "casussen/index.html"}));
    items.push(json!({"title": "Quizzen", "url": "quizzes/index.html"}));
    items.push(json!({"title": "Begrippen", "url": "begrippen.html"}));
    if site.page("waar-melden").is_some() {
        items.push(json!({"title": "Waar meld ik?", "url": "waar-melden.html"}));
    }
    Value::Array(items)
}

/// Returns the optional pages that exist, by page id, so templates link only to those.
/// The route counts as `meldroute`.
pub fn present_pages(site: &Site) -> Value {
    present_pages_among(site, None)
}

/// Returns the entries of [`present_pages`] whose key is in `keys`, or all of
/// them when `keys` is None.
pub fn present_pages_among(site: &Site, keys: Option<&HashSet<String>>) -> Value {
    let mut map = serde_json::Map::new();
    let ids = site.pages.iter().map(|p| p.id.as_str()).chain(site.route.as_ref().map(|_| "meldroute"));
    for id in ids.filter(|id| keys.is_none_or(|keys| keys.contains(*id))) {
        map.insert(id.to_string(), Value::Bool(true));
    }
    Value::Object(map)
}

fn plan(url: impl Into<String>, template: &'static str, title: impl Into<String>, values: Value) -> PagePlan {
    PagePlan { url: url.into(), template, title: title.into(), values }
}

/// Plans every HTML page of the site.
pub fn plan_site(site: &Site, bodies: &Bodies) -> Vec<PagePlan> {
    let mut plans = Vec::new();
    plan_site_in_batches(site, bodies.clone(), &mut |batch| plans.extend(batch));
    plans
}

/// How many plans [`plan_site_in_batches`] hands on at a time.
const BATCH: usize = 256;

/// Plans every HTML page like [`plan_site`] and hands the plans to `sink` a
/// batch at a time, so a large site never keeps the values of all its
/// pages at once. The HTML of page and case bodies moves into the plans.
pub fn plan_site_in_batches(site: &Site, mut bodies: Bodies, sink: &mut dyn FnMut(Vec<PagePlan>)) {
    let mut plans = Batches { plans: Vec::new(), sink };
    plan_homes(site, &mut plans);
    plan_content_pages(site, &mut bodies, &mut plans);
    plan_partners(site, &mut plans);
    plan_signals(site, &bodies, &mut plans);
    plan_cases(site, &mut bodies, &mut plans);
    plan_reference_pages(site, &mut plans);
    plan_route(site, &mut plans);
    plan_quizzes(site, &mut plans);
    plans.flush();
}

/// Plans waiting to be handed to the sink.
struct Batches<'a> {
    plans: Vec<PagePlan>,
    sink: &'a mut dyn FnMut(Vec<PagePlan>),
}

impl Batches<'_> {
    fn push(&mut self, plan: PagePlan) {
        self.plans.push(plan);
        if self.plans.len() >= BATCH {
            self.flush();
        }
    }

    fn extend(&mut self, plans: impl IntoIterator<Item = PagePlan>) {
        for plan in plans {
            self.push(plan);
        }
    }

    fn flush(&mut self) {
        if !self.plans.is_empty() {
            (self.sink)(std::mem::take(&mut self.plans));
        }
    }
}

fn page_link(page: &crate::content::Page) -> Value {
    json!({"id": page.id, "title": page.file.meta.title, "summary": page.file.meta.summary, "url": page.url})
}

/// Maps each id to the positions of the items whose id list names it, in
/// item order and once per item, as filtering the items with `contains` would.
fn referrers<'a>(id_lists: impl Iterator<Item = &'a [String]>) -> HashMap<&'a str, Vec<usize>> {
    let mut map: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, ids) in id_lists.enumerate() {
        for id in ids {
            let positions = map.entry(id.as_str()).or_default();
            if positions.last() != Some(&index) {
                positions.push(index);
            }
        }
    }
    map
}

fn plan_homes(site: &Site, plans: &mut Batches) {
    let audiences: Vec<Value> = Audience::ALL
        .iter()
        .map(|a| {
            let pages: Vec<Value> = site.pages.iter().filter(|p| p.file.meta.audience.contains(a)).map(page_link).collect();
            json!({"slug": a.slug(), "label": a.label(), "url": format!("{}.html", a.slug()), "pages": pages})
        })
        .collect();
    let description = site.config().description.clone().unwrap_or_default();
    plans.push(plan("index.html", "index.html", site.config().title.clone(), json!({"audiences": audiences, "description": description})));
    for audience in audiences {
        let slug = audience["slug"].as_str().unwrap_or_default().to_string();
        let label = audience["label"].as_str().unwrap_or_default().to_string();
        plans.push(plan(format!("{slug}.html"), "audience.html", label, json!({"audience": audience})));
    }
}

fn plan_content_pages(site: &Site, bodies: &mut Bodies, plans: &mut Batches) {
    for pages in site.pages.chunks(BATCH) {
        // Page ids are file paths, so each body is taken once.
        let page_bodies: Vec<Rendered> = pages.iter().map(|p| bodies.pages.remove(&p.id).unwrap_or_default()).collect();
        plans.extend(plan_page_batch(site, pages, page_bodies));
    }
}

fn plan_page_batch(site: &Site, pages: &[crate::content::Page], bodies: Vec<Rendered>) -> Vec<PagePlan> {
    pages
        .par_iter()
        .zip(bodies)
        .map(|(page, body)| {
            let meta = &page.file.meta;
            let mut values = json!({
                "page": page_link(page),
                "toc": body.headings,
                "audience": meta.audience,
                "signals": meta.signals.iter().map(|id| signal_link(site, id)).collect::<Vec<_>>(),
                "partners": meta.partners.iter().map(|id| partner_link(site, id)).collect::<Vec<_>>(),
            });
            // json! serializes its values through a reference, which would copy the HTML.
            values[super::BODY_KEY] = Value::String(body.html);
            plan(page.url.clone(), "page.html", meta.title.clone(), values)
        })
        .collect()
}

fn plan_partners(site: &Site, plans: &mut Batches) {
    let mut groups: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for item in &site.partners {
        groups.entry(item.value.kind.label()).or_default().push(partner_view(&item.value, site));
    }
    let groups: Vec<Value> = groups.into_iter().map(|(label, partners)| json!({"label": label, "partners": partners})).collect();
    plans.push(plan("partners/index.html", "partners.html", "Ketenpartners", json!({"groups": groups})));

    let signals_by_partner = referrers(site.signals.iter().map(|s| s.value.partners.as_slice()));
    let pages_by_partner = referrers(site.pages.iter().map(|p| p.file.meta.partners.as_slice()));
    for item in &site.partners {
        let partner = &item.value;
        let signal_indexes = signals_by_partner.get(partner.id.as_str()).map(Vec::as_slice).unwrap_or_default();
        let signals: Vec<Value> = signal_indexes.iter().map(|&i| signal_link(site, &site.signals[i].value.id)).collect();
        let page_indexes = pages_by_partner.get(partner.id.as_str()).map(Vec::as_slice).unwrap_or_default();
        let pages: Vec<Value> = page_indexes.iter().map(|&i| page_link(&site.pages[i])).collect();
        plans.push(plan(
            views::partner_url(&partner.id),
            "partner.html",
            partner.name.clone(),
            json!({"partner": partner_view(partner, site), "signals": signals, "pages": pages}),
        ));
    }

    // The contact sheet lists the regional partners that have real contact data.
    let sheet_kinds = [PartnerKind::Politie, PartnerKind::Inspectie, PartnerKind::Zorgcoordinatie, PartnerKind::Veiligheidshuis, PartnerKind::Opsporing, PartnerKind::Overheid];
    let sheet: Vec<Value> = site
        .partners
        .iter()
        .filter(|p| sheet_kinds.contains(&p.value.kind))
        .filter(|p| p.value.contacts.iter().any(|c| (c.phone.is_some() || c.email.is_some()) && !c.is_blank()))
        .map(|p| partner_view(&p.value, site))
        .collect();
    plans.push(plan("contactblad.html", "contactblad.html", "Contactblad mensenhandel Oost-Brabant", json!({"partners": sheet})));
}

fn plan_signals(site: &Site, bodies: &Bodies, plans: &mut Batches) {
    let view = |id: &str| {
        let signal = site.signal(id).expect("signal exists");
        let html = bodies.signals.get(id).map(|r| r.html.as_str()).unwrap_or("");
        signal_view(signal, html)
    };
    let groups: Vec<Value> = Form::ALL
        .iter()
        .map(|form| {
            let signals: Vec<Value> = site.signals.iter().filter(|s| s.value.forms.contains(form)).map(|s| view(&s.value.id)).collect();
            json!({"code": form.code(), "label": form.label(), "signals": signals})
        })
        .collect();
    let mut settings: Vec<Value> = Vec::new();
    for signal in &site.signals {
        for setting in &signal.value.settings {
            let entry = json!({"slug": setting.slug(), "label": setting.label()});
            if !settings.contains(&entry) {
                settings.push(entry);
            }
        }
    }
    plans.push(plan("signalen/index.html", "signalen.html", "Signalen van mensenhandel", json!({"groups": groups, "settings": settings, "count": site.signals.len()})));

    let cases_by_signal = referrers(site.cases.iter().map(|c| c.file.meta.signals.as_slice()));
    for item in &site.signals {
        let signal = &item.value;
        let case_indexes = cases_by_signal.get(signal.id.as_str()).map(Vec::as_slice).unwrap_or_default();
        let cases: Vec<Value> = case_indexes
            .iter()
            .map(|&i| &site.cases[i])
            .map(|c| json!({"title": c.file.meta.title, "url": c.url}))
            .collect();
        let partners: Vec<Value> = signal.partners.iter().map(|id| partner_link(site, id)).collect();
        plans.push(plan(views::signal_url(&signal.id), "signal.html", signal.title.clone(), json!({"signal": view(&signal.id), "cases": cases, "partners": partners})));
    }
}

fn plan_cases(site: &Site, bodies: &mut Bodies, plans: &mut Batches) {
    let case_view = |case: &crate::content::Case| {
        let meta = &case.file.meta;
        json!({
            "id": case.id,
            "title": meta.title,
            "summary": meta.summary,
            "url": case.url,
            "forms": meta.forms.iter().map(|f| json!({"code": f.code(), "label": f.label()})).collect::<Vec<_>>(),
            "signals": meta.signals.iter().map(|id| signal_link(site, id)).collect::<Vec<_>>(),
            "partners": meta.partners.iter().map(|id| partner_link(site, id)).collect::<Vec<_>>(),
            "questions": meta.questions,
            "outcome": meta.outcome,
        })
    };
    let list: Vec<Value> = site.cases.iter().map(case_view).collect();
    plans.push(plan("casussen/index.html", "casussen.html", "Casussen uit de regio", json!({"cases": list})));
    for case in &site.cases {
        // Case ids are file paths, so each body is taken once.
        let body = bodies.cases.remove(&case.id).map(|r| r.html).unwrap_or_default();
        let mut values = json!({"case": case_view(case)});
        values[super::BODY_KEY] = Value::String(body);
        plans.push(plan(case.url.clone(), "case.html", case.file.meta.title.clone(), values));
    }
}

fn plan_reference_pages(site: &Site, plans: &mut Batches) {
    let mut terms: Vec<Value> = site
        .glossary
        .iter()
        .map(|t| {
            let t = &t.value;
            json!({
                "id": t.id,
                "term": t.term,
                "abbreviation": t.abbreviation,
                "explanation": t.explanation,
                "synonyms": t.synonyms,
                "partner": t.partner.as_deref().map(|id| partner_link(site, id)),
                "sort": t.abbreviation.clone().unwrap_or_else(|| t.term.clone()).to_lowercase(),
            })
        })
        .collect();
    terms.sort_by(|a, b| a["sort"].as_str().cmp(&b["sort"].as_str()));
    plans.push(plan("begrippen.html", "begrippen.html", "Begrippen en afkortingen", json!({"terms": terms})));

    let gemeenten: Vec<Value> = site.gemeenten.iter().map(|g| gemeente_view(&g.value, site)).collect();
    let zoco: Vec<Value> = views::role_partners(site, Role::Zorgcoordinatie).iter().map(|id| partner_link(site, id)).collect();
    plans.push(plan("gemeenten.html", "gemeenten.html", "Gemeenten in de regio", json!({"gemeenten": gemeenten, "zorgcoordinatie": zoco})));

    let all_pages: Vec<Value> = site.pages.iter().map(page_link).collect();
    plans.push(plan("kaart.html", "kaart.html", "Overzicht van alle pagina's", json!({"pages": all_pages})));
    plans.push(plan("zoeken.html", "zoeken.html", "Zoeken", json!({})));
    plans.push(plan("404.html", "404.html", "Pagina niet gevonden", json!({})));
    plans.push(plan("snel-weg.html", "snel-weg.html", "Weerbericht", json!({})));
}

/// The route as the wizard script reads it: nodes by id, partners with
/// contacts, roles and municipalities.
pub fn route_data(site: &Site) -> Option<Value> {
    let route = &site.route.as_ref()?.value;
    let nodes: serde_json::Map<String, Value> = route
        .nodes
        .iter()
        .map(|n| {
            let value = if n.is_outcome() {
                json!({
                    "id": n.id, "kind": "outcome", "outcome": n.outcome, "form": n.form,
                    "audience": n.audience, "checklist": n.checklist, "notes": n.notes,
                    "steps": n.steps.iter().map(|s| json!({
                        "action": s.action, "action_label": s.action.label(),
                        "partner": s.partner, "role": s.role.map(Role::slug), "text": s.text,
                    })).collect::<Vec<_>>(),
                })
            } else {
                json!({"id": n.id, "kind": "question", "question": n.question, "help": n.help, "options": n.options})
            };
            (n.id.clone(), value)
        })
        .collect();
    let roles: serde_json::Map<String, Value> = Role::ALL.iter().map(|r| (r.slug().to_string(), json!(views::role_partners(site, *r)))).collect();
    let mut partner_ids: Vec<String> = route.nodes.iter().flat_map(|n| n.steps.iter().filter_map(|s| s.partner.clone())).collect();
    for list in roles.values() {
        partner_ids.extend(list.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)));
    }
    partner_ids.sort();
    partner_ids.dedup();
    let partners: serde_json::Map<String, Value> = partner_ids
        .iter()
        .filter_map(|id| site.partner(id))
        .map(|p| {
            let contacts: Vec<Value> = p.contacts.iter().map(views::contact_view).collect();
            (p.id.clone(), json!({"id": p.id, "name": p.name, "abbreviation": p.abbreviation, "url": views::partner_url(&p.id), "contacts": contacts}))
        })
        .collect();
    let gemeenten: Vec<Value> = site
        .gemeenten
        .iter()
        .map(|g| {
            let g = &g.value;
            json!({
                "id": g.id, "name": g.name,
                "af": g.af.filled().map(views::contact_view),
                "wijkagent": g.wijkagent.filled().map(views::contact_view),
                "zorgcoordinatie": g.zorgcoordinatie.filled(),
                "zvh": g.zvh.filled(),
            })
        })
        .collect();
    Some(json!({"start": route.start, "checklist": route.checklist, "nodes": nodes, "partners": partners, "roles": roles, "gemeenten": gemeenten}))
}

/// Orders route nodes for the page without JavaScript: breadth-first from the start.
fn node_order(site: &Site) -> Vec<String> {
    let Some(route) = site.route.as_ref().map(|r| &r.value) else { return Vec::new() };
    let mut order: Vec<String> = vec![route.start.clone()];
    let mut i = 0;
    while i < order.len() {
        if let Some(node) = route.nodes.iter().find(|n| n.id == order[i]) {
            for option in &node.options {
                if !order.contains(&option.next) {
                    order.push(option.next.clone());
                }
            }
        }
        i += 1;
    }
    for node in &route.nodes {
        if !order.contains(&node.id) {
            order.push(node.id.clone());
        }
    }
    order
}

fn plan_route(site: &Site, plans: &mut Batches) {
    let Some(data) = route_data(site) else { return };
    let json_text = script_json(&data);
    plans.push(plan(
        "meldroute/index.html",
        "meldroute.html",
        "Van signaal naar actie",
        json!({"route": data, "route_json": json_text, "node_order": node_order(site)}),
    ));
}

/// The quiz as quiz.js reads it, with links resolved to titles and URLs.
pub fn quiz_data(site: &Site, quiz: &crate::quiz::Quiz) -> Value {
    let questions: Vec<Value> = quiz
        .questions
        .iter()
        .map(|q| {
            let mut links = Vec::new();
            for id in &q.links.signals {
                links.push(json!({"kind": "signal", "title": site.signal(id).map(|s| s.title.clone()).unwrap_or_default(), "url": views::signal_url(id)}));
            }
            for id in &q.links.partners {
                links.push(json!({"kind": "partner", "title": site.partner(id).map(|p| p.name.clone()).unwrap_or_default(), "url": views::partner_url(id)}));
            }
            for id in &q.links.cases {
                if let Some(case) = site.case(id) {
                    links.push(json!({"kind": "case", "title": case.file.meta.title, "url": case.url}));
                }
            }
            for id in &q.links.pages {
                if let Some(page) = site.page(id) {
                    links.push(json!({"kind": "page", "title": page.file.meta.title, "url": page.url}));
                }
            }
            json!({
                "id": q.id, "kind": q.kind, "prompt": q.prompt, "explanation": q.explanation,
                "options": q.options, "items": q.items, "pairs": q.pairs, "choices": q.match_choices(),
                "links": links,
            })
        })
        .collect();
    json!({"id": quiz.id, "title": quiz.title, "pass_mark": quiz.pass_mark, "intro": quiz.intro, "persona": quiz.persona, "question_count": quiz.questions.len(), "questions": questions})
}

fn plan_quizzes(site: &Site, plans: &mut Batches) {
    let mut list = Vec::new();
    for item in &site.quizzes {
        let quiz = &item.value;
        let url = format!("quizzes/{}.html", quiz.id);
        let data = quiz_data(site, quiz);
        list.push(json!({"id": quiz.id, "title": quiz.title, "persona": quiz.persona, "intro": quiz.intro, "question_count": quiz.questions.len(), "url": url}));
        let json_text = script_json(&data);
        plans.push(plan(url, "quiz.html", quiz.title.clone(), json!({"quiz": data, "quiz_json": json_text})));
    }
    plans.push(plan("quizzes/index.html", "quizzes.html", "Quizzen", json!({"quizzes": list})));
}

/// Files next to the pages: vCards and, when `base_url` is set, the sitemap.
pub fn extra_files(site: &Site, page_urls: &[String]) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = site
        .partners
        .iter()
        .map(|p| OutputFile { path: format!("partners/{}.vcf", p.value.id), bytes: super::vcard::partner_vcard(&p.value).into_bytes() })
        .collect();
    if let Some(base) = &site.config().base_url {
        let base = if base.ends_with('/') { base.clone() } else { format!("{base}/") };
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for url in page_urls.iter().filter(|u| *u != "404.html" && *u != "snel-weg.html") {
            xml.push_str(&format!("  <url><loc>{}{}</loc></url>\n", markdown_escape(&base), markdown_escape(url)));
        }
        xml.push_str("</urlset>\n");
        files.push(OutputFile { path: "sitemap.xml".to_string(), bytes: xml.into_bytes() });
    }
    files
}

fn markdown_escape(text: &str) -> String {
    super::markdown::escape_html(text)
}
