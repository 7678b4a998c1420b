//! Dutch sentences, paragraphs and names for the synthetic corpus.
//!
//! The word lists mimic the register of the real content (policy text at
//! language level B1) and carry the diacritics Dutch and Frisian names use: ë, ï, é, ö, â.

use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const SUBJECTS: &[&str] = &[
    "De aandachtsfunctionaris",
    "Een medewerker van het Wmo-loket",
    "De wijkagent",
    "De zorgcoördinator",
    "Een toezichthouder",
    "De gemeente",
    "Het Zorg- en Veiligheidshuis",
    "Een cliëntondersteuner",
    "De leerplichtambtenaar",
    "Een collega van Burgerzaken",
    "De ketenregisseur",
    "Een huisarts",
    "Een vrijwilliger van het inloophuis",
    "De coördinator van de opvang",
    "Een docent",
    "Het wijkteam",
    "De consulent werk en inkomen",
    "Een buurtbewoner",
];

const VERBS: &[&str] = &[
    "bespreekt het signaal met",
    "vraagt advies aan",
    "meldt de zorgen bij",
    "legt contact met",
    "informeert",
    "stemt de aanpak af met",
    "deelt alleen de nodige gegevens met",
    "overlegt anoniem met",
    "verwijst de cliënt door naar",
    "maakt afspraken met",
    "belt binnen één werkdag",
    "zoekt samen met",
];

const OBJECTS: &[&str] = &[
    "de zorgcoördinatie mensenhandel",
    "de politie",
    "het Zorg- en Veiligheidshuis",
    "de aandachtsfunctionaris van de gemeente",
    "een collega met ervaring",
    "de ketenpartners",
    "de financiële afdeling",
    "de huisarts van de cliënt",
    "het sociaal team",
    "de opvanglocatie",
    "de coöperatie van zorgaanbieders",
    "het Openbaar Ministerie",
];

const ADVERBIALS: &[&str] = &[
    "zo snel mogelijk",
    "voordat er gegevens worden gedeeld",
    "binnen de afspraken van het privacyprotocol",
    "als de situatie niet acuut is",
    "wanneer er twijfel is",
    "na overleg met de leidinggevende",
    "zonder de cliënt te beschuldigen",
    "in een rustige ruimte",
    "met oog voor de veiligheid van iedereen",
    "omdat één signaal zelden genoeg is",
    "ook als het slachtoffer niet geïnteresseerd lijkt in hulp",
    "bij een naïeve of beïnvloedbare cliënt",
    "volgens de ideeën uit de training",
];

const NOUNS: &[&str] = &[
    "Een vaste werkplek",
    "Een eigen bankrekening",
    "Een identiteitsbewijs in eigen bezit",
    "Toegang tot zorg",
    "Een veilige slaapplaats",
    "Financiële zelfstandigheid",
    "Een tolk bij het gesprek",
    "Vertrouwen in hulpverleners",
    "Een reële kans op werk",
];

const ADJECTIVES: &[&str] = &[
    "belangrijk",
    "niet vanzelfsprekend",
    "vaak afwezig",
    "een eerste stap",
    "essentieel",
    "soms lastig te regelen",
];

const GROUPS: &[&str] = &[
    "arbeidsmigranten",
    "vluchtelingen uit Oekraïne",
    "jongeren in de wijk",
    "cliënten met een beperking",
    "patiënten in de ggz",
    "bewoners van een vakantiepark",
    "minderjarigen zonder ouders",
    "vrouwen in de prostitutie",
    "mannen in de bouw",
];

const SIGNS: &[&str] = &[
    "iemand die geen eigen geld heeft",
    "een werkgever die de papieren bewaart",
    "veel mensen op één adres",
    "een cliënt die niet zelf mag praten",
    "schulden die steeds hoger worden",
    "een jongere met dure spullen",
    "signalen van dwang of geweld",
    "iemand die bang is voor de politie",
    "een naïeve reactie op een aanbod",
    "angst voor represailles tegen familie",
];

/// Section headings. A page takes several of them, without repeats.
pub const HEADINGS: &[&str] = &[
    "Wat is er aan de hand?",
    "Signalen herkennen",
    "Wie doet wat?",
    "Melden en doorverwijzen",
    "Privacy en gegevensdeling",
    "Opvang en zorg",
    "Samenwerking in de keten",
    "Veelgestelde vragen",
    "Financiële uitbuiting",
    "Rol van de gemeente",
    "Zorgcoördinatie",
    "Begeleiding van slachtoffers",
    "Preventie in de wijk",
    "Na de melding",
    "Onderwijs en jeugd",
    "Coördinatie bij acute situaties",
    "Cliënten met een beperking",
    "Ideeën voor de aanpak",
];

