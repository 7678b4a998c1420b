//! The data files of the corpus: configuration, partners, signals, cases,
//! municipalities, glossary, reporting route and quizzes.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Result;
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::text::{self, paragraph, phrase, quoted, sentence};
use crate::{hugo, write_file, Corpus};

const PARTNER_STREAM: u64 = 2;
const SIGNAL_STREAM: u64 = 3;
const CASE_STREAM: u64 = 4;
const GEMEENTE_STREAM: u64 = 5;
const TERM_STREAM: u64 = 6;
const QUIZ_STREAM: u64 = 7;

/// The partner kinds of the content schema, in the order partner ids cycle through them.
const KINDS: [&str; 16] = [
    "politie",
    "inspectie",
    "zorg",
    "zorgcoordinatie",
    "gemeente",
    "opsporing",
    "justitie",
    "overheid",
    "veiligheidshuis",
    "ketenregie",
    "opvang",
    "jeugd",
    "welzijn",
    "ggz",
    "onderwijs",
    "kennis",
];
const ZORGCOORDINATIE: usize = 3;
const VEILIGHEIDSHUIS: usize = 8;

const FORMS: [&str; 4] = ["SU", "AU", "CU", "OV"];
const SETTINGS: [&str; 10] = ["balie", "toezicht", "huisbezoek", "school", "zorg", "vergunning", "wijk", "werkplek", "online", "opvang"];

/// Returns the id of partner `index`, such as `politie-0`.
pub fn partner_id(index: usize) -> String {
    format!("{}-{index}", KINDS[index % KINDS.len()])
}

/// Returns the id of signal `index`.
pub fn signal_id(index: usize) -> String {
    format!("signaal-{index}")
}

fn case_id(index: usize) -> String {
    format!("casus-{index}")
}

/// Returns the abbreviation of glossary term `index`, if it has one: the four
/// forms of exploitation first, then three capitals for every second term.
pub fn term_abbreviation(index: usize) -> Option<String> {
    if let Some(form) = FORMS.get(index) {
        return Some(form.to_string());
    }
    if index % 2 == 1 {
        return None;
    }
    let letters: String = [index / 676, index / 26, index].iter().map(|n| char::from(b'A' + (n % 26) as u8)).collect();
    Some(format!("K{letters}"))
}

/// Returns ids of `count` random items among `total`, as `id(index)` names them.
fn some_ids(rng: &mut ChaCha8Rng, count: usize, total: usize, id: fn(usize) -> String) -> Vec<String> {
    let mut ids: Vec<String> = (0..count).map(|_| id(rng.random_range(0..total))).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Returns a non-empty random subset of `list`, in list order.
fn some_of<'a>(rng: &mut ChaCha8Rng, list: &[&'a str], chance: f64) -> Vec<&'a str> {
    let mut chosen: Vec<&str> = list.iter().copied().filter(|_| rng.random_bool(chance)).collect();
    if chosen.is_empty() {
        chosen.push(list.choose(rng).copied().unwrap_or_default());
    }
    chosen
}

/// Writes everything but the pages and cases.
pub fn write_site_files(corpus: &Corpus, out: &Path) -> Result<()> {
    write_file(
        &out.join("baken.yaml"),
        "title: \"Mensenhandel Nederland (synthetisch)\"\nlanguage: nl\n\
         description: \"Synthetische landelijke editie voor metingen: alle gemeenten, met lokale pagina's.\"\n\
         output_dir: public\ntheme: default\nfreshness_months: 12\n",
    )?;
    let content = out.join("content");
    (0..corpus.counts.partners).into_par_iter().try_for_each(|k| write_file(&content.join(format!("partners/{}.yaml", partner_id(k))), &partner_yaml(corpus, k)))?;
    (0..corpus.counts.signals).into_par_iter().try_for_each(|k| write_file(&content.join(format!("signalen/{}.yaml", signal_id(k))), &signal_yaml(corpus, k)))?;
    write_file(&content.join("gemeenten.yaml"), &gemeenten_yaml(corpus))?;
    write_file(&content.join("begrippen.yaml"), &glossary_yaml(corpus))?;
    write_file(&content.join("meldroute.yaml"), &route_yaml())?;
    for k in 0..corpus.counts.quizzes {
        write_file(&out.join(format!("quizzes/quiz-{k}.yaml")), &quiz_yaml(corpus, k))?;
    }
    Ok(())
}

