//! What the policies page receives, formatted on the server in the
//! request's language.

use domain::policies::PolicyForm;
use serde::{Deserialize, Serialize};

/// One version of the schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionLine {
    pub id: i64,
    /// "France, décret 2025 · version 2".
    pub label: String,
    /// "En vigueur", "Programmée", "Remplacée".
    pub state: String,
    /// "Depuis le …", "À partir du …".
    pub starts: String,
    /// What it grants, in one sentence.
    pub grants: String,
    pub caps: String,
    pub departements: String,
    /// "12 dépôts".
    pub deposits: String,
    /// Its day has not come: the team may take it back.
    pub cancellable: bool,
}

/// A preset a new version may start from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PresetLink {
    pub name: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoliciesView {
    pub versions: Vec<VersionLine>,
    /// The new version's form, filled from `starting_from`.
    pub form: PolicyForm,
    pub starting_from: String,
    pub presets: Vec<PresetLink>,
}