/// Subsection headings, distinct from [`HEADINGS`] so ids never repeat.
pub const SUBHEADINGS: &[&str] = &[
    "Voorbeeld uit de praktijk",
    "Aandachtspunten",
    "Wat zegt de wet?",
    "Tips voor het gesprek",
    "Bereikbaarheid",
    "Ervaringen van collega's",
    "Één signaal of meer?",
    "Overleg met de coördinator",
];

/// Topics of the pages every municipality has.
pub const TOPICS: &[&str] = &[
    "Aanpak mensenhandel",
    "Meldroute",
    "Zorg en opvang",
    "Arbeidsuitbuiting",
    "Seksuele uitbuiting",
    "Criminele uitbuiting",
    "Contact en bereikbaarheid",
    "Jeugd en onderwijs",
    "Werk en inkomen",
    "Wonen en huisvesting",
    "Preventie",
    "Samenwerking",
    "Privacy",
    "Training",
    "Evaluatie",
];

const PLACE_STARTS: &[&str] = &[
    "Oost", "West", "Noord", "Zuid", "Groot", "Klein", "Nieuw", "Oud", "Hoog", "Laag", "Sint-Joris", "Ter",
    "Ooster", "Wester", "Maas", "Peel", "Dommel", "Aa", "Beek", "Heide",
];
const PLACE_ENDS: &[&str] = &[
    "veen", "broek", "hoven", "dijk", "hout", "berg", "meer", "loo", "rode", "donk", "schot", "dorp", "ijssel",
    "wâld", "fjild", "ëik", "zeel", "gein", "kamp", "laar",
];

/// Returns a phrase drawn from `list`.
pub fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or("")
}

/// Returns one Dutch sentence, which sometimes names a glossary abbreviation.
pub fn sentence(rng: &mut ChaCha8Rng, abbreviations: &[String]) -> String {
    match rng.random_range(0..10) {
        0..=3 => format!("{} {} {} {}.", pick(rng, SUBJECTS), pick(rng, VERBS), pick(rng, OBJECTS), pick(rng, ADVERBIALS)),
        4 | 5 => format!("{} is {} voor {}.", pick(rng, NOUNS), pick(rng, ADJECTIVES), pick(rng, GROUPS)),
        6 | 7 => format!("Let op {}, {}.", pick(rng, SIGNS), pick(rng, ADVERBIALS)),
        _ => match abbreviations.choose(rng) {
            Some(abbr) => format!("Vraag bij twijfel de {abbr} om advies, {}.", pick(rng, ADVERBIALS)),
            None => format!("{} {} {}.", pick(rng, SUBJECTS), pick(rng, VERBS), pick(rng, OBJECTS)),
        },
    }
}

/// Returns a paragraph of three to six sentences.
pub fn paragraph(rng: &mut ChaCha8Rng, abbreviations: &[String]) -> String {
    let count = rng.random_range(3..=6);
    (0..count).map(|_| sentence(rng, abbreviations)).collect::<Vec<_>>().join(" ")
}

/// Returns a short sentence without a final full stop, for list items and titles.
pub fn phrase(rng: &mut ChaCha8Rng) -> String {
    let mut text = format!("{} {}", pick(rng, SIGNS), pick(rng, ADVERBIALS));
    if let Some(first) = text.get(..1) {
        text = first.to_uppercase() + &text[1..];
    }
    text
}

/// Returns a place name made from two parts, such as `Oostveen` or `Peelwâld`.
pub fn place_name(index: usize) -> String {
    let start = PLACE_STARTS[index % PLACE_STARTS.len()];
    let end = PLACE_ENDS[(index / PLACE_STARTS.len()) % PLACE_ENDS.len()];
    let round = index / (PLACE_STARTS.len() * PLACE_ENDS.len());
    let name = format!("{start}{end}");
    if round == 0 {
        name
    } else {
        format!("{name} {}", round + 1)
    }
}

/// Makes an id from Dutch text: lower-case ASCII letters and digits joined by hyphens.
pub fn to_id(text: &str) -> String {
    // The heading slug of the renderer folds diacritics the same way.
    let slug = baken::render::markdown::slugify(text);
    let mut id = String::with_capacity(slug.len());
    for c in slug.chars() {
        if c == '-' && (id.is_empty() || id.ends_with('-')) {
            continue;
        }
        id.push(c);
    }
    id.trim_end_matches('-').to_string()
}

/// Returns `text` as a double-quoted YAML scalar.
pub fn quoted(text: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(text).expect("strings serialize")
}