fn partner_yaml(corpus: &Corpus, k: usize) -> String {
    let mut rng = corpus.rng(PARTNER_STREAM, k);
    let id = partner_id(k);
    let kind = KINDS[k % KINDS.len()];
    let town = &corpus.gemeenten[k % corpus.gemeenten.len()].1;
    let mut yaml = format!("id: {id}\nname: {}\nkind: {kind}\nsummary: {}\ntasks:\n", quoted(&format!("{} {town}", capitalized(kind))), quoted(&sentence(&mut rng, &[])));
    if k % 3 == 0 {
        yaml = yaml.replacen("\nkind:", &format!("\nabbreviation: P{k}\nkind:"), 1);
    }
    for _ in 0..rng.random_range(1..=4) {
        writeln!(yaml, "  - {}", quoted(&format!("{}.", phrase(&mut rng)))).ok();
    }
    yaml.push_str("contacts:\n");
    if k % 7 == 5 {
        yaml.push_str("  - label: Meldpunt\n    phone: in te vullen\n");
    } else {
        let number = rng.random_range(1_000_000..10_000_000);
        writeln!(yaml, "  - id: kantoor\n    label: Kantoor\n    phone: 088-{number}\n    hours:\n      - days: [ma, di, wo, do, vr]\n        from: \"08:30\"\n        to: \"17:00\"").ok();
        writeln!(yaml, "  - label: Buiten kantooruren\n    phone: 0900-{}\n    outside_hours_of: kantoor", rng.random_range(1000..10000)).ok();
        writeln!(yaml, "  - label: E-mail\n    email: info@{id}.example.nl").ok();
        writeln!(yaml, "  - label: Bezoekadres\n    address: {{ street: Stationsplein {}, town: {} }}", rng.random_range(1..90), quoted(town)).ok();
    }
    let region = match k % 3 {
        0 => "regio".to_string(),
        1 => "landelijk".to_string(),
        _ => format!("[{}]", (0..rng.random_range(1..=3)).map(|_| corpus.gemeenten.choose(&mut rng).map(|g| g.0.clone()).unwrap_or_default()).collect::<Vec<_>>().join(", ")),
    };
    writeln!(yaml, "region: {region}\nsource: Synthetisch bronbestand, bijlage {}\nverified: 2025-{:02}-{:02}", k % 9 + 1, k % 12 + 1, k % 28 + 1).ok();
    yaml
}

fn signal_yaml(corpus: &Corpus, k: usize) -> String {
    let mut rng = corpus.rng(SIGNAL_STREAM, k);
    let title = phrase(&mut rng);
    let description = format!("{} **{}.**", paragraph(&mut rng, &corpus.abbreviations), phrase(&mut rng));
    let forms = some_of(&mut rng, &FORMS, 0.3);
    let settings = some_of(&mut rng, &SETTINGS, 0.2);
    let count = rng.random_range(0..=2);
    let partners = some_ids(&mut rng, count, corpus.counts.partners, partner_id);
    format!(
        "id: {}\ntitle: {}\ndescription: {}\nforms: [{}]\nsettings: [{}]\nacute: {}\npartners: [{}]\n",
        signal_id(k),
        quoted(&title),
        quoted(&description),
        forms.join(", "),
        settings.join(", "),
        rng.random_bool(0.2),
        partners.join(", ")
    )
}

