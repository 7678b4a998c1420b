//! The municipalities of the region in `gemeenten.yaml`.

use serde::{Deserialize, Serialize};

use super::partner::{is_blank, Contact};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Gemeente {
    pub id: String,
    pub name: String,
    pub af: Slot<Contact>,
    pub wijkagent: Slot<Contact>,
    pub zorg_welzijn: Slot<Vec<LocalCare>>,
    pub zorgcoordinatie: Slot<String>,
    pub zvh: Slot<String>,
}

/// A value that is either filled in or left as the blank `in te vullen`.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Slot<T> {
    Blank,
    Filled(T),
}

impl<T> Slot<T> {
    pub fn filled(&self) -> Option<&T> {
        match self {
            Slot::Blank => None,
            Slot::Filled(value) => Some(value),
        }
    }
}

/// A local care organisation: a partner id or a contact of its own.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum LocalCare {
    Partner(String),
    Contact(Contact),
}

impl<'de> Deserialize<'de> for LocalCare {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LocalCareVisitor;
        impl<'de> serde::de::Visitor<'de> for LocalCareVisitor {
            type Value = LocalCare;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a partner id or a contact with a label")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<LocalCare, E> {
                Ok(LocalCare::Partner(value.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<LocalCare, A::Error> {
                let contact = Contact::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(LocalCare::Contact(contact))
            }
        }
        deserializer.deserialize_any(LocalCareVisitor)
    }
}

/// Deserializes the blank marker as [`Slot::Blank`] and anything else as `T`,
/// keeping serde_yaml's positions for errors inside `T`.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Slot<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer};
        struct SlotVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for SlotVisitor<T> {
            type Value = Slot<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value or the text `in te vullen`")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Slot<T>, E> {
                if is_blank(value) {
                    return Ok(Slot::Blank);
                }
                T::deserialize(StrDeserializer::new(value)).map(Slot::Filled)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Slot<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Slot::Filled)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Slot<T>, A::Error> {
                T::deserialize(SeqAccessDeserializer::new(seq)).map(Slot::Filled)
            }
        }
        deserializer.deserialize_any(SlotVisitor(std::marker::PhantomData))
    }
}
