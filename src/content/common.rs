//! Values shared by several content kinds: forms of exploitation and audiences.

use serde::{Deserialize, Serialize};

/// A form of exploitation as the regional policy abbreviates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
pub enum Form {
    /// Seksuele uitbuiting.
    SU,
    /// Arbeidsuitbuiting.
    AU,
    /// Criminele uitbuiting.
    CU,
    /// Gedwongen orgaanverwijdering.
    OV,
}

impl Form {
    pub const ALL: [Form; 4] = [Form::SU, Form::AU, Form::CU, Form::OV];

    /// Full Dutch name, for example `Seksuele uitbuiting`.
    pub fn label(self) -> &'static str {
        match self {
            Form::SU => "Seksuele uitbuiting",
            Form::AU => "Arbeidsuitbuiting",
            Form::CU => "Criminele uitbuiting",
            Form::OV => "Gedwongen orgaanverwijdering",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Form::SU => "SU",
            Form::AU => "AU",
            Form::CU => "CU",
            Form::OV => "OV",
        }
    }
}

/// The reader a page or route outcome is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Municipal staff.
    Medewerker,
    /// Aandachtsfunctionaris mensenhandel.
    Af,
    /// Citizens.
    Burger,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Medewerker, Audience::Af, Audience::Burger];

    pub fn slug(self) -> &'static str {
        match self {
            Audience::Medewerker => "medewerker",
            Audience::Af => "af",
            Audience::Burger => "burger",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Audience::Medewerker => "Voor medewerkers van de gemeente",
            Audience::Af => "Voor aandachtsfunctionarissen",
            Audience::Burger => "Voor inwoners",
        }
    }
}