/// Writes the cases, which are Markdown like the pages and so go to Hugo too.
pub fn write_cases(corpus: &Corpus, out: &Path, hugo_dir: Option<&Path>) -> Result<()> {
    (0..corpus.counts.cases).into_par_iter().try_for_each(|k| {
        let mut rng = corpus.rng(CASE_STREAM, k);
        let title = phrase(&mut rng);
        let summary = format!("{}.", phrase(&mut rng));
        let forms = some_of(&mut rng, &FORMS, 0.3);
        let count = rng.random_range(1..=4);
        let signals = some_ids(&mut rng, count, corpus.counts.signals, signal_id);
        let count = rng.random_range(0..=2);
        let partners = some_ids(&mut rng, count, corpus.counts.partners, partner_id);
        let questions: Vec<String> = (0..rng.random_range(2..=3)).map(|_| format!("  - {}", quoted(&format!("Wat doet u bij {}?", phrase(&mut rng).to_lowercase())))).collect();
        let outcome = paragraph(&mut rng, &corpus.abbreviations);
        let body: Vec<String> = (0..rng.random_range(2..=4)).map(|_| paragraph(&mut rng, &corpus.abbreviations)).collect();
        let body = body.join("\n\n") + "\n";
        let front = format!(
            "title: {}\nsummary: {}\nforms: [{}]\nsignals: [{}]\npartners: [{}]\nquestions:\n{}\noutcome: {}\n",
            quoted(&title),
            quoted(&summary),
            forms.join(", "),
            signals.join(", "),
            partners.join(", "),
            questions.join("\n"),
            quoted(&outcome)
        );
        write_file(&out.join(format!("content/casussen/{}.md", case_id(k))), &format!("---\n{front}---\n\n{body}"))?;
        if let Some(dir) = hugo_dir {
            let terms = format!("signals: [{}]\npartners: [{}]\n", signals.join(", "), partners.join(", "));
            hugo::write_page(dir, &format!("casussen/{}", case_id(k)), &title, &summary, &terms, &body)?;
        }
        Ok(())
    })
}

fn gemeenten_yaml(corpus: &Corpus) -> String {
    let mut yaml = String::new();
    let zoco: Vec<String> = (ZORGCOORDINATIE..corpus.counts.partners).step_by(KINDS.len()).map(partner_id).collect();
    let zvh: Vec<String> = (VEILIGHEIDSHUIS..corpus.counts.partners).step_by(KINDS.len()).map(partner_id).collect();
    for (g, (id, name)) in corpus.gemeenten.iter().enumerate() {
        let mut rng = corpus.rng(GEMEENTE_STREAM, g);
        writeln!(yaml, "- id: {id}\n  name: {}", quoted(name)).ok();
        if g % 3 == 0 {
            writeln!(yaml, "  af:\n    label: Aandachtsfunctionaris mensenhandel\n    phone: \"14 0{}\"\n    email: meldpunt@{id}.example.nl", rng.random_range(100..1000)).ok();
        } else {
            yaml.push_str("  af: in te vullen\n");
        }
        if g % 4 == 0 {
            yaml.push_str("  wijkagent:\n    label: Wijkagent\n    phone: 0900-8844\n");
        } else {
            yaml.push_str("  wijkagent: in te vullen\n");
        }
        if g % 2 == 0 {
            let care = some_ids(&mut rng, 2, corpus.counts.partners, partner_id);
            writeln!(yaml, "  zorg_welzijn: [{}]", care.join(", ")).ok();
        } else {
            yaml.push_str("  zorg_welzijn: in te vullen\n");
        }
        let slot = |list: &[String], rng: &mut ChaCha8Rng| if g % 5 == 4 { "in te vullen".to_string() } else { list.choose(rng).cloned().unwrap_or_default() };
        writeln!(yaml, "  zorgcoordinatie: {}\n  zvh: {}\n", slot(&zoco, &mut rng), slot(&zvh, &mut rng)).ok();
    }
    yaml
}

fn glossary_yaml(corpus: &Corpus) -> String {
    let forms = ["Seksuele uitbuiting", "Arbeidsuitbuiting", "Criminele uitbuiting", "Gedwongen orgaanverwijdering"];
    let mut yaml = String::new();
    for k in 0..corpus.counts.terms {
        let mut rng = corpus.rng(TERM_STREAM, k);
        let term = match forms.get(k) {
            Some(form) => form.to_string(),
            None => format!("{} {}", capitalized(text::pick(&mut rng, &text::TOPICS[..])), k),
        };
        writeln!(yaml, "- id: begrip-{k}\n  term: {}", quoted(&term)).ok();
        if let Some(abbr) = term_abbreviation(k) {
            writeln!(yaml, "  abbreviation: {abbr}").ok();
        }
        writeln!(yaml, "  explanation: {}", quoted(&paragraph(&mut rng, &[]))).ok();
        if rng.random_bool(0.3) {
            writeln!(yaml, "  synonyms: [{}]", quoted(&text::pick(&mut rng, text::SUBHEADINGS).to_lowercase())).ok();
        }
        if k % 5 == 0 {
            writeln!(yaml, "  partner: {}", partner_id(k % corpus.counts.partners)).ok();
        }
    }
    yaml
}

/// Returns the reporting route: one question and an outcome for each form of exploitation.
fn route_yaml() -> String {
    let mut yaml = String::from("start: vorm\nchecklist:\n  - Wat zag u, en wanneer?\n  - Wie is er betrokken?\nnodes:\n  - id: vorm\n    question: Welke vorm van uitbuiting ziet u?\n    options:\n");
    let labels = ["Seksuele uitbuiting", "Arbeidsuitbuiting", "Criminele uitbuiting", "Gedwongen orgaanverwijdering"];
    for (form, label) in FORMS.iter().zip(labels) {
        writeln!(yaml, "      - label: {label}\n        next: {}", form.to_lowercase()).ok();
    }
    for (n, (form, label)) in FORMS.iter().zip(labels).enumerate() {
        writeln!(yaml, "  - id: {}\n    outcome: {label}\n    form: {form}\n    audience: af\n    steps:", form.to_lowercase()).ok();
        writeln!(yaml, "      - action: bel-eerst\n        partner: {}\n        text: Bel de politie.", partner_id(0)).ok();
        writeln!(yaml, "      - action: daarna\n        role: zorgcoordinatie\n        text: Meld het bij de zorgcoördinatie.").ok();
        if n == 1 {
            writeln!(yaml, "      - action: tegelijk\n        partner: {}\n        text: Meld het bij de inspectie.", partner_id(1)).ok();
        }
        writeln!(yaml, "    checklist: true").ok();
    }
    yaml
}

fn quiz_yaml(corpus: &Corpus, k: usize) -> String {
    let mut rng = corpus.rng(QUIZ_STREAM, k);
    let c = corpus.counts;
    let page = corpus.page_ref(rng.random_range(0..c.pages)).id;
    let mut yaml = format!(
        "id: quiz-{k}\ntitle: {}\npersona:\n  name: Sanne\n  role: Baliemedewerker\n  department: Burgerzaken\n  background: {}\n  goals: [Inwoners goed helpen]\n  meets: [Arbeidsmigranten]\nintro: {}\npass_mark: 70\nquestions:\n",
        quoted(&format!("Quiz {}: {}", k + 1, text::pick(&mut rng, text::TOPICS))),
        quoted(&paragraph(&mut rng, &[])),
        quoted(&paragraph(&mut rng, &[]))
    );
    writeln!(
        yaml,
        "  - id: een\n    kind: single\n    prompt: {}\n    links:\n      signals: [{}]\n      partners: [{}]\n      cases: [{}]\n      pages: [{page}]\n    options:\n      - text: Ik bel de AF.\n        correct: true\n        feedback: Goed.\n      - text: Ik doe niets.\n        feedback: Nee.",
        quoted(&format!("Wat doet u bij {}?", phrase(&mut rng).to_lowercase())),
        signal_id(rng.random_range(0..c.signals)),
        partner_id(rng.random_range(0..c.partners)),
        case_id(rng.random_range(0..c.cases))
    )
    .ok();
    yaml.push_str("  - id: twee\n    kind: multiple\n    prompt: Welke signalen ziet u?\n    options:\n      - text: Geen eigen geld\n        correct: true\n        feedback: Ja.\n      - text: Papieren bij de werkgever\n        correct: true\n        feedback: Ja.\n      - text: Een mooie tuin\n        feedback: Nee.\n");
    yaml.push_str("  - id: drie\n    kind: order\n    prompt: Zet de stappen in volgorde.\n    items:\n      - text: Signaal zien\n        feedback: Eerst.\n      - text: Melden bij de AF\n        feedback: Daarna.\n      - text: Terugkoppeling krijgen\n        feedback: Tot slot.\n");
    yaml.push_str("  - id: vier\n    kind: match\n    prompt: Welke vorm hoort erbij?\n    pairs:\n      - left: Geen loon\n        right: Arbeidsuitbuiting\n        feedback: Ja.\n      - left: Webcam\n        right: Seksuele uitbuiting\n        feedback: Ja.\n");
    yaml
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
